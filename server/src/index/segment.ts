/**
 * A segment is the index of a run of lines of one file: for each key found there, the lines that
 * name it. Postings are parallel typed arrays grouped by key (ascending key id) and, within a key,
 * by line; a query binary-searches the key directory. A file is a list of segments, so a big file
 * becomes searchable chunk by chunk while it is read, and a growing file gets segments appended.
 *
 * Per posting: line (4 bytes, the high bit marks the entity's birth), column and length (4 bytes),
 * and the record's instant as an offset from the segment's base (4 bytes).
 */
import type { KeyTable } from './keyTable';
import { indexOfSorted } from '../util/search';

export const BIRTH_BIT = 0x80000000;
export const LINE_MASK = 0x7fffffff;
/** Instant offset meaning "no instant". */
export const NO_TIME = 0xffffffff;
const COL_BITS = 12;
const MAX_COL = (1 << (32 - COL_BITS)) - 1;
const MAX_LEN = (1 << COL_BITS) - 1;

export function packColumn(start: number, length: number): number {
  return ((Math.min(start, MAX_COL) << COL_BITS) | Math.min(length, MAX_LEN)) >>> 0;
}

export function columnStart(packed: number): number {
  return packed >>> COL_BITS;
}

export function columnLength(packed: number): number {
  return packed & MAX_LEN;
}

/** What an indexing job sends for one segment (structured-cloneable, arrays transferable). */
export interface SegmentPayload {
  /** First line covered and the line after the last. */
  firstLine: number;
  endLine: number;
  /** Offset in the decoded byte stream just past the segment's last line. */
  endByte: number;
  records: number;
  /** Local key ids are indexes into this list. */
  keys: string[];
  /** Postings of local key k are [keyStart[k], keyStart[k+1]). */
  keyStart: Uint32Array;
  lines: Uint32Array;
  columns: Uint32Array;
  times: Uint32Array;
  timeBase: number;
  /** Milliseconds per unit of `times` (1, or 1000 when the segment spans more than 49 days). */
  timeScale: number;
  /** Links stated in these lines, between local key ids. */
  links: Array<{ a: number; b: number; why: string; line: number }>;
}

export interface Segment {
  firstLine: number;
  endLine: number;
  endByte: number;
  /** Ascending global key ids. */
  keyIds: Uint32Array;
  keyStart: Uint32Array;
  lines: Uint32Array;
  columns: Uint32Array;
  times: Uint32Array;
  timeBase: number;
  timeScale: number;
}

/**
 * Turns a payload into a segment of the workspace index: local key ids become global ones, and the
 * posting groups are reordered by global id. Returns the links with global ids too.
 */
export function adoptSegment(
  p: SegmentPayload,
  keys: KeyTable,
): { segment: Segment; links: Array<{ a: number; b: number; why: string; line: number }> } {
  const k = p.keys.length;
  const global = new Uint32Array(k);
  for (let i = 0; i < k; i++) global[i] = keys.intern(p.keys[i]);
  // Keys that only appear in links have no postings: they are interned but not in the directory.
  const order: number[] = [];
  for (let i = 0; i < k; i++) if (p.keyStart[i + 1] > p.keyStart[i]) order.push(i);
  order.sort((x, y) => global[x] - global[y]);
  const n = p.lines.length;
  const keyIds = new Uint32Array(order.length);
  const keyStart = new Uint32Array(order.length + 1);
  const lines = new Uint32Array(n);
  const columns = new Uint32Array(n);
  const times = new Uint32Array(n);
  let at = 0;
  for (let j = 0; j < order.length; j++) {
    const local = order[j];
    keyIds[j] = global[local];
    keyStart[j] = at;
    const from = p.keyStart[local];
    const to = p.keyStart[local + 1];
    lines.set(p.lines.subarray(from, to), at);
    columns.set(p.columns.subarray(from, to), at);
    times.set(p.times.subarray(from, to), at);
    at += to - from;
  }
  keyStart[order.length] = at;
  const links = p.links.map((l) => ({ a: global[l.a], b: global[l.b], why: l.why, line: l.line }));
  return {
    segment: {
      firstLine: p.firstLine,
      endLine: p.endLine,
      endByte: p.endByte,
      keyIds,
      keyStart,
      lines: at === n ? lines : lines.slice(0, at),
      columns: at === n ? columns : columns.slice(0, at),
      times: at === n ? times : times.slice(0, at),
      timeBase: p.timeBase,
      timeScale: p.timeScale,
    },
    links,
  };
}

/** Posting range [from, to) of `keyId` in the segment, or undefined. */
export function findKey(seg: Segment, keyId: number): [number, number] | undefined {
  const at = indexOfSorted(seg.keyIds, keyId);
  return at < 0 ? undefined : [seg.keyStart[at], seg.keyStart[at + 1]];
}

/** Instant of posting i in ms, or NaN. */
export function instantAt(seg: Segment, i: number): number {
  const t = seg.times[i];
  return t === NO_TIME ? NaN : seg.timeBase + t * seg.timeScale;
}

export function segmentBytes(seg: Segment): number {
  return (
    seg.keyIds.byteLength +
    seg.keyStart.byteLength +
    seg.lines.byteLength +
    seg.columns.byteLength +
    seg.times.byteLength +
    SEGMENT_OBJECT_BYTES
  );
}

/** Rough size of a segment's object and typed-array headers. */
const SEGMENT_OBJECT_BYTES = 600;
