import * as assert from 'node:assert/strict';
import {
  entryValue,
  findJavaToStringDumps,
  nameValuePairs,
  parseJavaToString,
  scalarText,
  type JavaObject,
  type JavaValue,
} from '../../server/src/decode/javaToString';
import { javaToStringExplainer } from '../../server/src/explain/javaToString';
import type { ExplainContext } from '../../server/src/explain/types';
import {
  CHAT_FEEDBACK_RECEIVED_TRIMMED as SM_FEEDBACK,
  MADM_JMS_CONTACT_EVENT as MADM_JMS,
  MIVR_CONTACT_NOTIFICATION as MIVR_NOTIFICATION,
  RUNTIME_NOTIFICATION_TO_AUTHOR as SM_NOTIFICATION,
} from './fixtures/seedRecords';
import { plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

const ctx: ExplainContext = {
  uri: 'file:///logs/Cisco001MADM012.log',
  recordLine: 0,
  instant: Date.UTC(2018, 7, 6, 4, 2, 39, 80),
  zoneOffsetMinutes: 330,
  zoneLabel: 'IST',
  findLines: () => [],
  lineText: () => undefined,
};

/** Markdown outside code spans must hold no HTML, links or images, and table rows keep their column count. */
function assertInert(md: string): void {
  let outside = '';
  for (let i = 0; i < md.length;) {
    if (md[i] === '`') {
      let n = 0;
      while (md[i + n] === '`') n++;
      const close = md.indexOf('`'.repeat(n), i + n);
      if (close >= 0 && md[close + n] !== '`') {
        outside += 'CODE';
        i = close + n;
        continue;
      }
    }
    outside += md[i++];
  }
  assert.doesNotMatch(outside, /<[a-z!/?]/i, 'raw HTML');
  assert.doesNotMatch(outside, /\]\(|!\[|\]\[/, 'link or image');
  for (const block of outside.split('\n\n')) {
    const rows = block.split('\n').filter((l) => l.startsWith('|'));
    const cells = rows.map((r) => r.replace(/\\\|/g, '').split('|').length);
    assert.ok(
      cells.every((c) => c === cells[0]),
      `table columns differ: ${rows.join(' / ')}`,
    );
  }
}

function fields(obj: JavaObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of obj.entries) if (e.name !== undefined) out[e.name] = scalarText(e.value) ?? `<${e.value.kind}>`;
  return out;
}

function asObject(v: JavaValue | undefined): JavaObject {
  assert.equal(v?.kind, 'object');
  return v as JavaObject;
}

describe('Java toString reader', () => {
  it('reads the ContactEvent of the JMS message, nested objects and lists included', () => {
    const [dump] = findJavaToStringDumps(MADM_JMS);
    assert.deepEqual(dump.problems, []);
    const event = dump.value;
    assert.equal(event.className, 'ContactEvent');
    assert.equal(MADM_JMS.slice(event.start, event.start + 14), 'ContactEvent [');
    assert.equal(event.end, MADM_JMS.length);
    assert.equal(scalarText(entryValue(event, 'operation')), 'ADD');
    const xml = asObject(entryValue(event, 'contactXML'));
    assert.equal(xml.className, 'ContactXML');
    assert.deepEqual(
      { ...fields(xml), userExtensionFields: undefined },
      {
        author: 'Jayant Suneja',
        id: '0D66B2241000016500235A740A4E5BA6',
        replyType: 'chat',
        notificationTag: 'ccx_chat_req',
        refURL: 'http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6',
        replyTemplateURL: 'http://sm-fqdn/multisession/ui/templates/reply/cisco\\_agent\\_ms\\_chat.jsp',
        integrationAuthTokenGUID: 'd64fe6ac-9687-4ecd-9f00-0e6ec02c6945',
        userExtensionFields: undefined,
        tags: '<list>',
        sourceType: 'chat',
        status: 'unread',
        statusReason: 'unknown',
        publishedDate: '1533528158684',
        title: 'CCX_Chat',
        campaignPublicId: 'null',
        statusTimestamp: '1533528158756',
      },
    );
    const ext = entryValue(xml, 'userExtensionFields');
    assert.equal(ext?.kind, 'list');
    const pairs = nameValuePairs(ext as Extract<JavaValue, { kind: 'list' }>);
    assert.equal(pairs?.length, 14);
    assert.deepEqual(pairs?.[2], { name: 'Anything important to note', value: 'Bill Issue' });
    assert.deepEqual(pairs?.[3], { name: 'Cédula', value: 'Bill Issue' });
    assert.deepEqual(pairs?.[12], { name: 'h_chatRoom', value: 'socialminer_chat.16@conference.127.0.0.1' });
    const tags = entryValue(xml, 'tags');
    assert.deepEqual(tags?.kind === 'list' ? tags.items.map((i) => scalarText(i)) : undefined, ['ccx_chat_req']);
  });

  it('reads the ContactNotification: empty values, wrapped lines and Name(...) wrappers', () => {
    const [dump] = findJavaToStringDumps(MIVR_NOTIFICATION);
    assert.deepEqual(dump.problems, []);
    const n = dump.value;
    assert.equal(n.className, 'ContactNotification');
    assert.ok(MIVR_NOTIFICATION.slice(n.start, n.end).endsWith('statusTimeStamp=1533528158756]'));
    const f = fields(n);
    assert.equal(f.requestId, '');
    assert.equal(f.contactState, 'QUEUED');
    assert.equal(f.endTime, '-1');
    assert.equal(f.handlingDuration, '-1');
    assert.equal(f.statusTimeStamp, '1533528158756');
    const wrapper = asObject(entryValue(n, 'terminalStateContact'));
    assert.equal(wrapper.className, 'ChatContact');
    assert.equal(wrapper.bracket, '(');
    assert.equal(wrapper.entries.length, 1);
    assert.equal(wrapper.entries[0].name, undefined);
    const contact = asObject(wrapper.entries[0].value);
    assert.deepEqual(fields(contact), {
      id: '0D66B2241000016500235A740A4E5BA6',
      state: 'QUEUED',
      dispReason: 'UNKNOWN',
    });
  });

  it('reads Name@hash[...] dumps with packages and keeps what the mangled copy breaks', () => {
    const [dump] = findJavaToStringDumps(SM_NOTIFICATION);
    const n = dump.value;
    assert.equal(n.className, 'com.cisco.ccbu.ccp.notification.Notification');
    assert.equal(n.simpleName, 'Notification');
    assert.equal(n.hash, '1bbee47');
    assert.equal(scalarText(entryValue(n, 'enqueueTime')), '1533528158834');
    const rule = asObject(entryValue(n, 'rule'));
    assert.equal(rule.simpleName, 'HttpNotificationRule');
    assert.equal(rule.hash, '15a2eb1');
    assert.equal(scalarText(entryValue(rule, 'screenPopUrl')), '<a href=');
    assert.match(scalarText(entryValue(rule, 'httpUrl')) ?? '', /^\[http:\/\/sm-fqdn\/results\.jsp\?scID=.*ouId=4\]$/);
    // The copy closes the rule with ')': read on, and say so.
    assert.deepEqual(dump.problems, ["expected ']' to close HttpNotificationRule@15a2eb1, found ')'"]);
    assert.ok(n.closed);
  });

  it('reads the ChatFeedback inside a SocialMiner %[...] field, and nothing else there', () => {
    const dumps = findJavaToStringDumps(SM_FEEDBACK);
    assert.equal(dumps.length, 1);
    assert.equal(dumps[0].value.simpleName, 'ChatFeedback');
    assert.equal(dumps[0].value.hash, 'd82623');
    assert.deepEqual(fields(dumps[0].value), { rating: '4' });
    assert.equal(
      SM_FEEDBACK.slice(dumps[0].value.start, dumps[0].value.end),
      'com.cisco.ccbu.ccp.publicapps.api.chat.ChatFeedback@d82623[rating=4]',
    );
  });

  it('does not take bracketed prose, threads or stack frames for objects', () => {
    for (const text of [
      '3722752: Aug 06 09:32:39.144 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-15] RouteAndQueueSubsystemLogger: ALLOCATED Contact [0D66B2241000016500235A740A4E5BA6] to Agent [Jabber@ge.nt1]',
      '%[Nickname=Jayant Suneja][RoomJid=socialminer_chat.16@conference.127.0.0.1]: Create chat room',
      'at com.cisco.wf.Foo.run(Foo.java:10)',
      'see the list [a, b] and foo [k=v]',
    ]) {
      assert.deepEqual(findJavaToStringDumps(text), [], text);
    }
  });

  it('keeps a cut-off dump with what was read and says what is missing', () => {
    const cut = MADM_JMS.slice(0, MADM_JMS.indexOf('UserExtensionField [name=Email') + 30);
    const [dump] = findJavaToStringDumps(cut);
    assert.equal(dump.value.closed, false);
    assert.equal(dump.value.end, cut.length);
    const xml = asObject(entryValue(dump.value, 'contactXML'));
    assert.equal(scalarText(entryValue(xml, 'author')), 'Jayant Suneja');
    const ext = entryValue(xml, 'userExtensionFields');
    const last = ext?.kind === 'list' ? asObject(ext.items[ext.items.length - 1]) : undefined;
    assert.deepEqual(last && [fields(last), last.closed], [{ name: 'Email' }, false]);
    assert.deepEqual(dump.problems, [
      "expected ']' to close UserExtensionField, found end of text",
      "expected ']' to close a list, found end of text",
      "expected ']' to close ContactXML, found end of text",
      "expected ']' to close ContactEvent, found end of text",
    ]);
  });

  it('reads values holding commas, equals signs and brackets as text', () => {
    const parsed = parseJavaToString(
      'Rule@1[description=Created by CCX, as part of config.,body=a="1" b=2,text=[x] y,next=[1, 2]]',
    );
    assert.ok(parsed);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(fields(parsed.value), {
      description: 'Created by CCX, as part of config.',
      body: 'a="1" b=2',
      text: '[x] y',
      next: '<list>',
    });
    assert.equal(parseJavaToString('Empty@1f[]')?.value.entries.length, 0);
    assert.equal(parseJavaToString('Empty []'), undefined);
  });
});

describe('Java toString explainer', () => {
  it('spans the whole dump and renders nested tables', () => {
    const matches = javaToStringExplainer.find(MADM_JMS, ctx);
    assert.equal(matches.length, 1);
    assert.equal(MADM_JMS.slice(matches[0].start, matches[0].end).slice(0, 28), 'ContactEvent [operation=ADD,');
    assert.equal(matches[0].end, MADM_JMS.length);
    const md = matches[0].render(ctx);
    const text = plain(md);
    assert.match(text, /^\*\*Java object\*\* `ContactEvent`/);
    assert.match(text, /\| operation \| `ADD` \|/);
    assert.match(text, /\*\*contactXML\*\* `ContactXML`/);
    assert.match(
      text,
      /\| publishedDate \| `1533528158684` 2018-08-06T04:02:38\.684Z · 09:32:38\.684 IST · 396 ms before this line \|/,
    );
    assert.match(text, /\| tags \| `ccx_chat_req` \|/);
    assertInert(md);
  });

  it('collapses UserExtensionField lists into one Name | Value table', () => {
    const text = plain(javaToStringExplainer.find(MADM_JMS, ctx)[0].render(ctx));
    assert.match(
      text,
      /\*\*contactXML\.userExtensionFields\*\* \(14 × UserExtensionField\)\n\n\| Name \| Value \|\n\|---\|---\|\n\| AddressLine1 \| `1900` \|/,
    );
    assert.match(text, /\| Anything important to note \| `Bill Issue` \|/);
    assert.match(text, /\| h_widgetName \| `Bubble1162` \|/);
  });

  it('shows a Name(Object[...]) wrapper as one section and -1 times as not set', () => {
    const text = plain(javaToStringExplainer.find(MIVR_NOTIFICATION, ctx)[0].render(ctx));
    assert.match(
      text,
      /\*\*terminalStateContact\*\* `ChatContact > Contact`\n\n\| Field \| Value \|\n\|---\|---\|\n\| id \| `0D66B2241000016500235A740A4E5BA6` \|/,
    );
    assert.match(text, /\| endTime \| `-1` \(not set\) \|/);
    assert.match(text, /\| requestId \| \(empty\) \|/);
  });

  it('lists the problems of a broken dump', () => {
    const text = plain(javaToStringExplainer.find(SM_NOTIFICATION, ctx)[0].render(ctx));
    assert.match(text, /\*\*Problems\*\*\n\n- expected ']' to close HttpNotificationRule@15a2eb1, found '\)'/);
  });

  it('keeps log text inert in the hover', () => {
    const evil =
      'Evil [name=[x](command:ccLogs.revealLine?%5B%5D), html=<img src=x onerror=alert(1)>, pipe=a|b|c, ticks=``x`` `, ' +
      'list=[Item [name=<b>|, value=![i](http://e/x.png)]], nested=Inner [k=**bold** _it_ # h]]';
    const matches = javaToStringExplainer.find(evil, ctx);
    assert.equal(matches.length, 1);
    const md = matches[0].render(ctx);
    assertInert(md);
    assert.match(plain(md), /\| Name \| Value \|\n\|---\|---\|\n\| <b>\| \|/);
  });

  it('never throws on random or truncated input', () => {
    assertTotalOnRandomText(
      javaToStringExplainer,
      ['A', 'Name', 'pkg.', '@1f', ' ', '[', ']', '(', ')', ',', ', ', '=', 'k=', 'x', '\n', '"', 'time=1533528158684'],
      ctx,
      undefined,
      { rendered: assertInert, binaryMaxLength: 400, piecesMaxLength: 80, numRuns: 300 },
    );
    for (const seed of [MADM_JMS, MIVR_NOTIFICATION, SM_NOTIFICATION, SM_FEEDBACK]) {
      for (let cut = 0; cut <= seed.length; cut += 5)
        javaToStringExplainer.find(seed.slice(0, cut), ctx).forEach((m) => m.render(ctx));
    }
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    const inputs = [
      'A[b='.repeat(mb / 4),
      'A[b=A[b=x]y],'.repeat(mb / 13),
      ', a='.repeat(mb / 4),
      '[[[['.repeat(mb / 4),
      'Name [k=v, '.repeat(mb / 11),
      'a'.repeat(mb) + '[k=v]',
      'X@1['.repeat(mb / 4),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
      MADM_JMS.repeat(Math.ceil(mb / MADM_JMS.length)),
    ];
    for (const input of inputs) {
      exerciseOnHugeInput(javaToStringExplainer, input, ctx);
    }
  });
});
