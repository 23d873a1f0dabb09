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

/** Every literal found in a chunk (anchors or not): offsets as in AnchorHits, and which literal. */
export interface LiteralHits extends AnchorHits {
  /** Index into the feed's `literals`. */
  id: Int32Array;
}

export class AnchorFeed {
  private readonly tail: Uint8Array;
  private tailLength = 0;
  private readonly hits: AnchorHits = { count: 0, start: new Int32Array(1024), end: new Int32Array(1024) };
  /** Every literal found, anchors included (only when `others` were asked for). */
  readonly all: LiteralHits = {
    count: 0,
    start: new Int32Array(1024),
    end: new Int32Array(1024),
    id: new Int32Array(1024),
  };
  private readonly isAnchor: Uint8Array;
  private readonly keepAll: boolean;

  private constructor(
    private readonly scanner: LiteralScanner,
    maxLength: number,
    /** The scanner's literals: the anchors, then the other literals asked for. */
    readonly literals: readonly string[],
    anchorCount: number,
    keepAll: boolean,
  ) {
    this.tail = new Uint8Array(Math.max(0, maxLength - 1));
    this.isAnchor = new Uint8Array(literals.length);
    this.isAnchor.fill(1, 0, anchorCount);
    this.keepAll = keepAll;
  }

  /**
   * A feed for `anchors` (ASCII literals) and, with `others`, further literals whose places are
   * wanted too (in `all`), or why there is none.
   */
  static create(anchors: readonly string[], others: readonly string[] = []): AnchorFeed | string {
    const list = [...new Set(anchors)];
    if (list.length === 0) return 'no anchors';
    const anchorCount = list.length;
    for (const o of new Set(others)) if (!list.includes(o)) list.push(o);
    if (list.some((a) => !/^[\x20-\x7e\t\r\n]+$/.test(a))) return 'a literal that is not ASCII';
    const maxLength = Math.max(...list.map((a) => a.length));
    const scanner = LiteralScanner.create(
      list.map((a) => Buffer.from(a, 'latin1')),
      ROOM + maxLength,
    );
    return typeof scanner === 'string'
      ? scanner
      : new AnchorFeed(scanner, maxLength, list, anchorCount, others.length > 0);
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
    this.all.count = 0;
    for (let at = 0; at < bytes.length; at += ROOM) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + ROOM));
      if (!this.scanPiece(piece, at)) return undefined;
    }
    if (utf8) {
      toUtf16Offsets(out, bytes);
      if (this.keepAll) toUtf16Offsets(this.all, bytes);
    }
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
    const all = this.all;
    room(out, out.count + count);
    if (this.keepAll) {
      room(all, all.count + count);
      if (all.id.length < all.start.length) {
        const id = new Int32Array(all.start.length);
        id.set(all.id.subarray(0, all.count));
        all.id = id;
      }
    }
    const h = this.scanner.hits;
    const lengths = this.scanner.literalLengths;
    const isAnchor = this.isAnchor;
    let k = out.count;
    let a = all.count;
    for (let i = 0; i < count; i++) {
      const pos = h[i * 3]! + shift;
      const id = h[i * 3 + 1]!;
      const end = pos + lengths[id]!;
      if (isAnchor[id] === 1) {
        out.start[k] = pos;
        out.end[k] = end;
        k++;
      }
      if (this.keepAll) {
        all.start[a] = pos;
        all.end[a] = end;
        all.id[a] = id;
        a++;
      }
    }
    out.count = k;
    all.count = a;
  }
}

function room(h: AnchorHits, n: number): void {
  if (n <= h.start.length) return;
  const size = Math.max(h.start.length * 2, n);
  const s2 = new Int32Array(size);
  const e2 = new Int32Array(size);
  s2.set(h.start.subarray(0, h.count));
  e2.set(h.end.subarray(0, h.count));
  h.start = s2;
  h.end = e2;
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
