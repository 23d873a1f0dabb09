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
    const inflated = tail.readUInt32LE(0);
    return inflated > size * MAX_DEFLATE_RATIO ? size : Math.max(size, inflated);
  } finally {
    await fh.close();
  }
}

/** Opens `path` for chunked reading from byte `start` (of the decompressed stream for gzip files). */
export async function openChunks(path: string, start = 0, chunkBytes = CHUNK_BYTES): Promise<ChunkSource> {
  const stat = await fs.promises.stat(path);
  const gzip = stat.size >= 2 && (await isGzipFile(path));
  const problems: string[] = [];
  if (!gzip) {
    return { gzip, size: stat.size, problems, chunks: readPlain(path, start, stat.size, chunkBytes) };
  }
  return { gzip, size: stat.size, problems, chunks: readGzip(path, start, chunkBytes, problems) };
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

async function* readGzip(path: string, skip: number, chunkBytes: number, problems: string[]): AsyncGenerator<Buffer> {
  const input = fs.createReadStream(path, { highWaterMark: 1 << 18 });
  const stream = zlib.createGunzip({ chunkSize: 1 << 18 });
  input.on('error', (e) => stream.destroy(e));
  input.pipe(stream);
  let parts: Buffer[] = [];
  let held = 0;
  let toSkip = skip;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let p = piece;
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
