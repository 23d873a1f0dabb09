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

export class LargeFiles implements WindowPlacer {
  private readonly maps = new LineMaps();

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
    if (gzip || bytes <= LARGE_FILE_BYTES || !fileUri.startsWith('file:')) return { uri: fileUri, line };
    const filePath = pathOf(fileUri);
    for (const doc of this.documents.all()) {
      const w = parseWindowUri(doc.uri);
      if (!w || pathOf(w.fileUri) !== filePath) continue;
      if (line >= w.fromLine && line < w.fromLine + doc.lineCount) return { uri: doc.uri, line: line - w.fromLine };
    }
    const from = Math.max(0, (Math.floor(line / PLACE_BLOCK_LINES) - 1) * PLACE_BLOCK_LINES);
    return { uri: windowUriOf(fileUri, from), line: line - from };
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
    const filePath = pathOf(fileUri);
    if (!filePath) return { ...emptyInfo(fileUri), targetLine: 0, error: 'only files on disk are read in windows' };
    if (await isGzipFile(filePath))
      return {
        ...emptyInfo(fileUri),
        targetLine: 0,
        error: 'a gzip file cannot be read in windows: decompress it first',
      };
    const map = await this.maps.of(filePath);
    const bytes = await this.windowBytes(fileUri);
    let line = Math.max(0, Math.floor(p.line ?? 0));
    if (p.time !== undefined) {
      const options = await this.modelOptions(fileUri, map);
      const target = parseUserTime(p.time, await firstStamp(map, options));
      if (target === undefined)
        return {
          ...(await this.info(fileUri, map, 0, 0)),
          targetLine: 0,
          error: `"${p.time.slice(0, 64)}" is not a time: write 2019-08-19 10:12:13 (in the file's clock), add Z or +05:30, or a time of day such as 10:12`,
        };
      line = await lineAtInstant(map, target, options);
    }
    const total = map.totalLines;
    if (total !== undefined) line = Math.min(line, Math.max(0, total - 1));
    const from = await map.windowStartAround(line, bytes, MAX_WINDOW_LINES);
    const w = await this.readWindow(map, fileUri, from);
    void map.complete().catch(() => undefined); // the total line count, for the status item
    return { ...(await this.info(fileUri, map, w.fromLine, w.lineCount)), targetLine: Math.max(0, line - w.fromLine) };
  }

  /** The text of a window URI, read from disk. */
  async content(uri: string): Promise<LargeFileContentRequest.Result> {
    const w = parseWindowUri(uri);
    if (!w) return { ...emptyInfo(uri), text: '', error: 'not a window URI' };
    const filePath = pathOf(w.fileUri);
    if (!filePath) return { ...emptyInfo(w.fileUri), text: '', error: 'only files on disk are read in windows' };
    const map = await this.maps.of(filePath);
    const window = await this.readWindow(map, w.fileUri, w.fromLine);
    void map.complete().catch(() => undefined);
    const info = await this.info(w.fileUri, map, window.fromLine, window.lineCount);
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

  private async info(fileUri: string, map: LineMap, fromLine: number, lineCount: number): Promise<WindowInfo> {
    const languageId = await this.languageOf(fileUri, map);
    const mb = (map.fileBytes / 2 ** 20).toFixed(0);
    const why =
      map.fileBytes > LARGE_FILE_BYTES
        ? `The file is ${mb} MB: VS Code hands extensions no document over ${LARGE_FILE_BYTES / 2 ** 20} MB, so it is read from disk a window at a time.`
        : `The file is ${mb} MB: VS Code does not highlight documents this large, so it is read from disk a window at a time.`;
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

  private async languageOf(fileUri: string, map: LineMap): Promise<string | null> {
    const key = `${map.path}\n${map.fileBytes > 0}`;
    const known = this.languages.get(key);
    if (known !== undefined) return known;
    const sample = decodeLogBytes(await readFileRange(map.path, 0, Math.min(SNIFF_BYTES, map.fileBytes))).text;
    const found = detectFormat(this.deps.registry(), map.path, sample);
    const id = found?.format.def.languageId ?? null;
    this.languages.set(key, id);
    void fileUri;
    return id;
  }

  /** How records of the file are read (format, clock settings), for going to a time. */
  private async modelOptions(fileUri: string, map: LineMap): Promise<ModelOptions> {
    const settings = await this.deps.settingsFor(fileUri);
    const registry = this.deps.registry();
    const languageId = await this.languageOf(fileUri, map);
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
