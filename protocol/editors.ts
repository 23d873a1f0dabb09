import type { FlowSubject } from './flowTypes';

/**
 * What a client may send in `initialize` → `initializationOptions`. Every field is optional: an
 * editor that sends nothing gets hovers any Markdown viewer can show and the default settings.
 */

/** How hovers point at other log lines. */
export type HoverLinks = 'command' | 'file' | 'text';

export interface InitializationOptions {
  /**
   * `command`: links that run the extension's `ccLogs.revealLine` (only the VS Code client can run
   * them; it sends this). `file`: standard `file://…#L<line>` links. `text` (the default): the file's
   * path and line as plain text (`/logs/Cisco001MIVR045.log:12`), which terminal editors open with
   * `gF` (Vim) or `ffap` (Emacs).
   */
  hoverLinks?: HoverLinks;
  /** The `ccLogs` settings, for clients that answer neither `workspace/configuration` nor push them. */
  ccLogs?: Record<string, unknown>;
}

export function isHoverLinks(v: unknown): v is HoverLinks {
  return v === 'command' || v === 'file' || v === 'text';
}

/** The cursor a command of `workspace/executeCommand` is about. */
export interface CursorArgument {
  uri: string;
  position: { line: number; character: number };
}

/**
 * The cursor argument of a server command in either shape editors can send: `{ uri, position }`
 * (the Neovim and Emacs recipes, VS Code) or LSP's TextDocumentPositionParams
 * `{ textDocument: { uri }, position }` (Sublime Text's `$text_document_position`, the only cursor
 * shape its `lsp_execute` can build). Undefined for anything else.
 */
export function cursorArgument(value: unknown): CursorArgument | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { uri?: unknown; textDocument?: { uri?: unknown } | null; position?: unknown };
  const uri =
    typeof v.uri === 'string' ? v.uri : typeof v.textDocument?.uri === 'string' ? v.textDocument.uri : undefined;
  const p = v.position as { line?: unknown; character?: unknown } | undefined;
  if (uri === undefined || typeof p !== 'object' || p === null) return undefined;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return ok(p.line) && ok(p.character) ? { uri, position: { line: p.line, character: p.character } } : undefined;
}

/**
 * The answer of `workspace/executeCommand` `ccLogs.flows` (FLOWS_COMMAND, protocol/commands.ts): the
 * chats and agents asked for with their flow status (the shape of `ccLogs/flows`), or why there are none.
 * Its one optional argument: a cursor (either shape of `cursorArgument`) or `{ id }` for one chat or agent;
 * none, or `{ brokenOnly, offset, limit }`, for a page of the list of all (200 by default, 2000 at most),
 * with `total` (of the list) and `offset`.
 */
export type FlowsCommandAnswer =
  { subjects: FlowSubject[]; indexing: boolean; total?: number; offset?: number } | { error: string };
