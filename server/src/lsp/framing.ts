/**
 * Watches the framing of the LSP byte stream (`Content-Length: N\r\n\r\n` then N bytes) before the
 * message reader gets it. The reader of vscode-jsonrpc waits forever for a body that never comes and
 * stops reading after a bad header without ending the process; over stdio nothing can resynchronise
 * a broken stream, so a frame it cannot trust ends the server instead (the client sees the process
 * exit and may start a new one). Bytes pass through unchanged; only headers are parsed here.
 *
 * Plain Node: no LSP library, so it is tested on bytes alone.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Longest header block accepted (the LSP headers are two short lines). */
export const MAX_HEADER_BYTES = 8192;
/**
 * Largest body accepted: V8 cannot make a string longer than 2^29 - 24 characters, so a longer body
 * could never be decoded, and waiting for it would only buffer bytes.
 */
export const MAX_BODY_BYTES = 2 ** 29 - 24;

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Why a frame was refused, for the log and the error answer. */
export class FramingError extends Error {}

/**
 * Parses one header block (without the blank line): the body length, or a FramingError saying
 * what is wrong. Header names are case-insensitive; other headers (Content-Type) are allowed.
 */
export function contentLength(header: string): number | FramingError {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return new FramingError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value))
      return new FramingError(`Content-Length is not a length: ${JSON.stringify(value.slice(0, 40))}`);
    if (length !== undefined) return new FramingError('Content-Length given twice');
    length = Number(value);
  }
  if (length === undefined) return new FramingError('header without Content-Length');
  if (length > MAX_BODY_BYTES)
    return new FramingError(`Content-Length ${length} is over the ${MAX_BODY_BYTES} bytes a message may have`);
  return length;
}

/**
 * A pass-through stream that checks each frame's header as the bytes go by. On the first bad frame
 * it calls `onBroken` once and passes nothing more on.
 */
export class FramingGuard extends Transform {
  /** Bytes of the header being read (only while in a header). */
  private header: Buffer[] = [];
  private headerBytes = 0;
  /** Body bytes still to pass before the next header. */
  private bodyLeft = 0;
  private broken = false;

  constructor(private readonly onBroken: (error: FramingError) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.broken) return done();
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - at);
        this.bodyLeft -= n;
        at += n;
        continue;
      }
      // In a header: find its end, looking back over the bytes kept from earlier chunks.
      const kept = this.headerBytes;
      const joined = kept > 0 ? Buffer.concat([...this.header, chunk.subarray(at)]) : chunk.subarray(at);
      const end = joined.indexOf(CRLFCRLF, Math.max(0, kept - 3));
      if (end < 0) {
        if (joined.length > MAX_HEADER_BYTES)
          return this.fail(new FramingError('header longer than 8 KB'), chunk.subarray(0, at), done);
        this.header = [joined];
        this.headerBytes = joined.length;
        break;
      }
      if (end > MAX_HEADER_BYTES)
        return this.fail(new FramingError('header longer than 8 KB'), chunk.subarray(0, at), done);
      const length = contentLength(joined.subarray(0, end).toString('latin1'));
      if (length instanceof FramingError) return this.fail(length, chunk.subarray(0, at), done);
      this.header = [];
      this.headerBytes = 0;
      at += end + CRLFCRLF.length - kept;
      this.bodyLeft = length;
    }
    done(null, chunk);
  }

  /** Passes on the bytes before the bad header (whole messages), then nothing more. */
  private fail(error: FramingError, before: Buffer, done: TransformCallback): void {
    this.broken = true;
    this.header = [];
    done(null, before.length > 0 ? before : undefined);
    this.onBroken(error);
  }
}
