/**
 * Problems that need more than one file, from the index and the flow status (no file is read):
 * a chat or agent whose flow broke (reported on the last line it reached, with the lines of its
 * steps as related information), and clocks that disagree (one InvokeID stamped at instants far
 * apart in two files, as when a PG trace's local time is read as UTC).
 */
import type { FlowsSnapshot } from '../flows/status';
import type { IndexQuery } from '../index/query';
import type { Problem, RelatedLine } from './compute';

/** Related lines listed per problem at most. */
const MAX_RELATED = 20;

/**
 * The broken chats and agents whose last line is in the file `uri`, from the snapshot's list. Their
 * related lines (the lines of their steps, which take the chat's full status) are worked out when
 * first read: a file where thousands of chats stopped costs only the problems that are shown (the
 * Problems panel gets `maxPerFile` at most).
 */
export function brokenFlowProblems(uri: string, snapshot: FlowsSnapshot | undefined): Problem[] {
  if (!snapshot) return [];
  const out: Problem[] = [];
  for (const i of snapshot.brokenIn(uri)) {
    const s = snapshot.summary(i);
    const b = s.firstBroken;
    if (!b) continue;
    const p: Omit<Problem, 'related'> = {
      line: s.lastLine,
      start: 0,
      end: 0,
      severity: b.state === 'failed' ? 'error' : 'warning',
      code: 'flow-broken',
      category: 'brokenFlows',
      message: `${s.kind === 'call' ? s.label : `${s.kind} ${s.id.slice(s.id.indexOf(':') + 1)}`}: ${s.flowTitle} broken at step ${b.number} (${b.title}), ${b.state === 'failed' ? `failed${b.meaning ? `: ${b.meaning}` : ''}` : 'missing'}. ${b.hint}`,
    };
    let related: RelatedLine[] | undefined;
    Object.defineProperty(p, 'related', {
      enumerable: true,
      get: () => (related ??= relatedOf(snapshot, i)),
    });
    out.push(p as Problem);
  }
  return out;
}

function relatedOf(snapshot: FlowsSnapshot, i: number): RelatedLine[] {
  const related: RelatedLine[] = [];
  for (const f of snapshot.status(i).flows)
    for (const st of f.steps)
      for (const l of st.lines) {
        if (related.length >= MAX_RELATED) return related;
        related.push({
          uri: l.uri,
          line: l.line,
          message: `step ${st.number} ${st.state === 'failed' && l.failure ? 'failed' : 'seen'}: ${st.title}`,
        });
      }
  return related;
}

export interface ClockOptions {
  /** Instants of one message in two files further apart than this are a disagreement. */
  toleranceMs: number;
  /** InvokeIDs compared per file at most. */
  maxKeys?: number;
}

/**
 * Clocks that disagree: for the InvokeIDs this file names, the instants other files stamp on the
 * same InvokeID. Reported once per other file, on the first line compared, when the median gap
 * exceeds the tolerance.
 */
export function clockProblems(uri: string, query: IndexQuery, options: ClockOptions): Problem[] {
  const f = query.fileByUri(uri);
  if (!f) return [];
  const gaps = new Map<number, Array<{ gap: number; line: number; otherLine: number; key: string }>>();
  let n = 0;
  for (const k of query.keysInFile(f.id, 100_000)) {
    const key = query.keyText(k.keyId);
    if (!key.startsWith('invokeId:')) continue;
    if (++n > (options.maxKeys ?? 2000)) break;
    const { hits } = query.hits([k.keyId], 50);
    const mine = hits.find((h) => h.fileId === f.id && !Number.isNaN(h.instant));
    if (!mine) continue;
    for (const h of hits) {
      if (h.fileId === f.id || Number.isNaN(h.instant)) continue;
      let l = gaps.get(h.fileId);
      if (!l) gaps.set(h.fileId, (l = []));
      if (!l.some((g) => g.key === key))
        l.push({ gap: mine.instant - h.instant, line: mine.line, otherLine: h.line, key });
    }
  }
  const out: Problem[] = [];
  for (const [fileId, list] of gaps) {
    if (list.length === 0) continue;
    const sorted = [...list].sort((a, b) => a.gap - b.gap);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (Math.abs(median.gap) <= options.toleranceMs) continue;
    const other = query.file(fileId);
    if (!other) continue;
    const name = (other.path ?? other.uri).split(/[\\/]/).pop();
    const hours = Math.round(median.gap / 60_000) / 60;
    out.push({
      line: median.line,
      start: 0,
      end: 0,
      severity: 'warning',
      code: 'clock-disagrees',
      category: 'clocks',
      message: `Clocks disagree: ${list.length} InvokeID(s) this file shares with ${name} are stamped ${Math.abs(median.gap)} ms (${Math.abs(hours)} h) ${median.gap > 0 ? 'later' : 'earlier'} here (median, e.g. ${median.key}). A trace without a zone may be local time: set ccLogs.zonelessOffset, or ccLogs.timeZones.`,
      related: [{ uri: other.uri, line: median.otherLine, message: `${median.key} in ${name}` }],
    });
  }
  return out;
}
