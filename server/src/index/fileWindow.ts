/**
 * Windows onto files too large to open whole: the lines of a file from line N, up to a few MB, read
 * from disk. A `LineMap` keeps a checkpoint (byte offset of a line start, its line number) about
 * every 256 KB, made by counting newlines once in a pass over the file (started on the first window,
 * extended as the file grows); a window at line N then reads at most one gap of 256 KB before its
 * lines. Plain files only: a gzip log's text is first inflated to a temporary file (`gzipSpill.ts`).
 */
import * as fs from 'node:fs';
import { decodeLogBytes } from '../model/textDecoding';

/** Bytes between two checkpoints at least. */
const CHECKPOINT_BYTES = 256 * 1024;
/** Bytes read at a time while counting lines. */
const SCAN_BYTES = 4 * 1024 * 1024;
const LF = 10;

export interface FileWindow {
  /** Zero-based file line of the window's first line, and how many lines it holds. */
  fromLine: number;
  lineCount: number;
  /** Byte range of the window in the file. */
  fromByte: number;
  toByte: number;
  text: string;
  /** Whether the last line was cut because one line alone exceeded the window. */
  cut: boolean;
}

interface Checkpoints {
  bytes: number[];
  lines: number[];
}

/** Line checkpoints of one file, built on demand as far as needed. */
export class LineMap {
  private points: Checkpoints = { bytes: [0], lines: [0] };
  /** Bytes and lines counted so far (the line count is of line starts at or before `scanned`). */
  private scanned = 0;
  private linesScanned = 0;
  private lastNewlineEnd = 0;
  private size = 0;
  private mtimeMs = 0;
  private scanning: Promise<void> | undefined;
  private scanTarget = 0;
  private lineTarget = 0;
  /** Bumped when the counts are dropped (the file was replaced): a pass under way stops. */
  private generation = 0;

  /** `growing`: whether the file is still being written (a gzip's text being inflated): no total yet. */
  constructor(
    readonly path: string,
    private readonly growing: () => boolean = () => false,
  ) {}

  /** Lines of the file when fully counted, else undefined. */
  get totalLines(): number | undefined {
    if (this.scanned < this.size || this.growing()) return undefined;
    return this.linesScanned + (this.lastNewlineEnd < this.size ? 1 : 0);
  }

  /** Changes when the file's size or time changes (what was read of it may be stale). */
  get version(): string {
    return `${this.size}:${this.mtimeMs}`;
  }

  get fileBytes(): number {
    return this.size;
  }

  /** Re-reads the file's size and time: a file that shrank or was replaced is counted again. */
  async refresh(): Promise<void> {
    const st = await fs.promises.stat(this.path);
    if (st.size < this.size || (st.mtimeMs !== this.mtimeMs && st.size === this.size && this.size > 0)) {
      this.points = { bytes: [0], lines: [0] };
      this.generation++;
      this.scanned = 0;
      this.linesScanned = 0;
      this.lastNewlineEnd = 0;
    }
    this.size = st.size;
    this.mtimeMs = st.mtimeMs;
  }

  /** Counts lines until line `line` has a known start (or the end of the file). */
  async ensureLine(line: number): Promise<void> {
    if (this.linesScanned < line && this.scanned < this.size) await this.scan({ line });
  }

  /** Counts lines up to byte `byte` at least. */
  async ensureByte(byte: number): Promise<void> {
    if (this.scanned < Math.min(byte, this.size)) await this.scan({ byte });
  }

  /** Counts the whole file (for the total line count), a few MB at a time. */
  async complete(): Promise<void> {
    await this.ensureByte(this.size);
  }

  /** The checkpoint at or before a line (by line) or a byte (by byte). */
  private checkpoint(value: number, by: 'line' | 'byte'): { byte: number; line: number } {
    const arr = by === 'line' ? this.points.lines : this.points.bytes;
    let lo = 0;
    let hi = arr.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (arr[mid] <= value) lo = mid;
      else hi = mid - 1;
    }
    return { byte: this.points.bytes[lo], line: this.points.lines[lo] };
  }

  /** Byte offset of the start of zero-based line `line` (clamped to the last line). */
  async byteOfLine(line: number): Promise<{ byte: number; line: number }> {
    await this.ensureLine(line);
    const total = this.totalLines;
    const target = total !== undefined ? Math.min(line, Math.max(0, total - 1)) : line;
    const cp = this.checkpoint(target, 'line');
    if (cp.line === target) return cp;
    let found = cp;
    await this.walk(cp, this.size, (byte, l) => {
      if (l !== target) return true;
      found = { byte, line: l };
      return false;
    });
    return found;
  }

  /** The zero-based line holding byte `byte`. */
  async lineOfByte(byte: number): Promise<number> {
    const b = Math.max(0, Math.min(byte, this.size));
    await this.ensureByte(b);
    const cp = this.checkpoint(b, 'byte');
    let line = cp.line;
    await this.walk(cp, b, (_byte, l) => {
      line = l;
      return true;
    });
    return line;
  }

  /**
   * Calls `visit` with the start and number of each line after `from`, up to byte `until`, reading
   * a chunk at a time, until it returns false.
   */
  private async walk(
    from: { byte: number; line: number },
    until: number,
    visit: (byte: number, line: number) => boolean,
  ): Promise<void> {
    let pos = from.byte;
    let line = from.line;
    while (pos < until) {
      const buf = await readAt(this.path, pos, Math.min(CHECKPOINT_BYTES, until - pos));
      if (buf.length === 0) return;
      for (let p = buf.indexOf(LF); p >= 0; p = buf.indexOf(LF, p + 1)) {
        line++;
        if (pos + p + 1 > until || !visit(pos + p + 1, line)) return;
      }
      pos += buf.length;
    }
  }

  /**
   * The lines from `fromLine`, as many as fit in `maxBytes` and `maxLines` (one line at least, cut
   * to `maxBytes` when it alone is longer).
   */
  async window(fromLine: number, maxBytes: number, maxLines: number): Promise<FileWindow> {
    const start = await this.byteOfLine(fromLine);
    const length = Math.max(0, Math.min(maxBytes, this.size - start.byte));
    const buf = await readAt(this.path, start.byte, length);
    let lines = 0;
    let end = 0;
    for (let p = buf.indexOf(LF); p >= 0 && lines < maxLines; p = buf.indexOf(LF, p + 1)) {
      lines++;
      end = p + 1;
    }
    let cut = false;
    if (start.byte + buf.length >= this.size && end < buf.length && lines < maxLines) {
      lines++; // the file's last line has no newline
      end = buf.length;
    } else if (lines === 0 && buf.length > 0) {
      lines = 1; // one line longer than the window: its first part
      end = buf.length;
      cut = true;
    }
    const body = buf.subarray(0, end);
    let text = decodeLogBytes(body).text;
    if (text.endsWith('\n')) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
    return {
      fromLine: start.line,
      lineCount: Math.max(1, lines),
      fromByte: start.byte,
      toByte: start.byte + end,
      text,
      cut,
    };
  }

  /**
   * The first line of a window of `maxBytes` centred on line `line` (by bytes), so the target has
   * half a window of lines above it where the file has them.
   */
  async windowStartAround(line: number, maxBytes: number, maxLines: number): Promise<number> {
    const target = await this.byteOfLine(line);
    const halfBytes = Math.floor(maxBytes / 2);
    const halfLines = Math.floor(maxLines / 2);
    if (target.byte <= halfBytes && target.line <= halfLines) return 0;
    const fromByte = Math.max(0, target.byte - halfBytes);
    let from = await this.lineOfByte(fromByte);
    // The line holding fromByte starts before it: begin with the next one, the target included.
    if (from < target.line) from++;
    return Math.max(from, target.line - halfLines, 0);
  }

  /**
   * Counts newlines until line `line` has a known start or up to byte `byte` at least: one pass
   * shared by every caller, which goes on as far as the furthest of them asked.
   */
  private async scan(target: { line?: number; byte?: number }): Promise<void> {
    if (target.byte !== undefined) this.scanTarget = Math.max(this.scanTarget, target.byte);
    if (target.line !== undefined) this.lineTarget = Math.max(this.lineTarget, target.line);
    while (this.wanted()) {
      this.scanning ??= this.scanLoop().finally(() => {
        this.scanning = undefined;
      });
      await this.scanning;
      // A caller may have raised the targets after the loop's last check: go on for it.
      if (target.line !== undefined && this.linesScanned >= target.line) return;
      if (target.byte !== undefined && this.scanned >= Math.min(target.byte, this.size)) return;
    }
  }

  private wanted(): boolean {
    return this.scanned < this.size && (this.scanned < this.scanTarget || this.linesScanned < this.lineTarget);
  }

  /**
   * The counting pass: reads SCAN_BYTES at a time into one buffer and finds the newlines with
   * `Buffer.indexOf` (memchr), keeping a checkpoint about every CHECKPOINT_BYTES. One buffer per pass:
   * a fresh 4 MB buffer per read made the garbage collector the main cost of a 1 GB count.
   */
  private async scanLoop(): Promise<void> {
    const fh = await fs.promises.open(this.path, 'r');
    try {
      const buf = Buffer.allocUnsafe(SCAN_BYTES);
      const generation = this.generation;
      while (this.wanted()) {
        const { bytes, lines } = this.points;
        const base = this.scanned;
        const want = Math.min(SCAN_BYTES, this.size - base);
        const { bytesRead } = await fh.read(buf, 0, want, base);
        if (generation !== this.generation) break;
        if (bytesRead <= 0) {
          this.size = base; // the file shrank under us
          break;
        }
        // The loop keeps its state in locals: one memchr per line and nothing else but a compare.
        const size = this.size;
        let count = this.linesScanned;
        let nextCheckpoint = bytes[bytes.length - 1] + CHECKPOINT_BYTES - base;
        let last = -1;
        for (let p = buf.indexOf(LF, 0); p >= 0 && p < bytesRead; p = buf.indexOf(LF, p + 1)) {
          count++;
          last = p;
          if (p + 1 >= nextCheckpoint && base + p + 1 < size) {
            bytes.push(base + p + 1);
            lines.push(count);
            nextCheckpoint = p + 1 + CHECKPOINT_BYTES;
          }
        }
        this.linesScanned = count;
        if (last >= 0) this.lastNewlineEnd = base + last + 1;
        this.scanned = base + bytesRead;
      }
    } finally {
      await fh.close();
    }
  }
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  if (length <= 0) return Buffer.alloc(0);
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await fh.read(buf, got, length - got, position + got);
      if (bytesRead <= 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export const readFileRange = readAt;

/** The line maps of the files windows were asked of, most recent last (a few at most). */
export class LineMaps {
  private readonly maps = new Map<string, LineMap>();

  constructor(private readonly keep = 8) {}

  async of(path: string, growing?: () => boolean): Promise<LineMap> {
    let m = this.maps.get(path);
    if (m) this.maps.delete(path);
    else m = new LineMap(path, growing);
    this.maps.set(path, m);
    while (this.maps.size > this.keep) this.maps.delete(this.maps.keys().next().value as string);
    await m.refresh();
    return m;
  }
}
