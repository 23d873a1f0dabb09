/**
 * The record model: multi-line entries, line endings, encodings, files that mix formats, dumplog
 * dates across midnight, content sniffing, and input that is not a log at all.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { decodeLogBytes } from '../../server/src/model/textDecoding';
import { foldingRanges, documentSymbols } from '../../server/src/lsp/structure';
import { field, iso, modelOf } from './helpers/model';

const MADM = [
  '7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7] ServiceLogger: New incoming contact : <?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<contactXML>',
  '<author>Jayant Suneja</author>',
  '<id>0D66B2241000016500235A740A4E5BA6</id>',
  '</contactXML>',
  '7199573: Aug 06 09:32:39.080 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7] ServiceLogger: Sending JMS message to Contact Topic: ContactEvent [operation=ADD,',
  'contactXML=ContactXML [author=Jayant Suneja, id=0D66B2241000016500235A740A4E5BA6]]',
];

describe('record model', () => {
  it('folds continuation lines into the record above', () => {
    const model = modelOf(MADM.join('\n'), 'uccx_admin', { settingsYear: 2018 });
    assert.equal(model.recordCount, 2);
    assert.equal(model.recordEndLine(0), 4);
    assert.equal(model.recordAt(3), 0);
    assert.equal(model.recordAt(6), 1);
    assert.deepEqual(
      foldingRanges(model).map((r) => [r.startLine, r.endLine]),
      [
        [0, 4],
        [5, 6],
      ],
    );
    const { text, lineOffsets } = model.recordText(0);
    assert.ok(text.includes('<id>0D66B2241000016500235A740A4E5BA6</id>'));
    assert.equal(lineOffsets.length, 5);
  });

  it('reads CRLF and lone CR line ends the same as LF', () => {
    for (const eol of ['\r\n', '\r']) {
      const model = modelOf(MADM.join(eol), 'uccx_admin', { settingsYear: 2018 });
      assert.equal(model.recordCount, 2);
      assert.equal(model.lines.lineText(1), '<contactXML>');
      const r = model.parseRecord(1)!;
      assert.equal(field(r, 'seq'), '7199573');
    }
  });

  it('decodes UTF-8 with a BOM, and Latin-1 when bytes are not UTF-8', () => {
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('UserExtensionField [name=Cédula, value=x]', 'utf8'),
    ]);
    assert.deepEqual(decodeLogBytes(utf8), { text: 'UserExtensionField [name=Cédula, value=x]', encoding: 'utf-8' });
    const latin1 = Buffer.from('name=Tel\xe9fono', 'latin1');
    assert.deepEqual(decodeLogBytes(latin1), { text: 'name=Teléfono', encoding: 'latin1' });
  });

  it('reads grep output that mixes files and formats', () => {
    const text = [
      'Cisco001MIVR045.log:3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: contactId=0D66B2241000016500235A740A4E5BA6',
      'CCBU-runtime.2018-08-06T09-20-05.344.startup.log:0000399687: 10.78.91.166: Aug 06 2018 09:32:38.764 +0530: %CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED: %[SOCIAL_CONTACT_ID=0D66B2241000016500235A740A4E5BA6]: A new social contact was created',
      'logs/console-export.log:Mon Aug 06 2018 09:32:48 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Received chat room status event',
    ].join('\n');
    const model = modelOf(text, undefined, { settingsYear: 2018 });
    assert.equal(model.recordCount, 3);
    assert.ok(model.mixed);
    const records = [0, 1, 2].map((r) => model.parseRecord(r)!);
    assert.deepEqual(
      records.map((r) => r.format.id),
      ['uccx_engine', 'socialminer', 'chat_console'],
    );
    assert.deepEqual(
      records.map((r) => iso(r)),
      ['2018-08-06T04:02:39.144Z', '2018-08-06T04:02:38.764Z', '2018-08-06T04:02:48.000Z'],
    );
    assert.equal(records[0].prefixLength, 'Cisco001MIVR045.log:'.length);
    assert.equal(field(records[0], 'seq'), '3722751');
  });

  it('advances the dumplog date when the clock passes midnight, and restarts at each header', () => {
    const text = [
      'Events from August 19, 2019:',
      '23:59:58:100 PG1A-opc Trace: before midnight',
      '00:00:01:200 PG1A-opc Trace: after midnight',
      'Events from August 25, 2019:',
      '08:00:00:000 PG1A-opc Trace: next file',
    ].join('\n');
    const model = modelOf(text, 'icm_trace', { zonelessOffset: { minutes: 120, source: 'test' } });
    assert.deepEqual(
      [0, 1, 2].map((r) => iso(model.parseRecord(r)!)),
      ['2019-08-19T21:59:58.100Z', '2019-08-19T22:00:01.200Z', '2019-08-25T06:00:00.000Z'],
    );
    assert.ok(model.parseRecord(1)!.time!.assumptions.some((a) => a.includes('passed midnight')));
    assert.deepEqual(
      documentSymbols(model).map((s) => s.name),
      ['Events from August 19, 2019:', 'Events from August 25, 2019:'],
    );
  });

  it('outlines rttest and opctest output as commands, agents and domains', () => {
    const text = [
      'rttest: agent_status /agent 6420',
      'Agent CUCM.Agent_test (6420, periph# 15003)',
      '  domain: Cisco_Voice (1), state = [nr-0:1,R], 411 secs',
      '    CL nr TEST_SG (6274, periph# 70520)',
      '  domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs',
      'opctest: dump_agent 5000 15003',
      'Agent 15003 ...',
    ].join('\n');
    const model = modelOf(text);
    assert.equal(model.primaryFormat?.id, 'icm_tools');
    assert.equal(model.recordCount, 2);
    const symbols = documentSymbols(model);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['rttest: agent_status /agent 6420', 'opctest: dump_agent 5000 15003'],
    );
    assert.deepEqual(
      symbols[0].children!.map((s) => s.name),
      ['Agent CUCM.Agent_test (6420, periph# 15003)'],
    );
    assert.deepEqual(
      symbols[0].children![0].children!.map((s) => s.name),
      [
        'domain: Cisco_Voice (1), state = [nr-0:1,R], 411 secs',
        'domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs',
      ],
    );
    assert.deepEqual(symbols[0].range.end.line, 4);
  });

  it('outlines the ARM messages of an ECE listener log', () => {
    const text = [
      '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:x] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_ROUTABLE_IND -> 0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2 <@>',
      '2019-08-19 13:34:09.774 GMT+0000 <@> INFO <@> [8938:x] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1 <@>',
    ].join('\n');
    // The agent the first dump names is listed once, at its first line; each entry has its time and agent.
    assert.deepEqual(
      documentSymbols(modelOf(text, 'ece')).map((s) => [s.name, s.detail]),
      [
        ['13:34:09.773 Sending MAKE_AGENT_ROUTABLE_IND', 'agent SkillTargetID 6420'],
        ['13:34:09.773 agent SkillTargetID 6420 (first named)', undefined],
        ['13:34:09.774 Sending MAKE_AGENT_READY_IND', 'agent SkillTargetID 6420'],
      ],
    );
  });

  it('recognises each family by content alone, whatever the file is called', () => {
    const registry = builtinRegistry();
    const samples: Record<string, string> = {
      uccx_engine: '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: x',
      uccx_admin:
        '7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]\nServiceLogger:\n',
      socialminer:
        '0000001136: 10.78.91.166: Aug 06 2018 09:32:38.692 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_ROOM_DETAILS: %[Nickname=x]: y',
      ece: '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [14285:x] <@> ProcessId:4584\n<@> PID:1 <@> UID:1005 <@>',
      icm_trace: 'Events from August 19, 2019:\n15:34:09:841 PG1A-opc Trace: MakeAgentRoutableInd - InvokeID = 80171',
      icm_tools: 'rttest: agent_status /agent 6420\nAgent CUCM.Agent_test (6420, periph# 15003)\n',
      chat_console:
        'GET https://sm-fqdn/ccp/bubblechat?wid=1\n[HTTP/1.1 200 OK 289ms]\nMon Aug 06 2018 09:32:48 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:x',
      // The JTAPI client log shares MIVR's line layout: %JTAPI- tells it apart.
      jtapi: fs.readFileSync(path.join(__dirname, '..', 'grammar', 'snap', 'cisco-jtapi', 'CiscoJtapi1.log'), 'utf8'),
    };
    for (const [id, text] of Object.entries(samples)) {
      for (const name of ['export.log', 'notes.txt', '']) {
        assert.equal(detectFormat(registry, name, text)?.format.id, id, `${id} as "${name}"`);
      }
    }
    assert.equal(detectFormat(registry, 'README.txt', 'Just some notes.\nNothing to see.'), undefined);
    assert.equal(
      detectFormat(registry, 'Cisco001MIVR045.log', '')?.format.id,
      'uccx_engine',
      'a known name with no content yet',
    );
  });

  it('never throws or hangs on arbitrary text', function () {
    this.timeout(60_000);
    const registry = builtinRegistry();
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'binary' }), (text) => {
        const model = modelOf(text);
        for (let r = 0; r < model.recordCount; r++) model.parseRecord(r);
        foldingRanges(model);
        documentSymbols(model);
        detectFormat(registry, 'x.log', text);
      }),
      { numRuns: 300 },
    );
  });

  it('handles one 2 MB line and lines that look like a record head but go on forever', () => {
    const long = '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[' + 'a'.repeat(2_000_000);
    const model = modelOf(long, 'uccx_engine', { settingsYear: 2018 });
    assert.equal(model.recordCount, 1, 'the head before the unterminated bracket is still a record head');
    assert.equal(field(model.parseRecord(0)!, 'thread'), undefined);
    const ok = '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[t] ' + 'x'.repeat(2_000_000);
    const m2 = modelOf(ok, 'uccx_engine', { settingsYear: 2018 });
    assert.equal(m2.recordCount, 1);
    assert.equal(iso(m2.parseRecord(0)!), '2018-08-06T04:02:39.144Z');
    const adversarial = ('0000001136: ' + '1.'.repeat(40) + ': ').repeat(2000);
    modelOf(adversarial);
  });
});
