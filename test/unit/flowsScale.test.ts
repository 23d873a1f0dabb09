/**
 * The flow status at scale, on the samples: what the index query API gives it (many keys in one pass,
 * key prefixes without decoding), the snapshot that keeps per chat or agent only what the list shows
 * and builds full statuses on demand, the pages `ccLogs/flows` answers, and problems inside windows
 * onto logs too large to open (file lines moved to the window's, requests near its end not called
 * unanswered).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DIAGNOSTICS_OPTIONS, textProblems } from '../../server/src/diagnostics/compute';
import { brokenFlowProblems } from '../../server/src/diagnostics/indexProblems';
import { intoWindow } from '../../server/src/diagnostics/window';
import { builtinFlows } from '../../server/src/flows/builtin';
import { flowCounts, flowsPage } from '../../server/src/flows/page';
import { computeFlowStatus } from '../../server/src/flows/status';
import { SAMPLES, samplePath, workspaceOver, type Workspace } from './fixtures/index/helpers';

const MEERA = 'contact:4B1E93C7100001650D5B1A000A301647';
const RAHUL = 'contact:E27A05D1100001650D5B1A000A301647';
const ANITA = 'contact:91C4F0B8100001650D5B1A000A301647';
const SM_LOG = 'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log';

describe('flow status at scale (samples/)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  before(async () => {
    ws = await workspaceOver([SAMPLES]);
  });
  after(async () => {
    await ws.dispose();
  });

  it('the query API visits the postings of many keys in one pass, and tests key prefixes on bytes', () => {
    const q = ws.query;
    const contact = q.keyId(RAHUL);
    const room = q.entityKeys(contact).find((k) => q.keyText(k).startsWith('chatRoom:'))!;
    assert.ok(contact >= 0 && room !== undefined);
    const seen = new Map<number, Array<{ fileId: number; line: number }>>();
    q.visitPostings({ keys: (k) => k === contact || k === room }, (k, line, instant, fileId) => {
      assert.ok(Number.isNaN(instant) || instant > Date.UTC(2018, 0, 1));
      const l = seen.get(k) ?? [];
      l.push({ fileId, line });
      seen.set(k, l);
    });
    for (const k of [contact, room]) {
      const one = q.postings([k]);
      const got = (seen.get(k) ?? []).map((h) => `${h.fileId}:${h.line}`).sort();
      const want = Array.from({ length: one.count }, (_x, i) => `${one.fileIds[i]}:${one.lines[i]}`).sort();
      assert.deepEqual(got, want, `the postings of ${q.keyText(k)}`);
    }
    // One file, a range of lines.
    const file = q.fileByUri(pathToFileURL(samplePath(SM_LOG)).href)!;
    const lines: number[] = [];
    q.visitPostings({ fileId: file.id, fromLine: 20, toLine: 30 }, (_k, line, _t, fileId) => {
      assert.equal(fileId, file.id);
      lines.push(line);
    });
    assert.ok(lines.length > 0 && lines.every((l) => l >= 20 && l < 30), `lines ${lines.join(',')}`);
    assert.equal(q.keyHasPrefix(contact, 'contact:'), true);
    assert.equal(q.keyHasPrefix(contact, 'contact:4'), false);
    const marker = builtinFlows()
      .flatMap((f) => f.markers)
      .map((m) => q.keyId(m.key))
      .find((id) => id >= 0)!;
    assert.equal(q.keyHasPrefix(marker, '~flow:'), true);
    assert.equal(q.keyHasPrefix(marker, '~val:'), false);
    assert.equal(q.keyHasPrefix(-1, 'contact:'), false);
  });

  it('keeps the list of chats and agents small and builds full statuses on demand, the same as all at once', () => {
    const snap = computeFlowStatus(ws.query, builtinFlows());
    const all = snap.subjects;
    assert.equal(snap.count, all.length);
    snap.summaries.forEach((s, i) => {
      const full = all[i];
      assert.equal(s.id, full.id);
      assert.equal(s.kind, full.kind);
      assert.equal(s.outcome, full.outcome);
      assert.equal(s.start, full.start);
      assert.deepEqual(s.firstBroken, full.flows[0].firstBroken);
      if (full.flows[0].lastLine) assert.equal(s.lastLine, full.flows[0].lastLine.line);
      assert.deepEqual(snap.status(i), full, 'built again on demand, the same');
    });
    const rahul = snap.summaries.findIndex((s) => s.id === RAHUL);
    assert.equal(snap.summaries[rahul].firstBroken?.stepId, 'rating-received');
    // By any of its names.
    const room = ws.query.entityKeys(ws.query.keyId(RAHUL)).find((k) => ws.query.keyText(k).startsWith('chatRoom:'))!;
    assert.equal(snap.indexOfKey(room), rahul);
    // The broken ones whose last line is in a file.
    const uri = pathToFileURL(samplePath(SM_LOG)).href;
    assert.ok(snap.brokenIn(uri).includes(rahul));
    assert.ok(!snap.brokenIn(uri).some((i) => snap.summaries[i].id === MEERA));
  });

  it('answers pages: a kind, the broken ones, from an offset, with the counts of the whole workspace', () => {
    const snap = computeFlowStatus(ws.query, builtinFlows());
    const counts = flowCounts(snap);
    assert.ok(counts.chats >= 3 && counts.agents >= 2, JSON.stringify(counts));
    assert.equal(counts.chats + counts.agents + counts.calls, snap.count);
    const chats = flowsPage(snap, { kind: 'chat' });
    assert.equal(chats.total, counts.chats);
    assert.ok(chats.subjects.every((s) => s.kind === 'chat'));
    assert.ok([MEERA, RAHUL, ANITA].every((id) => chats.subjects.some((s) => s.id === id)));
    const first = flowsPage(snap, { kind: 'chat', limit: 1 });
    const second = flowsPage(snap, { kind: 'chat', offset: 1, limit: 1 });
    assert.equal(first.subjects.length, 1);
    assert.equal(second.offset, 1);
    assert.deepEqual([first.subjects[0].id, second.subjects[0].id], [chats.subjects[0].id, chats.subjects[1].id]);
    assert.equal(first.total, counts.chats, 'the total is of every chat, not of the page');
    const broken = flowsPage(snap, { brokenOnly: true });
    assert.equal(broken.total, counts.brokenChats + counts.brokenAgents + counts.brokenCalls);
    assert.ok(broken.subjects.every((s) => s.outcome === 'broken'));
    assert.ok(broken.subjects.some((s) => s.id === RAHUL) && !broken.subjects.some((s) => s.id === MEERA));
    assert.equal(flowsPage(snap, { limit: 1e9 }).subjects.length, Math.min(snap.count, 2000), 'pages are bounded');
    assert.equal(flowsPage(snap, { offset: snap.count }).subjects.length, 0);
  });

  it('puts the broken flow of a file in the window holding its last line, at the window line', () => {
    const snap = computeFlowStatus(ws.query, builtinFlows());
    const uri = pathToFileURL(samplePath(SM_LOG)).href;
    const inFile = brokenFlowProblems(uri, snap).find((p) => p.message.includes(RAHUL.slice(8)))!;
    assert.equal(inFile.line, 29);
    const window = intoWindow(brokenFlowProblems(uri, snap), { fromLine: 20, lineCount: 15 });
    const rahul = window.find((p) => p.message.includes(RAHUL.slice(8)));
    assert.ok(rahul, 'the window over lines 20-34 holds it');
    assert.equal(rahul.line, 9);
    assert.ok(
      rahul.related.some((r) => r.uri.endsWith('Cisco001MIVR045.log')),
      'its steps are related lines',
    );
    assert.ok(
      !intoWindow(brokenFlowProblems(uri, snap), { fromLine: 30, lineCount: 100 }).some((p) =>
        p.message.includes(RAHUL.slice(8)),
      ),
      'a window after it does not',
    );
  });
});

describe('requests near the end of a window', () => {
  const listener = fs.readFileSync(samplePath('ece/eg_log_ECEAPP01_Listener.log'), 'utf8');
  // The listener without the MEDIA_LOGIN_RESP of InvokeID 80230 (two lines), as in diagnostics.test.ts.
  const lines = listener.split('\n');
  const at = lines.findIndex((l) => l.includes('Received MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0'));
  const text = [...lines.slice(0, at - 1), ...lines.slice(at + 2)].join('\n');
  const noResponse = (partial: boolean, instantOf?: (line: number) => number) =>
    textProblems(text, DEFAULT_DIAGNOSTICS_OPTIONS, instantOf, undefined, { partial }).problems.filter(
      (p) => p.code === 'no-response',
    );

  it('a whole log still reports a request with no response', () => {
    assert.ok(noResponse(false).some((p) => /InvokeID 80230/.test(p.message)));
  });

  it('a window does not, when its instants are unknown or it ends before the timeout', () => {
    assert.deepEqual(noResponse(true), [], 'no instants: the answer may be past the window');
    const t = (line: number) => Date.UTC(2019, 7, 19, 10, 0, 0) + line; // 1 ms per line
    assert.deepEqual(noResponse(true, t), [], 'the window ends within the 5 s timeout');
    const later = (line: number) => Date.UTC(2019, 7, 19, 10, 0, 0) + line * 10_000;
    assert.ok(
      noResponse(true, later).some((p) => /InvokeID 80230/.test(p.message)),
      'it goes on long enough',
    );
  });
});
