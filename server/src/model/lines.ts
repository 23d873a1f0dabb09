/**
 * Line geometry of a text: where each line starts and ends, for texts of any size. Line ends are
 * LF, CRLF or a lone CR; the end offsets exclude them.
 */
import { lastAtOrBelow } from '../util/search';

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: Uint32Array;
  readonly count: number;

  constructor(readonly text: string) {
    let capacity = Math.max(16, (text.length >>> 6) + 16);
    let starts = new Uint32Array(capacity);
    let n = 0;
    starts[n++] = 0;
    const len = text.length;
    // Each search runs once per break found; a file without CRs must not rescan for one per line.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    let i = 0;
    while (i < len && (lf !== -1 || cr !== -1)) {
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else {
        next = lf + 1;
      }
      if (n === capacity) {
        capacity *= 2;
        const grown = new Uint32Array(capacity);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = next;
      i = next;
      if (lf !== -1 && lf < i) lf = text.indexOf('\n', i);
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
    }
    this.starts = starts.subarray(0, n);
    this.count = n;
  }

  start(line: number): number {
    return this.starts[line];
  }

  /** Offset just past the line's last character, before its line break. */
  end(line: number): number {
    const next = line + 1 < this.count ? this.starts[line + 1] : this.text.length;
    let e = next;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.end(line));
  }

  /** Line containing `offset` (binary search). */
  lineAt(offset: number): number {
    return lastAtOrBelow(this.starts, offset, this.count);
  }
}
