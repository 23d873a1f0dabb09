/**
 * Custom LSP messages of the flows (issue: where did it break): the status of every chat and agent
 * for the "Chats and agents" view and the command-line tool.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

import type { FlowSubject } from './flowTypes';

export type { FlowOutcome, FlowStatusItem, FlowStepLine, FlowStepStatus, FlowSubject, StepState } from './flowTypes';

/**
 * Sent by the client: the chats and agents of the workspace with their flow status, one page at a time
 * (a 1 GiB bundle holds some 45,000 chats, each with the lines of its 19 steps: hundreds of MB at once).
 * Ordered by kind (agents, calls, then chats), start and id; `offset`/`limit` page through the ones the filter
 * keeps, `total` says how many there are.
 */
export namespace FlowsRequest {
  export const method = 'ccLogs/flows';
  /** Chats and agents per page when the request gives no `limit`, and the most one page holds (server/src/flows/page.ts). */
  export const DEFAULT_PAGE = 200;
  export const MAX_PAGE = 2000;
  export interface Params {
    /** Only the broken ones. */
    brokenOnly?: boolean;
    /** Only chats, only agents or only calls. */
    kind?: 'chat' | 'agent' | 'call';
    /** Index of the first one to send, in the order above (default 0). */
    offset?: number;
    /** How many to send at most (default DEFAULT_PAGE, at most MAX_PAGE). */
    limit?: number;
  }
  export interface Counts {
    chats: number;
    agents: number;
    calls: number;
    brokenChats: number;
    brokenAgents: number;
    brokenCalls: number;
  }
  export interface Result {
    /** The page: `limit` at most, from `offset`. */
    subjects: FlowSubject[];
    offset: number;
    /** How many the filter keeps in all (the page is `subjects.length` of them). */
    total: number;
    /** Every chat and agent of the workspace, whatever the filter. */
    counts: Counts;
    /** The index is still reading files: the list may grow. */
    indexing: boolean;
    /** Milliseconds the status of every chat and agent took when the server last worked it out (for benchmarks). */
    statusMs?: number;
    /** CPU milliseconds of the server process meanwhile. */
    statusCpuMs?: number;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the server when the flow status may have changed (files indexed, changed or gone). */
export namespace FlowsChangedNotification {
  export const method = 'ccLogs/flowsChanged';
  export const type = new NotificationType<Record<string, never>>(method);
}
