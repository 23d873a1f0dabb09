/**
 * Wires the LSP connection: capabilities, document sync, settings, and one handler per feature.
 * Every handler is guarded: an exception becomes a log line and an empty answer, never a crash.
 */
import {
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  MarkupKind,
  type MarkupContent,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DetectLanguageRequest, StatusNotification } from '../../../protocol/messages';
import { EXPLAINERS } from '../explain';
import { builtinFormatsDirectory, FormatRegistry } from '../formats/registry';
import { detectFormat } from '../formats/sniff';
import { documentColors, colorPresentations } from './colors';
import { LogModels } from './documents';
import { hoverAt } from './hover';
import { LargeFiles } from './largeFiles';
import { Navigation } from './navigation';
import { DEFAULT_SETTINGS, settingsFrom, type Settings } from './settings';
import { documentSymbols, foldingRanges } from './structure';

export const SERVER_NAME = 'Cisco contact-center log server';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let hasConfiguration = false;
  let registry = FormatRegistry.load([builtinFormatsDirectory()]);
  let formatDirsKey = '';
  const settingsCache = new Map<string, Promise<Settings>>();

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!hasConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'ccLogs' })
        .then(settingsFrom, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };
  const models = new LogModels(() => registry, settingsFor);
  const largeFiles = new LargeFiles(connection, documents, { registry: () => registry, settingsFor });
  const navigation = new Navigation(connection, documents, {
    models,
    registry: () => registry,
    settingsFor,
    windows: largeFiles,
  });

  /** User format directories come from the settings; reload the registry when they change. */
  const refreshFormats = async (): Promise<void> => {
    const s = await settingsFor('');
    const key = JSON.stringify(s.formatDirectories);
    if (key === formatDirsKey) return;
    formatDirsKey = key;
    registry = FormatRegistry.load([builtinFormatsDirectory(), ...s.formatDirectories]);
    models.clear();
    reportFormatProblems();
  };

  const reportFormatProblems = (): void => {
    const errors = registry.problems.filter((p) => p.level === 'error');
    if (errors.length > 0) {
      void connection.sendNotification(StatusNotification.type, {
        level: 'warning',
        text: `${errors.length} format problem(s)`,
        detail: errors.map((p) => `${p.formatId} ${p.path}: ${p.message}`).join('\n'),
      });
      for (const p of errors) connection.console.warn(`format ${p.formatId} ${p.path}: ${p.message}`);
    } else {
      void connection.sendNotification(StatusNotification.type, {
        level: 'ok',
        text: `${registry.formats.length} log formats`,
      });
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    navigation.initialize(params);
    return {
      capabilities: {
        ...navigation.capabilities,
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        foldingRangeProvider: true,
        documentSymbolProvider: true,
        colorProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfiguration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ccLogs' });
    void refreshFormats().catch(() => undefined);
    reportFormatProblems();
    void navigation.initialized();
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    models.clear();
    void refreshFormats().catch(() => undefined);
    navigation.configurationChanged();
  });

  connection.onShutdown(() => navigation.dispose());

  documents.onDidClose((e) => {
    models.forget(e.document.uri);
    settingsCache.delete(e.document.uri);
  });

  const guarded =
    <P extends { textDocument: { uri: string } }, R>(
      name: string,
      empty: R,
      fn: (doc: TextDocument, p: P) => Promise<R> | R,
    ) =>
    async (params: P): Promise<R> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return empty;
      try {
        return await models.answer(() => fn(doc, params));
      } catch (e) {
        connection.console.error(`${name} failed for ${params.textDocument.uri}: ${(e as Error).stack ?? String(e)}`);
        return empty;
      }
    };

  // What the line embeds (decoded) first, then what the ID under the cursor is across all logs.
  connection.onHover(
    guarded('hover', null, async (doc, p) => {
      const base = hoverAt(
        doc.uri,
        await models.near(doc, p.position.line),
        p.position,
        EXPLAINERS,
        largeFiles.fileOf(doc.uri),
      );
      const entity = await navigation.hoverMarkdown(doc, p.position);
      if (!entity) return base;
      if (!base) return { contents: { kind: MarkupKind.Markdown, value: entity.markdown }, range: entity.range };
      const value = (base.contents as MarkupContent).value;
      return {
        contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${entity.markdown}` },
        ...(base.range ? { range: base.range } : {}),
      };
    }),
  );
  connection.onFoldingRanges(guarded('folding', [], async (doc) => foldingRanges(await models.get(doc))));
  connection.onDocumentSymbol(guarded('symbols', [], async (doc) => documentSymbols(await models.get(doc))));
  connection.onDocumentColor(guarded('colors', [], (doc) => documentColors(doc.getText())));
  connection.onColorPresentation(guarded('colorPresentation', [], (_doc, p) => colorPresentations(p.color, p.range)));

  connection.onRequest(DetectLanguageRequest.type, (params) => {
    try {
      const found = detectFormat(registry, params.fileName, params.sample.slice(0, 65_536));
      return found
        ? { languageId: found.format.def.languageId, formatId: found.format.id, reasons: found.reasons }
        : { languageId: null, formatId: null, reasons: ['no log format fits the first lines'] };
    } catch (e) {
      connection.console.error(`detectLanguage failed: ${(e as Error).stack ?? String(e)}`);
      return { languageId: null, formatId: null, reasons: ['detection failed'] };
    }
  });

  navigation.listen();
  largeFiles.listen();
  documents.listen(connection);
  connection.listen();
}
