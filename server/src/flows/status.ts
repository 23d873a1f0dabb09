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
 * Built for bundles of tens of thousands of chats: the marker lines are kept in typed arrays, the
 * names of the marked records are found in one pass over the postings of the files holding markers,
 * and the snapshot keeps per chat or agent only its marker lines, its outcome and what the list
 * shows. The steps with their lines (objects, ISO instants, URIs) are built when one is asked for
 * (`FlowsSnapshot.status`), a page at a time.
 */
import type { IndexQuery } from '../index/query';
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

interface Subject {
  flow: CompiledFlow;
  flowIndex: number;
  root: number;
  keyId: number;
  members: number[];
  /**
   * Marks tied to it (insertion order), while they are gathered: each mark is tied in one go (the marks
   * naming it, in mark order; then the marks of its InvokeIDs; then those of its files), so a repeat can
   * only follow itself (`lastMark`).
   */
  markList: number[];
  lastMark: number;
  /** The same, once gathered (the same array). */
  marks: number[];
  /** Per step tied by time, the mark picked (-1 when none); empty when the flow has no such step. */
  picks: Int32Array;
  /** Instants of the first and last lines naming it. */
  first: number;
  last: number;
  logsEnd: number;
  /** Formats of the files naming it (one shared set per combination, see `withFormat`). */
  formats: ReadonlySet<string>;
  /** Its lines per file, kept only for flows with steps tied by file (`attachByFile`). */
  lines: Map<number, number[]> | undefined;
}

const NO_PICKS = new Int32Array(0);
const NO_FORMATS: ReadonlySet<string> = new Set();

/** The flow status of every chat and agent at one moment of the index. */
export class FlowsSnapshot {
  /** Date.now() when it was computed. */
  readonly computedAt = Date.now();
  private readonly cache = new Map<number, SubjectStatus>();
  private byUri: Map<string, number[]> | undefined;
  private byName: Map<number, number> | undefined;

  constructor(
    private readonly query: IndexQuery,
    private readonly marks: Marks,
    private readonly list: Subject[],
    /** Sorted by kind, start and id. */
    readonly summaries: readonly SubjectSummary[],
    /** Milliseconds the computation took. */
    readonly ms: number,
    /** CPU milliseconds of the process meanwhile (the computation, and whatever else ran then). */
    readonly cpuMs = NaN,
  ) {}

  get count(): number {
    return this.summaries.length;
  }

  /** The full status (steps with their lines, timings) of the i-th chat or agent. */
  status(i: number): SubjectStatus {
    let st = this.cache.get(i);
    if (st) {
      this.cache.delete(i);
      this.cache.set(i, st);
      return st;
    }
    st = evaluate(this.query, this.marks, this.list[i], true).status;
    this.cache.set(i, st);
    if (this.cache.size > STATUS_CACHE) this.cache.delete(this.cache.keys().next().value as number);
    return st;
  }

  /** Every chat and agent with its full status (the command-line tool, tests): builds them all. */
  get subjects(): SubjectStatus[] {
    return this.summaries.map((_s, i) => this.status(i));
  }

  /** Index of the chat or agent one of whose names is `keyId`, or -1. */
  indexOfKey(keyId: number): number {
    if (!this.byName) {
      this.byName = new Map();
      this.list.forEach((s, i) => {
        for (const k of s.members) if (!this.byName!.has(k)) this.byName!.set(k, i);
      });
    }
    return this.byName.get(keyId) ?? -1;
  }

  /** Indexes of the broken chats and agents whose last line is in the file `uri`. */
  brokenIn(uri: string): number[] {
    if (!this.byUri) {
      this.byUri = new Map();
      this.summaries.forEach((s, i) => {
        if (s.outcome !== 'broken' || s.brokenStep < 0 || s.lastFileId < 0) return;
        const u = this.query.file(s.lastFileId)?.uri;
        if (u === undefined) return;
        const l = this.byUri!.get(u);
        if (l) l.push(i);
        else this.byUri!.set(u, [i]);
      });
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
  const texts = new Map<number, string>();
  const textOf = (k: number): string => {
    let t = texts.get(k);
    if (t === undefined) texts.set(k, (t = query.keyText(k)));
    return t;
  };
  const marks = collectMarks(query, flows);
  attachNames(query, marks);
  const subjects = findSubjects(query, flows, marks);
  const list: Subject[] = [];
  // Per flow, per step, its marker lines with an instant, by instant (for the steps tied by time); and
  // where the logs end for a subject: the latest marker of this flow in the files that name it. A bundle
  // holds logs of other days and products (a voice call a year later must not make every chat stale).
  const byStepOf: number[][][] = flows.map((flow) => flow.def.steps.map(() => []));
  const fileEndOf: Array<Map<number, number>> = flows.map(() => new Map());
  for (let i = 0; i < marks.count; i++) {
    const t = marks.instant[i];
    if (Number.isNaN(t)) continue;
    const flowIndex = marks.markerFlow[marks.marker[i]];
    byStepOf[flowIndex][marks.markers[marks.marker[i]].stepIndex].push(i);
    const fileEnd = fileEndOf[flowIndex];
    const f = marks.fileId[i];
    if (!(t <= (fileEnd.get(f) ?? -Infinity))) fileEnd.set(f, t);
  }
  subjectLines(query, flows, subjects, options.logsEnd === undefined ? fileEndOf : undefined);
  flows.forEach((flow, flowIndex) => {
    const own = subjects.filter((s) => s.flowIndex === flowIndex);
    if (own.length === 0) return;
    const byStep = byStepOf[flowIndex];
    const fileEnd = fileEndOf[flowIndex];
    for (const l of byStep) l.sort((a, b) => marks.instant[a] - marks.instant[b]);
    attachByFile(flow, flowIndex, own, marks);
    const timed = flow.def.steps.some((st) => st.attach?.by === 'time');
    for (const s of own) {
      s.marks = s.markList;
      s.lines = undefined;
      if (options.logsEnd !== undefined) s.logsEnd = options.logsEnd;
      else {
        // s.logsEnd holds the latest end of the files naming it (subjectLines); then the files of its marks.
        let logsEnd = s.logsEnd;
        let lastFile = -1;
        for (const m of s.marks) {
          const f = marks.fileId[m];
          if (f === lastFile) continue;
          lastFile = f;
          const e = fileEnd.get(f);
          if (e !== undefined && e > logsEnd) logsEnd = e;
        }
        s.logsEnd = logsEnd;
      }
      s.picks = timed ? pickTimed(marks, s, byStep) : NO_PICKS;
      list.push(s);
    }
  });
  const summaries = list.map((s) => {
    const core = outcomeOf(marks, s);
    const id = textOf(s.keyId);
    const start = iso(s.first);
    // Built field by field (the same order of keys as a literal with optional spreads, at less cost).
    const summary = {
      id,
      kind: s.flow.def.subject.kind,
      label: labelOf(id),
      outcome: core.outcome,
      brokenStep: core.brokenStep,
    } as SubjectSummary;
    if (core.firstBroken) summary.firstBroken = core.firstBroken;
    summary.flowTitle = s.flow.def.title;
    summary.lastFileId = core.last >= 0 ? marks.fileId[core.last] : -1;
    summary.lastLine = core.last >= 0 ? marks.line[core.last] : -1;
    if (start) summary.start = start;
    return { summary, s };
  });
  summaries.sort(
    (a, b) =>
      (a.summary.kind < b.summary.kind ? -1 : a.summary.kind > b.summary.kind ? 1 : 0) ||
      cmp(a.summary.start ?? '', b.summary.start ?? '') ||
      cmp(a.summary.id, b.summary.id),
  );
  // The names of the marked records stay (about 13 MB for 1.25 million marker lines): a subject's details are
  // worked out from them when its full status is asked.
  return new FlowsSnapshot(
    query,
    marks,
    summaries.map((x) => x.s),
    summaries.map((x) => x.summary),
    Date.now() - t0,
    cpuMsSince(cpu0),
  );
}

const EMPTY_INTS = new Int32Array(0);

function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** The order `localeCompare` gives, at a fraction of its cost per call. */
const collator = new Intl.Collator();
function cmp(a: string, b: string): number {
  return collator.compare(a, b);
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
  const perFile = new Map<number, number[]>();
  for (const { marker, set } of sets)
    for (let i = 0; i < set.count; i++, at++) {
      m.fileId[at] = set.fileIds[i];
      m.line[at] = set.lines[i];
      m.span[at] = Math.max(1, set.length(i));
      m.instant[at] = set.instants[i];
      m.marker[at] = marker;
      let l = perFile.get(set.fileIds[i]);
      if (!l) perFile.set(set.fileIds[i], (l = []));
      l.push(at);
    }
  for (const [fileId, l] of perFile) {
    l.sort((a, b) => m.line[a] - m.line[b]);
    m.byFile.set(fileId, Int32Array.from(l));
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
  for (const [fileId, list] of marks.byFile) {
    const from = marks.line[list[0]];
    let to = from;
    for (const x of list) to = Math.max(to, marks.line[x] + marks.span[x]);
    // Per line of [from, to), the first mark of the last group of marks starting at or before it.
    const cover = new Int32Array(to - from).fill(-1);
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

function findSubjects(query: IndexQuery, flows: readonly CompiledFlow[], marks: Marks): Subject[] {
  const out: Subject[] = [];
  // Caches indexed by key id (every name of a marked record, and every entity root, is at most maxKey).
  let maxKey = 0;
  for (const k of marks.namesKeys) if (k > maxKey) maxKey = k;
  const entities: Array<{ root: number; members: number[] } | undefined> = [];
  const entityAt = new Int32Array(maxKey + 1).fill(-1);
  const entityOf = (k: number) => {
    const at = entityAt[k];
    if (at >= 0) return entities[at]!;
    const members = query.entityKeys(k);
    let root = members[0];
    for (const x of members) if (x < root) root = x;
    const e = { root, members };
    entities.push(e);
    for (const x of members) if (x <= maxKey) entityAt[x] = entities.length - 1;
    return e;
  };
  /** The member of an entity that makes it a subject of `flow`: the first of the flow's prefixes it has. */
  const subjectKey = (flow: CompiledFlow, members: number[]): number => {
    for (const p of flow.def.subject.keyPrefixes) for (const m of members) if (query.keyHasPrefix(m, p)) return m;
    return -1;
  };
  // Per flow: subject key of an entity root (-1: none), the subject of a root, the owners of a `via` root.
  const keyOfRoot = flows.map(() => new Int32Array(maxKey + 1).fill(-2));
  const subjectOfRoot = flows.map(() => new Map<number, Subject>());
  const viaOwners = flows.map(() => new Map<number, Set<Subject>>());
  const pendingVia: Array<{ m: number; fi: number; viaRoots: number[] }> = [];
  const isValue = new Int8Array(maxKey + 1).fill(-1); // 1: a captured value, 0: a name
  // Per marker: whether its step is tied by the names of its records.
  const bySubject = marks.markers.map(
    (marker, i) => (flows[marks.markerFlow[i]].def.steps[marker.stepIndex].attach?.by ?? 'subject') === 'subject',
  );
  // Reused per mark (copied when kept).
  const named: Subject[] = [];
  const viaRoots: number[] = [];
  for (let m = 0; m < marks.count; m++) {
    if (!bySubject[marks.marker[m]]) continue;
    const fi = marks.markerFlow[marks.marker[m]];
    const flow = flows[fi];
    named.length = 0;
    viaRoots.length = 0;
    for (let j = marks.namesStart[m]; j < marks.namesStart[m + 1]; j++) {
      const k = marks.namesKeys[j];
      if (isValue[k] < 0) isValue[k] = query.keyHasPrefix(k, VALUE_PREFIX) ? 1 : 0;
      if (isValue[k] === 1) continue;
      const e = entityOf(k);
      let sk = keyOfRoot[fi][e.root];
      if (sk === -2) keyOfRoot[fi][e.root] = sk = subjectKey(flow, e.members);
      if (sk >= 0) {
        let s = subjectOfRoot[fi].get(e.root);
        if (!s) {
          s = {
            flow,
            flowIndex: fi,
            root: e.root,
            keyId: sk,
            members: e.members,
            markList: [],
            lastMark: -1,
            marks: [],
            picks: NO_PICKS,
            first: Infinity,
            last: -Infinity,
            logsEnd: -Infinity,
            formats: NO_FORMATS,
            lines: undefined,
          };
          subjectOfRoot[fi].set(e.root, s);
          out.push(s);
        }
        if (s.lastMark !== m) {
          s.markList.push(m);
          s.lastMark = m;
          named.push(s);
        }
      } else if (flow.def.subject.via?.some((p) => query.keyHasPrefix(k, p))) viaRoots.push(e.root);
    }
    if (named.length > 0)
      for (const r of viaRoots) {
        let owners = viaOwners[fi].get(r);
        if (!owners) viaOwners[fi].set(r, (owners = new Set()));
        for (const s of named) owners.add(s);
      }
    else if (viaRoots.length > 0) pendingVia.push({ m, fi, viaRoots: [...viaRoots] });
  }
  // Records naming only an InvokeID (MEDIA_LOGIN_RESP) go to whoever another record with it names.
  for (const { m, fi, viaRoots } of pendingVia)
    for (const r of viaRoots)
      for (const s of viaOwners[fi].get(r) ?? [])
        if (s.lastMark !== m) {
          s.markList.push(m);
          s.lastMark = m;
        }
  return out;
}

/**
 * In one pass over the postings of the subjects' names: each subject's first and last instants, the
 * formats of its files, the latest end of its flow's markers in those files (`fileEndOf`, when given,
 * into `logsEnd`) and, for the flows with steps tied by file only, its lines per file.
 */
function subjectLines(
  query: IndexQuery,
  flows: readonly CompiledFlow[],
  subjects: readonly Subject[],
  fileEndOf: ReadonlyArray<Map<number, number>> | undefined,
): void {
  // The subjects each key names, indexed by key id (a counting sort of the pairs).
  let maxKey = -1;
  for (const s of subjects) for (const k of s.members) if (k > maxKey) maxKey = k;
  const ownStart = new Int32Array(maxKey + 2);
  const named = new Uint8Array(maxKey + 1);
  for (const s of subjects)
    for (const k of s.members) {
      if (query.keyHasPrefix(k, '~')) continue;
      ownStart[k + 1]++;
      named[k] = 1;
    }
  for (let k = 0; k <= maxKey; k++) ownStart[k + 1] += ownStart[k];
  const owners = new Int32Array(ownStart[maxKey + 1]);
  const fill = ownStart.slice(0, maxKey + 1);
  subjects.forEach((s, i) => {
    for (const k of s.members) if (named[k]) owners[fill[k]++] = i;
  });
  const byFile = flows.map((flow) => flow.def.steps.some((st) => st.attach?.by === 'file'));
  const formatSets = new Map<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();
  const noFormats: ReadonlySet<string> = new Set();
  /** The shared set of `set`'s formats and `format`. */
  const withFormat = (set: ReadonlySet<string>, format: string): ReadonlySet<string> => {
    if (set.has(format)) return set;
    let next = formatSets.get(set);
    if (!next) formatSets.set(set, (next = new Map()));
    let out = next.get(format);
    if (!out) next.set(format, (out = new Set([...set, format])));
    return out;
  };
  for (const s of subjects) {
    s.formats = noFormats;
    if (byFile[s.flowIndex]) s.lines = new Map();
  }
  // Postings come per file, then per key: each subject's file and list of lines for the last file.
  const curFile = new Int32Array(subjects.length).fill(-1);
  const curLines: Array<number[] | undefined> = new Array<number[] | undefined>(subjects.length);
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
      let first = Infinity;
      let last = -Infinity;
      for (let p = 0; p < run.count; p++) {
        const instant = run.instant(p);
        if (instant < first) first = instant;
        if (instant > last) last = instant;
      }
      for (let j = from; j < to; j++) {
        const i = owners[j];
        const s = subjects[i];
        if (curFile[i] !== fileId) {
          curFile[i] = fileId;
          if (s.lines) {
            let l = s.lines.get(fileId);
            if (!l) s.lines.set(fileId, (l = []));
            curLines[i] = l;
          }
          if (format) s.formats = withFormat(s.formats, format);
          if (fileEndOf) {
            const e = fileEndOf[s.flowIndex].get(fileId);
            if (e !== undefined && e > s.logsEnd) s.logsEnd = e;
          }
        }
        if (s.lines) {
          const l = curLines[i]!;
          for (let p = 0; p < run.count; p++) l.push(run.line(p));
        }
        if (first < s.first) s.first = first;
        if (last > s.last) s.last = last;
      }
    },
  );
  for (const s of subjects) if (s.lines) for (const l of s.lines.values()) l.sort((a, b) => a - b);
}

/** Marker lines of `file` steps naming no subject go to the subject with the nearest line in the same file. */
function attachByFile(flow: CompiledFlow, flowIndex: number, subjects: Subject[], marks: Marks): void {
  if (!flow.def.steps.some((st) => st.attach?.by === 'file')) return;
  const owned = new Uint8Array(marks.count);
  for (const s of subjects) for (const m of s.markList) owned[m] = 1;
  for (const [fileId, list] of marks.byFile) {
    const wanted: number[] = [];
    for (const m of list) {
      if (marks.markerFlow[marks.marker[m]] !== flowIndex || owned[m]) continue;
      if (flow.def.steps[marks.markers[marks.marker[m]].stepIndex].attach?.by === 'file') wanted.push(m);
    }
    if (wanted.length === 0) continue;
    // The subjects' lines in this file, ascending.
    const lines: Array<{ line: number; s: Subject }> = [];
    for (const s of subjects) for (const l of s.lines?.get(fileId) ?? []) lines.push({ line: l, s });
    if (lines.length === 0) continue;
    lines.sort((a, b) => a.line - b.line);
    for (const m of wanted) {
      const attach = flow.def.steps[marks.markers[marks.marker[m]].stepIndex].attach as {
        by: 'file';
        maxLines: number;
      };
      const line = marks.line[m];
      let lo = 0;
      let hi = lines.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (lines[mid].line <= line) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const before = at >= 0 ? lines[at] : undefined;
      const after = at + 1 < lines.length ? lines[at + 1] : undefined;
      const pick =
        before && line - before.line <= attach.maxLines
          ? before
          : after && after.line - line <= attach.maxLines
            ? after
            : undefined;
      if (pick) pick.s.markList.push(m);
    }
  }
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

/** The steps tied by time (in step order, an anchor step first): the marker line each picks, or -1. */
function pickTimed(marks: Marks, s: Subject, byStep: number[][]): Int32Array {
  const flow = s.flow;
  const steps = flow.def.steps;
  const perStep = perStepOf(marks, s);
  const picks = new Int32Array(steps.length).fill(-1);
  const stepInstant = (i: number): number => {
    let t = NaN;
    for (const m of perStep[i]) {
      if (marks.markers[marks.marker[m]].failure || Number.isNaN(marks.instant[m])) continue;
      if (!(marks.instant[m] >= t)) t = marks.instant[m];
    }
    return t;
  };
  steps.forEach((step, i) => {
    const a = step.attach;
    if (a?.by !== 'time') return;
    const anchorIdx = a.relativeTo !== undefined ? flow.stepIndex.get(a.relativeTo) : undefined;
    let anchor = anchorIdx !== undefined ? stepInstant(anchorIdx) : NaN;
    if (Number.isNaN(anchor)) anchor = s.first;
    if (!Number.isFinite(anchor)) return;
    const lo = anchor + a.fromMs;
    const hi = anchor + a.toMs;
    const list = byStep[i];
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
    for (let k = l0; k < list.length && marks.instant[list[k]] <= hi; k++) {
      const m = list[k];
      if (best < 0 || a.toMs <= 0 || Math.abs(marks.instant[m] - anchor) < Math.abs(marks.instant[best] - anchor))
        best = m;
      if (a.fromMs >= 0) break;
    }
    if (best >= 0) {
      picks[i] = best;
      perStep[i].push(best);
    }
  });
  return picks;
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

/**
 * The outcome alone (what the list shows of every chat and agent): the same rules as `evaluate`, on
 * the step states, without an object per step.
 */
let scratchStates = new Uint8Array(32);
let scratchFailing = new Int32Array(32);
let scratchSeen = new Uint8Array(32);

function outcomeOf(marks: Marks, s: Subject): Omit<Evaluated, 'status'> {
  const steps = s.flow.def.steps;
  const n = steps.length;
  if (scratchStates.length < n) {
    scratchStates = new Uint8Array(n);
    scratchFailing = new Int32Array(n);
    scratchSeen = new Uint8Array(n);
  }
  // Reused between calls (nothing below keeps them): per step, its state, its first failing mark, seen.
  const states = scratchStates;
  const failingAt = scratchFailing;
  const seenAt = scratchSeen;
  failingAt.fill(-1, 0, n);
  seenAt.fill(0, 0, n);
  // The marks of each step, tied to it then picked by time, in the order `evaluate` lists them.
  const visit = (m: number): void => {
    const mk = marks.markers[marks.marker[m]];
    const i = mk.stepIndex;
    if (mk.failure) {
      const failing = failingAt[i];
      if (
        failing < 0 ||
        (marks.instant[m] || 0) - (marks.instant[failing] || 0) < 0 ||
        ((marks.instant[m] || 0) === (marks.instant[failing] || 0) && marks.line[m] < marks.line[failing])
      )
        failingAt[i] = m;
    } else seenAt[i] = 1;
  };
  for (const m of s.marks) visit(m);
  for (let i = 0; i < s.picks.length; i++) if (s.picks[i] >= 0) visit(s.picks[i]);
  for (let i = 0; i < n; i++) {
    const step = steps[i];
    const failing = failingAt[i];
    let seen = seenAt[i] === 1;
    if (step.requires) {
      seen = false;
      if (failing < 0) {
        const seenIds = new Set<string>();
        const add = (m: number): void => {
          const mk = marks.markers[marks.marker[m]];
          if (mk.stepIndex === i && !mk.failure) seenIds.add(mk.def.id);
        };
        for (const m of s.marks) add(m);
        if (s.picks[i] >= 0) add(s.picks[i]);
        seen = step.requires.every((r) => seenIds.has(r));
      }
    }
    let state = failing >= 0 ? FAILED : seen ? SEEN : step.optional ? OPTIONAL_MISSING : MISSING;
    if (
      state === MISSING &&
      !step.markers.some((m) => s.formats.has(m.format)) &&
      (step.attach?.by ?? 'subject') !== 'time'
    )
      state = OPTIONAL_MISSING;
    states[i] = state;
  }
  let lastSeen = -1;
  let failed = -1;
  let tail = -1;
  for (let i = 0; i < n; i++) {
    if (states[i] === SEEN || states[i] === FAILED) lastSeen = i;
    if (failed < 0 && states[i] === FAILED) failed = i;
    if (tail < 0 && states[i] === MISSING) tail = i;
  }
  let skipped = -1;
  for (let i = 0; i < lastSeen; i++)
    if (states[i] === MISSING) {
      skipped = i;
      break;
    }
  let outcome: FlowOutcome = 'complete';
  let broken = failed >= 0 ? failed : skipped;
  if (failed >= 0 && skipped >= 0 && skipped < failed) broken = skipped;
  if (broken >= 0) outcome = 'broken';
  else if (tail >= 0) {
    if (Number.isFinite(s.last) && Number.isFinite(s.logsEnd) && s.logsEnd - s.last > s.flow.def.idleMs) {
      outcome = 'broken';
      broken = tail;
    } else outcome = 'in-progress';
  }
  let last = -1;
  for (const m of s.marks)
    if (!Number.isNaN(marks.instant[m]) && (last < 0 || marks.instant[m] >= marks.instant[last])) last = m;
  if (last < 0 && s.marks.length > 0) last = s.marks[0];
  if (broken < 0) return { outcome, brokenStep: -1, last };
  const step = steps[broken];
  const meaning = failingAt[broken] >= 0 ? marks.markers[marks.marker[failingAt[broken]]].def.meaning : undefined;
  const firstBroken: FlowStatus['firstBroken'] = {
    stepId: step.id,
    number: broken + 1,
    title: step.title,
    state: STATE_NAMES[states[broken]],
    hint: step.hint,
    ...(meaning ? { meaning } : {}),
  };
  return { outcome, brokenStep: broken, firstBroken, last };
}

function evaluate(query: IndexQuery, marks: Marks, s: Subject, full: boolean): Evaluated {
  const flow = s.flow;
  const steps = flow.def.steps;
  if (!full) return { ...outcomeOf(marks, s), status: undefined as unknown as SubjectStatus };
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
      names: s.members.map((k) => query.keyText(k)).filter((t) => !t.startsWith('~')),
      details: detailsOf(marks, s, (k) => query.keyText(k)),
      ...(start ? { start } : {}),
      flows: [fs],
      outcome,
    },
  };
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
