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
import { flowProviderFor } from '../flows/timelineFlows';
import { LogModels } from './documents';
import { EntityNavigation } from './entityNavigation';
import { FlowsLsp } from './flows';
import { registerHandlers } from './handlers';
import { ServerCommands } from './serverCommands';
import { ClientSettings, SETTINGS_SECTION } from './clientSettings';
import { IndexSession } from './indexSession';
import { LargeFiles } from './largeFiles';
import { DEFAULT_SETTINGS, settingsFrom, type Settings } from './settings';
import { TimelineLsp } from './timeline';

export { SERVER_NAME } from './handlers';

/** A running server, for tests and embedders. */
export interface ServerHandle {
  session: IndexSession;
  navigation: EntityNavigation;
  /** The timeline (the flows module registers its provider here). */
  timeline: TimelineLsp;
  /** The flows and the problems. */
  flows: FlowsLsp;
  dispose(): Promise<void>;
}

export function startServer(connection: Connection, options: { pool?: IndexPool } = {}): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let dynamicConfiguration = false;
  // Settings come from whatever the client gives: workspace/configuration for the whole ccLogs
  // section, didChangeConfiguration params, initializationOptions (see clientSettings.ts).
  const clientSettings = new ClientSettings((scopeUri) =>
    connection.workspace.getConfiguration({ ...(scopeUri ? { scopeUri } : {}), section: SETTINGS_SECTION }),
  );
  let registry = FormatRegistry.load([builtinFormatsDirectory()]);
  let formatDirsKey = '';
  const settingsCache = new Map<string, Promise<Settings>>();

  const settingsFor = (uri: string): Promise<Settings> => {
    let s = settingsCache.get(uri);
    if (!s) {
      s = clientSettings.get(uri).then(settingsFrom, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  };
  const liveRegistry = (): FormatRegistry => registry;
  // `session` is assigned below; the models ask it only later, when a document is read.
  const models = new LogModels(liveRegistry, settingsFor, (uri) => session.caseDaysFor(uri));
  const session = new IndexSession(connection, documents, {
    registry: liveRegistry,
    settingsFor,
    clientSettings,
    ...(options.pool ? { pool: options.pool } : {}),
  });
  const largeFiles = new LargeFiles(connection, documents, { registry: liveRegistry, settingsFor });
  const navigation = new EntityNavigation({ documents, models, query: session.query, windows: largeFiles });
  const timeline = new TimelineLsp({
    documents,
    models,
    session,
    navigation,
    registry: liveRegistry,
    timeOptionsFor: (p) => session.timeOptionsFor(p),
  });
  const flows = new FlowsLsp(connection, documents, session.query, models, settingsFor, largeFiles);
  timeline.setFlowProvider(flowProviderFor(flows.service));
  /** `ccLogs.clockOffsets` is read at query time: no index rebuild when it changes. */
  const refreshClockOffsets = async (): Promise<void> => timeline.setClockRules((await settingsFor('')).clockOffsets);

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
    timeline,
    largeFiles,
    commands: new ServerCommands({ documents, session, navigation, timeline, flows: flows.service }),
    registry: liveRegistry,
    lifecycle: {
      initialize(params) {
        // Registered only where the client declares it can be (eglot cannot, and warns).
        dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
        clientSettings.initialize(params);
      },
      initialized() {
        if (dynamicConfiguration)
          void connection.client
            .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
            .catch(() => undefined);
        void refreshFormats().catch(() => undefined);
        void refreshClockOffsets().catch(() => undefined);
        reportFormatProblems();
      },
      configurationChanged(params) {
        clientSettings.changed(params);
        settingsCache.clear();
        models.clear();
        void refreshFormats().catch(() => undefined);
        void refreshClockOffsets().catch(() => undefined);
        flows.configurationChanged();
      },
      documentClosed(uri) {
        settingsCache.delete(uri);
        clientSettings.forget(uri);
      },
    },
  });
  flows.listen();
  documents.listen(connection);
  connection.listen();
  return {
    session,
    navigation,
    timeline,
    flows,
    dispose: () => {
      flows.dispose();
      largeFiles.dispose(); // the temporary text of gzip logs (also removed on `shutdown` and at exit)
      return session.dispose();
    },
  };
}
