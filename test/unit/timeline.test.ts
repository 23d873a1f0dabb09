import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isTimelineError, type TimelineResult } from '../../protocol/timelineTypes';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/cli/loadWorkspace';
import { main } from '../../server/src/cli/main';
import { clockRulesFrom, parseOffsetMs } from '../../server/src/timeline/clock';
import { RecordSource } from '../../server/src/timeline/recordSource';
import { TimelineService } from '../../server/src/timeline/timeline';

const SAMPLES = path.resolve(__dirname, '../../samples');
const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function serviceOver(ws: LoadedWorkspace, clockOffsets?: unknown, wholeFileBytes?: number): TimelineService {
  const rules = clockOffsets ? clockRulesFrom(clockOffsets).rules : ws.settings.clockRules;
  return new TimelineService({
    query: ws.query,
    registry: () => ws.registry,
    records: new RecordSource({
      registry: () => ws.registry,
      timeOptionsFor: ws.timeOptionsFor,
      ...(wholeFileBytes !== undefined ? { wholeFileBytes } : {}),
    }),
    clockRules: () => rules,
  });
}

async function timeline(s: TimelineService, id: string, options = {}): Promise<TimelineResult> {
  const a = await s.forId(id, options);
  if (isTimelineError(a)) throw new Error(a.error);
  return a;
}

function assertTimeOrder(t: TimelineResult): void {
  const timed = t.events.filter((e) => e.instant);
  for (let i = 1; i < timed.length; i++)
    assert.ok(
      timed[i - 1].instant! <= timed[i].instant!,
      `${timed[i - 1].file}:${timed[i - 1].line + 1} (${timed[i - 1].instant}) before ${timed[i].file}:${timed[i].line + 1} (${timed[i].instant})`,
    );
  // Lines without an instant come last.
  const firstUntimed = t.events.findIndex((e) => !e.instant);
  if (firstUntimed >= 0) assert.ok(t.events.slice(firstUntimed).every((e) => e.noInstant));
}

describe('timeline of one chat or agent (samples/)', function () {
  this.timeout(60_000);
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace([SAMPLES], { workers: 0 });
  });
  after(async () => {
    await ws.dispose();
  });

  it('merges the chat across browser, SocialMiner and UCCX files in time order (IST, +0530, GMT+0530)', async () => {
    const t = await timeline(serviceOver(ws), CONTACT);
    assert.equal(t.entity.kind, 'chat');
    assert.ok(t.entity.names.some((n) => n.key === `contact:${CONTACT}` && n.why === 'the name asked for'));
    assert.ok(t.entity.names.some((n) => n.key.startsWith('chatRoom:')));
    for (const lane of ['Browser', 'SocialMiner ccppublicapps', 'SocialMiner runtime', 'UCCX MADM', 'UCCX MIVR'])
      assert.ok(t.lanes.includes(lane), `lane ${lane} in ${t.lanes.join(', ')}`);
    assertTimeOrder(t);
    // Files interleave: the order is by time, not by file.
    const files = t.events.map((e) => e.file);
    const switches = files.filter((f, i) => i > 0 && f !== files[i - 1]).length;
    assert.ok(switches > new Set(files).size, `files interleave (${switches} switches)`);
    const created = t.events.find((e) => e.summary.startsWith('SOCIAL_CONTACT_CREATED'));
    assert.ok(created, 'SOCIAL_CONTACT_CREATED is an event');
    assert.equal(created.instant, '2018-08-06T04:02:05.497Z');
    assert.equal(created.stamp, 'Aug 06 2018 09:32:05.497 +0530');
    // UCCX stamps have no year: the assumption is said.
    const mivr = t.events.find((e) => e.lane === 'UCCX MIVR')!;
    assert.ok(mivr.assumptions.some((a) => /year 2018/.test(a) && /IST/.test(mivr.stamp ?? '')));
  });

  it('places zone-less dumplog lines by their Events from header and ccLogs.zonelessOffset among GMT+0000 lines', async () => {
    const t = await timeline(serviceOver(ws), '6420');
    assert.equal(t.entity.label, 'Agent 6420');
    assertTimeOrder(t);
    const req = t.events.find((e) => e.summary.startsWith('Sending MEDIA_LOGIN_REQ'))!;
    assert.equal(req.lane, 'ECE Listener');
    assert.match(req.summary, /InvokeID 80230/);
    const cti = t.events.find((e) => e.lane === 'CTI Server cglA' && e.summary.startsWith('SendARMMsg'))!;
    assert.equal(cti.stamp, '15:31:52:172');
    assert.equal(cti.instant, '2019-08-19T13:31:52.172Z');
    assert.ok(cti.assumptions.some((a) => a.includes('"Events from" header')));
    assert.ok(cti.assumptions.some((a) => a.includes('ccLogs.zonelessOffset')));
    assert.ok(t.events.indexOf(req) < t.events.indexOf(cti));
    assert.ok(t.lanes.includes('OPC PG1A'));
    // rttest/opctest output has no time: it keeps its file order at the end and the notes say so.
    assert.ok(t.events.at(-1)!.noInstant);
    assert.ok(t.notes.some((n) => /no instant/.test(n)));
  });

  it('pairs a request with its response by InvokeID', async () => {
    const t = await timeline(serviceOver(ws), '6420');
    const req = t.events.find((e) => e.summary.startsWith('Sending MEDIA_LOGIN_REQ'))!;
    assert.equal(req.pair?.role, 'request');
    assert.equal(req.pair?.invokeId, '80230');
    assert.match(req.pair?.summary ?? '', /Received MEDIA_LOGIN_RESP/);
    const resp = t.events.find((e) => e.summary.startsWith('ProcessARMMediaLoginRespMsg'))!;
    assert.equal(resp.pair?.role, 'response');
  });

  it('finds the CTI server clock ahead of the listener, and ccLogs.clockOffsets corrects it', async () => {
    const t = await timeline(serviceOver(ws), '6420');
    const finding = t.clockFindings.find((c) => c.host === 'cglA');
    assert.ok(finding, JSON.stringify(t.clockFindings));
    assert.equal(finding.reference, 'ECEAPP01');
    assert.ok(finding.skewMs < 0 && finding.skewMs >= -60, String(finding.skewMs));
    const corrected = await timeline(serviceOver(ws, { cglA: -60, PG1A: '-0.06s' }), '6420');
    assert.equal(
      corrected.clockFindings.find((c) => c.host === 'cglA'),
      undefined,
    );
    const cti = corrected.events.find((e) => e.lane === 'CTI Server cglA' && e.summary.startsWith('SendARMMsg'))!;
    assert.equal(cti.writtenInstant, '2019-08-19T13:31:52.172Z');
    assert.equal(cti.instant, '2019-08-19T13:31:52.112Z');
    assert.deepEqual(cti.clockCorrection, { ms: -60, rule: 'ccLogs.clockOffsets "cglA"' });
    assertTimeOrder(corrected);
  });

  it('comes in pages', async () => {
    const s = serviceOver(ws);
    const all = await timeline(s, CONTACT);
    const p1 = await timeline(s, CONTACT, { offset: 0, limit: 10 });
    const p2 = await timeline(s, CONTACT, { offset: 10, limit: 10 });
    assert.equal(p1.total, all.total);
    assert.equal(p2.offset, 10);
    assert.ok(p1.events.every((e) => e.index < 10));
    assert.ok(p2.events.every((e) => e.index >= 10 && e.index < 20));
    const ids = (t: TimelineResult) => t.events.map((e) => `${e.file}:${e.recordLine}`);
    assert.deepEqual(
      [...ids(p1), ...ids(p2)].filter((x) => !ids(all).includes(x)),
      [],
    );
  });

  it('says clearly when an ID is unknown', async () => {
    const a = await serviceOver(ws).forId('NOSUCHID12345');
    assert.ok(isTimelineError(a));
    assert.match(a.error, /No indexed log line names "NOSUCHID12345"/);
  });

  it('parses clock offsets and refuses malformed ones', () => {
    assert.equal(parseOffsetMs('-0.06s'), -60);
    assert.equal(parseOffsetMs('+2m'), 120_000);
    assert.equal(parseOffsetMs(15), 15);
    assert.equal(parseOffsetMs('soon'), undefined);
    const { rules, problems } = clockRulesFrom({ cglA: 10, 'icm/*.txt': '1s', bad: 'x' });
    assert.equal(rules.length, 2);
    assert.equal(problems.length, 1);
    assert.ok(rules[1].glob!('/a/samples/icm/opc_190819.txt'));
  });
});

describe('timeline: files that vanished', function () {
  this.timeout(60_000);
  it('drops events of a file gone since it was indexed, with a note', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-'));
    fs.cpSync(SAMPLES, dir, { recursive: true });
    const ws = await loadWorkspace([dir], { workers: 0 });
    try {
      fs.rmSync(path.join(dir, 'icm', 'opc_190819.txt'));
      const t = await timeline(serviceOver(ws), '6420');
      assert.ok(!t.events.some((e) => e.file === 'opc_190819.txt'));
      assert.ok(
        t.notes.some((n) => /dropped/.test(n) && /opc_190819\.txt/.test(n)),
        t.notes.join('\n'),
      );
      assertTimeOrder(t);
    } finally {
      await ws.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cclogs timeline', function () {
  this.timeout(60_000);
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('prints the table of a chat over samples/', async () => {
    const r = await run(['timeline', CONTACT, SAMPLES]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Chat 4B1E93C7…/);
    assert.match(r.out, /LANE\s+TIME \(UTC\)\s+DELTA\s+SUMMARY\s+FILE:LINE/);
    assert.match(r.out, /SocialMiner runtime\s+2018-08-06 04:02:05\.497 .*SOCIAL_CONTACT_CREATED/);
  });

  it('prints the server result with --json, and fails clearly on an unknown ID', async () => {
    const r = await run(['timeline', '6420', SAMPLES, '--json', '--limit', '5']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as TimelineResult;
    assert.equal(json.entity.label, 'Agent 6420');
    assert.equal(json.limit, 5);
    assert.ok(json.total > 5);
    const bad = await run(['timeline', 'NOSUCHID12345', SAMPLES]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /No indexed log line names/);
    const usage = await run(['timeline']);
    assert.equal(usage.code, 2);
  });
});

describe('timeline: an ID named on many lines', function () {
  this.timeout(120_000);
  const LINES = 50_000;
  let dir: string;
  let ws: LoadedWorkspace;
  let small: LoadedWorkspace;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeline-big-'));
    const out: string[] = ['Events from August 19, 2019:', ''];
    const start = 8 * 3600 * 1000;
    for (let i = 0; i < LINES; i++) {
      const t = start + i * 100;
      const hh = String(Math.floor(t / 3_600_000)).padStart(2, '0');
      const mm = String(Math.floor(t / 60_000) % 60).padStart(2, '0');
      const ss = String(Math.floor(t / 1000) % 60).padStart(2, '0');
      const ms = String(t % 1000).padStart(3, '0');
      out.push(
        `${hh}:${mm}:${ss}:${ms} cglA-ctisvr Trace: SendARMMsg -- InvokeID = ${100000 + i}, MRDID = 5000, ICMAgentID = 7777, AgentMode = 0`,
      );
    }
    fs.writeFileSync(path.join(dir, 'ctisvr_big.txt'), `${out.join('\n')}\n`);
    ws = await loadWorkspace([dir], { workers: 0 });
    // The same file in segments of 4,096 lines, to read it as a big file is read: windows around the lines.
    small = await loadWorkspace([dir], { workers: 0, segmentLines: 4096 });
  });
  after(async () => {
    await ws.dispose();
    await small.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('comes in pages: the total, a page of the limit asked, the last page, the cap on a page', async () => {
    const s = serviceOver(ws);
    const first = await timeline(s, '7777', { limit: 500 });
    assert.equal(first.total, LINES);
    assert.equal(first.events.length, 500);
    assert.equal(first.events[0].instant, '2019-08-19T08:00:00.000Z');
    assertTimeOrder(first);
    const last = await timeline(s, '7777', { offset: LINES - 10, limit: 500 });
    assert.equal(last.events.length, 10);
    assert.equal(last.events.at(-1)!.index, LINES - 1);
    assert.equal(last.events.at(-1)!.line, LINES + 1);
    const capped = await timeline(s, '7777', { limit: 1_000_000 });
    assert.equal(capped.limit, 20_000);
    assert.equal(capped.events.length, 20_000);
  });

  it('reads a big file by windows around the lines, with the date header above them, as the whole file reads', async () => {
    const whole = await timeline(serviceOver(ws), '7777', { offset: 30_000, limit: 50 });
    const windows = serviceOver(small, undefined, 0);
    const byWindows = await timeline(windows, '7777', { offset: 30_000, limit: 50 });
    assert.ok(small.index.fileByUri(byWindows.events[0].uri)!.segments.length > 1);
    const shape = (t: TimelineResult) =>
      t.events.map((e) => [e.line, e.recordLine, e.instant, e.stamp, e.summary, e.lane, e.assumptions.join('; ')]);
    assert.deepEqual(shape(byWindows), shape(whole));
    assert.ok(byWindows.events[0].assumptions.some((a) => a.includes('"Events from" header')));
    // A warm page comes from the views kept.
    assert.deepEqual(shape(await timeline(windows, '7777', { offset: 30_000, limit: 50 })), shape(whole));
  });
});
