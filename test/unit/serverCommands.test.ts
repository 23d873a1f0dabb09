/**
 * The server's commands as any LSP editor runs them (`workspace/executeCommand` over stdio):
 * `ccLogs.flows` (the flow status of the chat or agent at the cursor, by ID, or of all), and the cursor
 * argument of `ccLogs.timeline` and `ccLogs.flows` in both shapes editors send: `{ uri, position }`
 * (Neovim, Emacs, VS Code) and `{ textDocument: { uri }, position }` (Sublime Text's
 * `$text_document_position`, the only cursor its `lsp_execute` can send).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FlowsCommandAnswer } from '../../protocol/editors';
import type { TimelineAnswer, TimelineResult } from '../../protocol/timelineTypes';
import { open, startStdioServer, type StdioServer } from './helpers/lspClient';

const SAMPLES = path.resolve(__dirname, '../../samples');
const MIVR = path.join(SAMPLES, 'uccx', 'Cisco001MIVR045.log');
const CTISVR = path.join(SAMPLES, 'icm', 'ctisvr_190819.txt');
const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function spot(file: string, needle: string, offset: number) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return { line, character: lines[line].indexOf(needle) + offset };
}

describe('server commands (workspace/executeCommand) for any editor', function () {
  this.timeout(60_000);
  let server: StdioServer;
  const run = <T>(command: string, ...args: unknown[]) =>
    server.connection.sendRequest<T>('workspace/executeCommand', { command, arguments: args });

  before(async () => {
    server = await startStdioServer({ zonelessOffset: '+02:00' }, SAMPLES);
    const deadline = Date.now() + 45_000;
    for (;;) {
      const a = await server.connection.sendRequest<{ subjects: unknown[]; indexing: boolean }>('ccLogs/flows', {});
      if (a.subjects.length > 0 && !a.indexing) break;
      if (Date.now() > deadline) throw new Error(`samples not indexed: ${JSON.stringify(a).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  after(async () => {
    await server.close();
  });

  it('announces ccLogs.flows beside ccLogs.timeline and ccLogs.rebuildIndex', () => {
    const provider = server.initializeResult.capabilities.executeCommandProvider as { commands: string[] };
    assert.deepEqual([...provider.commands].sort(), ['ccLogs.flows', 'ccLogs.rebuildIndex', 'ccLogs.timeline']);
  });

  it('ccLogs.flows without an argument lists every chat and agent, { brokenOnly } the broken ones', async () => {
    const all = await run<FlowsCommandAnswer>('ccLogs.flows');
    assert.ok('subjects' in all);
    assert.ok(all.subjects.some((s) => s.kind === 'chat' && s.id === `contact:${CONTACT}`));
    assert.ok(all.subjects.some((s) => s.kind === 'agent' && s.label.includes('6420')));
    const broken = await run<FlowsCommandAnswer>('ccLogs.flows', { brokenOnly: true });
    assert.ok('subjects' in broken);
    assert.ok(broken.subjects.every((s) => s.outcome === 'broken'));
    assert.equal(broken.subjects.length, all.subjects.filter((s) => s.outcome === 'broken').length);
    // A page at a time, with the total.
    assert.ok('total' in all && all.total === all.subjects.length && all.offset === 0);
    const page = await run<FlowsCommandAnswer>('ccLogs.flows', { offset: 1, limit: 1 });
    assert.ok('subjects' in page && page.subjects.length === 1 && page.total === all.total && page.offset === 1);
    assert.deepEqual(page.subjects[0], all.subjects[1]);
  });

  it('ccLogs.flows at a cursor, in both shapes, gives the chat under it with its steps', async () => {
    const text = fs.readFileSync(MIVR, 'utf8');
    const uri = await open(server, MIVR, text, 'cisco-uccx-engine');
    const position = spot(MIVR, `ALLOCATED Contact [${CONTACT}`, 20);
    const plain = await run<FlowsCommandAnswer>('ccLogs.flows', { uri, position });
    const sublime = await run<FlowsCommandAnswer>('ccLogs.flows', { textDocument: { uri }, position });
    for (const a of [plain, sublime]) {
      assert.ok('subjects' in a, JSON.stringify(a).slice(0, 300));
      assert.equal(a.subjects.length, 1);
      assert.equal(a.subjects[0].id, `contact:${CONTACT}`);
      assert.ok(a.subjects[0].flows.length > 0 && a.subjects[0].flows[0].steps.length > 0);
    }
    assert.deepEqual(sublime, plain);
  });

  it('ccLogs.flows at a cursor in a file the editor never opened', async () => {
    const position = spot(CTISVR, 'SendARMMsg -- InvokeID = 80230', 0);
    const line = fs.readFileSync(CTISVR, 'utf8').split('\n')[position.line];
    const a = await run<FlowsCommandAnswer>('ccLogs.flows', {
      textDocument: { uri: pathToFileURL(CTISVR).toString() },
      position: { line: position.line, character: line.indexOf('6420') + 1 },
    });
    assert.ok('subjects' in a, JSON.stringify(a).slice(0, 300));
    assert.equal(a.subjects[0].kind, 'agent');
    assert.ok(
      a.subjects[0].names.some((n) => n.endsWith(':6420')),
      JSON.stringify(a.subjects[0].names),
    );
  });

  it('ccLogs.flows by ID, and clear messages for an unknown ID, a cursor on no ID, a bad argument', async () => {
    const agent = await run<FlowsCommandAnswer>('ccLogs.flows', { id: '6420' });
    assert.ok('subjects' in agent && agent.subjects[0].kind === 'agent');
    const chat = await run<FlowsCommandAnswer>('ccLogs.flows', { id: CONTACT });
    assert.ok('subjects' in chat && chat.subjects[0].id === `contact:${CONTACT}`);
    const unknown = await run<FlowsCommandAnswer>('ccLogs.flows', { id: 'NOSUCHID12345' });
    assert.ok('error' in unknown && /"NOSUCHID12345" is not a chat or an agent/.test(unknown.error));
    const uri = pathToFileURL(CTISVR).toString();
    const none = await run<FlowsCommandAnswer>('ccLogs.flows', {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.ok('error' in none && /No ID at line 1, column 2/.test(none.error), JSON.stringify(none));
    const bad = await run<FlowsCommandAnswer>('ccLogs.flows', { position: 3 });
    assert.ok('error' in bad && /takes at most one argument/.test(bad.error));
  });

  it("ccLogs.timeline takes Sublime Text's cursor ({ textDocument: { uri }, position }) with paging", async () => {
    const text = fs.readFileSync(MIVR, 'utf8');
    const uri = await open(server, MIVR, text, 'cisco-uccx-engine');
    const position = spot(MIVR, `ALLOCATED Contact [${CONTACT}`, 20);
    const plain = (await run<TimelineAnswer>('ccLogs.timeline', { uri, position })) as TimelineResult;
    const sublime = await run<TimelineAnswer>('ccLogs.timeline', { textDocument: { uri }, position, limit: 3 });
    assert.ok('events' in sublime, JSON.stringify(sublime).slice(0, 300));
    assert.equal(sublime.entity.label, plain.entity.label);
    assert.equal(sublime.limit, 3);
    assert.deepEqual(
      sublime.events.map((e) => [e.file, e.line]),
      plain.events.slice(0, 3).map((e) => [e.file, e.line]),
    );
  });
});
