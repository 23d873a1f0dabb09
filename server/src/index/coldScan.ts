/**
 * Answers a query from content the index has not read yet, the way `grep -Fn` would: the raw bytes
 * are searched for the literal spellings of an entity with the native byte search, line numbers
 * come from counting line feeds up to each hit, and only the lines that hold a spelling are decoded
 * and handed to a check (which runs the entity extractor on them). Reads a chunk at a time and lets
 * the event loop run in between, so the server keeps answering while it searches.
 */
import { isUtf8 } from 'node:buffer';
import { openChunks } from './source';

export interface ScanTarget {
  fileId: number;
  /** Read from this file (plain or gzip)... */
  path?: string;
  /** ...or search this text (an open document). */
  text?: string;
  /** Line and byte (of the decoded stream) where the unsearched part begins. */
  fromLine: number;
  fromByte: number;
}

export interface ScanMatch {
  column: number;
  length: number;
  birth: boolean;
  key: string;
}

export interface ScanHit extends ScanMatch {
  fileId: number;
  line: number;
  /** The line's text (for the caller's time stamp). */
  lineText: string;
}

export interface ScanOptions {
  isCancelled?: () => boolean;
  /** Hits kept at most. */
  limit?: number;
  chunkBytes?: number;
}

export interface ScanResult {
  hits: ScanHit[];
  truncated: boolean;
  bytes: number;
  files: number;
}

const CHUNK = 4 << 20;
/** Longest line decoded for the check; longer lines are cut around the hit. */
const MAX_LINE = 64 * 1024;

/**
 * Searches `targets` for lines holding any of `needles`; `check` says which entity occurrences such a
 * line really holds (a spelling inside a longer number is not one).
 */
export async function scanLiterals(
  targets: readonly ScanTarget[],
  needles: readonly string[],
  check: (lineText: string, target: ScanTarget) => ScanMatch[],
  options: ScanOptions = {},
): Promise<ScanResult> {
  const result: ScanResult = { hits: [], truncated: false, bytes: 0, files: 0 };
  const patterns = [...new Set(needles.filter((n) => n.length > 0))].map((n) => Buffer.from(n, 'utf8'));
  if (patterns.length === 0) return result;
  const limit = options.limit ?? 10_000;
  for (const t of targets) {
    if (options.isCancelled?.() || result.truncated) break;
    result.files++;
    try {
      if (t.text !== undefined) await scanText(t, patterns, check, result, limit, options);
      else if (t.path !== undefined) await scanFile(t, patterns, check, result, limit, options);
    } catch {
      // A file that vanished or cannot be read simply contributes nothing.
    }
  }
  return result;
}

async function scanFile(
  t: ScanTarget,
  patterns: Buffer[],
  check: (lineText: string, target: ScanTarget) => ScanMatch[],
  result: ScanResult,
  limit: number,
  options: ScanOptions,
): Promise<void> {
  const source = await openChunks(t.path!, t.fromByte, options.chunkBytes ?? CHUNK);
  let carry: Buffer | undefined;
  let line = t.fromLine;
  for await (const chunk of source.chunks) {
    if (options.isCancelled?.()) break;
    result.bytes += chunk.length;
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    // Whole lines only; the incomplete last one waits for the next chunk (unless it is huge).
    let end = buf.lastIndexOf(10) + 1;
    if (end === 0 && buf.length < 4 * (options.chunkBytes ?? CHUNK)) {
      carry = buf;
      continue;
    }
    if (end === 0) end = buf.length;
    line = searchBuffer(buf, end, line, t, patterns, check, result, limit);
    carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    if (result.truncated) return;
    await breathe();
  }
  if (carry && carry.length > 0 && !result.truncated) searchBuffer(carry, carry.length, line, t, patterns, check, result, limit);
}

async function scanText(
  t: ScanTarget,
  patterns: Buffer[],
  check: (lineText: string, target: ScanTarget) => ScanMatch[],
  result: ScanResult,
  limit: number,
  options: ScanOptions,
): Promise<void> {
  const text = t.text!;
  // Skip to the first unsearched line.
  let at = 0;
  for (let l = 0; l < t.fromLine && at >= 0; l++) {
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? -1 : nl + 1;
  }
  if (at < 0) return;
  const needles = patterns.map((p) => p.toString('utf8'));
  const hitsAt = new Set<number>();
  for (const n of needles) {
    for (let i = text.indexOf(n, at); i >= 0; i = text.indexOf(n, i + 1)) {
      hitsAt.add(text.lastIndexOf('\n', i) + 1);
      if (hitsAt.size > limit * 4) break;
    }
  }
  result.bytes += text.length - at;
  let line = t.fromLine;
  let counted = at;
  for (const start of [...hitsAt].sort((a, b) => a - b)) {
    if (options.isCancelled?.()) return;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const nl = text.indexOf('\n', start);
    let lineText = text.slice(start, nl < 0 ? text.length : Math.min(nl, start + MAX_LINE));
    if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
    for (const m of safeCheck(check, lineText, t)) {
      if (result.hits.length >= limit) {
        result.truncated = true;
        return;
      }
      result.hits.push({ ...m, fileId: t.fileId, line, lineText });
    }
  }
}

/** Searches buf[0, end) (whole lines starting at line `line`); returns the line number after `end`. */
function searchBuffer(
  buf: Buffer,
  end: number,
  line: number,
  t: ScanTarget,
  patterns: Buffer[],
  check: (lineText: string, target: ScanTarget) => ScanMatch[],
  result: ScanResult,
  limit: number,
): number {
  const starts: number[] = [];
  for (const p of patterns) {
    for (let i = buf.indexOf(p); i >= 0 && i < end; i = buf.indexOf(p, i + 1)) {
      const s = buf.lastIndexOf(10, i) + 1;
      if (starts[starts.length - 1] !== s) starts.push(s);
      if (starts.length > limit * 4) break;
    }
  }
  if (patterns.length > 1) starts.sort((a, b) => a - b);
  let counted = 0;
  let prev = -1;
  for (const s of starts) {
    if (s === prev) continue;
    prev = s;
    line += countLineFeeds(buf, counted, s);
    counted = s;
    let e = buf.indexOf(10, s);
    if (e < 0 || e > end) e = end;
    const lineEnd = Math.min(e, s + MAX_LINE);
    let bytes = buf.subarray(s, lineEnd);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const lineText = isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
    for (const m of safeCheck(check, lineText, t)) {
      if (result.hits.length >= limit) {
        result.truncated = true;
        return line;
      }
      result.hits.push({ ...m, fileId: t.fileId, line, lineText });
    }
  }
  return line + countLineFeeds(buf, counted, end);
}

function countLineFeeds(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function safeCheck(check: (lineText: string, target: ScanTarget) => ScanMatch[], lineText: string, t: ScanTarget): ScanMatch[] {
  try {
    return check(lineText, t);
  } catch {
    return [];
  }
}

function breathe(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
