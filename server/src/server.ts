/**
 * Entry point of the language server. Any LSP client can start it:
 *   node server/out/server.js --stdio
 * (VS Code's client uses --node-ipc.) All log knowledge lives behind this connection.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { FramingGuard } from './lsp/framing';
import { CONNECTION_OPTIONS, withManners } from './lsp/manners';
import { withOpenFromDisk } from './lsp/openFromDisk';
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

/**
 * Ends the process when the client can no longer be heard: its input ended or a frame could not be
 * read. The library's reader would wait on forever (its own exit on end only applies to streams it
 * opens itself). Exit code 0 after a `shutdown` request, 1 otherwise, as the library's `exit` does.
 */
let shutdownRequested = false;
function endServer(why: string): void {
  process.stderr.write(`${why}: the server exits\n`);
  process.exit(shutdownRequested ? 0 : 1);
}

function stdioTransport(): [MessageReader, MessageWriter] {
  const writer = new StreamMessageWriter(process.stdout);
  const guard = new FramingGuard((error) => {
    // A frame that cannot be read: say so to the client (a parse error without id), then exit,
    // since nothing can find where the next frame starts.
    const answer = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: error.message } });
    const timer = setTimeout(() => endServer(`unreadable input (${error.message})`), 500);
    process.stdout.write(`Content-Length: ${Buffer.byteLength(answer)}\r\n\r\n${answer}`, () => {
      clearTimeout(timer);
      endServer(`unreadable input (${error.message})`);
    });
  });
  process.stdin.on('end', () => endServer('input ended'));
  process.stdin.on('close', () => endServer('input closed'));
  process.stdin.pipe(guard);
  const reader = new StreamMessageReader(guard, { contentTypeDecoder: jsonBodies });
  // The frame was whole but its body is not JSON: the next frame is still found, so answer and go on.
  reader.onError((e) => {
    process.stderr.write(`unreadable message: ${e.message}\n`);
    writer
      .write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'message body is not JSON' } } as Message)
      .catch(() => undefined);
  });
  return [reader, writer];
}

const [rawReader, rawWriter] = process.argv.includes('--stdio')
  ? stdioTransport()
  : process.argv.includes('--node-ipc')
    ? [new IPCMessageReader(process), new IPCMessageWriter(process)]
    : [undefined, undefined];
if (process.argv.includes('--node-ipc')) process.on('disconnect', () => endServer('client disconnected'));

if (rawReader && rawWriter) {
  const { reader, writer } = withManners(rawReader, rawWriter, () => (shutdownRequested = true));
  const opening = withOpenFromDisk(reader, writer, (line) => process.stderr.write(`${line}\n`));
  startServer(createConnection(ProposedFeatures.all, opening, writer, CONNECTION_OPTIONS));
} else {
  // --socket and --pipe: the library opens the transport and ends the process when it closes.
  startServer(createConnection(ProposedFeatures.all));
}
