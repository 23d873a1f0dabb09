import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isTimelineError, type TimelineResult } from '../../protocol/timelineTypes';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/cli/loadWorkspace';
import { clockRulesFrom } from '../../server/src/timeline/clock';
import { laneOf } from '../../server/src/timeline/lanes';
import { RecordSource } from '../../server/src/timeline/recordSource';
import {
  checkSameStepData,
  sameStepData,
  sameStepFindings,
  stepOf,
  type StepLine,
} from '../../server/src/timeline/sameSteps';
import { TimelineService } from '../../server/src/timeline/timeline';
import { snakeOf } from '../../server/src/util/text';

const SAMPLES = path.resolve(__dirname, '../../samples');
const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function serviceOver(ws: LoadedWorkspace, clockOffsets?: unknown): TimelineService {
  const rules = clockOffsets ? clockRulesFrom(clockOffsets).rules : ws.settings.clockRules;
  return new TimelineService({
    query: ws.query,
    registry: () => ws.registry,
    records: new RecordSource({ registry: () => ws.registry, timeOptionsFor: ws.timeOptionsFor }),
    clockRules: () => rules,
  });
}

async function timeline(s: TimelineService, id: string): Promise<TimelineResult> {
  const a = await s.forId(id);
  if (isTimelineError(a)) throw new Error(a.error);
  return a;
}

/** Adds `ms` to every `HH:MM:SS:mmm` stamp that starts a line of a dumplog text (the day does not change here). */
function shiftDumplog(text: string, ms: number): string {
  return text.replace(/^(\d{2}):(\d{2}):(\d{2}):(\d{3}) /gm, (_, h: string, m: string, s: string, f: string) => {
    const t = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f) + ms;
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(Math.floor(t / 3_600_000))}:${p(Math.floor(t / 60_000) % 60)}:${p(Math.floor(t / 1000) % 60)}:${p(t % 1000, 3)} `;
  });
}

/** Adds `ms` to every `Mon DD HH:MM:SS.mmm IST` stamp of a UCCX text (the day does not change here). */
function shiftUccx(text: string, ms: number): string {
  return text.replace(
    /^(\d+: \w{3} \d{2} )(\d{2}):(\d{2}):(\d{2})\.(\d{3})( IST)/gm,
    (_, pre: string, h: string, m: string, s: string, f: string, z: string) => {
      const t = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f) + ms;
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${pre}${p(Math.floor(t / 3_600_000))}:${p(Math.floor(t / 60_000) % 60)}:${p(Math.floor(t / 1000) % 60)}.${p(t % 1000, 3)}${z}`;
    },
  );
}

/** A folder with some of the samples (`[relative path, transform]`), and the samples' settings. */
function bundle(files: Array<[string, (t: string) => string]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-same-steps-'));
  for (const [rel, transform] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), transform(fs.readFileSync(path.join(SAMPLES, rel), 'utf8')));
  }
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.copyFileSync(path.join(SAMPLES, '.vscode/settings.json'), path.join(dir, '.vscode/settings.json'));
  return dir;
}

const same = (t: string) => t;

describe('timeline: the same step logged by two hosts too far apart (sameSteps.json)', function () {
  this.timeout(60_000);

  it('the data loads without problems, and each side names the step of its sample lines', () => {
    const data = sameStepData();
    assert.deepEqual(data.problems, []);
    assert.ok(data.rules.length >= 2);
    for (const rule of data.rules)
      for (const side of rule.sides) {
        assert.ok(side.samples.length > 0, `${rule.id}: a side without samples`);
        for (const line of side.samples) assert.ok(stepOf(side, line), `${rule.id}: no step in ${line}`);
      }
    const arm = data.rules.find((r) => r.id === 'arm-message')!;
    assert.equal(stepOf(arm.sides[0], arm.sides[0].samples[0]), 'MAKE_AGENT_READY_IND');
    assert.equal(stepOf(arm.sides[1], arm.sides[1].samples[1]), 'MEDIA_LOGIN_RESP');
    assert.equal(stepOf(arm.sides[2], arm.sides[2].samples[0]), 'MAKE_AGENT_READY_IND');
    assert.equal(snakeOf('MediaLoginResp'), 'MEDIA_LOGIN_RESP');
  });

  it("each side's lane pattern takes the lane the timeline gives its samples' files", () => {
    const lanes: Record<string, string> = {
      'arm-message/0': laneOf('ece', 'eg_log_ECEAPP01_Listener.log', {}).lane,
      'arm-message/1': laneOf('icm_trace', 'ctisvr_190819.txt', { processName: 'ctisvr', node: 'cglA' }).lane,
      'arm-message/2': laneOf('icm_trace', 'opc_190819.txt', { processName: 'opc', node: 'PG1A' }).lane,
      'chat-queued/0': laneOf('socialminer', 'CCBU-runtime.2018-08-06T09-20-05.344.startup.log', {}).lane,
      'chat-queued/1': laneOf('uccx_engine', 'Cisco001MIVR045.log', { process: 'MIVR' }).lane,
    };
    for (const rule of sameStepData().rules)
      rule.sides.forEach((side, k) => {
        const lane = lanes[`${rule.id}/${k}`];
        assert.ok(lane && side.lane.test(lane), `${rule.id} side ${k + 1}: ${side.lane} against ${lane}`);
      });
  });

  it('bad data is reported and left out, never thrown', () => {
    const d = checkSameStepData({
      rules: [
        {
          id: 'a',
          title: 'x',
          sides: [
            { lane: '(', patterns: ['x'] },
            { lane: 'b', patterns: ['(?<step>y)'] },
          ],
        },
        { id: 'b', title: 'x', sides: [{ lane: 'a', patterns: ['no group'] }] },
        { id: 'c' },
        'nonsense',
      ],
    });
    assert.equal(d.rules.length, 0);
    assert.ok(d.problems.length >= 4, d.problems.join('\n'));
  });

  it('three hosts, one of them off: the finding names the one that disagrees with the two others', () => {
    const line = (lane: string, host: string, instant: number, text: string): StepLine => ({
      lane,
      host,
      instant,
      text,
      uri: `file:///${host}.log`,
      line: instant % 1000,
    });
    const lines: StepLine[] = [];
    for (const [k, msg] of ['MEDIA_LOGIN_REQ', 'MAKE_AGENT_ROUTABLE_IND', 'MAKE_AGENT_READY_IND'].entries()) {
      const t = 1_566_221_512_000 + k * 60_000;
      const camel = msg
        .toLowerCase()
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join('');
      lines.push(line('ECE Listener', 'ECEAPP01', t, `<@> Sending ${msg} -> 0 0 0 14`));
      lines.push(line('CTI Server cglA', 'cglA', t + 8, `cglA-ctisvr Trace: MsgType:${msg} (InvokeID:0x1396e )`));
      lines.push(line('OPC PG1A', 'PG1A', t - 7000, `PG1A-opc Trace: ${camel} - InvokeID = 80238`));
    }
    const found = sameStepFindings(lines);
    assert.deepEqual(
      found.map((f) => [f.host, f.reference]).sort(),
      [
        ['PG1A', 'ECEAPP01'],
        ['PG1A', 'cglA'],
      ],
      JSON.stringify(found),
    );
    const f = found.find((x) => x.reference === 'ECEAPP01')!;
    assert.equal(f.skewMs, 7000);
    assert.equal(f.steps, 3);
    assert.deepEqual(f.suggestion, { key: 'PG1A', ms: 7000 });
    assert.match(f.message, /PG1A is about 7\.00 s behind ECEAPP01/);
  });

  it('the samples as they are: the listener and CTI Server log the same ARM messages 52 to 68 ms apart, no finding', async () => {
    const ws = await loadWorkspace([SAMPLES], { workers: 0 });
    try {
      const t = await timeline(serviceOver(ws), '6420');
      assert.deepEqual(
        t.clockFindings.filter((c) => c.basis === 'sameStep'),
        [],
      );
      // The InvokeID exchanges still say the CTI Server's clock is a little ahead.
      assert.ok(t.clockFindings.some((c) => c.host === 'cglA' && c.basis === 'invokeId'));
      const chat = await timeline(serviceOver(ws), CONTACT);
      assert.deepEqual(
        chat.clockFindings.filter((c) => c.basis === 'sameStep'),
        [],
      );
    } finally {
      await ws.dispose();
    }
  });

  it('CTI Server writing 4.2 s late: says which host and by how much, and ccLogs.clockOffsets corrects it', async () => {
    const dir = bundle([
      ['ece/eg_log_ECEAPP01_Listener.log', same],
      ['icm/ctisvr_190819.txt', (t) => shiftDumplog(t, 4200)],
      ['icm/opc_190819.txt', same],
    ]);
    const ws = await loadWorkspace([dir], { workers: 0 });
    try {
      const t = await timeline(serviceOver(ws), '6420');
      const found = t.clockFindings.filter((c) => c.basis === 'sameStep');
      const vsListener = found.find((c) => c.host === 'cglA' && c.reference === 'ECEAPP01');
      assert.ok(vsListener, JSON.stringify(t.clockFindings, null, 1));
      // 4.2 s plus the 67-68 ms the samples' CTI Server clock is ahead (and the wire).
      assert.ok(vsListener.skewMs <= -4267 && vsListener.skewMs >= -4268, String(vsListener.skewMs));
      assert.equal(vsListener.steps, 2); // MAKE_AGENT_ROUTABLE_IND and MAKE_AGENT_READY_IND (the listener's MEDIA_LOGIN_RESP names no agent)
      assert.equal(vsListener.suggestion.key, 'cglA');
      assert.equal(vsListener.suggestion.ms, vsListener.skewMs);
      assert.match(vsListener.message, /cglA is about 4\.2\d s ahead of ECEAPP01: CTI Server cglA logs MAKE_AGENT_/);
      // OPC agrees with the listener: cglA is the odd one out, against PG1A too; nothing blames PG1A.
      assert.ok(found.some((c) => c.host === 'cglA' && c.reference === 'PG1A'));
      assert.ok(!found.some((c) => c.host === 'PG1A'));
      // Estimates come first; the InvokeID lower bound of the same pair of hosts is left out.
      assert.equal(t.clockFindings[0].basis, 'sameStep');
      assert.ok(!t.clockFindings.some((c) => c.basis === 'invokeId' && c.host === 'cglA'));
      const ready = vsListener.evidence.map((e) => e.line);
      assert.equal(ready.length, 2);

      // The suggested correction: no finding any more, and the events show corrected and written time.
      const fixed = await timeline(serviceOver(ws, { cglA: vsListener.suggestion.ms }), '6420');
      assert.deepEqual(
        fixed.clockFindings.filter((c) => c.basis === 'sameStep'),
        [],
      );
      const msg = fixed.events.find((e) => e.lane === 'CTI Server cglA' && /MAKE_AGENT_READY_IND/.test(e.summary))!;
      assert.equal(msg.writtenInstant, '2019-08-19T13:34:14.041Z');
      assert.equal(Date.parse(msg.instant!) - Date.parse(msg.writtenInstant!), vsListener.suggestion.ms);
      assert.deepEqual(msg.clockCorrection, { ms: vsListener.suggestion.ms, rule: 'ccLogs.clockOffsets "cglA"' });
    } finally {
      await ws.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('MIVR writing 3 s early: the chat queued by SocialMiner and by MIVR, MIVR named against SocialMiner', async () => {
    const dir = bundle([
      ['socialminer/CCBU-runtime.2018-08-06T09-20-05.344.startup.log', same],
      ['uccx/Cisco001MIVR045.log', (t) => shiftUccx(t, -3000)],
    ]);
    const ws = await loadWorkspace([dir], { workers: 0 });
    try {
      const t = await timeline(serviceOver(ws), CONTACT);
      const f = t.clockFindings.find((c) => c.basis === 'sameStep');
      assert.ok(f, JSON.stringify(t.clockFindings, null, 1));
      assert.equal(f.host, 'UCCX MIVR');
      assert.equal(f.reference, '10.48.22.71');
      // SocialMiner logs queued at 09:32:05.902, MIVR (shifted) at 09:32:02.877.
      assert.equal(f.skewMs, 3025);
      assert.match(f.message, /UCCX MIVR is about 3\.0\d s behind 10\.48\.22\.71: UCCX MIVR logs QUEUED/);
      const fixed = await timeline(serviceOver(ws, { 'UCCX MIVR': f.suggestion.ms }), CONTACT);
      assert.equal(
        fixed.clockFindings.find((c) => c.basis === 'sameStep'),
        undefined,
      );
    } finally {
      await ws.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
