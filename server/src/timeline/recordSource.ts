/**
 * The records behind timeline events: for lines of one indexed file, the record each belongs to,
 * with its head fields, severity, stamp as written and time assumptions, and its text (bounded).
 * Only the lines of the page asked for are read: a small file whole (kept for the next page), a
 * big one by the index's segments around those lines (a segment says which lines and bytes it
 * covers), an open document that was edited from the editor's text. A file that vanished gives
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
import type { ResolvedTime } from '../time/timestamp';

/** Files up to this size (decompressed) are read whole and kept. */
export const WHOLE_FILE_BYTES = 48 * 1024 * 1024;
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

export interface RecordSourceOptions {
  registry: () => FormatRegistry;
  timeOptionsFor?: (filePath: string | undefined) => TimeOptions;
  /** The editor's text of a document whose text differs from its file. */
  documentText?: (uri: string) => string | undefined;
}

export class RecordSource {
  private readonly cache = new Map<string, Loaded>();
  private cachedBytes = 0;

  constructor(private readonly options: RecordSourceOptions) {}

  /**
   * Records holding `lines` of file `f`; undefined when the file cannot be read (it vanished).
   * Lines that fall before any record map to a view of the line alone.
   */
  async read(f: IndexedFile, lines: readonly number[]): Promise<Map<number, RecordView> | undefined> {
    const out = new Map<number, RecordView>();
    const docText = f.document?.dirty ? (f.document.text ?? this.options.documentText?.(f.uri)) : undefined;
    let windows: Loaded[];
    try {
      if (docText !== undefined) windows = [this.load(`doc:${f.uri}:${f.document?.version}`, docText, 0, f)];
      else if (!f.path) return undefined;
      else windows = await this.fromDisk(f, lines);
    } catch {
      return undefined;
    }
    for (const line of lines) {
      const w = windows.find((x) => line >= x.firstLine && line - x.firstLine < x.model.lines.count);
      if (!w) continue;
      let v = w.views.get(line);
      if (!v) {
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
    this.cachedBytes = 0;
  }

  private async fromDisk(f: IndexedFile, lines: readonly number[]): Promise<Loaded[]> {
    const p = f.path!;
    // What the index read: kept text stays valid while the index has this version of the file.
    const stamp = `${p}:${f.size}:${f.mtimeMs}:${f.generation}`;
    if (f.bytes <= WHOLE_FILE_BYTES || f.segments.length <= 1) {
      const key = `${stamp}:whole`;
      const hit = this.hit(key);
      if (hit) return [hit];
      await fs.promises.access(p);
      const buf = await readRange(p, 0, Infinity);
      return [this.load(key, decode(buf, f), 0, f)];
    }
    // A big file: the segments holding the lines, each read with the one before it (a record may
    // begin in the previous segment; its last bytes are enough, but segments are the unit we know).
    const wanted = new Set<number>();
    for (const line of lines) {
      const i = f.segments.findIndex((s) => line >= s.firstLine && line < s.endLine);
      if (i >= 0) wanted.add(i);
    }
    const out: Loaded[] = [];
    for (const i of [...wanted].sort((a, b) => a - b)) {
      const key = `${stamp}:seg${i}`;
      const hit = this.hit(key);
      if (hit) {
        out.push(hit);
        continue;
      }
      const prev = i > 0 ? f.segments[i - 1] : undefined;
      const startByte = prev ? prev.endByte : 0;
      const firstLine = prev ? prev.endLine : 0;
      const buf = await readRange(p, startByte, f.segments[i].endByte);
      out.push(this.load(key, decode(buf, f), firstLine, f));
    }
    return out;
  }

  private hit(key: string): Loaded | undefined {
    const l = this.cache.get(key);
    if (!l) return undefined;
    this.cache.delete(key);
    this.cache.set(key, l); // most recently used last
    return l;
  }

  private load(key: string, text: string, firstLine: number, f: IndexedFile): Loaded {
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
      ...(f.mtimeMs ? { fileDate: new Date(f.mtimeMs) } : {}),
    });
    const loaded: Loaded = { key, firstLine, model, bytes: text.length * 2, views: new Map() };
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
