import assert from 'node:assert/strict';
import { CUT_MARK, decodeXml, findXmlSpans } from '../../server/src/decode/xml';
import { xmlExplainer } from '../../server/src/explain/xml';
import {
  MADM_NEW_INCOMING_CONTACT,
  MIVR_PARSE_EXTENSION,
  RUNTIME_NOTIFICATION_SUCCEEDED,
} from './fixtures/seedRecords';
import { explainContext, soleHover } from './helpers/explain';
import { outsideCode } from './helpers/markdown';

/** Step 10's contact written whole, with the fields UCCX lists for it in step 11's ContactEvent. */
const WHOLE_CONTACT_XML = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<contactXML>',
  '<author>Jayant Suneja</author>',
  '<extensionFields><extensionField><name>AddressLine1</name><value>1900</value></extensionField>',
  '<extensionField><name>C&#233;dula</name><value>Bill Issue</value></extensionField>',
  '<extensionField><name>ccxqueuetag</name><value>Chat_Csq1</value></extensionField></extensionFields>',
  '<id>0D66B2241000016500235A740A4E5BA6</id>',
  '<refURL>http://sm-fqdn/results.jsp?scID=0D66B2241000016500235A740A4E5BA6&campaignID=CCX_Chat_Campaign</refURL>',
  '<tags><tag>ccx_chat_req</tag></tags>',
  '<title>CCX_Chat &amp; more</title>',
  '</contactXML>',
].join('\n');

function hover(record: string, recordLine = 0): string {
  return soleHover(
    xmlExplainer,
    record,
    () => explainContext('file:///logs/Cisco001MADM012.log', recordLine),
    'one XML span',
  );
}

describe('XML in records: finding it', () => {
  it('starts at the declaration after the log text (MADM step 10) and runs to the cut', () => {
    const spans = findXmlSpans(MADM_NEW_INCOMING_CONTACT);
    assert.deepEqual(spans, [
      { start: MADM_NEW_INCOMING_CONTACT.indexOf('<?xml'), end: MADM_NEW_INCOMING_CONTACT.length, complete: false },
    ]);
  });

  it('skips <https://...> and <a href=)] before the SocialContact (runtime step 9)', () => {
    const [span, ...rest] = findXmlSpans(RUNTIME_NOTIFICATION_SUCCEEDED);
    assert.deepEqual(rest, []);
    assert.equal(span?.start, RUNTIME_NOTIFICATION_SUCCEEDED.indexOf('<SocialContact>'));
  });

  it('finds a whole XML text and ends at its root closing tag', () => {
    const record = `ServiceLogger: New incoming contact : ${WHOLE_CONTACT_XML} (end)`;
    const [span] = findXmlSpans(record);
    assert.equal(span && record.slice(span.start, span.end), WHOLE_CONTACT_XML);
    assert.equal(span?.complete, true);
  });

  it('takes no prose or log syntax for XML', () => {
    const records = [
      'https://<SOCIALMINER>/ccp/ui/BubbleChat.html?host=<SOCIALMINER>&wid=<WIDGET_ID>&secure=true',
      'Fetching bubble chat config from hook url: <https://uccx-fqdn/uccx-webservices/chat/config/1>',
      '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:listener-event-pool] <@> ProcessId:5436 <@>',
      'if a<b and c>d then <b>bold</b>',
      'screenPopUrl=<a href=)] <br/>',
    ];
    for (const record of records) assert.deepEqual(findXmlSpans(record), [], record);
  });
});

describe('XML: the seed records', () => {
  it('MADM step 10: contactXML with its fields, the lost closing tags repaired, cut at <tags>', () => {
    const start = MADM_NEW_INCOMING_CONTACT.indexOf('<?xml');
    const { value, problems } = decodeXml(MADM_NEW_INCOMING_CONTACT, start);
    assert.equal(value.root, 'contactXML');
    assert.equal(value.declaration, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
    assert.equal(value.complete, false);
    assert.deepEqual(value.notable, {
      id: '0D66B2241000016500235A740A4E5BA6',
      author: 'Jayant Suneja',
      publishedDate: 1533528158684,
      statusTimestamp: 1533528158756,
    });
    assert.deepEqual(
      value.fields.map((f) => f.name),
      [
        'author',
        'id',
        'integrationAuthTokenGUID',
        'notificationTag',
        'publishedDate',
        'refURL',
        'replyTemplateURL',
        'sourceType',
        'status',
        'statusReason',
        'statusTimestamp',
        'tags',
      ],
    );
    assert.equal(
      value.fields.find((f) => f.name === 'refURL')?.value,
      'http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6',
    );
    assert.deepEqual(value.extensionFields, []);
    assert.deepEqual(
      value.repairs.map((r) => [r.message, r.position?.line]),
      [
        ["expected </refURL>, found '>' at the end of its text: read as the closing tag, which was lost", 9],
        ["expected </replyTemplateURL>, found '>' at the end of its text: read as the closing tag, which was lost", 10],
      ],
    );
    assert.deepEqual(value.stop, {
      offset: MADM_NEW_INCOMING_CONTACT.length,
      line: 14,
      column: 6,
      reason: 'expected </tags> (and 1 more closing tag), found the end of the text',
      openElements: ['contactXML', 'tags'],
    });
    assert.equal(problems.length, 3);
    assert.ok(value.pretty.text.endsWith(`  <tags>\n    ${CUT_MARK}\n  </tags>\n</contactXML>`));
    assert.ok(
      value.pretty.text.startsWith(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<contactXML>\n  <author>Jayant Suneja</author>\n',
      ),
    );
  });

  it('MIVR step 18: the extension fields, C#233;dula read as Cédula, the rating', () => {
    const start = MIVR_PARSE_EXTENSION.indexOf('<SocialContact>');
    const { value } = decodeXml(MIVR_PARSE_EXTENSION, start);
    assert.equal(value.root, 'SocialContact');
    assert.deepEqual(value.fields, [{ name: 'campaignPublicId', value: 'CCX_Chat_Campaign' }]);
    assert.deepEqual(value.extensionFields, [
      { name: 'h_chatRoom', value: 'socialminer_chat.16@conference.127.0.0.1' },
      { name: 'h_chatOrigin', value: 'CISCO_BUBBLE' },
      { name: 'Cédula', value: 'Bill Issue' },
      { name: 'Details', value: 'Test Bubble Chat' },
      { name: 'PhoneNumber', value: '97xxxxxxxx' },
      { name: 'h_agentName', value: 'Jabber@ge.nt1' },
      { name: 'h_rating', value: '4' },
    ]);
    assert.deepEqual(value.repairs, [
      { message: `read "C#233;dula" as "Cédula": a character reference that lost its '&'` },
    ]);
    assert.deepEqual(value.stop?.openElements, ['SocialContact', 'extensionFields', 'extensionField']);
    assert.equal(value.stop?.reason, 'expected </extensionField> (and 2 more closing tags), found the end of the text');
    assert.ok(value.pretty.text.includes(`      <value>4</value>\n      ${CUT_MARK}\n    </extensionField>`));
  });

  it('runtime step 9: author, empty description and the extension fields read before the cut', () => {
    const start = RUNTIME_NOTIFICATION_SUCCEEDED.indexOf('<SocialContact>');
    const { value } = decodeXml(RUNTIME_NOTIFICATION_SUCCEEDED, start);
    assert.deepEqual(value.fields, [
      { name: 'author', value: 'Jayant Suneja' },
      { name: 'description', value: '' },
    ]);
    assert.deepEqual(value.extensionFields, [
      { name: 'AddressLine1', value: '1900' },
      { name: 'AddressLine2', value: '9th street' },
    ]);
    assert.equal(value.stop?.line, 12);
    assert.deepEqual(value.repairs, []);
  });

  it('a whole contactXML: complete, entities and bare & in values, nested lists left out of the fields', () => {
    const { value, problems } = decodeXml(WHOLE_CONTACT_XML);
    assert.deepEqual(problems, []);
    assert.equal(value.complete, true);
    assert.equal(value.stop, undefined);
    assert.deepEqual(value.extensionFields, [
      { name: 'AddressLine1', value: '1900' },
      { name: 'Cédula', value: 'Bill Issue' },
      { name: 'ccxqueuetag', value: 'Chat_Csq1' },
    ]);
    assert.deepEqual(value.fields, [
      { name: 'author', value: 'Jayant Suneja' },
      { name: 'id', value: '0D66B2241000016500235A740A4E5BA6' },
      {
        name: 'refURL',
        value: 'http://sm-fqdn/results.jsp?scID=0D66B2241000016500235A740A4E5BA6&campaignID=CCX_Chat_Campaign',
      },
      { name: 'title', value: 'CCX_Chat & more' },
    ]);
    assert.ok(value.pretty.text.includes('  <tags>\n    <tag>ccx_chat_req</tag>\n  </tags>\n'));
    assert.ok(!value.pretty.text.includes(CUT_MARK));
  });
});

describe('XML: broken input', () => {
  it('cut inside a start tag: what parsed and where it stopped', () => {
    const record =
      '<SocialContact><author>Jayant Suneja</author><extensionFields><extensionField><name>Email</name><value type="pl';
    const { value } = decodeXml(record);
    assert.deepEqual(value.extensionFields, [{ name: 'Email', value: '' }]);
    assert.deepEqual(value.stop && [value.stop.offset, value.stop.reason], [
      record.indexOf('<value'),
      "expected '>' closing the start tag, found the end of the text",
    ]);
  });

  it('cut inside a text: the text so far is kept', () => {
    const { value } = decodeXml(
      '<SocialContact><extensionFields><extensionField><name>AddressLine2</name><value>9th str',
    );
    assert.deepEqual(value.extensionFields, [{ name: 'AddressLine2', value: '9th str' }]);
  });

  it('a closing tag for an outer element closes the inner ones, and says so', () => {
    const { value } = decodeXml('<a><b><c>x</b><d>y</d></a>');
    assert.equal(value.complete, true);
    assert.equal(value.pretty.text, '<a>\n  <b>\n    <c>x</c>\n  </b>\n  <d>y</d>\n</a>');
    assert.deepEqual(
      value.repairs.map((r) => r.message),
      ['expected </c>, found </b>: <c> read as closed here'],
    );
  });

  it('a stray closing tag is skipped and a stray < is read as text', () => {
    const { value } = decodeXml('<a><b>1 < 2</b></x><c>3</c></a>');
    assert.deepEqual(value.fields, [
      { name: 'b', value: '1 < 2' },
      { name: 'c', value: '3' },
    ]);
    assert.deepEqual(
      value.repairs.map((r) => r.message),
      [
        `expected a tag after '<', found "< 2</b></x><": read as text`,
        'expected </a>, found </x>, which closes nothing: skipped',
      ],
    );
  });

  it('element and attribute names that are JavaScript prototype keys read back as written', () => {
    const { value, problems } = decodeXml(
      '<constructor prototype="1"><__proto__>x</__proto__><toString>y</toString></constructor>',
    );
    assert.deepEqual(problems, []);
    assert.equal(
      value.pretty.text,
      '<constructor prototype="1">\n  <__proto__>x</__proto__>\n  <toString>y</toString>\n</constructor>',
    );
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
  });

  it('reads userExtensionField like extensionField', () => {
    const { value } = decodeXml(
      '<contactXML><title>CCX_Chat</title><userExtensionFields><userExtensionField><name>Tel&#233;fono</name>' +
        '<value>n/a</value></userExtensionField></userExtensionFields></contactXML>',
    );
    assert.deepEqual(value.extensionFields, [{ name: 'Teléfono', value: 'n/a' }]);
  });

  it('no XML at the offset: an empty value and the problem', () => {
    const { value, problems } = decodeXml('plain text', 0);
    assert.equal(value.root, '');
    assert.deepEqual(problems, ['expected an XML declaration or start tag, found "plain text"']);
  });

  it('collapses a huge XML text in the pretty print', () => {
    const record =
      '<SocialContact><extensionFields>' +
      '<extensionField><name>n</name><value>v</value></extensionField>'.repeat(500) +
      '</extensionFields></SocialContact>';
    const { value } = decodeXml(record);
    assert.equal(value.complete, true);
    assert.equal(value.extensionFields.length, 200);
    assert.equal(value.pretty.truncated, true);
    assert.equal(value.pretty.lines, 40);
  });
});

describe('XML hover', () => {
  it('heading, key fields, extension fields, the XML, where it stopped', () => {
    const md = hover(MIVR_PARSE_EXTENSION, 3722000);
    assert.ok(
      md.startsWith(
        '**&lt;SocialContact&gt;** \\(incomplete\\)\n\n| Field | Value |\n|---|---|\n| campaignPublicId | CCX\\_Chat\\_Campaign |',
      ),
    );
    assert.ok(
      md.includes(
        '| Name | Value |\n|---|---|\n| h\\_chatRoom | socialminer\\_chat\\.16\\@conference\\.127\\.0\\.0\\.1 |',
      ),
    );
    assert.ok(md.includes('| Cédula | Bill Issue |'));
    assert.ok(md.includes('| h\\_rating | 4 |'));
    assert.ok(md.includes('```xml\n<SocialContact>\n  <campaignPublicId>CCX_Chat_Campaign</campaignPublicId>'));
    assert.ok(
      md.includes(`Stopped at [line 3722001, column ${MIVR_PARSE_EXTENSION.length + 1}](command:ccLogs.revealLine?`),
    );
    assert.ok(md.includes('**Read with repairs**\n\n- read \\"C\\#233;dula\\" as \\"Cédula\\"'));
  });

  it('links each repair to its line in the document', () => {
    const md = hover(MADM_NEW_INCOMING_CONTACT, 7199570);
    assert.ok(md.includes('which was lost ([line 7199580, column 1](command:ccLogs.revealLine?'));
    assert.ok(md.includes(encodeURIComponent('"line":7199579')));
  });

  it('keeps hostile values inert', () => {
    const evil = '[x](command:ccLogs.revealLine?%5B%5D) &lt;img src=x onerror=alert(1)&gt; ``` `tick`';
    const record = `<SocialContact><author>${evil}</author><extensionFields><extensionField><name>${evil}</name><value>${evil}</value></extensionField></extensionFields></SocialContact>`;
    const md = hover(record);
    const outside = outsideCode(md);
    assert.ok(!outside.includes('<img'));
    assert.ok(!outside.includes('](command:'));
    assert.ok(
      outside.includes(
        '\\[x\\]\\(command\\:ccLogs\\.revealLine?\\%5B\\%5D\\) &lt;img src\\=x onerror\\=alert\\(1\\)&gt;',
      ),
    );
    assert.match(md, /^(`{4,})xml$/m, 'a fence longer than the ``` inside');
  });
});
