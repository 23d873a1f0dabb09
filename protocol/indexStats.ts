/**
 * `ccLogs/indexStats`: what the workspace index holds and whether it is still working, as numbers.
 * For tools (the benchmark) and diagnostics; the status item shows the same figures as text.
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** Sent by a client at any time; answered at once from the index's counters (nothing is read). */
export namespace IndexStatsRequest {
  export const method = 'ccLogs/indexStats';
  export type Params = Record<string, never>;
  export interface Result {
    /** Work is queued or running (indexing, a workspace walk). */
    running: boolean;
    /** Files known to the index (workspace files and open documents) and how many are fully indexed. */
    files: number;
    indexedFiles: number;
    /** Lines and bytes (decompressed) indexed so far. */
    lines: number;
    bytes: number;
    /** Distinct keys, links between keys, and postings (key, line) held. */
    keys: number;
    links: number;
    postings: number;
    /** Estimated memory the index holds, in bytes. */
    memoryBytes: number;
    /** Files left out by a cap, files that could not be read, files whose indexing was cancelled. */
    skipped: number;
    failed: number;
    cancelled: number;
    /** The current round of work (since the last time the index was idle). */
    progress: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number };
  }
  export const type = new RequestType<Params, Result, void>(method);
}
