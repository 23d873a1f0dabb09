/**
 * Runs index jobs with a format registry loaded once per set of format directories, and the
 * controls a job obeys (cancel, pause). Shared by the worker thread and the in-thread fallback.
 */
import { builtinFormatsDirectory, FormatRegistry } from '../formats/registry';
import type { ScanResult } from './coldScan';
import { runIndexJob, type Anchors, type Extract, type IndexJobSpec, type JobSummary, type Literals } from './indexer';
import { runScan, type ScanRequest } from './scanCheck';
import type { SegmentPayload } from './segment';
import { scannerModule } from './wasmScanner';

export class JobRunner {
  private registry: { key: string; value: FormatRegistry } | undefined;
  private readonly cancelled = new Set<number>();
  private paused: { promise: Promise<void>; release: () => void } | undefined;

  constructor(
    private readonly extract: Extract,
    private readonly anchors?: Anchors,
    private readonly literals?: Literals,
  ) {}

  async run(
    jobId: number,
    spec: IndexJobSpec,
    formatDirs: readonly string[],
    onSegment: (p: SegmentPayload) => void,
    onProgress: (bytes: number) => void,
  ): Promise<JobSummary> {
    try {
      return await runIndexJob(
        spec,
        {
          registry: this.registryFor(formatDirs),
          extract: this.extract,
          ...(this.anchors ? { anchors: this.anchors } : {}),
          ...(this.literals ? { literals: this.literals } : {}),
        },
        onSegment,
        {
          cancelled: () => this.cancelled.has(jobId),
          gate: () => this.paused?.promise,
          progress: onProgress,
        },
      );
    } finally {
      this.cancelled.delete(jobId);
    }
  }

  /** Searches files not indexed yet for the spellings of an entity. */
  async scan(jobId: number, request: ScanRequest, formatDirs: readonly string[]): Promise<ScanResult> {
    try {
      return await runScan(request, this.registryFor(formatDirs), this.extract, () => this.cancelled.has(jobId));
    } finally {
      this.cancelled.delete(jobId);
    }
  }

  /** Loads the formats of `formatDirs` and compiles the scanner now, not on the first job or search. */
  warm(formatDirs: readonly string[]): void {
    this.registryFor(formatDirs);
    scannerModule();
  }

  cancel(jobId: number): void {
    this.cancelled.add(jobId);
  }

  pause(): void {
    if (this.paused) return;
    let release = (): void => undefined;
    const promise = new Promise<void>((r) => (release = r));
    this.paused = { promise, release };
  }

  resume(): void {
    const p = this.paused;
    this.paused = undefined;
    p?.release();
  }

  private registryFor(dirs: readonly string[]): FormatRegistry {
    const key = JSON.stringify(dirs);
    if (this.registry?.key !== key)
      this.registry = { key, value: FormatRegistry.load([builtinFormatsDirectory(), ...dirs]) };
    return this.registry.value;
  }
}

/** Messages to a worker. */
export type ToWorker =
  | { type: 'index'; jobId: number; spec: IndexJobSpec; formatDirs: string[] }
  | { type: 'scan'; jobId: number; request: ScanRequest; formatDirs: string[] }
  | { type: 'cancel'; jobId: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Load what jobs and searches need (the formats, the compiled scanner) before the first arrives. */
  | { type: 'warm'; formatDirs: string[] };

/** Messages from a worker. */
export type FromWorker =
  | { type: 'segment'; jobId: number; segment: SegmentPayload }
  | { type: 'progress'; jobId: number; bytes: number }
  | { type: 'done'; jobId: number; summary: JobSummary }
  | { type: 'error'; jobId: number; message: string }
  | { type: 'scanned'; jobId: number; result?: ScanResult; message?: string };

/** The buffers of a payload, moved (not copied) to the receiving thread. */
export function transferList(p: SegmentPayload): ArrayBuffer[] {
  return [p.keyStart.buffer, p.lines.buffer, p.columns.buffer, p.times.buffer] as ArrayBuffer[];
}
