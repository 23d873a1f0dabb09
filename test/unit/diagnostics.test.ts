/**
 * Problems of log files (server/src/diagnostics): every rule on the samples, the per-file cap and its
 * summary, categories turned off, ARM dumps whose length does not match, requests with no response,
 * broken flows on the last line reached, clocks that disagree; and `cclogs flows`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli/main';
import {
  capProblems,
  DEFAULT_DIAGNOSTICS_OPTIONS,
  problemRules,
  textProblems,
  type Problem,
} from '../../server/src/diagnostics/compute';
import { brokenFlowProblems, clockProblems } from '../../server/src/diagnostics/indexProblems';
import { builtinFlows } from '../../server/src/flows/builtin';
import { computeFlowStatus } from '../../server/src/flows/status';
import { SAMPLES, samplePath, workspaceOver } from './fixtures/index/helpers';

const read = (rel: string) => fs.readFileSync(samplePath(rel), 'utf8');
const codes = (ps: Problem[]) => ps.map((p) => `${p.line + 1} ${p.code}`);

describe('diagnostics of a log text', () => {
  it('compiles every rule (bounded patterns, known categories)', () => {
    assert.ok(problemRules().length >= 15);
  });

  it('finds the failure lines of every sample file, one problem per line, the specific rule first', () => {
    const expect: Record<string, string[]> = {
      'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log': [
        '29 sm-rest-api-error',
        '30 sm-rating-not-stored',
      ],
      'socialminer/CCBU-runtime.2018-08-06T09-20-05.344.startup.log': [
        '79 sm-notification-failed',
        '81 sm-notification-failed',
        '82 sm-notification-abandoned',
      ],
      'uccx/Cisco001MIVR045.log': [
        '10 cisco-error-record',
        '75 uccx-no-resource',
        '77 uccx-no-resource',
        '79 uccx-no-resource',
      ],
      'uccx/Cisco001MADM012.log': ['102 uccx-widget-not-found'],
      'ece/eg_log_ECEAPP01_Listener.log': ['79 ece-error-record'],
      'ece/eg_log_ECEAPP01_ApplicationServer.log': [
        '14 ece-entry-point-no-agent',
        '59 ece-error-record',
        '65 ece-entry-point-queue-full',
        '91 ece-entry-point-no-agent',
      ],
      'icm/ctisvr_190819.txt': ['41 cti-failure-conf'],
      'icm/pg1a-agent-checks.txt': [
        '15 rttest-domain-unavailable',
        '19 rttest-agent-not-found',
        '43 rttest-agent-not-found',
        '52 rttest-domain-unavailable',
      ],
      'icm/opc_190819.txt': [],
      'browser/console-export-2018-8-6_9-34-10.log': [],
    };
    for (const [rel, want] of Object.entries(expect))
      assert.deepEqual(codes(textProblems(read(rel)).problems), want, rel);
  });

  it('says what a line means, with the values it names', () => {
    const ps = textProblems(read('icm/ctisvr_190819.txt')).problems;
    assert.match(ps[0].message, /FAILURE_CONF, Status E_CTI_INVALID_PERIPHERAL_ID/);
    const rd = textProblems(read('icm/pg1a-agent-checks.txt')).problems[0];
    assert.match(rd.message, /ECE_Chat as \[na-0:2,RD\].*CSCvq11852/);
    const mivr = textProblems(read('uccx/Cisco001MIVR045.log')).problems[0];
    assert.match(mivr.message, /^MIVR-SS_TEL-3-UNK/);
  });

  it('reads a file only with the rules of its format', () => {
    const text = read('ece/eg_log_ECEAPP01_ApplicationServer.log');
    assert.deepEqual(
      codes(textProblems(text, undefined, undefined, 'ece').problems),
      codes(textProblems(text).problems),
    );
    assert.deepEqual(textProblems(text, undefined, undefined, 'uccx_engine').problems, []);
  });

  it('leaves out a category turned off', () => {
    const options = {
      ...DEFAULT_DIAGNOSTICS_OPTIONS,
      enabled: { ...DEFAULT_DIAGNOSTICS_OPTIONS.enabled, responseType: false },
    };
    assert.deepEqual(codes(textProblems(read('ece/eg_log_ECEAPP01_ApplicationServer.log'), options).problems), [
      '59 ece-error-record',
    ]);
  });

  it('reports an ARM dump whose length does not match its header', () => {
    const text = read('ece/eg_log_ECEAPP01_Listener.log').replace(
      'Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 110 0 0 19 -120 0 0 25 20 0 1 <@>',
      'Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 110 0 0 19 -120 0 0 25 20 <@>',
    );
    const p = textProblems(text).problems.find((x) => x.code === 'arm-length-mismatch');
    assert.ok(p, 'a truncated dump is reported');
    assert.match(p.message, /MAKE_AGENT_READY_IND: expected 22 bytes .* found 20/);
    assert.ok(
      !textProblems(read('ece/eg_log_ECEAPP01_Listener.log')).problems.some((x) => x.code === 'arm-length-mismatch'),
    );
  });

  it('reports a request with no response, and one answered too late', () => {
    const lines = read('ece/eg_log_ECEAPP01_Listener.log').split('\n');
    // Drop the wrapped MEDIA_LOGIN_RESP of InvokeID 80230 (two lines).
    const at = lines.findIndex((l) => l.includes('Received MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0'));
    const text = [...lines.slice(0, at - 1), ...lines.slice(at + 2)].join('\n');
    const p = textProblems(text).problems.find((x) => x.code === 'no-response');
    assert.ok(p, 'the request is reported');
    assert.match(p.message, /MEDIA_LOGIN_REQ \(InvokeID 80230\) has no response/);
    assert.ok(
      !textProblems(read('ece/eg_log_ECEAPP01_Listener.log')).problems.some((x) => x.category === 'noResponse'),
    );
    const late = textProblems(
      read('ece/eg_log_ECEAPP01_Listener.log'),
      { ...DEFAULT_DIAGNOSTICS_OPTIONS, responseTimeoutMs: 100 },
      (line) => (line < 17 ? 0 : 1000),
    ).problems.filter((x) => x.code === 'slow-response');
    assert.ok(late.some((x) => /MEDIA_LOGIN_REQ \(InvokeID 80230\) was answered after 1000 ms/.test(x.message)));
  });

  it('keeps at most maxPerFile problems, errors first, and says how many were left out', () => {
    const line = '3841186: Aug 06 09:22:02.904 IST %MIVR-SS_TEL-3-UNK:CallID:1182 Call aborted';
    const text = Array.from({ length: 500 }, () => line).join('\n');
    const ps = capProblems(textProblems(text).problems, 20);
    assert.equal(ps.length, 21);
    assert.equal(ps[20].code, 'more-problems');
    assert.match(ps[20].message, /480 more problem\(s\).*cisco-error-record ×480/);
  });
});

describe('diagnostics from the index', function () {
  this.timeout(60_000);

  it('reports a broken flow on the last line the chat reached, with its steps as related lines', async () => {
    const ws = await workspaceOver([SAMPLES]);
    try {
      const snap = computeFlowStatus(ws.query, builtinFlows());
      const uri = pathToFileURL(samplePath('socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log')).href;
      const ps = brokenFlowProblems(uri, snap);
      const rahul = ps.find((p) => p.message.includes('E27A05D1100001650D5B1A000A301647'))!;
      assert.equal(rahul.line, 29);
      assert.equal(rahul.severity, 'error');
      assert.match(rahul.message, /broken at step 17 .*data store/);
      assert.ok(rahul.related.some((r) => r.uri.endsWith('Cisco001MIVR045.log')));
      assert.ok(
        !ps.some((p) => p.message.includes('4B1E93C7100001650D5B1A000A301647')),
        'the complete chat is not a problem',
      );
    } finally {
      await ws.dispose();
    }
  });

  it('reports clocks that disagree: the PG trace read as UTC is two hours off the listener', async () => {
    const off = await workspaceOver([SAMPLES]);
    const on = await workspaceOver([SAMPLES], {
      index: { timeOptionsFor: () => ({ zonelessOffset: { minutes: 120, source: 'test' } }) },
    });
    try {
      const uri = pathToFileURL(samplePath('icm/ctisvr_190819.txt')).href;
      const ps = clockProblems(uri, off.query, { toleranceMs: 5000 });
      const p = ps.find((x) => x.related[0]?.uri.endsWith('eg_log_ECEAPP01_Listener.log'));
      assert.ok(p, `a disagreement with the listener in ${JSON.stringify(ps.map((x) => x.message))}`);
      assert.match(p.message, /2 h\) later here/);
      assert.deepEqual(
        clockProblems(uri, on.query, { toleranceMs: 5000 }),
        [],
        'with ccLogs.zonelessOffset they agree',
      );
    } finally {
      await off.dispose();
      await on.dispose();
    }
  });
});

describe('cclogs flows', function () {
  this.timeout(60_000);
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('prints every chat and agent with its status and first broken step', async () => {
    const r = await run(['flows', SAMPLES]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /BROKEN +contact:E27A05D1100001650D5B1A000A301647/);
    assert.match(r.out, /broken at step 17: SocialMiner receives the post-chat rating \[failed\]/);
    assert.match(r.out, /COMPLETE +contact:4B1E93C7100001650D5B1A000A301647/);
    assert.match(r.out, /IN-PROGRESS +contact:91C4F0B8100001650D5B1A000A301647/);
    assert.match(r.out, /BROKEN +agent:icm:6433[^\n]*\n +broken at step 16/);
  });

  it('gives JSON for scripts and fails on broken flows when asked', async () => {
    const r = await run(['flows', SAMPLES, '--json', '--fail-on-broken', '--set', 'zonelessOffset=+02:00']);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.out) as {
      subjects: Array<{ id: string; outcome: string; flows: Array<{ timings: Array<{ label: string; ms: number }> }> }>;
    };
    const agent = parsed.subjects.find((s) => s.id === 'agent:icm:6420')!;
    assert.equal(agent.outcome, 'complete');
    assert.deepEqual(agent.flows[0].timings[0], { label: 'login to ready', ms: 137_737 });
    assert.equal((await run(['flows', '--nope'])).code, 2);
  });

  it('writes the JSON one chat, agent or call at a time, the same text as one stringify of the whole', async () => {
    // A 1 GiB bundle's statuses are more text than one JavaScript string can hold ("Invalid string length").
    const pieces: string[] = [];
    const code = await main(['flows', SAMPLES, '--json'], { out: (t) => pieces.push(t), err: () => undefined });
    assert.equal(code, 0);
    const text = pieces.join('');
    const parsed = JSON.parse(text) as { subjects: unknown[] };
    assert.ok(parsed.subjects.length >= 5, String(parsed.subjects.length));
    assert.ok(pieces.length >= parsed.subjects.length, `${pieces.length} writes for ${parsed.subjects.length}`);
    assert.ok(pieces.every((p) => p.length < 200_000));
    assert.equal(text, `${JSON.stringify(parsed, null, 2)}\n`);
    const none = await run(['flows', SAMPLES, '--json', '--broken', '--set', 'index.exclude=["**"]']);
    assert.deepEqual(JSON.parse(none.out), { subjects: [] });
  });
});
