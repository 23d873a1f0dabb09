/**
 * Entity extraction never throws and always returns well-formed results, whatever the text: random
 * strings, random mixes of the pieces rules look for, real records cut anywhere, and shapes meant
 * to make a regular expression backtrack.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractEntities, MAX_RECORD_CHARS } from '../../server/src/entities/extract';
import { builtinEntityRules } from '../../server/src/entities/rules';
import { ENTITY_KINDS } from '../../server/src/entities/vocabulary';
import type { Extraction } from '../../server/src/entities/types';

const FORMATS = [
  undefined,
  'socialminer',
  'uccx_engine',
  'uccx_admin',
  'ece',
  'icm_trace',
  'icm_tools',
  'chat_console',
  'no_such_format',
];

/** Offsets inside the text, text = the slice, key prefix = kind, links between keys the record names. */
function assertWellFormed(text: string, x: Extraction): void {
  const keys = new Set(x.occurrences.map((o) => o.key));
  let previous = -1;
  for (const o of x.occurrences) {
    assert.ok(ENTITY_KINDS.includes(o.kind), o.kind);
    assert.ok(o.key.startsWith(`${o.kind}:`) && o.key.length > o.kind.length + 1, o.key);
    assert.ok(
      Number.isInteger(o.start) && o.start >= 0 && o.end > o.start && o.end <= text.length,
      `${o.key} ${o.start}-${o.end}`,
    );
    assert.equal(text.slice(o.start, o.end), o.text);
    assert.ok(o.start >= previous, 'sorted by start');
    previous = o.start;
    assert.ok(o.birth === undefined || o.birth === true);
  }
  for (const l of x.links) {
    assert.ok(keys.has(l.a) && keys.has(l.b) && l.a !== l.b, `${l.a} ${l.b}`);
    assert.ok(l.why.length > 0 && !/\{[ab]\}/.test(l.why), l.why);
  }
}

/** Pieces the rules look for, so that random mixes reach deep into them. */
const PIECES = [
  ...builtinEntityRules().literals,
  '0D66B2241000016500235A740A4E5BA6',
  '3F8B8C08D7E8144C7B1AD7AF144A4C1E',
  'socialminer_chat.16',
  '127.0.0.1',
  '/Jabber@ge.nt1',
  '6420',
  '0x1a',
  ' -> 0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0 1 107 5 49 48 48 53 0',
  ' -> 0 0 0 4 0 0 0 5',
  'MEDIA_LOGIN_REQ',
  '_REQ',
  '<@>',
  '=',
  ':',
  ' = ',
  '[',
  ']',
  '(',
  ')',
  ',',
  '"id": 1',
  '"name": "B"',
  '<value>',
  '</value>',
  '</name>',
  'name=',
  ', value=',
  '\n',
  ' ',
  'null',
  'periph# ',
];

/** Real records, to be cut and damaged. */
const RECORDS = [
  '0000399687: 10.78.91.166: Aug 06 2018 09:32:38.764 +0530: %CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED:\n%[SOCIAL_CONTACT_ID=0D66B2241000016500235A740A4E5BA6][SOCIAL_CONTACT_LINK=<https://sm-fqdn/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6>]: A new social contact was created',
  '0000001149: 10.78.91.166: Aug 06 2018 09:32:46.842 +0530: %CCBU__CCPPUBLICAPPS-6-  \nPRESENCE_EVENT_RECEIVED: %[CustomerNickname=Jayant  \nSuneja][Nickname=Jabber@ge.nt1][SocialContactID=0D66B2241000016500235A740A4E5BA6][Status=joined]  \n[Username=socialminer_chat.16@conference.127.0.0.1/Jabber@ge.nt1]: Received presence event  ',
  '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [14285:listener-event-pool-priority-arm-request-executor::-0] <@> ProcessId:4584\n<@> PID:1 <@> UID:1005 <@> HttpSessionId:IrltMMd3T0prrkbhAwK8wkL5 <@>\ncom.ipcc.listener.arm.ARMLogger <@>\n<@> Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0\n1 107 5 49 48 48 53 0 <@>',
  '20:27:32:466 cglA-ctisvr Trace: SendARMMsg -- InvokeID = 591309094, MRDID = 5000, ICMAgentID =\n5033, AgentMode = 0\nIsAvailable = 0, MaxTaskLimit = 1, AgentInfo = 1005, ApplicationPathID = 5001, PeripheralID = 0,\nAgentID =',
  '15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 MRDomainID=5000 SGSTID=6928\nSG#=70518(0x11376) OldState=AS_NOT_READY NewState=AS_NOT_ACTIVE Duration=0 CurLine=-1\nReasonCode=0 AgentObj=0x44535b8',
  'Agent CUCM.Agent_test (6420, periph# 15003)\nCL na TEST_Chat (6928, periph# 70518)\ndomain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs',
  '{ "feedId": "100000", "proactiveChat": false, "name": "Bubble1162", "id": 1 }',
  '7199573: Aug 06 09:32:39.080 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]\nServiceLogger: Sending JMS message to Contact Topic: ContactEvent [operation=ADD,\ncontactXML=ContactXML [author=Jayant Suneja, id=0D66B2241000016500235A740A4E5BA6,\nreplyType=chat, UserExtensionField [name=h_chatRoom, value=socialminer_chat.16@conference.127.0.0.1], UserExtensionField [name=h_widgetName, value=Bubble1162]]',
];

describe('entities: extraction never throws (property tests)', () => {
  it('random text, in every format', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom(...FORMATS), (text, format) => {
        assertWellFormed(text, extractEntities(text, format));
      }),
      { numRuns: 500 },
    );
  });

  it('random mixes of the pieces the rules look for', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 40 }),
        fc.constantFrom(...FORMATS),
        (parts, format) => {
          const text = parts.join('');
          assertWellFormed(text, extractEntities(text, format));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('real records cut at any point, or with one character changed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RECORDS),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        fc.constantFrom(...FORMATS),
        (record, cut, at, ch, format) => {
          const truncated = record.slice(0, cut % (record.length + 1));
          assertWellFormed(truncated, extractEntities(truncated, format));
          const i = at % record.length;
          const changed = record.slice(0, i) + ch + record.slice(i + 1);
          assertWellFormed(changed, extractEntities(changed, format));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('values that are not strings give nothing', () => {
    for (const v of [undefined, null, 42, {}, [], Symbol('x')]) {
      assert.deepEqual(extractEntities(v as unknown as string, v as unknown as string), { occurrences: [], links: [] });
    }
  });
});

describe('entities: hostile shapes end with well-formed results', () => {
  // A backtracking regular expression would take minutes on these and run into mocha's timeout; that the rules'
  // expressions cannot backtrack is proved by analysis in regexSafety.test.ts.
  const shapes: Array<[string, string]> = [
    ['long runs of JID characters around one room marker', 'a'.repeat(200_000) + '@conference.' + 'b.'.repeat(100_000)],
    ['many room markers', 'x@conference.y/'.repeat(50_000)],
    ['many anchors without values', 'Agent [ContactXML [Contact [SOCIAL_CONTACT_ID=periph#"feedId"'.repeat(10_000)],
    ['an unclosed ContactXML', 'ContactXML [' + 'author=x, '.repeat(50_000)],
    ['a huge byte list', '<@> Sending MEDIA_LOGIN_REQ -> ' + '0 '.repeat(300_000) + '<@>'],
    ['many byte lists', 'Sending MEDIA_LOGIN_REQ -> 0 0 0 4 0 0 0 5 0 1 57 98 '.repeat(5_000)],
    ['a configuration full of ids', '{ "feedId": "1", ' + '"id": 1, "name": "x", '.repeat(50_000) + '}'],
    [
      'rttest-like lines without the closing parenthesis',
      'CL na ' + 'x'.repeat(100) + ' (1, periph# 2 '.repeat(20_000),
    ],
    ['hex digits after every key', 'contactId=' + 'A'.repeat(500_000)],
  ];
  for (const [name, text] of shapes) {
    it(name, () => {
      const x = extractEntities(text);
      assertWellFormed(text.slice(0, MAX_RECORD_CHARS), x);
    });
  }

  it('reads at most MAX_RECORD_CHARS of a record', () => {
    const contact = 'contactId=0D66B2241000016500235A740A4E5BA6';
    const x = extractEntities(contact + ' '.repeat(MAX_RECORD_CHARS) + contact);
    assert.deepEqual(
      x.occurrences.map((o) => o.start),
      [10],
    );
  });
});
