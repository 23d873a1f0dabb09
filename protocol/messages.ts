/**
 * Custom LSP messages of this project, shared by the client and the server. Each is declared once,
 * with the `ccLogs/` prefix, and says who sends it and why.
 */
import { RequestType, NotificationType } from 'vscode-languageserver-protocol';

/** Sent by the client for a document it cannot place by name (plaintext, log): which log language is it? */
export namespace DetectLanguageRequest {
  export const method = 'ccLogs/detectLanguage';
  export interface Params {
    uri: string;
    /** Base name or path of the file, if any. */
    fileName: string;
    /** The document's first lines (the client sends at most 64 KB). */
    sample: string;
  }
  export interface Result {
    languageId: string | null;
    formatId: string | null;
    /** Why, for the output channel. */
    reasons: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the server when its health changes (formats with problems, indexing progress, caps reached). */
export namespace StatusNotification {
  export const method = 'ccLogs/status';
  export interface Params {
    /** `ok`, `warning` or `error`. */
    level: 'ok' | 'warning' | 'error';
    /** One-line text for the status item. */
    text: string;
    /** Longer explanation for its tooltip. */
    detail?: string;
  }
  export const type = new NotificationType<Params>(method);
}

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
