/**
 * The byte scanner of the indexing hot loop, in AssemblyScript (compiled to server/out/scanner.wasm by
 * scripts/build.mjs). It finds every occurrence of a set of literals (the entity anchors and flow-marker
 * literals of a log format, or the spellings of an id for the cold search) in a buffer of bytes at once,
 * with a WebAssembly SIMD prefilter in the style of Hyperscan's "Teddy": the first bytes of every literal
 * are spread over 8 buckets, each byte position of the fingerprint has a table of the buckets whose
 * literals can have that low nibble and one for the high nibble, and 16 positions are tested with two
 * table lookups (`i8x16.swizzle`) per fingerprint byte. Only positions some bucket accepts are compared
 * with that bucket's literals. Line feeds are counted on the way (a popcount of the block's bitmask), so
 * every hit comes with its line.
 *
 * Memory is laid out by the host (server/src/index/wasmScanner.ts): the literals and the input are
 * written into this module's memory, `compile` builds the tables, `scan` writes hits. Nothing here
 * allocates; every read and write is bounded by the sizes the host passes in.
 */

/** Most literals per set. */
const MAX_PATTERNS: i32 = 1024;
/** Offsets of the fixed areas (the host writes at the ones it is told by the getters). */
const PAT_TABLE: usize = 1024; // per literal: offset (u32) and length (u32) into PAT_BYTES
const BUCKETS: usize = PAT_TABLE + <usize>MAX_PATTERNS * 8; // 8 buckets: count (u32) then ids (u16)
const BUCKET_STRIDE: usize = 4 + <usize>MAX_PATTERNS * 2;
const MASKS: usize = BUCKETS + 8 * BUCKET_STRIDE; // 4 fingerprint bytes x (lo, hi) x 16
const SCRATCH: usize = MASKS + 4 * 32;
/** The byte pairs of `find`: per literal (at most MAX_PAIR_LITERALS) its id and two (offset, byte). */
const PAIRS: usize = SCRATCH + 64;
const MAX_PAIR_LITERALS: i32 = 4;
/** A literal's pair is taken from its first PAIR_SPAN bytes (the host keeps 128 readable bytes past the input). */
const PAIR_SPAN: i32 = 64;
const PAT_BYTES: usize = (PAIRS + <usize>MAX_PAIR_LITERALS * 16 + 15) & ~15;
const PAT_BYTES_CAP: usize = 64 * 1024;
const DATA: usize = PAT_BYTES + PAT_BYTES_CAP;

let patternCount: i32 = 0;
/** Bytes of the fingerprint (1 to 4: the shortest literal's length, at most 4). */
let fp: i32 = 0;
/** Where `scan` stopped when its output was full (-1: it ran to the end). */
let stopped: i32 = -1;
/** Line feeds in the part of the input scanned by the last call. */
let lineFeeds: i32 = 0;

export function patTable(): usize {
  return PAT_TABLE;
}
export function patBytes(): usize {
  return PAT_BYTES;
}
export function patBytesCap(): usize {
  return PAT_BYTES_CAP;
}
export function dataStart(): usize {
  return DATA;
}
export function maxPatterns(): i32 {
  return MAX_PATTERNS;
}
export function pairTable(): usize {
  return PAIRS;
}
export function maxPairLiterals(): i32 {
  return MAX_PAIR_LITERALS;
}
export function stoppedAt(): i32 {
  return stopped;
}
export function lines(): i32 {
  return lineFeeds;
}

function patOff(i: i32): usize {
  return <usize>load<u32>(PAT_TABLE + ((<usize>i) << 3));
}
function patLen(i: i32): i32 {
  return <i32>load<u32>(PAT_TABLE + ((<usize>i) << 3) + 4);
}

/**
 * Builds the bucket tables for the `n` literals the host wrote into the pattern table. Literals are
 * sorted by their first bytes and cut into 8 runs, so that a bucket holds literals with alike
 * fingerprints (fewer nibbles per table, fewer false candidates). Returns 0, or -1 when the table is bad.
 */
export function compile(n: i32): i32 {
  if (n < 0 || n > MAX_PATTERNS) return -1;
  patternCount = n;
  let shortest: i32 = 4;
  for (let i = 0; i < n; i++) {
    const len = patLen(i);
    const off = patOff(i);
    if (len <= 0 || off + <usize>len > PAT_BYTES_CAP) return -1;
    if (len < shortest) shortest = len;
  }
  fp = n == 0 ? 1 : shortest;
  memory.fill(MASKS, 0, 4 * 32);
  for (let b = 0; b < 8; b++) store<u32>(BUCKETS + <usize>b * BUCKET_STRIDE, 0);
  // Order the literals by their first fingerprint bytes (insertion sort into SCRATCH-free id list in bucket 7's room first).
  const order = BUCKETS + 7 * BUCKET_STRIDE + 4; // temporary list of ids, rewritten below
  for (let i = 0; i < n; i++) store<u16>(order + ((<usize>i) << 1), <u16>i);
  for (let i = 1; i < n; i++) {
    const id = load<u16>(order + ((<usize>i) << 1));
    const key = fingerprintKey(id);
    let j = i - 1;
    while (j >= 0 && fingerprintKey(load<u16>(order + ((<usize>j) << 1))) > key) {
      store<u16>(order + ((<usize>(j + 1)) << 1), load<u16>(order + ((<usize>j) << 1)));
      j--;
    }
    store<u16>(order + ((<usize>(j + 1)) << 1), id);
  }
  // Copy the order out of bucket 7's room before the buckets are filled (bucket 7 is filled last and
  // reads ids only from positions at or after its own writes).
  const per = (n + 7) / 8;
  for (let b = 0; b < 8; b++) {
    const base = BUCKETS + <usize>b * BUCKET_STRIDE;
    const bit: u32 = (<u32>1) << (<u32>b);
    let count: u32 = 0;
    const from = b * per;
    const to = min(n, from + per);
    for (let k = from; k < to; k++) {
      const id = load<u16>(order + ((<usize>k) << 1));
      store<u16>(base + 4 + ((<usize>count) << 1), id);
      count++;
      const off = PAT_BYTES + patOff(id);
      for (let p = 0; p < fp; p++) {
        const c = <u32>load<u8>(off + <usize>p);
        const lo = MASKS + <usize>p * 32 + <usize>(c & 15);
        const hi = MASKS + <usize>p * 32 + 16 + <usize>(c >> 4);
        store<u8>(lo, <u8>((<u32>load<u8>(lo)) | bit));
        store<u8>(hi, <u8>((<u32>load<u8>(hi)) | bit));
      }
    }
    store<u32>(base, count);
  }
  return 0;
}

function fingerprintKey(id: i32): u32 {
  const off = PAT_BYTES + patOff(id);
  const len = patLen(id);
  let key: u32 = 0;
  for (let p = 0; p < 4; p++) key = (key << 8) | (p < len ? <u32>load<u8>(off + <usize>p) : 0);
  return key;
}

/**
 * Scans `len` bytes at `input` (the host leaves at least 16 readable bytes after them) and writes each
 * occurrence of a literal as three i32 (offset, literal id, line feeds between `from` and it) at `out`,
 * at most `cap` hits; occurrences that end at or before `skipEnd` are not reported (they were reported
 * by the scan of the previous piece, whose tail starts this input). Scanning starts at `from`. Returns
 * the number of hits; when the output is full, `stoppedAt()` tells where to scan again from (the hits
 * of that position are all left to that call: `cap` must exceed the number of literals).
 */
export function scan(input: usize, len: i32, from: i32, skipEnd: i32, out: usize, cap: i32): i32 {
  stopped = -1;
  lineFeeds = 0;
  if (len <= 0 || from >= len) return 0;
  let hits: i32 = 0;
  let lf: i32 = 0;
  let lastPos: i32 = -1;
  let firstAtPos: i32 = 0;
  const nl = i8x16.splat(10);
  const nib = i8x16.splat(15);
  const m0l = v128.load(MASKS);
  const m0h = v128.load(MASKS + 16);
  const m1l = v128.load(MASKS + 32);
  const m1h = v128.load(MASKS + 48);
  const m2l = v128.load(MASKS + 64);
  const m2h = v128.load(MASKS + 80);
  const m3l = v128.load(MASKS + 96);
  const m3h = v128.load(MASKS + 112);
  const f = fp;
  let i: i32 = max(0, from);
  while (i < len) {
    const at = input + <usize>i;
    const v0 = v128.load(at);
    const rest: u32 = u32(len - i);
    const valid: u32 = rest >= 16 ? 0xffff : (u32(1) << rest) - 1;
    const nlBits = i8x16.bitmask(i8x16.eq(v0, nl)) & valid;
    let c = v128.and(i8x16.swizzle(m0l, v128.and(v0, nib)), i8x16.swizzle(m0h, i8x16.shr_u(v0, 4)));
    if (f > 1) {
      const v1 = v128.load(at + 1);
      c = v128.and(c, v128.and(i8x16.swizzle(m1l, v128.and(v1, nib)), i8x16.swizzle(m1h, i8x16.shr_u(v1, 4))));
      if (f > 2) {
        const v2 = v128.load(at + 2);
        c = v128.and(c, v128.and(i8x16.swizzle(m2l, v128.and(v2, nib)), i8x16.swizzle(m2h, i8x16.shr_u(v2, 4))));
        if (f > 3) {
          const v3 = v128.load(at + 3);
          c = v128.and(c, v128.and(i8x16.swizzle(m3l, v128.and(v3, nib)), i8x16.swizzle(m3h, i8x16.shr_u(v3, 4))));
        }
      }
    }
    let cand: u32 = i8x16.bitmask(i8x16.ne(c, i8x16.splat(0))) & valid;
    if (cand != 0) {
      v128.store(SCRATCH, c);
      while (cand != 0) {
        const j = <i32>ctz(cand);
        cand &= cand - 1;
        const pos = i + j;
        let buckets = <u32>load<u8>(SCRATCH + <usize>j);
        while (buckets != 0) {
          const b = <usize>ctz(buckets);
          buckets &= buckets - 1;
          const base = BUCKETS + b * BUCKET_STRIDE;
          const count = <i32>load<u32>(base);
          for (let k = 0; k < count; k++) {
            const id = <i32>load<u16>(base + 4 + ((<usize>k) << 1));
            const plen = patLen(id);
            if (pos + plen > len || pos + plen <= skipEnd) continue;
            if (!same(input + <usize>pos, PAT_BYTES + patOff(id), plen)) continue;
            if (pos != lastPos) {
              lastPos = pos;
              firstAtPos = hits;
            }
            if (hits >= cap) {
              // Full: the hits of this position are dropped and found again by the next call from it.
              stopped = pos;
              lineFeeds = lf + <i32>popcnt(nlBits & (((<u32>1) << (<u32>j)) - 1));
              return firstAtPos;
            }
            const o = out + <usize>hits * 12;
            store<i32>(o, pos);
            store<i32>(o + 4, id);
            store<i32>(o + 8, lf + <i32>popcnt(nlBits & (((<u32>1) << (<u32>j)) - 1)));
            hits++;
          }
        }
      }
    }
    lf += <i32>popcnt(nlBits);
    i += 16;
  }
  lineFeeds = lf;
  return hits;
}

let pairCount: i32 = 0;

/**
 * Readies `find` for the first `n` literals (at most 4) of the pattern table, with the two bytes per
 * literal the host chose (its rarest) and wrote into the pair table as four i32: offset 1, byte 1,
 * offset 2, byte 2, each offset inside the literal and under PAIR_SPAN. Returns 0, or -1 when the
 * table is bad.
 */
export function compilePairs(n: i32): i32 {
  if (n < 1 || n > MAX_PAIR_LITERALS || n > patternCount) return -1;
  for (let k = 0; k < n; k++) {
    const at = PAIRS + ((<usize>k) << 4);
    const len = patLen(k);
    const o1 = load<i32>(at);
    const o2 = load<i32>(at + 8);
    const span = min(len, PAIR_SPAN);
    if (o1 < 0 || o2 < 0 || o1 >= span || o2 >= span) return -1;
    if (<i32>load<u8>(PAT_BYTES + patOff(k) + <usize>o1) != load<i32>(at + 4)) return -1;
    if (<i32>load<u8>(PAT_BYTES + patOff(k) + <usize>o2) != load<i32>(at + 12)) return -1;
  }
  pairCount = n;
  return 0;
}

/**
 * The same hits as `scan` (offset, literal id; no line feeds counted: the third i32 is 0) for a set of one
 * to four literals, found the way memchr's "packed pair" search does: 32 positions at a time are
 * tested for two bytes of each literal at their offsets (two compares per literal and 16 bytes), and
 * only positions where both bytes match are compared with the literal. Much faster than the bucket
 * tables of `scan` when the literals are few, as in a search for the spellings of one id.
 */
export function find(input: usize, len: i32, from: i32, out: usize, cap: i32): i32 {
  stopped = -1;
  lineFeeds = 0;
  if (len <= 0 || from >= len || pairCount == 0) return 0;
  const n = pairCount;
  let hits: i32 = 0;
  // The first literal's pair in locals (the common case is one literal); the others are read per block.
  const a1 = <usize>load<i32>(PAIRS);
  const a2 = <usize>load<i32>(PAIRS + 8);
  const x1 = i8x16.splat(<i8>load<i32>(PAIRS + 4));
  const x2 = i8x16.splat(<i8>load<i32>(PAIRS + 12));
  let i: i32 = max(0, from);
  while (i < len) {
    const at = input + <usize>i;
    let e0 = v128.and(i8x16.eq(v128.load(at + a1), x1), i8x16.eq(v128.load(at + a2), x2));
    let e1 = v128.and(i8x16.eq(v128.load(at + 16 + a1), x1), i8x16.eq(v128.load(at + 16 + a2), x2));
    for (let k = 1; k < n; k++) {
      const p = PAIRS + ((<usize>k) << 4);
      const o1 = <usize>load<i32>(p);
      const o2 = <usize>load<i32>(p + 8);
      const y1 = i8x16.splat(<i8>load<i32>(p + 4));
      const y2 = i8x16.splat(<i8>load<i32>(p + 12));
      e0 = v128.or(e0, v128.and(i8x16.eq(v128.load(at + o1), y1), i8x16.eq(v128.load(at + o2), y2)));
      e1 = v128.or(e1, v128.and(i8x16.eq(v128.load(at + 16 + o1), y1), i8x16.eq(v128.load(at + 16 + o2), y2)));
    }
    if (v128.any_true(v128.or(e0, e1))) {
      let cand: u32 = (<u32>i8x16.bitmask(e0)) | ((<u32>i8x16.bitmask(e1)) << 16);
      while (cand != 0) {
        const pos = i + <i32>ctz(cand);
        cand &= cand - 1;
        if (pos >= len) break;
        const firstAtPos = hits;
        for (let k = 0; k < n; k++) {
          const plen = patLen(k);
          if (pos + plen > len) continue;
          if (!same(input + <usize>pos, PAT_BYTES + patOff(k), plen)) continue;
          if (hits >= cap) {
            // Full: the hits of this position are dropped and found again by the next call from it.
            stopped = pos;
            return firstAtPos;
          }
          const o = out + <usize>hits * 12;
          store<i32>(o, pos);
          store<i32>(o + 4, k);
          store<i32>(o + 8, 0);
          hits++;
        }
      }
    }
    i += 32;
  }
  return hits;
}

function same(a: usize, b: usize, n: i32): bool {
  let k: i32 = 0;
  while (k + 4 <= n) {
    if (load<u32>(a + <usize>k) != load<u32>(b + <usize>k)) return false;
    k += 4;
  }
  while (k < n) {
    if (load<u8>(a + <usize>k) != load<u8>(b + <usize>k)) return false;
    k++;
  }
  return true;
}

/** Line feeds in [from, to) of `input`, 16 bytes at a time. */
export function countLines(input: usize, from: i32, to: i32): i32 {
  let n: i32 = 0;
  let i = from;
  const nl = i8x16.splat(10);
  while (i + 16 <= to) {
    n += <i32>popcnt(i8x16.bitmask(i8x16.eq(v128.load(input + <usize>i), nl)));
    i += 16;
  }
  while (i < to) {
    if (load<u8>(input + <usize>i) == 10) n++;
    i++;
  }
  return n;
}
