/**
 * The record model of one log document: which lines begin a record (multi-line entries belong to
 * their first line), in which format; and, on demand, the severity and fields of a record
 * with their ranges and its absolute instant. Memory per line is a few bytes: line starts, and per
 * record its first line and format; everything else is recomputed when asked for.
 */
import {
  execPatternAt,
  execStickyAt,
  HEAD_LIMIT,
  matchHeaderAt,
  matchPatternAt,
  type CompiledFormat,
} from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';
import { textShape } from '../formats/sniff';
import { resolveTime, type ResolvedTime, type TimeContext } from '../time/timestamp';
import { grepContentStarts } from '../formats/grepPrefix';
import { followDayClock, headerDateOf, shiftedDate, type DayClockState } from '../time/dayClock';
import type { TimeOptions } from '../time/options';
import { caseYearOf, type CaseDays } from './caseYear';
import { LineIndex } from './lines';
import { Severity } from '../formats/severity';
import { grow } from '../util/arrays';
import { lastAtOrBelow } from '../util/search';

export interface ModelOptions extends TimeOptions {
  /** Modification date of the file, the last resort for year-less stamps. */
  fileDate?: Date;
  registry: FormatRegistry;
  /** The document's format (from its language or sniffing); undefined = detect per line. */
  format?: CompiledFormat;
}

export interface FieldRange {
  name: string;
  /** Line of the field (the record's first line). */
  line: number;
  /** Character offsets within that line. */
  start: number;
  end: number;
  text: string;
}

export interface ParsedRecord {
  index: number;
  startLine: number;
  endLine: number;
  format: CompiledFormat;
  patternName: string;
  /** Length of a grep `file:line:` prefix in front of the record, 0 if none. */
  prefixLength: number;
  fields: FieldRange[];
  /** Character offset in the first line where the message text starts. */
  messageStart: number;
  severity: Severity;
  time?: ResolvedTime;
}

interface DateHeader {
  line: number;
  year: number;
  month: number;
  day: number;
  offset?: string;
  label?: string;
}

export class LogModel {
  readonly lines: LineIndex;
  /** First line of each record. */
  private readonly recordStarts: Uint32Array;
  /** Format of each record (index into `formats`). */
  private readonly recordFormat: Uint8Array;
  /** Days to add to the header date for each record (dumplog midnight rollover); empty if no headers. */
  private readonly recordDayShift: Int16Array;
  private readonly recordPrefix: Uint8Array;
  readonly recordCount: number;
  readonly formats: readonly CompiledFormat[];
  readonly dateHeaders: readonly DateHeader[];
  readonly timeContext: TimeContext;
  /** True when records of more than one format, or grep prefixes, were found. */
  readonly mixed: boolean;
  /**
   * The lines that were classified: all of them, or a window around one line (a model that serves
   * a request before the whole document is read). Records outside it are unknown.
   */
  readonly covered: { readonly from: number; readonly to: number };

  /** Use `LogModel.build` or a `ModelBuilder`. */
  constructor(
    lines: LineIndex,
    parts: {
      recordStarts: Uint32Array;
      recordFormat: Uint8Array;
      recordDayShift: Int16Array;
      recordPrefix: Uint8Array;
      count: number;
      formats: CompiledFormat[];
      dateHeaders: DateHeader[];
      timeContext: TimeContext;
      mixed: boolean;
      covered: { from: number; to: number };
    },
  ) {
    this.lines = lines;
    this.recordStarts = parts.recordStarts;
    this.recordFormat = parts.recordFormat;
    this.recordDayShift = parts.recordDayShift;
    this.recordPrefix = parts.recordPrefix;
    this.recordCount = parts.count;
    this.formats = parts.formats;
    this.dateHeaders = parts.dateHeaders;
    this.timeContext = parts.timeContext;
    this.mixed = parts.mixed;
    this.covered = parts.covered;
  }

  get text(): string {
    return this.lines.text;
  }

  /** The format most records have (the document's own), if any record was recognised. */
  get primaryFormat(): CompiledFormat | undefined {
    return this.formats[0];
  }

  static build(text: string, options: ModelOptions): LogModel {
    const builder = new ModelBuilder(text, options);
    builder.step(Infinity);
    return builder.model();
  }

  recordStartLine(r: number): number {
    return this.recordStarts[r];
  }

  /** Last line of record r: the line before the next record, without trailing empty lines. */
  recordEndLine(r: number): number {
    let end = r + 1 < this.recordCount ? this.recordStarts[r + 1] - 1 : this.covered.to - 1;
    const start = this.recordStarts[r];
    while (end > start && this.lines.end(end) === this.lines.start(end)) end--;
    // A date header between two records belongs to neither.
    for (const h of this.dateHeaders) if (h.line > start && h.line <= end) end = Math.max(start, h.line - 1);
    return end;
  }

  recordFormatOf(r: number): CompiledFormat {
    return this.formats[this.recordFormat[r]];
  }

  /** Severity of record r, from its head (read when asked: most records are never looked at). */
  severityOf(r: number): Severity {
    const format = this.recordFormatOf(r);
    const line = this.recordStartLine(r);
    const s = this.lines.start(line) + this.recordPrefix[r];
    const e = this.lines.end(line);
    return severityOf(format, execPatternAt(format, this.text, s, e)?.groups ?? {}, this.text, s, e);
  }

  /** Record containing `line`, or -1 when the line comes before the first record. */
  recordAt(line: number): number {
    if (line < this.covered.from || line >= this.covered.to) return -1;
    if (this.recordCount === 0 || this.recordStarts[0] > line) return -1;
    return lastAtOrBelow(this.recordStarts, line, this.recordCount);
  }

  /** The record's text, its lines joined with `\n`, and the offset of each line in it. */
  recordText(r: number): { text: string; lineOffsets: number[] } {
    const start = this.recordStartLine(r);
    const end = this.recordEndLine(r);
    const parts: string[] = [];
    const lineOffsets: number[] = [];
    let offset = 0;
    for (let l = start; l <= end; l++) {
      const t = this.lines.lineText(l);
      lineOffsets.push(offset);
      parts.push(t);
      offset += t.length + 1;
    }
    return { text: parts.join('\n'), lineOffsets };
  }

  /**
   * The record's text as `recordText` gives it, cut to at most `maxLines` lines and `maxChars`
   * characters: requests that scan a record never read megabytes.
   */
  recordWindow(r: number, maxLines = 2000, maxChars = 1_000_000): { text: string; lineOffsets: number[] } {
    const full = this.recordText(r);
    if (full.lineOffsets.length <= maxLines && full.text.length <= maxChars) return full;
    let lines = Math.min(full.lineOffsets.length, maxLines);
    while (lines > 1 && full.lineOffsets[lines - 1] > maxChars) lines--;
    const cut = lines < full.lineOffsets.length ? full.lineOffsets[lines] - 1 : full.text.length;
    return { text: full.text.slice(0, Math.min(cut, maxChars)), lineOffsets: full.lineOffsets.slice(0, lines) };
  }

  /** Document position of an offset into a record's (windowed) text. */
  static positionInRecord(
    offset: number,
    lineOffsets: readonly number[],
    startLine: number,
  ): { line: number; character: number } {
    let i = lineOffsets.length - 1;
    while (i > 0 && lineOffsets[i] > offset) i--;
    return { line: startLine + i, character: offset - lineOffsets[i] };
  }

  /** Fields, severity and instant of record r. */
  parseRecord(r: number): ParsedRecord | undefined {
    if (r < 0 || r >= this.recordCount) return undefined;
    const format = this.recordFormatOf(r);
    const startLine = this.recordStartLine(r);
    const s = this.lines.start(startLine);
    const e = this.lines.end(startLine);
    const pfx = this.recordPrefix[r];
    const head = e - s > HEAD_LIMIT + pfx ? this.text.slice(0, s + pfx + HEAD_LIMIT) : this.text;
    for (const p of format.patterns) {
      const re = p.withIndices;
      re.lastIndex = s + pfx;
      const m = re.exec(head);
      if (!m) continue;
      const fields: FieldRange[] = [];
      const groups = m.groups ?? {};
      const indices = m.indices?.groups ?? {};
      for (const [name, range] of Object.entries(indices)) {
        if (!range || groups[name] === undefined) continue;
        fields.push({ name, line: startLine, start: range[0] - s, end: range[1] - s, text: groups[name] as string });
      }
      fields.sort((a, b) => a.start - b.start);
      const messageField = fields.find((f) => f.name === 'message');
      const messageStart = messageField ? messageField.start : skipSpaces(this.text, re.lastIndex, e) - s;
      const time = this.resolveRecordTime(r, groups);
      return {
        index: r,
        startLine,
        endLine: this.recordEndLine(r),
        format,
        patternName: p.name,
        prefixLength: pfx,
        fields,
        messageStart,
        severity: this.severityOf(r),
        ...(time ? { time } : {}),
      };
    }
    return undefined;
  }

  private resolveRecordTime(r: number, groups: Record<string, string | undefined>): ResolvedTime | undefined {
    const ctx: TimeContext = { ...this.timeContext };
    if (this.dateHeaders.length > 0 && groups.month === undefined) {
      const line = this.recordStartLine(r);
      let header: DateHeader | undefined;
      for (const h of this.dateHeaders) if (h.line < line) header = h;
      if (header) {
        ctx.headerDate = { ...shiftedDate(header, this.recordDayShift[r] ?? 0), line: header.line };
      }
    }
    const time = resolveTime(groups, ctx);
    if (time && ctx.headerDate && (this.recordDayShift[r] ?? 0) > 0) {
      time.assumptions.push(
        `the clock passed midnight ${this.recordDayShift[r]} time(s) since the header: date advanced`,
      );
    }
    return time;
  }

  /** Instant of record r (ms UTC), or NaN when it has none. */
  instantOf(r: number): number {
    return this.parseRecord(r)?.time?.instant ?? NaN;
  }
}

/**
 * What every model of one text shares, worked out once: its lines, whether its lines must be tried
 * against every format (no format given, or the text mixes them), and the year its stamps imply.
 */
export interface TextBasis {
  readonly lines: LineIndex;
  readonly perLine: boolean;
  readonly inferredYear: { year: number; source: string } | undefined;
}

/** Lines of a text handed to `textShape` (it looks at no more). */
const SHAPE_SAMPLE_LINES = 400;

/** Per text, per set of formats its lines are read as: whether a date header may be in it. */
const dateHeaderSeen = new WeakMap<TextBasis, Map<string, boolean>>();

/**
 * Whether a line of the text may be a date header of one of `formats` (whose records then take
 * their date from it): one native search per header literal over the text, remembered per text. A
 * header pattern without a literal to search for counts as present.
 */
function mayHoldDateHeader(text: string, basis: TextBasis, formats: readonly CompiledFormat[]): boolean {
  const dated = formats.filter((f) => f.headers.some((h) => h.kind === 'date'));
  if (dated.length === 0) return false;
  const key = dated.map((f) => f.id).join('\n');
  let seen = dateHeaderSeen.get(basis);
  if (!seen) dateHeaderSeen.set(basis, (seen = new Map()));
  let found = seen.get(key);
  if (found === undefined) {
    found = dated.some((f) => !f.headerAnchors || f.headerAnchors.some((a) => text.includes(a)));
    seen.set(key, found);
  }
  return found;
}

export function textBasis(text: string, options: ModelOptions): TextBasis {
  const lines = new LineIndex(text);
  const sample = lines.count > SHAPE_SAMPLE_LINES ? text.slice(0, lines.start(SHAPE_SAMPLE_LINES)) : text;
  const { perLine } = textShape(sample, options.format, options.registry.formats);
  const inferredYear = yearOfStamps(text, (offset) => lines.lineAt(offset), options.fileDate, options.caseDays);
  return { lines, perLine, inferredYear };
}

/**
 * Classifies the lines of a text into records, a slice of lines at a time: `LogModel.build` runs it
 * to the end at once; the document cache runs it in steps between requests, so a 100 MB document
 * does not stop the server; `ModelBuilder.window` classifies only the lines around one line, for a
 * request that should not wait for the whole document.
 */
export class ModelBuilder {
  readonly lines: LineIndex;
  private readonly formats: CompiledFormat[];
  private readonly candidates: CompiledFormat[];
  private readonly perLine: boolean;
  private readonly from: number;
  private readonly to: number;
  private line: number;
  private capacity = 1024;
  private starts = new Uint32Array(1024);
  private fmt = new Uint8Array(1024);
  private prefix = new Uint8Array(1024);
  private count = 0;
  private mixed = false;
  private readonly dateHeaders: DateHeader[] = [];
  private readonly dayShifts: number[] = [];
  private readonly clock: DayClockState = { shift: 0, lastSecondOfDay: -1 };

  /** `range`: classify only lines [from, to) (see `window`); `basis`: the text's, if worked out already. */
  constructor(
    readonly text: string,
    private readonly options: ModelOptions,
    range?: { from: number; to: number },
    private readonly basis: TextBasis = textBasis(text, options),
  ) {
    this.lines = basis.lines;
    const all = options.registry.formats;
    // The document's own format is tried first; others only when the text turns out mixed.
    this.formats = options.format ? [options.format] : [];
    this.candidates = options.format ? [options.format, ...all.filter((f) => f !== options.format)] : [...all];
    this.perLine = basis.perLine;
    this.from = Math.max(0, Math.min(range?.from ?? 0, this.lines.count));
    this.to = Math.max(this.from, Math.min(range?.to ?? this.lines.count, this.lines.count));
    this.line = this.from;
  }

  /**
   * A builder of lines [from, to) only, or undefined when a part of the text cannot be read alone:
   * when records may take their date from a header line above (a dumplog `Events from` header
   * somewhere in the text), every line before matters. Otherwise each line is classified on its own
   * (against the document's format, or against every format when the text has no known format or
   * mixes them), so the lines around a position give the same records there as the whole text.
   */
  static window(
    text: string,
    options: ModelOptions,
    range: { from: number; to: number },
    basis: TextBasis = textBasis(text, options),
  ): ModelBuilder | undefined {
    const readAs = basis.perLine ? options.registry.formats : options.format ? [options.format] : [];
    if (mayHoldDateHeader(text, basis, readAs)) return undefined;
    return new ModelBuilder(text, options, range, basis);
  }

  get done(): boolean {
    return this.line >= this.to;
  }

  /** Classifies up to `maxLines` more lines; true when every line is done. */
  step(maxLines: number): boolean {
    const { text, lines } = this;
    const stop = Math.min(this.to, this.line + maxLines);
    for (let line = this.line; line < stop; line++) {
      const s = lines.start(line);
      const e = lines.end(line);
      if (e === s) continue;
      let matchFormat: CompiledFormat | undefined;
      let pfx = 0;
      const tryFormats = this.perLine ? this.candidates : this.formats;
      const contentStarts = this.perLine ? [s, ...grepContentStarts(text, s)] : [s];
      for (const at of contentStarts) {
        if (matchFormat) break;
        for (const f of tryFormats) {
          // Only whether the line begins a record: its fields are read when the record is asked for.
          if (matchPatternAt(f, text, at, e) >= 0) {
            matchFormat = f;
            pfx = Math.min(255, at - s);
            break;
          }
          const h = at === s ? matchHeaderAt(f, text, at, e) : -1;
          if (h >= 0) {
            const header = f.headers[h];
            if (header.kind === 'date') {
              const g = execStickyAt(header.sticky, text, at, e);
              const d = g && headerDateOf(g, header.label);
              if (d) {
                this.dateHeaders.push({ line, ...d });
                this.clock.lastSecondOfDay = -1;
                this.clock.shift = 0;
              }
            }
            break;
          }
        }
      }
      if (!matchFormat) continue;
      this.add(line, matchFormat, pfx, s, e);
    }
    this.line = stop;
    return this.done;
  }

  private add(line: number, format: CompiledFormat, pfx: number, s: number, e: number): void {
    let fi = this.formats.indexOf(format);
    if (fi < 0) {
      if (this.formats.length >= 255) return;
      this.formats.push(format);
      fi = this.formats.length - 1;
    }
    if (fi > 0 || pfx > 0) this.mixed = true;
    if (this.count === this.capacity) {
      this.capacity *= 2;
      this.starts = grow(this.starts, this.capacity);
      this.fmt = grow(this.fmt, this.capacity);
      this.prefix = grow(this.prefix, this.capacity);
    }
    const i = this.count++;
    this.starts[i] = line;
    this.fmt[i] = fi;
    this.prefix[i] = pfx;
    if (this.dateHeaders.length > 0) {
      // dumplog prints time of day only: a clock that jumps back by hours crossed midnight.
      followDayClock(this.clock, execPatternAt(format, this.text, s + pfx, e)?.groups ?? {});
      this.dayShifts[i] = this.clock.shift;
    }
  }

  /** The model of the lines classified so far (all of them once `done`). */
  model(): LogModel {
    const { options, count } = this;
    const timeContext: TimeContext = {
      ...(options.zoneOverrides ? { zoneOverrides: options.zoneOverrides } : {}),
      ...(options.settingsYear !== undefined ? { settingsYear: options.settingsYear } : {}),
      ...(options.zonelessOffset ? { zonelessOffset: options.zonelessOffset } : {}),
    };
    if (this.basis.inferredYear) timeContext.inferredYear = this.basis.inferredYear;
    const dayShift = new Int16Array(this.dateHeaders.length > 0 ? count : 0);
    for (let i = 0; i < dayShift.length; i++) dayShift[i] = this.dayShifts[i] ?? 0;
    return new LogModel(this.lines, {
      recordStarts: this.starts.slice(0, count),
      recordFormat: this.fmt.slice(0, count),
      recordDayShift: dayShift,
      recordPrefix: this.prefix.slice(0, count),
      count,
      formats: [...this.formats],
      dateHeaders: [...this.dateHeaders],
      timeContext,
      mixed: this.mixed,
      covered: { from: this.from, to: this.line },
    });
  }
}

function severityOf(
  f: CompiledFormat,
  groups: Record<string, string | undefined>,
  text: string,
  s: number,
  e: number,
): Severity {
  const level = groups.level;
  if (level !== undefined) {
    const mapped = f.severityValues.get(level.toLowerCase());
    if (mapped !== undefined) return mapped;
  }
  for (const rule of f.severityRules) {
    const limit = Math.min(e, s + HEAD_LIMIT);
    rule.sticky.lastIndex = s;
    if (rule.sticky.test(limit === text.length ? text : text.slice(0, limit))) return rule.severity;
  }
  return f.defaultSeverity;
}

function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** How far into a text the year of its year-less stamps is looked for (the index and the documents agree). */
export const YEAR_SCAN_CHARS = 4_000_000;

/**
 * The year year-less stamps of `text` take: from its dated stamps, else from the days its case's other
 * files date (`caseDays`, see `caseYear.ts`), else the file's modification date.
 */
export function yearOfStamps(
  text: string,
  lineAt: (offset: number) => number,
  fileDate?: Date,
  caseDays?: CaseDays,
): { year: number; source: string } | undefined {
  return (
    inferYear(text, lineAt) ??
    caseYearOf(text.length > YEAR_SCAN_CHARS ? text.slice(0, YEAR_SCAN_CHARS) : text, caseDays) ??
    (fileDate ? { year: fileDate.getUTCFullYear(), source: "the file's modification date" } : undefined)
  );
}

/**
 * Year for stamps that print none, from stamps in the same file that do: GregorianCalendar dumps
 * (`YEAR=2018`), ISO dates, `Aug 06 2018` dates, and epoch milliseconds under a time key
 * (`publishedDate=1533528158684`, `<statusTimestamp>...`, the UCCX engine's `Session[...,time=1566375302331]`).
 * Looks at the first YEAR_SCAN_CHARS
 * only. `lineAt` gives the line of an offset, for saying where the year came from.
 */
export function inferYear(
  text: string,
  lineAt: (offset: number) => number,
): { year: number; source: string } | undefined {
  const scan = text.length > YEAR_SCAN_CHARS ? text.slice(0, YEAR_SCAN_CHARS) : text;
  const patterns: Array<{ re: RegExp; what: string; year: (m: RegExpExecArray) => number }> = [
    { re: /\bYEAR=((?:19|20)\d\d)\b/g, what: 'the GregorianCalendar YEAR= field', year: (m) => Number(m[1]) },
    {
      re: /\b((?:19|20)\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g,
      what: 'a dated stamp',
      year: (m) => Number(m[1]),
    },
    {
      re: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2} ((?:19|20)\d\d)\b/g,
      what: 'a dated stamp',
      year: (m) => Number(m[1]),
    },
    {
      re: /\b(publishedDate|statusTime[Ss]tamp|enqueueTime|startTime|lastUpdated|time)(?:=|>|":\s{0,2})(1[0-9]{12})\b/g,
      what: 'the epoch time',
      year: (m) => new Date(Number(m[2])).getUTCFullYear(),
    },
  ];
  for (const { re, what, year } of patterns) {
    const m = re.exec(scan);
    if (m) {
      const y = year(m);
      const label =
        what === 'the epoch time'
          ? `the epoch time ${m[1]} at line ${lineAt(m.index) + 1}`
          : `${what} at line ${lineAt(m.index) + 1}`;
      if (y >= 1990 && y <= 2100) return { year: y, source: label };
    }
  }
  return undefined;
}
