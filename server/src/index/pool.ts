/**
 * A pool of indexing worker threads (one per core, at most four), so the language server's own
 * thread stays free to answer hovers and references while files are read. Jobs wait in a queue;
 * urgent ones (open documents) go first. When worker threads cannot start (no bundle beside the
 * server, a sandbox), jobs run on the calling thread, one chunk at a time.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { entityAnchors, entityLiterals, extractEntities } from '../entities/extract';
import type { ScanResult } from './coldScan';
import type { Anchors, Extract, IndexJobSpec, JobSummary, Literals } from './indexer';
import { JobRunner, type FromWorker, type ToWorker } from './jobRunner';
import type { ScanRequest } from './scanCheck';
import { scanCost, shareOut } from './scanShares';
import type { SegmentPayload } from './segment';

export interface PoolJob {
  spec: IndexJobSpec;
  onSegment(p: SegmentPayload): void;
  onProgress?(bytes: number): void;
}

export interface JobHandle {
  readonly done: Promise<JobSummary>;
  cancel(): void;
}

export interface PoolOptions {
  /** Worker threads; default: available cores, at most 4. 0 runs jobs on this thread. */
  workers?: number;
  /** Extra format directories (user formats), read by each job's registry. */
  formatDirs?: () => string[];
  /**
   * Extractor for jobs run on this thread, and the literals one of which a record must hold to be
   * handed to it (workers load theirs from their entry file: `flows/indexWorker.ts`).
   */
  extract?: Extract;
  anchors?: Anchors;
  /** The literals whose places `extract` can take from the indexer (with the compiled scanner). */
  literals?: Literals;
  /** Worker entry file; default: found beside this module. */
  workerFile?: { file: string; execArgv: string[] };
  log?: (message: string) => void;
}

interface Pending {
  id: number;
  job: PoolJob;
  resolve(s: JobSummary): void;
  reject(e: Error): void;
  cancelled: boolean;
}

interface Slot {
  worker?: Worker;
  running?: Pending;
}

const MAX_RESTARTS = 5;

export class IndexPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private restarts = 0;
  /** Holders of a pause (searches): jobs go on when the last lets go. */
  private pauses = 0;
  private disposed = false;
  private inThread: { runner: JobRunner; running?: Pending } | undefined;
  private readonly formatDirs: () => string[];
  private readonly log: (message: string) => void;
  private readonly scans = new Map<number, { resolve(r: ScanResult): void; reject(e: Error): void; slot: Slot }>();

  constructor(private readonly options: PoolOptions = {}) {
    this.formatDirs = options.formatDirs ?? (() => []);
    this.log = options.log ?? (() => undefined);
    const wanted = options.workers ?? Math.max(1, Math.min(4, availableCores()));
    const entry = wanted > 0 ? (options.workerFile ?? findWorkerFile()) : undefined;
    if (wanted > 0 && entry) {
      for (let i = 0; i < wanted; i++) this.slots.push({});
    } else {
      this.useThisThread(wanted > 0 ? 'no worker entry file found beside the server' : undefined);
    }
  }

  /** Number of threads indexing (1 when running on this thread). */
  get threads(): number {
    return this.inThread ? 1 : this.slots.length;
  }

  get mode(): 'workers' | 'this thread' {
    return this.inThread ? 'this thread' : 'workers';
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.running).length + (this.inThread?.running ? 1 : 0);
  }

  submit(job: PoolJob, urgent = false): JobHandle {
    const p: Pending = { id: this.nextId++, job, resolve: () => undefined, reject: () => undefined, cancelled: false };
    const done = new Promise<JobSummary>((resolve, reject) => {
      p.resolve = resolve;
      p.reject = reject;
    });
    if (this.disposed) p.reject(new Error('the index pool is closed'));
    else {
      if (urgent) this.queue.unshift(p);
      else this.queue.push(p);
      this.dispatch();
    }
    return { done, cancel: () => this.cancel(p) };
  }

  /**
   * Searches files not indexed yet, shared out between the workers by size (running index jobs
   * wait meanwhile); on this thread when there are no workers. `isCancelled` is polled.
   */
  async scan(request: ScanRequest, isCancelled: () => boolean = () => false): Promise<ScanResult> {
    const empty: ScanResult = { hits: [], truncated: false, bytes: 0, files: 0 };
    if (request.targets.length === 0 || this.disposed) return empty;
    this.pause();
    try {
      if (this.inThread) {
        const id = this.nextId++;
        const timer = setInterval(() => isCancelled() && this.inThread?.runner.cancel(id), 20);
        try {
          return await this.inThread.runner.scan(id, request, this.formatDirs());
        } finally {
          clearInterval(timer);
        }
      }
      const costs = await Promise.all(request.targets.map(scanCost));
      const ids: number[] = [];
      const parts = shareOut(request.targets, costs, this.slots.length)
        .map((targets, i) => ({ targets, slot: this.slots[i] }))
        .filter(({ targets }) => targets.length > 0)
        .map(({ targets, slot }) => {
          const id = this.nextId++;
          ids.push(id);
          return new Promise<ScanResult>((resolve, reject) => {
            if (!slot.worker) slot.worker = this.spawn(slot);
            if (!slot.worker) {
              reject(new Error('no worker'));
              return;
            }
            this.scans.set(id, { resolve, reject, slot });
            slot.worker.ref();
            slot.worker.postMessage({
              type: 'scan',
              jobId: id,
              request: { ...request, targets },
              formatDirs: this.formatDirs(),
            } satisfies ToWorker);
          });
        });
      const timer = setInterval(() => {
        if (!isCancelled()) return;
        for (const id of ids)
          this.scans.get(id)?.slot.worker?.postMessage({ type: 'cancel', jobId: id } satisfies ToWorker);
      }, 20);
      try {
        const results = await Promise.all(parts);
        const merged: ScanResult = { hits: [], truncated: false, bytes: 0, files: 0 };
        for (const r of results) {
          merged.hits.push(...r.hits);
          merged.truncated ||= r.truncated;
          merged.bytes += r.bytes;
          merged.files += r.files;
          if (r.scannerProblem) merged.scannerProblem ??= r.scannerProblem;
        }
        if (merged.hits.length > request.limit) {
          merged.hits.length = request.limit;
          merged.truncated = true;
        }
        return merged;
      } finally {
        clearInterval(timer);
        for (const id of ids) this.scans.delete(id);
      }
    } finally {
      this.resume();
    }
  }

  /**
   * Starts every worker now and has it load the formats and the compiled scanner, so that the first
   * search (asked the moment a workspace opens, before any index job has started a worker) does not
   * wait for threads to start.
   */
  warm(): void {
    if (this.disposed || this.inThread) return;
    for (const slot of this.slots) {
      if (!slot.worker) slot.worker = this.spawn(slot);
      slot.worker?.postMessage({ type: 'warm', formatDirs: this.formatDirs() } satisfies ToWorker);
    }
  }

  /**
   * Holds running jobs between chunks, and starts no new one, while a search runs (it wants the disk
   * and the cores).
   */
  pause(): void {
    if (this.pauses++ > 0) return;
    this.broadcast({ type: 'pause' });
    this.inThread?.runner.pause();
  }

  resume(): void {
    if (this.pauses === 0 || --this.pauses > 0) return;
    this.broadcast({ type: 'resume' });
    this.inThread?.runner.resume();
    this.dispatch();
  }

  private get paused(): boolean {
    return this.pauses > 0;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const p of this.queue.splice(0)) p.resolve(cancelledSummary(p));
    const exits: Array<Promise<number>> = [];
    for (const s of this.slots) {
      if (s.running) this.cancel(s.running);
      if (s.worker) exits.push(s.worker.terminate());
      s.worker = undefined;
      if (s.running) s.running.resolve(cancelledSummary(s.running));
      s.running = undefined;
    }
    if (this.inThread?.running) this.inThread.runner.cancel(this.inThread.running.id);
    this.inThread?.runner.resume();
    await Promise.allSettled(exits);
  }

  private cancel(p: Pending): void {
    if (p.cancelled) return;
    p.cancelled = true;
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      p.resolve(cancelledSummary(p));
      return;
    }
    for (const s of this.slots)
      if (s.running === p) s.worker?.postMessage({ type: 'cancel', jobId: p.id } satisfies ToWorker);
    if (this.inThread?.running === p) this.inThread.runner.cancel(p.id);
  }

  private dispatch(): void {
    if (this.disposed || this.paused) return;
    if (this.inThread) {
      if (this.inThread.running || this.queue.length === 0) return;
      const p = this.queue.shift()!;
      this.runInThread(p);
      return;
    }
    for (const slot of this.slots) {
      if (slot.running || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      if (!this.start(slot, p)) {
        this.queue.unshift(p);
        return;
      }
    }
  }

  private start(slot: Slot, p: Pending): boolean {
    if (!slot.worker) {
      const w = this.spawn(slot);
      if (!w) return false;
      slot.worker = w;
    }
    slot.running = p;
    // A busy worker keeps the process alive; an idle one does not.
    slot.worker.ref();
    slot.worker.postMessage({
      type: 'index',
      jobId: p.id,
      spec: p.job.spec,
      formatDirs: this.formatDirs(),
    } satisfies ToWorker);
    return true;
  }

  private spawn(slot: Slot): Worker | undefined {
    const entry = this.options.workerFile ?? findWorkerFile();
    let w: Worker;
    try {
      if (!entry) throw new Error('no worker entry file');
      w = new Worker(entry.file, { execArgv: entry.execArgv });
    } catch (e) {
      this.useThisThread(`worker threads cannot start: ${(e as Error).message}`);
      return undefined;
    }
    w.unref();
    w.on('message', (m: FromWorker) => this.onMessage(slot, m));
    w.on('error', (e) => this.onWorkerGone(slot, w, `worker failed: ${e.message}`));
    w.on('exit', (code) => this.onWorkerGone(slot, w, `worker exited with code ${code}`));
    if (this.paused) w.postMessage({ type: 'pause' } satisfies ToWorker);
    return w;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === 'scanned') {
      const waiting = this.scans.get(m.jobId);
      if (!waiting) return;
      this.scans.delete(m.jobId);
      if (!slot.running) slot.worker?.unref();
      if (m.result) waiting.resolve(m.result);
      else waiting.reject(new Error(m.message ?? 'search failed'));
      return;
    }
    const p = slot.running;
    if (!p || p.id !== m.jobId) return;
    try {
      switch (m.type) {
        case 'segment':
          if (!p.cancelled) p.job.onSegment(m.segment);
          break;
        case 'progress':
          p.job.onProgress?.(m.bytes);
          break;
        case 'done':
          slot.running = undefined;
          if (![...this.scans.values()].some((x) => x.slot === slot)) slot.worker?.unref();
          p.resolve(m.summary);
          this.dispatch();
          break;
        case 'error':
          slot.running = undefined;
          if (![...this.scans.values()].some((x) => x.slot === slot)) slot.worker?.unref();
          p.reject(new Error(m.message));
          this.dispatch();
          break;
      }
    } catch (e) {
      this.log(`index result handling failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private onWorkerGone(slot: Slot, w: Worker, why: string): void {
    if (slot.worker !== w) return;
    slot.worker = undefined;
    const p = slot.running;
    slot.running = undefined;
    for (const [id, waiting] of this.scans) {
      if (waiting.slot !== slot) continue;
      this.scans.delete(id);
      waiting.reject(new Error(why));
    }
    if (this.disposed) return;
    this.log(why);
    if (p) p.reject(new Error(why));
    if (++this.restarts > MAX_RESTARTS) this.useThisThread(`workers failed ${this.restarts} times`);
    this.dispatch();
  }

  private useThisThread(why: string | undefined): void {
    if (this.inThread) return;
    if (why) this.log(`indexing on the server's own thread: ${why}`);
    // An extractor given without anchors (a stand-in in tests) is handed every record.
    const runner = this.options.extract
      ? new JobRunner(this.options.extract, this.options.anchors, this.options.literals)
      : new JobRunner(extractEntities, entityAnchors, entityLiterals);
    this.inThread = { runner };
    if (this.paused) this.inThread.runner.pause();
    for (const s of this.slots) {
      void s.worker?.terminate();
      s.worker = undefined;
      if (s.running) this.queue.unshift(s.running);
      s.running = undefined;
    }
    this.slots.length = 0;
  }

  private runInThread(p: Pending): void {
    const t = this.inThread!;
    t.running = p;
    t.runner
      .run(
        p.id,
        p.job.spec,
        this.formatDirs(),
        (s) => !p.cancelled && p.job.onSegment(s),
        (b) => p.job.onProgress?.(b),
      )
      .then(p.resolve, p.reject)
      .finally(() => {
        t.running = undefined;
        this.dispatch();
      });
  }

  private broadcast(m: ToWorker): void {
    for (const s of this.slots) s.worker?.postMessage(m);
  }
}

function cancelledSummary(p: Pending): JobSummary {
  return {
    fileId: p.job.spec.fileId,
    lines: 0,
    records: 0,
    postings: 0,
    bytes: 0,
    diskBytes: 0,
    formatId: null,
    encoding: 'utf-8',
    gzip: false,
    problems: [],
    cancelled: true,
  };
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * The worker's entry: `indexWorker.js` beside the bundled server, or `flows/indexWorker.ts` when
 * running from sources (tests), loaded through tsx.
 */
export function findWorkerFile(): { file: string; execArgv: string[] } | undefined {
  const bundled = path.join(__dirname, 'indexWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  // From source (tests): the entry one layer up, which gives the worker its extractor.
  const source = path.join(__dirname, '..', 'flows', 'indexWorker.ts');
  if (fs.existsSync(source)) {
    try {
      return { file: source, execArgv: ['--require', createRequire(__filename).resolve('tsx/cjs')] };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
