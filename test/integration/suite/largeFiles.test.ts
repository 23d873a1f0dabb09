// A log over 50 MB in a real VS Code: VS Code hands it to no extension, so it is read in windows served by the
// server. The 60 MB log is made from the samples by the test (never committed) in the workspace folder, so the
// index reads it like any log of the bundle.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as vscode from 'vscode';
import { hoverText, openSample, plain, sampleUri } from '../helpers/docs';
import { BLOCK_LINE, writeLargeListenerLog } from '../helpers/largeLog';
import { waitFor } from '../helpers/waitFor';

const BIG = ['large', 'eg_log_ECEAPP02_Listener.log'];
const WINDOW_SCHEME = 'cclogs-window';

/** The window's first line in the file, from its URI (`cclogs-window:/path?120000`). */
function fromLineOf(uri: vscode.Uri): number {
  assert.equal(uri.scheme, WINDOW_SCHEME, `a window: ${uri.toString()}`);
  return Number(uri.query.replace(/^from=/, ''));
}

suite('Logs over 50 MB, in windows', () => {
  let block: string[] = [];
  let loginLine = 0;

  suiteSetup(() => {
    const folder = sampleUri();
    ({ lines: block } = writeLargeListenerLog(folder.fsPath, sampleUri(...BIG).fsPath));
    loginLine = BLOCK_LINE + block.findIndex((l) => l.includes('Sending MEDIA_LOGIN_REQ ->'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(sampleUri(...BIG).fsPath), { recursive: true, force: true });
  });

  /** The active editor once it shows a window of the large file. */
  async function activeWindow(
    description: string,
    test?: (e: vscode.TextEditor) => boolean,
  ): Promise<vscode.TextEditor> {
    return waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.scheme === WINDOW_SCHEME && (!test || test(e)) ? e : undefined;
      },
      {
        description,
        timeoutMs: 60_000,
        lastSeen: () => String(vscode.window.activeTextEditor?.document.uri.toString()),
      },
    );
  }

  test('the too-large file opens in the windowed view, in its log language, and moves to a line of the file', async () => {
    const uri = sampleUri(...BIG);
    assert.ok(fs.statSync(uri.fsPath).size > 50 * 1024 * 1024, 'the log is over 50 MB');
    // As a user opens it: VS Code gives the extension no document for it, only the tab.
    await vscode.commands.executeCommand('vscode.open', uri);
    await vscode.commands.executeCommand('ccLogs.largeFile.open');
    const first = await activeWindow('the windowed view of the large log');
    assert.equal(fromLineOf(first.document.uri), 0);
    assert.equal(path.basename(first.document.uri.path), BIG[1]);
    await waitFor(() => first.document.languageId === 'cisco-ece', {
      description: 'the window to be in the ECE language',
      lastSeen: () => first.document.languageId,
    });
    assert.ok(first.document.getText().length <= 4 * 1024 * 1024, 'a window of at most 4 MB');

    await vscode.commands.executeCommand('ccLogs.largeFile.goToLine', loginLine);
    const w = await activeWindow(`a window holding line ${loginLine + 1}`, (e) => fromLineOf(e.document.uri) > 0);
    const from = fromLineOf(w.document.uri);
    assert.equal(from + w.selection.active.line, loginLine, 'the cursor on the line of the file asked for');
    assert.equal(w.document.lineAt(loginLine - from).text, block[loginLine - BLOCK_LINE]);

    // The next window begins where this one ends; the previous one holds the line above this one.
    const count = w.document.lineCount;
    await vscode.commands.executeCommand('ccLogs.largeFile.next');
    const next = await activeWindow('the next window', (e) => fromLineOf(e.document.uri) === from + count);
    assert.equal(next.selection.active.line, 0);
    await vscode.commands.executeCommand('ccLogs.largeFile.previous');
    const previous = await activeWindow('the previous window', (e) => fromLineOf(e.document.uri) < from + count);
    assert.equal(fromLineOf(previous.document.uri) + previous.selection.active.line, from + count - 1);

    // Go to time: the first record at 12:31:52.098 in the file's clock (the copied sample, an hour early).
    const at = BLOCK_LINE + block.findIndex((l) => l.startsWith('2019-08-19 12:31:52.098'));
    await vscode.commands.executeCommand('ccLogs.largeFile.goToTime', '2019-08-19 12:31:52.098');
    const timed = await activeWindow(
      `the window at 12:31:52.098 (line ${at + 1})`,
      (e) => fromLineOf(e.document.uri) + e.selection.active.line === at,
    );
    assert.match(timed.document.lineAt(timed.selection.active.line).text, /^2019-08-19 12:31:52\.098/);
  });

  test('an ARM byte dump inside the window decodes, and its references reach the small samples', async () => {
    await vscode.commands.executeCommand('ccLogs.largeFile.open', sampleUri(...BIG));
    await activeWindow('the windowed view');
    await vscode.commands.executeCommand('ccLogs.largeFile.goToLine', loginLine);
    const w = await activeWindow('the window of the login', (e) => {
      const from = fromLineOf(e.document.uri);
      return from > 0 && loginLine - from < e.document.lineCount;
    });
    const doc = w.document;
    const line = loginLine - fromLineOf(doc.uri);
    const text = doc.lineAt(line).text;
    const hover = await hoverText(doc, line, text.indexOf('->') + 4, /MEDIA_LOGIN_REQ/);
    assert.match(hover, /ICMAgentID‡? \| INT \| 8 \/ 16 \| 6420/);

    const at = new vscode.Position(line, text.indexOf('0 0 25 20') + 4);
    let seen: string[] = [];
    const locations = await waitFor(
      async () => {
        const found =
          (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at)) ??
          [];
        seen = [...new Set(found.map((l) => path.basename(l.uri.path)))].sort();
        return ['ctisvr_190819.txt', 'opc_190819.txt', 'pg1a-agent-checks.txt'].every((f) => seen.includes(f))
          ? found
          : undefined;
      },
      {
        description: 'references in the small samples',
        timeoutMs: 90_000,
        intervalMs: 500,
        lastSeen: () => seen.join(', '),
      },
    );
    const here = locations.filter((l) => l.uri.toString() === doc.uri.toString()).map((l) => l.range.start.line);
    assert.ok(here.includes(line), 'the line itself, in this window');
  });

  test('definition from a small sample lands in a window of the large file, on the right line of the file', async () => {
    const doc = await openSample('cisco-icm-trace', 'icm', 'ctisvr_190819.txt');
    const lines = doc.getText().split(/\r?\n/);
    const l = lines.findIndex((x) => x.includes('SendARMMsg -- InvokeID = 80230'));
    const pos = new vscode.Position(l, lines[l].indexOf('ICMAgentID = 6420') + 'ICMAgentID = '.length + 1);
    const target = await waitFor(
      async () => {
        const defs =
          (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
            'vscode.executeDefinitionProvider',
            doc.uri,
            pos,
          )) ?? [];
        const d = defs[0];
        const uri = d && ('targetUri' in d ? d.targetUri : d.uri);
        return uri?.scheme === WINDOW_SCHEME ? d : undefined;
      },
      { description: 'a definition in the large log', timeoutMs: 90_000, intervalMs: 500 },
    );
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? target.targetRange : target.range;
    assert.equal(fromLineOf(uri) + range.start.line, loginLine);

    // The jump itself, as F12 does it: the window opens with the cursor on that line of the file.
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const w = await activeWindow('the window of the definition');
    assert.equal(fromLineOf(w.document.uri) + w.selection.active.line, loginLine);
    assert.match(plain(w.document.lineAt(w.selection.active.line).text), /Sending MEDIA_LOGIN_REQ ->/);
  });

  test('a gzip log (shown as binary by VS Code) opens in a window of its text, from a link to one of its lines', async () => {
    const sample = fs.readFileSync(sampleUri('ece', 'eg_log_ECEAPP01_Listener.log').fsPath);
    const lines = sample.toString('utf8').split(/\r?\n/);
    const login = lines.findIndex((l) => l.includes('Sending MEDIA_LOGIN_REQ ->'));
    const gz = sampleUri('large', 'eg_log_ECEAPP05_Listener.log.gz');
    fs.writeFileSync(gz.fsPath, zlib.gzipSync(sample));
    // As a hover's link, the timeline or the Chats and agents view reveal a line of it.
    await vscode.commands.executeCommand('ccLogs.revealLine', { uri: gz.toString(), line: login });
    const w = await activeWindow(
      'a window of the gzip log',
      (e) => path.basename(e.document.uri.path) === gz.path.split('/').pop(),
    );
    assert.equal(fromLineOf(w.document.uri) + w.selection.active.line, login);
    assert.equal(w.document.lineAt(w.selection.active.line).text, lines[login]);
    await waitFor(() => w.document.languageId === 'cisco-ece', {
      description: 'the gzip window to be in the ECE language',
      lastSeen: () => w.document.languageId,
    });
    const line = w.selection.active.line;
    const hover = await hoverText(w.document, line, lines[login].indexOf('->') + 4, /MEDIA_LOGIN_REQ/);
    assert.match(hover, /ICMAgentID‡? \| INT \| 8 \/ 16 \| 6420/);
  });
});
