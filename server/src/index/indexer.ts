/**
 * Indexes one log (a file read in chunks, or the text of an open document): finds its format on the
 * first 64 KB, cuts it into records with the format's record-start patterns, asks the entity
 * extractor what each record names, and hands on compact segments of postings as it goes. Runs the
 * same inside a worker thread or, as a fallback, on the calling thread. Knows no log format itself:
 * formats come from the registry, entities from the extractor.
 */
import type { Extraction } from '../entities/types';
import { matchHeaderAt, matchPatternAt, type CompiledFormat } from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';
import { detectFormat, textShape } from '../formats/sniff';
import { inferYear, YEAR_SCAN_CHARS, yearOfStamps } from '../model/logModel';
import type { TimeContext } from '../time/timestamp';
import type { TimeOptions } from '../time/options';
import { ChunkDecoder, type LogEncoding } from './decode';
import { RecordClock, type ClockState } from './recordClock';
import { headTester } from './headTime';
import { AnchorFeed } from './anchorFeed';
import { RecordSplitter, type LineRules, type RecordKind } from './records';
import { BIRTH_BIT, NO_TIME, packColumn, type SegmentPayload } from './segment';
import { CHUNK_BYTES, openChunks } from './source';
import { grow } from '../util/arrays';
import { KeyInterner } from './keyIntern';
import { lastAtOrBelow } from '../util/search';

/**
 * `entities`: the rule ids the record's format declares (its definition's `entities`); `literalsAt`:
 * where each literal of the `Literals` list for the same format first occurs in `text` (-1: nowhere),
 * when the indexer knows it (the compiled scanner found them), so that the extractor need not look.
 */
export type Extract = (
  text: string,
  formatId?: string,
  entities?: readonly string[],
  literalsAt?: ArrayLike<number>,
  /** Where each literal last occurs in `text` (given with `literalsAt`): no search for it goes further. */
  literalsLast?: ArrayLike<number>,
) => Extraction;
/** The literals the extractor looks for in records of `formatId` (the order `literalsAt` follows). */
export type Literals = (formatId?: string, entities?: readonly string[]) => readonly string[];
/**
 * Literals one of which every record naming an entity holds (for records of `formatId`, or of any
 * format); without them every record is handed to the extractor.
 */
export type Anchors = (formatId?: string, entities?: readonly string[]) => readonly string[];

export interface IndexDeps {
  registry: FormatRegistry;
  extract: Extract;
  anchors?: Anchors;
  literals?: Literals;
}

/** How record starts are found: by the file's format, or line by line (unknown, mixed or grep output). */
export type SplitMode = 'format' | 'lines';

export interface ResumeState {
  /** Byte of the decoded stream and line where the last record began. */
  byte: number;
  line: number;
  encoding: LogEncoding;
  formatId: string | null;
  mode: SplitMode;
  grepPrefixes: boolean;
  clock: ClockState;
  timeContext: TimeContext;
}

export interface IndexJobSpec {
  fileId: number;
  /** The file to read... */
  path?: string;
  /** ...or the text to index (an open document). */
  text?: string;
  /** Name used to recognise the format. */
  fileName: string;
  /** Format fixed by the caller (the document's language); otherwise detected. */
  formatId?: string;
  /** The time settings of the file, and its modification time (ms), the last resort for year-less stamps. */
  time: TimeOptions & { fileDateMs?: number };
  /** Continue a file that grew, from where the last read ended. */
  resume?: ResumeState;
  /** Lines per segment (default 262,144). */
  segmentLines?: number;
  /** Bytes per read (default 256 KB). */
  chunkBytes?: number;
  /** Most bytes of text read from the file (inflated bytes for gzip): the caps of the settings. */
  maxBytes?: number;
  /**
   * How anchors are found: by the compiled scanner on the bytes read (the default, for files), or by
   * the JavaScript search on the decoded text (the reference; always for open documents' text).
   */
  scanner?: ScannerChoice;
}

export type ScannerChoice = 'compiled' | 'javascript';

export interface JobSummary {
  fileId: number;
  /** Lines seen (the line after the last complete one). */
  lines: number;
  /** Records read: with anchors, only those holding one (the others are counted as lines, never cut). */
  records: number;
  postings: number;
  /** Bytes of the (decompressed) stream read by this job. */
  bytes: number;
  /** Bytes read from disk (compressed size for gzip). */
  diskBytes: number;
  formatId: string | null;
  encoding: LogEncoding;
  gzip: boolean;
  /** Where a later read may continue when the file grows (plain files only). */
  resume?: ResumeState;
  /** Why the file was not indexed (binary...), if so. */
  skipped?: string;
  /** Which scanner found the anchors: the compiled one for the whole file, or JavaScript (for part or all of it). */
  scanner?: ScannerChoice;
  /** Why the compiled scanner, asked for, was not used for (part of) the file. */
  scannerProblem?: string;
  /** The read stopped at `maxBytes` with more to come: only the first part of the file is indexed. */
  capped?: boolean;
  problems: string[];
  cancelled: boolean;
}

export interface JobControl {
  cancelled(): boolean;
  /** Resolves when the job may go on (it is paused while a search reads files). */
  gate(): Promise<void> | undefined;
  /** Bytes read so far, for progress. */
  progress?(bytes: number): void;
}

const SAMPLE_CHARS = 65_536;
const MAX_KEY_LENGTH = 512;
const MAX_POSTINGS_PER_SEGMENT = 1 << 20;

export async function runIndexJob(
  spec: IndexJobSpec,
  deps: IndexDeps,
  emit: (segment: SegmentPayload) => void,
  control: JobControl,
): Promise<JobSummary> {
  const problems: string[] = [];
  const resume = spec.resume;
  const decoder = new ChunkDecoder(resume?.encoding);
  let gzip = false;
  let diskBytes = 0;
  let chunks: AsyncIterable<Piece>;
  let source: { capped: boolean } | undefined;
  if (spec.text !== undefined) {
    chunks = textChunks(spec.text, spec.chunkBytes ?? CHUNK_BYTES);
  } else if (spec.path !== undefined) {
    const opened = await openChunks(spec.path, resume?.byte ?? 0, spec.chunkBytes ?? CHUNK_BYTES, spec.maxBytes);
    source = opened;
    gzip = opened.gzip;
    diskBytes = opened.size;
    chunks = decodeChunks(opened.chunks, decoder, control, opened.problems, problems);
  } else {
    throw new Error('an index job needs a path or a text');
  }

  const summary: JobSummary = {
    fileId: spec.fileId,
    lines: resume?.line ?? 0,
    records: 0,
    postings: 0,
    bytes: 0,
    diskBytes,
    formatId: null,
    encoding: decoder.encoding,
    gzip,
    problems,
    cancelled: false,
  };

  let indexer: StreamIndexer | undefined;
  let sample = '';
  let samplePieces: Piece[] = [];
  let yearInHead: boolean | undefined;
  for await (const piece of chunks) {
    const text = piece.text;
    if (control.cancelled()) {
      summary.cancelled = true;
      break;
    }
    if (!indexer) {
      // The first 64 KB decide the format (or say the file is not text); the year of year-less
      // stamps is looked for as far as the documents look for it, but only when those 64 KB lack it.
      sample += text;
      samplePieces.push(piece);
      const whole = spec.text !== undefined && sample.length === spec.text.length;
      if (sample.length < SAMPLE_CHARS && !whole) continue;
      if (!resume && !whole && sample.length < YEAR_SCAN_CHARS) {
        yearInHead ??= inferYear(sample, () => 0) !== undefined;
        if (!yearInHead) continue;
      }
      const setup = resume ? resumeSetup(resume, deps.registry) : firstSetup(spec, sample, deps.registry);
      if ('skipped' in setup) {
        summary.skipped = setup.skipped;
        break;
      }
      indexer = new StreamIndexer(spec, setup, deps, emit, decoder);
      summary.formatId = setup.format?.id ?? null;
      const taken = samplePieces;
      sample = '';
      samplePieces = [];
      if (!(await pushSample(indexer, taken, decoder, control))) {
        summary.cancelled = true;
        break;
      }
    } else {
      indexer.push(text, piece.bytes);
    }
    const gate = control.gate();
    if (gate) await gate;
  }
  if (!indexer && !summary.skipped && !summary.cancelled) {
    // A short file: everything was sample.
    const setup = resume ? resumeSetup(resume, deps.registry) : firstSetup(spec, sample, deps.registry);
    if ('skipped' in setup) summary.skipped = setup.skipped;
    else {
      indexer = new StreamIndexer(spec, setup, deps, emit, decoder);
      summary.formatId = setup.format?.id ?? null;
      if (!(await pushSample(indexer, samplePieces, decoder, control))) summary.cancelled = true;
    }
  }
  if (indexer && !summary.cancelled) {
    indexer.finish();
    summary.lines = indexer.lines;
    summary.records = indexer.records;
    summary.postings = indexer.postings;
    summary.scanner = indexer.scannerUsed;
    if (indexer.scannerProblem) summary.scannerProblem = indexer.scannerProblem;
    if (spec.path !== undefined && !gzip && !source?.capped) summary.resume = indexer.resumeState();
  }
  summary.bytes = decoder.bytesIn;
  summary.encoding = decoder.encoding;
  if (source?.capped) summary.capped = true;
  return summary;
}

interface Setup {
  format: CompiledFormat | undefined;
  mode: SplitMode;
  grepPrefixes: boolean;
  timeContext: TimeContext;
  clock?: ClockState;
  others: readonly CompiledFormat[];
}

function firstSetup(spec: IndexJobSpec, sample: string, registry: FormatRegistry): Setup | { skipped: string } {
  const head = sample.slice(0, SAMPLE_CHARS);
  if (looksBinary(head)) return { skipped: 'binary content, not a text log' };
  const format =
    (spec.formatId ? registry.byId(spec.formatId) : undefined) ?? detectFormat(registry, spec.fileName, head)?.format;
  const all = registry.formats;
  const mode = splitModeOf(head, format, all);
  // Line by line, a record's head may follow a `file:line:` prefix, as in the record model.
  const grepPrefixes = mode === 'lines';
  // The year of year-less stamps comes from the file's own dated stamps, as in the record model.
  const inferredYear = yearOfStamps(
    sample,
    (offset) => lineOfOffset(sample, offset),
    spec.time.fileDateMs !== undefined ? new Date(spec.time.fileDateMs) : undefined,
    spec.time.caseDays,
  );
  const timeContext: TimeContext = {
    ...(spec.time.zoneOverrides ? { zoneOverrides: spec.time.zoneOverrides } : {}),
    ...(spec.time.settingsYear !== undefined ? { settingsYear: spec.time.settingsYear } : {}),
    ...(spec.time.zonelessOffset ? { zonelessOffset: spec.time.zonelessOffset } : {}),
    ...(inferredYear ? { inferredYear } : {}),
  };
  return { format, mode, grepPrefixes, timeContext, others: all };
}

/**
 * How a file of `format` (known from its first 64 KB, `head`) is cut: by the format's record starts, or
 * line by line when it has none or writes a record per line anyway.
 */
export function splitModeOf(
  head: string,
  format: CompiledFormat | undefined,
  all: readonly CompiledFormat[],
): SplitMode {
  return format && !textShape(head, format, all).perLine ? 'format' : 'lines';
}

/**
 * What the compiled scanner looks for in a file of `format` cut in `mode`: the anchors of the records
 * that name something, with the header anchors (none when a header may hold no anchor: every record is
 * then read), and the extractor's literals (only for a file cut by its format).
 */
export function scannedLiterals(
  deps: Pick<IndexDeps, 'anchors' | 'literals'>,
  format: CompiledFormat | undefined,
  mode: SplitMode,
): { anchors: string[] | undefined; literals: readonly string[] | undefined } {
  const own = mode === 'format' ? format : undefined;
  const headerAnchors = own ? own.headerAnchors : [];
  return {
    anchors:
      deps.anchors && headerAnchors ? [...deps.anchors(own?.id, own?.def.entities), ...headerAnchors] : undefined,
    literals: deps.literals && own ? deps.literals(own.id, own.def.entities) : undefined,
  };
}

function resumeSetup(r: ResumeState, registry: FormatRegistry): Setup {
  const format = r.formatId ? registry.byId(r.formatId) : undefined;
  return {
    format,
    mode: format ? r.mode : 'lines',
    grepPrefixes: r.grepPrefixes,
    timeContext: r.timeContext,
    clock: r.clock,
    others: registry.formats,
  };
}

/** Cuts records, extracts entities, accumulates and flushes segments. */
class StreamIndexer {
  private readonly splitter: RecordSplitter;
  private readonly clock: RecordClock;
  private readonly segment = new SegmentBuilder();
  private readonly segmentLines: number;
  private readonly extractFormat: string | undefined;
  private readonly extractEntities: readonly string[] | undefined;
  private readonly extract: Extract;
  private lastInstant = NaN;
  private clockBeforeLast: ClockState;
  private recordsSinceSnapshot = 0;
  /** Bytes of text read but not pushed yet (the rest of the sample), for where a segment ends. */
  backlogBytes = 0;
  /** The compiled scanner finding the anchors in the bytes, while it does. */
  private feed: AnchorFeed | undefined;
  scannerUsed: ScannerChoice = 'javascript';
  /** Why the compiled scanner could not be used or stopped in the middle of the file (said in the index status). */
  scannerProblem: string | undefined;
  /**
   * With the compiled scanner, the places of the extractor's literals found in the text held (stream
   * offsets, ascending by start; from `litHead` on), which literals of the extractor's list each is
   * (`targets`), and the first place of each in the record at hand (`literalsAt`).
   */
  private litStart = new Float64Array(0);
  private litEnd = new Float64Array(0);
  private litId = new Int32Array(0);
  private litHead = 0;
  private litCount = 0;
  private targets: number[][] = [];
  private literalsAt: Int32Array | undefined;
  private literalsLast = new Int32Array(0);
  private streamChars = 0;
  records = 0;
  postings = 0;

  constructor(
    private readonly spec: IndexJobSpec,
    private readonly setup: Setup,
    deps: IndexDeps,
    private readonly emit: (segment: SegmentPayload) => void,
    private readonly decoder: ChunkDecoder,
  ) {
    const firstLine = spec.resume?.line ?? 0;
    this.segmentLines = spec.segmentLines ?? 262_144;
    this.segment.reset(firstLine);
    const { format, mode } = setup;
    const formats = format ? [format, ...setup.others.filter((f) => f !== format)] : [...setup.others];
    this.clock = new RecordClock(
      mode === 'format' && format ? [format] : formats,
      setup.timeContext,
      setup.grepPrefixes,
      setup.clock,
    );
    this.clockBeforeLast = this.clock.snapshot();
    this.extractFormat = mode === 'format' ? format?.id : undefined;
    this.extractEntities = mode === 'format' ? format?.def.entities : undefined;
    this.extract = deps.extract;
    // Head lines are tested with the format's patterns made group-free (`headTester`): the same lines.
    const isHead = mode === 'format' && format ? headTester(format) : undefined;
    const rules: LineRules =
      mode === 'format' && format
        ? {
            isStart: isHead ?? ((t, s, e) => matchPatternAt(format, t, s, e) >= 0),
            ...(format.headers.length > 0
              ? { isHeader: (t: string, s: number, e: number) => matchHeaderAt(format, t, s, e) >= 0 }
              : {}),
          }
        : { isStart: lineStartsRecord };
    // Only records holding an anchor are read; header lines must then hold one too.
    const { anchors, literals } = scannedLiterals(deps, format, mode);
    const feed =
      anchors && spec.path !== undefined && (spec.scanner ?? 'compiled') === 'compiled'
        ? AnchorFeed.create(anchors, literals)
        : undefined;
    if (feed instanceof AnchorFeed) {
      this.feed = feed;
      this.scannerUsed = 'compiled';
      if (literals) {
        const where = new Map<string, number[]>();
        literals.forEach((l, k) => where.set(l, [...(where.get(l) ?? []), k]));
        this.targets = feed.literals.map((l) => where.get(l) ?? []);
        this.literalsAt = new Int32Array(literals.length);
        this.literalsLast = new Int32Array(literals.length);
        this.litStart = new Float64Array(4096);
        this.litEnd = new Float64Array(4096);
        this.litId = new Int32Array(4096);
      }
    } else if (typeof feed === 'string' && feed !== 'no anchors')
      this.scannerProblem = `${feed}: this file was read with the JavaScript scanner`;
    this.splitter = new RecordSplitter(
      rules,
      { record: (t, l, k, at) => this.record(t, l, k, at), header: (t, l) => this.clock.header(t, l) },
      firstLine,
      anchors ? { anchors, anchorHits: this.feed !== undefined } : {},
    );
  }

  get lines(): number {
    return this.splitter.linesSeen;
  }

  /** `bytes`: what `text` was decoded from, one byte per character or UTF-8 (for the compiled scanner). */
  push(text: string, bytes?: Uint8Array): void {
    const feed = this.feed;
    if (feed) {
      const hits = bytes ? feed.find(bytes, bytes.length !== text.length) : undefined;
      if (!hits || !this.splitter.takesHits) this.stopFeed(bytes ? feed.broken : undefined);
      else if (this.literalsAt) this.takeLiterals(feed);
      this.streamChars += text.length;
      this.splitter.push(text, hits);
    } else this.splitter.push(text);
    if (
      this.splitter.openLine - this.segment.firstLine >= this.segmentLines ||
      this.segment.count >= MAX_POSTINGS_PER_SEGMENT
    )
      this.flush(false);
  }

  finish(): void {
    this.splitter.finish();
    this.flush(true);
  }

  /** Queues the extractor's literals found in the chunk about to be pushed. */
  private takeLiterals(feed: AnchorFeed): void {
    const all = feed.all;
    // Places before the text still held cannot be in a record to come.
    const held = this.splitter.heldFrom;
    let h = this.litHead;
    while (h < this.litCount && this.litStart[h]! < held) h++;
    const keep = this.litCount - h;
    if (h > 0) {
      this.litStart.copyWithin(0, h, this.litCount);
      this.litEnd.copyWithin(0, h, this.litCount);
      this.litId.copyWithin(0, h, this.litCount);
    }
    this.litHead = 0;
    this.litCount = keep;
    if (keep + all.count > this.litStart.length) {
      const n = Math.max(this.litStart.length * 2, keep + all.count);
      this.litStart = grow(this.litStart, n);
      this.litEnd = grow(this.litEnd, n);
      const ids = new Int32Array(n);
      ids.set(this.litId.subarray(0, keep));
      this.litId = ids;
    }
    const base = this.streamChars;
    let k = keep;
    for (let i = 0; i < all.count; i++) {
      this.litStart[k] = base + all.start[i]!;
      this.litEnd[k] = base + all.end[i]!;
      this.litId[k] = all.id[i]!;
      k++;
    }
    this.litCount = k;
  }

  /** Where each of the extractor's literals first occurs in the record at `streamAt` of `length` characters. */
  private literalsOf(streamAt: number, length: number): Int32Array {
    const at = this.literalsAt!;
    const last = this.literalsLast;
    at.fill(-1);
    const end = streamAt + length;
    let h = this.litHead;
    while (h < this.litCount && this.litStart[h]! < streamAt) h++;
    this.litHead = h;
    for (; h < this.litCount && this.litStart[h]! < end; h++) {
      if (this.litEnd[h]! > end) continue;
      const rel = this.litStart[h]! - streamAt;
      for (const t of this.targets[this.litId[h]!]!) {
        if (at[t]! < 0) at[t] = rel;
        last[t] = rel;
      }
    }
    return at;
  }

  /** The rest of the file is read with the JavaScript search (text not one byte per character, or a failure). */
  private stopFeed(failure: string | undefined): void {
    this.feed = undefined;
    this.literalsAt = undefined;
    this.scannerUsed = 'javascript';
    if (failure)
      this.scannerProblem = `the compiled scanner failed (${failure.slice(0, 200)}); this file was read with the JavaScript scanner from there on`;
  }

  resumeState(): ResumeState {
    const point = this.splitter.resumePoint();
    return {
      byte: Math.max(0, this.decoder.bytesIn - this.decoder.byteLength(point.raw)),
      line: point.line,
      encoding: this.decoder.encoding,
      formatId: this.setup.format?.id ?? null,
      mode: this.setup.mode,
      grepPrefixes: this.setup.grepPrefixes,
      clock: this.clockBeforeLast,
      timeContext: this.setup.timeContext,
    };
  }

  private flush(final: boolean): void {
    const endLine = final ? this.splitter.linesSeen : this.splitter.openLine;
    const held = final
      ? 0
      : this.decoder.byteLength(this.splitter.heldText()) + this.decoder.pendingBytes + this.backlogBytes;
    const endByte = this.spec.text !== undefined ? 0 : Math.max(0, this.decoder.bytesIn - held);
    if (this.segment.count > 0 || this.segment.links.length > 0 || final || endLine > this.segment.firstLine) {
      this.emit(this.segment.build(endLine, endByte));
    }
    this.segment.reset(endLine);
  }

  private record(text: string, startLine: number, kind: RecordKind, streamAt: number): void {
    this.records++;
    this.segment.records++;
    this.recordsSinceSnapshot++;
    // The resume state needs the clock as it was before the last record; taken every record only
    // when the clock depends on headers (dumplog), otherwise it never changes.
    if (this.clock.followsHeaders || this.recordsSinceSnapshot === 1) this.clockBeforeLast = this.clock.snapshot();
    let found: Extraction;
    try {
      found =
        this.literalsAt && streamAt >= 0
          ? this.extract(
              text,
              this.extractFormat,
              this.extractEntities,
              this.literalsOf(streamAt, text.length),
              this.literalsLast,
            )
          : this.extract(text, this.extractFormat, this.extractEntities);
    } catch {
      found = { occurrences: [], links: [] };
    }
    const any = found.occurrences.length > 0 || found.links.length > 0;
    const instant = kind === 'record' ? this.clock.record(text, any) : kind === 'piece' ? this.lastInstant : NaN;
    if (kind === 'record') this.lastInstant = instant;
    if (!any) return;
    const seg = this.segment;
    const firstNl = text.indexOf('\n');
    let lineStarts: number[] | undefined;
    // In text order, so that within a key lines come out ascending (the extractor gives them so; another may not).
    const occurrences = inTextOrder(found.occurrences)
      ? found.occurrences
      : [...found.occurrences].sort((a, b) => a.start - b.start);
    for (const o of occurrences) {
      if (!validOccurrence(o, text.length)) continue;
      let line = startLine;
      let col = o.start;
      if (firstNl >= 0 && o.start > firstNl) {
        lineStarts ??= newlineStarts(text);
        const i = lastAtOrBelow(lineStarts, o.start);
        line += i;
        col = o.start - lineStarts[i];
      }
      seg.add(o.key, o.birth ? (line | BIRTH_BIT) >>> 0 : line, packColumn(col, o.end - o.start), instant);
      this.postings++;
    }
    for (const l of found.links) {
      if (typeof l.a !== 'string' || typeof l.b !== 'string' || l.a === l.b) continue;
      if (l.a.length === 0 || l.b.length === 0 || l.a.length > MAX_KEY_LENGTH || l.b.length > MAX_KEY_LENGTH) continue;
      seg.link(l.a, l.b, typeof l.why === 'string' ? l.why.slice(0, 500) : '', startLine);
    }
  }
}

/** Pairs of key ids below this are told apart as one number (both ids fit in 26 bits: exact in a double). */
const LINK_PAIR = 2 ** 26;

/** Postings of one segment as they are found, then sorted by key into a payload. */
class SegmentBuilder {
  private keys = new KeyInterner();
  private pKey = new Uint32Array(4096);
  private pLine = new Uint32Array(4096);
  private pCol = new Uint32Array(4096);
  private pTime = new Float64Array(4096);
  count = 0;
  records = 0;
  links: SegmentPayload['links'] = [];
  private linkSeen = new Set<number | string>();
  firstLine = 0;

  reset(firstLine: number): void {
    this.keys = new KeyInterner();
    this.count = 0;
    this.records = 0;
    this.links = [];
    this.linkSeen = new Set();
    this.firstLine = firstLine;
  }

  private keyId(key: string): number {
    return this.keys.id(key);
  }

  add(key: string, line: number, col: number, instant: number): void {
    if (this.count === this.pKey.length) {
      const n = this.count * 2;
      this.pKey = grow(this.pKey, n);
      this.pLine = grow(this.pLine, n);
      this.pCol = grow(this.pCol, n);
      this.pTime = grow(this.pTime, n);
    }
    const i = this.count++;
    this.pKey[i] = this.keyId(key);
    this.pLine[i] = line;
    this.pCol[i] = col;
    this.pTime[i] = instant;
  }

  link(a: string, b: string, why: string, line: number): void {
    const ia = this.keyId(a);
    const ib = this.keyId(b);
    const lo = ia < ib ? ia : ib;
    const hi = ia < ib ? ib : ia;
    // The pair of ids as one number (exact while both are below LINK_PAIR), no string per link.
    const id = hi < LINK_PAIR ? lo * LINK_PAIR + hi : `${lo},${hi}`;
    if (this.linkSeen.has(id)) return;
    this.linkSeen.add(id);
    this.links.push({ a: ia, b: ib, why, line });
  }

  build(endLine: number, endByte: number): SegmentPayload {
    const k = this.keys.size;
    const n = this.count;
    const keyStart = new Uint32Array(k + 1);
    for (let i = 0; i < n; i++) keyStart[this.pKey[i] + 1]++;
    for (let i = 0; i < k; i++) keyStart[i + 1] += keyStart[i];
    let base = Infinity;
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = this.pTime[i];
      if (t === t) {
        if (t < base) base = t;
        if (t > top) top = t;
      }
    }
    if (base === Infinity) base = 0;
    const scale = top - base < NO_TIME - 1 ? 1 : Math.ceil((top - base) / (NO_TIME - 1));
    const fill = keyStart.slice(0, k);
    const lines = new Uint32Array(n);
    const columns = new Uint32Array(n);
    const times = new Uint32Array(n);
    // Counting sort by key: stable, so lines stay ascending within a key.
    for (let i = 0; i < n; i++) {
      const at = fill[this.pKey[i]]++;
      lines[at] = this.pLine[i];
      columns[at] = this.pCol[i];
      const t = this.pTime[i];
      times[at] = t === t ? Math.round((t - base) / scale) : NO_TIME;
    }
    return {
      firstLine: this.firstLine,
      endLine,
      endByte,
      records: this.records,
      keys: this.keys.keys,
      keyStart,
      lines,
      columns,
      times,
      timeBase: base,
      timeScale: scale,
      links: this.links,
    };
  }
}

function validOccurrence(o: { key: unknown; start: unknown; end: unknown }, length: number): boolean {
  return (
    typeof o.key === 'string' &&
    o.key.length > 0 &&
    o.key.length <= MAX_KEY_LENGTH &&
    typeof o.start === 'number' &&
    typeof o.end === 'number' &&
    Number.isInteger(o.start) &&
    Number.isInteger(o.end) &&
    o.start >= 0 &&
    o.end > o.start &&
    o.end <= length
  );
}

function inTextOrder(occurrences: readonly { start: number }[]): boolean {
  for (let i = 1; i < occurrences.length; i++) if (!(occurrences[i - 1].start <= occurrences[i].start)) return false;
  return true;
}

/** Offsets where the lines of a record text begin. */
function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line-by-line mode: a line starts a record unless it is blank or looks like a continuation (indented, XML). */
function lineStartsRecord(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  const c = text.charCodeAt(s);
  return c !== 32 && c !== 9 && c !== 60;
}

/** Too many control characters for a text log (NUL padding here and there is tolerated). */
function looksBinary(sample: string): boolean {
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) controls++;
  }
  return controls > sample.length / 100;
}

/**
 * Hands the sample read before the setup (up to 4 MB when the year had to be looked for) to the
 * indexer a piece at a time, pausing between pieces like between chunks: in one go it kept a
 * worker from a search for up to a few hundred milliseconds. The bytes not handed on yet count as
 * held, so a segment still ends at the right byte. False when cancelled.
 */
async function pushSample(
  indexer: StreamIndexer,
  sample: readonly Piece[],
  decoder: ChunkDecoder,
  control: JobControl,
): Promise<boolean> {
  let backlog = 0;
  for (const p of sample) backlog += decoder.byteLength(p.text);
  const pieces = sample.flatMap((p) => cutPiece(p));
  for (let i = 0; i < pieces.length;) {
    const piece = pieces[i++]!;
    backlog -= decoder.byteLength(piece.text);
    indexer.backlogBytes = backlog;
    indexer.push(piece.text, piece.bytes);
    if (i < pieces.length) {
      const gate = control.gate();
      if (gate) await gate;
      if (control.cancelled()) return false;
    }
  }
  indexer.backlogBytes = 0;
  return true;
}

/** Line (0-based) of `offset` in `text`. */
function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Text handed to the indexer, with the bytes it was decoded from when that took one byte per character. */
interface Piece {
  text: string;
  /** The bytes of `text`: one per character, or UTF-8 (then longer than the text). */
  bytes?: Uint8Array;
}

/** A piece of the sample in pieces of at most DECODE_PIECE characters (an open document's text is one string). */
function cutPiece(p: Piece): Piece[] {
  const { text } = p;
  if (text.length <= DECODE_PIECE) return [p];
  const out: Piece[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + DECODE_PIECE);
    // Never between the two halves of a surrogate pair (their bytes count only together).
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    const oneByteEach = p.bytes !== undefined && p.bytes.length === text.length;
    out.push(
      oneByteEach ? { text: text.slice(i, end), bytes: p.bytes!.subarray(i, end) } : { text: text.slice(i, end) },
    );
    i = end;
  }
  return out;
}

async function* textChunks(text: string, size: number): AsyncGenerator<Piece> {
  for (let i = 0; i < text.length; i += size) {
    yield { text: text.slice(i, i + size) };
    // Lets messages (cancel, pause) in between chunks.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (text.length === 0) yield { text: '' };
}

/**
 * Bytes decoded into text at a time. V8 keeps strings from 128 KB up in its large-object space,
 * where each one takes freshly mapped memory: decoding 256 KB chunks ran at 0.8 GB/s, 64 KB pieces
 * (new-space strings, memory reused) at 5-8 GB/s; the splitter's joins stay small too.
 */
const DECODE_PIECE = 1 << 16;

function piece(text: string, bytes: Uint8Array | undefined): Piece {
  return bytes && bytes.length >= text.length ? { text, bytes } : { text };
}

async function* decodeChunks(
  bytes: AsyncGenerator<Buffer>,
  decoder: ChunkDecoder,
  control: JobControl,
  sourceProblems: string[],
  problems: string[],
): AsyncGenerator<Piece> {
  try {
    for await (const b of bytes) {
      for (let at = 0; at < b.length; at += DECODE_PIECE) {
        const text = decoder.decode(b.subarray(at, at + DECODE_PIECE));
        control.progress?.(decoder.bytesIn);
        if (text.length > 0) yield piece(text, decoder.lastBytes);
      }
    }
    const tail = decoder.decode(new Uint8Array(0), true);
    if (tail.length > 0) yield piece(tail, decoder.lastBytes);
  } finally {
    problems.push(...sourceProblems);
  }
}
