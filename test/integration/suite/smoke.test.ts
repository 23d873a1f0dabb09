// The extension loads in a real VS Code and claims the UCCX engine log of the samples bundle.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../helpers/waitFor';

const EXTENSION_ID = 'cc-log-tools.cisco-cc-logs';

suite('Extension smoke', () => {
  test(`${EXTENSION_ID} is present and activates`, async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(
      extension,
      `extension ${EXTENSION_ID} is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).join(', ')}`,
    );
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('samples/uccx/Cisco001MIVR045.log opens as cisco-uccx-engine', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests run with the samples folder open');
    const uri = vscode.Uri.joinPath(folder.uri, 'uccx', 'Cisco001MIVR045.log');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // A language change replaces the document object: always look the document up again.
    const current = () => vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    await waitFor(() => current()?.languageId === 'cisco-uccx-engine', {
      description: 'the language of Cisco001MIVR045.log to be cisco-uccx-engine',
      timeoutMs: 20_000,
      lastSeen: () => String(current()?.languageId),
    });
  });
});
