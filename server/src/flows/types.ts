/**
 * Flows are the troubleshooting walk-throughs of the source documents, as data
 * (server/src/flows/defs/*.json, described by flow.schema.json): a flow has steps in order, a step
 * names the log lines that mark it and the lines that mark it failed, with the hint to show when it
 * is missing or failed. The index records where each marker occurs (see marks.ts); status.ts works
 * out, per chat and per agent, which steps were seen, failed or missing.
 */
import type { FlowStatusItem, FlowStepLine, FlowStepStatus, FlowSubject } from '../../../protocol/flowTypes';

/** One kind of line that marks a step (or, in `failures`, marks it failed). */
export interface MarkerDef {
  /** Unique within its step. */
  id: string;
  /** Format id (server/src/formats/defs) of the records it is found in. */
  format: string;
  /** Text the record must contain (found with one search, before any pattern runs). */
  literal: string;
  /** Optional bounded regular expression the record must also match (read over its first 16 KB). */
  pattern?: string;
  /** Why the line means the step failed (failures only); shown with the step's hint. */
  meaning?: string;
}

/** How a marker's lines are tied to a chat or agent. */
export type AttachDef =
  /** The record names the chat or agent (under any of its names, or a key of a `via` kind it shares). */
  | { by: 'subject' }
  /** The nearest line of the chat or agent in the same file (before it, else after it), within `maxLines`. */
  | { by: 'file'; maxLines: number }
  /**
   * The marker line nearest in time to the instant of step `relativeTo` (or the chat's first line),
   * within [fromMs, toMs] of it; before the anchor the latest wins, after it the earliest.
   */
  | { by: 'time'; relativeTo?: string; fromMs: number; toMs: number };

export interface StepSample {
  line: string;
  /** Marker or failure id the line must match. */
  marker: string;
}

export interface StepDef {
  id: string;
  title: string;
  /** Product and log the step is read in (`SM ccppublicapps`). */
  where: string;
  optional?: boolean;
  markers: MarkerDef[];
  /** Markers that must all be seen for the step to count as seen (default: any one). */
  requires?: string[];
  failures?: MarkerDef[];
  attach?: AttachDef;
  /** What to check when the step is missing or failed (from the source documents). */
  hint: string;
  samples: StepSample[];
}

export interface TimingDef {
  label: string;
  /** `stepId` or `stepId/markerId`. */
  from: string;
  to: string;
}

export interface FlowDef {
  id: string;
  title: string;
  description: string;
  /** Which document it comes from. */
  source: string;
  subject: {
    kind: 'chat' | 'agent' | 'call';
    /** Entities holding a key with one of these prefixes follow the flow. */
    keyPrefixes: string[];
    /** Keys of these prefixes tie a line to the chat or agent named on another marked line with them. */
    via?: string[];
  };
  /** A flow whose last line is older than this before the end of the logs, with steps left, is broken. */
  idleMs: number;
  timings?: TimingDef[];
  steps: StepDef[];
}

/** A problem of a flow file, with the JSON path that is wrong. */
export interface FlowProblem {
  file: string;
  path: string;
  message: string;
}

export interface CompiledMarker {
  def: MarkerDef;
  stepIndex: number;
  failure: boolean;
  /** Index key of the marker's lines: `~flow:<flow>:<step>:<marker>`. */
  key: string;
  regex?: RegExp;
}

export interface CompiledFlow {
  def: FlowDef;
  markers: CompiledMarker[];
  stepIndex: Map<string, number>;
}

// What a status holds is the wire format of `ccLogs/flows` (protocol/flowTypes.ts), declared once.
export type { FlowOutcome, StepState } from '../../../protocol/flowTypes';
export type StepLine = FlowStepLine;
export type StepStatus = FlowStepStatus;
export type FlowStatus = FlowStatusItem;
export type SubjectStatus = FlowSubject;
