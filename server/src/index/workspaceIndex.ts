/**
 * The workspace index: for every log file of the workspace folders (and every open log document),
 * which lines name which entity. Files are indexed by the worker pool and become searchable segment
 * by segment while they are read; queries answer at any time from what is indexed so far. Files are
 * re-indexed when they change (only the new tail when a log grew), dropped when they vanish, and
 * an open document's text replaces its file's content while it is edited.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nameKindOf } from '../entities/vocabulary';
import { AliasGraph, type LinkEvidence } from './aliases';
import type { LogEncoding } from './decode';
import { discoverFiles, FileFilter, reachableWithoutLinks, textBytesOf, toRelative, type SkippedFile } from './fileSet';
import type { TimeOptions } from '../time/options';
import type { IndexJobSpec, JobSummary, ResumeState } from './indexer';
import { HitSet } from './hitSet';
import { KeyTable } from './keyTable';
import type { IndexPool, JobHandle } from './pool';
import {
  adoptSegment,
  columnLength,
  columnStart,
  findKey,
  LINE_MASK,
  segmentBytes,
  type Segment,
  type SegmentPayload,
} from './segment';
import { DEFAULT_INDEX_SETTINGS, type IndexSettings } from './settings';

export type FileState = 'queued' | 'indexing' | 'indexed' | 'failed' | 'skipped' | 'cancelled';

export interface IndexedFile {
  id: number;
  /** Path on disk; undefined for documents that have none (untitled). */
  path: string | undefined;
  uri: string;
  state: FileState;
  /** Size and modification time on disk when last indexed or queued. */
  size: number;
  mtimeMs: number;
  segments: Segment[];
  lines: number;
  records: number;
  /** Bytes of the (decompressed) content indexed. */
  bytes: number;
  /** Bytes of text the caps count: the size on disk, for gzip the inflated size (estimated, then read). */
  textBytes: number;
  /** The last read stopped at a cap (a gzip inflating past it): only its first part is indexed. */
  capped?: boolean;
  formatId: string | null;
  encoding: LogEncoding;
  gzip: boolean;
  problems: string[];
  /** Why the compiled scanner was not used for (part of) the file, when it was asked for. */
  scannerProblem?: string;
  skipReason?: string;
  /** Found by the workspace walk (not only open in the editor). */
  inWorkspace: boolean;
  /** Open in the editor; `dirty` once its text differs from the file. */
  document?: { version: number; dirty: boolean; text?: string; formatId?: string };
  resume?: ResumeState;
  /** The first bytes of the file when indexed, to recognise growth. */
  headProbe?: Buffer;
  /** Segments overlap (a grown file's tail re-reads its last record): queries drop repeats. */
  overlapping?: boolean;
  job?: RunningJob;
  generation: number;
}

interface RunningJob {
  handle: JobHandle;
  generation: number;
  kind: 'full' | 'tail' | 'text';
  /** Segments of a re-index, swapped in when it completes (the previous index answers meanwhile). */
  staged?: Segment[];
  stagedLinks?: Array<{ a: number; b: number; why: string; line: number }>;
  /** Bytes this job adds to the round's total, and how many of them are counted as done. */
  expected: number;
  reported: number;
}

export interface Hit {
  fileId: number;
  line: number;
  column: number;
  length: number;
  /** ms UTC, NaN when unknown. */
  instant: number;
  birth: boolean;
  keyId: number;
}

export interface IndexProgress {
  /** Files finished / to do in the current round of work. */
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  running: boolean;
}

export interface IndexStats {
  files: number;
  indexedFiles: number;
  lines: number;
  bytes: number;
  keys: number;
  links: number;
  postings: number;
  memoryBytes: number;
  skipped: SkippedFile[];
  failed: number;
  cancelled: number;
  /** Files the compiled scanner was asked for and not used on (for all or part of them), and why. */
  scannerFallbacks: Array<{ path: string; reason: string }>;
}

export interface WorkspaceIndexOptions {
  pool: IndexPool;
  /** Time settings of a file (zones, year, offset for zone-less stamps). */
  timeOptionsFor?: (filePath: string | undefined) => TimeOptions;
  /** Lines per segment (tests use small ones). */
  segmentLines?: number;
  log?: (message: string) => void;
}

/** Postings a single query collects at most. */
export const MAX_HITS = 100_000;

export class WorkspaceIndex {
  /** Replaced (emptied) when the index is rebuilt with nothing left in it. */
  keys = new KeyTable();
  aliases = new AliasGraph((id) => nameKindOf(this.keys.text(id)));
  private readonly files = new Map<number, IndexedFile>();
  private readonly byPath = new Map<string, IndexedFile>();
  private readonly byUri = new Map<string, IndexedFile>();
  private nextFileId = 1;
  private folders: string[] = [];
  private settings: IndexSettings = { ...DEFAULT_INDEX_SETTINGS };
  private filter = new FileFilter(DEFAULT_INDEX_SETTINGS);
  private skipped: SkippedFile[] = [];
  private round = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
  private readonly progressListeners = new Set<(p: IndexProgress) => void>();
  private readonly changeListeners = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];
  private discovering = 0;

  constructor(private readonly options: WorkspaceIndexOptions) {}

  // ------------------------------------------------------------------------------------------
  // Keeping the index up to date

  private listed: Promise<void> = Promise.resolve();
  private resolveListed: (() => void) | undefined;

  /**
   * A workspace walk is about to start (the LSP layer knows at `initialize`, before the settings
   * that the walk needs arrive): queries wait for the file list instead of answering from open
   * documents alone.
   */
  expectWorkspace(): void {
    if (!this.resolveListed) this.listed = new Promise((resolve) => (this.resolveListed = resolve));
  }

  /** Settles when the expected workspace walk has listed the files (at once when none is expected). */
  whenListed(): Promise<void> {
    return this.listed;
  }

  /**
   * Sets the workspace folders and settings, walks the folders and queues what changed. The files are
   * listed (and queries waiting for the list let go) before any is queued, so that a search asked
   * while the workspace opens gets the cores before the index jobs do; jobs are queued once `ready`
   * settles (what their specs need, such as the case's years, may still be on its way).
   */
  async setWorkspace(folders: readonly string[], settings: IndexSettings, ready?: Promise<unknown>): Promise<void> {
    this.folders = folders.map((f) => path.resolve(f));
    this.settings = settings;
    this.filter = new FileFilter(settings);
    this.discovering++;
    try {
      const found = await discoverFiles(this.folders, settings);
      this.skipped = found.skipped;
      const present = new Set<string>();
      const fresh: Array<{ file: IndexedFile; found: (typeof found.files)[number] }> = [];
      const changed: IndexedFile[] = [];
      for (const f of found.files) {
        present.add(f.path);
        const known = this.byPath.get(f.path);
        if (!known) fresh.push({ file: this.addFile(f.path, pathToFileURL(f.path).href, true), found: f });
        else {
          known.inWorkspace = true;
          if (
            known.state === 'cancelled' ||
            known.state === 'failed' ||
            known.size !== f.size ||
            known.mtimeMs !== f.mtimeMs
          ) {
            changed.push(known);
          }
        }
      }
      for (const f of [...this.files.values()]) {
        if (f.inWorkspace && f.path && !present.has(f.path)) {
          f.inWorkspace = false;
          if (!f.document) this.removeFile(f);
        }
      }
      if (found.truncated) this.options.log?.('the workspace holds too many entries: the walk stopped early');
      // Sizes first: a file's cap depends on the total of the others.
      for (const { file, found: f } of fresh) {
        file.size = f.size;
        file.mtimeMs = f.mtimeMs;
        file.textBytes = f.textBytes;
      }
      this.resolveListed?.();
      this.resolveListed = undefined;
      // The queries let go above ask their searches on the next turns of the event loop.
      await Promise.all([ready, new Promise((resolve) => setImmediate(resolve))]);
      for (const { file, found: f } of fresh) {
        if (this.files.get(file.id) !== file) continue; // removed meanwhile
        if (file.job || file.state !== 'queued') continue; // opened or refreshed meanwhile
        this.enqueueFull(file, f.size, f.mtimeMs, false, f.textBytes);
      }
      for (const known of changed) void this.refreshFile(known);
    } finally {
      this.discovering--;
      this.checkIdle();
      this.resolveListed?.();
      this.resolveListed = undefined;
    }
    this.changed();
  }

  /** A file was created, changed or deleted on disk (file watcher). */
  async fileEvent(filePath: string, kind: 'created' | 'changed' | 'deleted'): Promise<void> {
    const full = path.resolve(filePath);
    const known = this.byPath.get(full);
    if (kind === 'deleted') {
      if (known) {
        known.inWorkspace = false;
        if (!known.document) this.removeFile(known);
        else if (!known.document.dirty) {
          // Open but gone from disk: its text (as the editor holds it) is all there is now.
          known.document.dirty = true;
        }
        this.changed();
      }
      return;
    }
    if (known) {
      if (known.document?.dirty) return; // the editor's text wins while it is open
      await this.refreshFile(known);
      return;
    }
    if (!this.inScope(full)) return;
    if (!(await this.linkFree(full))) return; // as the folder walk, events never follow a link
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(full);
    } catch {
      return;
    }
    if (!st.isFile()) return;
    const textBytes = await textBytesOf(full, st.size);
    if (textBytes > this.settings.maxFileSizeMB * 1024 * 1024) {
      this.skipped.push({ path: full, size: textBytes, reason: 'too large' });
      return;
    }
    if (this.totalBytes() + textBytes > this.settings.maxTotalGB * 1024 ** 3) {
      this.skipped.push({ path: full, size: textBytes, reason: 'over the total cap' });
      this.changed();
      return;
    }
    if (this.byPath.has(full)) return; // added while we waited for stat
    this.enqueueFull(this.addFile(full, pathToFileURL(full).href, true), st.size, st.mtimeMs, false, textBytes);
  }

  /** A log document was opened in the editor (`formatId`: from its language, if it says one). */
  openDocument(uri: string, version: number, text: string, formatId?: string): void {
    const filePath = pathOfUri(uri);
    let f = this.byUri.get(uri) ?? (filePath ? this.byPath.get(filePath) : undefined);
    if (f) {
      f.document = { version, dirty: false };
      if (f.uri !== uri) {
        this.byUri.delete(f.uri);
        f.uri = uri;
        this.byUri.set(uri, f);
      }
      return; // its file is (being) indexed from disk with the same content
    }
    const onDisk = filePath !== undefined ? sameSizeOnDisk(filePath, text) : undefined;
    f = this.addFile(filePath, uri, false);
    if (onDisk) {
      // Read from disk like a workspace file: handing a worker the text would copy all of it on
      // this thread (300 ms for 100 MB) before the document's first request is answered.
      f.document = { version, dirty: false, ...(formatId ? { formatId } : {}) };
      this.enqueueFull(f, onDisk.size, onDisk.mtimeMs, true);
      return;
    }
    f.document = { version, dirty: true, text, ...(formatId ? { formatId } : {}) };
    this.enqueueText(f, text);
  }

  /** The text of an open document changed. */
  changeDocument(uri: string, version: number, text: string, formatId?: string): void {
    const f = this.byUri.get(uri);
    if (!f) {
      this.openDocument(uri, version, text, formatId);
      return;
    }
    if (f.document && f.document.version === version) return;
    f.document = { version, dirty: true, text, ...(formatId ? { formatId } : {}) };
    this.enqueueText(f, text);
  }

  /** An open document was closed: its file on disk is indexed again if it was edited. */
  closeDocument(uri: string): void {
    const f = this.byUri.get(uri);
    if (!f || !f.document) return;
    const dirty = f.document.dirty;
    f.document = undefined;
    if (!f.inWorkspace || !f.path) {
      this.removeFile(f);
      this.changed();
      return;
    }
    if (dirty) void this.refreshFile(f, true);
  }

  /** Stops all indexing; what is indexed stays searchable. */
  cancelAll(): void {
    for (const f of this.files.values()) {
      if (f.job) {
        f.job.handle.cancel();
        f.job = undefined;
        f.generation++;
      }
      if (f.state === 'queued' || f.state === 'indexing') f.state = 'cancelled';
    }
    this.round = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
    this.emitProgress();
    this.checkIdle();
  }

  /** Forgets everything and indexes the workspace again (with new settings, if given). */
  async rebuild(settings: IndexSettings = this.settings): Promise<void> {
    this.cancelAll();
    for (const f of [...this.files.values()]) if (!f.document) this.removeFile(f);
    if (this.files.size === 0) {
      // Keys of files that are gone would otherwise stay interned for good.
      this.keys = new KeyTable();
      this.aliases = new AliasGraph((id) => nameKindOf(this.keys.text(id)));
    }
    for (const f of this.files.values()) {
      if (f.document?.text !== undefined) this.enqueueText(f, f.document.text);
      else if (f.path) this.enqueueFull(f, f.size, f.mtimeMs);
    }
    await this.setWorkspace(this.folders, settings);
  }

  // ------------------------------------------------------------------------------------------
  // Queries

  /** The key id of `key`, or -1 when no file names it. */
  keyId(key: string): number {
    return this.keys.find(key);
  }

  /** All keys naming the same entity as `keyId` (itself first). */
  entityKeys(keyId: number): number[] {
    return keyId < 0 ? [] : this.aliases.members(keyId);
  }

  /** The same into `out` (at least MAX_ENTITY_KEYS long), returning how many. */
  entityKeysInto(keyId: number, out: Int32Array): number {
    return keyId < 0 ? 0 : this.aliases.membersInto(keyId, out);
  }

  /**
   * Whether an indexed file states the link between keys `a` and `b`: the entities then already
   * hold it, or keep it out when it was refused (a record's own links need not be added again).
   */
  statesLink(a: string, b: string): boolean {
    const ia = this.keys.find(a);
    const ib = this.keys.find(b);
    return ia >= 0 && ib >= 0 && this.aliases.hasLink(ia, ib);
  }

  linkEvidence(keyIds: readonly number[]): LinkEvidence[] {
    return this.aliases.evidence(keyIds);
  }

  /** Lines naming any of `keyIds` (in one file, or all), at most `limit`, as typed arrays. */
  collect(keyIds: readonly number[], limit = MAX_HITS, onlyFile?: number): HitSet {
    const files =
      onlyFile !== undefined
        ? [this.files.get(onlyFile)].filter((f): f is IndexedFile => !!f)
        : [...this.files.values()];
    // First the ranges, to size the arrays once; then bulk copies.
    const ranges: Array<{ f: IndexedFile; seg: Segment; k: number; from: number; to: number }> = [];
    let total = 0;
    for (const f of files) {
      for (const seg of f.segments) {
        for (const k of keyIds) {
          const r = findKey(seg, k);
          if (!r) continue;
          ranges.push({ f, seg, k, from: r[0], to: r[1] });
          total += r[1] - r[0];
        }
      }
    }
    const set = new HitSet(Math.min(total, limit));
    let lastFile: IndexedFile | undefined;
    let fileStart = 0;
    for (const { f, seg, k, from, to } of ranges) {
      if (f !== lastFile) {
        if (lastFile?.overlapping) set.dedupeFrom(fileStart);
        lastFile = f;
        fileStart = set.count;
      }
      const n = Math.min(to - from, limit - set.count);
      if (n < to - from) set.truncated = true;
      if (n > 0) set.append(f.id, k, seg, from, n);
      if (set.truncated) break;
    }
    if (lastFile?.overlapping) set.dedupeFrom(fileStart);
    return set;
  }

  /** Lines naming any of `keyIds`, one object each (for small answers), at most `limit`. */
  hits(keyIds: readonly number[], limit = MAX_HITS, onlyFile?: number): { hits: Hit[]; truncated: boolean } {
    const set = this.collect(keyIds, limit, onlyFile);
    const hits: Hit[] = [];
    for (let i = 0; i < set.count; i++) {
      hits.push({
        fileId: set.fileIds[i],
        line: set.lines[i],
        column: set.column(i),
        length: set.length(i),
        instant: set.instants[i],
        birth: set.births[i] === 1,
        keyId: set.keyIds[i],
      });
    }
    return { hits, truncated: set.truncated };
  }

  /** How many files name any of `keyIds`, counting no further than `enough`. */
  filesNaming(keyIds: readonly number[], enough: number): number {
    let n = 0;
    for (const f of this.files.values()) {
      if (f.segments.some((seg) => keyIds.some((k) => findKey(seg, k) !== undefined)) && ++n >= enough) break;
    }
    return n;
  }

  /** Whether any indexed line names `keyId`. */
  hasPostings(keyId: number): boolean {
    for (const f of this.files.values()) for (const seg of f.segments) if (findKey(seg, keyId)) return true;
    return false;
  }

  /** Keys named in a file with the first line naming each (for code lenses), at most `limit`. */
  keysInFile(fileId: number, limit: number): Array<{ keyId: number; line: number; column: number; length: number }> {
    const f = this.files.get(fileId);
    if (!f) return [];
    const first = new Map<number, { line: number; column: number; length: number }>();
    for (const seg of f.segments) {
      for (let j = 0; j < seg.keyIds.length; j++) {
        const k = seg.keyIds[j];
        if (first.has(k) || this.isInternal(k)) continue;
        let best = seg.keyStart[j];
        for (let i = best + 1; i < seg.keyStart[j + 1]; i++)
          if ((seg.lines[i] & LINE_MASK) < (seg.lines[best] & LINE_MASK)) best = i;
        first.set(k, {
          line: seg.lines[best] & LINE_MASK,
          column: columnStart(seg.columns[best]),
          length: columnLength(seg.columns[best]),
        });
      }
    }
    return [...first.entries()]
      .map(([keyId, v]) => ({ keyId, ...v }))
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .slice(0, limit);
  }

  /** Keys containing `fragment` that some indexed line names. */
  searchKeys(fragment: string, limit: number): number[] {
    const out: number[] = [];
    for (const id of this.keys.search(fragment, limit * 8)) {
      if (!this.isInternal(id) && this.hasPostings(id)) out.push(id);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Keys starting with `~` are internal postings, not names of anything (flow markers, see
   * flows/marks.ts): never offered as symbols or lenses.
   */
  isInternal(keyId: number): boolean {
    return this.keys.text(keyId).startsWith('~');
  }

  file(id: number): IndexedFile | undefined {
    return this.files.get(id);
  }

  fileByUri(uri: string): IndexedFile | undefined {
    const f = this.byUri.get(uri);
    if (f) return f;
    const p = pathOfUri(uri);
    return p ? this.byPath.get(p) : undefined;
  }

  allFiles(): IndexedFile[] {
    return [...this.files.values()];
  }

  /** Whether work is queued or running. */
  get busy(): boolean {
    return this.discovering > 0 || [...this.files.values()].some((f) => f.job !== undefined);
  }

  /** Files whose content is not (fully) searchable yet, and from which line and byte. */
  unindexed(): Array<{ file: IndexedFile; fromLine: number; fromByte: number; maxBytes: number }> {
    const out: Array<{ file: IndexedFile; fromLine: number; fromByte: number; maxBytes: number }> = [];
    for (const f of this.files.values()) {
      if (f.state === 'indexed' || f.state === 'skipped' || f.state === 'failed') continue;
      if (f.job?.staged) continue; // being re-indexed: the previous index still answers
      const last = f.segments[f.segments.length - 1];
      out.push({ file: f, fromLine: last?.endLine ?? 0, fromByte: last?.endByte ?? 0, maxBytes: this.capFor(f) });
    }
    return out;
  }

  progress(): IndexProgress {
    return { ...this.round, running: this.busy };
  }

  onProgress(listener: (p: IndexProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Called when results may have changed (a segment arrived, a file went). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  stats(): IndexStats {
    let lines = 0;
    let bytes = 0;
    let postings = 0;
    // A link: its record, its two list entries and the two partner entries of its ends.
    let memory = this.keys.memoryBytes() + this.aliases.linkCount * 240;
    let indexedFiles = 0;
    let failed = 0;
    let cancelled = 0;
    for (const f of this.files.values()) {
      lines += f.lines;
      bytes += f.bytes;
      memory += FILE_OBJECT_BYTES + (f.path?.length ?? 0) * 2 + f.uri.length * 2;
      for (const s of f.segments) {
        postings += s.lines.length;
        memory += segmentBytes(s);
      }
      if (f.state === 'indexed') indexedFiles++;
      if (f.state === 'failed') failed++;
      if (f.state === 'cancelled') cancelled++;
    }
    return {
      files: this.files.size,
      indexedFiles,
      lines,
      bytes,
      keys: this.keys.size,
      links: this.aliases.linkCount,
      postings,
      memoryBytes: memory,
      skipped: [
        ...this.skipped,
        ...[...this.files.values()]
          .filter((f) => f.capped && f.path)
          .map((f): SkippedFile => ({ path: f.path!, size: f.textBytes, reason: 'cut at the cap' })),
      ],
      failed,
      cancelled,
      scannerFallbacks: [...this.files.values()]
        .filter((f) => f.scannerProblem)
        .map((f) => ({ path: f.path ?? f.uri, reason: f.scannerProblem! })),
    };
  }

  get settingsInUse(): IndexSettings {
    return this.settings;
  }

  // ------------------------------------------------------------------------------------------
  // Internals

  /** Whether `full` is reached from its workspace folder without a symbolic link (the walk's rule). */
  private async linkFree(full: string): Promise<boolean> {
    for (const folder of this.folders) if (await reachableWithoutLinks(folder, full)) return true;
    return false;
  }

  private inScope(full: string): boolean {
    for (const folder of this.folders) {
      const rel = toRelative(folder, full);
      if (!rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel) && this.filter.matches(rel)) return true;
    }
    return false;
  }

  private totalBytes(): number {
    let t = 0;
    for (const f of this.files.values()) if (f.inWorkspace) t += f.textBytes;
    return t;
  }

  private addFile(filePath: string | undefined, uri: string, inWorkspace: boolean): IndexedFile {
    const f: IndexedFile = {
      id: this.nextFileId++,
      path: filePath,
      uri,
      state: 'queued',
      size: 0,
      mtimeMs: 0,
      segments: [],
      lines: 0,
      records: 0,
      bytes: 0,
      textBytes: 0,
      formatId: null,
      encoding: 'utf-8',
      gzip: false,
      problems: [],
      inWorkspace,
      generation: 0,
    };
    this.files.set(f.id, f);
    if (filePath) this.byPath.set(filePath, f);
    this.byUri.set(uri, f);
    return f;
  }

  private removeFile(f: IndexedFile): void {
    if (f.job) {
      f.job.handle.cancel();
      this.retire(f.job);
    }
    f.job = undefined;
    f.generation++;
    this.files.delete(f.id);
    if (f.path && this.byPath.get(f.path) === f) this.byPath.delete(f.path);
    if (this.byUri.get(f.uri) === f) this.byUri.delete(f.uri);
    this.aliases.removeFile(f.id);
    f.segments = [];
    this.checkIdle();
  }

  /** Looks at a known file on disk again: new tail, full re-index, or removal. */
  private async refreshFile(f: IndexedFile, force = false): Promise<void> {
    if (!f.path) return;
    if (f.inWorkspace && !f.document && !(await this.linkFree(f.path))) {
      this.removeFile(f); // replaced by a symbolic link: the walk would not list it now
      this.changed();
      return;
    }
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(f.path);
    } catch {
      if (!f.document) this.removeFile(f);
      this.changed();
      return;
    }
    if (!force && st.size === f.size && st.mtimeMs === f.mtimeMs && f.state !== 'cancelled' && f.state !== 'failed')
      return;
    if (!force && f.state === 'indexed' && f.resume && !f.gzip && st.size > f.size && (await this.sameHead(f))) {
      this.enqueueTail(f, st.size, st.mtimeMs);
    } else {
      this.enqueueFull(f, st.size, st.mtimeMs, false, await textBytesOf(f.path, st.size));
    }
  }

  /** Whether the bytes before the resume point are unchanged (the file grew, it was not rewritten). */
  private async sameHead(f: IndexedFile): Promise<boolean> {
    if (!f.path || !f.resume || !f.headProbe) return false;
    try {
      const fh = await fs.promises.open(f.path, 'r');
      try {
        const probe = Buffer.alloc(f.headProbe.length);
        const { bytesRead } = await fh.read(probe, 0, probe.length, 0);
        return bytesRead === probe.length && probe.equals(f.headProbe);
      } finally {
        await fh.close();
      }
    } catch {
      return false;
    }
  }

  private spec(f: IndexedFile): IndexJobSpec {
    return {
      fileId: f.id,
      fileName: f.path ?? f.uri,
      time: { ...(this.options.timeOptionsFor?.(f.path) ?? {}), ...(f.mtimeMs ? { fileDateMs: f.mtimeMs } : {}) },
      ...(this.options.segmentLines ? { segmentLines: this.options.segmentLines } : {}),
      scanner: this.settings.scanner,
    };
  }

  private enqueueFull(f: IndexedFile, size: number, mtimeMs: number, urgent = false, textBytes = size): void {
    if (!f.path) return;
    f.size = size;
    f.mtimeMs = mtimeMs;
    f.textBytes = textBytes;
    const stage = f.state === 'indexed' && f.segments.length > 0;
    const formatId = f.document?.formatId;
    this.startJob(
      f,
      'full',
      { ...this.spec(f), path: f.path, maxBytes: this.capFor(f), ...(formatId ? { formatId } : {}) },
      stage,
      size,
      urgent,
    );
  }

  /**
   * Most bytes of text a read of `f` may take: the per-file cap, and what the total cap leaves after
   * the other files of the workspace. A gzip is stopped there however far it would inflate.
   */
  private capFor(f: IndexedFile): number {
    const maxFile = this.settings.maxFileSizeMB * 1024 * 1024;
    if (!f.inWorkspace) return maxFile;
    const others = this.totalBytes() - f.textBytes;
    return Math.max(0, Math.min(maxFile, this.settings.maxTotalGB * 1024 ** 3 - others));
  }

  private enqueueTail(f: IndexedFile, size: number, mtimeMs: number): void {
    const grownBy = size - f.size;
    f.size = size;
    f.mtimeMs = mtimeMs;
    f.textBytes = size;
    this.startJob(
      f,
      'tail',
      { ...this.spec(f), path: f.path!, resume: f.resume!, maxBytes: this.capFor(f) },
      false,
      grownBy,
      false,
    );
  }

  private enqueueText(f: IndexedFile, text: string): void {
    const stage = f.segments.length > 0;
    const formatId = f.document?.formatId;
    this.startJob(f, 'text', { ...this.spec(f), text, ...(formatId ? { formatId } : {}) }, stage, text.length, true);
  }

  private startJob(
    f: IndexedFile,
    kind: 'full' | 'tail' | 'text',
    spec: IndexJobSpec,
    stage: boolean,
    bytes: number,
    urgent: boolean,
  ): void {
    if (f.job) {
      f.job.handle.cancel();
      this.retire(f.job);
    }
    const generation = ++f.generation;
    if (!stage && kind !== 'tail') {
      // A first index goes live segment by segment.
      f.segments = [];
      f.overlapping = false;
      f.lines = 0;
      f.records = 0;
      f.bytes = 0;
      this.aliases.removeFile(f.id);
    }
    f.state = 'queued';
    if (this.round.filesDone >= this.round.filesTotal)
      this.round = { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 };
    this.round.filesTotal++;
    this.round.bytesTotal += bytes;
    const job: RunningJob = {
      generation,
      kind,
      expected: bytes,
      reported: 0,
      ...(stage ? { staged: [], stagedLinks: [] } : {}),
      handle: undefined as unknown as JobHandle,
    };
    f.job = job;
    job.handle = this.options.pool.submit(
      {
        spec,
        onSegment: (p) => this.onSegment(f, generation, p),
        onProgress: (b) => {
          if (f.generation !== generation) return;
          if (f.state === 'queued') f.state = 'indexing';
          const delta = Math.min(b, job.expected) - job.reported;
          if (delta <= 0) return;
          job.reported += delta;
          this.round.bytesDone += delta;
          this.emitProgress();
        },
      },
      urgent,
    );
    job.handle.done.then(
      (s) => this.onDone(f, generation, s),
      (e: unknown) => this.onFailed(f, generation, e instanceof Error ? e.message : String(e)),
    );
    this.emitProgress();
  }

  /** Counts a job as finished in the round's progress. */
  private retire(job: RunningJob): void {
    this.round.filesDone++;
    this.round.bytesDone += Math.max(0, job.expected - job.reported);
    job.reported = job.expected;
  }

  private onSegment(f: IndexedFile, generation: number, p: SegmentPayload): void {
    if (f.generation !== generation || !this.files.has(f.id) || !f.job) return;
    if (f.state === 'queued') f.state = 'indexing';
    const { segment, links } = adoptSegment(p, this.keys);
    if (f.job.staged) {
      f.job.staged.push(segment);
      f.job.stagedLinks!.push(...links);
      return;
    }
    const previous = f.segments[f.segments.length - 1];
    if (previous && segment.firstLine < previous.endLine) f.overlapping = true;
    if (segment.keyIds.length > 0 || f.segments.length === 0) f.segments.push(segment);
    else {
      // No postings: only the covered range matters (for searches of what is not indexed yet).
      const last = f.segments[f.segments.length - 1];
      if (last && last.keyIds.length === 0) f.segments[f.segments.length - 1] = segment;
      else f.segments.push(segment);
    }
    f.lines = Math.max(f.lines, segment.endLine);
    if (links.length > 0) this.aliases.add(f.id, links);
    this.changed();
  }

  private onDone(f: IndexedFile, generation: number, s: JobSummary): void {
    if (f.generation !== generation || !this.files.has(f.id)) return;
    const job = f.job;
    f.job = undefined;
    if (job) this.retire(job);
    if (s.cancelled) {
      // A cancelled re-index leaves the previous, complete index in place.
      f.state = job?.staged ? 'indexed' : 'cancelled';
    } else if (s.skipped) {
      f.state = 'skipped';
      f.skipReason = s.skipped;
      f.segments = [];
      this.aliases.removeFile(f.id);
    } else {
      if (job?.staged) {
        f.segments = job.staged.filter((seg, i) => seg.keyIds.length > 0 || i === job.staged!.length - 1);
        f.overlapping = false;
        this.aliases.removeFile(f.id);
        if (job.stagedLinks!.length > 0) this.aliases.add(f.id, job.stagedLinks!);
      }
      f.state = 'indexed';
      f.lines = s.lines;
      f.records = job?.kind === 'tail' ? f.records + s.records : s.records;
      f.bytes = job?.kind === 'tail' ? f.bytes + s.bytes : s.bytes;
      f.formatId = s.formatId;
      f.encoding = s.encoding;
      f.gzip = s.gzip;
      f.problems = s.problems;
      f.scannerProblem = s.scannerProblem;
      f.capped = s.capped === true;
      // A gzip counts what it inflated to; when stopped at the cap, the cap is what it holds.
      if (s.gzip) f.textBytes = s.bytes;
      f.resume = s.resume;
      if (f.path && job?.kind === 'full' && s.resume) void this.takeHeadProbe(f, generation);
    }
    this.changed();
    this.emitProgress();
    this.checkIdle();
  }

  private onFailed(f: IndexedFile, generation: number, message: string): void {
    if (f.generation !== generation) return;
    if (f.job) this.retire(f.job);
    f.job = undefined;
    f.state = 'failed';
    f.problems = [message];
    this.options.log?.(`indexing ${f.path ?? f.uri} failed: ${message}`);
    this.emitProgress();
    this.checkIdle();
  }

  /** Keeps the first bytes of a file, to tell later whether it grew or was rewritten. */
  private async takeHeadProbe(f: IndexedFile, generation: number): Promise<void> {
    try {
      const fh = await fs.promises.open(f.path!, 'r');
      try {
        const probe = Buffer.alloc(Math.min(HEAD_PROBE_BYTES, f.resume?.byte ?? 0));
        const { bytesRead } = await fh.read(probe, 0, probe.length, 0);
        if (f.generation === generation) f.headProbe = probe.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    } catch {
      // the file went: the watcher says so
    }
  }

  private changed(): void {
    for (const l of this.changeListeners) {
      try {
        l();
      } catch {
        // a listener's failure is its own
      }
    }
  }

  private emitProgress(): void {
    const p = this.progress();
    for (const l of this.progressListeners) {
      try {
        l(p);
      } catch {
        // idem
      }
    }
  }

  private checkIdle(): void {
    if (this.busy) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

const HEAD_PROBE_BYTES = 4096;
/** Rough size of a file entry's objects (maps, strings, state). */
const FILE_OBJECT_BYTES = 800;

/** Path of a `file:` URI, undefined for other schemes. */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * The file's size and time when it holds as many bytes as the document's text in UTF-8: the same
 * size is taken for the same content, as for workspace files opened in the editor (an editor opens
 * a file as it is on disk; a restored unsaved buffer mostly differs in size, and its next change is
 * indexed from the text). Gzip files never match (their text is inflated), nor files in another
 * encoding, whose text is then indexed as the editor decoded it.
 */
function sameSizeOnDisk(filePath: string, text: string): { size: number; mtimeMs: number } | undefined {
  try {
    const st = fs.statSync(filePath);
    if (!st.isFile() || st.size !== Buffer.byteLength(text, 'utf8')) return undefined;
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}
