/**
 * Requests of the timeline (see timelineTypes.ts for what they carry): `ccLogs/timeline`, also
 * reachable as `workspace/executeCommand` `ccLogs.timeline`, and `ccLogs/timelineEntities` for the
 * quick pick of the workspace's chats and agents.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { TimelineAnswer, TimelineEntityItem, TimelineParams } from './timelineTypes';

export * from './timelineTypes';

export namespace TimelineRequest {
  export const method = 'ccLogs/timeline';
  export const type = new RequestType<TimelineParams, TimelineAnswer, void>(method);
}

/** The chats, agents and calls of the workspace, for the quick pick of "Show Timeline". */
export namespace TimelineEntitiesRequest {
  export const method = 'ccLogs/timelineEntities';
  export interface Params {
    /** Only entities one of whose names contains this (case-insensitive); empty: all. */
    filter?: string;
    /** At most this many of each kind (default 200). */
    limit?: number;
    /** Only chats, only agents or only calls. */
    kind?: TimelineEntityItem['kind'];
  }
  export type Item = TimelineEntityItem;
  export const type = new RequestType<Params, Item[], void>(method);
}
