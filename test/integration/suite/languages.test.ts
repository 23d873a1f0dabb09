// Each sample log opens with its language, by name or by content, and folds its multi-line entries.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample } from '../helpers/docs';
import { waitFor } from '../helpers/waitFor';

/** Language, path, and how many multi-line entries (or dumplog day sections) the file has to fold. */
const SAMPLES: Array<[string, string[], number]> = [
  ['cisco-uccx-engine', ['uccx', 'Cisco001MIVR045.log'], 1],
  ['cisco-uccx-admin', ['uccx', 'Cisco001MADM012.log'], 8],
  ['cisco-socialminer', ['socialminer', 'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'], 0],
  ['cisco-socialminer', ['socialminer', 'CCBU-runtime.2018-08-06T09-20-05.344.startup.log'], 4],
  ['cisco-chat-console', ['browser', 'console-export-2018-8-6_9-34-10.log'], 5],
  ['cisco-ece', ['ece', 'eg_log_ECEAPP01_Listener.log'], 8],
  ['cisco-ece', ['ece', 'eg_log_ECEAPP01_ApplicationServer.log'], 4],
  ['cisco-icm-trace', ['icm', 'ctisvr_190819.txt'], 4],
  ['cisco-icm-trace', ['icm', 'opc_190819.txt'], 1],
  // A generic name: only the content says what it is.
  ['cisco-icm-tools', ['icm', 'pg1a-agent-checks.txt'], 8],
];

suite('Languages and folding of the samples', () => {
  for (const [languageId, parts] of SAMPLES) {
    test(`${parts.join('/')} opens as ${languageId}`, async () => {
      const doc = await openSample(languageId, ...parts);
      assert.equal(doc.languageId, languageId);
    });
  }

  test('multi-line entries fold into their first line', async () => {
    const doc = await openSample('cisco-uccx-admin', 'uccx', 'Cisco001MADM012.log');
    const contactLine = doc
      .getText()
      .split(/\r?\n/)
      .findIndex((l) => l.includes('New incoming contact') && l.includes('4B1E93C7') === false && l.includes('<?xml'));
    const ranges = await waitFor(
      async () => {
        const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
          'vscode.executeFoldingRangeProvider',
          doc.uri,
        );
        return r && r.length > 0 ? r : undefined;
      },
      { description: 'folding ranges from the server' },
    );
    const xmlEntry = ranges.find((r) => r.start === contactLine);
    assert.ok(
      xmlEntry,
      `a folding range starts at the incoming-contact entry (line ${contactLine}); got ${ranges.map((r) => `${r.start}-${r.end}`).join(' ')}`,
    );
    assert.ok(xmlEntry.end - xmlEntry.start > 20, 'the contactXML body folds with it');
  });

  for (const [languageId, parts, folds] of SAMPLES) {
    test(`${parts.join('/')} folds its ${folds} multi-line entries`, async () => {
      const doc = await openSample(languageId, ...parts);
      let seen = -1;
      const ranges = await waitFor(
        async () => {
          const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
            'vscode.executeFoldingRangeProvider',
            doc.uri,
          );
          seen = r?.length ?? -1;
          return r && r.length === folds ? r : undefined;
        },
        { description: `${folds} folding ranges in ${parts.join('/')}`, lastSeen: () => String(seen) },
      );
      for (const r of ranges)
        assert.ok(r.end > r.start && r.end < doc.lineCount, `range ${r.start}-${r.end} inside the document`);
    });
  }

  test('the widget configuration colours get swatches', async () => {
    const doc = await openSample('cisco-chat-console', 'browser', 'console-export-2018-8-6_9-34-10.log');
    const colors = await waitFor(
      async () => {
        const c = await vscode.commands.executeCommand<vscode.ColorInformation[]>(
          'vscode.executeDocumentColorProvider',
          doc.uri,
        );
        return c && c.length > 0 ? c : undefined;
      },
      { description: 'document colours' },
    );
    const hexes = colors.map((c) => doc.getText(c.range).toUpperCase());
    assert.ok(
      hexes.every((h) => /^#[0-9A-F]{3,8}$/.test(h)),
      hexes.join(' '),
    );
    assert.ok(hexes.length >= 3, `swatches for the config colours: ${hexes.join(' ')}`);
  });

  test('the rttest output has an outline of commands and agents', async () => {
    const doc = await openSample('cisco-icm-tools', 'icm', 'pg1a-agent-checks.txt');
    const symbols = await waitFor(
      async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
          'vscode.executeDocumentSymbolProvider',
          doc.uri,
        );
        return s && s.length > 0 ? s : undefined;
      },
      { description: 'document symbols' },
    );
    assert.ok(
      symbols.some((s) => s.name.startsWith('rttest: agent_status /agent 6420')),
      symbols.map((s) => s.name).join(' | '),
    );
    const agent = symbols.flatMap((s) => s.children).find((c) => c.name.includes('(6420, periph# 15003)'));
    assert.ok(agent, 'the agent block is a child of its command');
  });
});
