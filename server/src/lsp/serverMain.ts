/**
 * Assembles the server: the open documents and their models, the format registry (built-in and the
 * user's folders, reloaded when the settings change), the index session and the entity navigation;
 * then registers every handler (`handlers.ts`) and listens.
 */
import { DidChangeConfigurationNotification, TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StatusNotification } from '../../../protocol/messages';
import { builtinFormatsDirectory, FormatRegistry } from '../formats/registry';
import type { IndexPool } from '../index/pool';
import { LogModels } from './documents';
import { EntityNavigation } from './entityNavigation';
import { registerHandlers } from './handlers';
import { IndexSession } from './indexSession';
import { LargeFiles } from './largeFiles';
import { DEFAULT_SETTINGS, settingsFrom, type Settings } from './settings';

export { SERVER_NAME } from './handlers';

/** A running server, for tests and embedders. */
export interface ServerHandle {
  session: IndexSession;
  navigation: EntityNavigation;
  dispose(): Promise<void>;
}

export function startServer(connection: Connection, options: { pool?: IndexPool } = {}): ServerHandle {
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
  const liveRegistry = (): FormatRegistry => registry;
  const models = new LogModels(liveRegistry, settingsFor);
  const session = new IndexSession(connection, documents, {
    registry: liveRegistry,
    settingsFor,
    ...(options.pool ? { pool: options.pool } : {}),
  });
  const largeFiles = new LargeFiles(connection, documents, { registry: liveRegistry, settingsFor });
  const navigation = new EntityNavigation({ documents, models, query: session.query, windows: largeFiles });

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

  registerHandlers({
    connection,
    documents,
    models,
    session,
    navigation,
    largeFiles,
    registry: liveRegistry,
    lifecycle: {
      initialize(params) {
        hasConfiguration = !!params.capabilities.workspace?.configuration;
      },
      initialized() {
        if (hasConfiguration)
          void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ccLogs' });
        void refreshFormats().catch(() => undefined);
        reportFormatProblems();
      },
      configurationChanged() {
        settingsCache.clear();
        models.clear();
        void refreshFormats().catch(() => undefined);
      },
      documentClosed(uri) {
        settingsCache.delete(uri);
      },
    },
  });
  documents.listen(connection);
  connection.listen();
  return { session, navigation, dispose: () => session.dispose() };
}
