/**
 * The anchors of a stream of bytes, found by the compiled scanner a chunk at a time for the record
 * splitter: each chunk is scanned behind the last bytes of the one before (so that an anchor cut by
 * the chunk boundary is found once, with the chunk it ends in), and the hits come out as offsets
 * relative to the chunk's first character: byte offsets are text offsets in chunks decoded one
 * character per byte (ASCII, Latin-1), and are turned into them in UTF-8 chunks (anchors are ASCII).
 */
import type { AnchorHits } from './records';
import { LiteralScanner } from './wasmScanner';

/** Bytes scanned per call: a decoded piece (64 KB) and what a decoder may hold back in front of it. */
const ROOM = (1 << 16) + 1024;

export class AnchorFeed {
  private readonly tail: Uint8Array;
  private tailLength = 0;
  private readonly hits: AnchorHits = { count: 0, start: new Int32Array(1024), end: new Int32Array(1024) };

  private constructor(
    private readonly scanner: LiteralScanner,
    maxLength: number,
  ) {
    this.tail = new Uint8Array(Math.max(0, maxLength - 1));
  }

  /** A feed for `anchors` (ASCII literals), or why there is none. */
  static create(anchors: readonly string[]): AnchorFeed | string {
    const list = [...new Set(anchors)];
    if (list.length === 0) return 'no anchors';
    if (list.some((a) => !/^[\x20-\x7e\t\r\n]+$/.test(a))) return 'an anchor that is not ASCII';
    const maxLength = Math.max(...list.map((a) => a.length));
    const scanner = LiteralScanner.create(
      list.map((a) => Buffer.from(a, 'latin1')),
      ROOM + maxLength,
    );
    return typeof scanner === 'string' ? scanner : new AnchorFeed(scanner, maxLength);
  }

  /** Why the scanner stopped working, if it did. */
  get broken(): string | undefined {
    return this.scanner.broken;
  }

  /**
   * The anchors in `bytes`, the next chunk of the stream (`utf8`: decoded as UTF-8 with characters of
   * several bytes); undefined when the scanner failed (it is not used again).
   */
  find(bytes: Uint8Array, utf8 = false): AnchorHits | undefined {
    const out = this.hits;
    out.count = 0;
    for (let at = 0; at < bytes.length; at += ROOM) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + ROOM));
      if (!this.scanPiece(piece, at)) return undefined;
    }
    if (utf8) toUtf16Offsets(out, bytes);
    return out;
  }

  private scanPiece(piece: Uint8Array, offset: number): boolean {
    const s = this.scanner;
    const t = this.tailLength;
    const len = t + piece.length;
    if (t > 0) s.input.set(this.tail.subarray(0, t), 0);
    s.input.set(piece, t);
    let from = 0;
    for (;;) {
      const r = s.scan(len, from, t);
      if (r.count < 0) return false;
      this.add(r.count, offset - t);
      if (r.more < 0) break;
      from = r.more;
    }
    const keep = Math.min(this.tail.length, len);
    this.tail.set(s.input.subarray(len - keep, len));
    this.tailLength = keep;
    return true;
  }

  private add(count: number, shift: number): void {
    const out = this.hits;
    if (out.count + count > out.start.length) {
      const n = Math.max(out.start.length * 2, out.count + count);
      const s2 = new Int32Array(n);
      const e2 = new Int32Array(n);
      s2.set(out.start.subarray(0, out.count));
      e2.set(out.end.subarray(0, out.count));
      out.start = s2;
      out.end = e2;
    }
    const h = this.scanner.hits;
    const lengths = this.scanner.literalLengths;
    let k = out.count;
    for (let i = 0; i < count; i++) {
      const pos = h[i * 3]! + shift;
      out.start[k] = pos;
      out.end[k] = pos + lengths[h[i * 3 + 1]!]!;
      k++;
    }
    out.count = k;
  }
}

/**
 * Turns the byte offsets of `hits` (ascending; negative ones begin in the chunk before, within an ASCII
 * anchor) into offsets of the UTF-16 text decoded from `bytes`: a character begins at every byte that
 * is not a UTF-8 continuation byte, and one of four bytes is two UTF-16 units.
 */
function toUtf16Offsets(hits: AnchorHits, bytes: Uint8Array): void {
  let b = 0;
  let c = 0;
  for (let i = 0; i < hits.count; i++) {
    const p = hits.start[i]!;
    if (p <= 0) continue;
    for (; b < p; b++) {
      const x = bytes[b]!;
      if ((x & 0xc0) !== 0x80) c++;
      if (x >= 0xf0) c++;
    }
    const length = hits.end[i]! - p;
    hits.start[i] = c;
    hits.end[i] = c + length;
  }
}
