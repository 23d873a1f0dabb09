/**
 * Bytes to text for files read in chunks, with the rule of decodeLogBytes: valid UTF-8 is read as
 * UTF-8, anything else as Latin-1 (one character per byte, nothing lost); a UTF-16LE byte-order
 * mark means UTF-16LE; a UTF-8 one is dropped. A multi-byte character cut by a chunk boundary is
 * held back until the next chunk. Streaming cannot look ahead: when invalid UTF-8 shows up after
 * valid chunks, the rest of the file is read as Latin-1 (line numbers are the same either way).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export type LogEncoding = 'utf-8' | 'latin1' | 'utf-16le';

export class ChunkDecoder {
  private mode: LogEncoding | undefined;
  private pending: Buffer | undefined;
  private utf16: TextDecoder | undefined;
  /** Bytes given to `decode` so far. */
  bytesIn = 0;
  /**
   * The bytes the last `decode` turned into text, when they were ASCII, Latin-1 or UTF-8 (whose
   * text it is exactly, in order: the bytes of consecutive calls follow each other); undefined for UTF-16.
   */
  lastBytes: Uint8Array | undefined;

  /** `encoding`: known from an earlier read of the same file (resuming after its start). */
  constructor(encoding?: LogEncoding) {
    this.mode = encoding;
    if (encoding === 'utf-16le') this.utf16 = new TextDecoder('utf-16le');
  }

  /** Bytes held back (the start of a character cut by the chunk end). */
  get pendingBytes(): number {
    return this.pending?.length ?? 0;
  }

  get encoding(): LogEncoding {
    return this.mode ?? 'utf-8';
  }

  decode(chunk: Uint8Array, final = false): string {
    this.bytesIn += chunk.length;
    this.lastBytes = undefined;
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending) {
      bytes = Buffer.concat([this.pending, bytes]);
      this.pending = undefined;
    }
    if (this.mode === undefined) {
      if (bytes.length < 3 && !final) {
        this.pending = Buffer.from(bytes);
        return '';
      }
      if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
        this.mode = 'utf-16le';
        this.utf16 = new TextDecoder('utf-16le');
        bytes = bytes.subarray(2);
      } else {
        if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        this.mode = 'utf-8';
      }
    }
    if (this.mode === 'utf-16le') return this.utf16!.decode(bytes, { stream: !final });
    if (this.mode === 'latin1') {
      this.lastBytes = bytes;
      return bytes.toString('latin1');
    }
    const cut = final ? bytes.length : completeUtf8Length(bytes);
    const body = bytes.subarray(0, cut);
    if (cut < bytes.length) this.pending = Buffer.from(bytes.subarray(cut));
    // ASCII (most logs) reads the same as Latin-1, which decodes several times faster than UTF-8.
    if (isAscii(body)) {
      this.lastBytes = body;
      return body.toString('latin1');
    }
    if (isUtf8(body)) {
      this.lastBytes = body;
      return body.toString('utf8');
    }
    this.mode = 'latin1';
    const all = this.pending ? Buffer.concat([body, this.pending]) : body;
    this.pending = undefined;
    this.lastBytes = all;
    return all.toString('latin1');
  }

  /** How many bytes the text `s` took in the input (for resuming reads at a line). */
  byteLength(s: string): number {
    if (this.mode === 'utf-16le') return s.length * 2;
    if (this.mode === 'latin1') return s.length;
    return Buffer.byteLength(s, 'utf8');
  }
}

/** Length of the prefix of `b` that does not end inside a UTF-8 sequence. */
function completeUtf8Length(b: Uint8Array): number {
  const n = b.length;
  // Look back at most 3 bytes for the lead byte of the last sequence.
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back];
    if (c < 0x80) return n; // ASCII: everything is complete
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}
