/**
 * Cross-file navigation over entities (contact ids, rooms, agents under each of their names,
 * InvokeIDs...): go to definition (where the entity is born), find references (every line naming
 * it, in every indexed file and open document, ordered by time), document highlights, code lenses
 * ("12 lines in 4 files"), workspace symbols, and the entity part of hovers. The handlers only
 * locate the entity under the cursor (with the extractor), ask the workspace index, and render:
 * no log format is known here.
 */
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  SymbolKind,
  type CancellationToken,
  type CodeLens,
  type Connection,
  type DocumentHighlight,
  type InitializeParams,
  type Location,
  type Position,
  type Range,
  type ServerCapabilities,
  type SymbolInformation,
  type TextDocuments,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { StatusNotification } from '../../../protocol/messages';
import { extractEntities } from '../entities/extract';
import type { EntityOccurrence, Extraction } from '../entities/types';
import { builtinRegistry, type FormatRegistry } from '../formats/registry';
import type { ScanResult } from '../index/coldScan';
import { HitSet, NO_KEY } from '../index/hitSet';
import type { Extract, TimeOptions } from '../index/indexer';
import { IndexPool } from '../index/pool';
import { runScan, type ScanRequest } from '../index/scanCheck';
import { packColumn } from '../index/segment';
import { DEFAULT_INDEX_SETTINGS, indexSettingsFrom, type IndexSettings } from '../index/settings';
import { pathOfUri, WorkspaceIndex, type IndexedFile } from '../index/workspaceIndex';
import { LogModel } from '../model/logModel';
import { commandLink, escapeMarkdown, inlineCode } from '../render/markdown';
import { formatInstant } from '../time/timestamp';
import { formatOffset } from '../time/zones';
import type { DocumentModels } from './documents';
import type { WindowPlacer } from './largeFiles';
import type { Settings } from './settings';
import type { ShowRelatedLinesArgs } from '../../../protocol/messages';

/** How long a query waits at most for the first workspace walk to list the files. */
const LISTING_WAIT_MS = 10_000;

/** Client command that opens the references peek for an entity (arguments: ShowRelatedLinesArgs). */
export const SHOW_RELATED_LINES_COMMAND = 'ccLogs.showRelatedLines';
/** Server command that forgets the index and reads the workspace again. */
export const REBUILD_INDEX_COMMAND = 'ccLogs.rebuildIndex';

export type { ShowRelatedLinesArgs } from '../../../protocol/messages';

/** Locations returned by one references request at most (VS Code slows down beyond). */
export const MAX_REFERENCES = 10_000;
const MAX_LENSES = 300;
const MAX_RECORD_LINES = 2000;
const MAX_RECORD_CHARS = 1_000_000;
/** Lines of open documents dated by their record model per request. */
const MAX_MODEL_INSTANTS = 500;
const DOCUMENT_DEBOUNCE_MS = 400;

export interface NavigationDeps {
  documents: { get(uri: string): TextDocument | undefined };
  models: DocumentModels;
  index: WorkspaceIndex;
  /** Paused while a text search reads files. */
  pool?: IndexPool;
  extract?: Extract;
  /** Windows onto files too large to open: where results in them are shown (see `largeFiles.ts`). */
  windows?: WindowPlacer;
}

/** The entity under the cursor. */
export interface Located {
  occurrence: EntityOccurrence;
  /** Range of the occurrence in the document. */
  range: Range;
  /** All keys naming the entity: the index's aliases and the links of this record. */
  keys: string[];
  keyIds: number[];
  /** Literal spellings, for searching text the index has not read yet. */
  spellings: string[];
  /** Instant and clock offset of the record, if known. */
  offsetMinutes?: number;
  extraction: Extraction;
}

export interface Answer<T> {
  value: T;
  /** Set when the index was still being built: part of the answer came from a text search. */
  note?: string;
}

/** What a query found: the hits, and their order by time. */
interface Found {
  set: HitSet;
  /** Indexes into `set`, earliest first, at most MAX_REFERENCES. */
  order: number[];
  note?: string;
}

/** Locates entities and answers navigation requests from the workspace index. */
export class NavigationService {
  private readonly extract: Extract;

  constructor(private readonly deps: NavigationDeps) {
    this.extract = deps.extract ?? extractEntities;
  }

  get index(): WorkspaceIndex {
    return this.deps.index;
  }

  async locate(doc: TextDocument, position: Position): Promise<Located | undefined> {
    const model = await this.deps.models.near(doc, position.line);
    if (position.line < 0 || position.line >= model.lines.count) return undefined;
    const r = model.recordAt(position.line);
    let text: string;
    let lineOffsets: number[];
    let startLine: number;
    let formatId: string | undefined;
    let entities: readonly string[] | undefined;
    let offsetMinutes: number | undefined;
    if (r < 0) {
      text = model.lines.lineText(position.line).slice(0, MAX_RECORD_CHARS);
      lineOffsets = [0];
      startLine = position.line;
    } else {
      ({ text, lineOffsets } = model.recordWindow(r, MAX_RECORD_LINES, MAX_RECORD_CHARS));
      startLine = model.recordStartLine(r);
      const format = model.recordFormatOf(r);
      formatId = format.id;
      entities = format.def.entities;
      offsetMinutes = model.parseRecord(r)?.time?.offsetMinutes;
    }
    const i = position.line - startLine;
    if (i >= lineOffsets.length) return undefined;
    const offset = lineOffsets[i] + position.character;
    let extraction: Extraction;
    try {
      extraction = this.extract(text, formatId, entities);
    } catch {
      return undefined;
    }
    let best: EntityOccurrence | undefined;
    for (const o of extraction.occurrences) {
      if (offset < o.start || offset > o.end) continue;
      // The cursor just after an id still means that id, unless another starts there.
      const inside = offset < o.end;
      const bestInside = best ? offset < best.end : false;
      if (!best || (inside && !bestInside) || (inside === bestInside && o.end - o.start < best.end - best.start))
        best = o;
    }
    if (!best) return undefined;
    const entity = this.entityOf(best, extraction);
    return {
      occurrence: best,
      range: {
        start: LogModel.positionInRecord(best.start, lineOffsets, startLine),
        end: LogModel.positionInRecord(best.end, lineOffsets, startLine),
      },
      ...entity,
      ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
      extraction,
    };
  }

  /** The keys of the entity an occurrence names, with the aliases the index and the record know. */
  entityOf(occ: EntityOccurrence, extraction: Extraction): { keys: string[]; keyIds: number[]; spellings: string[] } {
    const index = this.deps.index;
    const keys = new Set<string>([occ.key]);
    const ids = new Set<number>();
    const addKey = (k: string): void => {
      const id = index.keyId(k);
      if (id < 0) {
        keys.add(k);
        return;
      }
      for (const m of index.entityKeys(id)) {
        ids.add(m);
        keys.add(index.keys.text(m));
      }
    };
    addKey(occ.key);
    // Links stated in this very record count even before the index has seen them. Once it has, its
    // entities already hold them, or keep them out (a room SocialMiner reused names no chat).
    for (const l of extraction.links) {
      if (index.statesLink(l.a, l.b)) continue;
      if (keys.has(l.a) && !keys.has(l.b)) addKey(l.b);
      else if (keys.has(l.b) && !keys.has(l.a)) addKey(l.a);
    }
    const spellings = new Set<string>();
    for (const o of extraction.occurrences) if (keys.has(o.key) && o.text.length >= 3) spellings.add(o.text);
    for (const k of keys) for (const s of spellingsOfKey(k)) spellings.add(s);
    return { keys: [...keys], keyIds: [...ids], spellings: [...spellings] };
  }

  async definition(
    doc: TextDocument,
    position: Position,
    token?: CancellationToken,
  ): Promise<Answer<Location | undefined>> {
    const at = await this.locate(doc, position);
    if (!at) return { value: undefined };
    const found = await this.collect(at, token);
    return { value: this.pickDefinition(found, doc.uri, position.line), ...(found.note ? { note: found.note } : {}) };
  }

  async references(doc: TextDocument, position: Position, token?: CancellationToken): Promise<Answer<Location[]>> {
    const at = await this.locate(doc, position);
    if (!at) return { value: [] };
    const found = await this.collect(at, token);
    return {
      value: found.order.map((i) => this.location(found.set, i)).filter((l): l is Location => !!l),
      ...(found.note ? { note: found.note } : {}),
    };
  }

  async documentHighlights(doc: TextDocument, position: Position): Promise<DocumentHighlight[]> {
    const at = await this.locate(doc, position);
    if (!at) return [];
    const f = this.deps.index.fileByUri(doc.uri);
    const indexed = f && !f.job && f.state === 'indexed';
    let hits: Array<{ line: number; column: number; length: number }>;
    if (indexed) {
      const set = this.deps.index.collect(at.keyIds, MAX_REFERENCES, f.id);
      hits = Array.from({ length: set.count }, (_, i) => ({
        line: set.lines[i],
        column: set.column(i),
        length: set.length(i),
      }));
    } else {
      // Not indexed (yet, or being edited): search the document's own text.
      const found = await runScan(
        {
          targets: [{ fileId: 0, text: doc.getText(), fromLine: 0, fromByte: 0, name: doc.uri }],
          needles: at.spellings,
          keys: at.keys,
          limit: MAX_REFERENCES,
        },
        builtinRegistry(),
        this.extract,
      );
      hits = found.hits;
    }
    const out: DocumentHighlight[] = hits.map((h) => ({
      range: { start: { line: h.line, character: h.column }, end: { line: h.line, character: h.column + h.length } },
    }));
    if (
      !out.some(
        (h) => h.range.start.line === at.range.start.line && h.range.start.character === at.range.start.character,
      )
    )
      out.unshift({ range: at.range });
    return out;
  }

  /** A lens on the first line naming each entity that other files name too. */
  codeLenses(doc: TextDocument): CodeLens[] {
    const index = this.deps.index;
    // A window onto a large file shows the lenses of its file's lines inside it.
    const w = this.deps.windows?.fileOf(doc.uri);
    const f = index.fileByUri(w?.fileUri ?? doc.uri);
    if (!f) return [];
    const lenses: CodeLens[] = [];
    const seenEntities = new Set<number>();
    const named = w
      ? index
          .keysInFile(f.id, Infinity)
          .filter((k) => k.line >= w.fromLine && k.line < w.fromLine + doc.lineCount)
          .slice(0, MAX_LENSES * 4)
          .map((k) => ({ ...k, line: k.line - w.fromLine }))
      : index.keysInFile(f.id, MAX_LENSES * 4);
    for (const k of named) {
      const members = index.entityKeys(k.keyId);
      const root = Math.min(...members);
      if (seenEntities.has(root)) continue;
      seenEntities.add(root);
      if (index.filesNaming(members, 2) < 2) continue;
      const range = {
        start: { line: k.line, character: k.column },
        end: { line: k.line, character: k.column + k.length },
      };
      lenses.push({ range, data: { uri: doc.uri, key: index.keys.text(k.keyId), line: k.line, character: k.column } });
      if (lenses.length >= MAX_LENSES) break;
    }
    return lenses;
  }

  resolveCodeLens(lens: CodeLens): CodeLens {
    const data = lens.data as { uri?: unknown; key?: unknown; line?: unknown; character?: unknown } | undefined;
    if (!data || typeof data.key !== 'string' || typeof data.uri !== 'string') return lens;
    const index = this.deps.index;
    const id = index.keyId(data.key);
    const set = index.collect(index.entityKeys(id));
    const { lines, files } = set.summary();
    const truncated = set.truncated;
    const args: ShowRelatedLinesArgs = {
      uri: data.uri,
      line: Number(data.line) || 0,
      character: Number(data.character) || 0,
    };
    lens.command = {
      title: `${truncated ? `${lines}+` : lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
      command: SHOW_RELATED_LINES_COMMAND,
      arguments: [args],
    };
    return lens;
  }

  workspaceSymbols(query: string, limit = 200): SymbolInformation[] {
    const q = query.trim();
    if (q.length < 2) return [];
    const index = this.deps.index;
    const out: SymbolInformation[] = [];
    for (const id of index.searchKeys(q, limit)) {
      const { hits } = index.hits([id], 2000);
      const pick = hits.find((h) => h.birth) ?? hits[0];
      if (!pick) continue;
      const f = index.file(pick.fileId);
      if (!f) continue;
      const key = index.keys.text(id);
      out.push({
        name: key,
        kind: SymbolKind.Key,
        containerName: kindLabel(key),
        location: {
          uri: f.uri,
          range: {
            start: { line: pick.line, character: pick.column },
            end: { line: pick.line, character: pick.column + pick.length },
          },
        },
      });
    }
    return out;
  }

  /** Markdown describing the entity under the cursor, for the hover; undefined when there is none. */
  async entityHover(doc: TextDocument, position: Position): Promise<{ markdown: string; range: Range } | undefined> {
    const at = await this.locate(doc, position);
    if (!at) return undefined;
    const index = this.deps.index;
    const set = index.collect(at.keyIds);
    const { lines, files, first, last } = set.summary();
    const parts: string[] = [];
    parts.push(`**${escapeMarkdown(kindLabel(at.occurrence.key))}** ${inlineCode(at.occurrence.key)}`);
    const others = at.keys.filter((k) => k !== at.occurrence.key);
    if (others.length > 0) {
      const evidence = index.linkEvidence(at.keyIds);
      const why = new Map<string, string[]>();
      for (const e of evidence) {
        const a = index.keys.text(e.a);
        const b = index.keys.text(e.b);
        const f = index.file(e.fileId);
        const where = f
          ? ` (${commandLink(`${baseName(f)}:${e.line + 1}`, 'ccLogs.revealLine', { uri: f.uri, line: e.line })})`
          : '';
        const sentence = `${escapeMarkdown(e.why)}${where}`;
        for (const k of [a, b]) why.set(k, [...(why.get(k) ?? []), sentence]);
      }
      for (const l of at.extraction.links) {
        for (const k of [l.a, l.b]) if (!why.has(k)) why.set(k, [`${escapeMarkdown(l.why)} (this record)`]);
      }
      parts.push('Also named:');
      for (const k of others.slice(0, 12)) {
        const reasons = why.get(k) ?? [];
        parts.push(`- ${inlineCode(k)}${reasons.length ? `: ${reasons.slice(0, 2).join('; ')}` : ''}`);
      }
      if (others.length > 12) parts.push(`- and ${others.length - 12} more`);
    }
    if (set.count > 0) {
      parts.push(
        `Named on ${set.truncated ? 'at least ' : ''}${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (find all references: Shift+F12).`,
      );
      if (first === first) {
        const off = at.offsetMinutes ?? 0;
        parts.push(
          `First seen ${escapeMarkdown(formatInstant(first, off))}, last seen ${escapeMarkdown(formatInstant(last, off))}.`,
        );
      }
      const b = this.pickBirth(set);
      const bf = b >= 0 ? index.file(set.fileIds[b]) : undefined;
      if (bf)
        parts.push(
          `Born at ${commandLink(`${baseName(bf)}:${set.lines[b] + 1}`, 'ccLogs.revealLine', { uri: bf.uri, line: set.lines[b] })}.`,
        );
    } else {
      parts.push('No indexed line names it yet.');
    }
    const p = index.progress();
    if (p.running)
      parts.push(`_The log index is still being built (${p.filesDone} of ${p.filesTotal} files): counts may grow._`);
    return { markdown: parts.join('\n\n'), range: at.range };
  }

  /** Every line naming the entity: the index, plus a text search of what it has not read yet. */
  private async collect(at: Located, token?: CancellationToken): Promise<Found> {
    const index = this.deps.index;
    // Right after start-up the workspace has not been listed yet: wait for the list (a walk, not
    // the indexing), or the answer would cover the open documents only.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      index.whenListed(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, LISTING_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const set = index.collect(at.keyIds);
    let note: string | undefined;
    const pending = index.unindexed();
    if (pending.length > 0) {
      const request: ScanRequest = {
        targets: pending.map((u) => {
          const f = u.file;
          const dirty = f.document?.dirty === true && f.document.text !== undefined;
          const formatId = f.formatId ?? f.document?.formatId;
          return {
            fileId: f.id,
            ...(dirty ? { text: f.document!.text! } : f.path ? { path: f.path } : {}),
            fromLine: dirty ? 0 : u.fromLine,
            fromByte: dirty ? 0 : u.fromByte,
            name: f.path ?? f.uri,
            ...(formatId ? { formatId } : {}),
            ...(f.mtimeMs ? { fileDateMs: f.mtimeMs } : {}),
            size: dirty ? f.document!.text!.length : f.size,
          };
        }),
        needles: at.spellings,
        keys: at.keys,
        limit: MAX_REFERENCES,
      };
      const cancelled = (): boolean => token?.isCancellationRequested === true;
      let found: ScanResult;
      try {
        found = this.deps.pool
          ? await this.deps.pool.scan(request, cancelled)
          : await runScan(request, builtinRegistry(), this.extract, cancelled);
      } catch {
        found = await runScan(request, builtinRegistry(), this.extract, cancelled);
      }
      for (const h of found.hits)
        if (index.file(h.fileId))
          set.push(h.fileId, h.line, packColumn(h.column, h.length), h.instant, h.birth, NO_KEY);
      const p = index.progress();
      note = `The log index is still being built (${p.filesDone} of ${p.filesTotal} files): ${pending.length} file(s) not indexed yet were searched for ${at.spellings.length} spelling(s) instead.`;
    }
    await this.applyDocumentInstants(set);
    const order = set.orderByTime(
      MAX_REFERENCES,
      (fileId) => index.file(fileId)?.path ?? index.file(fileId)?.uri ?? '',
    );
    return { set, order, ...(note ? { note } : {}) };
  }

  private location(set: HitSet, i: number): Location | undefined {
    const f = this.deps.index.file(set.fileIds[i]);
    if (!f) return undefined;
    const column = set.column(i);
    // A line of a file too large to open is shown in a window onto it.
    const { uri, line } = this.deps.windows?.place(f.uri, f.size, f.gzip, set.lines[i]) ?? {
      uri: f.uri,
      line: set.lines[i],
    };
    return {
      uri,
      range: { start: { line, character: column }, end: { line, character: column + set.length(i) } },
    };
  }

  /**
   * Where an entity is born: a birth in the same document (the last one at or before the cursor,
   * as a response follows its request; ids like InvokeIDs are only unique per connection), else the
   * earliest birth anywhere, else the first line that names it.
   */
  private pickDefinition(found: Found, uri: string, lineInDoc: number): Location | undefined {
    const { set, order } = found;
    // In a window onto a large file, the cursor's line of the file.
    const window = this.deps.windows?.fileOf(uri);
    const line = lineInDoc + (window?.fromLine ?? 0);
    const f = this.deps.index.fileByUri(window?.fileUri ?? uri);
    let here = -1;
    let hereAfter = -1;
    if (f) {
      for (let i = 0; i < set.count; i++) {
        if (!set.births[i] || set.fileIds[i] !== f.id) continue;
        if (set.lines[i] <= line) {
          if (here < 0 || set.lines[i] > set.lines[here]) here = i;
        } else if (hereAfter < 0 || set.lines[i] < set.lines[hereAfter]) hereAfter = i;
      }
    }
    const pick = here >= 0 ? here : hereAfter >= 0 ? hereAfter : this.pickBirth(set, order);

    return pick >= 0 ? this.location(set, pick) : order.length > 0 ? this.location(set, order[0]) : undefined;
  }

  /** The earliest birth (in time order when given), or -1. */
  private pickBirth(set: HitSet, order?: readonly number[]): number {
    if (order) {
      for (const i of order) if (set.births[i]) return i;
    }
    let best = -1;
    for (let i = 0; i < set.count; i++) {
      if (!set.births[i]) continue;
      if (best < 0 || (set.instants[i] === set.instants[i] && !(set.instants[best] <= set.instants[i]))) best = i;
    }
    return best;
  }

  /**
   * Lines of open documents with no instant in the index (found by text search) get theirs from the
   * record model, as the document shows them.
   */
  private async applyDocumentInstants(set: HitSet): Promise<void> {
    const byFile = new Map<number, number[]>();
    for (let i = 0; i < set.count; i++) {
      if (set.instants[i] === set.instants[i]) continue;
      const list = byFile.get(set.fileIds[i]);
      if (list) list.push(i);
      else byFile.set(set.fileIds[i], [i]);
    }
    let budget = MAX_MODEL_INSTANTS;
    for (const [fileId, list] of byFile) {
      const f = this.deps.index.file(fileId);
      const doc = f ? this.deps.documents.get(f.uri) : undefined;
      if (!doc) continue;
      const lines = list.slice(0, budget).map((i) => set.lines[i]);
      budget -= lines.length;
      const instants = await this.deps.models.instantsAt(doc, lines);
      lines.forEach((_, k) => (set.instants[list[k]] = instants[k]));
      if (budget <= 0) return;
    }
  }
}

/** The LSP side: capabilities, handlers, file watching, settings, progress and status. */
export class Navigation {
  readonly index: WorkspaceIndex;
  readonly service: NavigationService;
  private readonly pool: IndexPool;
  private folders: string[] = [];
  private clientCaps: InitializeParams['capabilities'] = {};
  private settings: IndexSettings = { ...DEFAULT_INDEX_SETTINGS };
  private readonly timeByFolder = new Map<string, TimeOptions>();
  private reporter: WorkDoneProgressServerReporter | undefined;
  private creatingReporter = false;
  private lastReport = 0;
  private noteShown = false;
  private readonly pendingDocs = new Map<string, ReturnType<typeof setTimeout>>();
  private lensTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly deps: {
      models: DocumentModels;
      registry: () => FormatRegistry;
      /** The `ccLogs` settings of a resource (time zones, year, zone-less offset, format folders). */
      settingsFor?: (uri: string) => Promise<Settings>;
      /** Overrides for tests. */
      pool?: IndexPool;
      windows?: WindowPlacer;
    },
  ) {
    this.pool =
      deps.pool ?? new IndexPool({ formatDirs: () => this.formatDirs, log: (m) => connection.console.warn(m) });
    this.index = new WorkspaceIndex({
      pool: this.pool,
      timeOptionsFor: (p) => this.timeOptionsFor(p),
      log: (m) => connection.console.warn(m),
    });
    this.service = new NavigationService({
      documents,
      models: deps.models,
      index: this.index,
      pool: this.pool,
      ...(deps.windows ? { windows: deps.windows } : {}),
    });
  }

  private formatDirs: string[] = [];

  /** Capabilities to merge into the server's InitializeResult. */
  get capabilities(): ServerCapabilities {
    return {
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      codeLensProvider: { resolveProvider: true },
      workspaceSymbolProvider: true,
      executeCommandProvider: { commands: [REBUILD_INDEX_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
  }

  /** From onInitialize: the workspace folders and what the client supports. */
  initialize(params: InitializeParams): void {
    this.clientCaps = params.capabilities;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = uris.map(pathOfUri).filter((p): p is string => !!p);
    if (this.folders.length > 0) this.index.expectWorkspace();
  }

  /** Registers the handlers; call before `connection.listen()`. */
  listen(): void {
    const c = this.connection;
    const guard =
      <P, R>(name: string, empty: R, fn: (p: P, token: CancellationToken) => Promise<R> | R) =>
      async (p: P, token: CancellationToken): Promise<R> => {
        try {
          return await this.deps.models.answer(() => fn(p, token));
        } catch (e) {
          c.console.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
          return empty;
        }
      };
    const docOf = (uri: string): TextDocument | undefined => this.documents.get(uri);

    c.onDefinition(
      guard('definition', null, async (p: { textDocument: { uri: string }; position: Position }, token) => {
        const doc = docOf(p.textDocument.uri);
        if (!doc) return null;
        const a = await this.service.definition(doc, p.position, token);
        this.showNote(a.note);
        return a.value ?? null;
      }),
    );
    c.onReferences(
      guard('references', null, async (p: { textDocument: { uri: string }; position: Position }, token) => {
        const doc = docOf(p.textDocument.uri);
        if (!doc) return null;
        const a = await this.service.references(doc, p.position, token);
        this.showNote(a.note);
        return a.value;
      }),
    );
    c.onDocumentHighlight(
      guard('highlight', null, async (p: { textDocument: { uri: string }; position: Position }) => {
        const doc = docOf(p.textDocument.uri);
        return doc ? this.service.documentHighlights(doc, p.position) : null;
      }),
    );
    c.onCodeLens(
      guard('codeLens', null, (p: { textDocument: { uri: string } }) => {
        const doc = docOf(p.textDocument.uri);
        return doc ? this.service.codeLenses(doc) : null;
      }),
    );
    c.onCodeLensResolve((lens) => {
      try {
        return this.service.resolveCodeLens(lens);
      } catch (e) {
        c.console.error(`codeLens resolve failed: ${(e as Error).stack ?? String(e)}`);
        return lens;
      }
    });
    c.onWorkspaceSymbol(guard('workspaceSymbol', [], (p: { query: string }) => this.service.workspaceSymbols(p.query)));
    c.onExecuteCommand(
      guard('executeCommand', null, async (p: { command: string }) => {
        if (p.command === REBUILD_INDEX_COMMAND) {
          await this.index.rebuild(this.settings);
          this.sendStatus();
        }
        return null;
      }),
    );
    c.onDidChangeWatchedFiles((p) => {
      for (const change of p.changes) {
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
          .catch((e: unknown) => c.console.warn(`index update failed: ${String(e)}`));
      }
    });

    // A window onto a large file is a part of a file the index reads from disk: not a document of its own.
    const indexed = (uri: string): boolean => !this.deps.windows?.fileOf(uri);
    this.documents.onDidOpen((e) => {
      if (indexed(e.document.uri))
        this.index.openDocument(e.document.uri, e.document.version, e.document.getText(), this.formatIdOf(e.document));
    });
    this.documents.onDidChangeContent((e) => {
      if (indexed(e.document.uri)) this.documentChanged(e.document);
    });
    this.documents.onDidClose((e) => {
      const t = this.pendingDocs.get(e.document.uri);
      if (t) clearTimeout(t);
      this.pendingDocs.delete(e.document.uri);
      this.index.closeDocument(e.document.uri);
    });

    this.index.onProgress((p) => this.progress(p.running, p.filesDone, p.filesTotal, p.bytesDone, p.bytesTotal));
    this.index.onChange(() => this.scheduleLensRefresh());
  }

  /** From onInitialized: watches the log files, reads the settings and starts indexing. */
  async initialized(): Promise<void> {
    const c = this.connection;
    if (this.clientCaps.workspace?.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => pathOfUri(f.uri)));
        this.folders = [
          ...this.folders.filter((f) => !removed.has(f)),
          ...e.added.map((f) => pathOfUri(f.uri)).filter((p): p is string => !!p),
        ];
        void this.reindexWorkspace();
      });
    }
    await this.readSettings();
    if (this.clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await c.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: this.settings.include.map((globPattern) => ({ globPattern })),
        })
        .catch((e: unknown) => c.console.warn(`cannot watch log files: ${String(e)}`));
    }
    await this.reindexWorkspace();
  }

  /**
   * From onDidChangeConfiguration: the file set may have changed (globs, caps), or the rules that
   * date lines and recognise formats, which are baked into the index: then it is built again.
   */
  configurationChanged(): void {
    const before = this.settingsKey();
    void this.readSettings()
      .then(async () => {
        if (this.settingsKey() !== before) {
          await this.index.rebuild(this.settings);
          this.sendStatus();
        } else await this.reindexWorkspace();
      })
      .catch((e: unknown) => this.connection.console.warn(`index settings: ${String(e)}`));
  }

  private settingsKey(): string {
    return JSON.stringify([[...this.timeByFolder.entries()], this.formatDirs]);
  }

  /** Entity Markdown for the hover at `position`, or undefined (to add under the record's own hover). */
  async hoverMarkdown(doc: TextDocument, position: Position): Promise<{ markdown: string; range: Range } | undefined> {
    try {
      return await this.service.entityHover(doc, position);
    } catch (e) {
      this.connection.console.error(`entity hover failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.lensTimer) clearTimeout(this.lensTimer);
    for (const t of this.pendingDocs.values()) clearTimeout(t);
    this.pendingDocs.clear();
    this.reporter?.done();
    this.reporter = undefined;
    this.index.cancelAll();
    await this.pool.dispose();
  }

  private disposed = false;

  private async reindexWorkspace(): Promise<void> {
    await this.index.setWorkspace(this.folders, this.settings);
    this.sendStatus();
    this.warnAboutCaps();
  }

  /** Says once, in a message, which cap left files out and which setting raises it. */
  private warnAboutCaps(): void {
    const skipped = this.index.stats().skipped;
    const key = skipped.map((s) => s.path).join('\n');
    if (skipped.length === 0 || key === this.capsWarned) return;
    this.capsWarned = key;
    const tooLarge = skipped.filter((s) => s.reason === 'too large').length;
    const overCap = skipped.length - tooLarge;
    const parts: string[] = [];
    if (overCap > 0)
      parts.push(
        `${overCap} log file(s) were not indexed because the indexed files reached ccLogs.index.maxTotalGB (${this.settings.maxTotalGB} GB; the newest files were kept)`,
      );
    if (tooLarge > 0)
      parts.push(`${tooLarge} file(s) are larger than ccLogs.index.maxFileSizeMB (${this.settings.maxFileSizeMB} MB)`);
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Cisco CC Logs: ${parts.join('; ')}. Raise the setting or narrow ccLogs.index.include to index them.`,
    });
  }

  private capsWarned = '';

  private async readSettings(): Promise<void> {
    const c = this.connection;
    if (!this.clientCaps.workspace?.configuration) return;
    try {
      this.settings = indexSettingsFrom(await c.workspace.getConfiguration({ section: 'ccLogs.index' }));
    } catch {
      this.settings = { ...DEFAULT_INDEX_SETTINGS };
    }
    this.timeByFolder.clear();
    if (!this.deps.settingsFor) return;
    for (const folder of this.folders) {
      try {
        const s = await this.deps.settingsFor(pathToUri(folder));
        this.formatDirs = s.formatDirectories;
        this.timeByFolder.set(folder, timeOptionsOf(s));
      } catch {
        // defaults
      }
    }
  }

  private timeOptionsFor(filePath: string | undefined): TimeOptions {
    if (!filePath) return this.timeByFolder.values().next().value ?? {};
    let best: string | undefined;
    for (const f of this.timeByFolder.keys()) if (filePath.startsWith(f) && (!best || f.length > best.length)) best = f;
    return (best ? this.timeByFolder.get(best) : undefined) ?? {};
  }

  private formatIdOf(doc: TextDocument): string | undefined {
    return this.deps.registry().byLanguage(doc.languageId)?.id;
  }

  private documentChanged(doc: TextDocument): void {
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

  /** Work-done progress while indexing, cancellable; the status item when it ends. */
  private progress(
    running: boolean,
    filesDone: number,
    filesTotal: number,
    bytesDone: number,
    bytesTotal: number,
  ): void {
    if (this.disposed) return;
    const pct = bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : 0;
    const message = `${filesDone}/${filesTotal} files, ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`;
    if (running) {
      if (!this.reporter && !this.creatingReporter && this.clientCaps.window?.workDoneProgress) {
        this.creatingReporter = true;
        void this.connection.window.createWorkDoneProgress().then(
          (r) => {
            this.creatingReporter = false;
            if (!this.index.busy) {
              r.done();
              return;
            }
            this.reporter = r;
            r.begin('Indexing logs', pct, message, true);
            r.token.onCancellationRequested(() => {
              this.index.cancelAll();
              this.sendStatus(
                'Indexing cancelled: what was indexed stays searchable; run "Rebuild Log Index" to start again.',
              );
            });
          },
          () => {
            this.creatingReporter = false;
          },
        );
      }
      const now = Date.now();
      if (this.reporter && now - this.lastReport > 250) {
        this.lastReport = now;
        this.reporter.report(pct, message);
      }
      if (now - this.lastStatus > 1000) {
        this.lastStatus = now;
        void this.connection.sendNotification(StatusNotification.type, {
          level: 'ok',
          text: `Indexing logs ${pct}%`,
          detail: message,
        });
      }
    } else {
      this.reporter?.done();
      this.reporter = undefined;
      this.noteShown = false;
      this.sendStatus();
    }
  }

  private lastStatus = 0;

  private sendStatus(extra?: string): void {
    const s = this.index.stats();
    const tooLarge = s.skipped.filter((k) => k.reason === 'too large');
    const overCap = s.skipped.filter((k) => k.reason === 'over the total cap');
    const lines = [
      `${s.indexedFiles} of ${s.files} files indexed: ${formatCount(s.lines)} lines, ${formatBytes(s.bytes)}, ${formatCount(s.keys)} ids; ${formatBytes(s.memoryBytes)} in memory`,
    ];
    if (tooLarge.length > 0)
      lines.push(
        `${tooLarge.length} file(s) larger than ccLogs.index.maxFileSizeMB = ${this.settings.maxFileSizeMB} were left out: ${tooLarge
          .slice(0, 5)
          .map((k) => k.path)
          .join(', ')}`,
      );
    if (overCap.length > 0)
      lines.push(
        `${overCap.length} file(s) left out because the indexed files reached ccLogs.index.maxTotalGB = ${this.settings.maxTotalGB} (newest files are indexed first)`,
      );
    if (s.failed > 0) lines.push(`${s.failed} file(s) could not be read`);
    if (s.cancelled > 0) lines.push(`${s.cancelled} file(s) not indexed: indexing was cancelled`);
    if (extra) lines.unshift(extra);
    const warn = tooLarge.length + overCap.length + s.failed + s.cancelled > 0;
    void this.connection.sendNotification(StatusNotification.type, {
      level: warn ? 'warning' : 'ok',
      text: warn
        ? `Log index: ${tooLarge.length + overCap.length + s.cancelled} file(s) left out`
        : `Log index: ${s.indexedFiles} files`,
      detail: lines.join('\n'),
    });
  }

  /** Says once per round of indexing that answers are partial. */
  private showNote(note: string | undefined): void {
    if (!note || this.noteShown) return;
    this.noteShown = true;
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `Cisco CC Logs: ${note}`,
    });
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

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Literal spellings of a key's value, for text search: `agent:icm:6420` → `6420`; a decimal value
 * also in hex (`0x1396d`), as CTI traces print InvokeIDs both ways.
 */
export function spellingsOfKey(key: string): string[] {
  let value = key.slice(key.indexOf(':') + 1);
  const sub = /^[A-Za-z]{1,12}:/.exec(value);
  if (sub && value.length > sub[0].length) value = value.slice(sub[0].length);
  const out = value.length >= 3 ? [value] : [];
  if (/^\d{3,15}$/.test(value)) out.push('0x' + Number(value).toString(16));
  return out;
}

const KIND_LABELS: Record<string, string> = {
  contact: 'Chat contact',
  chatSession: 'Chat session',
  chatRoom: 'Chat room',
  smRequest: 'SocialMiner request',
  widget: 'Chat widget',
  agent: 'Agent',
  invokeId: 'InvokeID',
  mrd: 'Media routing domain',
  skillGroup: 'Skill group',
  uccxTask: 'UCCX task',
  entryPoint: 'Entry point',
};

const AGENT_NAMES: Record<string, string> = {
  uccx: 'UCCX resource',
  icm: 'ICM agent id (SkillTargetID)',
  periph: 'peripheral number',
  eceUser: 'ECE user id',
};

function kindLabel(key: string): string {
  const kind = key.slice(0, Math.max(0, key.indexOf(':')));
  const label = KIND_LABELS[kind] ?? 'Id';
  if (kind === 'agent') {
    const sub = key.split(':')[1] ?? '';
    return AGENT_NAMES[sub] ? `${label}: ${AGENT_NAMES[sub]}` : label;
  }
  return label;
}

function baseName(f: IndexedFile): string {
  const p = f.path ?? f.uri;
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

function timeOptionsOf(s: Settings): TimeOptions {
  return {
    zoneOverrides: s.timeZones,
    ...(s.defaultYear !== undefined ? { settingsYear: s.defaultYear } : {}),
    ...(s.zonelessOffsetMinutes !== undefined
      ? {
          zonelessOffset: {
            minutes: s.zonelessOffsetMinutes,
            source: `setting ccLogs.zonelessOffset = ${formatOffset(s.zonelessOffsetMinutes)}`,
          },
        }
      : {}),
  };
}

function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}

function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}
