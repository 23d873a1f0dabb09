/**
 * Pages of the flow status: what `ccLogs/flows` answers (a page of the chats and agents a filter keeps,
 * in the snapshot's order, with the counts of the whole workspace), in plain TypeScript so the
 * command-line tool and the tests ask the same. A 1 GiB bundle holds some 45,000 chats: their full
 * statuses (19 steps with their lines each) are hundreds of MB of JSON, so only a page is built.
 */
import type { FlowsSnapshot } from './status';
import type { SubjectStatus } from './types';

export interface PageQuery {
  brokenOnly?: boolean;
  kind?: 'chat' | 'agent' | 'call';
  offset?: number;
  limit?: number;
}

export interface FlowCounts {
  chats: number;
  agents: number;
  calls: number;
  brokenChats: number;
  brokenAgents: number;
  brokenCalls: number;
}

export interface FlowsPage {
  subjects: SubjectStatus[];
  offset: number;
  /** How many the filter keeps in all. */
  total: number;
  counts: FlowCounts;
}

export const DEFAULT_PAGE = 200;
export const MAX_PAGE = 2000;

const countsCache = new WeakMap<FlowsSnapshot, FlowCounts>();

/** Chats, agents and calls of the snapshot, broken ones apart. */
export function flowCounts(snap: FlowsSnapshot): FlowCounts {
  let counts = countsCache.get(snap);
  if (counts) return counts;
  counts = { chats: 0, agents: 0, calls: 0, brokenChats: 0, brokenAgents: 0, brokenCalls: 0 };
  for (let i = 0; i < snap.count; i++) {
    const broken = snap.outcome(i) === 'broken' ? 1 : 0;
    const kind = snap.kind(i);
    if (kind === 'chat') {
      counts.chats++;
      counts.brokenChats += broken;
    } else if (kind === 'agent') {
      counts.agents++;
      counts.brokenAgents += broken;
    } else {
      counts.calls++;
      counts.brokenCalls += broken;
    }
  }
  countsCache.set(snap, counts);
  return counts;
}

/** One page: `limit` (default DEFAULT_PAGE, at most MAX_PAGE) of the ones `q` keeps, from `offset`. */
export function flowsPage(snap: FlowsSnapshot, q: PageQuery): FlowsPage {
  const limit = Math.max(0, Math.min(MAX_PAGE, Math.floor(q.limit ?? DEFAULT_PAGE)));
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const kept: number[] = [];
  for (let i = 0; i < snap.count; i++) {
    if (q.kind && snap.kind(i) !== q.kind) continue;
    if (q.brokenOnly && snap.outcome(i) !== 'broken') continue;
    kept.push(i);
  }
  return {
    subjects: kept.slice(offset, offset + limit).map((i) => snap.status(i)),
    offset,
    total: kept.length,
    counts: flowCounts(snap),
  };
}
