/**
 * Keeps the workspace index in step with the editor: the workspace folders, the `ccLogs.index`
 * settings and the time settings per folder, the log files watched on disk, the open documents'
 * text, rebuilds, and code lens refreshes when results change. Owns the worker pool, the index and
 * its query API; what the user sees of it is `indexStatus.ts`.
 */
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from '../flows/marks';
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  MessageType,
  ShowMessageNotification,
  type FileEvent,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IndexStatsRequest } from '../../../protocol/indexStats';
import type { FormatRegistry } from '../formats/registry';
import { IndexPool } from '../index/pool';
import { IndexQuery } from '../index/query';
import { DEFAULT_INDEX_SETTINGS, indexSettingsFrom, type IndexSettings } from '../index/settings';
import { pathOfUri, WorkspaceIndex } from '../index/workspaceIndex';
import type { TimeOptions } from '../time/options';
import { caseDaysOfFolder } from '../model/caseYear';
import { ClientSettings } from './clientSettings';
import { IndexStatus } from './indexStatus';
import { timeOptionsOf, type Settings } from './settings';

const DOCUMENT_DEBOUNCE_MS = 400;

export interface IndexSessionDeps {
  /** The live format registry (built-in and user formats). */
  registry: () => FormatRegistry;
  /** The `ccLogs` settings of a resource (time zones, year, zone-less offset, format folders). */
  settingsFor?: (uri: string) => Promise<Settings>;
  /** Where the raw `ccLogs` settings come from; by default, from this connection. */
  clientSettings?: ClientSettings;
  /** Overrides for tests. */
  pool?: IndexPool;
}

export class IndexSession {
  readonly index: WorkspaceIndex;
  readonly query: IndexQuery;
  readonly status: IndexStatus;
  private readonly pool: IndexPool;
  private folders: string[] = [];
  private clientCaps: InitializeParams['capabilities'] = {};
  private settings: IndexSettings = { ...DEFAULT_INDEX_SETTINGS };
  private readonly timeByFolder = new Map<string, TimeOptions>();
  /** Settles when the case's years of every folder are read (`readSettings` starts reading them). */
  private caseDaysRead: Promise<unknown> = Promise.resolve();
  private formatDirs: string[] = [];
  private readonly pendingDocs = new Map<string, ReturnType<typeof setTimeout>>();
  /** Opened documents the index takes once their first requests are answered: uri to version. */
  private readonly deferredOpens = new Map<string, number>();
  private lensTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly clientSettings: ClientSettings;
  /** No workspace folder was given: the folders of the open files are indexed instead. */
  private foldersOfOpenFiles = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly deps: IndexSessionDeps,
  ) {
    this.pool =
      deps.pool ??
      new IndexPool({
        formatDirs: () => this.formatDirs,
        log: (m) => connection.console.warn(m),
        // On this thread too (when workers cannot start), records get the flow markers.
        extract: extractWithMarks,
        anchors: anchorsWithMarks,
        literals: literalsWithMarks,
      });
    this.index = new WorkspaceIndex({
      pool: this.pool,
      timeOptionsFor: (p) => this.timeOptionsFor(p),
      log: (m) => connection.console.warn(m),
    });
    this.query = new IndexQuery({ index: this.index, pool: this.pool, registry: deps.registry });
    this.status = new IndexStatus(
      connection,
      this.index,
      () => this.clientCaps,
      () => this.settings,
    );
    this.clientSettings =
      deps.clientSettings ??
      new ClientSettings((scopeUri) =>
        connection.workspace.getConfiguration({ ...(scopeUri ? { scopeUri } : {}), section: 'ccLogs' }),
      );
    this.index.onProgress((p) => this.status.progress(p));
    this.index.onChange(() => this.scheduleLensRefresh());
  }

  /** From onInitialize: the workspace folders and what the client supports. */
  initialize(params: InitializeParams): void {
    this.clientCaps = params.capabilities;
    this.clientSettings.initialize(params);
    const uris = params.workspaceFolders?.length
      ? params.workspaceFolders.map((f) => f.uri)
      : params.rootUri
        ? [params.rootUri]
        : [];
    this.folders = uris.map(pathOfUri).filter((p): p is string => !!p);
    // rootPath is deprecated, but some clients still send only it (the directory they run in).
    if (this.folders.length === 0 && typeof params.rootPath === 'string' && params.rootPath !== '')
      this.folders = [nodePath.resolve(params.rootPath)];
    this.foldersOfOpenFiles = this.folders.length === 0;
    if (this.folders.length > 0) {
      this.index.expectWorkspace();
      // A workspace is coming: its first search should not wait for the worker threads to start.
      this.pool.warm();
    }
  }

  /** Whether the client tells the server when workspace folders come and go. */
  get watchesFolders(): boolean {
    return !!this.clientCaps.workspace?.workspaceFolders;
  }

  /** From onInitialized: watches the log files, reads the settings and starts indexing. */
  async initialized(): Promise<void> {
    const c = this.connection;
    await this.readSettings();
    if (this.clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Not waited for: the walk need not wait for the client's answer (a change meanwhile is seen by it).
      void c.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: this.settings.include.map((globPattern) => ({ globPattern })),
        })
        .catch((e: unknown) => c.console.warn(`cannot watch log files: ${String(e)}`));
    }
    await this.reindexWorkspace();
  }

  /** Workspace folders were added or removed. */
  foldersChanged(added: ReadonlyArray<{ uri: string }>, removed: ReadonlyArray<{ uri: string }>): void {
    const gone = new Set(removed.map((f) => pathOfUri(f.uri)));
    this.folders = [
      ...this.folders.filter((f) => !gone.has(f)),
      ...added.map((f) => pathOfUri(f.uri)).filter((p): p is string => !!p),
    ];
    void this.reindexWorkspace();
  }

  /**
   * From onDidChangeConfiguration: the file set may have changed (globs, caps), or the rules that
   * date lines and recognise formats, which are baked into the index: then it is built again.
   */
  configurationChanged(params?: { settings?: unknown }): void {
    this.clientSettings.changed(params ? { settings: params.settings } : undefined);
    const before = this.settingsKey();
    void this.readSettings()
      .then(async () => {
        if (this.settingsKey() !== before) {
          await this.index.rebuild(this.settings);
          this.status.send();
        } else await this.reindexWorkspace();
      })
      .catch((e: unknown) => this.connection.console.warn(`index settings: ${String(e)}`));
  }

  /** Forgets the index and reads the workspace again (the `ccLogs.rebuildIndex` command). */
  async rebuild(): Promise<void> {
    await this.index.rebuild(this.settings);
    this.status.send();
  }

  /** Log files created, changed or deleted on disk. */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const filePath = pathOfUri(change.uri);
      if (!filePath) continue;
      const kind =
        change.type === FileChangeType.Created
          ? 'created'
          : change.type === FileChangeType.Deleted
            ? 'deleted'
            : 'changed';
      void this.index
        .fileEvent(filePath, kind)
        .catch((e: unknown) => this.connection.console.warn(`index update failed: ${String(e)}`));
    }
  }

  /**
   * A document was opened. With `after`, the index takes it when `after` resolves (once the first
   * requests about a large document are answered), if it is still open at the same version by then;
   * an edit meanwhile reaches the index through `documentChanged` instead.
   */
  documentOpened(doc: TextDocument, after?: Promise<void>): void {
    if (!after) {
      this.openInIndex(doc);
      return;
    }
    this.deferredOpens.set(doc.uri, doc.version);
    void after.then(() => {
      if (this.deferredOpens.get(doc.uri) !== doc.version) return;
      this.deferredOpens.delete(doc.uri);
      const current = this.documents.get(doc.uri);
      if (!this.disposed && current?.version === doc.version) this.openInIndex(current);
    });
  }

  private openInIndex(doc: TextDocument): void {
    this.index.openDocument(doc.uri, doc.version, doc.getText(), this.formatIdOf(doc));
    this.addFolderOf(doc.uri);
  }

  /**
   * Without any workspace folder, the folder of each opened file is indexed (with its subfolders),
   * so that references reach the files next to it; the user is told once per folder.
   */
  private addFolderOf(uri: string): void {
    if (!this.foldersOfOpenFiles || this.disposed) return;
    const file = pathOfUri(uri);
    if (!file) return;
    const dir = nodePath.dirname(file);
    const sep = nodePath.sep;
    if (this.folders.some((f) => dir === f || dir.startsWith(f.endsWith(sep) ? f : f + sep))) return;
    this.folders = [...this.folders.filter((f) => !f.startsWith(dir + sep)), dir];
    this.index.expectWorkspace();
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `Cisco CC Logs: the editor gave no workspace folder, so the folder of the open file is indexed: ${dir} (give the editor a root folder to choose what is indexed).`,
    });
    // Settings per folder (time zones, year) are read for the new folder before it is indexed.
    void this.readSettings()
      .then(() => this.reindexWorkspace())
      .catch((e: unknown) => this.connection.console.warn(`index: ${String(e)}`));
  }

  /** An edit: the index reads the document's text once the edits pause. */
  documentChanged(doc: TextDocument): void {
    const deferred = this.deferredOpens.get(doc.uri);
    if (deferred === doc.version) return; // the open is on its way (the change event of the open itself)
    if (deferred !== undefined) this.deferredOpens.delete(doc.uri); // edited first: indexed as a change
    const f = this.index.fileByUri(doc.uri);
    if (f?.document?.version === doc.version) return; // the open event already has it
    const old = this.pendingDocs.get(doc.uri);
    if (old) clearTimeout(old);
    this.pendingDocs.set(
      doc.uri,
      setTimeout(() => {
        this.pendingDocs.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (current)
          this.index.changeDocument(current.uri, current.version, current.getText(), this.formatIdOf(current));
      }, DOCUMENT_DEBOUNCE_MS),
    );
  }

  documentClosed(doc: TextDocument): void {
    this.deferredOpens.delete(doc.uri);
    const t = this.pendingDocs.get(doc.uri);
    if (t) clearTimeout(t);
    this.pendingDocs.delete(doc.uri);
    this.index.closeDocument(doc.uri);
  }

  /** The figures of `ccLogs/indexStats`. */
  stats(): IndexStatsRequest.Result {
    const s = this.index.stats();
    const p = this.index.progress();
    return {
      running: p.running,
      files: s.files,
      indexedFiles: s.indexedFiles,
      lines: s.lines,
      bytes: s.bytes,
      keys: s.keys,
      links: s.links,
      postings: s.postings,
      memoryBytes: s.memoryBytes,
      skipped: s.skipped.length,
      failed: s.failed,
      cancelled: s.cancelled,
      progress: { filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.lensTimer) clearTimeout(this.lensTimer);
    for (const t of this.pendingDocs.values()) clearTimeout(t);
    this.pendingDocs.clear();
    this.status.dispose();
    this.index.cancelAll();
    await this.pool.dispose();
  }

  private settingsKey(): string {
    return JSON.stringify([[...this.timeByFolder.entries()], this.formatDirs]);
  }

  private async reindexWorkspace(): Promise<void> {
    await this.index.setWorkspace(this.folders, this.settings, this.caseDaysRead);
    this.status.send();
    this.status.warnAboutCaps();
  }

  private async readSettings(): Promise<void> {
    try {
      // The whole `ccLogs` section: some clients (eglot) resolve no dotted section like `ccLogs.index`.
      this.settings = indexSettingsFrom((await this.clientSettings.get()).index);
    } catch {
      this.settings = { ...DEFAULT_INDEX_SETTINGS };
    }
    this.timeByFolder.clear();
    if (!this.deps.settingsFor) {
      this.caseDaysRead = Promise.resolve();
      return;
    }
    const caseDays: Array<Promise<void>> = [];
    for (const folder of this.folders) {
      try {
        const s = await this.deps.settingsFor(pathToFileURL(folder).href);
        this.formatDirs = s.formatDirectories;
        const time: TimeOptions = timeOptionsOf(s);
        this.timeByFolder.set(folder, time);
        // Year-less files (the JTAPI client log) take the year their case's dated files give the same
        // day. Read while the workspace is walked (and searched): index jobs are queued once it is in.
        caseDays.push(
          caseDaysOfFolder(folder).then(
            (days) => void (time.caseDays = days),
            () => undefined,
          ),
        );
      } catch {
        // defaults
      }
    }
    this.caseDaysRead = Promise.all(caseDays);
  }

  /** The days the dated files of a file's folder print, with their years (see `model/caseYear.ts`). */
  caseDaysFor(uri: string): TimeOptions['caseDays'] {
    let filePath: string;
    try {
      filePath = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return this.timeOptionsFor(filePath).caseDays;
  }

  /** The time rules of a file's folder, as the index dates its lines (the timeline reads records with them). */
  timeOptionsFor(filePath: string | undefined): TimeOptions {
    if (!filePath) return this.timeByFolder.values().next().value ?? {};
    let best: string | undefined;
    for (const f of this.timeByFolder.keys()) if (filePath.startsWith(f) && (!best || f.length > best.length)) best = f;
    return (best ? this.timeByFolder.get(best) : undefined) ?? {};
  }

  private formatIdOf(doc: TextDocument): string | undefined {
    return this.deps.registry().byLanguage(doc.languageId)?.id;
  }

  private scheduleLensRefresh(): void {
    if (!this.clientCaps.workspace?.codeLens?.refreshSupport || this.lensTimer) return;
    this.lensTimer = setTimeout(() => {
      this.lensTimer = undefined;
      if (this.disposed) return;
      try {
        void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      } catch {
        // the connection is closing
      }
    }, 1500);
  }
}
