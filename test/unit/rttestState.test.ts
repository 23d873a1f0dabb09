import * as assert from 'node:assert/strict';
import {
  findRttestLines,
  findRttestStates,
  parseRttestLine,
  parseRttestState,
  RTTEST_STATES,
} from '../../server/src/decode/rttestState';
import { rttestStateExplainer } from '../../server/src/explain/rttestState';
import type { ExplainContext } from '../../server/src/explain/types';
import { assertInert, plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

const ctx: ExplainContext = {
  uri: 'file:///logs/pg1a-agent-checks.txt',
  recordLine: 0,
  findLines: () => [],
  lineText: () => undefined,
};

// The rttest output of the ECE availability document, as one block.
const AGENT_STATUS = `rttest: agent_status /agent 6420
Agent CUCM.Agent_test (6420, periph# 15003)
    domain: Cisco_Voice (1), state = [nr-0:1,R], 411 secs
        CL nr TEST_SG (6274, periph# 70520)
        L nr CUCM_PIM1.Cisco_Voice.defa.88025 (5000, periph# 31858)
    domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs
        CL na TEST_Chat (6928, periph# 70518)
        L na CUCM.ECE_Chat.default.11006 (6909, periph# 54839)`;

describe('rttest state decoder', () => {
  it('reads the state tokens of the document', () => {
    const ra = parseRttestState('[na-0:2,RA]');
    assert.deepEqual(ra?.problems, []);
    assert.equal(ra?.value.state?.state, 'AGENT_STATE_NOT_ACTIVE');
    assert.equal(ra?.value.state?.opcName, 'AS_NOT_ACTIVE');
    assert.equal(ra?.value.state?.attested, true);
    assert.deepEqual([ra?.value.activeTasks, ra?.value.taskLimit, ra?.value.flags], [0, 2, 'RA']);
    assert.deepEqual(
      ra?.value.flagInfo.map((f) => f.name),
      ['routable', 'available'],
    );
    const r = parseRttestState('[nr-0:1,R]');
    assert.deepEqual([r?.value.state?.opcName, r?.value.taskLimit, r?.value.flags], ['AS_NOT_READY', 1, 'R']);
    const rd = parseRttestState('[na-0:2,RD]');
    assert.deepEqual(
      rd?.value.flagInfo.map((f) => f.name),
      ['routable', 'domain unavailable'],
    );
  });

  it('marks inferred abbreviations and reports unknown parts', () => {
    assert.deepEqual(
      RTTEST_STATES.filter((s) => s.attested).map((s) => s.abbreviation),
      ['na', 'nr'],
    );
    assert.equal(parseRttestState('[ta-1:1,R]')?.value.state?.attested, false);
    assert.deepEqual(parseRttestState('[zz-3:2,RQ]')?.problems, [
      `expected a known state abbreviation (${RTTEST_STATES.map((s) => s.abbreviation).join(', ')}), found 'zz'`,
      'expected active tasks not above the task limit, found 3:2',
      "expected a known flag (R, A, D), found 'Q'",
    ]);
    assert.equal(parseRttestState('[na-0:2]')?.value.flags, '');
    assert.equal(parseRttestState('[pool-8-thread-15]'), undefined);
  });

  it('finds tokens with their offsets', () => {
    const found = findRttestStates(AGENT_STATUS);
    assert.deepEqual(
      found.map((f) => AGENT_STATUS.slice(f.start, f.end)),
      ['[nr-0:1,R]', '[na-0:2,RA]'],
    );
  });

  it('reads the agent, domain and skill group lines', () => {
    assert.deepEqual(parseRttestLine('Agent CUCM.Agent_test (6420, periph# 15003)')?.value, {
      kind: 'agent',
      name: 'CUCM.Agent_test',
      skillTargetId: 6420,
      peripheralNumber: 15003,
    });
    assert.deepEqual(parseRttestLine('domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs')?.value, {
      kind: 'domain',
      name: 'ECE_Chat',
      mrdId: 5000,
      stateText: '[na-0:2,RA]',
      seconds: 383,
    });
    const cl = parseRttestLine('CL na TEST_Chat (6928, periph# 70518)')?.value;
    assert.deepEqual(cl, {
      kind: 'skillGroup',
      marker: 'CL',
      abbreviation: 'na',
      state: RTTEST_STATES[0],
      name: 'TEST_Chat',
      skillTargetId: 6928,
      peripheralNumber: 70518,
      looksDefault: false,
    });
    const l = parseRttestLine('L nr CUCM_PIM1.Cisco_Voice.defa.88025 (5000, periph# 31858)')?.value;
    assert.equal(l?.kind === 'skillGroup' && l.looksDefault, true);
    assert.equal(parseRttestLine('rttest: agent_status /agent 6420'), undefined);
  });

  it('finds lines without their indentation', () => {
    const lines = findRttestLines(AGENT_STATUS.replace(/\n/g, '\r\n'));
    assert.deepEqual(
      lines.map((l) => l.value.kind),
      ['agent', 'domain', 'skillGroup', 'skillGroup', 'domain', 'skillGroup', 'skillGroup'],
    );
    const text = AGENT_STATUS.replace(/\n/g, '\r\n');
    assert.equal(text.slice(lines[2].start, lines[2].end), 'CL nr TEST_SG (6274, periph# 70520)');
  });
});

describe('rttest state explainer', () => {
  it('keeps log text inert in the hover', () => {
    const evil =
      'Agent <img src=x>[a](command:b) (1, periph# 2)\nCL na ![i](http://x/y.png) | x (3, periph# 4)\ndomain: <b>x</b> (5), state = [na-0:1,RA], 1 secs';
    const matches = rttestStateExplainer.find(evil, ctx);
    assert.equal(matches.length, 3);
    for (const m of matches) assertInert(m.render(ctx));
  });

  it('explains a domain line with its state, tasks and flags', () => {
    const matches = rttestStateExplainer.find(AGENT_STATUS, ctx);
    assert.equal(matches.length, 7, 'one match per line; tokens on domain lines go with their line');
    const chat = matches.find((m) => AGENT_STATUS.slice(m.start, m.end).startsWith('domain: ECE_Chat'));
    assert.ok(chat);
    const text = plain(chat.render(ctx));
    assert.match(text, /^\*\*rttest domain\*\* `ECE_Chat` \(media routing domain\)/);
    assert.match(text, /\| MRD id \| `5000` \|/);
    assert.match(
      text,
      /\| State \| `na` \| not active: in a non-voice domain \(chat, email\) this is the ready state \(AGENT_STATE_NOT_ACTIVE, OPC AS_NOT_ACTIVE\) \|/,
    );
    assert.match(text, /\| Tasks \| `0:2` \| 0 active tasks of a concurrent task limit of 2 \|/);
    assert.match(text, /\| Flag \| `R` \| routable: /);
    assert.match(
      text,
      /\| Flag \| `A` \| available: the router considers the agent available for new tasks in this domain \|/,
    );
    assert.match(text, /\| Time in state \| `383 secs` \|/);
  });

  it('names the defect behind the D flag', () => {
    const [m] = rttestStateExplainer.find('output showed [na-0:2,RD] for the agent', ctx);
    const text = plain(m.render(ctx));
    assert.match(
      text,
      /\| Flag \| `D` \| domain unavailable: the domain is not available, as reported by the application path \|/,
    );
    assert.match(text, /CSCvq11852 \(ICM 11\.5, 11\.6 and 12\.0\)/);
  });

  it('explains skill group lines without claiming what CL and L stand for', () => {
    const matches = rttestStateExplainer.find(AGENT_STATUS, ctx);
    const def = matches.find((m) => AGENT_STATUS.slice(m.start, m.end).startsWith('L na'));
    assert.ok(def);
    const text = plain(def.render(ctx));
    assert.match(text, /the documents do not spell out CL and L/);
    assert.match(
      text,
      /\| Skill group \| `CUCM\.ECE_Chat\.default\.11006` \| name of the form <peripheral>\.<domain>\.default\.<n>: looks like the domain's default skill group \|/,
    );
    assert.match(text, /\| SkillTargetID \| `6909` \|/);
    assert.match(text, /\| periph# \| `54839` \|/);
  });

  it('never throws on random input', () => {
    assertTotalOnRandomText(
      rttestStateExplainer,
      [
        '[',
        ']',
        'na',
        'nr',
        '-',
        ':',
        ',',
        'RA',
        '0',
        '2',
        'CL ',
        'L ',
        'Agent ',
        'domain: ',
        ' (',
        '6420',
        ', periph# ',
        ')',
        '\n',
        ' ',
      ],
      ctx,
    );
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    for (const input of [
      '[na-0:'.repeat(mb / 6),
      `CL na ${'x '.repeat(mb / 2)}`,
      'L na a (1, periph# 2)\n'.repeat(mb / 22),
      '\n'.repeat(mb),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
      AGENT_STATUS.repeat(mb / AGENT_STATUS.length),
    ]) {
      exerciseOnHugeInput(rttestStateExplainer, input, ctx);
    }
  });
});
