/**
 * Entry point of the language server. Any LSP client can start it:
 *   node server/out/server.js --stdio
 * (VS Code's client uses --node-ipc.) All log knowledge lives behind this connection.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
} from 'vscode-languageserver/node';
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

/**
 * JSON bodies as the default decoder reads them, faster for the large ones (a 100 MB log sent with
 * didOpen): ASCII bytes become a string as Latin-1, which Node converts several times faster.
 */
const jsonBodies = {
  name: 'application/json',
  decode(bytes: Uint8Array, options: { charset: string }): Promise<Message> {
    try {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const utf8 = /^utf-?8$/i.test(options.charset);
      const text = utf8
        ? isAscii(buffer)
          ? buffer.toString('latin1')
          : buffer.toString('utf8')
        : new TextDecoder(options.charset).decode(buffer);
      return Promise.resolve(JSON.parse(text) as Message);
    } catch (e) {
      return Promise.reject(e);
    }
  },
};

startServer(
  process.argv.includes('--stdio')
    ? createConnection(
        ProposedFeatures.all,
        new StreamMessageReader(process.stdin, { contentTypeDecoder: jsonBodies }),
        new StreamMessageWriter(process.stdout),
      )
    : createConnection(ProposedFeatures.all),
);
