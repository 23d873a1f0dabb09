/**
 * The standalone server (node server/out/server.js --stdio) serves any LSP client: initialize,
 * hover, folding, symbols, colours and the language detection request, on real-looking lines.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { open, SERVER_JS, startStdioServer, type StdioServer } from './helpers/lspClient';
import { plain } from './helpers/markdown';

const root = path.join(__dirname, '..', '..');

describe('standalone server over stdio', function () {
  this.timeout(60_000);
  let server: StdioServer;

  before(async () => {
    if (!fs.existsSync(SERVER_JS))
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    server = await startStdioServer({ defaultYear: 2018, zonelessOffset: '+02:00' });
  });
  after(async () => server?.close());

  it('prints usage and exits 2 without a transport', () => {
    assert.throws(
      () => execFileSync(process.execPath, [SERVER_JS], { stdio: 'pipe' }),
      (e: { status: number; stderr: Buffer }) => {
        assert.equal(e.status, 2);
        assert.match(String(e.stderr), /Usage: node server\.js --stdio/);
        return true;
      },
    );
  });

  it('explains a timestamp, with the zone assumption', async () => {
    const text =
      '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: contact\nsecond line\n';
    const uri = await open(server, '/tmp/cc-logs-test/Cisco001MIVR045.log', text, 'cisco-uccx-engine');
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 14 },
    })) as {
      contents: { value: string };
      range: { start: { character: number }; end: { character: number } };
    };
    assert.ok(hover, 'a hover');
    assert.match(plain(hover.contents.value), /2018-08-06 04:02:39\.144 \+00:00/);
    assert.match(plain(hover.contents.value), /2018-08-06 09:32:39\.144 \+05:30/);
    assert.match(plain(hover.contents.value), /time assumed IST = \+05:30/);
    assert.deepEqual([hover.range.start.character, hover.range.end.character], [9, 32]);
    const folding = (await server.connection.sendRequest('textDocument/foldingRange', {
      textDocument: { uri },
    })) as Array<{ startLine: number; endLine: number }>;
    assert.deepEqual(
      folding.map((f) => [f.startLine, f.endLine]),
      [[0, 1]],
    );
  });

  it('reads messages in UTF-8 as well as ASCII (documents in any script)', async () => {
    const text =
      '3722752: Aug 06 09:32:40.144 IST %MIVR-SS_CHAT-7-UNK:[pool-Zürich-한국-1] ChatSubsystemLogger: contact\n';
    const uri = await open(server, '/tmp/cc-logs-test/Cisco001MIVR046.log', text, 'cisco-uccx-engine');
    const at = text.indexOf('한국');
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: at },
    })) as {
      contents: { value: string };
      range: { start: { character: number } };
    };
    assert.match(plain(hover.contents.value), /pool-Zürich-한국-1/);
    // Positions count UTF-16 code units of the text as sent.
    assert.equal(hover.range.start.character, text.indexOf('pool-'));
  });

  it('outlines a dumplog trace by its date headers, and dates its lines', async () => {
    const text = 'Events from August 19, 2019:\n15:34:09:841 PG1A-opc Trace: MakeAgentReadyInd - InvokeID = 80172\n';
    const uri = await open(server, '/tmp/cc-logs-test/opc.txt', text, 'cisco-icm-trace');
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri },
    })) as Array<{ name: string }>;
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Events from August 19, 2019:'],
    );
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    })) as { contents: { value: string } };
    assert.match(plain(hover.contents.value), /2019-08-19 13:34:09\.841 \+00:00/);
    assert.match(plain(hover.contents.value), /ccLogs\.zonelessOffset = \+02:00/);
  });

  it('detects the language of a file with a generic name', async () => {
    const result = (await server.connection.sendRequest('ccLogs/detectLanguage', {
      uri: 'file:///tmp/export.log',
      fileName: '/tmp/export.log',
      sample: '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [71:Thread-9] <@> ProcessId:4584 <@> PID:1 <@>\n',
    })) as { languageId: string; formatId: string };
    assert.equal(result.languageId, 'cisco-ece');
    assert.equal(result.formatId, 'ece');
  });

  it('says what a recognised file is and why, for Detect Log Format on a file already in its language', async () => {
    const result = (await server.connection.sendRequest('ccLogs/detectLanguage', {
      uri: 'file:///tmp/Cisco001MIVR045.log',
      fileName: '/tmp/Cisco001MIVR045.log',
      sample: '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: x\n',
    })) as { languageId: string; summary?: string };
    assert.equal(result.languageId, 'cisco-uccx-engine');
    assert.ok(result.summary, 'a summary');
    assert.match(result.summary, /^Cisco001MIVR045\.log is a UCCX engine/);
    assert.match(result.summary, /language cisco-uccx-engine/);
    assert.match(result.summary, /the first line matches/);
    assert.match(result.summary, /the file name matches/);
    const none = (await server.connection.sendRequest('ccLogs/detectLanguage', {
      uri: 'file:///tmp/notes.txt',
      fileName: '/tmp/notes.txt',
      sample: 'Just some notes.\n',
    })) as { languageId: null; summary?: string };
    assert.match(none.summary ?? '', /notes\.txt: no log format fits/);
  });

  it('answers hovers on a large document at once and folds it whole once its model is built', async () => {
    // An ECE listener log of about 6 MB: hovers are answered from the lines around them while the
    // whole model is built in steps; folding waits for the whole model.
    const sample = fs
      .readFileSync(path.join(root, 'samples', 'ece', 'eg_log_ECEAPP01_Listener.log'), 'utf8')
      .replace(/\n$/, '');
    const copies = Math.ceil((6 << 20) / sample.length);
    const text = Array.from({ length: copies }, () => sample).join('\n');
    const lines = text.split('\n');
    const uri = await open(server, '/tmp/cc-logs-test/eg_log_ECEAPP01_Listener.log', text, 'cisco-ece');
    const line =
      Math.floor(lines.length / 2) +
      lines.slice(Math.floor(lines.length / 2)).findIndex((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    const [hover, folding] = await Promise.all([
      server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 5 },
      }) as Promise<{ contents: { value: string } }>,
      server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as Promise<
        Array<{ startLine: number; endLine: number }>
      >,
    ]);
    const stamp = lines[line]!.slice(0, 23).replace(/^(\d{4}-\d{2}-\d{2}) (\S+)$/, '$1 $2');
    assert.ok(plain(hover.contents.value).includes(`${stamp} +00:00`), plain(hover.contents.value).slice(0, 300));
    const once = (await server.connection.sendRequest('textDocument/foldingRange', {
      textDocument: {
        uri: await open(server, '/tmp/cc-logs-test/eg_log_ECEAPP01_Listener-one.log', sample, 'cisco-ece'),
      },
    })) as Array<{ startLine: number; endLine: number }>;
    assert.equal(folding.length, once.length * copies, 'every copy folds as the sample alone does');
    assert.deepEqual(folding.slice(0, once.length), once);
  });

  it('answers garbage without dying', async () => {
    const garbage = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const uri = await open(server, '/tmp/cc-logs-test/garbage.log', garbage, 'cisco-ece');
    for (let line = 0; line < 5; line++) {
      await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: 3 },
      });
    }
    await server.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    assert.equal(server.process.exitCode, null, `server alive; stderr: ${server.stderr()}`);
  });
});
