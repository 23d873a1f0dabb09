/**
 * Custom LSP messages of the flows (issue: where did it break): the status of every chat and agent
 * for the "Chats and agents" view and the command-line tool.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type FlowOutcome = 'complete' | 'broken' | 'in-progress';
export type StepState = 'seen' | 'failed' | 'missing' | 'optional-missing';

export interface FlowStepLine {
  uri: string;
  line: number;
  instant?: string;
  marker: string;
  failure: boolean;
}

export interface FlowStepStatus {
  stepId: string;
  number: number;
  title: string;
  where: string;
  state: StepState;
  lines: FlowStepLine[];
  instant?: string;
  hint?: string;
  meaning?: string;
  outOfOrder?: boolean;
}

export interface FlowStatusItem {
  flowId: string;
  title: string;
  outcome: FlowOutcome;
  steps: FlowStepStatus[];
  firstBroken?: { stepId: string; number: number; title: string; state: StepState; hint: string; meaning?: string };
  timings: Array<{ label: string; ms: number }>;
  lastLine?: FlowStepLine;
}

/** A chat or an agent; `id` is what `ccLogs.showTimeline` takes as `{ id }`. */
export interface FlowSubject {
  id: string;
  kind: 'chat' | 'agent';
  label: string;
  names: string[];
  /** customer, widget, widgetId, agent (chats); icmAgentId, eceUser, peripheralNumber, chatDomainState (agents). */
  details: Record<string, string>;
  start?: string;
  flows: FlowStatusItem[];
  outcome: FlowOutcome;
}

/** Sent by the client: every chat and agent of the workspace with its flow status. */
export namespace FlowsRequest {
  export const method = 'ccLogs/flows';
  export interface Params {
    /** Only the broken ones. */
    brokenOnly?: boolean;
  }
  export interface Result {
    subjects: FlowSubject[];
    /** The index is still reading files: the list may grow. */
    indexing: boolean;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the server when the flow status may have changed (files indexed, changed or gone). */
export namespace FlowsChangedNotification {
  export const method = 'ccLogs/flowsChanged';
  export const type = new NotificationType<Record<string, never>>(method);
}
