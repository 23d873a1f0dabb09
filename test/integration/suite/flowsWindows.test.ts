// Problems inside a window onto a log over 50 MB, in a real VS Code: the window (a `cclogs-window:` document of
// some of the file's lines) gets the problems of its lines, each on the window line that holds it, its message
// naming the file's line (the Problems panel shows the window's); a problem of a small file whose related line is
// in the large file points into a window around that line, its message naming the file's line. The 60 MB log
// is made from the samples by the test (never committed): the sample ECE listener log, whose line 78 is an ERROR
// record, copied at line BLOCK_LINE of health-monitor lines.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sampleUri } from '../helpers/docs';
import { BLOCK_LINE, writeLargeListenerLog } from '../helpers/largeLog';
import { waitFor } from '../helpers/waitFor';

const BIG = ['large-problems', 'eg_log_ECEAPP03_Listener.log'];
const WINDOW_SCHEME = 'cclogs-window';
/** The ERROR record of the sample listener log (zero-based line), and so of the copy in the large log. */
const ERROR_LINE = BLOCK_LINE + 78;

suite('Problems in windows onto logs over 50 MB', () => {
  /** The lines of the sample copied into the large file: `block[i]` is file line BLOCK_LINE + i. */
  let block: string[] = [];
  suiteSetup(() => {
    block = writeLargeListenerLog(sampleUri().fsPath, sampleUri(...BIG).fsPath).lines;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(sampleUri(...BIG).fsPath), { recursive: true, force: true });
  });

  test("a window's problems are on the window lines that hold them, not on the file's line numbers", async () => {
    const uri = sampleUri(...BIG);
    await vscode.commands.executeCommand('ccLogs.largeFile.open', uri);
    await vscode.commands.executeCommand('ccLogs.largeFile.goToLine', ERROR_LINE);
    const editor = await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        if (!e || e.document.uri.scheme !== WINDOW_SCHEME) return undefined;
        const from = Number(e.document.uri.query.replace(/^from=/, ''));
        return ERROR_LINE >= from && ERROR_LINE < from + e.document.lineCount ? e : undefined;
      },
      {
        description: 'a window holding the ERROR record',
        timeoutMs: 60_000,
        lastSeen: () => String(vscode.window.activeTextEditor?.document.uri.toString()),
      },
    );
    const doc = editor.document;
    const from = Number(doc.uri.query.replace(/^from=/, ''));
    let seen = '';
    const errors = await waitFor(
      () => {
        const ds = vscode.languages.getDiagnostics(doc.uri);
        seen = ds.map((d) => `${d.range.start.line}:${String(d.code)}`).join(', ');
        const found = ds.filter((d) => d.code === 'ece-error-record');
        return found.length > 0 ? found : undefined;
      },
      { description: 'the ERROR record as a problem of the window', timeoutMs: 90_000, lastSeen: () => seen },
    );
    assert.ok(
      errors.some((d) => d.range.start.line === ERROR_LINE - from),
      `at window line ${ERROR_LINE - from} (file line ${ERROR_LINE + 1}); got ${seen}`,
    );
    for (const d of errors) {
      assert.equal(d.source, 'cc-logs');
      assert.match(doc.lineAt(d.range.start.line).text, /<@> ERROR <@>/, 'each on the line of its record');
      assert.ok(
        d.message.endsWith(`(file line ${from + d.range.start.line + 1})`),
        `the message names the file's line ${from + d.range.start.line + 1}: ${d.message}`,
      );
    }
  });

  test("a small file's related lines in the large file open a window there and name the file's line", async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The sample the large file copies: its flows and clocks are compared with the copy, one hour earlier.
    const small = await vscode.workspace.openTextDocument(sampleUri('ece', 'eg_log_ECEAPP01_Listener.log'));
    await vscode.window.showTextDocument(small);
    let seen = '';
    const related = await waitFor(
      () => {
        const all = vscode.languages.getDiagnostics(small.uri).flatMap((d) => d.relatedInformation ?? []);
        seen = all.map((r) => `${r.location.uri.toString()}:${r.location.range.start.line} ${r.message}`).join(' | ');
        const inBig = all.filter((r) => r.location.uri.path.endsWith(BIG[1]));
        return inBig.length > 0 ? inBig : undefined;
      },
      { description: 'related lines in the large file', timeoutMs: 90_000, lastSeen: () => seen.slice(0, 2000) },
    );
    for (const r of related) {
      assert.equal(r.location.uri.scheme, WINDOW_SCHEME, `a window, not the file itself: ${r.location.uri.toString()}`);
      const from = Number(r.location.uri.query.replace(/^from=/, ''));
      const fileLine = from + r.location.range.start.line;
      assert.ok(
        r.message.endsWith(`(file line ${fileLine + 1})`),
        `names the file's line ${fileLine + 1}: ${r.message}`,
      );
    }
    // Following the link (as a click in the Problems panel does) opens the window on the file's line.
    const target = related[0].location;
    const editor = await vscode.window.showTextDocument(target.uri, { selection: target.range });
    const fileLine = Number(target.uri.query.replace(/^from=/, '')) + target.range.start.line;
    const text = await waitFor(
      () => {
        const t = editor.document.lineAt(Math.min(target.range.start.line, editor.document.lineCount - 1)).text;
        return t.length > 0 ? t : undefined;
      },
      { description: 'the window text', timeoutMs: 60_000 },
    );
    assert.equal(
      text,
      block[fileLine - BLOCK_LINE],
      `window line ${target.range.start.line} is file line ${fileLine + 1}`,
    );
    assert.equal(editor.selection.active.line, target.range.start.line);
  });
});
