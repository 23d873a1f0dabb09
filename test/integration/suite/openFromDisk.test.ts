// A saved log of 4 MB or more in a real VS Code: the extension sends the server where it is instead of its text
// (protocol/openFromDisk.ts), and every feature works on it as on a small one, edits included. The 38 MB log is
// made from the samples by the test (never committed).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hoverText, sampleUri } from '../helpers/docs';
import { BLOCK_LINE, writeLargeListenerLog } from '../helpers/largeLog';
import { waitFor } from '../helpers/waitFor';

const LOG = ['opened-from-disk', 'eg_log_ECEAPP03_Listener.log'];

suite('Large saved logs opened from disk', () => {
  let loginLine = 0;
  let loginText = '';

  suiteSetup(() => {
    // No minimum size: the health-monitor lines before the copied sample make it about 38 MB.
    const { lines } = writeLargeListenerLog(sampleUri().fsPath, sampleUri(...LOG).fsPath, 0);
    const i = lines.findIndex((l) => l.includes('Sending MEDIA_LOGIN_REQ ->'));
    loginLine = BLOCK_LINE + i;
    loginText = lines[i]!;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.dirname(sampleUri(...LOG).fsPath), { recursive: true, force: true });
  });

  test('hovers decode an ARM dump in it, before and after an edit, and its text was never sent', async () => {
    const uri = sampleUri(...LOG);
    const size = fs.statSync(uri.fsPath).size;
    assert.ok(size > 20 * 1024 * 1024 && size < 50 * 1024 * 1024, `${size} bytes: VS Code hands it over`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'cisco-ece');
    const character = loginText.indexOf('->') + 4;
    const hover = await hoverText(doc, loginLine, character, /MEDIA_LOGIN_REQ/);
    assert.match(hover, /ICMAgentID‡? \| INT \| 8 \/ 16 \| 6420/);
    assert.equal(
      await vscode.commands.executeCommand('ccLogs.openFromDisk.testOutcome', uri.toString()),
      'fromDisk',
      'the server read the text from disk',
    );

    // An edit reaches the server as a change of the text it read: the dump is one line further down.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), 'a line typed at the top\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const moved = await hoverText(doc, loginLine + 1, character, /MEDIA_LOGIN_REQ/);
    assert.match(moved, /ICMAgentID‡? \| INT \| 8 \/ 16 \| 6420/);
    await waitFor(
      async () => {
        const nothing = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          new vscode.Position(loginLine, character),
        );
        return !nothing?.some((h) =>
          h.contents.some((c) => /MEDIA_LOGIN_REQ/.test(typeof c === 'string' ? c : c.value)),
        )
          ? true
          : undefined;
      },
      { description: 'the old line to hold no dump any more', timeoutMs: 10_000 },
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
