/** A binary min-heap of timed entries: the merge of many concurrent flows into one time order. */
export interface Timed {
  t: number;
  /** Tie-breaker: equal times keep their scheduling order. */
  seq: number;
}

export class MinHeap<T extends Timed> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Timed, b: Timed): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** Callbacks run in time order: a writer's own periodic lines and noise flows. */
export class Timeline {
  private readonly heap = new MinHeap<Timed & { run: (t: number) => void }>();
  private seq = 0;

  at(t: number, run: (t: number) => void): void {
    this.heap.push({ t, seq: this.seq++, run });
  }

  get nextTime(): number {
    return this.heap.peek()?.t ?? Number.POSITIVE_INFINITY;
  }

  runNext(): void {
    const e = this.heap.pop();
    if (e) e.run(e.t);
  }
}
