/**
 * Opening a large log without sending its text. VS Code's client would send the whole document with
 * `textDocument/didOpen` (up to 50 MB of JSON, which the server must receive and parse before it can
 * answer anything about it). For a saved file the server can read the same text from disk faster, so
 * the extension sends only what identifies the document and lets the server check that its disk copy
 * is the text the editor shows (its length and a few pieces at spread offsets). The server then treats
 * the notification exactly as a `didOpen` with that text; when the check fails it asks for the text
 * (`ccLogs/sendDocumentText`) and the extension sends the usual `didOpen`. Other editors never send it.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** Documents from this many characters on are opened from disk (smaller ones cost less to send). */
export const OPEN_FROM_DISK_MIN_CHARS = 4 * 1024 * 1024;
/** Pieces of the text the server compares with its disk copy, and the length of each. */
export const OPEN_FROM_DISK_SAMPLES = 32;
export const OPEN_FROM_DISK_SAMPLE_CHARS = 64;

export namespace DidOpenFromDiskNotification {
  export const method = 'ccLogs/didOpenFromDisk';
  export interface Params {
    textDocument: { uri: string; languageId: string; version: number };
    /** The document's length in UTF-16 code units, as the editor holds it. */
    length: number;
    /** Pieces of the editor's text: `text` starts at `offset`. */
    samples: Array<{ offset: number; text: string }>;
  }
  export const type = new NotificationType<Params>(method);
}

export namespace SendDocumentTextNotification {
  export const method = 'ccLogs/sendDocumentText';
  export interface Params {
    uri: string;
    /** Why the disk copy could not be used (shown in the server's log). */
    reason: string;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * The notification for a document of `length` characters; `pieceAt(start, end)` gives the text the editor
 * holds between two offsets (the extension reads it from VS Code's document, tests and benchmarks from a string).
 */
export function didOpenFromDiskParams(
  textDocument: DidOpenFromDiskNotification.Params['textDocument'],
  length: number,
  pieceAt: (start: number, end: number) => string,
): DidOpenFromDiskNotification.Params {
  return {
    textDocument,
    length,
    samples: sampleOffsets(length).map((offset) => ({
      offset,
      text: pieceAt(offset, Math.min(length, offset + OPEN_FROM_DISK_SAMPLE_CHARS)),
    })),
  };
}

/** The offsets a document of `length` characters is sampled at: both ends and evenly in between. */
export function sampleOffsets(length: number): number[] {
  const last = Math.max(0, length - OPEN_FROM_DISK_SAMPLE_CHARS);
  const out: number[] = [];
  for (let i = 0; i < OPEN_FROM_DISK_SAMPLES; i++)
    out.push(Math.round((last * i) / Math.max(1, OPEN_FROM_DISK_SAMPLES - 1)));
  return [...new Set(out)];
}
