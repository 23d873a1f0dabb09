/**
 * Cuts a stream of text into records without holding the file: text arrives in chunks, complete
 * lines are classified (record start, header, continuation) as soon as they are whole, and a record
 * is handed on when the next one starts. Line ends are LF, CRLF or a lone CR, as in LineIndex; the
 * record text handed on has its lines joined with `\n`. A record longer than the limits is handed on
 * in pieces, so memory stays bounded whatever the file holds.
 */

export interface LineRules {
  /** Whether the line [s, e) of `text` begins a record. */
  isStart(text: string, s: number, e: number): boolean;
  /** Whether the line is a header (belongs to no record); called before `isStart`. */
  isHeader?(text: string, s: number, e: number): boolean;
}

export type RecordKind =
  /** A record from its first line. */
  | 'record'
  /** A further piece of a record cut for size. */
  | 'piece'
  /** Lines before the first record start. */
  | 'orphan';

export interface RecordSink {
  record(text: string, startLine: number, kind: RecordKind): void;
  header(text: string, line: number): void;
}

export interface SplitLimits {
  maxRecordChars: number;
  maxRecordLines: number;
}

export const DEFAULT_LIMITS: SplitLimits = { maxRecordChars: 1 << 20, maxRecordLines: 4000 };

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
  /** Cached position of the next '\r' at or after `scan` (-1: none; -2: unknown), so the search stays linear. */
  private nextCr = -2;
  /** The next line continues a record handed on in pieces. */
  private pieceFollows = false;
  /** Inside a line too long to keep: its rest is dropped up to the line end. */
  private skipping = false;
  /** The last record handed on, raw (with its line ends), for resuming a growing file. */
  private lastRaw = '';
  private lastLine: number;
  private lastKind: RecordKind = 'record';

  constructor(
    private readonly rules: LineRules,
    private readonly sink: RecordSink,
    firstLine = 0,
    private readonly limits: SplitLimits = DEFAULT_LIMITS,
  ) {
    this.line = firstLine;
    this.lastLine = firstLine;
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
    return this.buf.slice(this.recStart >= 0 ? this.recStart : this.scan);
  }

  /** Where a later read of the same file may resume: the start of the last record handed on. */
  resumePoint(): { line: number; raw: string; kind: RecordKind } {
    return { line: this.lastLine, raw: this.lastRaw, kind: this.lastKind };
  }

  push(text: string): void {
    if (text.length === 0) return;
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.nextCr = -2;
    this.run(false);
  }

  finish(): void {
    this.run(true);
    if (this.recStart >= 0) this.emit(this.buf.length);
    this.buf = '';
    this.scan = 0;
    this.recStart = -1;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let s = this.scan;
    while (s < len) {
      let lf = buf.indexOf('\n', s);
      if (this.nextCr === -2 || (this.nextCr >= 0 && this.nextCr < s)) this.nextCr = buf.indexOf('\r', s);
      const cr = this.nextCr;
      let e: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr + 1 === len && !final) break; // a CR at the end may be half of a CRLF
        e = cr;
        next = buf.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        e = lf;
        next = lf + 1;
      } else if (final) {
        e = len;
        next = len;
        lf = len;
      } else {
        if (!this.skipping && len - s > this.limits.maxRecordChars) this.truncateLine(s, s + this.limits.maxRecordChars);
        if (this.skipping) s = len;
        break;
      }
      if (this.skipping) this.skipping = false;
      else this.classify(buf, s, e, next);
      s = next;
      this.line++;
    }
    this.scan = s;
    this.compact();
  }

  /** A line longer than a record may be: its head is kept as a line of the open record, the rest dropped. */
  private truncateLine(s: number, e: number): void {
    this.classify(this.buf, s, e, e);
    if (this.recStart >= 0) this.emit(e);
    this.pieceFollows = true;
    this.skipping = true;
  }

  private classify(buf: string, s: number, e: number, next: number): void {
    if (e > s && this.rules.isHeader?.(buf, s, e)) {
      if (this.recStart >= 0) this.emit(s);
      this.pieceFollows = false;
      this.sink.header(buf.slice(s, e), this.line);
      return;
    }
    if (e > s && this.rules.isStart(buf, s, e)) {
      if (this.recStart >= 0) this.emit(s);
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
    this.lastRaw = raw;
    this.lastLine = this.recLine;
    this.lastKind = this.recKind;
    this.recStart = -1;
    this.sink.record(normalise(raw), this.recLine, this.recKind);
  }

  /** Drops text that is handed on, keeping the open record and the incomplete line. */
  private compact(): void {
    const keep = this.recStart >= 0 ? this.recStart : this.scan;
    if (keep === 0) return;
    this.buf = this.buf.slice(keep);
    this.scan -= keep;
    if (this.recStart >= 0) this.recStart -= keep;
    if (this.nextCr >= 0) this.nextCr -= keep;
  }
}

/** Record text as handed to extractors: without its final line end, lines joined with `\n`. */
function normalise(raw: string): string {
  let end = raw.length;
  if (end > 0 && raw.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
  const text = end === raw.length ? raw : raw.slice(0, end);
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}
