import assert from 'node:assert/strict';
import { decodeJson, findJsonSpans } from '../../server/src/decode/json';
import { jsonExplainer } from '../../server/src/explain/json';
import {
  BUBBLE_CHAT_CONSOLE_RECORD as CONSOLE_RECORD,
  BUBBLE_CHAT_JSON,
  ECE_INITIALIZE_JSON,
} from './fixtures/seedRecords';
import { explainContext, soleHover } from './helpers/explain';
import { outsideCode } from './helpers/markdown';

const CONSOLE_JSON_START = CONSOLE_RECORD.indexOf('{');

/** The one JSON hover of a record. */
function hover(record: string, recordLine = 0): string {
  return soleHover(
    jsonExplainer,
    record,
    () => explainContext('file:///logs/console-export-2018-8-6_9-34-10.log', recordLine),
    'one JSON span',
  );
}

/** The record cut just after the first occurrence of `marker`. */
function cutAfter(record: string, marker: string): string {
  const at = record.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} is in the record`);
  return record.slice(0, at + marker.length);
}

describe('JSON in records: finding it', () => {
  it('finds the widget configuration after the request line and "Response:", not the [HTTP/1.1 ...] status', () => {
    const spans = findJsonSpans(CONSOLE_RECORD);
    assert.deepEqual(spans, [{ start: CONSOLE_JSON_START, end: CONSOLE_RECORD.length, closed: true }]);
  });

  it('finds JSON after text on the same line and stops at its closing brace', () => {
    const record =
      '2019-08-19 13:34:09.773 GMT+0000 <@> DEBUG <@> response {"checkEligibility": {"responseType": 1}} sent <@>';
    const [span] = findJsonSpans(record);
    assert.ok(span);
    assert.equal(record.slice(span.start, span.end), '{"checkEligibility": {"responseType": 1}}');
  });

  it('finds JSON pretty-printed over the lines of a record', () => {
    const record = 'API response:\n' + ECE_INITIALIZE_JSON + '\n';
    const [span] = findJsonSpans(record);
    assert.ok(span);
    assert.equal(record.slice(span.start, span.end), ECE_INITIALIZE_JSON);
  });

  it('ignores brackets of log text: thread names, %[key=value] fields, Java toString', () => {
    const records = [
      '7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14] ServiceLogger:',
      '0000001142: 10.78.91.166: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED: %[Room=socialminer_chat.16@conference.127.0.0.1][Session=3F8B8C08D7E8144C7B1AD7AF144A4C1E]: Chat created',
      'ContactEvent [operation=ADD, contactXML=ContactXML [author=Jayant Suneja, tags=[ccx_chat_req]]]',
      'zone=sun.util.calendar.ZoneInfo[id="GMT",offset=0,dstSavings=0] {key=value}',
    ];
    for (const record of records) assert.deepEqual(findJsonSpans(record), [], record);
  });

  it('takes a JSON array only when it parses whole', () => {
    assert.deepEqual(findJsonSpans('formFields ["Title", "Name"] end'), [{ start: 11, end: 28, closed: true }]);
    assert.deepEqual(findJsonSpans('formFields ["Title", "Name" end'), []);
  });

  it('finds several JSON texts in one record without overlap', () => {
    const record = 'request {"wid": 1} response {"id": 1, "nested": {"a": [1]}}';
    assert.deepEqual(
      findJsonSpans(record).map((s) => record.slice(s.start, s.end)),
      ['{"wid": 1}', '{"id": 1, "nested": {"a": [1]}}'],
    );
  });

  it('runs a cut-off text to the end of the record', () => {
    const record = cutAfter(CONSOLE_RECORD, '"formFields": [ "Title", ') + '  \n';
    const [span] = findJsonSpans(record);
    assert.ok(span);
    assert.equal(span.closed, false);
    assert.equal(span.end, record.trimEnd().length);
  });
});

describe('JSON: the bubble chat widget configuration (UCCX/SocialMiner seed, step 5)', () => {
  const decoded = decodeJson(CONSOLE_RECORD, CONSOLE_JSON_START);

  it('parses whole and is recognised by its shape', () => {
    assert.deepEqual(decoded.problems, []);
    assert.equal(decoded.value.parsed.complete, true);
    assert.equal(decoded.value.kind, 'bubble-chat-config');
  });

  it('reads widget name, id, feed and flags', () => {
    assert.equal(decoded.value.kind, 'bubble-chat-config');
    if (decoded.value.kind !== 'bubble-chat-config') return;
    const config = decoded.value.bubbleChat;
    assert.equal(config.name, 'Bubble1162');
    assert.equal(config.id, '1');
    assert.equal(config.feedId, '100000');
    assert.equal(config.postChatRatingEnabled, true);
    assert.equal(config.proactiveChat, false);
    assert.equal(config.contextServiceFieldSets, '');
    assert.equal(config.fontFace, 'Helvetica');
    assert.deepEqual(config.unexpected, []);
  });

  it('reads each problem statement with the CSQ it routes to', () => {
    if (decoded.value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    const config = decoded.value.bubbleChat;
    assert.equal(config.problemStatementCaption, 'Choose a problem statement');
    assert.deepEqual(config.problemStatements, [
      { statement: 'Insuarance', csq: 'Chat_Csq1' },
      { statement: 'Debit', csq: 'Chat_Csq1' },
      { statement: 'Credit', csq: 'Chat_Csq1' },
      { statement: 'Account', csq: 'Chat_Csq1' },
    ]);
  });

  it('reads the form fields, decoding \\u00e9 and keeping how it was written', () => {
    if (decoded.value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    const fields = decoded.value.bubbleChat.formFields;
    assert.deepEqual(
      fields.map((f) => f.name),
      [
        'Title',
        'Name',
        'Details',
        'Email',
        'PhoneNumber',
        'AddressLine1',
        'AddressLine2',
        'Anything important to note',
        'Teléfono',
        'Cédula',
      ],
    );
    assert.deepEqual(fields[8], { name: 'Teléfono', written: 'Tel\\u00e9fono' });
    assert.deepEqual(fields[0], { name: 'Title' });
  });

  it('lists the 16 message templates with their ${agent_alias} placeholders', () => {
    if (decoded.value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    const messages = decoded.value.bubbleChat.messages;
    assert.equal(messages.length, 16);
    assert.deepEqual(
      messages.find((m) => m.key === 'agentLeftMsg'),
      {
        key: 'agentLeftMsg',
        text: '${agent_alias} has left the chat',
        placeholders: ['${agent_alias}'],
      },
    );
    assert.deepEqual(
      messages.filter((m) => m.placeholders.length > 0).map((m) => m.key),
      ['agentLeftMsg', 'agentJoinedMsg'],
    );
  });

  it('separates the colours from the other bubble style texts', () => {
    if (decoded.value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    const config = decoded.value.bubbleChat;
    assert.deepEqual(config.colours, [
      { key: 'titleTextColor', value: '#0AB7D7' },
      { key: 'buttonTextColor', value: '#FFFFFF' },
      { key: 'buttonBackgroundColor', value: '#0AB7D7' },
      { key: 'agentMessageTextColor', value: '#FFFFFF' },
      { key: 'agentMessageBackgroundColor', value: '#0AC391' },
    ]);
    assert.deepEqual(config.styleTexts, [
      { key: 'titleText', text: 'CCBU Care Startup' },
      { key: 'buttonText', text: 'Start Chat' },
      { key: 'problemStmntCaption', text: 'Choose a problem statement' },
      { key: 'afterResumeNewChatMsg', text: 'New Message' },
    ]);
  });

  it('lists keys outside the known shape generically', () => {
    const record = BUBBLE_CHAT_JSON.replace(
      '"proactiveChat": false',
      '"proactiveChat": false, "queueTag": {"x": 1}',
    ).replace('"fontFace": "Helvetica"', '"fontFace": "Helvetica", "fontSize": 14');
    const { value } = decodeJson(record);
    if (value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    assert.deepEqual(value.bubbleChat.unexpected, [
      { path: 'queueTag', value: '{"x": 1}' },
      { path: 'chatForm.bubbleStyle.fontSize', value: '14' },
    ]);
  });

  it('renders a structured hover: identity, flags, statements, fields, messages, colours', () => {
    const md = hover(CONSOLE_RECORD);
    assert.match(md, /^\*\*Bubble chat widget configuration\*\*/);
    assert.ok(md.includes('Widget `Bubble1162` · id `1` · feed `100000`'));
    assert.ok(md.includes('Post-chat rating: **on** · Proactive chat: **off** · Font: `Helvetica`'));
    assert.ok(md.includes('| Problem statement | CSQ |\n|---|---|\n| Insuarance | Chat\\_Csq1 |'));
    assert.ok(md.includes('- Teléfono (written `Tel\\u00e9fono`)'));
    assert.ok(md.includes('| agentLeftMsg | `${agent_alias}` has left the chat |'));
    assert.ok(md.includes('| agentMessageBackgroundColor | `#0AC391` |'));
    assert.ok(!md.includes('Stopped at'));
  });
});

describe('JSON: the ECE chat entry point initialize response', () => {
  const record =
    'GET http://ece-web/system/egain/chat/entrypoint/initialize/1001\nAPI response:\n' + ECE_INITIALIZE_JSON;

  it('explains responseType and reads every field', () => {
    const { value, problems } = decodeJson(record, record.indexOf('{'));
    assert.deepEqual(problems, []);
    if (value.kind !== 'ece-chat-initialize') return assert.fail(`recognised as ${value.kind}`);
    const response = value.eceInitialize;
    assert.equal(response.responseType, 0);
    assert.match(
      response.availability ?? '',
      /chat is offered: an agent is available for chat, or the queue depth is not yet reached/,
    );
    assert.equal(response.fields.length, 13);
    assert.deepEqual(
      response.fields.find((f) => f.path === 'isDirectAudioChatEnabled'),
      {
        path: 'isDirectAudioChatEnabled',
        value: 'true (yes)',
        meaning: 'direct audio chat is enabled',
        documented: false,
      },
    );
    assert.equal(response.fields.find((f) => f.path === 'checkEligibility.responseType')?.documented, true);
    assert.equal(
      response.fields.find((f) => f.path === 'htmlTagMatcherRegex')?.value,
      '((?:[\\r\\n\\n]*(<[>]*>)*[\\r\\n\\n]*)*',
    );
    assert.deepEqual(response.unexpected, []);
  });

  it("takes the entry point from the log's own words too", () => {
    const md = hover('EntryPointResource <@> initialize <@> Response for entry point 1002:\n' + ECE_INITIALIZE_JSON);
    assert.ok(md.startsWith('**ECE chat entry point initialize response \\(entry point 1002\\)**'));
  });

  it('explains the other documented response types and flags unknown ones', () => {
    const meaning = (n: number): string | undefined => {
      const { value } = decodeJson(`{"checkEligibility": {"responseType": ${n}}}`);
      return value.kind === 'ece-chat-initialize' ? value.eceInitialize.availability : undefined;
    };
    assert.equal(meaning(1), 'no agent is available');
    assert.equal(meaning(2), 'the maximum queue depth is reached');
    assert.equal(meaning(7), 'not a value the documentation lists (it lists 0, 1 and 2)');
  });

  it('renders a table, marking meanings read from the name only, with the entry point from the request', () => {
    const md = hover(record);
    assert.ok(md.startsWith('**ECE chat entry point initialize response \\(entry point 1001\\)**'));
    assert.ok(md.includes('Availability: `responseType = 0`: chat is offered'));
    assert.ok(md.includes('| `isVideoChatLicensed` | `false (no)` | video chat is licensed *(from the name only)* |'));
    assert.ok(md.includes('| `checkEligibility.responseType` | `0` | agent availability'));
    assert.ok(
      !md.includes(
        'responseType` | `0` | agent availability for the entry point at the time of the request \\(see the value\\) *(from',
      ),
    );
    assert.ok(md.includes('does not say how many agents are available'));
  });

  it('gives the line and column in the document where invalid JSON stopped', () => {
    const broken = record.replace('"isVideoChatEnabled": false', '"isVideoChatEnabled": flase');
    // Record lines: 0 GET, 1 API response:, 2 {, ... 10 "isVideoChatEnabled" (value at column 24).
    const { value } = decodeJson(broken, broken.indexOf('{'));
    assert.deepEqual(
      { line: value.parsed.stop?.line, column: value.parsed.stop?.column, reason: value.parsed.stop?.reason },
      { line: 10, column: 24, reason: 'expected a JSON value or punctuation, found "flase"' },
    );
    const md = hover(broken, 500);
    assert.ok(md.includes('\\(incomplete\\)'));
    assert.ok(md.includes('Stopped at [line 511, column 25](command:ccLogs.revealLine?'));
    assert.ok(md.includes(encodeURIComponent('"line":510')));
  });
});

describe('JSON: cut off and invalid', () => {
  it('cut inside a message: keeps what parsed, marks the partial text, says where it stopped', () => {
    const record = cutAfter(CONSOLE_RECORD, '"agentLeftMsg": "${agent_al');
    const { value } = decodeJson(record, CONSOLE_JSON_START);
    assert.equal(value.parsed.complete, false);
    assert.deepEqual(value.parsed.stop && { offset: value.parsed.stop.offset, reason: value.parsed.stop.reason }, {
      offset: record.length,
      reason: `expected '"' closing the string, found the end of the text`,
    });
    if (value.kind !== 'bubble-chat-config') return assert.fail('a cut-off configuration is still recognised');
    assert.equal(value.bubbleChat.feedId, '100000');
    assert.equal(value.bubbleChat.messages.length, 6);
    assert.deepEqual(value.bubbleChat.messages[5], { key: 'agentLeftMsg', text: '${agent_al…', placeholders: [] });
  });

  it('cut inside the form fields: the fields read so far and all colours', () => {
    const record = cutAfter(CONSOLE_RECORD, '"formFields": [ "Title", "Name", ');
    const { value, problems } = decodeJson(record, CONSOLE_JSON_START);
    if (value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    assert.deepEqual(
      value.bubbleChat.formFields.map((f) => f.name),
      ['Title', 'Name'],
    );
    assert.equal(value.bubbleChat.colours.length, 5);
    assert.equal(value.parsed.stop?.reason, 'expected a value, found the end of the text');
    assert.equal(value.parsed.stop?.line, 2);
    // One problem per unclosed level, each said once.
    assert.deepEqual(
      problems.map((p) => p.replace(/ \(line.*$/, '')),
      [
        'expected a value, found the end of the text',
        "expected ']' closing the array, found the end of the text",
        "expected '}' closing the object, found the end of the text",
      ],
    );
  });

  it('cut inside a problem statement: the statement without its CSQ', () => {
    const record = cutAfter(CONSOLE_RECORD, '{ "statement": "Debit", "csq');
    const { value } = decodeJson(record, CONSOLE_JSON_START);
    if (value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    assert.deepEqual(value.bubbleChat.problemStatements, [
      { statement: 'Insuarance', csq: 'Chat_Csq1' },
      { statement: 'Debit', csq: '(missing)' },
    ]);
    assert.deepEqual(value.bubbleChat.unexpected, []);
  });

  it('cut before the last brace: everything but the close', () => {
    const record = CONSOLE_RECORD.slice(0, -2);
    const { value } = decodeJson(record, CONSOLE_JSON_START);
    if (value.kind !== 'bubble-chat-config') return assert.fail('not recognised');
    assert.equal(value.bubbleChat.name, 'Bubble1162');
    assert.equal(value.bubbleChat.id, '1');
    assert.equal(value.parsed.stop?.reason, "expected '}' closing the object, found the end of the text");
  });

  it('cut off generic JSON renders the part that parsed and where it stopped', () => {
    const record = 'Response: {"status": 200, "items": [{"id": 7, "name": "first"}, {"id": 8, "na';
    const md = hover(record, 41);
    assert.ok(md.startsWith('**JSON \\(incomplete\\)** object, 2 properties read before it stopped'));
    assert.ok(md.includes('The part that parsed:'));
    assert.ok(md.includes('```json\n{\n  "status": 200,\n  "items": [\n    {\n      "id": 7,'));
    assert.ok(md.includes(`Stopped at [line 42, column ${record.length + 1}]`));
  });

  it('reports a doubled comma, a missing colon and single quotes as "expected X, found Y"', () => {
    const stop = (text: string): string | undefined => decodeJson(text).value.parsed.stop?.reason;
    assert.equal(stop('{"a": 1,, "b": 2}'), `expected a property name in double quotes, found ","`);
    assert.equal(stop('{"a" 1, "b": 2}'), `expected ':' after the property name, found "1"`);
    assert.equal(stop(`{"a": 'x'}`), `expected a JSON value or punctuation, found "'x'"`);
    assert.equal(stop('{"a": 1 "b": 2}'), `expected ',' between items, found "\\"b\\""`);
    assert.equal(stop('{"a": 1.}'), 'expected more digits, found "}"');
    assert.equal(stop('{"a": [1, 2,]}'), 'expected a value, found "]"');
    assert.equal(stop('{"a": /* note */ 1}'), 'expected no comment (JSON has none), found "/* note */"');
    assert.equal(stop('{"a": "b\nc"}'), `expected '"' closing the string, found the end of the line`);
  });

  it('keeps what parsed around an error (recovery)', () => {
    const { value } = decodeJson('{"a": 1,, "b": 2}');
    assert.ok(value.pretty.text.includes('"b": 2'));
    assert.equal(value.parsed.complete, false);
  });

  it('keeps long numbers as written', () => {
    const { value } = decodeJson('{"contactId": 12345678901234567890, "ratio": 1.50}');
    assert.equal(value.pretty.text, '{\n  "contactId": 12345678901234567890,\n  "ratio": 1.50\n}');
  });
});

describe('JSON: limits', () => {
  it('cuts the pretty print of a huge value and says so', () => {
    const big = '{"items": [' + Array.from({ length: 500 }, (_, i) => `{"n": ${i}}`).join(', ') + ']}';
    const { value } = decodeJson(big);
    assert.equal(value.parsed.complete, true);
    assert.equal(value.pretty.truncated, true);
    assert.equal(value.pretty.lines, 80);
    const md = hover('Response: ' + big);
    assert.ok(md.includes('Showing the first 80 lines\\.'));
  });

  it('stops at 200 levels of nesting without recursing deeper', () => {
    const deep = '{"a": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    const { value } = decodeJson(deep);
    assert.equal(value.parsed.complete, false);
    assert.match(value.parsed.stop?.reason ?? '', /^expected at most 200 levels of nesting, found more/);
  });

  it('reads at most 1 MB of one JSON text', () => {
    const huge = '{"blob": "' + 'x'.repeat(1_100_000) + '"}';
    const { value } = decodeJson(huge);
    assert.equal(value.parsed.text.length, 1024 * 1024);
    assert.match(value.parsed.stop?.reason ?? '', /^expected the JSON to end within 1048576 characters/);
  });
});

describe('JSON hover: log text stays inert', () => {
  const evil = '[x](command:ccLogs.revealLine?%5B%5D) <img src=x onerror=alert(1)> ``` `tick` ${agent_alias}';

  it('escapes a hostile message and widget name in the structured hover', () => {
    const record = BUBBLE_CHAT_JSON.replace('Bubble1162', evil).replace(
      'Sorry, we are not available at the moment.',
      evil,
    );
    const md = hover(record);
    assert.ok(!outsideCode(md).includes('<img'), 'no raw HTML');
    assert.ok(!outsideCode(md).includes('](command:'), 'no link');
    assert.ok(
      md.includes(
        '\\[x\\]\\(command\\:ccLogs\\.revealLine?\\%5B\\%5D\\) &lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\`\\`\\`',
      ),
    );
    assert.ok(
      md.includes(
        'Widget ````[x](command:ccLogs.revealLine?%5B%5D) <img src=x onerror=alert(1)> ``` `tick` ${agent_alias}````',
      ),
    );
  });

  it('keeps hostile text inside a fence it cannot close in the pretty print', () => {
    const md = hover(`Response: {"note": ${JSON.stringify(evil)}}`);
    const fence = /^(`{3,})json$/m.exec(md)?.[1];
    assert.ok(fence && fence.length > 3, 'the fence is longer than the ``` inside');
    assert.ok(!outsideCode(md).includes('<img') && !outsideCode(md).includes('](command:'));
  });

  it('escapes hostile keys listed as unexpected and the text of parse errors', () => {
    const record = BUBBLE_CHAT_JSON.replace(
      '"proactiveChat": false',
      `"proactiveChat": false, ${JSON.stringify(evil)}: ${JSON.stringify(evil)}`,
    );
    const md = hover(record);
    assert.ok(md.includes('**Other fields**'));
    assert.ok(!outsideCode(md).includes('<img') && !outsideCode(md).includes('](command:'));
    const broken = hover(`Response: {"a": 1 <img src=x onerror=alert(1)>}`);
    assert.ok(!outsideCode(broken).includes('<img'));
    assert.equal((outsideCode(broken).match(/\]\(command:/g) ?? []).length, 1, 'only the stop position link');
  });
});
