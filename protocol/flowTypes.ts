/**
 * What the flow status of a chat or an agent holds, as `ccLogs/flows` carries it and `server/src/flows/`
 * computes it: plain declarations (no LSP import), so the server's lower layers and `cclogs` use them too.
 */
export type FlowOutcome = 'complete' | 'broken' | 'in-progress';
export type StepState = 'seen' | 'failed' | 'missing' | 'optional-missing';

export interface FlowStepLine {
  uri: string;
  line: number;
  /** ISO instant, when the line has one. */
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
  /** For a failed step: what the failing line means. */
  meaning?: string;
  /** Seen before a step that comes earlier in the flow. */
  outOfOrder?: boolean;
}

export interface FlowStatusItem {
  flowId: string;
  title: string;
  outcome: FlowOutcome;
  steps: FlowStepStatus[];
  firstBroken?: { stepId: string; number: number; title: string; state: StepState; hint: string; meaning?: string };
  timings: Array<{ label: string; ms: number }>;
  /** The last line the chat or agent reached (where a broken flow is reported). */
  lastLine?: FlowStepLine;
}

/** A chat, an agent or a voice call; `id` is what `ccLogs.showTimeline` takes as `{ id }`. */
export interface FlowSubject {
  id: string;
  kind: 'chat' | 'agent' | 'call';
  label: string;
  /** All names of the entity. */
  names: string[];
  /**
   * customer, widget, widgetId, agent (chats); icmAgentId, eceUser, peripheralNumber, chatDomainState (agents);
   * gcid, guid, routerCallKey, dialog, uccxContact, agent, dialed, calling (calls).
   */
  details: Record<string, string>;
  start?: string;
  flows: FlowStatusItem[];
  outcome: FlowOutcome;
}
