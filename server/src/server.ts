/**
 * Entry point of the language server. Any LSP client can start it:
 *   node server/out/server.js --stdio
 * (VS Code's client uses --node-ipc.) All log knowledge lives behind this connection.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/serverMain';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (!process.argv.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write(
    'Cisco contact-center log language server.\n' +
      'Usage: node server.js --stdio   (or --node-ipc, --socket=<port>, --pipe=<name>)\n',
  );
  process.exit(2);
}

// A log is foreign input: whatever slips through a handler's guard must not end the server.
process.on('uncaughtException', (e) => process.stderr.write(`uncaught: ${e.stack ?? String(e)}\n`));
process.on('unhandledRejection', (e) => process.stderr.write(`unhandled rejection: ${String(e)}\n`));

startServer(createConnection(ProposedFeatures.all));
