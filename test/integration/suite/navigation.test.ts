// Cross-file navigation in a real VS Code: references and definitions follow one chat and one agent
// through the sample bundle, whichever file holds the other lines.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openSample } from '../helpers/docs';
import { waitFor } from '../helpers/waitFor';

function position(doc: vscode.TextDocument, lineNeedle: string, tokenNeedle: string, within = 2): vscode.Position {
  const lines = doc.getText().split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `a line containing ${lineNeedle}`);
  for (let l = line; l <= line + within && l < lines.length; l++) {
    const c = lines[l].indexOf(tokenNeedle);
    if (c >= 0) return new vscode.Position(l, c + 1);
  }
  throw new Error(`${tokenNeedle} near ${lineNeedle}`);
}

const fileOf = (loc: vscode.Location) => path.basename(loc.uri.fsPath);

async function referencesUntil(
  doc: vscode.TextDocument,
  pos: vscode.Position,
  files: string[],
): Promise<vscode.Location[]> {
  let seen: string[] = [];
  return waitFor(
    async () => {
      const locations =
        (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, pos)) ??
        [];
      seen = [...new Set(locations.map(fileOf))].sort();
      return files.every((f) => seen.includes(f)) ? locations : undefined;
    },
    {
      description: `references in ${files.join(', ')}`,
      timeoutMs: 60_000,
      intervalMs: 250,
      lastSeen: () => seen.join(', '),
    },
  );
}

suite('Related lines across files', () => {
  test('references from the contact id in MIVR reach the browser, SocialMiner, MADM and MIVR', async () => {
    const doc = await openSample('cisco-uccx-engine', 'uccx', 'Cisco001MIVR045.log');
    const pos = position(
      doc,
      'ALLOCATED Contact [4B1E93C7100001650D5B1A000A301647]',
      '4B1E93C7100001650D5B1A000A301647',
    );
    const locations = await referencesUntil(doc, pos, [
      'console-export-2018-8-6_9-34-10.log',
      'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
      'CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
      'Cisco001MADM012.log',
      'Cisco001MIVR045.log',
    ]);
    // Nothing of the other chats of the bundle.
    const texts = await Promise.all(
      locations.map(async (l) => (await vscode.workspace.openTextDocument(l.uri)).lineAt(l.range.start.line).text),
    );
    assert.ok(!texts.some((t) => t.includes('E27A05D1100001650D5B1A000A301647')), 'another contact is not related');
  });

  test('references from ICMAgentID 6420 in the ECE listener reach ctisvr, opc and rttest', async () => {
    const doc = await openSample('cisco-ece', 'ece', 'eg_log_ECEAPP01_Listener.log');
    // MEDIA_LOGIN_REQ's ICMAgentID is the bytes 0 0 25 20 (6420) of its dump.
    const pos = position(doc, 'Sending MEDIA_LOGIN_REQ ->', '0 0 25 20', 1);
    await referencesUntil(doc, new vscode.Position(pos.line, pos.character + 4), [
      'ctisvr_190819.txt',
      'opc_190819.txt',
      'pg1a-agent-checks.txt',
    ]);
  });

  test('references from the ECE user id (UID:1005) of the application server reach the whole agent trail', async () => {
    const doc = await openSample('cisco-ece', 'ece', 'eg_log_ECEAPP01_ApplicationServer.log');
    const pos = position(doc, 'User 1005 logged in', '1005', 1);
    await referencesUntil(doc, pos, [
      'eg_log_ECEAPP01_ApplicationServer.log',
      'eg_log_ECEAPP01_Listener.log',
      'ctisvr_190819.txt',
      'opc_190819.txt',
      'pg1a-agent-checks.txt',
    ]);
  });

  test('definition of the InvokeID of a response lands on its request', async () => {
    const doc = await openSample('cisco-icm-trace', 'icm', 'ctisvr_190819.txt');
    const pos = position(doc, 'ProcessARMMediaLoginRespMsg', '80230');
    const target = await waitFor(
      async () => {
        const defs =
          (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
            'vscode.executeDefinitionProvider',
            doc.uri,
            pos,
          )) ?? [];
        const d = defs[0];
        if (!d) return undefined;
        const uri = 'targetUri' in d ? d.targetUri : d.uri;
        const range = 'targetUri' in d ? d.targetRange : d.range;
        return { uri, line: range.start.line };
      },
      { description: 'a definition for InvokeID 80230', timeoutMs: 60_000, intervalMs: 250 },
    );
    const text = (await vscode.workspace.openTextDocument(target.uri)).lineAt(target.line).text;
    assert.ok(/SendARMMsg|MEDIA_LOGIN_REQ/.test(text), `the request line, got: ${text}`);
    assert.ok(!/Resp/.test(text), `not the response: ${text}`);
  });
});
