/**
 * Flow status per chat and per agent, from the index alone (through its query API, `IndexQuery`): the
 * postings of the flow markers (marks.ts) say which records mark which step, the postings of other
 * keys on those records say which chat or agent each record names, and the entities (aliases) join a
 * chat's room, session and contact id, or an agent's ICM id, ECE user and peripheral number. No log
 * text is read again.
 *
 * A marker line is tied to a chat or agent as its step says (`attach`): the record names it (or an
 * InvokeID its other records name), the nearest line of it in the same file (browser console,
 * rttest), or the marker line nearest in time to another of its steps (the widget configuration
 * fetched before the chat was created, the entry point asked after the agent became ready).
 *
 * Built for bundles of hundreds of thousands of chats, agents and calls: the marker lines, the
 * subjects (chats, agents, calls), the marks tied to each and their outcomes are parallel typed arrays
 * (no object per subject or per mark, little for the garbage collector), the names of the marked
 * records are found in one pass over the postings of the files holding markers, and the list is
 * sorted on numeric keys. What the list shows of one (`FlowsSnapshot.summary`) and its steps with
 * their lines (objects, ISO instants, URIs; `FlowsSnapshot.status`) are built when asked for, a page
 * at a time.
 */
import { MAX_ENTITY_KEYS, type IndexQuery } from '../index/query';
import { MARK_PREFIX, VALUE_PREFIX } from './marks';
import type {
  CompiledFlow,
  CompiledMarker,
  FlowOutcome,
  FlowStatus,
  StepLine,
  StepStatus,
  SubjectStatus,
} from './types';

/** Marker postings read per marker key at most. */
const MAX_MARK_HITS = 200_000;
/** Full statuses kept built at most (the page the view shows, a timeline's chat). */
const STATUS_CACHE = 2000;

/** What the list of chats and agents shows of one, without its steps' lines. */
export interface SubjectSummary {
  id: string;
  kind: SubjectStatus['kind'];
  label: string;
  outcome: FlowOutcome;
  start?: string;
  /** Index of the first broken step (0-based), -1 when none. */
  brokenStep: number;
  /** The first broken step, as the full status gives it. */
  firstBroken?: FlowStatus['firstBroken'];
  flowTitle: string;
  /** Marker line the chat or agent reached last (where a broken flow is reported): file id and line. */
  lastFileId: number;
  lastLine: number;
}

export interface StatusOptions {
  /**
   * Instant the logs end at (ms); default, per subject, the latest marker instant of its flow in the files
   * that name it.
   */
  logsEnd?: number;
}

/**
 * The marker lines of the workspace, as parallel arrays indexed by mark number (the order they were
 * collected in: flow, marker, file, line).
 */
interface Marks {
  count: number;
  fileId: Int32Array;
  line: Int32Array;
  span: Int32Array;
  instant: Float64Array;
  /** Index into `markers`. */
  marker: Uint16Array;
  markers: CompiledMarker[];
  /** Index into the flows, per entry of `markers`. */
  markerFlow: Uint16Array;
  /** Per file, its marks sorted by line (stable). */
  byFile: Map<number, Int32Array>;
  /** Names of mark i: namesKeys[namesStart[i] .. namesStart[i + 1]) (first occurrence order). */
  namesStart: Int32Array;
  namesKeys: Int32Array;
}

/** One chat, agent or call as `evaluate` reads it (built for the one asked). */
interface Subject {
  flow: CompiledFlow;
  flowIndex: number;
  root: number;
  keyId: number;
  members: number[];
  /** Marks tied to it, in the order they were tied (its names, its InvokeIDs, its files). */
  marks: number[];
  /** Per step tied by time, the mark picked (-1 when none); empty when the flow has no such step. */
  picks: Int32Array;
  /** Instants of the first and last lines naming it. */
  first: number;
  last: number;
  logsEnd: number;
  /** Formats of the files naming it. */
  formats: ReadonlySet<string>;
}

/**
 * Every chat, agent and call of the workspace, as parallel arrays by subject number: grouped by flow (in
 * the order of the flows), each flow's in the order their first marked record was met.
 */
interface Subjects extends SubjectNames {
  /** Marks tied to subject i: markList[markStart[i] .. markStart[i + 1]), in the order they were tied. */
  markStart: Int32Array;
  markList: Int32Array;
  /** For a subject of a flow with steps tied by time, picks[pickStart[i] + step] is the mark picked (-1: none); else pickStart[i] is -1. */
  pickStart: Int32Array;
  picks: Int32Array;
  first: Float64Array;
  last: Float64Array;
  logsEnd: Float64Array;
  /** Index into `formatSets`: the formats of the files naming it (one shared set per combination). */
  formats: Int32Array;
  formatSets: Array<ReadonlySet<string>>;
}

/** The outcome of each subject (by subject number). */
interface Outcomes {
  /** Index into OUTCOMES. */
  outcome: Uint8Array;
  /** First broken step (0-based), -1 when none. */
  brokenStep: Int32Array;
  /** State of that step (index into STATE_NAMES). */
  brokenState: Uint8Array;
  /** Marker of the line that failed that step (its meaning is shown), -1 when none. */
  meaningMarker: Int32Array;
  /** The mark it reached last, -1 when none. */
  last: Int32Array;
}

const OUTCOMES: readonly FlowOutcome[] = ['complete', 'broken', 'in-progress'];
const COMPLETE = 0;
const BROKEN = 1;
const IN_PROGRESS = 2;

const NO_PICKS = new Int32Array(0);
const EMPTY_INTS = new Int32Array(0);

/** A list of 32-bit integers that grows (no boxed numbers, no holes). */
class IntList {
  a: Int32Array;
  n = 0;
  constructor(capacity = 1024) {
    this.a = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  get values(): Int32Array {
    return this.a.subarray(0, this.n);
  }
}

/** The same for doubles (sort keys). */
class FloatList {
  a = new Float64Array(256);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/** The flow status of every chat and agent at one moment of the index. */
export class FlowsSnapshot {
  /** Date.now() when it was computed. */
  readonly computedAt = Date.now();
  private readonly cache = new Map<number, SubjectStatus>();
  private byUri: Map<string, number[]> | undefined;
  private byName: Map<number, number> | undefined;
  private all: SubjectSummary[] | undefined;

  constructor(
    private readonly query: IndexQuery,
    private readonly flows: readonly CompiledFlow[],
    private readonly marks: Marks,
    private readonly table: Subjects,
    private readonly outcomes: Outcomes,
    /** Subject number at each position of the list (sorted by kind, start and id). */
    private readonly order: Int32Array,
    /** Milliseconds the computation took. */
    readonly ms: number,
    /** CPU milliseconds of the process meanwhile (the computation, and whatever else ran then). */
    readonly cpuMs = NaN,
  ) {}

  get count(): number {
    return this.order.length;
  }

  /** Kind of the i-th chat, agent or call of the list. */
  kind(i: number): SubjectStatus['kind'] {
    return this.flows[this.table.flowIndex[this.order[i]]].def.subject.kind;
  }

  /** Outcome of the i-th of the list. */
  outcome(i: number): FlowOutcome {
    return OUTCOMES[this.outcomes.outcome[this.order[i]]];
  }

  /** What the list shows of the i-th (built when asked). */
  summary(i: number): SubjectSummary {
    if (this.all) return this.all[i];
    return summaryOf(this.query, this.flows, this.marks, this.table, this.outcomes, this.order[i]);
  }

  /** What the list shows of every one, sorted by kind, start and id (builds them all: the command-line tool, tests). */
  get summaries(): readonly SubjectSummary[] {
    if (!this.all) {
      const all: SubjectSummary[] = [];
      for (let i = 0; i < this.order.length; i++) all.push(this.summary(i));
      this.all = all;
    }
    return this.all;
  }

  /** The full status (steps with their lines, timings) of the i-th chat or agent. */
  status(i: number): SubjectStatus {
    let st = this.cache.get(i);
    if (st) {
      this.cache.delete(i);
      this.cache.set(i, st);
      return st;
    }
    st = evaluate(this.query, this.marks, subjectAt(this.flows, this.table, this.order[i]), true).status;
    this.cache.set(i, st);
    if (this.cache.size > STATUS_CACHE) this.cache.delete(this.cache.keys().next().value as number);
    return st;
  }

  /** Every chat and agent with its full status (the command-line tool, tests): builds them all. */
  get subjects(): SubjectStatus[] {
    const out: SubjectStatus[] = [];
    for (let i = 0; i < this.order.length; i++) out.push(this.status(i));
    return out;
  }

  /** Index of the chat or agent one of whose names is `keyId`, or -1. */
  indexOfKey(keyId: number): number {
    if (!this.byName) {
      const byName = new Map<number, number>();
      for (let i = 0; i < this.order.length; i++) {
        const s = this.order[i];
        const { memberStart, memberList } = this.table;
        for (let j = memberStart[s]; j < memberStart[s + 1]; j++)
          if (!byName.has(memberList[j])) byName.set(memberList[j], i);
      }
      this.byName = byName;
    }
    return this.byName.get(keyId) ?? -1;
  }

  /** Indexes of the broken chats and agents whose last line is in the file `uri`. */
  brokenIn(uri: string): number[] {
    if (!this.byUri) {
      const byUri = new Map<string, number[]>();
      const o = this.outcomes;
      for (let i = 0; i < this.order.length; i++) {
        const s = this.order[i];
        if (o.outcome[s] !== BROKEN || o.brokenStep[s] < 0 || o.last[s] < 0) continue;
        const u = this.query.file(this.marks.fileId[o.last[s]])?.uri;
        if (u === undefined) continue;
        const l = byUri.get(u);
        if (l) l.push(i);
        else byUri.set(u, [i]);
      }
      this.byUri = byUri;
    }
    return this.byUri.get(uri) ?? [];
  }
}

export function computeFlowStatus(
  query: IndexQuery,
  flows: readonly CompiledFlow[],
  options: StatusOptions = {},
): FlowsSnapshot {
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const marks = collectMarks(query, flows);
  attachNames(query, marks);
  const found = findSubjects(query, flows, marks);
  const n = found.count;
  // Marks already tied to a subject (a mark belongs to one flow: only that flow's subjects can own it).
  const owned = new Uint8Array(marks.count);
  for (let p = 0; p < found.pairMark.n; p++) owned[found.pairMark.a[p]] = 1;
  // Per flow with steps tied by file, the files holding such marks no subject owns: the subjects' lines there.
  const byFileMarker = Uint8Array.from(marks.markers, (mk, i) =>
    flows[marks.markerFlow[i]].def.steps[mk.stepIndex].attach?.by === 'file' ? 1 : 0,
  );
  const linesIn = flows.map((flow, fi) => {
    if (!flow.def.steps.some((st) => st.attach?.by === 'file')) return undefined;
    const files = new Map<number, FloatList>();
    for (const [fileId, list] of marks.byFile)
      for (let x = 0; x < list.length; x++) {
        const m = list[x];
        if (!owned[m] && byFileMarker[marks.marker[m]] && marks.markerFlow[marks.marker[m]] === fi) {
          files.set(fileId, new FloatList());
          break;
        }
      }
    return files;
  });
  // Per flow, per step tied by time, its marker lines with an instant, by instant; and where the logs end
  // for a subject: the latest marker of this flow in the files that name it. A bundle holds logs of other
  // days and products (a voice call a year later must not make every chat stale).
  let maxFile = 0;
  for (let i = 0; i < marks.count; i++) if (marks.fileId[i] > maxFile) maxFile = marks.fileId[i];
  const fileEndOf = flows.map(() => new Float64Array(maxFile + 1).fill(-Infinity));
  const timedOf = flows.map((flow) => flow.def.steps.map((st) => st.attach?.by === 'time'));
  const byStepOf: IntList[][] = flows.map((flow) => flow.def.steps.map(() => new IntList(16)));
  const timedMarker = Uint8Array.from(marks.markers, (mk, i) => (timedOf[marks.markerFlow[i]][mk.stepIndex] ? 1 : 0));
  for (let i = 0; i < marks.count; i++) {
    const t = marks.instant[i];
    if (Number.isNaN(t)) continue;
    const flowIndex = marks.markerFlow[marks.marker[i]];
    if (timedMarker[marks.marker[i]]) byStepOf[flowIndex][marks.markers[marks.marker[i]].stepIndex].push(i);
    const fileEnd = fileEndOf[flowIndex];
    const f = marks.fileId[i];
    if (t > fileEnd[f]) fileEnd[f] = t;
  }
  const subjects = subjectLines(query, found, options.logsEnd === undefined ? fileEndOf : undefined, linesIn);
  flows.forEach((flow, fi) => {
    const files = linesIn[fi];
    if (files) attachByFile(flow, fi, marks, owned, files, n, found);
  });
  // The marks of each subject, in the order they were tied (a stable counting sort of the pairs).
  const markStart = new Int32Array(n + 1);
  const pairs = found.pairMark.n;
  const pairSubject = found.pairSubject.a;
  const pairMark = found.pairMark.a;
  for (let p = 0; p < pairs; p++) markStart[pairSubject[p] + 1]++;
  for (let i = 0; i < n; i++) markStart[i + 1] += markStart[i];
  const fill = markStart.slice(0, n);
  const markList = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) markList[fill[pairSubject[p]]++] = pairMark[p];
  subjects.markStart = markStart;
  subjects.markList = markList;
  // Where the logs end for each, and the marks of its steps tied by time.
  const logsEnd = subjects.logsEnd;
  if (options.logsEnd !== undefined) logsEnd.fill(options.logsEnd);
  else
    for (let i = 0; i < n; i++) {
      // logsEnd holds the latest end of the files naming it (subjectLines); then the files of its marks.
      const fileEnd = fileEndOf[subjects.flowIndex[i]];
      let end = logsEnd[i];
      let lastFile = -1;
      for (let j = markStart[i]; j < markStart[i + 1]; j++) {
        const f = marks.fileId[markList[j]];
        if (f === lastFile) continue;
        lastFile = f;
        if (fileEnd[f] > end) end = fileEnd[f];
      }
      logsEnd[i] = end;
    }
  const timedFlows = timedOf.map((t) => t.some(Boolean));
  const pickStart = new Int32Array(n).fill(-1);
  let pickCount = 0;
  for (let i = 0; i < n; i++)
    if (timedFlows[subjects.flowIndex[i]]) {
      pickStart[i] = pickCount;
      pickCount += flows[subjects.flowIndex[i]].def.steps.length;
    }
  subjects.pickStart = pickStart;
  subjects.picks = new Int32Array(pickCount).fill(-1);
  if (pickCount > 0) {
    const byStep = byStepOf.map((steps) =>
      steps.map((l) => {
        // By instant, stably (mark order among equal instants).
        return l.a.slice(0, l.n).sort((a, b) => marks.instant[a] - marks.instant[b] || a - b);
      }),
    );
    for (let i = 0; i < n; i++)
      if (pickStart[i] >= 0) pickTimed(marks, flows[subjects.flowIndex[i]], subjects, i, byStep[subjects.flowIndex[i]]);
  }
  const outcomes = outcomesOf(marks, flows, subjects);
  const order = sortedOrder(query, flows, subjects);
  // The names of the marked records stay (about 13 MB for 1.25 million marker lines): a subject's details are
  // worked out from them when its full status is asked.
  return new FlowsSnapshot(query, flows, marks, subjects, outcomes, order, Date.now() - t0, cpuMsSince(cpu0));
}

function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** The order `localeCompare` gives, at a fraction of its cost per call. */
const collator = new Intl.Collator();
function cmp(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Instants whose ISO text has four digits of year, between which that text sorts as the number does. */
const ISO_MIN = -62_167_219_200_000;
const ISO_MAX = 253_402_300_800_000;

/**
 * Positions of the list: by kind, start (its ISO text) and id (with `cmp`), then subject number. Kind
 * and start make one numeric key (the ISO texts of whole milliseconds in years 0000-9999 sort as their
 * instants do); its rank among the distinct ones, with the subject number packed in, is sorted natively,
 * and only subjects tied on kind and start compare their ids' texts.
 */
function sortedOrder(query: IndexQuery, flows: readonly CompiledFlow[], s: Subjects): Int32Array {
  const n = s.count;
  const kinds = [...new Set(flows.map((f) => f.def.subject.kind))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const kindRankOfFlow = flows.map((f) => kinds.indexOf(f.def.subject.kind));
  let min = Infinity;
  let max = -Infinity;
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const t = s.first[i];
    if (!Number.isFinite(t)) continue;
    if (!Number.isInteger(t) || t < ISO_MIN || t >= ISO_MAX) numeric = false;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const span = Number.isFinite(min) ? max - min + 2 : 1;
  const ids = new Map<number, string>();
  const idOf = (i: number): string => {
    let t = ids.get(i);
    if (t === undefined) ids.set(i, (t = query.keyText(s.keyId[i])));
    return t;
  };
  // Kind and start as one number (no start sorts first, as the empty text did).
  const keyOf = (i: number): number =>
    kindRankOfFlow[s.flowIndex[i]] * span + (Number.isFinite(s.first[i]) ? s.first[i] - min + 1 : 0);
  const order = new Int32Array(n);
  if (numeric && kinds.length * span < 2 ** 53 && n < 2 ** 26) {
    // The rank of each kind and start among the distinct ones, with the subject number packed in.
    const distinct = new Float64Array(n);
    for (let i = 0; i < n; i++) distinct[i] = keyOf(i);
    distinct.sort();
    let u = 0;
    for (let i = 0; i < n; i++) if (i === 0 || distinct[i] !== distinct[u - 1]) distinct[u++] = distinct[i];
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = keyOf(i);
      let lo = 0;
      let hi = u - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (distinct[mid] < k) lo = mid + 1;
        else hi = mid;
      }
      keys[i] = lo * n + i;
    }
    keys.sort();
    for (let p = 0; p < n; p++) order[p] = keys[p] % n;
    // Runs of one kind and start: by id, then subject number.
    for (let p = 0; p < n;) {
      const k = Math.floor(keys[p] / n);
      let q = p + 1;
      while (q < n && Math.floor(keys[q] / n) === k) q++;
      if (q - p > 1) order.subarray(p, q).sort((a, b) => cmp(idOf(a), idOf(b)) || a - b);
      p = q;
    }
    return order;
  }
  // Otherwise on the texts, as the list shows them.
  const starts = new Map<number, string>();
  const startOf = (i: number): string => {
    let t = starts.get(i);
    if (t === undefined) starts.set(i, (t = iso(s.first[i]) ?? ''));
    return t;
  };
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      kindRankOfFlow[s.flowIndex[a]] - kindRankOfFlow[s.flowIndex[b]] ||
      cmp(startOf(a), startOf(b)) ||
      cmp(idOf(a), idOf(b)) ||
      a - b,
  );
  return order;
}

function collectMarks(query: IndexQuery, flows: readonly CompiledFlow[]): Marks {
  const markers: CompiledMarker[] = [];
  const markerFlow: number[] = [];
  const sets: Array<{ marker: number; set: ReturnType<IndexQuery['postings']> }> = [];
  let count = 0;
  flows.forEach((flow, fi) => {
    for (const marker of flow.markers) {
      const id = query.keyId(marker.key);
      if (id < 0) continue;
      const set = query.postings([id], { limit: MAX_MARK_HITS });
      markers.push(marker);
      markerFlow.push(fi);
      sets.push({ marker: markers.length - 1, set });
      count += set.count;
    }
  });
  const m: Marks = {
    count,
    fileId: new Int32Array(count),
    line: new Int32Array(count),
    span: new Int32Array(count),
    instant: new Float64Array(count),
    marker: new Uint16Array(count),
    markers,
    markerFlow: Uint16Array.from(markerFlow),
    byFile: new Map(),
    namesStart: EMPTY_INTS,
    namesKeys: EMPTY_INTS,
  };
  let at = 0;
  let maxFile = 0;
  for (const { marker, set } of sets) {
    m.fileId.set(set.fileIds.subarray(0, set.count), at);
    m.line.set(set.lines.subarray(0, set.count), at);
    m.instant.set(set.instants.subarray(0, set.count), at);
    m.marker.fill(marker, at, at + set.count);
    for (let i = 0; i < set.count; i++, at++) {
      m.span[at] = Math.max(1, set.length(i));
      if (m.fileId[at] > maxFile) maxFile = m.fileId[at];
    }
  }
  // Per file (in the order files first appear), its marks by line, stably: a counting sort by file, then a
  // native sort of line and mark number packed in one number.
  const slotOf = new Int32Array(maxFile + 1).fill(-1);
  const slotFile: number[] = [];
  const slotCount: number[] = [];
  for (let i = 0; i < count; i++) {
    const f = m.fileId[i];
    if (slotOf[f] < 0) {
      slotOf[f] = slotFile.length;
      slotFile.push(f);
      slotCount.push(0);
    }
    slotCount[slotOf[f]]++;
  }
  const slotStart = new Int32Array(slotFile.length + 1);
  for (let s = 0; s < slotFile.length; s++) slotStart[s + 1] = slotStart[s] + slotCount[s];
  const fill = slotStart.slice(0, slotFile.length);
  const byFile = new Int32Array(count);
  for (let i = 0; i < count; i++) byFile[fill[slotOf[m.fileId[i]]]++] = i;
  // Within a file, a counting sort by line (stable: marks of one line stay in mark order), with one buffer.
  let counts = new Int32Array(1024);
  const sorted = new Int32Array(count);
  for (let s = 0; s < slotFile.length; s++) {
    const from = slotStart[s];
    const to = slotStart[s + 1];
    let inOrder = true;
    let lo = m.line[byFile[from]];
    let hi = lo;
    for (let j = from + 1; j < to; j++) {
      const line = m.line[byFile[j]];
      if (line < m.line[byFile[j - 1]]) inOrder = false;
      if (line < lo) lo = line;
      if (line > hi) hi = line;
    }
    const range = hi - lo + 2;
    if (!inOrder && range > 16 * (to - from) + (1 << 20))
      // Few marks over a long file: a comparison sort needs no buffer as long as the file.
      byFile.subarray(from, to).sort((a, b) => m.line[a] - m.line[b] || a - b);
    else if (!inOrder) {
      if (counts.length < range) counts = new Int32Array(Math.max(range, counts.length * 2));
      else counts.fill(0, 0, range);
      for (let j = from; j < to; j++) counts[m.line[byFile[j]] - lo + 1]++;
      for (let x = 1; x < range; x++) counts[x] += counts[x - 1];
      for (let j = from; j < to; j++) sorted[from + counts[m.line[byFile[j]] - lo]++] = byFile[j];
      byFile.set(sorted.subarray(from, to), from);
    }
    m.byFile.set(slotFile[s], byFile.subarray(from, to));
  }
  return m;
}

/**
 * One pass over the postings of the files holding marker lines: the keys each marked record names
 * (a posting on a line of a record marked at its first line), in the order they are met.
 */
function attachNames(query: IndexQuery, marks: Marks): void {
  let pairMark = new Int32Array(1 << 16);
  let pairKey = new Int32Array(1 << 16);
  let pairs = 0;
  // One buffer for every file (as long as the longest range of marked lines).
  let coverBuffer = new Int32Array(1024);
  for (const [fileId, list] of marks.byFile) {
    const from = marks.line[list[0]];
    let to = from;
    for (let j = 0; j < list.length; j++) to = Math.max(to, marks.line[list[j]] + marks.span[list[j]]);
    // Per line of [from, to), the first mark of the last group of marks starting at or before it.
    if (coverBuffer.length < to - from) coverBuffer = new Int32Array(Math.max(to - from, coverBuffer.length * 2));
    const cover = coverBuffer;
    cover.fill(-1, 0, to - from);
    for (let g = 0; g < list.length;) {
      const start = marks.line[list[g]];
      let next = g + 1;
      while (next < list.length && marks.line[list[next]] === start) next++;
      const end = next < list.length ? marks.line[list[next]] : to;
      cover.fill(g, start - from, end - from);
      g = next;
    }
    query.visitPostingRuns(
      { fileId, fromLine: from, toLine: to },
      (k) => !query.keyHasPrefix(k, MARK_PREFIX),
      (k, _fileId, run) => {
        for (let p = 0; p < run.count; p++) {
          const line = run.line(p);
          if (line < from || line >= to) continue;
          const g = cover[line - from];
          if (g < 0) continue;
          const start = marks.line[list[g]];
          for (let x = g; x < list.length && marks.line[list[x]] === start; x++) {
            const mk = list[x];
            if (line >= start + marks.span[mk]) continue;
            if (pairs === pairMark.length) {
              const a = new Int32Array(pairs * 2);
              a.set(pairMark);
              pairMark = a;
              const b = new Int32Array(pairs * 2);
              b.set(pairKey);
              pairKey = b;
            }
            pairMark[pairs] = mk;
            pairKey[pairs++] = k;
          }
        }
      },
    );
  }
  // Grouped by mark (a stable counting sort), each key once per mark.
  const start = new Int32Array(marks.count + 1);
  for (let i = 0; i < pairs; i++) start[pairMark[i] + 1]++;
  for (let i = 0; i < marks.count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, marks.count);
  const keys = new Int32Array(pairs);
  for (let i = 0; i < pairs; i++) keys[fill[pairMark[i]]++] = pairKey[i];
  const outStart = new Int32Array(marks.count + 1);
  let w = 0;
  for (let mk = 0; mk < marks.count; mk++) {
    outStart[mk] = w;
    const from = start[mk];
    const to = start[mk + 1];
    for (let i = from; i < to; i++) {
      const k = keys[i];
      let dup = false;
      for (let j = outStart[mk]; j < w; j++)
        if (keys[j] === k) {
          dup = true;
          break;
        }
      if (!dup) keys[w++] = k;
    }
  }
  outStart[marks.count] = w;
  marks.namesStart = outStart;
  marks.namesKeys = keys.subarray(0, w);
}

/** Subjects by number: their flow, the root and key of their entity, and its names. */
interface SubjectNames {
  count: number;
  flowIndex: Uint16Array;
  root: Int32Array;
  keyId: Int32Array;
  /** Names of subject i: memberList[memberStart[i] .. memberStart[i + 1]) (the entity's keys). */
  memberStart: Int32Array;
  memberList: Int32Array;
}

/** The subjects found from the names of the marked records, and the marks tied to them so far. */
interface Found extends SubjectNames {
  /** Subject and mark of each tie, in the order they were made. */
  pairSubject: IntList;
  pairMark: IntList;
}

/** In `findSubjects`' cache of names: not worked out yet; a `via` key (VIA - root). */
const UNKNOWN = -2;
const VIA = -3;

function findSubjects(query: IndexQuery, flows: readonly CompiledFlow[], marks: Marks): Found {
  const F = flows.length;
  // Caches indexed by key id (every name of a marked record, and every entity root, is at most maxKey).
  let maxKey = 0;
  // (Typed arrays are walked by index here: a for-of over one allocates per element until optimized.)
  for (let j = 0; j < marks.namesKeys.length; j++) if (marks.namesKeys[j] > maxKey) maxKey = marks.namesKeys[j];
  // Each entity met gets a slot (by its root, its smallest key), with the name it was first met by: its
  // keys are listed from that one (the order that picks its subject key), into reused arrays.
  const slotOfKey = new Int32Array(maxKey + 1).fill(-1);
  const slotOfRoot = new Int32Array(maxKey + 1).fill(-1);
  const slotRoot = new IntList();
  const slotFirstKey = new IntList();
  const scratch = new Int32Array(MAX_ENTITY_KEYS);
  const slotOf = (k: number): number => {
    const at = slotOfKey[k];
    if (at >= 0) return at;
    const count = query.entityKeysInto(k, scratch);
    let root = scratch[0];
    for (let x = 1; x < count; x++) if (scratch[x] < root) root = scratch[x];
    let slot = slotOfRoot[root];
    if (slot < 0) {
      slot = slotOfRoot[root] = slotRoot.n;
      slotRoot.push(root);
      slotFirstKey.push(k);
    }
    for (let x = 0; x < count; x++) if (scratch[x] <= maxKey) slotOfKey[scratch[x]] = slot;
    return slot;
  };
  /** The keys of the entity in `slot`, into `scratch`: how many. */
  const membersOf = (slot: number): number => query.entityKeysInto(slotFirstKey.a[slot], scratch);
  /** The member of an entity (its `count` keys in `scratch`) that makes it a subject of `flow`: the first of the flow's prefixes it has. */
  const subjectKey = (flow: CompiledFlow, count: number): number => {
    const prefixes = flow.def.subject.keyPrefixes;
    for (let p = 0; p < prefixes.length; p++)
      for (let x = 0; x < count; x++) if (query.keyHasPrefix(scratch[x], prefixes[p])) return scratch[x];
    return -1;
  };
  // Per slot and flow: its subject key (-2: not worked out, -1: none), its subject (-1: none).
  let slotKey = new Int32Array(1024 * F).fill(-2);
  let slotSubject = new Int32Array(1024 * F).fill(-1);
  const ensureSlots = (): void => {
    if (slotRoot.n * F <= slotKey.length) return;
    const k = new Int32Array(slotKey.length * 2).fill(-2);
    k.set(slotKey);
    slotKey = k;
    const s = new Int32Array(slotSubject.length * 2).fill(-1);
    s.set(slotSubject);
    slotSubject = s;
  };
  // The subjects, in the order found.
  const sFlow = new IntList();
  const sRoot = new IntList();
  const sKey = new IntList();
  const sMemberStart = new IntList();
  const sMembers = new IntList();
  const lastMark = new IntList();
  const pairSubject = new IntList(1 << 16);
  const pairMark = new IntList(1 << 16);
  // The subjects named with a `via` root (an InvokeID) on one record: flow, root, subject (kept as pairs; only
  // the roots of records naming no subject need their owners). Per flow, whether a key is of a `via` kind.
  const viaFlow = new IntList();
  const viaRoot = new IntList();
  const viaSubject = new IntList();
  const isVia = flows.map((f) => (f.def.subject.via ? new Int8Array(maxKey + 1).fill(-1) : undefined));
  const pendingVia: Array<{ m: number; fi: number; viaRoots: number[] }> = [];
  const isValue = new Int8Array(maxKey + 1).fill(-1); // 1: a captured value, 0: a name
  // Per marker: whether its step is tied by the names of its records.
  const bySubject = marks.markers.map(
    (marker, i) => (flows[marks.markerFlow[i]].def.steps[marker.stepIndex].attach?.by ?? 'subject') === 'subject',
  );
  /**
   * What name `k` is on a record of flow `fi`: its subject (>= 0; created when first met), a `via` key (VIA -
   * its root) or nothing (-1). Worked out once per name and flow (`known`): the same for every record.
   */
  const resolve = (k: number, fi: number, flow: CompiledFlow, via: Int8Array | undefined): number => {
    if (isValue[k] < 0) isValue[k] = query.keyHasPrefix(k, VALUE_PREFIX) ? 1 : 0;
    if (isValue[k] === 1) return -1;
    const slot = slotOf(k);
    ensureSlots();
    const at = slot * F + fi;
    let sk = slotKey[at];
    if (sk === -2) slotKey[at] = sk = subjectKey(flow, membersOf(slot));
    if (sk >= 0) {
      let s = slotSubject[at];
      if (s < 0) {
        s = slotSubject[at] = lastMark.n;
        sFlow.push(fi);
        sRoot.push(slotRoot.a[slot]);
        sKey.push(sk);
        sMemberStart.push(sMembers.n);
        const count = membersOf(slot);
        for (let x = 0; x < count; x++) sMembers.push(scratch[x]);
        lastMark.push(-1);
      }
      return s;
    }
    if (via) {
      if (via[k] < 0) via[k] = hasAnyPrefix(query, k, flow.def.subject.via!) ? 1 : 0;
      if (via[k] === 1) return VIA - slotRoot.a[slot];
    }
    return -1;
  };
  const known = new Int32Array((maxKey + 1) * F).fill(UNKNOWN);
  // Reused per mark (copied when kept).
  const named = new IntList(64);
  const viaRoots = new IntList(64);
  for (let m = 0; m < marks.count; m++) {
    if (!bySubject[marks.marker[m]]) continue;
    const fi = marks.markerFlow[marks.marker[m]];
    const flow = flows[fi];
    const via = isVia[fi];
    named.n = 0;
    viaRoots.n = 0;
    for (let j = marks.namesStart[m]; j < marks.namesStart[m + 1]; j++) {
      const k = marks.namesKeys[j];
      let v = known[k * F + fi];
      if (v === UNKNOWN) known[k * F + fi] = v = resolve(k, fi, flow, via);
      if (v >= 0) {
        if (lastMark.a[v] !== m) {
          pairSubject.push(v);
          pairMark.push(m);
          lastMark.a[v] = m;
          named.push(v);
        }
      } else if (v <= VIA) viaRoots.push(VIA - v);
    }
    if (named.n > 0)
      for (let v = 0; v < viaRoots.n; v++)
        for (let x = 0; x < named.n; x++) {
          viaFlow.push(fi);
          viaRoot.push(viaRoots.a[v]);
          viaSubject.push(named.a[x]);
        }
    else if (viaRoots.n > 0) pendingVia.push({ m, fi, viaRoots: Array.from(viaRoots.values) });
  }
  // Records naming only an InvokeID (MEDIA_LOGIN_RESP) go to whoever another record with it names (each
  // owner once, in the order first met).
  const owners = new Map<number, number[]>();
  for (const { fi, viaRoots } of pendingVia) for (const r of viaRoots) owners.set(r * F + fi, []);
  if (owners.size > 0)
    for (let v = 0; v < viaRoot.n; v++) {
      const list = owners.get(viaRoot.a[v] * F + viaFlow.a[v]);
      if (list && !list.includes(viaSubject.a[v])) list.push(viaSubject.a[v]);
    }
  for (const { m, fi, viaRoots } of pendingVia)
    for (const r of viaRoots)
      for (const s of owners.get(r * F + fi)!)
        if (lastMark.a[s] !== m) {
          pairSubject.push(s);
          pairMark.push(m);
          lastMark.a[s] = m;
        }
  // Numbered by flow, then in the order found (a stable counting sort).
  const n = lastMark.n;
  sMemberStart.push(sMembers.n);
  const flowStart = new Int32Array(F + 1);
  for (let s = 0; s < n; s++) flowStart[sFlow.a[s] + 1]++;
  for (let f = 0; f < F; f++) flowStart[f + 1] += flowStart[f];
  const renumber = new Int32Array(n);
  for (let s = 0; s < n; s++) renumber[s] = flowStart[sFlow.a[s]]++;
  const out: Found = {
    count: n,
    flowIndex: new Uint16Array(n),
    root: new Int32Array(n),
    keyId: new Int32Array(n),
    memberStart: new Int32Array(n + 1),
    memberList: new Int32Array(sMembers.n),
    pairSubject,
    pairMark,
  };
  const count = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const i = renumber[s];
    out.flowIndex[i] = sFlow.a[s];
    out.root[i] = sRoot.a[s];
    out.keyId[i] = sKey.a[s];
    count[i] = sMemberStart.a[s + 1] - sMemberStart.a[s];
  }
  for (let i = 0; i < n; i++) out.memberStart[i + 1] = out.memberStart[i] + count[i];
  for (let s = 0; s < n; s++)
    for (let j = sMemberStart.a[s], to = out.memberStart[renumber[s]]; j < sMemberStart.a[s + 1]; j++)
      out.memberList[to++] = sMembers.a[j];
  for (let p = 0; p < pairSubject.n; p++) pairSubject.a[p] = renumber[pairSubject.a[p]];
  return out;
}

function hasAnyPrefix(query: IndexQuery, k: number, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (query.keyHasPrefix(k, prefixes[i])) return true;
  return false;
}

/**
 * In one pass over the postings of the subjects' names: each subject's first and last instants, the
 * formats of its files, the latest end of its flow's markers in those files (`fileEndOf`, when given,
 * into `logsEnd`) and, in the files of `linesIn` (per flow: the files where marks are tied by file), its
 * lines, as line * count + subject (sorted, they give the subjects by line, then by number).
 */
function subjectLines(
  query: IndexQuery,
  found: Found,
  fileEndOf: readonly Float64Array[] | undefined,
  linesIn: ReadonlyArray<Map<number, FloatList> | undefined>,
): Subjects {
  const n = found.count;
  const { memberStart, memberList } = found;
  const flowIndex = found.flowIndex;
  // The subjects each key names, indexed by key id (a counting sort of the pairs).
  let maxKey = -1;
  for (let j = 0; j < memberList.length; j++) if (memberList[j] > maxKey) maxKey = memberList[j];
  const ownStart = new Int32Array(maxKey + 2);
  const named = new Uint8Array(maxKey + 1);
  for (let j = 0; j < memberList.length; j++) {
    const k = memberList[j];
    if (query.keyHasPrefix(k, '~')) continue;
    ownStart[k + 1]++;
    named[k] = 1;
  }
  for (let k = 0; k <= maxKey; k++) ownStart[k + 1] += ownStart[k];
  const owners = new Int32Array(ownStart[maxKey + 1]);
  const fill = ownStart.slice(0, maxKey + 1);
  for (let i = 0; i < n; i++)
    for (let j = memberStart[i]; j < memberStart[i + 1]; j++) {
      const k = memberList[j];
      if (named[k]) owners[fill[k]++] = i;
    }
  // Format sets, shared: set number, and per set and format the set with it too.
  const formatSets: Array<ReadonlySet<string>> = [new Set()];
  const nextSet: Array<Map<string, number>> = [new Map()];
  const withFormat = (set: number, format: string): number => {
    if (formatSets[set].has(format)) return set;
    let out = nextSet[set].get(format);
    if (out === undefined) {
      out = formatSets.length;
      formatSets.push(new Set([...formatSets[set], format]));
      nextSet.push(new Map());
      nextSet[set].set(format, out);
    }
    return out;
  };
  const first = new Float64Array(n).fill(Infinity);
  const last = new Float64Array(n).fill(-Infinity);
  const logsEnd = new Float64Array(n).fill(-Infinity);
  const formats = new Int32Array(n);
  const wantLines = linesIn.some((m) => m !== undefined && m.size > 0);
  // Postings come per file, then per key: each subject's last file, and its list of lines there.
  const curFile = new Int32Array(n).fill(-1);
  const curLines: Array<FloatList | undefined> = wantLines ? new Array<FloatList | undefined>(n) : [];
  let lastFile = -1;
  let lastKey = -1;
  let from = 0;
  let to = 0;
  let format: string | undefined;
  query.visitPostingRuns(
    {},
    (k) => k <= maxKey && named[k] === 1,
    (k, fileId, run) => {
      if (run.count === 0) return;
      if (fileId !== lastFile) {
        lastFile = fileId;
        format = query.file(fileId)?.formatId ?? undefined;
      }
      if (k !== lastKey) {
        lastKey = k;
        from = ownStart[k];
        to = ownStart[k + 1];
      }
      // The run's earliest and latest instants (NaN ones never count).
      let lo = Infinity;
      let hi = -Infinity;
      for (let p = 0; p < run.count; p++) {
        const instant = run.instant(p);
        if (instant < lo) lo = instant;
        if (instant > hi) hi = instant;
      }
      for (let j = from; j < to; j++) {
        const i = owners[j];
        if (curFile[i] !== fileId) {
          curFile[i] = fileId;
          if (wantLines) curLines[i] = linesIn[flowIndex[i]]?.get(fileId);
          if (format) formats[i] = withFormat(formats[i], format);
          if (fileEndOf) {
            const fileEnd = fileEndOf[flowIndex[i]];
            if (fileId < fileEnd.length && fileEnd[fileId] > logsEnd[i]) logsEnd[i] = fileEnd[fileId];
          }
        }
        if (wantLines) {
          const l = curLines[i];
          if (l) for (let p = 0; p < run.count; p++) l.push(run.line(p) * n + i);
        }
        if (lo < first[i]) first[i] = lo;
        if (hi > last[i]) last[i] = hi;
      }
    },
  );
  return {
    count: n,
    flowIndex,
    root: found.root,
    keyId: found.keyId,
    memberStart,
    memberList,
    markStart: EMPTY_INTS,
    markList: EMPTY_INTS,
    pickStart: EMPTY_INTS,
    picks: EMPTY_INTS,
    first,
    last,
    logsEnd,
    formats,
    formatSets,
  };
}

/**
 * Marker lines of `file` steps naming no subject go to the subject with the nearest line in the same file
 * (`lines`: per file, the subjects' lines there as line * count + subject).
 */
function attachByFile(
  flow: CompiledFlow,
  flowIndex: number,
  marks: Marks,
  owned: Uint8Array,
  lines: Map<number, FloatList>,
  count: number,
  found: Found,
): void {
  for (const [fileId, list] of marks.byFile) {
    const l = lines.get(fileId);
    if (!l || l.n === 0) continue;
    // By line, then subject number (the order of the subjects as found).
    const keys = l.a.subarray(0, l.n).sort();
    const lineAt = (x: number): number => {
      const line = Math.floor(keys[x] / count);
      const s = keys[x] - line * count;
      return s < 0 ? line - 1 : s >= count ? line + 1 : line;
    };
    for (let x = 0; x < list.length; x++) {
      const m = list[x];
      if (marks.markerFlow[marks.marker[m]] !== flowIndex || owned[m]) continue;
      const attach = flow.def.steps[marks.markers[marks.marker[m]].stepIndex].attach;
      if (attach?.by !== 'file') continue;
      const line = marks.line[m];
      // The last of the lines at or before it, and the one after that.
      const bound = (line + 1) * count;
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid] < bound) lo = mid + 1;
        else hi = mid;
      }
      const at = lo - 1;
      let pick = -1;
      if (at >= 0 && line - lineAt(at) <= attach.maxLines) pick = at;
      else if (at + 1 < keys.length && lineAt(at + 1) - line <= attach.maxLines) pick = at + 1;
      if (pick >= 0) {
        found.pairSubject.push(keys[pick] - lineAt(pick) * count);
        found.pairMark.push(m);
      }
    }
  }
}

/**
 * The steps of subject `i` tied by time (in step order, an anchor step first): the marker line each picks,
 * into `s.picks` (`byStep`: per step of its flow, its marker lines with an instant, by instant).
 */
function pickTimed(marks: Marks, flow: CompiledFlow, s: Subjects, i: number, byStep: readonly Int32Array[]): void {
  const steps = flow.def.steps;
  const base = s.pickStart[i];
  const picks = s.picks;
  for (let k = 0; k < steps.length; k++) {
    const a = steps[k].attach;
    if (a?.by !== 'time') continue;
    const anchorIdx = a.relativeTo !== undefined ? flow.stepIndex.get(a.relativeTo) : undefined;
    let anchor = anchorIdx !== undefined ? stepInstant(marks, s, i, anchorIdx) : NaN;
    if (Number.isNaN(anchor)) anchor = s.first[i];
    if (!Number.isFinite(anchor)) continue;
    const lo = anchor + a.fromMs;
    const hi = anchor + a.toMs;
    const list = byStep[k];
    // The first marker line at or after `lo`; then, up to `hi`: the earliest (window after the anchor), the
    // latest (window before it) or the nearest (window around it).
    let l0 = 0;
    let h0 = list.length;
    while (l0 < h0) {
      const mid = (l0 + h0) >> 1;
      if (marks.instant[list[mid]] < lo) l0 = mid + 1;
      else h0 = mid;
    }
    let best = -1;
    for (let x = l0; x < list.length && marks.instant[list[x]] <= hi; x++) {
      const m = list[x];
      if (best < 0 || a.toMs <= 0 || Math.abs(marks.instant[m] - anchor) < Math.abs(marks.instant[best] - anchor))
        best = m;
      if (a.fromMs >= 0) break;
    }
    if (best >= 0) picks[base + k] = best;
  }
}

/** The earliest instant of a line (not a failure) of step `k` of subject `i`: its own marks, and the one picked for it. */
function stepInstant(marks: Marks, s: Subjects, i: number, k: number): number {
  let t = NaN;
  const last = s.markStart[i + 1];
  const pick = s.picks[s.pickStart[i] + k];
  for (let j = s.markStart[i]; j <= last; j++) {
    const m = j < last ? s.markList[j] : pick;
    if (m < 0) continue;
    const mk = marks.markers[marks.marker[m]];
    if (mk.stepIndex !== k || mk.failure || Number.isNaN(marks.instant[m])) continue;
    if (!(marks.instant[m] >= t)) t = marks.instant[m];
  }
  return t;
}

/** The subject `i` as `evaluate` reads it. */
function subjectAt(flows: readonly CompiledFlow[], s: Subjects, i: number): Subject {
  const flow = flows[s.flowIndex[i]];
  return {
    flow,
    flowIndex: s.flowIndex[i],
    root: s.root[i],
    keyId: s.keyId[i],
    members: Array.from(s.memberList.subarray(s.memberStart[i], s.memberStart[i + 1])),
    marks: Array.from(s.markList.subarray(s.markStart[i], s.markStart[i + 1])),
    picks: s.pickStart[i] >= 0 ? s.picks.subarray(s.pickStart[i], s.pickStart[i] + flow.def.steps.length) : NO_PICKS,
    first: s.first[i],
    last: s.last[i],
    logsEnd: s.logsEnd[i],
    formats: s.formatSets[s.formats[i]],
  };
}

/** What the list shows of subject `i`. */
function summaryOf(
  query: IndexQuery,
  flows: readonly CompiledFlow[],
  marks: Marks,
  s: Subjects,
  o: Outcomes,
  i: number,
): SubjectSummary {
  const flow = flows[s.flowIndex[i]];
  const id = query.keyText(s.keyId[i]);
  const start = iso(s.first[i]);
  const broken = o.brokenStep[i];
  const last = o.last[i];
  // Built field by field (the same order of keys as a literal with optional spreads, at less cost).
  const summary = {
    id,
    kind: flow.def.subject.kind,
    label: labelOf(id),
    outcome: OUTCOMES[o.outcome[i]],
    brokenStep: broken,
  } as SubjectSummary;
  if (broken >= 0) {
    const step = flow.def.steps[broken];
    const meaning = o.meaningMarker[i] >= 0 ? marks.markers[o.meaningMarker[i]].def.meaning : undefined;
    summary.firstBroken = {
      stepId: step.id,
      number: broken + 1,
      title: step.title,
      state: STATE_NAMES[o.brokenState[i]],
      hint: step.hint,
      ...(meaning ? { meaning } : {}),
    };
  }
  summary.flowTitle = flow.def.title;
  summary.lastFileId = last >= 0 ? marks.fileId[last] : -1;
  summary.lastLine = last >= 0 ? marks.line[last] : -1;
  if (start) summary.start = start;
  return summary;
}

interface Evaluated {
  outcome: FlowOutcome;
  brokenStep: number;
  firstBroken?: FlowStatus['firstBroken'];
  /** The mark the subject reached last, -1 when none. */
  last: number;
  status: SubjectStatus;
}

const SEEN = 0;
const FAILED = 1;
const MISSING = 2;
const OPTIONAL_MISSING = 3;
const STATE_NAMES = ['seen', 'failed', 'missing', 'optional-missing'] as const;

/** Whether a line of marker `id` (not a failure) of step `k` is tied to subject `i` or picked for it. */
function hasSeen(marks: Marks, s: Subjects, i: number, k: number, id: string): boolean {
  const last = s.markStart[i + 1];
  const pick = s.pickStart[i] >= 0 ? s.picks[s.pickStart[i] + k] : -1;
  for (let j = s.markStart[i]; j <= last; j++) {
    const m = j < last ? s.markList[j] : pick;
    if (m < 0) continue;
    const mk = marks.markers[marks.marker[m]];
    if (mk.stepIndex === k && !mk.failure && mk.def.id === id) return true;
  }
  return false;
}

/**
 * The outcome of every subject (what the list shows): the same rules as `evaluate`, on the step states,
 * without an object per step or per subject.
 */
function outcomesOf(marks: Marks, flows: readonly CompiledFlow[], s: Subjects): Outcomes {
  const n = s.count;
  const o: Outcomes = {
    outcome: new Uint8Array(n),
    brokenStep: new Int32Array(n).fill(-1),
    brokenState: new Uint8Array(n),
    meaningMarker: new Int32Array(n).fill(-1),
    last: new Int32Array(n).fill(-1),
  };
  const markerStep = Int32Array.from(marks.markers, (m) => m.stepIndex);
  const markerFailure = Uint8Array.from(marks.markers, (m) => (m.failure ? 1 : 0));
  let maxSteps = 0;
  for (const f of flows) maxSteps = Math.max(maxSteps, f.def.steps.length);
  // Per step, its state, its first failing mark, whether a line saw it.
  const states = new Uint8Array(maxSteps);
  const failingAt = new Int32Array(maxSteps);
  const seenAt = new Uint8Array(maxSteps);
  // Per flow and set of formats: per step, whether those logs may hold a line of it (else it is not evidence
  // of a break), worked out once per combination.
  const evidence = new Map<number, Uint8Array>();
  const evidenceOf = (fi: number, set: number): Uint8Array => {
    const at = set * flows.length + fi;
    let e = evidence.get(at);
    if (!e) {
      const formats = s.formatSets[set];
      e = Uint8Array.from(flows[fi].def.steps, (step) =>
        step.markers.some((m) => formats.has(m.format)) || (step.attach?.by ?? 'subject') === 'time' ? 1 : 0,
      );
      evidence.set(at, e);
    }
    return e;
  };
  const { instant, line, marker } = marks;
  const visit = (m: number): void => {
    const k = markerStep[marker[m]];
    if (markerFailure[marker[m]]) {
      const failing = failingAt[k];
      if (
        failing < 0 ||
        (instant[m] || 0) - (instant[failing] || 0) < 0 ||
        ((instant[m] || 0) === (instant[failing] || 0) && line[m] < line[failing])
      )
        failingAt[k] = m;
    } else seenAt[k] = 1;
  };
  for (let i = 0; i < n; i++) {
    const fi = s.flowIndex[i];
    const flow = flows[fi];
    const steps = flow.def.steps;
    const ns = steps.length;
    const from = s.markStart[i];
    const to = s.markStart[i + 1];
    const pickAt = s.pickStart[i];
    failingAt.fill(-1, 0, ns);
    seenAt.fill(0, 0, ns);
    // The marks of each step, tied to it then picked by time, in the order `evaluate` lists them.
    for (let j = from; j < to; j++) visit(s.markList[j]);
    if (pickAt >= 0) for (let k = 0; k < ns; k++) if (s.picks[pickAt + k] >= 0) visit(s.picks[pickAt + k]);
    const evidenceIn = evidenceOf(fi, s.formats[i]);
    let lastSeen = -1;
    let failed = -1;
    let tail = -1;
    for (let k = 0; k < ns; k++) {
      const step = steps[k];
      const failing = failingAt[k];
      let seen = seenAt[k] === 1;
      if (step.requires) {
        seen = false;
        if (failing < 0) {
          seen = true;
          for (const r of step.requires) if (!(seen = hasSeen(marks, s, i, k, r))) break;
        }
      }
      let state = failing >= 0 ? FAILED : seen ? SEEN : step.optional ? OPTIONAL_MISSING : MISSING;
      if (state === MISSING && !evidenceIn[k]) state = OPTIONAL_MISSING;
      states[k] = state;
      if (state === SEEN || state === FAILED) lastSeen = k;
      if (failed < 0 && state === FAILED) failed = k;
      if (tail < 0 && state === MISSING) tail = k;
    }
    let skipped = -1;
    for (let k = 0; k < lastSeen; k++)
      if (states[k] === MISSING) {
        skipped = k;
        break;
      }
    let outcome = COMPLETE;
    let broken = failed >= 0 ? failed : skipped;
    if (failed >= 0 && skipped >= 0 && skipped < failed) broken = skipped;
    if (broken >= 0) outcome = BROKEN;
    else if (tail >= 0) {
      const lastAt = s.last[i];
      const end = s.logsEnd[i];
      if (Number.isFinite(lastAt) && Number.isFinite(end) && end - lastAt > flow.def.idleMs) {
        outcome = BROKEN;
        broken = tail;
      } else outcome = IN_PROGRESS;
    }
    // The last line reached: the latest marker line with an instant, else the first tied to it.
    let last = -1;
    for (let j = from; j < to; j++) {
      const m = s.markList[j];
      if (!Number.isNaN(instant[m]) && (last < 0 || instant[m] >= instant[last])) last = m;
    }
    if (last < 0 && to > from) last = s.markList[from];
    o.outcome[i] = outcome;
    o.last[i] = last;
    if (broken >= 0) {
      o.brokenStep[i] = broken;
      o.brokenState[i] = states[broken];
      if (failingAt[broken] >= 0) o.meaningMarker[i] = marker[failingAt[broken]];
    }
  }
  return o;
}

/** ISO text of an instant; the date and time to the second come from a small cache (many lines share a second). */
const isoSeconds = new Map<number, string>();
function iso(t: number): string | undefined {
  if (!Number.isFinite(t)) return undefined;
  const sec = Math.floor(t / 1000);
  let head = isoSeconds.get(sec);
  if (head === undefined) {
    if (isoSeconds.size > 100_000) isoSeconds.clear();
    head = new Date(sec * 1000).toISOString().slice(0, 19);
    isoSeconds.set(sec, head);
  }
  return `${head}.${String(Math.round(t - sec * 1000)).padStart(3, '0')}Z`;
}

/** Marks of one step of a subject: tied to it, or picked by time. */
function perStepOf(marks: Marks, s: Subject): number[][] {
  const perStep: number[][] = s.flow.def.steps.map(() => []);
  for (const m of s.marks) perStep[marks.markers[marks.marker[m]].stepIndex].push(m);
  return perStep;
}

function evaluate(query: IndexQuery, marks: Marks, s: Subject, full: boolean): Evaluated {
  const flow = s.flow;
  const steps = flow.def.steps;
  const perStep = perStepOf(marks, s);
  for (let i = 0; i < s.picks.length; i++) if (s.picks[i] >= 0) perStep[i].push(s.picks[i]);
  const markerOf = (m: number): CompiledMarker => marks.markers[marks.marker[m]];
  const instantOr0 = (m: number): number => marks.instant[m] || 0;
  const uris = new Map<number, string>();
  const uriOf = (fileId: number): string => {
    let u = uris.get(fileId);
    if (u === undefined) uris.set(fileId, (u = query.file(fileId)?.uri ?? ''));
    return u;
  };
  const toLine = (m: number): StepLine => {
    const instant = iso(marks.instant[m]);
    return {
      uri: uriOf(marks.fileId[m]),
      line: marks.line[m],
      ...(instant ? { instant } : {}),
      marker: markerOf(m).def.id,
      failure: markerOf(m).failure,
    };
  };
  const statuses: StepStatus[] = steps.map((step, i) => {
    // The step's lines by instant, then line (a stable order); without `full`, only the first ones are needed.
    const order = (a: number, b: number): number => instantOr0(a) - instantOr0(b) || marks.line[a] - marks.line[b];
    const lines = full ? [...perStep[i]].sort(order) : perStep[i];
    const firstOf = (failure: boolean): number | undefined => {
      let best: number | undefined;
      for (const m of lines)
        if (markerOf(m).failure === failure && (best === undefined || (!full && order(m, best) < 0))) {
          best = m;
          if (full) break;
        }
      return best;
    };
    const failing = firstOf(true);
    let seen: boolean;
    if (step.requires) {
      const seenIds = new Set<string>();
      for (const m of lines) if (!markerOf(m).failure) seenIds.add(markerOf(m).def.id);
      seen = step.requires.every((r) => seenIds.has(r));
    } else seen = lines.some((m) => !markerOf(m).failure);
    const state: StepStatus['state'] =
      failing !== undefined ? 'failed' : seen ? 'seen' : step.optional ? 'optional-missing' : 'missing';
    const first = failing ?? firstOf(false);
    const st: StepStatus = {
      stepId: step.id,
      number: i + 1,
      title: step.title,
      where: step.where,
      state,
      lines: full ? lines.map(toLine) : [],
    };
    if (first !== undefined) {
      const at = iso(marks.instant[first]);
      if (at) st.instant = at;
    }
    if (state !== 'seen') st.hint = step.hint;
    if (failing !== undefined && markerOf(failing).def.meaning) st.meaning = markerOf(failing).def.meaning;
    // A step whose logs hold no line of this chat or agent is not evidence of a break.
    if (
      state === 'missing' &&
      !step.markers.some((m) => s.formats.has(m.format)) &&
      (step.attach?.by ?? 'subject') !== 'time'
    )
      st.state = 'optional-missing';
    return st;
  });
  // Out of order: seen before a step that comes earlier in the flow.
  let latest = -Infinity;
  for (const st of statuses) {
    if (st.state !== 'seen' || !st.instant) continue;
    const t = Date.parse(st.instant);
    if (t < latest - 1000) st.outOfOrder = true;
    else latest = Math.max(latest, t);
  }
  const lastSeen = statuses.reduce((n, st, i) => (st.state === 'seen' || st.state === 'failed' ? i : n), -1);
  const failed = statuses.find((st) => st.state === 'failed');
  const skipped = statuses.find((st, i) => st.state === 'missing' && i < lastSeen);
  const tail = statuses.find((st) => st.state === 'missing');
  let outcome: FlowOutcome = 'complete';
  let broken: StepStatus | undefined = failed ?? skipped;
  if (failed && skipped && skipped.number < failed.number) broken = skipped;
  if (broken) outcome = 'broken';
  else if (tail) {
    if (Number.isFinite(s.last) && Number.isFinite(s.logsEnd) && s.logsEnd - s.last > flow.def.idleMs) {
      outcome = 'broken';
      broken = tail;
    } else outcome = 'in-progress';
  }
  // The last line reached: the latest marker line with an instant, else the first tied to it.
  let last = -1;
  for (const m of s.marks)
    if (!Number.isNaN(marks.instant[m]) && (last < 0 || marks.instant[m] >= marks.instant[last])) last = m;
  if (last < 0 && s.marks.length > 0) last = s.marks[0];
  const brokenStep = broken ? broken.number - 1 : -1;
  const firstBroken: FlowStatus['firstBroken'] = broken
    ? {
        stepId: broken.stepId,
        number: broken.number,
        title: broken.title,
        state: broken.state,
        hint: steps[broken.number - 1].hint,
        ...(broken.meaning ? { meaning: broken.meaning } : {}),
      }
    : undefined;
  if (!full) return { outcome, brokenStep, firstBroken, last, status: undefined as unknown as SubjectStatus };
  const timings: FlowStatus['timings'] = [];
  const endpoint = (ref: string): number => {
    const [stepId, markerId] = ref.split('/');
    const i = flow.stepIndex.get(stepId);
    if (i === undefined) return NaN;
    let t = NaN;
    for (const m of perStep[i]) {
      const mk = markerOf(m);
      if (mk.failure || (markerId && mk.def.id !== markerId) || Number.isNaN(marks.instant[m])) continue;
      if (!(marks.instant[m] >= t)) t = marks.instant[m];
    }
    return t;
  };
  for (const t of flow.def.timings ?? []) {
    const a = endpoint(t.from);
    const b = endpoint(t.to);
    if (!Number.isNaN(a) && !Number.isNaN(b)) timings.push({ label: t.label, ms: b - a });
  }
  const fs: FlowStatus = { flowId: flow.def.id, title: flow.def.title, outcome, steps: statuses, timings };
  if (firstBroken) fs.firstBroken = firstBroken;
  if (last >= 0) fs.lastLine = toLine(last);
  const id = query.keyText(s.keyId);
  const start = iso(s.first);
  return {
    outcome,
    brokenStep,
    firstBroken,
    last,
    status: {
      id,
      kind: flow.def.subject.kind,
      label: labelOf(id),
      names: namesOf(
        id,
        s.members.map((k) => query.keyText(k)),
      ),
      details: detailsOf(marks, s, (k) => query.keyText(k)),
      ...(start ? { start } : {}),
      flows: [fs],
      outcome,
    },
  };
}

/**
 * The names of a subject as shown: its own key first, then the others in text order (the order of the
 * entity's keys follows their ids, which follow the order in which the index read the files).
 */
function namesOf(id: string, keys: readonly string[]): string[] {
  const others = keys.filter((t) => t !== id && !t.startsWith('~')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.includes(id) ? [id, ...others] : others;
}

/** What a call's names are called in its label, by key name (`call:<name>:<value>`). */
const CALL_NAME_LABELS: Record<string, string> = {
  guid: 'GUID',
  gcid: 'GlobalCallID',
  uccx: 'UCCX contact',
  rck: 'router call key',
  dialog: 'dialog',
  session: 'session',
  vxml: 'VXML call',
  ci: 'CI',
};

function labelOf(key: string): string {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (kind === 'contact') return `chat ${value.length > 12 ? `${value.slice(0, 8)}…` : value}`;
  if (kind === 'agent') {
    const sub = value.indexOf(':');
    return `agent ${value.slice(sub + 1)} (${value.slice(0, sub)})`;
  }
  if (kind === 'call') {
    const sub = value.indexOf(':');
    const name = value.slice(0, sub);
    const v = value.slice(sub + 1);
    // Both ends of a long id: two GUIDs of one gateway may differ only in their last digits.
    return `call ${v.length > 14 ? `${v.slice(0, 8)}…${v.slice(-4)}` : v} (${CALL_NAME_LABELS[name] ?? name})`;
  }
  return key;
}

/** A call's names, as details: key prefix, detail. */
const CALL_NAME_DETAILS: ReadonlyArray<[string, string]> = Object.entries({
  'call:gcid:': 'gcid',
  'call:guid:': 'guid',
  'call:rck:': 'routerCallKey',
  'call:dialog:': 'dialog',
  'call:uccx:': 'uccxContact',
});

/** Captured values and names of other kinds on the subject's marked records (customer, widget, agent...). */
function detailsOf(marks: Marks, s: Subject, textOf: (k: number) => string): Record<string, string> {
  const details: Record<string, string> = {};
  const own = s.members;
  // By instant (a stable sort; most are in order already).
  let sorted = s.marks;
  for (let i = 1; i < sorted.length; i++)
    if ((marks.instant[sorted[i]] || 0) < (marks.instant[sorted[i - 1]] || 0)) {
      sorted = [...s.marks].sort((a, b) => (marks.instant[a] || 0) - (marks.instant[b] || 0));
      break;
    }
  for (const m of sorted)
    for (let j = marks.namesStart[m]; j < marks.namesStart[m + 1]; j++) {
      const k = marks.namesKeys[j];
      const text = textOf(k);
      if (text.startsWith(VALUE_PREFIX)) {
        const eq = text.indexOf('=');
        details[text.slice(VALUE_PREFIX.length, eq)] = text.slice(eq + 1);
      } else if (!own.includes(k)) {
        if (text.startsWith('agent:uccx:') && s.flow.def.subject.kind === 'chat') details.agent ??= text.slice(11);
        else if (text.startsWith('widget:name:')) details.widget ??= text.slice(12);
        else if (text.startsWith('widget:') && !details.widget) details.widgetId ??= text.slice(7);
      }
    }
  if (s.flow.def.subject.kind === 'call') {
    // A call's other names, and the agent and numbers its marked records name.
    for (const k of s.members) {
      const t = textOf(k);
      if (!t.startsWith('call:')) continue;
      for (const [prefix, detail] of CALL_NAME_DETAILS)
        if (t.startsWith(prefix)) details[detail] ??= t.slice(prefix.length);
    }
    for (const m of sorted)
      for (let j = marks.namesStart[m]; j < marks.namesStart[m + 1]; j++) {
        const k = marks.namesKeys[j];
        const t = textOf(k);
        if (t.startsWith('agent:') && !own.includes(k)) details.agent ??= t.slice(t.indexOf(':', 6) + 1);
      }
  }
  if (s.flow.def.subject.kind === 'agent')
    for (const k of s.members) {
      const t = textOf(k);
      if (t.startsWith('agent:eceUser:')) details.eceUser = t.slice(14);
      if (t.startsWith('agent:periph:')) details.peripheralNumber = t.slice(13);
      if (t.startsWith('agent:icm:')) details.icmAgentId = t.slice(10);
    }
  return details;
}
