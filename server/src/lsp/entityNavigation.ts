/**
 * Cross-file navigation over entities (contact ids, rooms, agents under each of their names,
 * InvokeIDs...): go to definition (where the entity is born), find references (every line naming
 * it, in every indexed file and open document, ordered by time), document highlights, code lenses
 * ("12 lines in 4 files"), workspace symbols, and the entity part of hovers. Each request locates
 * the entity under the cursor (`locate.ts`), asks the index's query API, and renders LSP results:
 * no log format is known here.
 */
import {
  SymbolKind,
  type CancellationToken,
  type CodeLens,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SHOW_RELATED_LINES_COMMAND,
  SHOW_TIMELINE_COMMAND,
  type ShowRelatedLinesArgs,
} from '../../../protocol/commands';
import { extractEntities } from '../entities/extract';
import { kindLabel, shortKeyLabel } from '../entities/vocabulary';
import type { Extract } from '../index/indexer';
import { birthOfName, type HitSet, type IndexQuery } from '../index/query';
import type { DocumentModels } from './documents';
import { VSCODE_HOVERS, type HoverStyle } from '../render/hoverStyle';
import { countText, entityHoverText, type EntityHoverText } from './entityHover';
import type { WindowPlacer } from './largeFiles';
import { locateEntity, type Located } from './locate';

/** Locations returned by one references request at most (VS Code slows down beyond). */
export const MAX_REFERENCES = 10_000;
const MAX_LENSES = 300;
/** Lines of open documents dated by their record model per request. */
const MAX_MODEL_INSTANTS = 500;

export interface EntityNavigationDeps {
  documents: { get(uri: string): TextDocument | undefined };
  models: DocumentModels;
  query: IndexQuery;
  extract?: Extract;
  /** References returned at most (default MAX_REFERENCES). */
  maxReferences?: number;
  /** Windows onto files too large to open: where results in them are shown (see `largeFiles.ts`). */
  windows?: WindowPlacer;
}

export interface Answer<T> {
  value: T;
  /** Set when the index was still being built: part of the answer came from a text search. */
  note?: string;
  /** Set when the list was cut: how many of how many, which were kept, and how to see them all. */
  cut?: string;
}

/** What a query found: the hits, and their order by time. */
interface Ordered {
  set: HitSet;
  /** Indexes into `set`, earliest first, at most MAX_REFERENCES. */
  order: number[];
  note?: string;
}

/** Answers the entity requests of open documents from the index's query API. */
export class EntityNavigation {
  private readonly extract: Extract;

  constructor(private readonly deps: EntityNavigationDeps) {
    this.extract = deps.extract ?? extractEntities;
  }

  get query(): IndexQuery {
    return this.deps.query;
  }

  locate(doc: TextDocument, position: Position): Promise<Located | undefined> {
    return locateEntity(doc, position, { models: this.deps.models, query: this.deps.query, extract: this.extract });
  }

  async definition(
    doc: TextDocument,
    position: Position,
    token?: CancellationToken,
  ): Promise<Answer<Location | undefined>> {
    const at = await this.locate(doc, position);
    if (!at) return { value: undefined };
    const found = await this.collect(at, token);
    return {
      value: this.pickDefinition(found, this.deps.query.keyId(at.occurrence.key), doc.uri, position.line),
      ...(found.note ? { note: found.note } : {}),
    };
  }

  /**
   * Every line naming the entity, in time order. When there are more than the list can hold, the
   * ones nearest the request are kept (this file, then the nearest instants) and `cut` says so and
   * points to the timeline, which pages through all of them.
   */
  async references(doc: TextDocument, position: Position, token?: CancellationToken): Promise<Answer<Location[]>> {
    const at = await this.locate(doc, position);
    if (!at) return { value: [] };
    const model = await this.deps.models.near(doc, position.line);
    const instant = model.instantOf(model.recordAt(position.line));
    const found = await this.collect(at, token, {
      fileId: this.deps.query.fileByUri(doc.uri)?.id,
      line: position.line,
      instant,
    });
    const value = found.order.map((i) => this.location(found.set, i)).filter((l): l is Location => !!l);
    const total = found.set.count;
    const cut =
      total > value.length || found.set.truncated
        ? `References of ${at.occurrence.key}: ${value.length.toLocaleString('en-US')} of ${found.set.truncated ? 'more than ' : ''}${total.toLocaleString('en-US')} shown, those in this file and nearest in time to this line first. Run "Cisco CC Logs: Show Timeline" (${SHOW_TIMELINE_COMMAND}) on the id to page through all of them.`
        : undefined;
    return { value, ...(found.note ? { note: found.note } : {}), ...(cut ? { cut } : {}) };
  }

  async documentHighlights(doc: TextDocument, position: Position): Promise<DocumentHighlight[]> {
    const at = await this.locate(doc, position);
    if (!at) return [];
    const query = this.deps.query;
    const f = query.fileByUri(doc.uri);
    let hits: Array<{ line: number; column: number; length: number }>;
    if (f && query.isIndexed(f)) {
      const set = query.postings(at.keyIds, { limit: MAX_REFERENCES, fileId: f.id });
      hits = Array.from({ length: set.count }, (_, i) => ({
        line: set.lines[i],
        column: set.column(i),
        length: set.length(i),
      }));
    } else {
      // Not indexed (yet, or being edited): search the document's own text.
      hits = await query.searchText(doc.getText(), doc.uri, at, MAX_REFERENCES);
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
    const query = this.deps.query;
    // A window onto a large file shows the lenses of its file's lines inside it.
    const w = this.deps.windows?.fileOf(doc.uri);
    const f = query.fileByUri(w?.fileUri ?? doc.uri);
    if (!f) return [];
    const lenses: CodeLens[] = [];
    const seenEntities = new Set<number>();
    const named = w
      ? query
          .keysInFile(f.id, Infinity)
          .filter((k) => k.line >= w.fromLine && k.line < w.fromLine + doc.lineCount)
          .slice(0, MAX_LENSES * 4)
          .map((k) => ({ ...k, line: k.line - w.fromLine }))
      : query.keysInFile(f.id, MAX_LENSES * 4);
    for (const k of named) {
      const members = query.entityKeys(k.keyId);
      const root = Math.min(...members);
      if (seenEntities.has(root)) continue;
      seenEntities.add(root);
      if (query.filesNaming(members, 2) < 2) continue;
      const range = {
        start: { line: k.line, character: k.column },
        end: { line: k.line, character: k.column + k.length },
      };
      const data = { uri: doc.uri, key: query.keyText(k.keyId), line: k.line, character: k.column };
      lenses.push({ range, data }, { range, data: { ...data, timeline: true } });
      if (lenses.length >= MAX_LENSES * 2) break; // two lenses an entity
    }
    return lenses;
  }

  resolveCodeLens(lens: CodeLens): CodeLens {
    const data = lens.data as
      { uri?: unknown; key?: unknown; line?: unknown; character?: unknown; timeline?: unknown } | undefined;
    if (!data || typeof data.key !== 'string' || typeof data.uri !== 'string') return lens;
    if (data.timeline === true) {
      // The second lens of an entity: its timeline panel.
      lens.command = { title: 'Timeline', command: SHOW_TIMELINE_COMMAND, arguments: [{ id: data.key }] };
      return lens;
    }
    const query = this.deps.query;
    const set = query.postings(query.entityKeys(query.keyId(data.key)));
    const { lines, files } = set.summary();
    const args: ShowRelatedLinesArgs = {
      uri: data.uri,
      line: Number(data.line) || 0,
      character: Number(data.character) || 0,
    };
    lens.command = {
      // Which id it counts (several lenses can sit on one line), and what it counts.
      title: `${shortKeyLabel(data.key, 24)}: ${countText(set, lines, files)}`,
      command: SHOW_RELATED_LINES_COMMAND,
      arguments: [args],
    };
    return lens;
  }

  workspaceSymbols(text: string, limit = 200): SymbolInformation[] {
    const q = text.trim();
    if (q.length < 2) return [];
    const query = this.deps.query;
    const out: SymbolInformation[] = [];
    for (const id of query.searchKeys(q, limit)) {
      // Located at the birth of this name, as go to definition and the hover say.
      const set = query.postings([id], { limit: 2000 });
      if (set.count === 0) continue;
      const b = birthOfName(set, id);
      const at = b >= 0 ? b : 0;
      const pick = { fileId: set.fileIds[at], line: set.lines[at], column: set.column(at), length: set.length(at) };
      const f = query.file(pick.fileId);
      if (!f) continue;
      const key = query.keyText(id);
      // A line of a file too large to open is shown in a window onto it.
      const { uri, line } = this.deps.windows?.place(f.uri, f.size, f.gzip, pick.line) ?? {
        uri: f.uri,
        line: pick.line,
      };
      out.push({
        name: key,
        kind: SymbolKind.Key,
        containerName: kindLabel(key),
        location: {
          uri,
          range: {
            start: { line, character: pick.column },
            end: { line, character: pick.column + pick.length },
          },
        },
      });
    }
    return out;
  }

  /** Markdown describing the entity under the cursor, for the hover; undefined when there is none. */
  async entityHover(
    doc: TextDocument,
    position: Position,
    style: HoverStyle = VSCODE_HOVERS,
  ): Promise<(EntityHoverText & { range: Range }) | undefined> {
    const at = await this.locate(doc, position);
    if (!at) return undefined;
    return { ...entityHoverText(at, this.deps.query, doc.uri, style), range: at.range };
  }

  /** Every line naming the entity, in time order: the query API's answer, dated where open documents know better. */
  private async collect(
    at: Located,
    token?: CancellationToken,
    near?: { fileId: number | undefined; line: number; instant: number },
  ): Promise<Ordered> {
    const query = this.deps.query;
    const limit = this.deps.maxReferences ?? MAX_REFERENCES;
    const { set, searchedFiles } = await query.find(at, {
      searchLimit: limit,
      isCancelled: () => token?.isCancellationRequested === true,
    });
    let note: string | undefined;
    if (searchedFiles > 0) {
      const p = query.progress();
      note = `The log index is still being built (${p.filesDone} of ${p.filesTotal} files): ${searchedFiles} file(s) not indexed yet were searched for ${at.spellings.length} spelling(s) instead.`;
    }
    await this.applyDocumentInstants(set);
    const order = near ? query.orderNear(set, limit, near) : query.orderByTime(set, limit);
    return { set, order, ...(note ? { note } : {}) };
  }

  private location(set: HitSet, i: number): Location | undefined {
    const f = this.deps.query.file(set.fileIds[i]);
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

  /** Where the name under the cursor was born (IndexQuery.definitionHit), else the first line naming the entity. */
  private pickDefinition(found: Ordered, keyId: number, uri: string, lineInDoc: number): Location | undefined {
    // In a window onto a large file, the cursor's file and line of the file.
    const window = this.deps.windows?.fileOf(uri);
    const line = lineInDoc + (window?.fromLine ?? 0);
    const f = this.deps.query.fileByUri(window?.fileUri ?? uri);
    const pick = this.deps.query.definitionHit(found.set, found.order, keyId, f ? { fileId: f.id, line } : undefined);
    return pick >= 0 ? this.location(found.set, pick) : undefined;
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
      const f = this.deps.query.file(fileId);
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
