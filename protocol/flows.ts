/**
 * Custom LSP messages of the flows (issue: where did it break): the status of every chat and agent
 * for the "Chats and agents" view and the command-line tool.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

import type { FlowSubject } from './flowTypes';

export type { FlowOutcome, FlowStatusItem, FlowStepLine, FlowStepStatus, FlowSubject, StepState } from './flowTypes';

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
