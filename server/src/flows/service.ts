/**
 * Keeps the flow status of every chat and agent up to date with the index: the index says when
 * results may have changed (a segment arrived, a file changed or went), the status is recomputed
 * on the next request after that (from the index, never from the files), and listeners hear of it
 * at most once a second.
 */
import type { IndexQuery } from '../index/query';
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
    readonly query: IndexQuery,
    readonly flows: readonly CompiledFlow[] = builtinFlows(),
    private readonly quietMs = 1000,
  ) {
    this.unsubscribe = query.onChange(() => this.changed());
  }

  /** The status of every chat and agent, recomputed when the index changed since the last call. */
  snapshot(): FlowsSnapshot {
    if (this.dirty || !this.snapshotCache) {
      this.dirty = false;
      // The previous snapshot goes first: two of them (tens of MB on a large bundle) need not live at once.
      this.snapshotCache = undefined;
      this.snapshotCache = computeFlowStatus(this.query, this.flows);
    }
    return this.snapshotCache;
  }

  /**
   * The last status computed, even if the index changed since (computed now when there is none): for the
   * problems of a document just opened, which need not wait for the status of every chat and agent (seconds
   * on a large bundle); listeners hear when a newer one is due.
   */
  current(): FlowsSnapshot {
    return this.snapshotCache ?? this.snapshot();
  }

  /** One chat or agent by any of its names (`contact:…`, `chatRoom:…`, `agent:icm:6420`). */
  subject(key: string): SubjectStatus | undefined {
    const snap = this.snapshot();
    const id = this.query.keyId(key);
    if (id < 0) return undefined;
    let at = snap.indexOfKey(id);
    if (at < 0)
      for (const k of this.query.entityKeys(id)) {
        at = snap.indexOfKey(k);
        if (at >= 0) break;
      }
    return at >= 0 ? snap.status(at) : undefined;
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer || this.waitingForIdle) return;
    if (this.query.busy) {
      // While a bundle is being indexed its postings change many times a second, and every listener
      // recomputes the status of every chat and agent (seconds on a 1 GiB bundle, on the server's main
      // thread): tell them once the index is idle.
      this.waitingForIdle = true;
      void this.query.whenIdle().then(() => {
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
