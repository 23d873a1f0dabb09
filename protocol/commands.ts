/**
 * Command ids of this project and the arguments of those that carry any, shared by the client and
 * the server. Plain TypeScript (no LSP import), so that the server's lower layers (render/) can name
 * the hover command without depending on the protocol library.
 */

/** Client: reveals a line of a file (the one live link hovers may hold). Arguments: RevealLineArgs. */
export const REVEAL_LINE_COMMAND = 'ccLogs.revealLine';
/** Client: opens the references peek for an entity (code lenses). Arguments: ShowRelatedLinesArgs. */
export const SHOW_RELATED_LINES_COMMAND = 'ccLogs.showRelatedLines';
/** Client: the same for the entity under the cursor (command palette, keybinding). */
export const SHOW_RELATED_LINES_AT_CURSOR_COMMAND = 'ccLogs.showRelatedLines.atCursor';
/** Client: shows the extension's output channel. */
export const SHOW_OUTPUT_COMMAND = 'ccLogs.showOutput';
/** Client: restarts the language server. */
export const RESTART_SERVER_COMMAND = 'ccLogs.restartServer';
/** Client: asks the server which log language the active document is. */
export const DETECT_LANGUAGE_COMMAND = 'ccLogs.detectLanguage';
/** Server (workspace/executeCommand): forgets the index and reads the workspace again. */
export const REBUILD_INDEX_COMMAND = 'ccLogs.rebuildIndex';

/** Client: opens the timeline panel. Arguments: `{ id }` or `{ uri, position }` (ShowTimelineArgs, protocol/timeline.ts); none: a quick pick. */
export const SHOW_TIMELINE_COMMAND = 'ccLogs.showTimeline';
/** Client: the same for the ID under the cursor (editor context menu). */
export const SHOW_TIMELINE_AT_CURSOR_COMMAND = 'ccLogs.showTimeline.atCursor';
/** Server (workspace/executeCommand): the timeline of an entity; one argument, TimelineParams (protocol/timeline.ts). */
export const TIMELINE_COMMAND = 'ccLogs.timeline';
/**
 * Server (workspace/executeCommand): the flow status of the chat or agent at a cursor (`{ uri, position }` or
 * `{ textDocument: { uri }, position }`) or named by `{ id }`; without an argument, of every chat and agent.
 * Answers FlowsCommandAnswer (protocol/editors.ts).
 */
export const FLOWS_COMMAND = 'ccLogs.flows';

/** The project's commands a hover may link to; the client trusts exactly these ids. */
export const HOVER_COMMANDS = [REVEAL_LINE_COMMAND] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** Arguments of the client command `ccLogs.revealLine`, which hovers link to. */
export interface RevealLineArgs {
  uri: string;
  line: number;
}

/** Validates `ccLogs.revealLine` arguments: they arrive from a hover link, so they are checked. */
export function isRevealLineArgs(value: unknown): value is RevealLineArgs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.uri === 'string' &&
    /^(file|untitled|vscode-remote|vscode-vfs|cclogs-window):/.test(v.uri) &&
    v.uri.length < 4096 &&
    typeof v.line === 'number' &&
    Number.isInteger(v.line) &&
    v.line >= 0 &&
    v.line < 2 ** 31
  );
}

/** Arguments of the client command `ccLogs.showRelatedLines` (code lenses): an entity's position. */
export interface ShowRelatedLinesArgs {
  uri: string;
  line: number;
  character: number;
}

/** Validates `ccLogs.showRelatedLines` arguments before the client acts on them. */
export function isShowRelatedLinesArgs(value: unknown): value is ShowRelatedLinesArgs {
  if (!isRevealLineArgs(value)) return false;
  const c = (value as unknown as Record<string, unknown>).character;
  return typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < 2 ** 31;
}
