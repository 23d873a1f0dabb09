/**
 * Drives the built server (server/out/server.js) over stdio, exactly as another editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = path.join(__dirname, '..', '..', '..', 'server', 'out', 'server.js');

export interface StdioServer {
  connection: ProtocolConnection;
  /** Notifications the server sent, in order. */
  notifications: Array<{ method: string; params: unknown }>;
  process: ChildProcess;
  /** What the server answered to initialize (its capabilities). */
  initializeResult: { capabilities: Record<string, unknown> };
  stderr: () => string;
  close(): Promise<void>;
}

export async function startStdioServer(
  settings: Record<string, unknown> = {},
  rootDir?: string,
  /** What the client sends in initialize beside the defaults (an editor recipe's initializationOptions). */
  extra: { initializationOptions?: unknown } = {},
): Promise<StdioServer> {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((item) => (item.section === 'ccLogs' ? settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  const notifications: Array<{ method: string; params: unknown }> = [];
  for (const method of [
    'ccLogs/status',
    'window/logMessage',
    'window/showMessage',
    '$/progress',
    'textDocument/publishDiagnostics',
    'ccLogs/sendDocumentText',
  ]) {
    connection.onNotification(method, (params: unknown) => void notifications.push({ method, params }));
  }
  connection.listen();
  const initializeResult = await connection.sendRequest<StdioServer['initializeResult']>('initialize', {
    processId: process.pid,
    rootUri: rootDir ? pathToFileURL(rootDir).toString() : null,
    workspaceFolders: rootDir ? [{ uri: pathToFileURL(rootDir).toString(), name: 'samples' }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
    },
    ...(extra.initializationOptions !== undefined ? { initializationOptions: extra.initializationOptions } : {}),
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    notifications,
    process: child,
    initializeResult,
    stderr: () => stderr,
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      child.kill();
    },
  };
}

export async function open(server: StdioServer, file: string, text: string, languageId: string): Promise<string> {
  const uri = pathToFileURL(file).toString();
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
  return uri;
}
