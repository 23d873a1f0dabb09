/**
 * The timeline through the built server over stdio, as Neovim or Emacs get it: `workspace/executeCommand`
 * `ccLogs.timeline` with an ID or a position, `ccLogs/timeline`, the list of chats and agents, clear
 * messages for an unknown ID or a position on no ID, and the hover line of a clock corrected by
 * `ccLogs.clockOffsets`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TimelineAnswer, TimelineEntityItem, TimelineResult } from '../../protocol/timelineTypes';
import { open, startStdioServer, type StdioServer } from './helpers/lspClient';

const SAMPLES = path.resolve(__dirname, '../../samples');
const CTISVR = path.join(SAMPLES, 'icm', 'ctisvr_190819.txt');

describe('timeline over LSP (stdio server)', function () {
  this.timeout(60_000);
  let server: StdioServer;
  const run = (args: unknown) =>
    server.connection.sendRequest<TimelineAnswer>('workspace/executeCommand', {
      command: 'ccLogs.timeline',
      arguments: [args],
    });

  before(async () => {
    server = await startStdioServer({ zonelessOffset: '+02:00', clockOffsets: { cglA: -60 } }, SAMPLES);
    // Until the samples are indexed the timeline grows: wait for the whole agent.
    const deadline = Date.now() + 45_000;
    for (;;) {
      const a = await run({ id: '6420' });
      if ('total' in a && a.total >= 25 && !a.notes.some((n) => /still being built/.test(n))) break;
      if (Date.now() > deadline) throw new Error(`samples not indexed: ${JSON.stringify(a).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  after(async () => {
    await server.close();
  });

  it('answers workspace/executeCommand ccLogs.timeline with an ID, a page at a time', async () => {
    const a = (await run({ id: '6420', offset: 2, limit: 3 })) as TimelineResult;
    assert.equal(a.entity.label, 'Agent 6420');
    assert.equal(a.offset, 2);
    assert.equal(a.limit, 3);
    assert.ok(a.events.length <= 3 && a.events.every((e) => e.index >= 2 && e.index < 5));
  });

  it('answers ccLogs/timeline for the ID at a position, with the clock correction of ccLogs.clockOffsets', async () => {
    const text = fs.readFileSync(CTISVR, 'utf8');
    const uri = await open(server, CTISVR, text, 'cisco-icm-trace');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('SendARMMsg -- InvokeID = 80230'));
    const character = lines[line].indexOf('6420') + 1;
    const a = (await server.connection.sendRequest('ccLogs/timeline', {
      uri,
      position: { line, character },
    })) as TimelineResult;
    assert.equal(a.entity.label, 'Agent 6420');
    const cti = a.events.find((e) => e.line === line && e.file === 'ctisvr_190819.txt')!;
    assert.equal(cti.writtenInstant, '2019-08-19T13:31:52.172Z');
    assert.equal(cti.instant, '2019-08-19T13:31:52.112Z');
    // The hover of that line says the time was corrected, and what was written.
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 2 },
    })) as { contents: { value: string } };
    const shown = hover.contents.value.replace(/\\(.)/g, '$1'); // as a reader sees it
    assert.match(shown, /Clock corrected/);
    assert.match(shown, /corrected 2019-08-19 15:31:52\.112 \+02:00, written 2019-08-19 15:31:52\.172 \+02:00/);
  });

  it('says clearly when the ID is unknown or the position holds none', async () => {
    const unknown = await run({ id: 'NOSUCHID12345' });
    assert.ok('error' in unknown && /No indexed log line names "NOSUCHID12345"/.test(unknown.error));
    const text = fs.readFileSync(CTISVR, 'utf8');
    const uri = await open(server, CTISVR, text, 'cisco-icm-trace');
    const none = await run({ uri, position: { line: 0, character: 1 } });
    assert.ok('error' in none && /No ID at line 1, column 2/.test(none.error), JSON.stringify(none));
    const bad = await run({ nothing: true });
    assert.ok('error' in bad && /takes one argument/.test(bad.error));
  });

  it('lists the chats and agents of the workspace for the quick pick', async () => {
    const items = (await server.connection.sendRequest('ccLogs/timelineEntities', {})) as TimelineEntityItem[];
    assert.ok(items.some((i) => i.kind === 'chat' && i.id === 'contact:4B1E93C7100001650D5B1A000A301647'));
    assert.ok(items.some((i) => i.kind === 'agent' && i.label === 'Agent 6420'));
    assert.ok(
      items.some((i) => i.kind === 'call'),
      'the calls of the case bundle are offered too',
    );
  });

  it('finds a call by any of its names as the user types (the GlobalCallID of the UCCX sample call)', async () => {
    // CUCM's GlobalCallID of the UCCX sample call: its entity also holds the JTAPI, UCCX and Finesse names.
    const byGcid = (await server.connection.sendRequest('ccLogs/timelineEntities', {
      filter: '2238411',
    })) as TimelineEntityItem[];
    const call = byGcid.find((i) => i.kind === 'call');
    assert.ok(call, JSON.stringify(byGcid));
    assert.equal(call.label, 'Call: UCCX contact id 184');
    assert.match(call.detail, /CUCM GlobalCallID 2238411/);
    const onlyCalls = (await server.connection.sendRequest('ccLogs/timelineEntities', {
      filter: '2238411',
      kind: 'call',
    })) as TimelineEntityItem[];
    assert.deepEqual(
      onlyCalls.map((i) => i.id),
      [call.id],
    );
    const nothing = (await server.connection.sendRequest('ccLogs/timelineEntities', {
      filter: 'no-such-name-anywhere',
    })) as TimelineEntityItem[];
    assert.deepEqual(nothing, []);
  });
});
