/**
 * The voice calls of the case bundle as the timeline and the flows see them: the UCCX call of
 * samples/ (flow C) across CUCM, the JTAPI client, MIVR and Finesse, and the UCCE call (flow D)
 * across CVP, the VXML Server, the router, the PG's JTAPI gateway and PIM, and Finesse; in time order
 * across zones, each event in its product's lane with a summary; the call flows as data, their
 * status in `cclogs flows` and the Problems panel; and the dumplog processes and headers the bundle
 * brings (the CUCM FileHead date line, PIM, JTAPI gateway, dialer and Campaign Manager lines).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTimelineError, type TimelineResult } from '../../protocol/timelineTypes';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/cli/loadWorkspace';
import { main } from '../../server/src/cli/main';
import { brokenFlowProblems } from '../../server/src/diagnostics/indexProblems';
import { builtinFlows } from '../../server/src/flows/builtin';
import { markersIn } from '../../server/src/flows/marks';
import { computeFlowStatus } from '../../server/src/flows/status';
import type { SubjectStatus } from '../../server/src/flows/types';
import { builtinRegistry } from '../../server/src/formats/registry';
import { runIndexJob } from '../../server/src/index/indexer';
import type { SegmentPayload } from '../../server/src/index/segment';
import { extractEntities } from '../../server/src/entities/extract';
import { LogModel } from '../../server/src/model/logModel';
import { checkLaneData, essenceOf, laneOf } from '../../server/src/timeline/lanes';
import rawLanes from '../../server/src/timeline/lanes.json';
import { RecordSource } from '../../server/src/timeline/recordSource';
import { TimelineService } from '../../server/src/timeline/timeline';

const SAMPLES = path.resolve(__dirname, '../../samples');
const registry = builtinRegistry();

/**
 * samples/ copied with its files dated as a collected bundle keeps them (the JTAPI client log prints no
 * year: its case's dated files give it, the file's date is the last resort; see caseYear.test.ts for a
 * fresh checkout, where every file is dated today).
 */
function datedSamples(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calls-'));
  fs.cpSync(SAMPLES, dir, { recursive: true });
  const day = new Date('2019-08-21T18:00:00Z');
  fs.utimesSync(path.join(dir, 'jtapi', 'CiscoJtapi1.log'), day, day);
  return dir;
}

function serviceOver(ws: LoadedWorkspace): TimelineService {
  return new TimelineService({
    query: ws.query,
    registry: () => ws.registry,
    records: new RecordSource({ registry: () => ws.registry, timeOptionsFor: ws.timeOptionsFor }),
    clockRules: () => ws.settings.clockRules,
  });
}

async function timeline(s: TimelineService, id: string): Promise<TimelineResult> {
  const a = await s.forId(id, {});
  if (isTimelineError(a)) throw new Error(a.error);
  return a;
}

function assertTimeOrder(t: TimelineResult): void {
  assert.ok(
    t.events.every((e) => e.instant),
    `every event is dated: ${t.events.filter((e) => !e.instant).map((e) => `${e.file}:${e.line + 1}`)}`,
  );
  for (let i = 1; i < t.events.length; i++)
    assert.ok(
      t.events[i - 1].instant! <= t.events[i].instant!,
      `${t.events[i - 1].file}:${t.events[i - 1].line + 1} (${t.events[i - 1].instant}) before ${t.events[i].file}:${t.events[i].line + 1} (${t.events[i].instant})`,
    );
}

const laneOrder = (t: TimelineResult): string[] => {
  const out: string[] = [];
  for (const e of t.events) if (out[out.length - 1] !== e.lane) out.push(e.lane);
  return out;
};

describe('case bundle: the sample calls in the timeline', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: LoadedWorkspace;
  before(async () => {
    dir = datedSamples();
    ws = await loadWorkspace([dir], { workers: 0 });
  });
  after(async () => {
    await ws.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("merges flow C's call across CUCM, the JTAPI client, MIVR and Finesse in time order (no zone, CEST, +0200)", async () => {
    const t = await timeline(serviceOver(ws), '2238411');
    assert.equal(t.entity.kind, 'call');
    assertTimeOrder(t);
    const products = new Set(t.events.map((e) => e.product));
    for (const p of ['CUCM', 'JTAPI', 'UCCX', 'Finesse', 'Tomcat']) assert.ok(products.has(p), p);
    // Every event on 2019-08-21 between the INVITE's setup and the hang-up (the three clocks agree).
    assert.ok(t.events.every((e) => e.instant!.startsWith('2019-08-21T08:1')));
    const at = (lane: string, summary: RegExp) => t.events.findIndex((e) => e.lane === lane && summary.test(e.summary));
    const setup = at('CUCM CallManager', /^CcSetupReq/);
    const offered = at('JTAPI client P1-10.20.30.11', /CallCtlConnOfferedEv at 7100/);
    const received = at('UCCX MIVR', /Call\.received\(\) contact 184/);
    const allocated = at('UCCX MIVR', /ALLOCATED to agent mweber/);
    const ringing = at('Finesse webservices', /dialog ALERTING/);
    const answered = at('JTAPI client P1-10.20.30.11', /CallCtlConnEstablishedEv at 2001/);
    const dropped = at('Finesse webservices', /dialog DROPPED/);
    const order = [setup, offered, received, allocated, ringing, answered, dropped];
    assert.ok(
      order.every((i) => i >= 0),
      `found ${order}: ${t.events.map((e) => `${e.lane} | ${e.summary}`).join('\n')}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'setup, offered, received, reserved, ringing, answered, dropped',
    );
    // The JTAPI client's CTI message names only the call leg; CUCM's setup ties the leg to the call.
    assert.ok(t.events.some((e) => /received Event NewCallEvent/.test(e.summary)));
    // The CUCM SDL trace is dated by its FileHead line, in the offset that line states.
    const cucm = t.events[setup];
    assert.equal(cucm.instant, '2019-08-21T08:15:02.088Z');
    assert.ok(cucm.assumptions.some((a) => /FileHead line at line 1/.test(a)));
    // The other call, one digit away, is not in it.
    assert.ok(!t.events.some((e) => /2238414|contact 187/.test(e.summary)));
  });

  it('finds the same call by its UCCX contact id, session and Finesse dialog', async () => {
    const s = serviceOver(ws);
    const byGcid = await timeline(s, '2238411');
    for (const id of ['184', '0x6e000000b8', '33561431']) {
      const t = await timeline(s, id);
      assert.equal(t.total, byGcid.total, id);
    }
  });

  it("merges flow D's call across CVP, the VXML Server, the router, the PG and Finesse", async () => {
    const t = await timeline(serviceOver(ws), '7C1D4F8A100000000000001C0A0A1E2B');
    assertTimeOrder(t);
    const lanes = laneOrder(t);
    for (const l of [
      'CVP Call Server 10.20.30.61',
      'CVP Reporting 10.20.30.61',
      'CVP VXML Server MainMenu',
      'Router ra',
      'JTAPI Gateway 1 PG2A',
      'PIM 1 PG2A',
      'Finesse webservices',
      'Finesse desktop 1090',
    ])
      assert.ok(lanes.includes(l), `${l} in ${lanes}`);
    const summaries = t.events.map((e) => e.summary);
    for (const s of [
      /^SIP: INVITE sip:4969555021 → sip:8800/,
      /^ICM: NEW_CALL sent to ICM/,
      /^NewCall DN 8800/,
      /^ICM: TEMPORARY_CONNECT from ICM, label 7777/,
      /^start newcall/,
      /^RouteSelect label 3090/,
      /^SIP: transfer to sip:3090/,
      /^CallCtlConnOfferedEv/,
      /^CSTA_DELIVERED/,
      /^DECODED_MESSAGE_FROM_CTI_SERVER: CTIBeginCallEvent/,
      /^DIALOG_PUBLISHED: dialog ACTIVE/,
    ])
      assert.ok(
        summaries.some((x) => s.test(x)),
        `${s} in\n${summaries.join('\n')}`,
      );
    // By the router call key, the same call.
    assert.equal((await timeline(serviceOver(ws), '2207')).total, t.total);
  });
});

describe('case bundle: the call flows', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: LoadedWorkspace;
  let status: Map<string, SubjectStatus>;
  let snapshot: ReturnType<typeof computeFlowStatus>;
  before(async () => {
    dir = datedSamples();
    ws = await loadWorkspace([dir], { workers: 0 });
    snapshot = computeFlowStatus(ws.query, builtinFlows());
    status = new Map(snapshot.subjects.map((s) => [s.id, s]));
  });
  after(async () => {
    await ws.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows the UCCX call through all eight steps, with its names and timings', () => {
    const s = status.get('call:uccx:184')!;
    assert.equal(s.kind, 'call');
    assert.equal(s.outcome, 'complete');
    const f = s.flows[0];
    assert.equal(f.flowId, 'uccx-call');
    assert.deepEqual(
      f.steps.map((st) => `${st.stepId}:${st.state}`),
      [
        'cucm-setup:seen',
        'jtapi-offered:seen',
        'mivr-received:seen',
        'workflow:seen',
        'agent-reserved:seen',
        'finesse-alerting:seen',
        'answered:seen',
        'ended:seen',
      ],
    );
    assert.ok(!f.steps.some((st) => st.outOfOrder));
    assert.deepEqual(
      { gcid: s.details.gcid, dialog: s.details.dialog, agent: s.details.agent },
      { gcid: '2238411', dialog: '33561431', agent: 'mweber' },
    );
    assert.deepEqual(
      f.timings.map((t) => [t.label, t.ms]),
      [
        ['setup to agent reserved', 7033],
        ['ringing to answer', 2338],
        ['answer to end', 96232],
      ],
    );
  });

  it('breaks the abandoned UCCX call at the agent step, and the call of a trigger without application', () => {
    const abandoned = status.get('call:uccx:187')!;
    assert.equal(abandoned.outcome, 'broken');
    assert.equal(abandoned.flows[0].firstBroken?.stepId, 'agent-reserved');
    assert.equal(abandoned.flows[0].firstBroken?.state, 'failed');
    assert.match(abandoned.flows[0].firstBroken?.meaning ?? '', /hung up before an agent was reserved/);
    assert.ok(abandoned.flows[0].lastLine?.uri.endsWith('Cisco001MIVR101.log'));
    const aborted = status.get('call:uccx:1182')!;
    assert.equal(aborted.flows[0].firstBroken?.stepId, 'workflow');
    assert.match(aborted.flows[0].firstBroken?.meaning ?? '', /ApplicationNotFoundException/);
    // An IVR-only call that ends normally is complete: the agent steps are optional.
    assert.equal(status.get('call:uccx:1181')?.outcome, 'complete');
  });

  it('follows the UCCE call from the INVITE to the answer, and breaks the other at the error label', () => {
    const s = status.get('call:guid:7C1D4F8A100000000000001C0A0A1E2B')!;
    assert.equal(s.outcome, 'complete');
    const f = s.flows[0];
    assert.equal(f.flowId, 'ucce-call');
    assert.ok(f.steps.every((st) => st.state === 'seen'));
    assert.equal(s.details.routerCallKey, '2207');
    assert.deepEqual(
      f.timings.map((t) => t.label),
      ['INVITE to agent label', 'agent label to delivered', 'delivered to answered'],
    );
    const other = status.get('call:guid:7C1D4F8A100000000000001C0A0A1E2C')!;
    assert.equal(other.outcome, 'broken');
    assert.equal(other.flows[0].firstBroken?.stepId, 'route-select');
    assert.match(other.flows[0].firstBroken?.meaning ?? '', /92929292/);
    assert.equal(other.details.routerCallKey, '2208');
  });

  it('reports the broken calls in the Problems panel, on the line the call stopped at', () => {
    const cvp = pathToFileURL(path.join(dir, 'cvp', 'CVP.2019-08-21.log')).href;
    const ps = brokenFlowProblems(cvp, snapshot);
    assert.equal(ps.length, 1);
    assert.equal(ps[0].severity, 'error');
    assert.equal(ps[0].line, 9);
    assert.match(ps[0].message, /^call 7C1D4F8A…1E2C \(GUID\): UCCE call through CVP broken at step 5/);
    assert.ok(ps[0].related.some((r) => r.uri.endsWith('rtr_190821.txt')));
    const mivr = pathToFileURL(path.join(dir, 'uccx', 'Cisco001MIVR101.log')).href;
    assert.ok(brokenFlowProblems(mivr, snapshot).some((p) => /call 187 \(UCCX contact\)/.test(p.message)));
  });

  it('lists the calls as a third group in cclogs flows', async () => {
    let out = '';
    const code = await main(['flows', dir], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 0);
    assert.match(out, /^Calls \(\d+\)$/m);
    assert.match(out, /COMPLETE {4}call:uccx:184 .*gcid=2238411/);
    assert.match(out, /BROKEN {6}call:guid:7C1D4F8A100000000000001C0A0A1E2C/);
  });

  it('finds the markers of a CVP log, whose Call Server and Reporting lines make it read line by line', () => {
    const line =
      '5219: 10.20.30.61: Aug 21 2019 11:02:14.151 +0200: %CVP_11_6_ICM-7-CALL: {Thrd=pool-7-thread-3} CALLGUID=7C1D4F8A100000000000001C0A0A1E2B NEW_CALL sent to ICM, DialedNumber=8800';
    assert.deepEqual(
      markersIn(line, undefined).map((m) => m.key),
      ['~flow:ucce-call:cvp-new-call:new-call'],
    );
    // Behind a grep prefix too; and a line of another product with the same words marks nothing.
    assert.equal(markersIn(`CVP.2019-08-21.log:2:${line}`, undefined).length, 1);
    assert.deepEqual(markersIn('NEW_CALL sent to ICM', undefined), []);
  });
});

describe('cclogs timeline of the sample calls', function () {
  this.timeout(60_000);
  it('prints the UCCX call lane by lane in time order', async () => {
    const dir = datedSamples();
    try {
      let out = '';
      let err = '';
      const code = await main(['timeline', '2238411', dir], { out: (t) => (out += t), err: (t) => (err += t) });
      assert.equal(code, 0, err);
      assert.match(out, /^Call: CUCM GlobalCallID 2238411 \(call\): \d+ events/);
      const rows = out.split('\n').filter((l) => /^\S.* 2019-08-21 /.test(l));
      const lanes = rows.map((r) => r.slice(0, r.indexOf(' 2019-08-21')).trim());
      assert.equal(lanes[0], 'CUCM CallManager');
      assert.ok(lanes.indexOf('JTAPI client P1-10.20.30.11') < lanes.indexOf('UCCX MIVR'));
      assert.ok(lanes.indexOf('UCCX MIVR') < lanes.indexOf('Finesse webservices'));
      assert.ok(!out.includes('no time'));
      assert.match(out, /CUCM CallManager\s+2019-08-21 08:15:02\.088\s+CcSetupReq/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('case bundle: lanes of the new products', () => {
  it('checks the lane data without problems', () => {
    assert.deepEqual(checkLaneData(rawLanes).problems, []);
  });

  it('places the dumplog processes by name and their messages by what they say', () => {
    const fields = (process: string, processName: string, node: string) => ({ process, processName, node });
    assert.equal(laneOf('icm_trace', 'pim1.txt', fields('PG2A-pim1', 'pim1', 'PG2A')).lane, 'PIM 1 PG2A');
    assert.equal(laneOf('icm_trace', 'x.txt', fields('PG1A-jgw1', 'jgw1', 'PG1A')).lane, 'JTAPI Gateway 1 PG1A');
    assert.equal(laneOf('icm_trace', 'x.txt', fields('dialer-baDialer', 'baDialer', 'dialer')).lane, 'Dialer dialer');
    assert.equal(
      laneOf('icm_trace', 'x.txt', fields('la-CampaignManager', 'CampaignManager', 'la')).lane,
      'Campaign Manager la',
    );
    assert.equal(laneOf('cucm_sdl', 'SDL001_100_000412.txt', {}).lane, 'CUCM CallManager');
    assert.equal(laneOf('cucm_sdl', 'SDL002_200_000031.txt', {}).lane, 'CUCM CTIManager');
    const jtapi = laneOf('jtapi', 'CiscoJtapi1.log', {});
    assert.equal(
      essenceOf('redirect GCID=(1,2238411) from Address[7001] to Address[2001]', jtapi),
      'redirect 7001 → 2001',
    );
    const vxml = laneOf('cvp_vxml', 'activity_log.txt', { level: 'start', action: 'newcall', element: '' });
    assert.equal(vxml.code, 'start newcall');
    assert.equal(essenceOf(',', vxml), '');
  });
});

describe('case bundle: dumplog processes and headers', () => {
  const model = (text: string, formatId: string) =>
    LogModel.build(text, { registry, format: registry.byId(formatId)!, zonelessOffset: { minutes: 0, source: 't' } });

  it('dates a CUCM SDL trace by its FileHead line: the date, the offset it states, and midnight', async () => {
    // The FileHead line as CUCM writes it (published in a CUCM trace-reading guide, 2024), then two lines.
    const text = [
      '28147301.000 |00:00:00.206 |FileHead |UTC:-05:00,Date: 2024/08/13, AppName: CCM, AppId: 100, AppNodeId: 1, AppVersion: CUCM Install=11.5.1.16900-16 Build=11.5.1.16900-16 (d3f126) memlog=20, HostName: Trainingpub115, HostIPAddress: 10.207.166.103, AppStartTime: 2024/03/17 09:26:28, FileNumber: 1263, TraceVer: 3.0',
      '28147303.000 |00:00:00.397 |AppInfo  |HttpConnection - checkConnQueue found no connData',
      '28147309.000 |23:59:59.900 |AppInfo  |HttpConnection - checkConnQueue found no connData',
      '28147310.000 |00:00:01.100 |AppInfo  |HttpConnection - checkConnQueue found no connData',
    ].join('\n');
    const m = model(text, 'cucm_sdl');
    assert.equal(m.recordCount, 3, 'the FileHead line is a header, not a record');
    const first = m.parseRecord(0)!.time!;
    assert.equal(new Date(first.instant).toISOString(), '2024-08-13T05:00:00.397Z');
    assert.ok(first.assumptions.some((a) => /date 2024-08-13 taken from the FileHead line at line 1/.test(a)));
    assert.ok(first.assumptions.some((a) => /UTC-05:00 taken from the FileHead line/.test(a)));
    assert.equal(new Date(m.instantOf(2)).toISOString(), '2024-08-14T05:00:01.100Z');
    // The indexer dates the lines alike: the header is found by its anchor though its line starts with digits.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdl-'));
    try {
      const file = path.join(dir, 'SDL001_100_001500.txt');
      fs.writeFileSync(file, `${text.replace(/found no connData/g, 'CI=38960749 found no connData')}\n`);
      const segments: SegmentPayload[] = [];
      await runIndexJob(
        { fileId: 1, fileName: file, path: file, time: {} },
        { registry, extract: extractEntities },
        (p) => segments.push(p),
        { cancelled: () => false, gate: () => undefined },
      );
      const instants = segments.flatMap((s) =>
        Array.from(s.times)
          .filter((t) => t !== 0xffffffff)
          .map((t) => new Date(s.timeBase + t * s.timeScale).toISOString()),
      );
      assert.deepEqual(instants, ['2024-08-13T05:00:00.397Z', '2024-08-14T04:59:59.900Z', '2024-08-14T05:00:01.100Z']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the PIM, JTAPI gateway, dialer and Campaign Manager lines published by Cisco and engineers', () => {
    // PIM (Cisco Unified ICM ACD Supplement for Avaya CM 12.6): the event's fields on tab-indented lines.
    const pim = model(
      '19:31:20 pg1A-pim1 Trace: CSTA DELIVERED, \n\tPrivData=[UU=None Consult[CID 603 Dev 6505 DevType 0] II 0\n\tCallID      = 604  DeviceID = 6505  DeviceType = Static\n\tCause       = EC_NEW_CALL\n19:31:21 pg1A-pim1 Trace: CSTA ESTABLISHED, ',
      'icm_trace',
    );
    assert.equal(pim.recordCount, 2);
    assert.equal(pim.recordEndLine(0), 3);
    const head = (m: LogModel, r: number, name: string) => m.parseRecord(r)?.fields.find((f) => f.name === name)?.text;
    assert.equal(head(pim, 0, 'processName'), 'pim1');
    // JTAPI gateway (a published trace): the indented sub-message is a line of its own, of the same process.
    const jgw = model(
      '12:33:19:564 PG1A-jgw1 Trace: CiscoAddrOutOfServiceEv Addr: 27148 Cause: CALLMANAGER_FAILURE\n12:33:19:564 PG1A-jgw1 Trace:   MsgAddressOutOfService:  Addr: 27148 Cause: 1001',
      'icm_trace',
    );
    assert.equal(jgw.recordCount, 2);
    assert.equal(head(jgw, 1, 'processName'), 'jgw1');
    // The dialer (a published trace): its subsystem in parentheses.
    const dialer = model(
      '10:55:33:059 dialer-baDialer Trace: (CPORT) SetState(): Port: [016], state: [PORT_DEVICE_ATTRIB].',
      'icm_trace',
    );
    assert.equal(head(dialer, 0, 'subsystem'), 'CPORT');
    assert.equal(head(dialer, 0, 'processName'), 'baDialer');
    // Campaign Manager (TAC 211239): a line with no level is a record of its own, not a continuation.
    const cm = model(
      '14:30:00:253 la-CampaignManager Trace: MDS is out of service and in the Internal file [1] records are written \n14:35:13:236 la-CampaignManager Connection to MDS process established.',
      'icm_trace',
    );
    assert.equal(cm.recordCount, 2);
    assert.equal(head(cm, 1, 'level'), undefined);
    // The router's line without a level or milliseconds (Serviceability guide, DUMPLOG) stays the router's.
    const rtr = model('Events from February 8, 2007\n00:37:44 ra-rtr MDS is in service.', 'icm_router');
    assert.equal(rtr.recordCount, 1);
    assert.equal(new Date(rtr.instantOf(0)).toISOString(), '2007-02-08T00:37:44.000Z');
    // dumplog's Cisco Log format (/cl) prints the code without severity and message id.
    const cl = model(
      '10: CICMRGRA: Feb 8 2007 05:37:44.658 +0000: %ICM_Router_ProcessSynchronization: [comp=Router-A][pname=rtr][iid=ipcc][sev=info]: MDS is in service.',
      'icm_ciscolog',
    );
    assert.equal(cl.parseRecord(0)?.patternName, 'dumplog');
    assert.equal(head(cl, 0, 'facility'), 'Router_ProcessSynchronization');
  });
});
