/**
 * The timeline of one entity (a chat, an agent...): every line naming it across the workspace's
 * logs, in the order of absolute time, with its lane (product and process or host), summary,
 * request/response partner and the assumptions that placed it in time. Asked by the VS Code panel
 * (`ccLogs/timeline`), by other editors through `workspace/executeCommand` `ccLogs.timeline`, and
 * printed by the `cclogs timeline` command-line tool. Plain types and checks (no LSP import): the
 * server's timeline module and the command-line tool use them too; `timeline.ts` declares the requests.
 */

export { SHOW_TIMELINE_AT_CURSOR_COMMAND, SHOW_TIMELINE_COMMAND, TIMELINE_COMMAND } from './commands';

/**
 * Events per page when the request names no limit, and at most. A page of 1,000 events is about 0.6 MB of
 * JSON; its encoding and parsing is most of a warm answer's cost (2,000 took twice as long; PERFORMANCE.md).
 */
export const DEFAULT_TIMELINE_LIMIT = 1000;
export const MAX_TIMELINE_LIMIT = 20_000;

export type TimelineTarget = { uri: string; position: { line: number; character: number } } | { id: string };

export type TimelineParams = TimelineTarget & {
  /** First event of the page (default 0). */
  offset?: number;
  /** Events in the page (default DEFAULT_TIMELINE_LIMIT, at most MAX_TIMELINE_LIMIT). */
  limit?: number;
  /** Only this flow's steps (when a flow provider is registered). */
  flowId?: string;
};

export interface TimelineName {
  /** Index key (`contact:4B1E...`, `agent:icm:6420`). */
  key: string;
  /** The value as logs write it (`4B1E...`, `6420`). */
  text: string;
  /** What kind of name it is (`Chat contact`, `Agent: ICM agent id (SkillTargetID)`). */
  kind: string;
  /** Why it names the entity: the evidence of its link, or "the name asked for". */
  why: string;
}

export interface TimelineEntity {
  /** `chat`, `agent`, or the kind of the key asked for (`invokeId`, `mrd`...). */
  kind: string;
  /** A short label: `Chat 4B1E93C7…`, `Agent 6420`. */
  label: string;
  names: TimelineName[];
}

export interface TimelinePair {
  /** This event's role: the request (where the InvokeID is born), its answer, or another line about it. */
  role: 'request' | 'response' | 'related';
  invokeId: string;
  uri: string;
  line: number;
  /** Of the other side; absent when it has none. */
  instant?: string;
  lane?: string;
  summary?: string;
  /** Index (in the whole timeline) of the other side when it is an event of this timeline. */
  eventIndex?: number;
}

export interface TimelineEvent {
  /** Position in the whole timeline (offset + index in the page). */
  index: number;
  /** ISO 8601 UTC, corrected by ccLogs.clockOffsets; absent when the line has no instant. */
  instant?: string;
  /** The instant as written before a clock correction, when one applies. */
  writtenInstant?: string;
  /** Milliseconds added by ccLogs.clockOffsets, and the rule that did it. */
  clockCorrection?: { ms: number; rule: string };
  /** The stamp as the line writes it. */
  stamp?: string;
  /** UTC offset of the line's clock in minutes (as written or assumed). */
  offsetMinutes?: number;
  /** What was assumed to place the line in time (year, zone, header date...). */
  assumptions: string[];
  uri: string;
  /** Zero-based line naming the entity, and the first line of its record. */
  line: number;
  recordLine: number;
  /** Base name of the file. */
  file: string;
  /** `Browser`, `SocialMiner ccppublicapps`, `UCCX MIVR`, `ECE Listener`, `CTI Server cglA`, `OPC PG1A`... */
  lane: string;
  product: string;
  /** Host or node that wrote the line, when known (for clock findings and offsets). */
  host?: string;
  /** `emergency` ... `debug`, `trace`, `unknown`. */
  severity: string;
  /** One line: message code or mnemonic and the decoded essence. */
  summary: string;
  /** Which name of the entity the line carries (index key), and how it is written. */
  nameKey: string;
  nameText: string;
  /** Where the entity is born (SOCIAL_CONTACT_CREATED, MEDIA_LOGIN_REQ...). */
  birth: boolean;
  pair?: TimelinePair;
  /** True when the line has no instant: it keeps its file order and says so. */
  noInstant?: boolean;
}

export interface ClockFinding {
  /** Host or lane whose clock disagrees. */
  host: string;
  /** Against which host or lane. */
  reference: string;
  /** At least this many milliseconds behind (positive) or ahead (negative) of the reference. */
  skewMs: number;
  /** A sentence with the evidence. */
  message: string;
  evidence: Array<{ uri: string; line: number }>;
  /** A `ccLogs.clockOffsets` entry that would correct it (including what the setting already adds). */
  suggestion: { key: string; ms: number };
  /**
   * What it is seen from: lines of a request/response exchange (InvokeID) outside the requester's own
   * lines (a lower bound), or the same steps logged by two hosts too far apart (an estimate, the median).
   */
  basis?: 'invokeId' | 'sameStep';
  /** Steps logged by both hosts that the estimate is the median of (basis `sameStep`). */
  steps?: number;
}

export interface TimelineFlowStep {
  stepId: string;
  title: string;
  state: 'seen' | 'failed' | 'missing' | 'optional-missing';
  /** indices of `events` (of the page) that mark this step, and the instant of the first one */
  eventIndexes: number[];
  instant?: string;
  hint?: string;
}

export interface TimelineFlow {
  flowId: string;
  title: string;
  steps: TimelineFlowStep[];
  firstBrokenStepId?: string;
}

export interface TimelineResult {
  entity: TimelineEntity;
  events: TimelineEvent[];
  /** Events in the whole timeline. */
  total: number;
  offset: number;
  limit: number;
  /** Sentences for the user: files that vanished, lines without an instant, an index still building... */
  notes: string[];
  clockFindings: ClockFinding[];
  /** Lanes of the whole timeline, in order of first appearance. */
  lanes: string[];
  flows?: TimelineFlow[];
}

/** The answer when no timeline can be made: the message says why (unknown ID, no ID at the position). */
export interface TimelineError {
  error: string;
}

export type TimelineAnswer = TimelineResult | TimelineError;

export function isTimelineError(a: unknown): a is TimelineError {
  return typeof a === 'object' && a !== null && typeof (a as TimelineError).error === 'string';
}

/** One chat or agent of the workspace, for the quick pick. */
export interface TimelineEntityItem {
  /** An ID to ask the timeline for. */
  id: string;
  kind: 'chat' | 'agent' | 'call';
  label: string;
  detail: string;
  lines: number;
}

/** Arguments of `ccLogs.showTimeline`: an ID, or a position whose ID is meant. */
export type ShowTimelineArgs = { id: string } | { uri: string; position: { line: number; character: number } };

/** Validates the arguments of `ccLogs.showTimeline` / `ccLogs.timeline` (they may come from anywhere). */
export function isTimelineTarget(value: unknown): value is TimelineTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id === 'string') return v.id.length > 0 && v.id.length < 1024;
  if (typeof v.uri !== 'string' || v.uri.length >= 4096) return false;
  const p = v.position as Record<string, unknown> | undefined;
  return (
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    (p.line as number) >= 0 &&
    (p.character as number) >= 0 &&
    (p.line as number) < 2 ** 31 &&
    (p.character as number) < 2 ** 31
  );
}
