/**
 * Every LSP handler of the server, registered in one place, each through one guard: an exception
 * becomes a log line and an empty answer, never a crash, and the request counts as one being
 * answered (background model builds give way to it). Handlers only locate, call and render: the
 * work is done by the document models, the explainers, the entity navigation and the index session.
 */
import {
  MarkupKind,
  TextDocumentSyncKind,
  type MarkupContent,
  type CancellationToken,
  type Connection,
  type DidChangeConfigurationParams,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IndexStatsRequest } from '../../../protocol/indexStats';
import { DetectLanguageRequest } from '../../../protocol/messages';
import { TimelineEntitiesRequest, TimelineRequest, type TimelineAnswer } from '../../../protocol/timeline';
import type { FlowsCommandAnswer } from '../../../protocol/editors';
import { EXPLAINERS } from '../explain';
import type { FormatRegistry } from '../formats/registry';
import { describeDetection, detectFormat } from '../formats/sniff';
import { colorPresentations, documentColors } from './colors';
import { LARGE_DOCUMENT_CHARS, type LogModels } from './documents';
import type { EntityNavigation } from './entityNavigation';
import { isHoverLinks, type InitializationOptions } from '../../../protocol/editors';
import { hoverStyleFor, restyleMarkdown, VSCODE_HOVERS, type HoverStyle } from '../render/hoverStyle';
import { hoverAt, joinHovers } from './hover';
import type { IndexSession } from './indexSession';
import type { LargeFiles } from './largeFiles';
import { documentSymbols, foldingRanges } from './structure';
import type { TimelineLsp } from './timeline';
import { SERVER_COMMANDS, type ServerCommands } from './serverCommands';

export const SERVER_NAME = 'Cisco contact-center log server';
export const SERVER_VERSION = '0.1.0';

/** The answer of `ccLogs/indexStats` should the index fail to say. */
const NO_STATS: IndexStatsRequest.Result = {
  running: false,
  files: 0,
  indexedFiles: 0,
  lines: 0,
  bytes: 0,
  keys: 0,
  links: 0,
  postings: 0,
  memoryBytes: 0,
  skipped: 0,
  failed: 0,
  cancelled: 0,
  progress: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 },
};

/** What the handlers call. */
export interface HandlerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  models: LogModels;
  session: IndexSession;
  navigation: EntityNavigation;
  /** The timeline of an entity (`ccLogs/timeline`, `ccLogs.timeline`, the corrected-clock hover line). */
  timeline: TimelineLsp;
  /** Windows onto files too large for the editor to hand over. */
  largeFiles: LargeFiles;
  /** `workspace/executeCommand`: the timeline, the flows, rebuilding the index (serverCommands.ts). */
  commands: ServerCommands;
  /** The live format registry (built-in and user formats). */
  registry: () => FormatRegistry;
  /** The server's own reactions to the lifecycle (settings, user formats). */
  lifecycle: {
    initialize(params: InitializeParams): void;
    initialized(): void;
    configurationChanged(params: DidChangeConfigurationParams): void;
    documentClosed(uri: string): void;
  };
}

/** What the server offers. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    foldingRangeProvider: true,
    documentSymbolProvider: true,
    colorProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    codeLensProvider: { resolveProvider: true },
    workspaceSymbolProvider: true,
    executeCommandProvider: { commands: [...SERVER_COMMANDS] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** Registers every handler; call before `documents.listen` and `connection.listen`. */
export function registerHandlers(ctx: HandlerContext): void {
  const { connection: c, documents, models, session, navigation, timeline } = ctx;

  /** The one guard: errors are logged and answered with `fallback`; the request counts as being answered. */
  const guard =
    <P, R>(name: string, fallback: (p: P) => R, fn: (p: P, token: CancellationToken) => Promise<R> | R) =>
    async (p: P, token: CancellationToken): Promise<R> => {
      // A cancelled request was answered already (manners.ts): do no work for it.
      if (token?.isCancellationRequested) return fallback(p);
      try {
        return await models.answer(() => fn(p, token));
      } catch (e) {
        const uri = (p as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
        c.console.error(
          `${name} failed${typeof uri === 'string' ? ` for ${uri}` : ''}: ${(e as Error).stack ?? String(e)}`,
        );
        return fallback(p);
      }
    };
  /** A guarded request about an open document; answered with `empty` when the document is not open. */
  const onDocument = <P extends { textDocument: { uri: string } }, R>(
    name: string,
    empty: R,
    fn: (doc: TextDocument, p: P, token: CancellationToken) => Promise<R> | R,
  ) =>
    guard<P, R>(
      name,
      () => empty,
      (p, token) => {
        const doc = documents.get(p.textDocument.uri);
        return doc ? fn(doc, p, token) : empty;
      },
    );

  /** Links and escaping of hovers, as the client asked (initializationOptions.hoverLinks). */
  let hoverStyle: HoverStyle = VSCODE_HOVERS;

  // Lifecycle.
  c.onInitialize((params): InitializeResult => {
    const links = (params.initializationOptions as InitializationOptions | null | undefined)?.hoverLinks;
    hoverStyle = hoverStyleFor(isHoverLinks(links) ? links : undefined);
    ctx.lifecycle.initialize(params);
    session.initialize(params);
    return { capabilities: serverCapabilities(), serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
  });
  c.onInitialized(() => {
    ctx.lifecycle.initialized();
    if (session.watchesFolders)
      c.workspace.onDidChangeWorkspaceFolders((e) => session.foldersChanged(e.added, e.removed));
    void session.initialized();
  });
  c.onDidChangeConfiguration((params) => {
    ctx.lifecycle.configurationChanged(params);
    session.configurationChanged(params);
  });
  c.onShutdown(() => {
    ctx.largeFiles.dispose(); // the temporary text of gzip logs: clients may kill the process after `shutdown`
    return session.dispose();
  });
  c.onDidChangeWatchedFiles((p) => session.filesChanged(p.changes));

  // Documents: their models and their place in the index. A window onto a large file is a part of a
  // file the index reads from disk, not a document of its own.
  const indexed = (uri: string): boolean => !ctx.largeFiles.fileOf(uri);
  // A large document's first requests come first: the index (which reads it from disk in worker
  // threads, two cores busy for a second on 50 MB) takes it once they are answered.
  documents.onDidOpen((e) => {
    if (!indexed(e.document.uri)) return;
    const large = e.document.getText().length >= LARGE_DOCUMENT_CHARS;
    session.documentOpened(e.document, large ? models.whenQuiet() : undefined);
  });
  documents.onDidChangeContent((e) => {
    if (indexed(e.document.uri)) session.documentChanged(e.document);
  });
  documents.onDidClose((e) => {
    if (indexed(e.document.uri)) session.documentClosed(e.document);
    models.forget(e.document.uri);
    ctx.lifecycle.documentClosed(e.document.uri);
  });

  // What the line embeds (decoded) first, then what the ID under the cursor is across all logs.
  c.onHover(
    onDocument('hover', null, async (doc, p, token) => {
      const model = await models.near(doc, p.position.line);
      if (token?.isCancellationRequested) return null;
      let base = hoverAt(doc.uri, model, p.position, EXPLAINERS, ctx.largeFiles.fileOf(doc.uri));
      // A clock corrected by ccLogs.clockOffsets: the corrected and the written time, under the record's own hover.
      const clock = await timeline.clockHover(doc, p.position).catch(() => undefined);
      if (clock)
        base = base
          ? {
              ...base,
              contents: { kind: MarkupKind.Markdown, value: `${(base.contents as MarkupContent).value}\n\n${clock}` },
            }
          : { contents: { kind: MarkupKind.Markdown, value: clock } };
      if (token?.isCancellationRequested) return null;
      const hover = joinHovers(base, await entityHover(doc, p.position));
      // Links and escaping follow the client (hoverStyle): VS Code runs the reveal command, other
      // editors get path:line text or file:// links and only the escapes CommonMark needs.
      if (!hover || hoverStyle === VSCODE_HOVERS) return hover;
      const value = restyleMarkdown((hover.contents as { value: string }).value, hoverStyle, doc.uri);
      return { ...hover, contents: { kind: MarkupKind.Markdown, value } };
    }),
  );
  /** The entity part of a hover fails on its own: the decoding part is still shown. */
  const entityHover = async (doc: TextDocument, position: { line: number; character: number }) => {
    try {
      return await navigation.entityHover(doc, position, hoverStyle);
    } catch (e) {
      c.console.error(`entity hover failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  };
  c.onFoldingRanges(onDocument('folding', [], async (doc) => foldingRanges(await models.get(doc))));
  c.onDocumentSymbol(onDocument('symbols', [], async (doc) => documentSymbols(await models.get(doc))));
  c.onDocumentColor(onDocument('colors', [], (doc) => documentColors(doc.getText())));
  c.onColorPresentation(onDocument('colorPresentation', [], (_doc, p) => colorPresentations(p.color, p.range)));

  // Entities across files.
  c.onDefinition(
    onDocument('definition', null, async (doc, p, token) => {
      const a = await navigation.definition(doc, p.position, token);
      session.status.note(a.note);
      return a.value ?? null;
    }),
  );
  c.onReferences(
    onDocument('references', null, async (doc, p, token) => {
      const a = await navigation.references(doc, p.position, token);
      session.status.note(a.note);
      if (a.cut) session.status.tell(a.cut);
      return a.value;
    }),
  );
  c.onDocumentHighlight(onDocument('highlight', null, (doc, p) => navigation.documentHighlights(doc, p.position)));
  c.onCodeLens(onDocument('codeLens', null, (doc) => navigation.codeLenses(doc)));
  c.onCodeLensResolve(
    guard(
      'codeLens resolve',
      (lens) => lens,
      (lens) => navigation.resolveCodeLens(lens),
    ),
  );
  c.onWorkspaceSymbol(
    guard(
      'workspaceSymbol',
      () => [],
      (p) => navigation.workspaceSymbols(p.query),
    ),
  );
  c.onExecuteCommand(
    guard(
      'executeCommand',
      () => null,
      (p): Promise<TimelineAnswer | FlowsCommandAnswer | null> => ctx.commands.execute(p.command, p.arguments),
    ),
  );

  // The project's own requests.
  ctx.largeFiles.listen();
  c.onRequest(
    DetectLanguageRequest.type,
    guard(
      'detectLanguage',
      (): DetectLanguageRequest.Result => ({ languageId: null, formatId: null, reasons: ['detection failed'] }),
      (params): DetectLanguageRequest.Result => {
        const found = detectFormat(ctx.registry(), params.fileName, params.sample.slice(0, 65_536));
        const summary = describeDetection(found, params.fileName);
        return found
          ? { languageId: found.format.def.languageId, formatId: found.format.id, reasons: found.reasons, summary }
          : { languageId: null, formatId: null, reasons: ['no log format fits the first lines'], summary };
      },
    ),
  );
  c.onRequest(
    TimelineRequest.type,
    guard(
      'timeline',
      (): TimelineAnswer => ({ error: 'The timeline failed: see the log server output.' }),
      (p) => timeline.timeline(p),
    ),
  );
  c.onRequest(
    TimelineEntitiesRequest.type,
    guard(
      'timelineEntities',
      () => [],
      (p) => timeline.entities(p),
    ),
  );
  c.onRequest(
    IndexStatsRequest.type,
    guard(
      'indexStats',
      () => NO_STATS,
      () => session.stats(),
    ),
  );
}
