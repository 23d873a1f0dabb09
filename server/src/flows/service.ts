/**
 * Keeps the flow status of every chat and agent up to date with the index: the index says when
 * results may have changed (a segment arrived, a file changed or went), the status is recomputed
 * on the next request after that (from the index, never from the files), and listeners hear of it
 * at most once a second.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { builtinFlows } from './builtin';
import { computeFlowStatus, type FlowsSnapshot } from './status';
import type { CompiledFlow, SubjectStatus } from './types';

export class FlowService {
  private snapshotCache: FlowsSnapshot | undefined;
  private dirty = true;
  private timer: NodeJS.Timeout | undefined;
  private waitingForIdle = false;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly index: WorkspaceIndex,
    readonly flows: readonly CompiledFlow[] = builtinFlows(),
    private readonly quietMs = 1000,
  ) {
    this.unsubscribe = index.onChange(() => this.changed());
  }

  /** The status of every chat and agent, recomputed when the index changed since the last call. */
  snapshot(): FlowsSnapshot {
    if (this.dirty || !this.snapshotCache) {
      this.dirty = false;
      this.snapshotCache = computeFlowStatus(this.index, this.flows);
    }
    return this.snapshotCache;
  }

  /** One chat or agent by any of its names (`contact:…`, `chatRoom:…`, `agent:icm:6420`). */
  subject(key: string): SubjectStatus | undefined {
    const snap = this.snapshot();
    const direct = snap.subjects.find((s) => s.id === key || s.names.includes(key));
    if (direct) return direct;
    const id = this.index.keyId(key);
    if (id < 0) return undefined;
    const names = new Set(this.index.entityKeys(id).map((k) => this.index.keys.text(k)));
    return snap.subjects.find((s) => names.has(s.id));
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer || this.waitingForIdle) return;
    if (this.index.busy) {
      // While a bundle is being indexed its postings change many times a second, and every listener
      // recomputes the status of every chat and agent (seconds on a 1 GiB bundle, on the server's main
      // thread): tell them once the index is idle.
      this.waitingForIdle = true;
      void this.index.whenIdle().then(() => {
        this.waitingForIdle = false;
        this.changed();
      });
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const l of this.listeners) l();
    }, this.quietMs);
    this.timer.unref?.();
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
