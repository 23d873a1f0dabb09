/**
 * Clocks that disagree, seen from the same step logged by two hosts (`sameSteps.json`): an ARM message
 * where it leaves (the ECE listener) and where it arrives (CTI Server, OPC), a chat queued as SocialMiner
 * and UCCX MIVR log it. Such lines must be near-simultaneous; when the lanes of two hosts log the same
 * steps of one entity further apart than the rule allows, the later host's clock is taken as off by the
 * median of their differences, against the host of the side the rule lists first. The data is checked
 * when loaded: a bad pattern is reported and left out, never thrown.
 */
import type { ClockFinding } from '../../../protocol/timelineTypes';
import rawSteps from './sameSteps.json';
import { snakeOf } from '../util/text';

export interface SameStepSide {
  lane: RegExp;
  patterns: RegExp[];
  samples: string[];
}

export interface SameStepRule {
  id: string;
  title: string;
  /** Further apart than this, the same step says the clocks disagree. */
  maxApartMs: number;
  /** Further apart than this, two lines are not taken as the same step. */
  maxSkewMs: number;
  sides: SameStepSide[];
}

export interface SameStepData {
  rules: SameStepRule[];
  problems: string[];
}

/** A timeline line, as the rules look at it. */
export interface StepLine {
  lane: string;
  /** Host or node that wrote it (else its lane stands for the host). */
  host?: string;
  /** Absolute instant (ms, corrected by ccLogs.clockOffsets); NaN when the line has none. */
  instant: number;
  /** Milliseconds ccLogs.clockOffsets already added to what the line writes. */
  correctionMs?: number;
  /** The record's text (only its first 4 KB are looked at). */
  text: string;
  uri: string;
  line: number;
  /** What `stepsOf` gives for the line (computed when absent; the timeline keeps it with the record). */
  steps?: ReadonlyArray<LineStep | undefined>;
}

/** The side of a rule a line's lane belongs to, and the step it logs. */
export interface LineStep {
  side: number;
  step: string;
}

/** Characters of a record the step patterns look at. */
const STEP_SCAN = 4096;
const DEFAULT_APART_MS = 1000;
const DEFAULT_SKEW_MS = 10 * 60 * 1000;
/** Lines looked at per rule at most (a page holds at most 20,000 events). */
const MAX_LINES = 50_000;

let loaded: SameStepData | undefined;

export function sameStepData(): SameStepData {
  return (loaded ??= checkSameStepData(rawSteps as unknown));
}

/** Validates same-step data (the shape of `sameSteps.json`); what is wrong is left out and listed. */
export function checkSameStepData(raw: unknown): SameStepData {
  const problems: string[] = [];
  const rules: SameStepRule[] = [];
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const item of Array.isArray(r.rules) ? r.rules : []) {
    const d = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const id = typeof d.id === 'string' ? d.id : '?';
    if (typeof d.id !== 'string' || typeof d.title !== 'string' || !Array.isArray(d.sides)) {
      problems.push(`sameSteps: rule ${id} needs "id", "title" and "sides"`);
      continue;
    }
    const sides: SameStepSide[] = [];
    for (const [k, s] of (d.sides as unknown[]).entries()) {
      const side = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
      try {
        if (typeof side.lane !== 'string' || !Array.isArray(side.patterns) || side.patterns.length === 0)
          throw new Error('needs "lane" and "patterns"');
        const patterns = side.patterns.map((p) => {
          if (typeof p !== 'string') throw new Error('a pattern is not a string');
          const re = new RegExp(p);
          if (!/\(\?<(step|camel)>/.test(p)) throw new Error(`pattern ${p} has no group "step" or "camel"`);
          return re;
        });
        sides.push({
          lane: new RegExp(side.lane),
          patterns,
          samples: Array.isArray(side.samples) ? side.samples.filter((x): x is string => typeof x === 'string') : [],
        });
      } catch (e) {
        problems.push(`sameSteps: rule ${id}, side ${k + 1}: ${(e as Error).message}`);
      }
    }
    if (sides.length < 2) {
      problems.push(`sameSteps: rule ${id} needs two sides`);
      continue;
    }
    const ms = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : dflt);
    rules.push({
      id: d.id,
      title: d.title,
      maxApartMs: ms(d.maxApartMs, DEFAULT_APART_MS),
      maxSkewMs: ms(d.maxSkewMs, DEFAULT_SKEW_MS),
      sides,
    });
  }
  return { rules, problems };
}

/** The step a record logs by a side's patterns (upper case), or undefined. */
export function stepOf(side: SameStepSide, text: string): string | undefined {
  const head = text.length > STEP_SCAN ? text.slice(0, STEP_SCAN) : text;
  for (const p of side.patterns) {
    const g = p.exec(head)?.groups;
    if (!g) continue;
    if (g.step) return g.step.toUpperCase();
    if (g.camel) return snakeOf(g.camel);
  }
  return undefined;
}

/** Per rule of `data`, the side the lane belongs to and the step the text logs, if any. */
export function stepsOf(lane: string, text: string, data: SameStepData = sameStepData()): Array<LineStep | undefined> {
  return data.rules.map((rule) => {
    const side = rule.sides.findIndex((x) => x.lane.test(lane));
    if (side < 0) return undefined;
    const step = stepOf(rule.sides[side], text);
    return step ? { side, step } : undefined;
  });
}

interface Occurrence {
  step: string;
  l: StepLine;
}

interface LaneSteps {
  side: number;
  lane: string;
  host: string;
  correctionMs: number;
  /** Occurrences by step, in time order; repeats within maxApartMs are one. */
  steps: Map<string, Occurrence[]>;
}

/** Two lanes whose shared steps are too far apart: `b` logs them `m` ms after `a` (the median). */
interface Disagreement {
  rule: SameStepRule;
  a: LaneSteps;
  b: LaneSteps;
  m: number;
  mid: { a: Occurrence; b: Occurrence };
  lo: number;
  hi: number;
  n: number;
}

/**
 * Findings over the lines of one timeline page: per pair of hosts whose lanes log the same steps too far
 * apart, the host whose clock is off. That is the host the rule lists later, unless the other one
 * disagrees with more hosts (three hosts, one of them off: the two others agree).
 */
export function sameStepFindings(lines: readonly StepLine[], data: SameStepData = sameStepData()): ClockFinding[] {
  const found: Disagreement[] = [];
  const timed = lines.filter((l) => l.instant === l.instant).slice(0, MAX_LINES);
  timed.sort((a, b) => a.instant - b.instant);
  const steps = timed.map((l) => l.steps ?? stepsOf(l.lane, l.text, data));
  data.rules.forEach((rule, r) => {
    const lanes = new Map<string, LaneSteps>();
    timed.forEach((l, i) => {
      const found = steps[i][r];
      if (!found) return;
      const { side, step } = found;
      let ls = lanes.get(l.lane);
      if (!ls) {
        ls = { side, lane: l.lane, host: l.host ?? l.lane, correctionMs: l.correctionMs ?? 0, steps: new Map() };
        lanes.set(l.lane, ls);
      }
      const list = ls.steps.get(step);
      if (!list) ls.steps.set(step, [{ step, l }]);
      else if (l.instant - list[list.length - 1].l.instant > rule.maxApartMs) list.push({ step, l });
    });
    const all = [...lanes.values()];
    for (const a of all)
      for (const b of all) {
        if (a.side >= b.side || a.host.toLowerCase() === b.host.toLowerCase()) continue;
        const d = disagreement(rule, a, b);
        if (d) found.push(d);
      }
  });
  const count = new Map<string, number>();
  for (const d of found)
    for (const h of [d.a.host, d.b.host]) count.set(h.toLowerCase(), (count.get(h.toLowerCase()) ?? 0) + 1);
  const out = new Map<string, ClockFinding>();
  for (const d of found) {
    const flip = (count.get(d.a.host.toLowerCase()) ?? 0) > (count.get(d.b.host.toLowerCase()) ?? 0);
    const f = flip ? findingOf(d, d.b, d.a, -d.m, d.mid.b, d.mid.a) : findingOf(d, d.a, d.b, d.m, d.mid.a, d.mid.b);
    const key = `${f.host.toLowerCase()}\u0000${f.reference.toLowerCase()}`;
    const known = out.get(key);
    if (!known || (known.steps ?? 0) < (f.steps ?? 0)) out.set(key, f);
  }
  return [...out.values()];
}

/** Lanes `a` (listed first by the rule) and `b`, when their shared steps are too far apart. */
function disagreement(rule: SameStepRule, a: LaneSteps, b: LaneSteps): Disagreement | undefined {
  const pairs: Array<{ d: number; a: Occurrence; b: Occurrence }> = [];
  for (const [step, as] of a.steps) {
    const bs = b.steps.get(step);
    if (!bs) continue;
    // Nearest to nearest: each side's occurrence is the other's nearest one.
    for (const x of as) {
      const y = nearest(bs, x.l.instant);
      if (nearest(as, y.l.instant) !== x) continue;
      const d = y.l.instant - x.l.instant;
      if (Math.abs(d) <= rule.maxSkewMs) pairs.push({ d, a: x, b: y });
    }
  }
  if (pairs.length === 0) return undefined;
  pairs.sort((p, q) => p.d - q.d);
  const mid = pairs[Math.floor((pairs.length - 1) / 2)];
  if (Math.abs(mid.d) <= rule.maxApartMs) return undefined;
  return { rule, a, b, m: mid.d, mid, lo: pairs[0].d, hi: pairs[pairs.length - 1].d, n: pairs.length };
}

/** The finding that `off` logs the shared steps `m` ms after `ref` (median; `m` < 0: before). */
function findingOf(
  d: Disagreement,
  ref: LaneSteps,
  off: LaneSteps,
  m: number,
  refLine: Occurrence,
  offLine: Occurrence,
): ClockFinding {
  const skew = -m;
  const [lo, hi] = ref === d.a ? [d.lo, d.hi] : [-d.hi, -d.lo];
  const spread = d.n > 1 ? `, the median of ${d.n} steps both log (${signed(lo)} to ${signed(hi)})` : '';
  const corrections = [ref, off]
    .filter((x) => x.correctionMs !== 0)
    .map((x) => `${signed(x.correctionMs)} for ${x.host}`);
  const corrected =
    corrections.length > 0 ? ` (times as ccLogs.clockOffsets corrects them: ${corrections.join(', ')})` : '';
  return {
    host: off.host,
    reference: ref.host,
    skewMs: skew,
    message: `The clock of ${off.host} is about ${ms(Math.abs(m))} ${m > 0 ? 'ahead of' : 'behind'} ${ref.host}: ${off.lane} logs ${offLine.step} ${ms(Math.abs(m))} ${m > 0 ? 'later' : 'earlier'} than ${ref.lane}${spread}, where both log ${d.rule.title} within ${ms(d.rule.maxApartMs)} of each other${corrected}.`,
    evidence: [
      { uri: refLine.l.uri, line: refLine.l.line },
      { uri: offLine.l.uri, line: offLine.l.line },
    ],
    suggestion: { key: off.host, ms: off.correctionMs + skew },
    basis: 'sameStep',
    steps: d.n,
  };
}

/** The occurrence nearest `t` of a list in time order. */
function nearest(list: readonly Occurrence[], t: number): Occurrence {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].l.instant < t) lo = mid + 1;
    else hi = mid;
  }
  const after = list[lo];
  const before = lo > 0 ? list[lo - 1] : undefined;
  return before && t - before.l.instant <= after.l.instant - t ? before : after;
}

function ms(v: number): string {
  return v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`;
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : '-'}${ms(Math.abs(v))}`;
}
