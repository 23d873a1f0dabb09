/**
 * Opening a saved log of 4 MB or more from disk (protocol/openFromDisk.ts): the server's check of its copy
 * against what the editor holds, and, over stdio with the built server, a hover on an ARM dump in the
 * middle of a 6 MB listener log opened without its text, an edit after it, and the request for the text
 * when the editor's copy differs from the file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenFromDiskNotification,
  OPEN_FROM_DISK_MIN_CHARS,
  didOpenFromDiskParams,
  sampleOffsets,
} from '../../protocol/openFromDisk';
import { textFromDisk } from '../../server/src/lsp/openFromDisk';
import { startStdioServer, type StdioServer } from './helpers/lspClient';

const LISTENER = path.resolve(__dirname, '../../samples/ece/eg_log_ECEAPP01_Listener.log');

function paramsOf(file: string, text: string, version = 1): DidOpenFromDiskNotification.Params {
  const textDocument = { uri: pathToFileURL(file).toString(), languageId: 'cisco-ece', version };
  return didOpenFromDiskParams(textDocument, text.length, (start, end) => text.slice(start, end));
}

describe('opening a large log from disk', function () {
  this.timeout(60_000);
  let dir: string;
  let big: string;
  let bigText: string;
  /** Line of the middle copy of the listener's MEDIA_LOGIN_REQ dump. */
  let dumpLine: number;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-open-from-disk-'));
    const sample = fs.readFileSync(LISTENER, 'utf8').replace(/\n?$/, '\n');
    const copies = Math.ceil((OPEN_FROM_DISK_MIN_CHARS * 1.5) / sample.length);
    bigText = sample.repeat(copies);
    big = path.join(dir, 'eg_log_ECEAPP01_Listener.log');
    fs.writeFileSync(big, bigText);
    const sampleLines = sample.split('\n').length - 1;
    const inSample = sample.split('\n').findIndex((l) => l.includes('Sending MEDIA_LOGIN_REQ -> '));
    dumpLine = Math.floor(copies / 2) * sampleLines + inSample;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the file when it is the text the editor holds, with or without a byte order mark', () => {
    const found = textFromDisk(paramsOf(big, bigText));
    assert.ok('text' in found && found.text === bigText);
    const bom = path.join(dir, 'bom.log');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ünïcode line\n')]));
    assert.deepEqual(textFromDisk(paramsOf(bom, 'Ünïcode line\n')), { text: 'Ünïcode line\n' });
  });

  it('refuses a copy that differs, and says why', () => {
    assert.match(String((textFromDisk(paramsOf(big, bigText + 'x')) as { reason: string }).reason), /characters/);
    // The same length, one character changed where the editor sampled its text (the check samples; an editor
    // only opens from disk a document it has not changed, so a difference means the file changed under it).
    const at = sampleOffsets(bigText.length)[5]! + 10;
    const changed = bigText.slice(0, at) + (bigText[at] === 'X' ? 'Y' : 'X') + bigText.slice(at + 1);
    assert.match(String((textFromDisk(paramsOf(big, changed)) as { reason: string }).reason), /differs .* offset/);
    const utf16 = path.join(dir, 'utf16.log');
    fs.writeFileSync(utf16, Buffer.from('\ufeffline\n', 'utf16le'));
    assert.deepEqual(textFromDisk(paramsOf(utf16, 'line\n')), { reason: 'a UTF-16 file' });
    assert.match(
      String((textFromDisk(paramsOf(path.join(dir, 'gone.log'), 'x')) as { reason: string }).reason),
      /cannot read/,
    );
    assert.deepEqual(
      textFromDisk({ ...paramsOf(big, bigText), textDocument: { uri: 'untitled:1', languageId: 'x', version: 1 } }),
      {
        reason: 'not a file: URI',
      },
    );
  });

  describe('over stdio', () => {
    let server: StdioServer;
    before(async () => {
      server = await startStdioServer({}, dir);
    });
    after(async () => {
      await server.close();
    });

    const hoverAt = async (uri: string, line: number, character: number) =>
      (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character },
      })) as { contents: { value: string } } | null;

    it('answers a hover in a document opened without its text, and after an edit', async () => {
      const params = paramsOf(big, bigText);
      await server.connection.sendNotification(DidOpenFromDiskNotification.method, params);
      const uri = params.textDocument.uri;
      const dumpText = bigText.split('\n')[dumpLine]!;
      const at = dumpText.indexOf(' -> ') + 6;
      const hover = await hoverAt(uri, dumpLine, at);
      assert.match(hover?.contents.value ?? '', /MEDIA_LOGIN_REQ/);
      // The edits that follow apply to the text read from disk: one line inserted at the top.
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'added\n' },
        ],
      });
      const after = await hoverAt(uri, dumpLine + 1, at);
      assert.match(after?.contents.value ?? '', /MEDIA_LOGIN_REQ/);
      assert.ok(!server.notifications.some((n) => n.method === 'ccLogs/sendDocumentText'));
    });

    it('asks for the text when the editor holds something else', async () => {
      const other = path.join(dir, 'eg_log_ECEAPP02_Listener.log');
      fs.writeFileSync(other, bigText);
      const unsaved = 'edited before saving\n' + bigText;
      await server.connection.sendNotification(DidOpenFromDiskNotification.method, paramsOf(other, unsaved));
      const deadline = Date.now() + 10_000;
      while (!server.notifications.some((n) => n.method === 'ccLogs/sendDocumentText') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const ask = server.notifications.find((n) => n.method === 'ccLogs/sendDocumentText');
      assert.deepEqual(ask?.params, {
        uri: pathToFileURL(other).toString(),
        reason: `the editor holds ${unsaved.length} characters, the file ${bigText.length}`,
      });
    });
  });
});
