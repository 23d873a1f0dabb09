/**
 * Logs too large for VS Code to hand over are served as windows read from disk: the line map and
 * windows of `index/fileWindow.ts`, going to a time (`index/timeSeek.ts`), the window URIs of
 * `protocol/largeFiles.ts`, and the server answering inside a window of a 60 MB log made from the
 * samples (hover, references reaching the small samples, definition from a small sample landing on
 * the right line of the large file).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as zlib from 'node:zlib';
import {
  LargeFileContentRequest,
  LargeFileLocateRequest,
  parseWindowUri,
  windowUriOf,
} from '../../protocol/largeFiles';
import { builtinRegistry } from '../../server/src/formats/registry';
import { LineMap } from '../../server/src/index/fileWindow';
import { GzipSpills } from '../../server/src/index/gzipSpill';
import { lineAtInstant, parseUserTime } from '../../server/src/index/timeSeek';
import { BLOCK_LINE, writeLargeListenerLog } from '../integration/helpers/largeLog';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LargeFiles, PLACE_BLOCK_LINES } from '../../server/src/lsp/largeFiles';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { SERVER_JS, startStdioServer, type StdioServer } from './helpers/lspClient';
import { plain } from './helpers/markdown';

const root = path.join(__dirname, '..', '..');
const samples = path.join(root, 'samples');

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cc-logs-${name}-`));
}

describe('large files: window URIs', () => {
  it('name the file and the first line, and read back what VS Code sends', () => {
    const uri = windowUriOf('file:///var/log/eg%20log.log', 120_000);
    assert.equal(uri, 'cclogs-window:/var/log/eg%20log.log?120000');
    assert.deepEqual(parseWindowUri(uri), { fileUri: 'file:///var/log/eg%20log.log', fromLine: 120_000 });
    // VS Code's own spelling of the same URI (an authority, an encoded query) reads the same.
    assert.deepEqual(parseWindowUri('cclogs-window:///var/log/eg%20log.log?from%3D7'), {
      fileUri: 'file:///var/log/eg%20log.log',
      fromLine: 7,
    });
    assert.equal(parseWindowUri('file:///var/log/x.log'), undefined);
    assert.equal(parseWindowUri('cclogs-window:/var/log/x.log?-1'), undefined);
    assert.equal(parseWindowUri('cclogs-window:relative?3'), undefined);
  });
});

describe('large files: where results in a large file are shown', () => {
  const big = 'file:///var/log/eg_log_big.log';
  const MB = 2 ** 20;
  const withOpen = (docs: Array<{ uri: string; lineCount: number }>) =>
    new LargeFiles({} as Connection, { all: () => docs } as unknown as TextDocuments<TextDocument>, {
      registry: builtinRegistry,
      settingsFor: async () => DEFAULT_SETTINGS,
    });

  it('in the file itself when VS Code opens it (50 MB or less)', () => {
    const lf = withOpen([]);
    assert.deepEqual(lf.place(big, 50 * MB, false, 12_345), { uri: big, line: 12_345 });
  });

  it('in a window of its text when it is gzip, whatever its size (VS Code shows gzip as binary)', () => {
    const lf = withOpen([]);
    const gz = 'file:///var/log/eg_log_big.log.gz';
    const from = (Math.floor(12_345 / PLACE_BLOCK_LINES) - 1) * PLACE_BLOCK_LINES;
    assert.deepEqual(lf.place(gz, 1 * MB, true, 12_345), { uri: windowUriOf(gz, from), line: 12_345 - from });
    assert.deepEqual(lf.place(gz, 60 * MB, true, 12), { uri: windowUriOf(gz, 0), line: 12 });
  });

  it('in the window of its block, a block above it included, when no open window holds it', () => {
    const lf = withOpen([]);
    const placed = lf.place(big, 60 * MB, false, 12_345);
    const from = (Math.floor(12_345 / PLACE_BLOCK_LINES) - 1) * PLACE_BLOCK_LINES;
    assert.deepEqual(placed, { uri: windowUriOf(big, from), line: 12_345 - from });
    assert.deepEqual(lf.place(big, 60 * MB, false, 7), { uri: windowUriOf(big, 0), line: 7 });
  });

  it('in the open window holding it', () => {
    const open = windowUriOf(big, 12_000);
    const lf = withOpen([{ uri: open, lineCount: 1_000 }]);
    assert.deepEqual(lf.place(big, 60 * MB, false, 12_345), { uri: open, line: 345 });
    assert.notEqual(lf.place(big, 60 * MB, false, 13_000).uri, open, 'past its end: another window');
  });
});

describe('large files: line map and windows', () => {
  let dir: string;
  let file: string;
  const lineText = (n: number) => `line ${n} ${'x'.repeat(n % 97)}`;
  const COUNT = 60_000; // about 3.5 MB: a dozen checkpoints

  before(() => {
    dir = tempDir('linemap');
    file = path.join(dir, 'big.log');
    const lines: string[] = [];
    for (let i = 0; i < COUNT; i++) lines.push(lineText(i));
    fs.writeFileSync(file, lines.join('\n')); // no newline after the last line
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the start of any line and the line of any byte', async () => {
    const map = new LineMap(file);
    await map.refresh();
    const text = fs.readFileSync(file, 'latin1');
    for (const n of [0, 1, 4_321, 30_000, 59_999]) {
      const { byte, line } = await map.byteOfLine(n);
      assert.equal(line, n);
      assert.equal(text.slice(byte, byte + lineText(n).length), lineText(n));
      assert.equal(await map.lineOfByte(byte), n);
      assert.equal(await map.lineOfByte(byte + 3), n);
    }
    await map.complete();
    assert.equal(map.totalLines, COUNT);
    assert.equal((await map.byteOfLine(COUNT + 10)).line, COUNT - 1, 'past the end: the last line');
  });

  it('reads a window of whole lines from a line, within the bytes and lines given', async () => {
    const map = new LineMap(file);
    await map.refresh();
    const w = await map.window(12_345, 64 * 1024, 1_000);
    assert.equal(w.fromLine, 12_345);
    const lines = w.text.split('\n');
    assert.equal(lines.length, w.lineCount);
    assert.equal(lines[0], lineText(12_345));
    assert.equal(lines[lines.length - 1], lineText(12_345 + w.lineCount - 1));
    assert.ok(w.toByte - w.fromByte <= 64 * 1024);
    assert.equal((await map.window(12_345, 1 << 20, 10)).lineCount, 10);
    const last = await map.window(COUNT - 2, 1 << 20, 100);
    assert.deepEqual(last.text.split('\n'), [lineText(COUNT - 2), lineText(COUNT - 1)]);
  });

  it('centres a window on a line by bytes', async () => {
    const map = new LineMap(file);
    await map.refresh();
    const from = await map.windowStartAround(30_000, 1 << 20, 200_000);
    const w = await map.window(from, 1 << 20, 200_000);
    assert.ok(from < 30_000 && 30_000 < from + w.lineCount, `${from} + ${w.lineCount}`);
    const above = (await map.byteOfLine(30_000)).byte - w.fromByte;
    assert.ok(Math.abs(above - (1 << 19)) < 200, `${above} bytes above the target`);
    assert.equal(await map.windowStartAround(10, 1 << 20, 200_000), 0);
  });

  it('counts the lines up to a line in one pass over the file, shared by callers asking at once', async () => {
    // 16 MB: four of the counting pass's reads. Each read used to open the file and take a fresh
    // 4 MB buffer, and the garbage collector then cost more than the count of a 1 GB file.
    const wide = path.join(dir, 'wide.log');
    const row = (n: number) => `row ${String(n).padStart(7, '0')} ${'z'.repeat(50)}`;
    const ROWS = 270_000;
    const rows: string[] = [];
    for (let i = 0; i < ROWS; i++) rows.push(row(i));
    fs.writeFileSync(wide, `${rows.join('\n')}\n`);
    const text = fs.readFileSync(wide, 'latin1');
    const map = new LineMap(wide);
    await map.refresh();
    const realOpen = fs.promises.open;
    let opens = 0;
    fs.promises.open = ((...args: Parameters<typeof realOpen>) => {
      opens++;
      return realOpen(...args);
    }) as typeof realOpen;
    try {
      await map.ensureLine(250_000);
    } finally {
      fs.promises.open = realOpen;
    }
    assert.equal(opens, 1, 'one pass: the file opened once');
    assert.equal(map.totalLines, undefined, 'the pass stops once the line is reached');
    const fresh = new LineMap(wide);
    await fresh.refresh();
    const [a, b, c] = await Promise.all([
      fresh.byteOfLine(200_000),
      fresh.lineOfByte(text.indexOf(row(123_456)) + 5),
      fresh.byteOfLine(ROWS - 1),
    ]);
    assert.equal(text.slice(a.byte, a.byte + 11), row(200_000).slice(0, 11));
    assert.equal(b, 123_456);
    assert.equal(text.slice(c.byte, c.byte + row(ROWS - 1).length), row(ROWS - 1));
    await fresh.complete();
    assert.equal(fresh.totalLines, ROWS);
  });

  it('cuts a line longer than the window', async () => {
    const long = path.join(dir, 'long.log');
    fs.writeFileSync(long, `first\n${'y'.repeat(300_000)}\nlast\n`);
    const map = new LineMap(long);
    await map.refresh();
    const w = await map.window(1, 100_000, 10);
    assert.equal(w.cut, true);
    assert.equal(w.lineCount, 1);
    assert.equal(w.text.length, 100_000);
    assert.equal((await map.window(2, 100_000, 10)).text, 'last');
  });
});

describe('large files: the text of gzip logs, inflated once', () => {
  it('is written to a temporary file a window waits on, inflated again when the gzip changes, removed at the end', async () => {
    const dir = tempDir('spill');
    const tempRoot = tempDir('spill-tmp');
    const spills = new GzipSpills(4, tempRoot);
    try {
      const gz = path.join(dir, 'opc.log.gz');
      const text = Array.from({ length: 50_000 }, (_v, i) => `line ${i}`).join('\n') + '\n';
      fs.writeFileSync(gz, zlib.gzipSync(text));
      const first = await spills.of(gz);
      await first.reach(40_000, 1024);
      assert.ok(first.lines > 40_000);
      await first.finished();
      assert.equal(fs.readFileSync(first.textPath, 'utf8'), text);
      assert.equal(first.lines, 50_000);
      assert.equal(await spills.of(gz), first, 'the same spill while the file is unchanged');
      fs.writeFileSync(gz, zlib.gzipSync('changed\n'));
      fs.utimesSync(gz, new Date(), new Date(Date.now() + 5000));
      const second = await spills.of(gz);
      assert.notEqual(second, first);
      await second.finished();
      assert.equal(fs.readFileSync(second.textPath, 'utf8'), 'changed\n');
      spills.dispose();
      assert.deepEqual(fs.readdirSync(tempRoot), [], 'the temporary folder removed');
    } finally {
      spills.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(tempRoot, { recursive: true, force: true });
    }
  });
});

describe('large files: a 60 MB log made from the samples', function () {
  this.timeout(120_000);
  let dir: string;
  let big: string;
  let block: string[];
  let server: StdioServer;

  before(async () => {
    if (!fs.existsSync(SERVER_JS))
      execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    dir = tempDir('large');
    fs.cpSync(samples, dir, { recursive: true });
    big = path.join(dir, 'large', 'eg_log_ECEAPP02_Listener.log');
    ({ lines: block } = writeLargeListenerLog(samples, big));
    server = await startStdioServer({}, dir);
  });
  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes to a time of the file by bisection', async () => {
    const map = new LineMap(big);
    await map.refresh();
    const options = { registry: builtinRegistry(), format: builtinRegistry().byLanguage('cisco-ece')! };
    // The copied sample's first record is at 12:30:07.500.
    const line = await lineAtInstant(map, Date.parse('2019-08-19T12:30:07.500Z'), options);
    assert.equal(line, BLOCK_LINE);
    assert.equal(
      parseUserTime('12:30:07.5', { instant: Date.parse('2019-08-19T00:00:00Z'), offsetMinutes: 0 }),
      Date.parse('2019-08-19T12:30:07.500Z'),
    );
    assert.equal(parseUserTime('2019-08-19 14:30 +02:00', undefined), Date.parse('2019-08-19T12:30:00Z'));
    assert.equal(parseUserTime('soon', undefined), undefined);
  });

  async function openWindowAt(line: number): Promise<{ uri: string; text: string; fromLine: number }> {
    const placed = (await server.connection.sendRequest(LargeFileLocateRequest.method, {
      uri: pathToFileURL(big).href,
      line,
    })) as LargeFileLocateRequest.Result;
    assert.equal(placed.error, undefined);
    assert.equal(placed.languageId, 'cisco-ece');
    assert.equal(placed.fromLine + placed.targetLine, line);
    assert.match(placed.why, /VS Code hands extensions no document over 50 MB/);
    const content = (await server.connection.sendRequest(LargeFileContentRequest.method, {
      uri: placed.windowUri,
    })) as LargeFileContentRequest.Result;
    assert.equal(content.fromLine, placed.fromLine);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: placed.windowUri, languageId: 'cisco-ece', version: 1, text: content.text },
    });
    return { uri: placed.windowUri, text: content.text, fromLine: content.fromLine };
  }

  const loginLine = () => block.findIndex((l) => l.includes('Sending MEDIA_LOGIN_REQ ->'));

  it('serves the window around a line, and hovers an ARM byte dump inside it', async () => {
    const target = BLOCK_LINE + loginLine();
    const w = await openWindowAt(target);
    const lines = w.text.split('\n');
    assert.equal(lines[target - w.fromLine], block[loginLine()]);
    assert.ok(w.text.length <= 4 * 2 ** 20 + 1);
    const character = lines[target - w.fromLine].indexOf('0 0 25 20') + 4;
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: w.uri },
      position: { line: target - w.fromLine, character },
    })) as { contents: { value: string } } | null;
    assert.ok(hover, 'a hover');
    const text = plain(hover.contents.value);
    assert.match(text, /MEDIA_LOGIN_REQ/);
    assert.match(text, /ICMAgentID\D+6420/);
  });

  it('finds references from inside the window that reach the small samples', async () => {
    const target = BLOCK_LINE + loginLine();
    const w = await openWindowAt(target);
    const line = w.text.split('\n')[target - w.fromLine];
    const position = { line: target - w.fromLine, character: line.indexOf('0 0 25 20') + 4 };
    let files: string[] = [];
    for (let i = 0; i < 200; i++) {
      const refs = (await server.connection.sendRequest('textDocument/references', {
        textDocument: { uri: w.uri },
        position,
        context: { includeDeclaration: true },
      })) as Array<{ uri: string; range: { start: { line: number } } }>;
      files = [...new Set(refs.map((r) => path.basename(parseWindowUri(r.uri)?.fileUri ?? r.uri)))].sort();
      if (files.includes('ctisvr_190819.txt') && files.includes('eg_log_ECEAPP02_Listener.log')) {
        // The large file's lines come back in the open window, at their place in the file.
        const inWindow = refs.filter((r) => r.uri === w.uri).map((r) => r.range.start.line + w.fromLine);
        assert.ok(inWindow.includes(target), `${inWindow.join(', ')} includes ${target}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const f of ['ctisvr_190819.txt', 'opc_190819.txt', 'pg1a-agent-checks.txt', 'eg_log_ECEAPP02_Listener.log'])
      assert.ok(files.includes(f), `references in ${f}: ${files.join(', ')}`);
  });

  it('publishes the problems of the flows and clocks at their lines in the window, not only those of its text', async () => {
    const target = BLOCK_LINE + loginLine();
    const w = await openWindowAt(target);
    type Published = { uri: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> };
    let last: Published | undefined;
    for (let i = 0; i < 240; i++) {
      const all = server.notifications
        .filter((n) => n.method === 'textDocument/publishDiagnostics')
        .map((n) => n.params as Published)
        .filter((p) => p.uri === w.uri);
      last = all[all.length - 1];
      if (last?.diagnostics.some((d) => !d.code.startsWith('ece-'))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const codes = (last?.diagnostics ?? []).map((d) => `${d.code}@${d.range.start.line + w.fromLine}`);
    // The clocks disagree on records of the copied sample (answers logged before their requests, an hour
    // apart from the other files): marked on their lines of the window, which are the file's lines less its first.
    const clocks = (last?.diagnostics ?? []).filter((d) => d.code === 'clock-disagrees');
    assert.ok(clocks.length > 0, `clock problems in the window: ${codes.join(', ')}`);
    const lines = w.text.split('\n');
    for (const d of clocks) {
      const fileLine = d.range.start.line + w.fromLine;
      assert.ok(fileLine >= BLOCK_LINE && fileLine < BLOCK_LINE + block.length, `${fileLine} is in the copied sample`);
      assert.equal(lines[d.range.start.line], block[fileLine - BLOCK_LINE]);
      assert.match(lines[d.range.start.line], /arm-request-executor/);
    }
  });

  it('serves a gzip log in windows of its text, by line and by time, with hovers inside', async () => {
    // Outside the workspace, so the index does not read a second copy of the large file.
    const gzDir = tempDir('gzip');
    try {
      const gz = path.join(gzDir, 'eg_log_ECEAPP03_Listener.log.gz');
      fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(big), { level: 1 }));
      const uri = pathToFileURL(gz).href;
      const target = BLOCK_LINE + loginLine();
      const placed = (await server.connection.sendRequest(LargeFileLocateRequest.method, {
        uri,
        line: target,
      })) as LargeFileLocateRequest.Result;
      assert.equal(placed.error, undefined);
      assert.equal(placed.languageId, 'cisco-ece', 'detected by the name without .gz and the text');
      assert.match(placed.why, /gzip log .*VS Code shows it as binary/);
      assert.equal(placed.fromLine + placed.targetLine, target);
      const content = (await server.connection.sendRequest(LargeFileContentRequest.method, {
        uri: placed.windowUri,
      })) as LargeFileContentRequest.Result;
      const lines = content.text.split('\n');
      assert.equal(lines[placed.targetLine], block[loginLine()]);
      await server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: placed.windowUri, languageId: 'cisco-ece', version: 1, text: content.text },
      });
      const hover = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: placed.windowUri },
        position: { line: placed.targetLine, character: lines[placed.targetLine].indexOf('0 0 25 20') + 4 },
      })) as { contents: { value: string } } | null;
      assert.match(plain(hover?.contents.value ?? ''), /ICMAgentID\D+6420/);
      const atTime = (await server.connection.sendRequest(LargeFileLocateRequest.method, {
        uri,
        time: '2019-08-19 12:30:07.5',
      })) as LargeFileLocateRequest.Result;
      assert.equal(atTime.error, undefined);
      assert.equal(atTime.fromLine + atTime.targetLine, BLOCK_LINE);
      assert.match(atTime.why, /MB of text\)/, 'the whole text inflated: its size');
      // Damaged data after the gzip magic: a clear message, no window.
      const bad = path.join(gzDir, 'broken.log.gz');
      fs.writeFileSync(bad, Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 0x55)]));
      const broken = (await server.connection.sendRequest(LargeFileLocateRequest.method, {
        uri: pathToFileURL(bad).href,
        line: 0,
      })) as LargeFileLocateRequest.Result;
      assert.match(broken.error ?? '', /cannot decompress broken\.log\.gz/);
    } finally {
      fs.rmSync(gzDir, { recursive: true, force: true });
    }
  });

  it('goes to definition from a small sample into the large file, on the right line of the file', async () => {
    const ctisvr = path.join(dir, 'icm', 'ctisvr_190819.txt');
    const text = fs.readFileSync(ctisvr, 'utf8');
    const uri = pathToFileURL(ctisvr).href;
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'cisco-icm-trace', version: 1, text },
    });
    const lines = text.split(/\r?\n/);
    const l = lines.findIndex((x) => x.includes('SendARMMsg -- InvokeID = 80230'));
    const position = { line: l, character: lines[l].indexOf('ICMAgentID = 6420') + 'ICMAgentID = '.length + 1 };
    type Loc = { uri: string; range: { start: { line: number } } };
    let def = null as Loc | null;
    for (let i = 0; i < 200 && !def?.uri.startsWith('cclogs-window:'); i++) {
      def = (await server.connection.sendRequest('textDocument/definition', {
        textDocument: { uri },
        position,
      })) as Loc | null;
      if (!def?.uri.startsWith('cclogs-window:')) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(def, 'a definition');
    const w = parseWindowUri(def.uri);
    assert.ok(w, `a window of the large file: ${def.uri}`);
    assert.equal(path.basename(w.fileUri), 'eg_log_ECEAPP02_Listener.log');
    assert.equal(w.fromLine + def.range.start.line, BLOCK_LINE + loginLine());
  });
});
