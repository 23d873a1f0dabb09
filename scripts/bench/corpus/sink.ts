/**
 * Where a writer's records go: one file, or a series of rolled files (a new one once the current one
 * passes `rollBytes`, always at a record boundary, as the products roll their logs). Output is
 * buffered in chunks and written synchronously, so memory stays at one chunk per open file; files
 * chosen for gzip are compressed when they are closed (they are rolled files of a few MB).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export interface FileStat {
  /** Path relative to the corpus folder, with `/`. */
  path: string;
  /** Bytes of log text (before compression). */
  bytes: number;
  /** Bytes on disk. */
  diskBytes: number;
  lines: number;
  gzip: boolean;
}

export interface SinkOptions {
  root: string;
  /** Relative path of the n-th file of the series (n from 0). */
  name: (n: number) => string;
  /** Start a new file once the current one holds this many bytes; default: never. */
  rollBytes?: number;
  /** Whether the n-th file is written gzip-compressed (its name should end in .gz). */
  gzip?: (n: number) => boolean;
  /** Lines written at the top of each new file (dumplog date headers). */
  header?: (n: number) => string | undefined;
}

const CHUNK_CHARS = 1 << 20;

export class Sink {
  readonly files: FileStat[] = [];
  private parts: string[] = [];
  private partChars = 0;
  private fd = -1;
  private gzParts: Buffer[] | undefined;
  private current: FileStat | undefined;
  /** Characters handed to the sink so far (close to bytes: the text is nearly all ASCII). */
  written = 0;
  private currentChars = 0;
  private currentLines = 0;
  /** File and 0-based line of the record written last. */
  lastRecord = { path: '', line: 0, text: '' };

  constructor(private readonly options: SinkOptions) {}

  /** Appends one record (it may span lines; the final newline is added here). */
  write(record: string): void {
    if (!this.current) this.open();
    else if (this.options.rollBytes !== undefined && this.currentChars >= this.options.rollBytes) {
      this.closeCurrent();
      this.open();
    }
    this.lastRecord = { path: this.current!.path, line: this.currentLines, text: record };
    this.currentLines += 1 + countNewlines(record);
    this.parts.push(record, '\n');
    const n = record.length + 1;
    this.partChars += n;
    this.currentChars += n;
    this.written += n;
    if (this.partChars >= CHUNK_CHARS) this.flush();
  }

  /** Closes the current file; the next record starts a new one. */
  roll(): void {
    if (this.current) this.closeCurrent();
  }

  get fileCount(): number {
    return this.files.length;
  }

  close(): void {
    if (this.current) this.closeCurrent();
  }

  private open(): void {
    const n = this.files.length;
    const rel = this.options.name(n);
    const full = path.join(this.options.root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const gzip = this.options.gzip?.(n) ?? false;
    this.fd = fs.openSync(full, 'w');
    this.gzParts = gzip ? [] : undefined;
    this.current = { path: rel.split(path.sep).join('/'), bytes: 0, diskBytes: 0, lines: 0, gzip };
    this.files.push(this.current);
    this.currentChars = 0;
    this.currentLines = 0;
    const header = this.options.header?.(n);
    if (header !== undefined) {
      this.parts.push(header, '\n');
      this.partChars += header.length + 1;
      this.currentChars += header.length + 1;
      this.written += header.length + 1;
      this.currentLines += 1 + countNewlines(header);
    }
  }

  private flush(): void {
    if (this.partChars === 0 || !this.current) return;
    const text = this.parts.join('');
    this.parts = [];
    this.partChars = 0;
    const buf = Buffer.from(text, 'utf8');
    this.current.bytes += buf.length;
    this.current.lines += countNewlines(text);
    if (this.gzParts) this.gzParts.push(buf);
    else {
      writeAll(this.fd, buf);
      this.current.diskBytes += buf.length;
    }
  }

  private closeCurrent(): void {
    this.flush();
    if (this.gzParts && this.current) {
      const gz = zlib.gzipSync(Buffer.concat(this.gzParts), { level: 6 });
      writeAll(this.fd, gz);
      this.current.diskBytes = gz.length;
      this.gzParts = undefined;
    }
    fs.closeSync(this.fd);
    this.fd = -1;
    this.current = undefined;
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

function countNewlines(text: string): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i !== -1) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}
