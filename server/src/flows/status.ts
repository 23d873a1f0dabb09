/**
 * Flow status per chat and per agent, from the index alone: the postings of the flow markers
 * (marks.ts) say which records mark which step, the postings of other keys on those records say
 * which chat or agent each record names, and the entities (aliases) join a chat's room, session and
 * contact id, or an agent's ICM id, ECE user and peripheral number. No log text is read again.
 *
 * A marker line is tied to a chat or agent as its step says (`attach`): the record names it (or an
 * InvokeID its other records name), the nearest line of it in the same file (browser console,
 * rttest), or the marker line nearest in time to another of its steps (the widget configuration
 * fetched before the chat was created, the entry point asked after the agent became ready).
 */
import { LINE_MASK, NO_TIME } from '../index/segment';
import type { WorkspaceIndex } from '../index/workspaceIndex';
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

interface MarkLine {
  fileId: number;
  line: number;
  span: number;
  instant: number;
  marker: CompiledMarker;
  flow: CompiledFlow;
  /** Keys (names and captured values) the record holds. */
  names: number[];
}

interface Subject {
  flow: CompiledFlow;
  root: number;
  keyId: number;
  members: number[];
  marks: Set<MarkLine>;
}

export interface FlowsSnapshot {
  subjects: SubjectStatus[];
  /** Per subject id, the lines of its steps (for diagnostics on a file). */
  computedAt: number;
  /** Milliseconds the computation took. */
  ms: number;
}

export interface StatusOptions {
  /**
   * Instant the logs end at (ms); default, per subject, the latest marker instant of its flow in the files
   * that name it.
   */
  logsEnd?: number;
}

export function computeFlowStatus(
  index: WorkspaceIndex,
  flows: readonly CompiledFlow[],
  options: StatusOptions = {},
): FlowsSnapshot {
  const t0 = Date.now();
  const texts = new Map<number, string>();
  const textOf = (k: number): string => {
    let t = texts.get(k);
    if (t === undefined) texts.set(k, (t = index.keys.text(k)));
    return t;
  };
  const markLines = collectMarkLines(index, flows);
  attachNames(index, markLines, textOf);
  const subjects = findSubjects(index, markLines, textOf);
  const out: SubjectStatus[] = [];
  const uriOf = (fileId: number) => index.file(fileId)?.uri ?? '';
  for (const flow of flows) {
    const own = [...subjects.values()].filter((s) => s.flow === flow);
    if (own.length === 0) continue;
    const flowMarks = markLines.all.filter((m) => m.flow === flow);
    // Per step, its marker lines with an instant, by instant (for the steps tied by time).
    const byStep: MarkLine[][] = flow.def.steps.map(() => []);
    for (const m of flowMarks) if (!Number.isNaN(m.instant)) byStep[m.marker.stepIndex].push(m);
    for (const l of byStep) l.sort((a, b) => a.instant - b.instant);
    // Where the logs end for a subject: the latest marker of this flow in the files that name it. A bundle
    // holds logs of other days and products (a voice call a year later must not make every chat stale).
    const fileEnd = new Map<number, number>();
    for (const m of flowMarks)
      if (!Number.isNaN(m.instant) && !(m.instant <= (fileEnd.get(m.fileId) ?? -Infinity)))
        fileEnd.set(m.fileId, m.instant);
    const info = subjectInfos(index, own, textOf);
    attachByFile(flow, own, info, markLines);
    for (const s of own) {
      const si = info.get(s)!;
      let logsEnd = -Infinity;
      if (options.logsEnd !== undefined) logsEnd = options.logsEnd;
      else
        for (const fileId of new Set([...si.lines.keys(), ...[...s.marks].map((m) => m.fileId)]))
          logsEnd = Math.max(logsEnd, fileEnd.get(fileId) ?? -Infinity);
      out.push(evaluate(index, s, si, byStep, logsEnd, uriOf));
    }
  }
  out.sort(
    (a, b) => a.kind.localeCompare(b.kind) || (a.start ?? '').localeCompare(b.start ?? '') || a.id.localeCompare(b.id),
  );
  return { subjects: out, computedAt: Date.now(), ms: Date.now() - t0 };
}

interface MarkLines {
  all: MarkLine[];
  /** Per file, sorted by line. */
  byFile: Map<number, MarkLine[]>;
}

function collectMarkLines(index: WorkspaceIndex, flows: readonly CompiledFlow[]): MarkLines {
  const all: MarkLine[] = [];
  for (const flow of flows)
    for (const marker of flow.markers) {
      const id = index.keyId(marker.key);
      if (id < 0) continue;
      const set = index.collect([id], MAX_MARK_HITS);
      for (let i = 0; i < set.count; i++)
        all.push({
          fileId: set.fileIds[i],
          line: set.lines[i],
          span: Math.max(1, set.length(i)),
          instant: set.instants[i],
          marker,
          flow,
          names: [],
        });
    }
  const byFile = new Map<number, MarkLine[]>();
  for (const m of all) {
    let l = byFile.get(m.fileId);
    if (!l) byFile.set(m.fileId, (l = []));
    l.push(m);
  }
  for (const l of byFile.values()) l.sort((a, b) => a.line - b.line);
  return { all, byFile };
}

/** One pass over the postings of files holding marker lines: the keys each marked record names. */
function attachNames(index: WorkspaceIndex, marks: MarkLines, textOf: (k: number) => string): void {
  const isMark = (k: number): boolean => textOf(k).startsWith(MARK_PREFIX);
  for (const [fileId, list] of marks.byFile) {
    const f = index.file(fileId);
    if (!f) continue;
    const starts = list.map((m) => m.line);
    for (const seg of f.segments) {
      if (seg.endLine <= starts[0] || seg.firstLine > starts[starts.length - 1] + 4096) continue;
      for (let j = 0; j < seg.keyIds.length; j++) {
        const k = seg.keyIds[j];
        if (isMark(k)) continue;
        for (let i = seg.keyStart[j]; i < seg.keyStart[j + 1]; i++) {
          const line = seg.lines[i] & LINE_MASK;
          // The last marker line starting at or before `line`, and every marker of that record.
          let lo = 0;
          let hi = starts.length - 1;
          let at = -1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            if (starts[mid] <= line) {
              at = mid;
              lo = mid + 1;
            } else hi = mid - 1;
          }
          for (let x = at; x >= 0 && starts[x] === starts[at]; x--) {
            const m = list[x];
            if (line < m.line + m.span && !m.names.includes(k)) m.names.push(k);
          }
        }
      }
    }
  }
}

function findSubjects(index: WorkspaceIndex, marks: MarkLines, textOf: (k: number) => string): Map<string, Subject> {
  const subjects = new Map<string, Subject>();
  const rootCache = new Map<number, { root: number; members: number[] }>();
  const entityOf = (k: number) => {
    let e = rootCache.get(k);
    if (!e) {
      const members = index.entityKeys(k);
      e = { root: Math.min(...members), members };
      for (const m of members) rootCache.set(m, e);
    }
    return e;
  };
  /** The member of an entity that makes it a subject of `flow`: the first of the flow's prefixes it has. */
  const subjectKey = (flow: CompiledFlow, members: number[]): number => {
    for (const p of flow.def.subject.keyPrefixes) for (const m of members) if (textOf(m).startsWith(p)) return m;
    return -1;
  };
  const keyCache = new Map<string, number>();
  const viaOwners = new Map<string, Set<Subject>>();
  const pendingVia: Array<{ m: MarkLine; viaRoots: number[] }> = [];
  for (const m of marks.all) {
    const attach = m.flow.def.steps[m.marker.stepIndex].attach?.by ?? 'subject';
    if (attach !== 'subject') continue;
    const named = new Set<Subject>();
    const viaRoots: number[] = [];
    for (const k of m.names) {
      const text = textOf(k);
      if (text.startsWith(VALUE_PREFIX)) continue;
      const e = entityOf(k);
      const ck = `${m.flow.def.id}|${e.root}`;
      let sk = keyCache.get(ck);
      if (sk === undefined) keyCache.set(ck, (sk = subjectKey(m.flow, e.members)));
      if (sk >= 0) {
        const id = `${m.flow.def.id}|${e.root}`;
        let s = subjects.get(id);
        if (!s) subjects.set(id, (s = { flow: m.flow, root: e.root, keyId: sk, members: e.members, marks: new Set() }));
        s.marks.add(m);
        named.add(s);
      } else if (m.flow.def.subject.via?.some((p) => text.startsWith(p))) viaRoots.push(e.root);
    }
    if (named.size > 0)
      for (const r of viaRoots) {
        const key = `${m.flow.def.id}|${r}`;
        let owners = viaOwners.get(key);
        if (!owners) viaOwners.set(key, (owners = new Set()));
        for (const s of named) owners.add(s);
      }
    else if (viaRoots.length > 0) pendingVia.push({ m, viaRoots });
  }
  // Records naming only an InvokeID (MEDIA_LOGIN_RESP) go to whoever another record with it names.
  for (const { m, viaRoots } of pendingVia)
    for (const r of viaRoots) for (const s of viaOwners.get(`${m.flow.def.id}|${r}`) ?? []) s.marks.add(m);
  return subjects;
}

interface SubjectInfo {
  /** Per file id, the subject's lines, ascending. */
  lines: Map<number, number[]>;
  formats: Set<string>;
  first: number;
  last: number;
}

/** Lines, files and instants of every subject, in one pass over the postings of every file. */
function subjectInfos(
  index: WorkspaceIndex,
  subjects: Iterable<Subject>,
  textOf: (k: number) => string,
): Map<Subject, SubjectInfo> {
  const infos = new Map<Subject, SubjectInfo>();
  const byKey = new Map<number, SubjectInfo[]>();
  for (const s of subjects) {
    const info: SubjectInfo = { lines: new Map(), formats: new Set(), first: Infinity, last: -Infinity };
    infos.set(s, info);
    for (const k of s.members) {
      if (textOf(k).startsWith('~')) continue;
      const l = byKey.get(k);
      if (l) l.push(info);
      else byKey.set(k, [info]);
    }
  }
  for (const f of index.allFiles()) {
    for (const seg of f.segments) {
      for (let j = 0; j < seg.keyIds.length; j++) {
        const owners = byKey.get(seg.keyIds[j]);
        if (!owners) continue;
        for (const info of owners) {
          let lines = info.lines.get(f.id);
          if (!lines) {
            info.lines.set(f.id, (lines = []));
            if (f.formatId) info.formats.add(f.formatId);
          }
          for (let i = seg.keyStart[j]; i < seg.keyStart[j + 1]; i++) {
            lines.push(seg.lines[i] & LINE_MASK);
            const t = seg.times[i];
            if (t === NO_TIME) continue;
            const instant = seg.timeBase + t * seg.timeScale;
            if (instant < info.first) info.first = instant;
            if (instant > info.last) info.last = instant;
          }
        }
      }
    }
  }
  for (const info of infos.values()) for (const l of info.lines.values()) l.sort((a, b) => a - b);
  return infos;
}

/** Marker lines of `file` steps naming no subject go to the subject with the nearest line in the same file. */
function attachByFile(
  flow: CompiledFlow,
  subjects: Subject[],
  info: Map<Subject, SubjectInfo>,
  marks: MarkLines,
): void {
  const owned = new Set<MarkLine>();
  for (const s of subjects) for (const m of s.marks) owned.add(m);
  for (const [fileId, list] of marks.byFile) {
    const wanted = list.filter(
      (m) => m.flow === flow && !owned.has(m) && flow.def.steps[m.marker.stepIndex].attach?.by === 'file',
    );
    if (wanted.length === 0) continue;
    // The subjects' lines in this file, ascending.
    const lines: Array<{ line: number; s: Subject }> = [];
    for (const s of subjects) for (const l of info.get(s)?.lines.get(fileId) ?? []) lines.push({ line: l, s });
    if (lines.length === 0) continue;
    lines.sort((a, b) => a.line - b.line);
    for (const m of wanted) {
      const attach = flow.def.steps[m.marker.stepIndex].attach as { by: 'file'; maxLines: number };
      let lo = 0;
      let hi = lines.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (lines[mid].line <= m.line) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const before = at >= 0 ? lines[at] : undefined;
      const after = at + 1 < lines.length ? lines[at + 1] : undefined;
      const pick =
        before && m.line - before.line <= attach.maxLines
          ? before
          : after && after.line - m.line <= attach.maxLines
            ? after
            : undefined;
      if (pick) pick.s.marks.add(m);
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

function evaluate(
  index: WorkspaceIndex,
  s: Subject,
  info: SubjectInfo,
  byStep: MarkLine[][],
  logsEnd: number,
  uriOf: (fileId: number) => string,
): SubjectStatus {
  const flow = s.flow;
  const steps = flow.def.steps;
  const perStep: MarkLine[][] = steps.map(() => []);
  for (const m of s.marks) perStep[m.marker.stepIndex].push(m);
  const stepInstant = (i: number): number => {
    const seen = perStep[i].filter((m) => !m.marker.failure && !Number.isNaN(m.instant));
    return seen.length ? Math.min(...seen.map((m) => m.instant)) : NaN;
  };
  // Steps tied by time, in step order (an anchor step comes first or is tied by name).
  steps.forEach((step, i) => {
    const a = step.attach;
    if (a?.by !== 'time') return;
    const anchorIdx = a.relativeTo !== undefined ? flow.stepIndex.get(a.relativeTo) : undefined;
    let anchor = anchorIdx !== undefined ? stepInstant(anchorIdx) : NaN;
    if (Number.isNaN(anchor)) anchor = info.first;
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
      if (list[mid].instant < lo) l0 = mid + 1;
      else h0 = mid;
    }
    let best: MarkLine | undefined;
    for (let k = l0; k < list.length && list[k].instant <= hi; k++) {
      const m = list[k];
      if (!best || a.toMs <= 0 || Math.abs(m.instant - anchor) < Math.abs(best.instant - anchor)) best = m;
      if (a.fromMs >= 0) break;
    }
    if (best) perStep[i].push(best);
  });
  const toLine = (m: MarkLine): StepLine => ({
    uri: uriOf(m.fileId),
    line: m.line,
    ...(iso(m.instant) ? { instant: iso(m.instant) } : {}),
    marker: m.marker.def.id,
    failure: m.marker.failure,
  });
  const statuses: StepStatus[] = steps.map((step, i) => {
    const lines = [...perStep[i]].sort((a, b) => (a.instant || 0) - (b.instant || 0) || a.line - b.line);
    const failing = lines.find((m) => m.marker.failure);
    const seenIds = new Set(lines.filter((m) => !m.marker.failure).map((m) => m.marker.def.id));
    const seen = step.requires ? step.requires.every((r) => seenIds.has(r)) : seenIds.size > 0;
    const state: StepStatus['state'] = failing
      ? 'failed'
      : seen
        ? 'seen'
        : step.optional
          ? 'optional-missing'
          : 'missing';
    const first = failing ?? lines.find((m) => !m.marker.failure);
    const st: StepStatus = {
      stepId: step.id,
      number: i + 1,
      title: step.title,
      where: step.where,
      state,
      lines: lines.map(toLine),
    };
    if (first && iso(first.instant)) st.instant = iso(first.instant);
    if (state !== 'seen') st.hint = step.hint;
    if (failing?.marker.def.meaning) st.meaning = failing.marker.def.meaning;
    // A step whose logs hold no line of this chat or agent is not evidence of a break.
    if (
      state === 'missing' &&
      !step.markers.some((m) => info.formats.has(m.format)) &&
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
    if (Number.isFinite(info.last) && Number.isFinite(logsEnd) && logsEnd - info.last > flow.def.idleMs) {
      outcome = 'broken';
      broken = tail;
    } else outcome = 'in-progress';
  }
  const timings: FlowStatus['timings'] = [];
  const endpoint = (ref: string): number => {
    const [stepId, markerId] = ref.split('/');
    const i = flow.stepIndex.get(stepId);
    if (i === undefined) return NaN;
    const ms = perStep[i].filter(
      (m) => !m.marker.failure && (!markerId || m.marker.def.id === markerId) && !Number.isNaN(m.instant),
    );
    return ms.length ? Math.min(...ms.map((m) => m.instant)) : NaN;
  };
  for (const t of flow.def.timings ?? []) {
    const a = endpoint(t.from);
    const b = endpoint(t.to);
    if (!Number.isNaN(a) && !Number.isNaN(b)) timings.push({ label: t.label, ms: b - a });
  }
  const allLines = [...s.marks].filter((m) => !Number.isNaN(m.instant)).sort((a, b) => a.instant - b.instant);
  const last = allLines[allLines.length - 1] ?? [...s.marks][0];
  const fs: FlowStatus = { flowId: flow.def.id, title: flow.def.title, outcome, steps: statuses, timings };
  if (broken)
    fs.firstBroken = {
      stepId: broken.stepId,
      number: broken.number,
      title: broken.title,
      state: broken.state,
      hint: steps[broken.number - 1].hint,
      ...(broken.meaning ? { meaning: broken.meaning } : {}),
    };
  if (last) fs.lastLine = toLine(last);
  return {
    id: index.keys.text(s.keyId),
    kind: flow.def.subject.kind,
    label: labelOf(index.keys.text(s.keyId)),
    names: s.members.map((k) => index.keys.text(k)).filter((t) => !t.startsWith('~')),
    details: detailsOf(index, s),
    ...(iso(info.first) ? { start: iso(info.first) } : {}),
    flows: [fs],
    outcome,
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

/** Captured values and names of other kinds on the subject's marked records (customer, widget, agent...). */
function detailsOf(index: WorkspaceIndex, s: Subject): Record<string, string> {
  const details: Record<string, string> = {};
  const own = new Set(s.members);
  const marks = [...s.marks].sort((a, b) => (a.instant || 0) - (b.instant || 0));
  for (const m of marks)
    for (const k of m.names) {
      const text = index.keys.text(k);
      if (text.startsWith(VALUE_PREFIX)) {
        const eq = text.indexOf('=');
        details[text.slice(VALUE_PREFIX.length, eq)] = text.slice(eq + 1);
      } else if (!own.has(k)) {
        if (text.startsWith('agent:uccx:') && s.flow.def.subject.kind === 'chat') details.agent ??= text.slice(11);
        else if (text.startsWith('widget:name:')) details.widget ??= text.slice(12);
        else if (text.startsWith('widget:') && !details.widget) details.widgetId ??= text.slice(7);
      }
    }
  if (s.flow.def.subject.kind === 'call') {
    // A call's other names, and the agent and numbers its marked records name.
    const names: Record<string, string> = {
      'call:gcid:': 'gcid',
      'call:guid:': 'guid',
      'call:rck:': 'routerCallKey',
      'call:dialog:': 'dialog',
      'call:uccx:': 'uccxContact',
    };
    for (const k of s.members) {
      const t = index.keys.text(k);
      for (const [prefix, detail] of Object.entries(names))
        if (t.startsWith(prefix)) details[detail] ??= t.slice(prefix.length);
    }
    for (const m of marks)
      for (const k of m.names) {
        const t = index.keys.text(k);
        if (t.startsWith('agent:') && !own.has(k)) details.agent ??= t.slice(t.indexOf(':', 6) + 1);
      }
  }
  if (s.flow.def.subject.kind === 'agent')
    for (const k of s.members) {
      const t = index.keys.text(k);
      if (t.startsWith('agent:eceUser:')) details.eceUser = t.slice(14);
      if (t.startsWith('agent:periph:')) details.peripheralNumber = t.slice(13);
      if (t.startsWith('agent:icm:')) details.icmAgentId = t.slice(10);
    }
  return details;
}
