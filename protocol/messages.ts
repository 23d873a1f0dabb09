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
    /** What the file is and why, in one sentence for the person who asked (Detect Log Format). */
    summary?: string;
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

// Command ids and command arguments are declared in commands.ts (plain TypeScript, no LSP import).
export { isRevealLineArgs, isShowRelatedLinesArgs, type RevealLineArgs, type ShowRelatedLinesArgs } from './commands';
