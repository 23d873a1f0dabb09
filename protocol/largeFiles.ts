/**
 * Logs too large for VS Code to hand to extensions (over 50 MB) are read through windows: read-only
 * virtual documents of a few MB of the file's lines, served by the server from disk. A window's URI
 * names the file and the window's first line (`cclogs-window:/var/log/eg_log_big.log?120000`), so
 * the same URI always holds the same lines and every handler of the server knows where they sit in
 * the file. Declared once here and imported by the client and the server.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** URI scheme of the windows. */
export const WINDOW_SCHEME = 'cclogs-window';
/** VS Code hands extensions no document over this many bytes (its model sync limit). */
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;
/** VS Code does not highlight documents over this many bytes. */
export const HIGHLIGHT_LIMIT_BYTES = 20 * 1024 * 1024;
/** Bytes of a window: the default, and what VS Code still highlights at most. */
export const DEFAULT_WINDOW_BYTES = 4 * 1024 * 1024;
export const MAX_WINDOW_BYTES = HIGHLIGHT_LIMIT_BYTES;
/** Lines of a window at most (VS Code stops highlighting documents of 300,000 lines). */
export const MAX_WINDOW_LINES = 200_000;

/** The window URI of `fileUri` (a `file:` URI) starting at zero-based line `fromLine` of the file. */
export function windowUriOf(fileUri: string, fromLine: number): string {
  const path = fileUri.replace(/^file:\/\/[^/]*/, '');
  return `${WINDOW_SCHEME}:${path}?${Math.max(0, Math.floor(fromLine))}`;
}

/** The file and first line a window URI names, or undefined for any other URI. */
export function parseWindowUri(uri: string): { fileUri: string; fromLine: number } | undefined {
  if (!uri.startsWith(`${WINDOW_SCHEME}:`) || uri.length > 8192) return undefined;
  const rest = uri.slice(WINDOW_SCHEME.length + 1).replace(/^\/\/[^/]*/, '');
  const q = rest.lastIndexOf('?');
  if (q < 0) return undefined;
  const query = decodeSafely(rest.slice(q + 1)).replace(/^from=/, '');
  if (!/^\d{1,10}$/.test(query)) return undefined;
  const path = rest.slice(0, q);
  if (!path.startsWith('/')) return undefined;
  return { fileUri: `file://${path}`, fromLine: Number(query) };
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a window holds and why the file is read through windows. */
export interface WindowInfo {
  /** The window's URI (its first line included). */
  windowUri: string;
  /** The file's `file:` URI. */
  fileUri: string;
  /** Zero-based file line of the window's first line, and the number of lines it holds. */
  fromLine: number;
  lineCount: number;
  /** Lines of the whole file, once counted (null while the server is still counting). */
  totalLines: number | null;
  /** Bytes of the file on disk. */
  fileBytes: number;
  /** The log language of the file (from its name or content), if any. */
  languageId: string | null;
  /** Why the file is read through a window, for the status item. */
  why: string;
}

/**
 * Sent by the client to place a window on a file: around zero-based file line `line`, or around the
 * first record at or after `time` (ISO 8601 or the file's own timestamp spelling). The answer says
 * which window URI to open and which line of it is the target.
 */
export namespace LargeFileLocateRequest {
  export const method = 'ccLogs/largeFile/locate';
  export interface Params {
    /** The file's `file:` URI, or one of its window URIs. */
    uri: string;
    line?: number;
    time?: string;
  }
  export interface Result extends WindowInfo {
    /** Zero-based line of the target in the window (not in the file). */
    targetLine: number;
    /** Set when nothing could be placed (unreadable file, time not understood): a message for the user. */
    error?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Sent by the client's content provider for a window URI: the window's text, read from disk. */
export namespace LargeFileContentRequest {
  export const method = 'ccLogs/largeFile/content';
  export interface Params {
    uri: string;
  }
  export interface Result extends WindowInfo {
    text: string;
    /** Set when the file could not be read: the text then says so too. */
    error?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}
