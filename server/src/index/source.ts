/**
 * The bytes of a log file, in chunks: plain files are read from an offset up to the size they had
 * when the read began (a log being written keeps growing: the rest is read next time); gzip files
 * (recognised by their magic bytes, not their name) are inflated by zlib, several members included.
 * A truncated gzip yields what could be inflated and says so.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/**
 * Bytes per read. An index job can pause (for a search) only between chunks: 256 KB takes a few
 * milliseconds to index, so a search waits no longer; larger reads were not faster.
 */
export const CHUNK_BYTES = 1 << 18;

export interface ChunkSource {
  gzip: boolean;
  /** Size on disk when the read began. */
  size: number;
  chunks: AsyncGenerator<Buffer>;
  /** Problems met while reading (a truncated gzip...). */
  problems: string[];
  /** Set once the read stopped at `maxBytes` with more text to come (a gzip that inflates past the cap). */
  capped: boolean;
}

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Most deflate can compress (its format's limit). */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Bytes a search of `path` reads: its size, or for a gzip file the length of its text, which the
 * gzip trailer records (modulo 4 GiB, and for the last member only: an estimate). A trailer claiming
 * more than deflate can compress (about 1,032 to 1: the file is cut, say) is not believed.
 */
export async function readSize(path: string, size: number): Promise<number> {
  if (size < 18) return size;
  const fh = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const tail = Buffer.alloc(4);
    await fh.read(head, 0, 2, 0);
    if (head[0] !== 0x1f || head[1] !== 0x8b) return size;
    await fh.read(tail, 0, 4, size - 4);
    return believedSize(size, tail.readUInt32LE(0));
  } finally {
    await fh.close();
  }
}

/** `readSize`, synchronously: for the workspace walk, one file after another from the page cache. */
export function readSizeSync(path: string, size: number): number {
  if (size < 18) return size;
  const fd = fs.openSync(path, 'r');
  try {
    const head = gzipHeadSync(fd, size);
    return head.gzip ? believedSize(size, head.told) : size;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether the open file `fd` of `size` bytes is gzip (by its magic bytes), and the length of text its
 * trailer tells (its last member's, modulo 4 GiB, not checked: Infinity when the file is too short to
 * hold a trailer).
 */
export function gzipHeadSync(fd: number, size: number): { gzip: boolean; told: number } {
  const head = Buffer.alloc(2);
  const gzip = size >= 2 && fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip || size < 18) return { gzip, told: Infinity };
  const tail = Buffer.alloc(4);
  return { gzip, told: fs.readSync(fd, tail, 0, 4, size - 4) === 4 ? tail.readUInt32LE(0) : Infinity };
}

function believedSize(size: number, inflated: number): number {
  return inflated > size * MAX_DEFLATE_RATIO ? size : Math.max(size, inflated);
}

/**
 * Opens `path` for chunked reading from byte `start` (of the decompressed stream for gzip files).
 * At most `maxBytes` of text are read (counted from the start of the text, inflated bytes for gzip):
 * a gzip stops inflating there, so 88 MB that inflate to 20 GB cost what the cap allows, no more.
 */
export async function openChunks(
  path: string,
  start = 0,
  chunkBytes = CHUNK_BYTES,
  maxBytes = Infinity,
): Promise<ChunkSource> {
  const stat = await fs.promises.stat(path);
  const gzip = stat.size >= 2 && (await isGzipFile(path));
  const problems: string[] = [];
  if (!gzip) {
    const end = Math.min(stat.size, maxBytes);
    const source: ChunkSource = {
      gzip,
      size: stat.size,
      problems,
      capped: end < stat.size,
      chunks: readPlain(path, start, end, chunkBytes),
    };
    if (source.capped) problems.push(`larger than the cap of ${mb(maxBytes)}: read its first ${mb(maxBytes)}`);
    return source;
  }
  const source: ChunkSource = { gzip, size: stat.size, problems, capped: false, chunks: (async function* () {})() };
  source.chunks = readGzip(path, start, chunkBytes, problems, maxBytes, () => (source.capped = true));
  return source;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
}

async function* readPlain(path: string, start: number, size: number, chunkBytes: number): AsyncGenerator<Buffer> {
  if (start >= size) return;
  const fh = await fs.promises.open(path, 'r');
  try {
    let pos = start;
    while (pos < size) {
      const want = Math.min(chunkBytes, size - pos);
      // A fresh buffer per chunk: the consumer may keep or transfer it.
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead <= 0) break; // the file shrank while read
      pos += bytesRead;
      yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function* readGzip(
  path: string,
  skip: number,
  chunkBytes: number,
  problems: string[],
  maxBytes: number,
  onCapped: () => void,
): AsyncGenerator<Buffer> {
  const input = fs.createReadStream(path, { highWaterMark: 1 << 18 });
  const stream = zlib.createGunzip({ chunkSize: 1 << 18 });
  input.on('error', (e) => stream.destroy(e));
  input.pipe(stream);
  let parts: Buffer[] = [];
  let held = 0;
  let toSkip = skip;
  /** Inflated bytes so far, skipped ones included: what the cap counts. */
  let inflated = 0;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let p = piece;
      if (inflated + p.length > maxBytes) {
        // The cap: keep what fits, stop inflating (the streams are destroyed below).
        p = p.subarray(0, Math.max(0, maxBytes - inflated));
        inflated += p.length;
        onCapped();
        problems.push(
          `inflates to more than the cap of ${mb(maxBytes)}: stopped inflating there, the rest is not indexed`,
        );
        if (p.length > toSkip) {
          parts.push(p.subarray(toSkip));
          held += p.length - toSkip;
        }
        break;
      }
      inflated += p.length;
      if (toSkip > 0) {
        if (p.length <= toSkip) {
          toSkip -= p.length;
          continue;
        }
        p = p.subarray(toSkip);
        toSkip = 0;
      }
      parts.push(p);
      held += p.length;
      if (held >= chunkBytes) {
        yield parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
        parts = [];
        held = 0;
      }
    }
  } catch (e) {
    problems.push(`the gzip data ends early or is damaged (${(e as Error).message}); indexed what could be read`);
  } finally {
    input.destroy();
    stream.destroy();
  }
  if (held > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
}
