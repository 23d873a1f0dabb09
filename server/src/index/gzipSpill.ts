/**
 * Windows onto gzip logs: a gzip stream cannot be entered in the middle, so its text is inflated once,
 * in one streamed pass (zlib, several members included, through `openChunks`), into a temporary plain
 * file that windows then read like any other (`fileWindow.ts`). The pass runs in the background: a
 * window waits only until the text holds its lines. The temporary files live in one folder of the
 * process, removed when it exits; a gzip file that changed on disk is inflated again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openChunks } from './source';

/** Text inflated at most per gzip file (the rest is not shown, and the window says so). */
export const SPILL_MAX_BYTES = 8 * 2 ** 30;
const CHUNK = 1 << 20;
const LF = 10;

export class GzipSpill {
  /** Bytes and lines of text written so far (lines: newlines seen). */
  bytes = 0;
  lines = 0;
  done = false;
  /** Set when inflating stopped at SPILL_MAX_BYTES. */
  capped = false;
  /** Problems of the gzip data (cut, damaged), and why the pass failed if it did. */
  readonly problems: string[] = [];
  error: string | undefined;
  private waiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    readonly gzipPath: string,
    /** The temporary plain file holding the text. */
    readonly textPath: string,
    /** Size and time of the gzip file when the pass began. */
    readonly stamp: string,
  ) {}

  /** Inflates the whole file into `textPath`, waking waiters after each chunk. */
  async run(maxBytes = SPILL_MAX_BYTES): Promise<void> {
    let out: fs.promises.FileHandle | undefined;
    try {
      out = await fs.promises.open(this.textPath, 'r+');
      const source = await openChunks(this.gzipPath, 0, CHUNK, maxBytes);
      for await (const chunk of source.chunks) {
        if (this.stopped) break;
        await out.write(chunk, 0, chunk.length, this.bytes);
        let n = 0;
        for (let p = chunk.indexOf(LF); p >= 0; p = chunk.indexOf(LF, p + 1)) n++;
        this.bytes += chunk.length;
        this.lines += n;
        this.wake();
      }
      this.capped = source.capped;
      this.problems.push(...source.problems);
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      await out?.close().catch(() => undefined);
      this.done = true;
      this.wake();
    }
  }

  /** Stops the pass (the file changed, or the process ends). */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Resolves once zero-based line `line` and `thenBytes` bytes after the text already written when
   * it was reached are in the text (a window around the line), or the pass ended.
   */
  async reach(line: number, thenBytes: number): Promise<void> {
    await this.until(() => this.lines > line);
    const mark = this.bytes + thenBytes;
    await this.until(() => this.bytes >= mark);
  }

  /** Resolves once the whole text is written. */
  async finished(): Promise<void> {
    await this.until(() => false);
  }

  private until(ready: () => boolean): Promise<void> {
    if (this.done || ready()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.done || ready()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}

/** The spills of the gzip files windows were asked of (a few at most; the oldest file is removed). */
export class GzipSpills {
  private readonly spills = new Map<string, GzipSpill>();
  private dir: string | undefined;
  private seq = 0;

  constructor(
    private readonly keep = 4,
    private readonly tempRoot = os.tmpdir(),
  ) {}

  /** The spill of a gzip file, started if needed (again if the file changed since). */
  async of(gzipPath: string): Promise<GzipSpill> {
    const st = await fs.promises.stat(gzipPath);
    const stamp = `${st.size}:${st.mtimeMs}`;
    let spill = this.spills.get(gzipPath);
    if (spill && spill.stamp !== stamp) {
      this.drop(gzipPath, spill);
      spill = undefined;
    }
    if (spill) {
      this.spills.delete(gzipPath);
      this.spills.set(gzipPath, spill); // most recent last
      return spill;
    }
    const dir = this.folder();
    const name = `${++this.seq}-${path
      .basename(gzipPath)
      .replace(/\.gz$/i, '')
      .replace(/[^\w.-]/g, '_')}`;
    spill = new GzipSpill(gzipPath, path.join(dir, name), stamp);
    fs.writeFileSync(spill.textPath, ''); // there (empty) before the pass opens it: line maps stat it at once
    this.spills.set(gzipPath, spill);
    void spill.run();
    while (this.spills.size > this.keep) {
      const [oldest, s] = this.spills.entries().next().value as [string, GzipSpill];
      this.drop(oldest, s);
    }
    return spill;
  }

  /** Removes every temporary file (the process ends). */
  dispose(): void {
    for (const s of this.spills.values()) s.stop();
    this.spills.clear();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private drop(gzipPath: string, spill: GzipSpill): void {
    spill.stop();
    this.spills.delete(gzipPath);
    // Removed once the pass has closed the file.
    void spill.finished().then(() => fs.promises.rm(spill.textPath, { force: true }).catch(() => undefined));
  }

  private folder(): string {
    if (!this.dir) {
      this.dir = fs.mkdtempSync(path.join(this.tempRoot, 'cc-logs-gunzip-'));
      const dir = this.dir;
      process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    }
    return this.dir;
  }
}
