/**
 * The flows as data (defs/*.json checked at load, one broken flow per failure kind in
 * test/bad-flows/ with the expected message) and the flow status of every chat and agent, from the
 * index over the samples: complete, broken and reordered traces, kept up to date as files change.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinFlows, BUILTIN_FLOW_FILES } from '../../server/src/flows/builtin';
import { compileFlows, formatFlowProblems } from '../../server/src/flows/compile';
import { markersIn } from '../../server/src/flows/marks';
import { FlowService } from '../../server/src/flows/service';
import { computeFlowStatus } from '../../server/src/flows/status';
import type { SubjectStatus } from '../../server/src/flows/types';
import { builtinRegistry } from '../../server/src/formats/registry';
import { ROOT, SAMPLES, tempFolder, workspaceOver, type Workspace } from './fixtures/index/helpers';

const MEERA = 'contact:4B1E93C7100001650D5B1A000A301647';
const RAHUL = 'contact:E27A05D1100001650D5B1A000A301647';
const ANITA = 'contact:91C4F0B8100001650D5B1A000A301647';
/** The ICM traces print local time (+02:00), as samples/README.md says. */
const PG_LOCAL = { timeOptionsFor: () => ({ zonelessOffset: { minutes: 120, source: 'test' } }) };

function statusOf(ws: Workspace): Map<string, SubjectStatus> {
  return new Map(computeFlowStatus(ws.query, builtinFlows()).subjects.map((s) => [s.id, s]));
}

function copySamples(dir: string, edit: (rel: string, text: string) => string | undefined = (_r, t) => t): void {
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(SAMPLES, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        fs.mkdirSync(path.join(dir, r), { recursive: true });
        walk(r);
      } else if (!e.name.endsWith('.md')) {
        const out = edit(r, fs.readFileSync(path.join(SAMPLES, r), 'utf8'));
        if (out !== undefined) fs.writeFileSync(path.join(dir, r), out);
      }
    }
  };
  walk('');
}

describe('flows as data', () => {
  it('loads the built-in flows without problems, with every format they name', () => {
    const formats = new Set(builtinRegistry().formats.map((f) => f.id));
    const { flows, problems } = compileFlows(BUILTIN_FLOW_FILES, formats);
    assert.equal(formatFlowProblems(problems), '');
    assert.deepEqual(
      flows.map((f) => f.def.id),
      ['bubble-chat', 'ece-agent', 'uccx-call', 'ucce-call'],
    );
  });

  it('has the 19 steps of the bubble chat document, the rating ones optional', () => {
    const bubble = builtinFlows().find((f) => f.def.id === 'bubble-chat')!;
    assert.equal(bubble.def.steps.length, 19);
    assert.deepEqual(
      bubble.def.steps.filter((s) => s.optional).map((s) => s.id),
      ['browser-rating', 'rating-received', 'rating-xmpp', 'rating-written'],
    );
    const rating = bubble.def.steps.find((s) => s.id === 'rating-received')!;
    assert.match(rating.hint, /data store/);
    assert.ok(rating.failures?.some((f) => f.literal === 'UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED'));
  });

  it('has the ECE agent steps through listener, CTI Server, OPC, rttest and the entry point', () => {
    const ece = builtinFlows().find((f) => f.def.id === 'ece-agent')!;
    const literals = ece.def.steps.flatMap((s) => [...s.markers, ...(s.failures ?? [])].map((m) => m.literal));
    for (const l of [
      'Sending MEDIA_LOGIN_REQ',
      'ProcessARMMediaLoginRespMsg',
      'Sending MAKE_AGENT_ROUTABLE_IND',
      'Sending MAKE_AGENT_READY_IND',
      'MakeAgentRoutableInd',
      'MakeAgentReadyInd',
      'NewState=AS_NOT_ACTIVE',
      'state = [',
      '"responseType"',
    ])
      assert.ok(literals.includes(l), l);
    const rttest = ece.def.steps.find((s) => s.id === 'router-routable')!;
    assert.match(rttest.hint, /CSCvq11852/);
  });

  it('marks a record with the steps it shows, and failures apart', () => {
    const line =
      '0000001067: 10.48.22.71: Aug 06 2018 09:28:47.391 +0530: %CCBU__CCPPUBLICAPPS-3-UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED: %[ExtensionField=h_rating][Session=1D7F3A0C92E64B8850AF6C3D21E9B7F4][social_contact_id=E27A05D1100001650D5B1A000A301647]: Failed';
    const marks = markersIn(line, 'socialminer');
    assert.deepEqual(
      marks.map((m) => [m.key, m.failure]),
      [['~flow:bubble-chat:rating-received:update-failed', true]],
    );
    assert.deepEqual(markersIn(line, 'uccx_engine'), [], 'markers belong to their format');
  });

  const badRoot = path.join(ROOT, 'test', 'bad-flows');
  for (const kind of fs.readdirSync(badRoot)) {
    it(`reports a broken flow file: ${kind}`, () => {
      const file = JSON.parse(fs.readFileSync(path.join(badRoot, kind, 'flow.json'), 'utf8'));
      const formats = new Set(builtinRegistry().formats.map((f) => f.id));
      const { flows, problems } = compileFlows([{ file, source: `${kind}/flow.json` }], formats);
      assert.equal(flows.length, 0, 'a broken flow is left out');
      const text = formatFlowProblems(problems);
      const expected = JSON.parse(fs.readFileSync(path.join(badRoot, kind, 'expected.json'), 'utf8')) as string[];
      for (const piece of expected) assert.ok(text.includes(piece), `expected "${piece}" in:\n${text}`);
      assert.ok(text.startsWith(`${kind}/flow.json /`), 'each problem names its file and JSON path');
    });
  }
});

describe('flow status from the index', function () {
  this.timeout(60_000);

  describe('over the samples', () => {
    let ws: Workspace;
    let status: Map<string, SubjectStatus>;
    before(async () => {
      ws = await workspaceOver([SAMPLES], { index: PG_LOCAL });
      status = statusOf(ws);
    });
    after(() => ws.dispose());

    it('finds the complete chat with all 19 steps, its lines and instants', () => {
      const s = status.get(MEERA)!;
      assert.equal(s.outcome, 'complete');
      const f = s.flows[0];
      assert.deepEqual(
        f.steps.filter((st) => st.state !== 'seen').map((st) => st.stepId),
        [],
      );
      const queued = f.steps.find((st) => st.stepId === 'queued-allocated')!;
      assert.equal(queued.instant, '2018-08-06T04:02:05.877Z');
      assert.ok(queued.lines.every((l) => l.uri.endsWith('Cisco001MIVR045.log')));
      assert.equal(f.steps.find((st) => st.stepId === 'click-to-chat')!.lines[0].uri.endsWith('.log'), true);
      assert.deepEqual(
        f.timings.map((t) => [t.label, t.ms]),
        [
          ['created to queued', 380],
          ['queued to allocated', 0],
          ['allocated to agent joined', 8028],
          ['customer left to rating stored', 8201],
        ],
      );
      assert.equal(s.details.customer, 'Meera Iyer');
      assert.equal(s.details.agent, 'Jabber@ge.nt4');
    });

    it('finds the chat whose rating could not be stored broken at step 17, with the hint', () => {
      const f = status.get(RAHUL)!.flows[0];
      assert.equal(f.outcome, 'broken');
      assert.equal(f.firstBroken?.number, 17);
      assert.equal(f.firstBroken?.state, 'failed');
      assert.match(f.firstBroken!.hint, /data store is down/);
      assert.ok(f.lastLine?.uri.endsWith('CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'));
    });

    it('keeps a chat still queued at the end of the logs in progress', () => {
      const f = status.get(ANITA)!.flows[0];
      assert.equal(f.outcome, 'in-progress');
      const q = f.steps.find((st) => st.stepId === 'queued-allocated')!;
      assert.equal(q.state, 'missing');
      assert.deepEqual(
        q.lines.map((l) => l.marker),
        ['queued'],
      );
    });

    it('follows the agent from MEDIA_LOGIN_REQ to AS_NOT_ACTIVE and rttest RA, login to ready timed', () => {
      const s = status.get('agent:icm:6420')!;
      assert.equal(s.outcome, 'complete');
      const f = s.flows[0];
      const resp = f.steps.find((st) => st.stepId === 'login-response')!;
      assert.equal(resp.state, 'seen', 'MEDIA_LOGIN_RESP names only the InvokeID, which the request shares');
      assert.deepEqual(
        f.timings.find((t) => t.label === 'login to ready'),
        { label: 'login to ready', ms: 137_737 },
      );
      assert.equal(s.details.chatDomainState, 'na-0:2,RA');
      assert.ok(s.names.includes('agent:eceUser:1005') && s.names.includes('agent:periph:15003'));
      // Its own key first, then the others in text order, whatever order the files were indexed in.
      assert.equal(s.names[0], 'agent:icm:6420');
      assert.deepEqual(s.names.slice(1), [...s.names.slice(1)].sort());
      assert.equal(f.steps.find((st) => st.stepId === 'entry-point-offers-chat')!.state, 'seen');
      assert.ok(!f.steps.some((st) => st.outOfOrder), 'with the PG offset every step is in order');
    });

    it('finds the agent whose chat domain is not available (RD) broken at the rttest step, CSCvq11852', () => {
      const f = status.get('agent:icm:6433')!.flows[0];
      assert.equal(f.outcome, 'broken');
      assert.equal(f.firstBroken?.stepId, 'router-routable');
      assert.match(f.firstBroken!.meaning ?? '', /CSCvq11852/);
    });

    it('finds the sample chat that breaks: queued, never allocated, the customer left', () => {
      const s = status.get('contact:7F2D61A4100001650D5B1A000A301647')!;
      assert.equal(s.outcome, 'broken');
      const f = s.flows[0];
      assert.equal(f.firstBroken?.stepId, 'queued-allocated');
      assert.equal(f.firstBroken?.state, 'missing');
      assert.equal(f.steps.find((st) => st.stepId === 'customer-left')!.state, 'seen');
      assert.equal(s.details.customer, 'Kavya Nair');
    });

    it('finds the sample agent who logs in but never becomes routable for chat (RD, responseType 1)', () => {
      const s = status.get('agent:icm:6447')!;
      assert.equal(s.outcome, 'broken');
      const f = s.flows[0];
      assert.equal(f.firstBroken?.stepId, 'router-routable');
      const ep = f.steps.find((st) => st.stepId === 'entry-point-offers-chat')!;
      assert.equal(ep.state, 'failed');
      assert.match(ep.meaning ?? '', /responseType 1/);
      assert.equal(f.steps.find((st) => st.stepId === 'login-response')!.state, 'seen');
      assert.deepEqual(f.timings[0], { label: 'login to ready', ms: 30_777 });
    });

    it('lists no voice-only agent and no uccx agent as a subject', () => {
      assert.ok(!status.has('agent:icm:6502'));
      assert.ok(![...status.keys()].some((k) => k.startsWith('agent:uccx:')));
    });
  });

  it('finds a chat broken where a step is missing from the middle of its trace', async () => {
    const tmp = tempFolder('flows-broken-');
    try {
      copySamples(tmp.dir, (rel, text) =>
        rel.endsWith('Cisco001MIVR045.log')
          ? text
              .split('\n')
              .filter((l) => !l.includes('ALLOCATED Contact [4B1E93C7100001650D5B1A000A301647]'))
              .join('\n')
          : text,
      );
      const ws = await workspaceOver([tmp.dir], { index: PG_LOCAL });
      try {
        const f = statusOf(ws).get(MEERA)!.flows[0];
        assert.equal(f.outcome, 'broken');
        assert.equal(f.firstBroken?.stepId, 'queued-allocated');
        assert.equal(f.firstBroken?.state, 'missing');
        assert.match(f.firstBroken!.hint, /no agent/);
      } finally {
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });

  it('reads a reordered trace by instants: file order does not matter, a step stamped too early is flagged', async () => {
    const tmp = tempFolder('flows-reordered-');
    try {
      copySamples(tmp.dir, (rel, text) => {
        if (!rel.includes('ccppublicapps')) return text;
        // Every record of this file is one line: reverse them, and stamp Meera's LEAVE_CHAT_ROOM before her chat began.
        const lines = text.split('\n').filter((l) => l.length > 0);
        return (
          lines
            .reverse()
            .map((l) =>
              l.includes('LEAVE_CHAT_ROOM') && l.includes('4B1E93C71000')
                ? l.replace('09:33:21.340', '09:31:00.000')
                : l,
            )
            .join('\n') + '\n'
        );
      });
      const ws = await workspaceOver([tmp.dir], { index: PG_LOCAL });
      try {
        const status = statusOf(ws);
        assert.equal(status.get(RAHUL)!.outcome, 'broken');
        assert.equal(status.get(ANITA)!.outcome, 'in-progress');
        const f = status.get(MEERA)!.flows[0];
        assert.equal(f.outcome, 'complete');
        const left = f.steps.find((st) => st.stepId === 'customer-left')!;
        assert.equal(left.outOfOrder, true);
        assert.ok(!f.steps.find((st) => st.stepId === 'contact-created')!.outOfOrder);
      } finally {
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });

  it('keeps the status up to date as files change, from the index', async () => {
    const tmp = tempFolder('flows-live-');
    try {
      copySamples(tmp.dir);
      const ws = await workspaceOver([tmp.dir], { index: PG_LOCAL });
      const service = new FlowService(ws.query, builtinFlows(), 10);
      try {
        assert.equal(service.subject(MEERA)?.outcome, 'complete');
        assert.equal(service.subject('chatRoom:socialminer_chat.37@conference.127.0.0.1')?.id, MEERA);
        let told = 0;
        service.onDidChange(() => told++);
        const mivr = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
        const text = fs.readFileSync(mivr, 'utf8');
        fs.writeFileSync(
          mivr,
          text
            .split('\n')
            .filter((l) => !l.includes('ALLOCATED Contact [4B1E93C7100001650D5B1A000A301647]'))
            .join('\n'),
        );
        await ws.index.fileEvent(mivr, 'changed');
        await ws.index.whenIdle();
        const f = service.subject(MEERA)!.flows[0];
        assert.equal(f.outcome, 'broken');
        assert.equal(f.firstBroken?.stepId, 'queued-allocated');
        // A log that is gone is not evidence of a break: its steps are not expected any more.
        fs.rmSync(mivr);
        await ws.index.fileEvent(mivr, 'deleted');
        await ws.index.whenIdle();
        const g = service.subject(MEERA)!.flows[0];
        assert.equal(g.steps.find((st) => st.stepId === 'queued-allocated')!.state, 'optional-missing');
        assert.equal(g.steps.find((st) => st.stepId === 'rating-written')!.lines.length, 0);
        await new Promise((r) => setTimeout(r, 50));
        assert.ok(told > 0, 'listeners hear of the change');
      } finally {
        service.dispose();
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });
});
