/**
 * The records behind timeline events: for lines of one indexed file, the record each belongs to,
 * with its head fields, severity, stamp as written and time assumptions, and its text (bounded).
 * Only the lines of the page asked for are read: a small file whole (kept for the next page), a
 * big one by the index's segments around those lines (a segment says which lines and bytes it
 * covers), an open document that was edited from the editor's text. The views made are kept apart
 * from the text, so a warm page reads and parses nothing. A file that vanished gives
 * nothing, and the caller says so.
 */
import * as fs from 'node:fs';
import type { FormatRegistry } from '../formats/registry';
import type { TimeOptions } from '../time/options';
import { openChunks } from '../index/source';
import type { IndexedFile } from '../index/workspaceIndex';
import { LogModel } from '../model/logModel';
import { severityName } from '../formats/severity';
import { decodeLogBytes, stripBom } from '../model/textDecoding';
import { lastAtOrBelow } from '../util/search';
import type { ResolvedTime } from '../time/timestamp';

/**
 * Files up to this size (decompressed) are read whole and kept; bigger ones by windows around the lines asked
 * for. At 48 MB the busiest agent of the 1 GiB bench bundle read a dozen whole dumplog files per request (warm
 * p50 1.7 s, the 256 MB cache thrashing); at 2 MB, 21 ms.
 */
export const WHOLE_FILE_BYTES = 2 * 1024 * 1024;
/** Text kept across requests at most (whole files and windows). */
const CACHE_BYTES = 256 * 1024 * 1024;
const MAX_RECORD_LINES = 200;
/** Record views kept per file or window. */
const MAX_VIEWS = 100_000;
const MAX_RECORD_CHARS = 64 * 1024;
const TIME_FIELDS = new Set([
  'weekday',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fraction',
  'zone',
  'offset',
]);

export interface RecordView {
  /** First line of the record (zero-based, in the file). */
  recordLine: number;
  formatId?: string;
  fields: Record<string, string>;
  /** The message: the first line after the head, with the continuation lines (bounded). */
  message: string;
  /** The whole record (bounded), for entity extraction. */
  text: string;
  severity: string;
  time?: ResolvedTime;
  /** The time as the line writes it. */
  stamp?: string;
}

interface Loaded {
  key: string;
  /** Line of the file that is line 0 of `model`. */
  firstLine: number;
  model: LogModel;
  bytes: number;
  /** Views made so far, by line of the file (a warm page parses nothing again). */
  views: Map<number, RecordView>;
}

/** A window of lines of a big file, with a date header from above it when the format has them. */
interface LineWindow {
  /** Line of the file that is line 0 of `bytes` (the copied header's line counts as the one before `from`). */
  firstLine: number;
  from: number;
  to: number;
  bytes: Buffer;
}

/** Lines read around a line of a big file: before it (its record's head), and after. */
const WINDOW_BEFORE = 200;
const WINDOW_AFTER = 50;
/**
 * Record views kept across requests (of every file read from disk, whatever its size), and files whose views and
 * date headers are kept: the least recently used go first. Counted in the characters of the views (48 M, about
 * 100 MB), apart from the text they came from: the busiest
 * agent of the 1 GiB bench names lines in 44 files and its InvokeIDs in more, so timelines asked in turn evicted
 * each other's files (64 big files at most, the 256 MB of whole texts) and read them again (seconds a page).
 */
const MAX_KEPT_CHARS = 48 * 1024 * 1024;
const MAX_KEPT_FILES = 4096;
/** What a view costs besides its text, in characters, for the budget. */
const VIEW_OVERHEAD = 256;

interface FileHeaders {
  /** Byte offsets of the header lines, ascending, and the lines themselves (with their newline). */
  offsets: number[];
  lines: Buffer[];
}

/** Header lines of one file kept at most. */
const MAX_HEADERS = 100_000;

/**
 * Windows around the `wanted` lines of `buf` (the bytes of lines from `firstLine`), merged when they
 * overlap; each starts with the last date header above it in `buf`, when `headerLiteral` is given.
 */
function windowsOf(
  buf: Buffer,
  firstLine: number,
  wanted: readonly number[],
  headerAbove: (offsetInBuf: number) => Buffer | undefined,
): LineWindow[] {
  const sorted = [...new Set(wanted)].sort((a, b) => a - b);
  const spans: Array<{ from: number; to: number }> = [];
  for (const l of sorted) {
    const from = Math.max(firstLine, l - WINDOW_BEFORE);
    const to = l + WINDOW_AFTER;
    const last = spans[spans.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else spans.push({ from, to });
  }
  // Byte offsets of the span edges: one pass over the newlines up to the last one needed.
  const need = new Set<number>();
  for (const sp of spans) need.add(sp.from).add(sp.to);
  const at = new Map<number, number>();
  let line = firstLine;
  let pos = 0;
  const lastNeeded = spans.length ? spans[spans.length - 1].to : firstLine;
  if (need.has(line)) at.set(line, 0);
  while (line < lastNeeded) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    pos = nl + 1;
    line++;
    if (need.has(line)) at.set(line, pos);
  }
  return spans.map((sp) => {
    const start = at.get(sp.from) ?? 0;
    const end = at.get(sp.to) ?? buf.length;
    const body = buf.subarray(start, end);
    const header = headerAbove(start);
    if (header) return { firstLine: sp.from - 1, from: sp.from, to: sp.to, bytes: Buffer.concat([header, body]) };
    return { firstLine: sp.from, from: sp.from, to: sp.to, bytes: body };
  });
}

export interface RecordSourceOptions {
  registry: () => FormatRegistry;
  timeOptionsFor?: (filePath: string | undefined) => TimeOptions;
  /** The editor's text of a document whose text differs from its file. */
  documentText?: (uri: string) => string | undefined;
  /** Files up to this size are read whole (default WHOLE_FILE_BYTES; tests lower it). */
  wholeFileBytes?: number;
}

export class RecordSource {
  private readonly cache = new Map<string, Loaded>();
  private cachedBytes = 0;
  /** Record views of files read from disk, by file version and line (kept apart from the text they came from). */
  private readonly keptViews = new Map<string, Map<number, RecordView>>();
  /** Characters of the kept views, by file version and in all. */
  private readonly keptCharsOf = new Map<string, number>();
  private keptChars = 0;
  /** Date headers of big files, by file version. */
  private readonly headers = new Map<string, FileHeaders | undefined>();

  constructor(private readonly options: RecordSourceOptions) {}

  /**
   * Records holding `lines` of file `f`; undefined when the file cannot be read (it vanished).
   * Lines that fall before any record map to a view of the line alone.
   */
  async read(f: IndexedFile, lines: readonly number[]): Promise<Map<number, RecordView> | undefined> {
    const docText = f.document?.dirty ? (f.document.text ?? this.options.documentText?.(f.uri)) : undefined;
    try {
      if (docText !== undefined)
        return this.viewsOf(this.load(`doc:${f.uri}:${f.document?.version}`, docText, 0, f), lines, f);
      if (!f.path) return undefined;
      // Views made before (a warm page): neither text nor model is needed for them.
      const stamp = this.stampOf(f);
      const kept = this.keptViews.get(stamp);
      if (kept) {
        // most recently used last
        this.keptViews.delete(stamp);
        this.keptViews.set(stamp, kept);
      }
      const out = new Map<number, RecordView>();
      const missing: number[] = [];
      for (const line of lines) {
        const v = kept?.get(line);
        if (v) out.set(line, v);
        else missing.push(line);
      }
      if (missing.length === 0) return out;
      const whole = await this.wholeFile(f);
      const made = whole ? this.viewsOf(whole, missing, f) : await this.fromWindows(f, missing, stamp);
      this.keep(stamp, made);
      for (const [line, v] of made) out.set(line, v);
      return out;
    } catch {
      return undefined;
    }
  }

  /** Keeps views of a file read from disk, the least recently used files going first past the budget. */
  private keep(stamp: string, made: ReadonlyMap<number, RecordView>): void {
    let views = this.keptViews.get(stamp);
    if (!views) this.keptViews.set(stamp, (views = new Map()));
    let chars = this.keptCharsOf.get(stamp) ?? 0;
    for (const [line, v] of made) {
      if (views.size >= MAX_VIEWS || views.has(line)) continue;
      views.set(line, v);
      const c = v.text.length + (v.message === v.text ? 0 : v.message.length) + VIEW_OVERHEAD;
      chars += c;
      this.keptChars += c;
    }
    this.keptCharsOf.set(stamp, chars);
    for (const k of this.keptViews.keys()) {
      if ((this.keptChars <= MAX_KEPT_CHARS && this.keptViews.size <= MAX_KEPT_FILES) || k === stamp) break;
      this.keptViews.delete(k);
      this.keptChars -= this.keptCharsOf.get(k) ?? 0;
      this.keptCharsOf.delete(k);
    }
  }

  /** Views of `lines` of a text read whole (made once, then kept with it). */
  private viewsOf(w: Loaded, lines: readonly number[], f: IndexedFile): Map<number, RecordView> {
    const out = new Map<number, RecordView>();
    for (const line of lines) {
      let v = w.views.get(line);
      if (!v) {
        if (line < w.firstLine || line - w.firstLine >= w.model.lines.count) continue;
        v = view(w, line - w.firstLine, f.formatId ?? undefined);
        if (w.views.size < MAX_VIEWS) w.views.set(line, v);
      }
      out.set(line, v);
    }
    return out;
  }

  /** Forgets what was kept (the index was rebuilt, settings changed). */
  clear(): void {
    this.cache.clear();
    this.keptViews.clear();
    this.keptCharsOf.clear();
    this.keptChars = 0;
    this.headers.clear();
    this.cachedBytes = 0;
  }

  /** What the index read: kept text stays valid while the index has this version of the file. */
  private stampOf(f: IndexedFile): string {
    return `${f.path}:${f.size}:${f.mtimeMs}:${f.generation}`;
  }

  /** A small file (or one of a single segment), read whole and kept; undefined for a big file. */
  private async wholeFile(f: IndexedFile): Promise<Loaded | undefined> {
    if (f.bytes > (this.options.wholeFileBytes ?? WHOLE_FILE_BYTES) && f.segments.length > 1) return undefined;
    const p = f.path!;
    const key = `${this.stampOf(f)}:whole`;
    const hit = this.hit(key);
    if (hit) return hit;
    await fs.promises.access(p);
    const buf = await readRange(p, 0, Infinity);
    return this.load(key, decode(buf, f), 0, f);
  }

  /**
   * Views of lines of a big file, read by windows of lines around them, cut from the index's segments
   * holding them (a segment says which lines and bytes it covers). What a window gave is kept as record
   * views (not text), so a warm page reads nothing.
   */
  private async fromWindows(f: IndexedFile, lines: readonly number[], stamp: string): Promise<Map<number, RecordView>> {
    const p = f.path!;
    const out = new Map<number, RecordView>();
    const bySegment = new Map<number, number[]>();
    for (const line of lines) {
      const i = f.segments.findIndex((s) => line >= s.firstLine && line < s.endLine);
      if (i < 0) continue;
      const list = bySegment.get(i);
      if (list) list.push(line);
      else bySegment.set(i, [line]);
    }
    for (const [i, wanted] of bySegment) {
      const seg = f.segments[i];
      const prev = i > 0 ? f.segments[i - 1] : undefined;
      const startByte = prev ? prev.endByte : 0;
      const firstLine = prev ? prev.endLine : 0;
      const buf = await readRange(p, startByte, seg.endByte);
      const headers = await this.headersOf(f, stamp);
      const headerAbove = (offset: number): Buffer | undefined => {
        if (!headers || headers.offsets.length === 0) return undefined;
        const h = lastAtOrBelow(headers.offsets, startByte + offset - 1);
        return headers.offsets[h] < startByte + offset ? headers.lines[h] : undefined;
      };
      for (const w of windowsOf(buf, firstLine, wanted, headerAbove)) {
        const loaded = this.load(
          `${stamp}:${w.firstLine}:${w.bytes.length}`,
          decode(w.bytes, f),
          w.firstLine,
          f,
          false,
        );
        for (const line of wanted)
          if (line >= w.from && line < w.to)
            out.set(line, view(loaded, line - loaded.firstLine, f.formatId ?? undefined));
      }
    }
    return out;
  }

  /**
   * Where the date headers of a big file are (dumplog `Events from ...`), found once per version of the
   * file with a native search of its bytes; undefined when its format has none.
   */
  private async headersOf(f: IndexedFile, stamp: string): Promise<FileHeaders | undefined> {
    if (this.headers.has(stamp)) {
      const known = this.headers.get(stamp);
      // most recently used last
      this.headers.delete(stamp);
      this.headers.set(stamp, known);
      return known;
    }
    const literal = this.headerLiteral(f);
    let found: FileHeaders | undefined;
    if (literal && f.path) {
      found = { offsets: [], lines: [] };
      const needle = Buffer.from(literal, 'latin1');
      const src = await openChunks(f.path, 0);
      let base = 0;
      let carry = Buffer.alloc(0);
      for await (const chunk of src.chunks) {
        const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const bufBase = base - carry.length;
        for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) {
          if (at > 0 && buf[at - 1] !== 10) continue;
          if (bufBase + at <= (found.offsets[found.offsets.length - 1] ?? -1)) continue;
          const end = buf.indexOf(10, at);
          if (end < 0) break; // completed by the next chunk
          if (found.offsets.length >= MAX_HEADERS) break;
          found.offsets.push(bufBase + at);
          found.lines.push(Buffer.from(buf.subarray(at, Math.min(end + 1, at + 512))));
        }
        base += chunk.length;
        carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 1024)));
      }
    }
    this.headers.set(stamp, found);
    if (this.headers.size > MAX_KEPT_FILES) this.headers.delete(this.headers.keys().next().value!);
    return found;
  }

  /** The literal a date header of the file's format starts with (dumplog `Events from `), if any. */
  private headerLiteral(f: IndexedFile): string | undefined {
    const format = f.formatId ? this.options.registry().byId(f.formatId) : undefined;
    for (const h of format?.def.headers ? Object.values(format.def.headers) : []) {
      if (h.kind !== 'date') continue;
      const lit = /^[A-Za-z][A-Za-z ]{2,40}/.exec(h.pattern)?.[0];
      if (lit) return lit;
    }
    return undefined;
  }

  private hit(key: string): Loaded | undefined {
    const l = this.cache.get(key);
    if (!l) return undefined;
    this.cache.delete(key);
    this.cache.set(key, l); // most recently used last
    return l;
  }

  private load(key: string, text: string, firstLine: number, f: IndexedFile, keep = true): Loaded {
    const registry = this.options.registry();
    const time = this.options.timeOptionsFor?.(f.path) ?? {};
    const format =
      (f.formatId ?? f.document?.formatId) ? registry.byId((f.formatId ?? f.document?.formatId)!) : undefined;
    const model = LogModel.build(text, {
      registry,
      ...(format ? { format } : {}),
      ...(time.zoneOverrides ? { zoneOverrides: time.zoneOverrides } : {}),
      ...(time.settingsYear !== undefined ? { settingsYear: time.settingsYear } : {}),
      ...(time.zonelessOffset ? { zonelessOffset: time.zonelessOffset } : {}),
      ...(time.caseDays ? { caseDays: time.caseDays } : {}),
      ...(f.mtimeMs ? { fileDate: new Date(f.mtimeMs) } : {}),
    });
    const loaded: Loaded = { key, firstLine, model, bytes: text.length * 2, views: new Map() };
    if (!keep) return loaded;
    this.cache.set(key, loaded);
    this.cachedBytes += loaded.bytes;
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES || k === key) break;
      this.cache.delete(k);
      this.cachedBytes -= v.bytes;
    }
    return loaded;
  }
}

function view(w: Loaded, localLine: number, formatId: string | undefined): RecordView {
  const m = w.model;
  const r = m.recordAt(localLine);
  if (r < 0) {
    const t = m.lines.lineText(localLine).slice(0, MAX_RECORD_CHARS);
    return { recordLine: w.firstLine + localLine, fields: {}, message: t, text: t, severity: 'unknown' };
  }
  const { text } = m.recordWindow(r, MAX_RECORD_LINES, MAX_RECORD_CHARS);
  const parsed = m.parseRecord(r);
  const fields: Record<string, string> = {};
  let stampFrom = Infinity;
  let stampTo = -1;
  for (const fr of parsed?.fields ?? []) {
    if (!(fr.name in fields)) fields[fr.name] = fr.text;
    if (TIME_FIELDS.has(fr.name)) {
      stampFrom = Math.min(stampFrom, fr.start);
      stampTo = Math.max(stampTo, fr.end);
    }
  }
  const first = m.lines.lineText(m.recordStartLine(r));
  const message = parsed ? text.slice(Math.min(parsed.messageStart, first.length)) : text;
  return {
    recordLine: w.firstLine + m.recordStartLine(r),
    formatId: parsed?.format.id ?? formatId,
    fields,
    message,
    text,
    severity: parsed ? severityName(parsed.severity) : 'unknown',
    ...(parsed?.time ? { time: parsed.time } : {}),
    ...(stampTo > stampFrom ? { stamp: first.slice(stampFrom, stampTo) } : {}),
  };
}

function decode(buf: Buffer, f: IndexedFile): string {
  if (f.encoding === 'latin1') return buf.toString('latin1');
  if (f.encoding === 'utf-16le') return stripBom(buf.toString('utf16le'));
  return decodeLogBytes(buf).text;
}

/** Bytes [start, end) of the file's (decompressed) content. */
async function readRange(p: string, start: number, end: number): Promise<Buffer> {
  const src = await openChunks(p, start);
  const parts: Buffer[] = [];
  let held = 0;
  const want = end - start;
  for await (const chunk of src.chunks) {
    parts.push(chunk);
    held += chunk.length;
    if (held >= want) break;
  }
  const all = Buffer.concat(parts, held);
  return held > want ? all.subarray(0, want) : all;
}
