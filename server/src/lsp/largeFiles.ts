/**
 * Files too large for the editor to hand over (over 50 MB in VS Code) are served as windows: read-only
 * documents of a few MB of the file's lines (`protocol/largeFiles.ts`), read here from disk. The
 * client opens a window's URI, asks for its text, and then sends it like any document, so every
 * handler works inside it; this module also tells the others where a window sits in its file:
 * results that point into a large file open the window around them (`place`), and links a hover
 * renders inside a window name the file's own lines (`fileOf`).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LARGE_FILE_BYTES,
  LargeFileContentRequest,
  LargeFileLocateRequest,
  MAX_WINDOW_BYTES,
  MAX_WINDOW_LINES,
  WINDOW_SCHEME,
  parseWindowUri,
  windowUriOf,
  type WindowInfo,
} from '../../../protocol/largeFiles';
import { StatusNotification } from '../../../protocol/messages';
import type { FormatRegistry } from '../formats/registry';
import { detectFormat } from '../formats/sniff';
import { LineMaps, readFileRange, type FileWindow, type LineMap } from '../index/fileWindow';
import { GzipSpills, SPILL_MAX_BYTES, type GzipSpill } from '../index/gzipSpill';
import { isGzipFile } from '../index/source';
import { firstStamp, lineAtInstant, parseUserTime } from '../index/timeSeek';
import type { ModelOptions } from '../model/logModel';
import { decodeLogBytes } from '../model/textDecoding';
import { formatOffset } from '../time/zones';
import type { Settings } from './settings';

/** Lines of a block: a result in a large file with no open window around it opens the window of its block. */
export const PLACE_BLOCK_LINES = 2500;
/** A window opened for a result holds at least this many lines (when they fit in MAX_WINDOW_BYTES). */
const PLACE_MIN_LINES = 2 * PLACE_BLOCK_LINES + 1;
const SNIFF_BYTES = 64 * 1024;

export interface WindowPlacer {
  /** The file and first line of a window URI, or undefined for any other URI. */
  fileOf(uri: string): { fileUri: string; fromLine: number } | undefined;
  /**
   * Where a result at zero-based `line` of the file `fileUri` (`bytes` on disk, gzip or not) is
   * shown: in an open window holding it, in the window of its block when the file is too large to
   * open, else in the file itself.
   */
  place(fileUri: string, bytes: number, gzip: boolean, line: number): { uri: string; line: number };
}

/** The text a window reads: the file itself, or a gzip file's inflated text (a temporary file). */
interface TextSource {
  map: LineMap;
  filePath: string;
  spill?: GzipSpill;
}

export class LargeFiles implements WindowPlacer {
  private readonly maps = new LineMaps();
  private readonly spills = new GzipSpills();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly deps: {
      registry: () => FormatRegistry;
      settingsFor: (uri: string) => Promise<Settings>;
    },
  ) {}

  static isWindow(uri: string): boolean {
    return uri.startsWith(`${WINDOW_SCHEME}:`);
  }

  fileOf(uri: string): { fileUri: string; fromLine: number } | undefined {
    return parseWindowUri(uri);
  }

  place(fileUri: string, bytes: number, gzip: boolean, line: number): { uri: string; line: number } {
    // VS Code shows a gzip file as binary, whatever its size: its text is read in windows too.
    if ((!gzip && bytes <= LARGE_FILE_BYTES) || !fileUri.startsWith('file:')) return { uri: fileUri, line };
    const filePath = pathOf(fileUri);
    for (const doc of this.documents.all()) {
      const w = parseWindowUri(doc.uri);
      if (!w || pathOf(w.fileUri) !== filePath) continue;
      if (line >= w.fromLine && line < w.fromLine + doc.lineCount) return { uri: doc.uri, line: line - w.fromLine };
    }
    const from = Math.max(0, (Math.floor(line / PLACE_BLOCK_LINES) - 1) * PLACE_BLOCK_LINES);
    return { uri: windowUriOf(fileUri, from), line: line - from };
  }

  /** Removes the temporary files of inflated gzip logs. */
  dispose(): void {
    this.spills.dispose();
  }

  listen(): void {
    const c = this.connection;
    c.onRequest(LargeFileLocateRequest.type, async (p) => {
      try {
        return await this.locate(p);
      } catch (e) {
        c.console.error(`largeFile/locate failed for ${p.uri}: ${(e as Error).stack ?? String(e)}`);
        return { ...emptyInfo(p.uri), targetLine: 0, error: `cannot read the file: ${(e as Error).message}` };
      }
    });
    c.onRequest(LargeFileContentRequest.type, async (p) => {
      try {
        return await this.content(p.uri);
      } catch (e) {
        c.console.error(`largeFile/content failed for ${p.uri}: ${(e as Error).stack ?? String(e)}`);
        const error = `cannot read the file: ${(e as Error).message}`;
        return { ...emptyInfo(p.uri), text: `(${error})`, error };
      }
    });
  }

  /** Places a window around a line or a time of the file. */
  async locate(p: LargeFileLocateRequest.Params): Promise<LargeFileLocateRequest.Result> {
    const fileUri = parseWindowUri(p.uri)?.fileUri ?? p.uri;
    const src = await this.source(fileUri);
    if ('error' in src) return { ...emptyInfo(fileUri), targetLine: 0, error: src.error };
    const { map, spill } = src;
    const bytes = await this.windowBytes(fileUri);
    let line = Math.max(0, Math.floor(p.line ?? 0));
    if (p.time !== undefined) {
      // Bisection by bytes needs the whole text: a gzip file's is inflated first.
      if (spill) await this.settle(src, () => spill.finished());
      const options = await this.modelOptions(fileUri, src);
      const target = parseUserTime(p.time, await firstStamp(map, options));
      if (target === undefined)
        return {
          ...(await this.info(fileUri, src, 0, 0)),
          targetLine: 0,
          error: `"${p.time.slice(0, 64)}" is not a time: write 2019-08-19 10:12:13 (in the file's clock), add Z or +05:30, or a time of day such as 10:12`,
        };
      line = await lineAtInstant(map, target, options);
    }
    if (spill) await this.settle(src, () => spill.reach(line, bytes));
    const failed = this.spillFailure(src);
    if (failed) return { ...emptyInfo(fileUri), targetLine: 0, error: failed };
    const total = map.totalLines;
    if (total !== undefined) line = Math.min(line, Math.max(0, total - 1));
    const from = await map.windowStartAround(line, bytes, MAX_WINDOW_LINES);
    const w = await this.readWindow(map, fileUri, from);
    this.countAll(src);
    return { ...(await this.info(fileUri, src, w.fromLine, w.lineCount)), targetLine: Math.max(0, line - w.fromLine) };
  }

  /** The text of a window URI, read from disk. */
  async content(uri: string): Promise<LargeFileContentRequest.Result> {
    const w = parseWindowUri(uri);
    if (!w) return { ...emptyInfo(uri), text: '', error: 'not a window URI' };
    const src = await this.source(w.fileUri);
    if ('error' in src) return { ...emptyInfo(w.fileUri), text: `(${src.error})`, error: src.error };
    const { map, spill, filePath } = src;
    if (spill) {
      const bytes = await this.windowBytes(w.fileUri);
      await this.settle(src, () => spill.reach(w.fromLine, bytes));
      const failed = this.spillFailure(src);
      if (failed) return { ...emptyInfo(w.fileUri), text: `(${failed})`, error: failed };
    }
    const window = await this.readWindow(map, w.fileUri, w.fromLine);
    this.countAll(src);
    const info = await this.info(w.fileUri, src, window.fromLine, window.lineCount);
    // The URI keeps the line asked for; past the end of the file the window holds the last line.
    const result = { ...info, windowUri: uri, text: window.text };
    const name = path.basename(filePath);
    void this.connection.sendNotification(StatusNotification.type, {
      level: 'ok',
      text: `Windowed: ${name}`,
      detail: `${name}: lines ${window.fromLine + 1}–${window.fromLine + window.lineCount} served as a window. ${info.why}`,
    });
    if (window.cut)
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Cisco CC Logs: line ${window.fromLine + 1} of ${name} is longer than the window (${Math.round((window.toByte - window.fromByte) / 2 ** 20)} MB): only its beginning is shown.`,
      });
    return result;
  }

  /** The line map of a file's text: the file itself, or for a gzip file the text inflated so far. */
  private async source(fileUri: string): Promise<TextSource | { error: string }> {
    const filePath = pathOf(fileUri);
    if (!filePath) return { error: 'only files on disk are read in windows' };
    if (!(await isGzipFile(filePath))) return { map: await this.maps.of(filePath), filePath };
    const spill = await this.spills.of(filePath);
    return { map: await this.maps.of(spill.textPath, () => !spill.done), filePath, spill };
  }

  /** A gzip file none of whose text could be inflated: why, for the user. */
  private spillFailure(src: TextSource): string | undefined {
    const { spill } = src;
    if (!spill || spill.bytes > 0 || !spill.done) return undefined;
    const why = spill.error ?? spill.problems.join('; ');
    return `cannot decompress ${path.basename(src.filePath)}${why ? `: ${why}` : ': it holds no text'}`;
  }

  /** Waits for a gzip file's text to hold what is needed, then reads the size the text has reached. */
  private async settle(src: TextSource, wait: () => Promise<void>): Promise<void> {
    await wait();
    await src.map.refresh();
  }

  /** Counts every line in the background, for the total the status item shows (once a gzip's text is whole). */
  private countAll(src: TextSource): void {
    const { map, spill } = src;
    const count = async () => {
      if (spill) await this.settle(src, () => spill.finished());
      await map.complete();
    };
    void count().catch(() => undefined);
  }

  /**
   * The window from a line: as many lines as the size setting takes, or more when a block of
   * PLACE_MIN_LINES lines would not fit (long lines), up to what VS Code still highlights.
   */
  private async readWindow(map: LineMap, uri: string, fromLine: number): Promise<FileWindow> {
    const s = await this.deps.settingsFor(uri);
    const bytes = Math.min(MAX_WINDOW_BYTES, Math.max(1, s.largeFileWindowMB) * 2 ** 20);
    // `locate` reads the window to say how many lines it holds; the client asks for its text next.
    const key = `${map.path}\n${map.version}\n${fromLine}\n${bytes}`;
    if (this.lastWindow?.key === key) return this.lastWindow.window;
    let w = await map.window(fromLine, bytes, MAX_WINDOW_LINES);
    if (w.lineCount < PLACE_MIN_LINES && w.toByte < map.fileBytes && bytes < MAX_WINDOW_BYTES)
      w = await map.window(fromLine, MAX_WINDOW_BYTES, PLACE_MIN_LINES);
    this.lastWindow = { key, window: w };
    return w;
  }

  /** The last window read (one: a few MB of text). */
  private lastWindow: { key: string; window: FileWindow } | undefined;

  /** The window size setting in bytes. */
  private async windowBytes(uri: string): Promise<number> {
    const s = await this.deps.settingsFor(uri);
    return Math.min(MAX_WINDOW_BYTES, Math.max(1, s.largeFileWindowMB) * 2 ** 20);
  }

  private async info(fileUri: string, src: TextSource, fromLine: number, lineCount: number): Promise<WindowInfo> {
    const { map, spill } = src;
    const languageId = await this.languageOf(src);
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
    let why: string;
    if (spill) {
      const gz = Number(spill.stamp.split(':')[0]);
      const text = spill.done ? `${mb(spill.bytes)} MB of text` : `${mb(spill.bytes)} MB of text so far`;
      why = `The file is a gzip log (${mb(gz)} MB, ${text}): VS Code shows it as binary, so the server inflates its text to a temporary file and reads it a window at a time.`;
      if (spill.capped) why += ` Only its first ${SPILL_MAX_BYTES / 2 ** 30} GB of text are shown.`;
      if (spill.problems.length > 0) why += ` ${spill.problems.join('; ')}.`;
      if (spill.error) why += ` Inflating stopped: ${spill.error}.`;
    } else
      why =
        map.fileBytes > LARGE_FILE_BYTES
          ? `The file is ${mb(map.fileBytes)} MB: VS Code hands extensions no document over ${LARGE_FILE_BYTES / 2 ** 20} MB, so it is read from disk a window at a time.`
          : `The file is ${mb(map.fileBytes)} MB: VS Code does not highlight documents this large, so it is read from disk a window at a time.`;
    return {
      windowUri: windowUriOf(fileUri, fromLine),
      fileUri,
      fromLine,
      lineCount,
      totalLines: map.totalLines ?? null,
      fileBytes: map.fileBytes,
      languageId,
      why,
    };
  }

  private readonly languages = new Map<string, string | null>();

  private async languageOf(src: TextSource): Promise<string | null> {
    const { map } = src;
    const key = `${map.path}\n${map.fileBytes > 0}`;
    const known = this.languages.get(key);
    if (known !== undefined) return known;
    const sample = decodeLogBytes(await readFileRange(map.path, 0, Math.min(SNIFF_BYTES, map.fileBytes))).text;
    // A gzip file's text is detected by the name it has without `.gz` (eg_log_x.log.gz: eg_log_x.log).
    const name = src.spill ? src.filePath.replace(/\.gz$/i, '') : map.path;
    const found = detectFormat(this.deps.registry(), name, sample);
    const id = found?.format.def.languageId ?? null;
    this.languages.set(key, id);
    return id;
  }

  /** How records of the file are read (format, clock settings), for going to a time. */
  private async modelOptions(fileUri: string, src: TextSource): Promise<ModelOptions> {
    const settings = await this.deps.settingsFor(fileUri);
    const registry = this.deps.registry();
    const languageId = await this.languageOf(src);
    const format = languageId ? registry.byLanguage(languageId) : undefined;
    return {
      registry,
      ...(format ? { format } : {}),
      zoneOverrides: settings.timeZones,
      ...(settings.defaultYear !== undefined ? { settingsYear: settings.defaultYear } : {}),
      ...(settings.zonelessOffsetMinutes !== undefined
        ? {
            zonelessOffset: {
              minutes: settings.zonelessOffsetMinutes,
              source: `setting ccLogs.zonelessOffset = ${formatOffset(settings.zonelessOffsetMinutes)}`,
            },
          }
        : {}),
    };
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function emptyInfo(uri: string): WindowInfo {
  return {
    windowUri: uri,
    fileUri: uri,
    fromLine: 0,
    lineCount: 0,
    totalLines: null,
    fileBytes: 0,
    languageId: null,
    why: '',
  };
}
