/**
 * Answers a query from content the index has not read yet, the way `grep -Fn` would: the raw bytes
 * are searched for the literal spellings of an entity with the native byte search, line numbers
 * come from counting line feeds up to each hit, and only the records around the lines that hold a
 * spelling are decoded and handed to a check (which runs the entity extractor on them: the words
 * that give an id its meaning may be on the record's first line). Reads a chunk at a time and lets
 * the event loop run in between, so the server keeps answering while it searches.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { gzipHeadSync, openChunks } from './source';
import { LiteralScanner } from './wasmScanner';

export interface ScanTarget {
  fileId: number;
  /** Read from this file (plain or gzip)... */
  path?: string;
  /** ...or search this text (an open document). */
  text?: string;
  /** Line and byte (of the decoded stream) where the unsearched part begins. */
  fromLine: number;
  fromByte: number;
  /** Most bytes of text read (inflated bytes for gzip): the index's caps. */
  maxBytes?: number;
  /** The file's format, when already known; its name, for recognising it otherwise. */
  formatId?: string;
  name?: string;
  /** Modification time (for year-less stamps) and size (to share the work out). */
  fileDateMs?: number;
  size?: number;
  /** Length of the text, when known (a gzip's inflated size, from the workspace walk). */
  textBytes?: number;
}

export interface ScanMatch {
  column: number;
  length: number;
  birth: boolean;
  key: string;
}

/** What the check finds in a record: offsets are in the record text. */
export interface RecordMatch {
  start: number;
  end: number;
  birth: boolean;
  key: string;
}

/** How records of a target begin, decided once per target from its first text. */
export interface ScanContext {
  isStart(line: string): boolean;
  formatId?: string;
  /** The rule ids the format declares (its definition's `entities`). */
  entities?: readonly string[];
}

/**
 * Which entity occurrences a record really holds (a spelling inside a longer number is not one).
 * `record` is the record's text up to the end of the line that holds a spelling.
 */
export type RecordCheck = (record: string, context: ScanContext | undefined, target: ScanTarget) => RecordMatch[];

export interface ScanHit extends ScanMatch {
  fileId: number;
  line: number;
  /** The line's text (for its time stamp). */
  lineText: string;
  /** ms UTC, NaN when unknown. */
  instant: number;
}

export interface ScanOptions {
  isCancelled?: () => boolean;
  /**
   * How the bytes are searched: by the compiled scanner, every spelling in one pass over a buffer the
   * file is read into (the default), or by one native `indexOf` per spelling (the reference).
   */
  scanner?: 'compiled' | 'javascript';
  /** Told once per search when the compiled scanner was wanted but not used (why). */
  onScannerProblem?: (message: string) => void;
  /** Hits kept at most. */
  limit?: number;
  chunkBytes?: number;
}

export interface ScanResult {
  hits: ScanHit[];
  /** Why the compiled scanner was not used (part of) this search, if it was wanted and was not. */
  scannerProblem?: string;
  truncated: boolean;
  bytes: number;
  files: number;
}

const CHUNK = 4 << 20;
/** Files searched at once by one thread. */
const SCAN_LANES = 3;
/** Room kept in front of a chunk for the incomplete line of the chunk before. */
const CARRY_ROOM = 1 << 20;
/** Longest line decoded for the check; longer lines are cut. */
const MAX_LINE = 64 * 1024;
/** How far back the start of a record is looked for. */
const MAX_RECORD_LINES_BACK = 200;
const MAX_RECORD_BYTES_BACK = 64 * 1024;

/**
 * Searches `targets` for lines holding any of `needles`; `check` says which entity occurrences the
 * record of such a line holds on that line; `contextFor` tells how records begin in a target.
 */
export async function scanLiterals(
  targets: readonly ScanTarget[],
  needles: readonly string[],
  check: RecordCheck,
  options: ScanOptions & { contextFor?: (target: ScanTarget, head: string) => ScanContext | undefined } = {},
): Promise<ScanResult> {
  const result: ScanResult = { hits: [], truncated: false, bytes: 0, files: 0 };
  const patterns = [...new Set(needles.filter((n) => n.length > 0))].map((n) => Buffer.from(n, 'utf8'));
  if (patterns.length === 0) return result;
  const limit = options.limit ?? 10_000;
  // SCAN_LANES files at a time: while one waits for the disk or for gzip to inflate, another is searched.
  // Each file's hits are kept apart and joined in the order of the targets, so the answer is the same.
  const perTarget: ScanResult[] = targets.map(() => ({ hits: [], truncated: false, bytes: 0, files: 0 }));
  let next = 0;
  let found = 0;
  const runLane = async (): Promise<void> => {
    // One read buffer per lane for all its plain files (a fresh one per file is fresh memory to map).
    const lane: Lane = {};
    if ((options.scanner ?? 'compiled') === 'compiled') {
      const s = LiteralScanner.create(patterns, CARRY_ROOM + (options.chunkBytes ?? CHUNK) + GZIP_SLACK);
      if (typeof s === 'string') options.onScannerProblem?.(s);
      else {
        lane.scanner = s;
        // Files are read straight into the scanner's memory.
        lane.buffer = Buffer.from(s.input.buffer, s.input.byteOffset, CARRY_ROOM + (options.chunkBytes ?? CHUNK));
      }
    }
    while (next < targets.length && found <= limit && !options.isCancelled?.()) {
      const i = next++;
      const t = targets[i]!;
      const own = perTarget[i]!;
      own.files = 1;
      try {
        const run: Run = {
          target: t,
          patterns,
          check,
          result: own,
          limit,
          options,
          context: undefined,
          contextFor: options.contextFor,
          lineBytes: new Map(),
          lane,
        };
        if (t.text !== undefined) await scanText(run);
        else if (t.path !== undefined) await scanFile(run);
      } catch {
        // A file that vanished or cannot be read simply contributes nothing.
      }
      found += own.hits.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_LANES, targets.length) }, runLane));
  for (const own of perTarget) {
    if (own.files === 0) break;
    result.files++;
    result.bytes += own.bytes;
    for (const h of own.hits) {
      if (result.hits.length >= limit) {
        result.truncated = true;
        break;
      }
      result.hits.push(h);
    }
    if (own.truncated) result.truncated = true;
    if (result.truncated) break;
  }
  return result;
}

interface Run {
  target: ScanTarget;
  patterns: Buffer[];
  check: RecordCheck;
  result: ScanResult;
  limit: number;
  options: ScanOptions;
  context: ScanContext | undefined;
  contextFor: ((target: ScanTarget, head: string) => ScanContext | undefined) | undefined;
  /** File offset of the line of each hit whose line number is not counted yet. */
  lineBytes: Map<ScanHit, number>;
  /** The file's first text, until `contextOf` has worked out its context from it. */
  head?: Buffer;
  lane: Lane;
}

/** What the files searched one after another share. */
interface Lane {
  /** Read buffer of plain files: carry room + one chunk (the compiled scanner's input area, when it is used). */
  buffer?: Buffer;
  /** The compiled scanner for the search's spellings, while it works. */
  scanner?: LiteralScanner;
}

/** Room past a chunk in the scanner's input for a gzip chunk that came out a little longer. */
const GZIP_SLACK = 1 << 20;
/**
 * A gzip file of at most this many bytes on disk whose trailer says it inflates to at most
 * SMALL_GZIP_TEXT bytes (a log rotated by size: a few MB) is inflated in one synchronous call into one
 * buffer; any other, and any that fails that way (damaged, cut, of several members after all), is
 * inflated as a stream, which holds a chunk at a time and says what went wrong. Three lanes per thread
 * hold at most three such buffers.
 */
const SMALL_GZIP_BYTES = 8 << 20;
const SMALL_GZIP_TEXT = 32 << 20;

/**
 * Whether a gzip file of `size` bytes on disk, whose trailer says `told` bytes of text (its last
 * member's, modulo 4 GiB), is inflated in one call: small on disk, small by its trailer, and not cut by
 * the cap (the stream stops inflating there instead of inflating it all and failing).
 */
export function inflatesInOneCall(size: number, told: number, maxBytes = Infinity): boolean {
  return size >= 18 && size <= SMALL_GZIP_BYTES && told <= SMALL_GZIP_TEXT && told <= maxBytes;
}

/**
 * One file, opened once and read synchronously: on a worker thread nothing else waits, and a read
 * from the page cache costs less done here than handed to libuv's threads and back.
 */
async function scanFile(run: Run): Promise<void> {
  const fd = fs.openSync(run.target.path!, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const { gzip, told } = gzipHeadSync(fd, size);
    if (!gzip) return await scanPlainFile(run, fd, size);
    const text = inflatesInOneCall(size, told, run.target.maxBytes)
      ? inflateSmall(fd, size, told, run.target.maxBytes)
      : undefined;
    if (text) await scanInflated(run, text);
    else await scanChunks(run);
  } finally {
    fs.closeSync(fd);
  }
}

/** The text of a small gzip file in one buffer, or undefined when it must go the streaming way. */
function inflateSmall(fd: number, size: number, told: number, maxBytes = Infinity): Buffer | undefined {
  const packed = Buffer.allocUnsafe(size);
  if (fs.readSync(fd, packed, 0, size, 0) !== size) return undefined;
  // More text than the cap (several members, the trailer naming the last one's) fails here: the stream
  // then reads up to the cap and says so.
  const most = Math.min(SMALL_GZIP_TEXT, maxBytes);
  // Output in one piece of the size the trailer gives (its last member's: more pieces if there are
  // more members): zlib's 16 KB pieces, joined at the end, cost a third more.
  try {
    return zlib.gunzipSync(packed, {
      maxOutputLength: most,
      chunkSize: Math.max(64 * 1024, Math.min(most, told + 1)),
    });
  } catch {
    return undefined;
  }
}

/** Gzip files: inflated chunks, each joined to the incomplete line before it. */
async function scanChunks(run: Run): Promise<void> {
  const { target: t, options } = run;
  const source = await openChunks(t.path!, t.fromByte, options.chunkBytes ?? CHUNK, t.maxBytes);
  let carry: Buffer | undefined;
  let line = t.fromLine;
  let first = true;
  for await (const chunk of source.chunks) {
    if (options.isCancelled?.()) break;
    run.result.bytes += chunk.length;
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      keepHead(run, buf);
    }
    // Whole lines only; the incomplete last one waits for the next chunk (unless it is huge).
    let end = buf.lastIndexOf(10) + 1;
    if (end === 0 && buf.length < CARRY_ROOM) {
      carry = buf;
      continue;
    }
    if (end === 0) end = buf.length;
    line = searchBuffer(run, buf, end, line);
    carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    if (run.result.truncated) return;
    await breathe();
  }
  if (carry && carry.length > 0 && !run.result.truncated) searchBuffer(run, carry, carry.length, line);
}

/** A small gzip file's whole text: searched a chunk of whole lines at a time, its hits numbered after. */
async function scanInflated(run: Run, text: Buffer): Promise<void> {
  const { target: t, options } = run;
  const chunk = options.chunkBytes ?? CHUNK;
  let pos = Math.min(t.fromByte, text.length);
  run.result.bytes += text.length - pos;
  keepHead(run, text.subarray(pos));
  while (pos < text.length && !options.isCancelled?.()) {
    const stop = Math.min(text.length, pos + chunk);
    let end = stop === text.length ? stop : text.lastIndexOf(10, stop - 1) + 1;
    if (end <= pos) {
      // A line longer than a chunk is searched whole, as far as the carry room reaches (as when streamed).
      const nl = text.indexOf(10, stop);
      end = Math.min(nl < 0 ? text.length : nl + 1, pos + chunk + CARRY_ROOM);
    }
    searchBuffer(run, text.subarray(pos, end), end - pos, 0, pos);
    pos = end;
    if (run.result.truncated) break;
    await breathe();
  }
  if (run.lineBytes.size > 0)
    numberLines(run, (buf, at) => text.copy(buf, 0, at, Math.min(text.length, at + buf.length)));
}

/**
 * Plain files: read a chunk at a time into one buffer (the compiled scanner's input area), the
 * incomplete last line of a chunk copied in front of the next. Between chunks the event loop runs
 * (cancel, pause, the other lanes). Lines are not counted while searching: most files hold no hit at
 * all, and in the others the line feeds are counted afterwards, only up to the last hit.
 */
async function scanPlainFile(run: Run, fd: number, fileSize: number): Promise<void> {
  const { target: t, options } = run;
  const chunk = options.chunkBytes ?? CHUNK;
  const size = Math.min(fileSize, t.maxBytes ?? Infinity);
  const buf = (run.lane.buffer ??= Buffer.allocUnsafe(CARRY_ROOM + chunk));
  let pos = t.fromByte;
  let carry = 0;
  let first = true;
  let regionStart = t.fromByte;
  while (pos < size && !options.isCancelled?.()) {
    const want = Math.min(chunk, size - pos);
    const n = fs.readSync(fd, buf, CARRY_ROOM, want, pos);
    if (n <= 0) break;
    pos += n;
    // A short read: the file was cut meanwhile, and this is its end.
    const last = pos >= size || n < want;
    run.result.bytes += n;
    const region = buf.subarray(CARRY_ROOM - carry, CARRY_ROOM + n);
    if (first) {
      first = false;
      keepHead(run, region);
    }
    let end = region.lastIndexOf(10) + 1;
    // The last chunk's last line needs no line feed; a line longer than the room is cut.
    if (last || region.length - end > CARRY_ROOM) end = region.length;
    searchBuffer(run, region, end, 0, regionStart);
    carry = region.length - end;
    regionStart += end;
    if (run.result.truncated || last) break;
    // The incomplete line moves to just before where the next chunk is read.
    if (carry > 0) buf.copyWithin(CARRY_ROOM - carry, CARRY_ROOM + n - carry, CARRY_ROOM + n);
    await breathe();
  }
  if (run.lineBytes.size > 0) numberLines(run, (into, at) => fs.readSync(fd, into, 0, into.length, at));
}

/**
 * Gives the hits of a file their line numbers: line feeds counted from the start up to the last hit,
 * reading the text again through `read` (bytes at a text offset into a buffer; how many it gave).
 */
function numberLines(run: Run, read: (into: Buffer, at: number) => number): void {
  const pending = [...run.lineBytes].sort((a, b) => a[1] - b[1]);
  run.lineBytes.clear();
  const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, pending[pending.length - 1][1] - run.target.fromByte)));
  let line = run.target.fromLine;
  let pos = run.target.fromByte;
  let k = 0;
  while (k < pending.length) {
    const want = Math.min(buf.length, pending[pending.length - 1][1] - pos);
    const n = want > 0 ? read(want === buf.length ? buf : buf.subarray(0, want), pos) : 0;
    // Every hit whose line starts inside this chunk (or right at its end) gets its number.
    for (let i = 0; ;) {
      const next = k < pending.length ? pending[k][1] - pos : Infinity;
      if (next > n) {
        line += countLineFeeds(buf, i, n);
        break;
      }
      line += countLineFeeds(buf, i, next);
      i = next;
      pending[k][0].line = line;
      k++;
    }
    if (n <= 0) break;
    pos += n;
  }
}

/**
 * Keeps the first 64 KB of a file's text: how its records begin is worked out from them only when a
 * spelling is found in it (most files searched hold none, and recognising a format costs a little).
 */
function keepHead(run: Run, bytes: Buffer): void {
  run.head = Buffer.from(bytes.subarray(0, 65_536));
}

/** How records of the file begin, worked out from its kept head on first need. */
function contextOf(run: Run): ScanContext | undefined {
  if (run.head) {
    const head = run.head;
    run.head = undefined;
    run.context = run.contextFor?.(run.target, isUtf8(head) ? head.toString('utf8') : head.toString('latin1'));
  }
  return run.context;
}

async function scanText(run: Run): Promise<void> {
  const { target: t, options } = run;
  const text = t.text!;
  run.context = run.contextFor?.(t, text.slice(0, 65_536));
  // Skip to the first unsearched line.
  let at = 0;
  for (let l = 0; l < t.fromLine && at >= 0; l++) {
    const nl = text.indexOf('\n', at);
    at = nl < 0 ? -1 : nl + 1;
  }
  if (at < 0) return;
  const needles = run.patterns.map((p) => p.toString('utf8'));
  const hitsAt = new Set<number>();
  for (const n of needles) {
    for (let i = text.indexOf(n, at); i >= 0; i = text.indexOf(n, i + 1)) {
      hitsAt.add(text.lastIndexOf('\n', i) + 1);
      if (hitsAt.size > run.limit * 4) break;
    }
  }
  run.result.bytes += text.length - at;
  let line = t.fromLine;
  let counted = at;
  for (const start of [...hitsAt].sort((a, b) => a - b)) {
    if (options.isCancelled?.()) return;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const nl = text.indexOf('\n', start);
    const lineEnd = nl < 0 ? text.length : Math.min(nl, start + MAX_LINE);
    // Back to the record's first line, for the words that give the id its meaning.
    let recStart = start;
    for (
      let back = 0;
      back < MAX_RECORD_LINES_BACK && recStart > 0 && start - recStart < MAX_RECORD_BYTES_BACK;
      back++
    ) {
      const lineText = stripCr(
        text.slice(recStart, text.indexOf('\n', recStart) < 0 ? text.length : text.indexOf('\n', recStart)),
      );
      if (!run.context || run.context.isStart(lineText)) break;
      recStart = recStart >= 2 ? text.lastIndexOf('\n', recStart - 2) + 1 : 0;
    }
    const prefix = text.slice(recStart, start).replace(/\r\n?/g, '\n');
    const lineText = stripCr(text.slice(start, lineEnd));
    if (!emit(run, prefix, lineText, line)) return;
  }
}

/**
 * Searches buf[0, end) (whole lines starting at line `line`); returns the line number after `end`.
 * With `baseByte` (the file offset of buf[0]) lines are not counted: hits get their line later.
 */
function searchBuffer(run: Run, buf: Buffer, end: number, line: number, baseByte = -1): number {
  const starts = compiledLineStarts(run, buf, end) ?? nativeLineStarts(run, buf, end);
  if (starts.length > 0) contextOf(run);
  let counted = 0;
  let prev = -1;
  for (const s of starts) {
    if (s === prev) continue;
    prev = s;
    if (baseByte < 0) {
      line += countLineFeeds(buf, counted, s);
      counted = s;
    }
    let e = buf.indexOf(10, s);
    if (e < 0 || e > end) e = end;
    const lineText = stripCr(decode(buf.subarray(s, Math.min(e, s + MAX_LINE))));
    // Back to the record's first line, within this chunk.
    let recStart = s;
    for (let back = 0; back < MAX_RECORD_LINES_BACK && recStart > 0 && s - recStart < MAX_RECORD_BYTES_BACK; back++) {
      const lineEnd = buf.indexOf(10, recStart);
      if (
        !run.context ||
        run.context.isStart(
          stripCr(decode(buf.subarray(recStart, lineEnd < 0 ? end : Math.min(lineEnd, recStart + MAX_LINE)))),
        )
      )
        break;
      recStart = recStart >= 2 ? buf.lastIndexOf(10, recStart - 2) + 1 : 0;
    }
    const prefix = recStart < s ? decode(buf.subarray(recStart, s)).replace(/\r\n?/g, '\n') : '';
    const before = run.result.hits.length;
    const more = emit(run, prefix, lineText, line);
    // Hits kept before the limit stopped the search get their line numbers too.
    if (baseByte >= 0)
      for (let k = before; k < run.result.hits.length; k++) run.lineBytes.set(run.result.hits[k], baseByte + s);
    if (!more) return line;
  }
  return baseByte >= 0 ? line : line + countLineFeeds(buf, counted, end);
}

/** Starts of the lines in buf[0, end) holding a spelling, ascending, by one `indexOf` per spelling. */
function nativeLineStarts(run: Run, buf: Buffer, end: number): number[] {
  const starts: number[] = [];
  for (const p of run.patterns) {
    for (let i = buf.indexOf(p); i >= 0 && i < end; i = buf.indexOf(p, i + 1)) {
      const s = buf.lastIndexOf(10, i) + 1;
      if (starts[starts.length - 1] !== s) starts.push(s);
      if (starts.length > run.limit * 4) break;
    }
  }
  if (run.patterns.length > 1) starts.sort((a, b) => a - b);
  return starts;
}

/**
 * The same by the compiled scanner, every spelling in one pass: over the buffer in place when it is
 * the scanner's input area (plain files are read into it), else copied in. Undefined when the scanner
 * is not used (or fails: the lane then goes on without it).
 */
function compiledLineStarts(run: Run, buf: Buffer, end: number): number[] | undefined {
  const s = run.lane.scanner;
  if (!s) return undefined;
  let from = 0;
  if (buf.buffer === s.input.buffer && buf.byteOffset >= s.input.byteOffset) {
    from = buf.byteOffset - s.input.byteOffset;
    if (from + end > s.input.length) return undefined;
  } else {
    if (end > s.input.length) return undefined;
    s.input.set(buf.subarray(0, end), 0);
  }
  const starts: number[] = [];
  for (let at = from; ;) {
    const r = s.pairs ? s.find(from + end, at) : s.scan(from + end, at, 0);
    if (r.count < 0) {
      run.lane.scanner = undefined;
      run.options.onScannerProblem?.(`the compiled scanner failed (${s.broken}); searched with indexOf`);
      return undefined;
    }
    const hits = s.hits;
    for (let k = 0; k < r.count; k++) {
      const i = hits[k * 3]! - from;
      const ls = buf.lastIndexOf(10, i) + 1;
      if (starts[starts.length - 1] !== ls) starts.push(ls);
    }
    if (r.more < 0 || starts.length > run.limit * 4) break;
    at = r.more;
  }
  return starts;
}

/** Runs the check on a record (`prefix` = its lines before the hit line) and keeps what is on the hit line. */
function emit(run: Run, prefix: string, lineText: string, line: number): boolean {
  let found: RecordMatch[];
  try {
    found = run.check(prefix + lineText, run.context, run.target);
  } catch {
    found = [];
  }
  for (const m of found) {
    if (m.start < prefix.length || m.start >= prefix.length + lineText.length) continue;
    if (run.result.hits.length >= run.limit) {
      run.result.truncated = true;
      return false;
    }
    run.result.hits.push({
      column: m.start - prefix.length,
      length: Math.min(m.end, prefix.length + lineText.length) - m.start,
      birth: m.birth,
      key: m.key,
      fileId: run.target.fileId,
      line,
      lineText,
      instant: NaN,
    });
  }
  return true;
}

function decode(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function countLineFeeds(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

function breathe(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
