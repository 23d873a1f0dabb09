/**
 * Cuts a stream of text into records without holding the file: text arrives in chunks, complete
 * lines are classified (record start, header, continuation) as soon as they are whole, and a record
 * is handed on when the next one starts. Line ends are LF, CRLF or a lone CR, as in LineIndex; the
 * record text handed on has its lines joined with `\n`. A record longer than the limits is handed on
 * in pieces, so memory stays bounded whatever the file holds.
 *
 * With `anchors` (literals one of which every record of interest holds, and every header line), the
 * splitter does not classify every line: it jumps to the next anchor with one native regular
 * expression search, counts the line feeds on the way, looks back from the anchor's line for the
 * head of its record and forward for its end, and hands on only the records that hold an anchor.
 * Lines between such records are counted, never classified: that is what makes indexing a bundle
 * cost little more than reading it.
 *
 * With `anchorHits`, the places of the anchors come from the caller with each chunk (the compiled
 * scanner found them in the chunk's bytes; offsets in the stream of text pushed) instead of from the
 * regular expression; the records cut are the same. A chunk pushed without them (not one byte per
 * character, or lone CRs that become line feeds here) turns the splitter to the regular expression
 * for the rest of the stream.
 */
import { literalAlternation } from '../util/regex';

export interface LineRules {
  /** Whether the line [s, e) of `text` begins a record. */
  isStart(text: string, s: number, e: number): boolean;
  /** Whether the line is a header (belongs to no record); called before `isStart`. */
  isHeader?(text: string, s: number, e: number): boolean;
}

export type RecordKind =
  /** A record from its first line. */
  | 'record'
  /** A further piece of a record cut for size (or whose head was out of reach). */
  | 'piece'
  /** Lines before the first record start. */
  | 'orphan';

export interface RecordSink {
  /**
   * `streamAt`: with `anchorHits`, the offset in the stream of pushed text where `text` begins, when
   * `text` is that stream's text unchanged (no CR in it); otherwise -1.
   */
  record(text: string, startLine: number, kind: RecordKind, streamAt: number): void;
  header(text: string, line: number): void;
}

export interface SplitLimits {
  maxRecordChars: number;
  maxRecordLines: number;
}

export const DEFAULT_LIMITS: SplitLimits = { maxRecordChars: 1 << 20, maxRecordLines: 4000 };

/**
 * Text kept before the next unclassified line when a chunk holds no anchor, so that an anchor on a
 * record's continuation line in the next chunk can still reach back to the record's head.
 */
const LOOK_BACK_CHARS = 256 * 1024;

export interface SplitOptions {
  limits?: SplitLimits;
  /** Hand on only the records holding one of these literals (and header lines holding one). */
  anchors?: readonly string[];
  /** The places of `anchors` come with each pushed chunk (`push(text, hits)`). */
  anchorHits?: boolean;
}

/**
 * Anchors found in a pushed chunk: `count` occurrences, each `start` and `end` an offset of the stream
 * of pushed text relative to the chunk's first character (negative for one that begins in an earlier
 * chunk), ascending by `start`.
 */
export interface AnchorHits {
  count: number;
  start: Int32Array;
  end: Int32Array;
}

export class RecordSplitter {
  private buf = '';
  /** Offset in `buf` of the open record's first line, or -1 when none is open. */
  private recStart = -1;
  private recLine = 0;
  private recKind: RecordKind = 'record';
  private recLines = 0;
  /** Offset in `buf` of the next line to classify, and its number. */
  private scan = 0;
  private line: number;
  /** The next line continues a record handed on in pieces. */
  private pieceFollows = false;
  /** Inside a line too long to keep: its rest is dropped up to the line end. */
  private skipping = false;
  /** A CR ending the last chunk: the first half of a CRLF, or a lone CR, told by the next chunk. */
  private heldCr = false;
  /** No record start has been seen yet (lines before one are an orphan). */
  private beforeFirstStart = true;
  /** Offset in `buf` of a line known to begin a record (-1: none), so it is not tested twice. */
  private knownStart = -1;
  /** Anchor search, or undefined when every line is classified. */
  private anchorSearch: RegExp | undefined;
  private readonly anchors: readonly string[] | undefined;
  /** Anchors handed in with the chunks (stream offsets, ascending by start), from `hitHead` on; else undefined. */
  private hitStart: Float64Array | undefined;
  private hitEnd = new Float64Array(0);
  private hitHead = 0;
  private hitCount = 0;
  /** Characters pushed so far, and the stream offset of `buf[0]`. */
  private streamLen = 0;
  private bufBase = 0;
  private readonly limits: SplitLimits;
  /** The last record handed on, raw (with its line ends), for resuming a growing file. */
  private lastRaw = '';
  private lastLine: number;
  private lastKind: RecordKind = 'record';

  constructor(
    private readonly rules: LineRules,
    private readonly sink: RecordSink,
    firstLine = 0,
    options: SplitOptions | SplitLimits = {},
  ) {
    const o: SplitOptions = 'maxRecordChars' in options ? { limits: options } : options;
    this.limits = o.limits ?? DEFAULT_LIMITS;
    this.anchors = o.anchors;
    if (o.anchors && o.anchorHits) {
      this.hitStart = new Float64Array(1024);
      this.hitEnd = new Float64Array(1024);
      // Truthy so that the anchor paths are taken; never run while hits come in.
      this.anchorSearch = NEVER;
    } else this.anchorSearch = o.anchors ? literalAlternation(o.anchors) : undefined;
    this.line = firstLine;
    this.lastLine = firstLine;
    if (firstLine > 0) this.beforeFirstStart = false;
  }

  /** Number of the line after the last complete line seen. */
  get linesSeen(): number {
    return this.line;
  }

  /** First line of the record not handed on yet (where a segment may end). */
  get openLine(): number {
    return this.recStart >= 0 ? this.recLine : this.line;
  }

  /** Text received but not handed on yet (the open record and any incomplete line). */
  heldText(): string {
    return this.buf.slice(this.recStart >= 0 ? this.recStart : this.scan) + (this.heldCr ? '\r' : '');
  }

  /** Where a later read of the same file may resume: the start of the last record handed on. */
  resumePoint(): { line: number; raw: string; kind: RecordKind } {
    return { line: this.lastLine, raw: this.lastRaw, kind: this.lastKind };
  }

  /** Stream offset of the first character still held: no record handed on later begins before it. */
  get heldFrom(): number {
    return this.bufBase;
  }

  /** Whether anchors still come with the chunks (false once the splitter turned to its regular expression). */
  get takesHits(): boolean {
    return this.hitStart !== undefined;
  }

  push(text: string, hits?: AnchorHits): void {
    if (text.length === 0) return;
    const textStart = this.streamLen;
    this.streamLen += text.length;
    let t = this.heldCr ? `\r${text}` : text;
    this.heldCr = false;
    if (t.charCodeAt(t.length - 1) === 13) {
      // Half of a CRLF, perhaps: told by the next chunk.
      this.heldCr = true;
      t = t.slice(0, -1);
    }
    const lf = loneCrToLf(t);
    if (this.hitStart) {
      if (hits && lf === t) this.takeHits(hits, textStart);
      else this.dropHits();
    }
    this.buf = this.buf.length === 0 ? lf : this.buf + lf;
    this.run(false);
  }

  private takeHits(hits: AnchorHits, textStart: number): void {
    let start = this.hitStart!;
    // Drop the hits already passed, then make room.
    if (this.hitHead > 0) {
      start.copyWithin(0, this.hitHead, this.hitCount);
      this.hitEnd.copyWithin(0, this.hitHead, this.hitCount);
      this.hitCount -= this.hitHead;
      this.hitHead = 0;
    }
    if (this.hitCount + hits.count > start.length) {
      const n = Math.max(start.length * 2, this.hitCount + hits.count);
      const s2 = new Float64Array(n);
      const e2 = new Float64Array(n);
      s2.set(start.subarray(0, this.hitCount));
      e2.set(this.hitEnd.subarray(0, this.hitCount));
      this.hitStart = start = s2;
      this.hitEnd = e2;
    }
    const end = this.hitEnd;
    let k = this.hitCount;
    for (let i = 0; i < hits.count; i++) {
      start[k] = textStart + hits.start[i]!;
      end[k] = textStart + hits.end[i]!;
      k++;
    }
    this.hitCount = k;
  }

  /** From now on the anchors are searched with the regular expression. */
  private dropHits(): void {
    this.hitStart = undefined;
    this.hitHead = this.hitCount = 0;
    this.anchorSearch = literalAlternation(this.anchors ?? []);
  }

  /**
   * Offset in `buf` of the first anchor at or after `s` that ends within `buf` (as a search of `buf`
   * from `s` finds it), or -1.
   */
  private nextAnchor(s: number): number {
    const start = this.hitStart;
    if (!start) {
      const search = this.anchorSearch!;
      search.lastIndex = s;
      const hit = search.exec(this.buf);
      return hit ? hit.index : -1;
    }
    const from = this.bufBase + s;
    const limit = this.bufBase + this.buf.length;
    let h = this.hitHead;
    while (h < this.hitCount && start[h]! < from) h++;
    this.hitHead = h;
    for (; h < this.hitCount; h++) if (this.hitEnd[h]! <= limit) return start[h]! - this.bufBase;
    return -1;
  }

  finish(): void {
    if (this.heldCr) {
      this.heldCr = false;
      this.buf += '\n';
    }
    this.run(true);
    if (this.recStart >= 0) this.emit(this.buf.length);
    this.bufBase += this.buf.length;
    this.buf = '';
    this.scan = 0;
    this.recStart = -1;
    this.knownStart = -1;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let s = this.scan;
    while (s < len) {
      if (this.anchorSearch && this.recStart < 0 && !this.skipping) {
        // Nothing open: jump to the record of the next anchor, or past the lines that hold none.
        const to = this.jump(buf, s, final);
        if (to < 0) {
          s = this.scan;
          break;
        }
        s = to;
        if (this.recStart >= 0 || s >= len) continue;
      }
      const lf = buf.indexOf('\n', s);
      let e: number;
      let next: number;
      if (lf !== -1) {
        e = lf > s && buf.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
        next = lf + 1;
      } else if (final) {
        e = len;
        next = len;
      } else {
        if (!this.skipping && len - s > this.limits.maxRecordChars)
          this.truncateLine(s, s + this.limits.maxRecordChars);
        if (this.skipping) s = len;
        break;
      }
      if (this.skipping) this.skipping = false;
      else if (!this.classify(buf, s, e, next)) continue;
      s = next;
      this.line++;
    }
    this.scan = s;
    this.compact();
  }

  /**
   * From `s`, a line start with no record open: finds the next anchor, counts the lines up to the
   * head of its record and opens that record. Returns the offset of the next line for the loop to
   * classify (the line after the head, or a header line holding an anchor). Without an anchor in
   * the text held, counts the lines up to a little before the end, sets `scan` there and returns -1.
   * Header lines are found as anchors too (the caller adds their literals), so none is skipped.
   */
  private jump(buf: string, s: number, final: boolean): number {
    const len = buf.length;
    const at = this.nextAnchor(s);
    if (at < 0) {
      if (final) {
        this.skipLines(buf, s, len);
        if (buf.charCodeAt(len - 1) !== 10) this.line++;
        this.scan = len;
        return -1;
      }
      // Keep a little text to look back into from the next chunk; count and drop the rest.
      const keepFrom = Math.max(s, len - LOOK_BACK_CHARS);
      const to = keepFrom === s ? s : Math.max(s, buf.lastIndexOf('\n', keepFrom - 1) + 1);
      this.skipLines(buf, s, to);
      this.scan = to;
      return -1;
    }
    const hitLine = Math.max(s, buf.lastIndexOf('\n', at - 1) + 1);
    // A line known to begin a record was found no header when it was classified.
    if (this.rules.isHeader && hitLine !== this.knownStart) {
      const e = lineEnd(buf, hitLine);
      if (e > hitLine && this.rules.isHeader(buf, hitLine, e)) {
        this.skipLines(buf, s, hitLine);
        return hitLine;
      }
    }
    // Look back from the anchor's line for the head of its record, no further than `s`.
    let head = hitLine;
    let kind: RecordKind | undefined;
    for (let walked = 0; ; walked++) {
      if (head === this.knownStart) {
        kind = 'record';
        break;
      }
      const e = lineEnd(buf, head);
      if (e > head && this.rules.isStart(buf, head, e)) {
        kind = 'record';
        break;
      }
      if (head <= s || walked >= this.limits.maxRecordLines || hitLine - head >= this.limits.maxRecordChars) break;
      head = Math.max(s, buf.lastIndexOf('\n', head - 2) + 1);
    }
    this.skipLines(buf, s, head);
    const lf = buf.indexOf('\n', head);
    if (lf < 0 && !final) {
      // The head line is not complete yet: looked at again when it is.
      this.scan = head;
      return -1;
    }
    // A head out of reach (before `s`, or too far up) makes what follows a piece, or lines before any record.
    this.open(head, kind ?? this.headlessKind());
    if (kind === 'record') this.beforeFirstStart = false;
    this.line++;
    return lf < 0 ? len : lf + 1;
  }

  /** What lines without their record's head are: a piece of a record, or lines before any record. */
  private headlessKind(): RecordKind {
    return this.pieceFollows || !this.beforeFirstStart ? 'piece' : 'orphan';
  }

  /** Counts the lines in [from, to) (`to` a line start) without classifying them. */
  private skipLines(buf: string, from: number, to: number): void {
    if (to <= from) return;
    let n = 0;
    for (let i = buf.indexOf('\n', from); i >= 0 && i < to; i = buf.indexOf('\n', i + 1)) n++;
    this.line += n;
    if (n > 0) this.pieceFollows = false;
  }

  /** A line longer than a record may be: its head is kept as a line of the open record, the rest dropped. */
  private truncateLine(s: number, e: number): void {
    if (this.recStart >= 0 || !this.anchorSearch) {
      this.classify(this.buf, s, e, e);
    } else if (this.holdsAnchor(s, e)) {
      // With anchors, a line is looked at only when it holds one; this one is its own record or piece.
      const start = this.rules.isStart(this.buf, s, e);
      this.open(s, start ? 'record' : this.headlessKind());
      if (start) this.beforeFirstStart = false;
    }
    if (this.recStart >= 0) this.emit(e);
    this.pieceFollows = true;
    this.skipping = true;
  }

  private holdsAnchor(s: number, e: number): boolean {
    const at = this.nextAnchor(s);
    return at >= 0 && at < e;
  }

  /** Classifies one whole line; false when the line is left for the anchor search to take up. */
  private classify(buf: string, s: number, e: number, next: number): boolean {
    if (e > s && this.rules.isHeader?.(buf, s, e)) {
      if (this.recStart >= 0) this.emit(s);
      this.pieceFollows = false;
      this.sink.header(buf.slice(s, e), this.line);
      return true;
    }
    if (e > s && (s === this.knownStart || this.rules.isStart(buf, s, e))) {
      if (this.recStart >= 0) this.emit(s);
      this.beforeFirstStart = false;
      if (this.anchorSearch) {
        // The record is opened only if an anchor is in it: the search decides, and knows the line is a head.
        this.knownStart = s;
        this.pieceFollows = false;
        return false;
      }
      this.open(s, 'record');
    } else if (this.recStart < 0) {
      this.open(s, this.pieceFollows ? 'piece' : 'orphan');
    } else {
      this.recLines++;
    }
    if (next - this.recStart > this.limits.maxRecordChars || this.recLines >= this.limits.maxRecordLines) {
      this.emit(next);
      // The rest of this record continues as another piece, from the next line.
      this.pieceFollows = true;
    }
    return true;
  }

  private open(s: number, kind: RecordKind): void {
    this.pieceFollows = false;
    this.recStart = s;
    this.recLine = this.line;
    this.recKind = kind;
    this.recLines = 1;
  }

  private emit(end: number): void {
    const raw = this.buf.slice(this.recStart, end);
    const at = this.hitStart && raw.indexOf('\r') < 0 ? this.bufBase + this.recStart : -1;
    this.lastRaw = raw;
    this.lastLine = this.recLine;
    this.lastKind = this.recKind;
    this.recStart = -1;
    this.sink.record(normalise(raw), this.recLine, this.recKind, at);
  }

  /** Drops text that is handed on, keeping the open record and the incomplete line. */
  private compact(): void {
    const keep = this.recStart >= 0 ? this.recStart : this.scan;
    if (keep === 0) return;
    this.bufBase += keep;
    this.buf = this.buf.slice(keep);
    this.scan -= keep;
    if (this.recStart >= 0) this.recStart -= keep;
    this.knownStart = this.knownStart >= keep ? this.knownStart - keep : -1;
  }
}

/** A search that never matches. */
const NEVER = /(?!)/g;

/** Offset where the line starting at `s` ends (before its CR LF or LF). */
function lineEnd(buf: string, s: number): number {
  const lf = buf.indexOf('\n', s);
  if (lf < 0) return buf.length;
  return lf > s && buf.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
}

/** Lone CRs (old Mac line ends) become LFs: the same length, so offsets and byte counts hold. */
function loneCrToLf(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}

/** Record text as handed to extractors: without its final line end, lines joined with `\n`. */
function normalise(raw: string): string {
  let end = raw.length;
  if (end > 0 && raw.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
  const text = end === raw.length ? raw : raw.slice(0, end);
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n/g, '\n');
}
