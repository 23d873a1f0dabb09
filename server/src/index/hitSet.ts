/**
 * The lines a query found, as parallel typed arrays rather than one object per line: an entity
 * like a media routing domain is named on hundreds of thousands of lines, and answering must stay
 * within milliseconds. Ordering by time picks the earliest `limit` hits with a native sort of the
 * instants before sorting only those.
 */
import { grow } from '../util/arrays';
import { BIRTH_BIT, columnLength, columnStart, LINE_MASK, NO_TIME, packColumn, type Segment } from './segment';

export const NO_KEY = 0xffffffff;

export class HitSet {
  count = 0;
  /** More hits exist than were collected. */
  truncated = false;
  fileIds: Uint32Array;
  lines: Uint32Array;
  /** Packed column start and length (see packColumn). */
  columns: Uint32Array;
  instants: Float64Array;
  births: Uint8Array;
  keyIds: Uint32Array;

  constructor(capacity = 64) {
    const n = Math.max(16, capacity);
    this.fileIds = new Uint32Array(n);
    this.lines = new Uint32Array(n);
    this.columns = new Uint32Array(n);
    this.instants = new Float64Array(n);
    this.births = new Uint8Array(n);
    this.keyIds = new Uint32Array(n);
  }

  /** Adds postings [from, from + n) of key `keyId` in a segment of file `fileId`. */
  append(fileId: number, keyId: number, seg: Segment, from: number, n: number): void {
    while (this.count + n > this.lines.length) this.grow();
    const at = this.count;
    this.fileIds.fill(fileId, at, at + n);
    this.keyIds.fill(keyId, at, at + n);
    this.columns.set(seg.columns.subarray(from, from + n), at);
    const base = seg.timeBase;
    const scale = seg.timeScale;
    for (let j = 0; j < n; j++) {
      const raw = seg.lines[from + j];
      this.lines[at + j] = raw & LINE_MASK;
      this.births[at + j] = raw & BIRTH_BIT ? 1 : 0;
      const t = seg.times[from + j];
      this.instants[at + j] = t === NO_TIME ? NaN : base + t * scale;
    }
    this.count += n;
  }

  push(fileId: number, line: number, packedColumn: number, instant: number, birth: boolean, keyId: number): void {
    if (this.count === this.lines.length) this.grow();
    const i = this.count++;
    this.fileIds[i] = fileId;
    this.lines[i] = line;
    this.columns[i] = packedColumn;
    this.instants[i] = instant;
    this.births[i] = birth ? 1 : 0;
    this.keyIds[i] = keyId;
  }

  /** Adds a line found by text search (no key id): column and length as found. */
  pushFound(fileId: number, line: number, column: number, length: number, instant: number, birth: boolean): void {
    this.push(fileId, line, packColumn(column, length), instant, birth, NO_KEY);
  }

  column(i: number): number {
    return columnStart(this.columns[i]);
  }

  length(i: number): number {
    return columnLength(this.columns[i]);
  }

  /**
   * Sorts hits [from, count) by line, column and key and drops repeats (a file that grew is read
   * again from its last record, whose lines the index already had).
   */
  dedupeFrom(from: number): void {
    const n = this.count - from;
    if (n < 2) return;
    const order = Array.from({ length: n }, (_, k) => from + k).sort(
      (a, b) => this.lines[a] - this.lines[b] || this.columns[a] - this.columns[b] || this.keyIds[a] - this.keyIds[b],
    );
    const copy = (src: Uint32Array | Float64Array | Uint8Array) => order.map((i) => src[i]);
    const [f, l, c, t, b, k] = [
      copy(this.fileIds),
      copy(this.lines),
      copy(this.columns),
      copy(this.instants),
      copy(this.births),
      copy(this.keyIds),
    ];
    let w = from;
    for (let r = 0; r < n; r++) {
      if (r > 0 && l[r] === l[r - 1] && c[r] === c[r - 1] && k[r] === k[r - 1]) {
        if (b[r]) this.births[w - 1] = 1;
        continue;
      }
      this.fileIds[w] = f[r];
      this.lines[w] = l[r];
      this.columns[w] = c[r];
      this.instants[w] = t[r];
      this.births[w] = b[r];
      this.keyIds[w] = k[r];
      w++;
    }
    this.count = w;
  }

  /** Distinct lines and files, and the first and last instants. */
  summary(): { lines: number; files: number; first: number; last: number } {
    const n = this.count;
    const files = new Set<number>();
    let first = Infinity;
    let last = -Infinity;
    // One key's hits come in runs of ascending lines per file (as `append` adds them), so the same
    // line can only repeat next to itself; hits of several keys are sorted to find the repeats.
    let oneKey = true;
    for (let i = 1; i < n && oneKey; i++) if (this.keyIds[i] !== this.keyIds[0]) oneKey = false;
    const ids = oneKey ? undefined : new Float64Array(n);
    let lines = 0;
    for (let i = 0; i < n; i++) {
      const file = this.fileIds[i];
      if (ids) ids[i] = file * 4294967296 + this.lines[i];
      else if (i === 0 || this.lines[i] !== this.lines[i - 1] || file !== this.fileIds[i - 1]) lines++;
      if (i === 0 || file !== this.fileIds[i - 1]) files.add(file);
      const t = this.instants[i];
      if (t === t) {
        if (t < first) first = t;
        if (t > last) last = t;
      }
    }
    if (ids) {
      ids.sort();
      for (let i = 0; i < n; i++) if (i === 0 || ids[i] !== ids[i - 1]) lines++;
    }
    return { lines, files: files.size, first: first === Infinity ? NaN : first, last: last === -Infinity ? NaN : last };
  }

  /**
   * Indexes of at most `limit` hits in time order (hits without an instant last), ties by file
   * name, line and column. Only the hits that make the cut are sorted with a comparison.
   */
  /**
   * At most `limit` hits, in time order: when there are more, those nearest the request are kept (the
   * file it was made in, nearest lines first, then the hits nearest in time to its instant), so a big
   * file elsewhere never crowds out the lines beside the cursor.
   */
  orderNear(
    limit: number,
    near: { fileId: number | undefined; line: number; instant: number },
    nameOf: (fileId: number) => string,
  ): number[] {
    const n = this.count;
    if (n <= limit) return this.orderByTime(limit, nameOf);
    const score = new Float64Array(n);
    const known = near.instant === near.instant;
    for (let i = 0; i < n; i++) {
      if (this.fileIds[i] === near.fileId) score[i] = -1e15 + Math.abs(this.lines[i] - near.line);
      else {
        const t = this.instants[i];
        score[i] = known && t === t ? Math.abs(t - near.instant) : Number.MAX_VALUE;
      }
    }
    const chosen = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => score[a]! - score[b]! || a - b)
      .slice(0, limit);
    return this.sortByTime(chosen, nameOf);
  }

  orderByTime(limit: number, nameOf: (fileId: number) => string): number[] {
    const n = this.count;
    let chosen: number[];
    if (n <= limit) {
      chosen = Array.from({ length: n }, (_, i) => i);
    } else {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = this.instants[i] === this.instants[i] ? this.instants[i] : Infinity;
      const sorted = t.slice().sort();
      const threshold = sorted[limit - 1];
      chosen = [];
      for (let i = 0; i < n && chosen.length < limit; i++) if (t[i] < threshold) chosen.push(i);
      for (let i = 0; i < n && chosen.length < limit; i++) if (t[i] === threshold) chosen.push(i);
    }
    return this.sortByTime(chosen, nameOf);
  }

  private sortByTime(chosen: number[], nameOf: (fileId: number) => string): number[] {
    const names = new Map<number, string>();
    const name = (f: number): string => {
      let s = names.get(f);
      if (s === undefined) {
        s = nameOf(f);
        names.set(f, s);
      }
      return s;
    };
    return chosen.sort((a, b) => {
      const ta = this.instants[a];
      const tb = this.instants[b];
      const ka = ta === ta;
      const kb = tb === tb;
      if (ka !== kb) return ka ? -1 : 1;
      if (ka && ta !== tb) return ta - tb;
      if (this.fileIds[a] !== this.fileIds[b]) return name(this.fileIds[a]) < name(this.fileIds[b]) ? -1 : 1;
      return this.lines[a] - this.lines[b] || this.columns[a] - this.columns[b];
    });
  }

  private grow(): void {
    const n = this.lines.length * 2;
    this.fileIds = grow(this.fileIds, n);
    this.lines = grow(this.lines, n);
    this.columns = grow(this.columns, n);
    this.instants = grow(this.instants, n);
    this.births = grow(this.births, n);
    this.keyIds = grow(this.keyIds, n);
  }
}
