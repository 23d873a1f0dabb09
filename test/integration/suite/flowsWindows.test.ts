// Problems inside a window onto a log over 50 MB, in a real VS Code: the window (a `cclogs-window:` document of
// some of the file's lines) gets the problems of its lines, each on the window line that holds it. The 60 MB log
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
  suiteSetup(() => {
    writeLargeListenerLog(sampleUri().fsPath, sampleUri(...BIG).fsPath);
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
    }
  });
});
