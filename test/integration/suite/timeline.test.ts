// The timeline panel in a real VS Code: "Show Timeline" opens it for the sample chat and for agent 6420;
// what the panel was given and what its page drew come back through the extension's test commands, and a
// click on a row reveals the line in its file.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TimelinePanelState } from '../../../client/src/timeline/panel';
import { openSample } from '../helpers/docs';
import { waitFor } from '../helpers/waitFor';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

async function panelState(expect: (s: TimelinePanelState) => boolean, what: string): Promise<TimelinePanelState> {
  let last: TimelinePanelState | undefined;
  return waitFor(
    async () => {
      last = await vscode.commands.executeCommand<TimelinePanelState | undefined>('ccLogs.timeline.testState');
      return last && expect(last) ? last : undefined;
    },
    {
      description: what,
      timeoutMs: 60_000,
      intervalMs: 250,
      lastSeen: () => JSON.stringify(last?.rendered?.rows?.slice(0, 3) ?? last?.given?.notes ?? null),
    },
  );
}

suite('Timeline panel', () => {
  test('the sample chat: events of every file that names it, in time order, drawn as rows', async () => {
    await openSample('cisco-socialminer', 'socialminer', 'CCBU-runtime.2018-08-06T09-20-05.344.startup.log');
    await vscode.commands.executeCommand('ccLogs.showTimeline', { id: CONTACT });
    const s = await panelState(
      (x) => !!x.given && x.given.lanes.includes('UCCX MIVR') && !!x.rendered && x.rendered.count > 0,
      'the chat timeline drawn',
    );
    const given = s.given!;
    const files = new Set(given.events.map((e) => e.file));
    for (const f of [
      'console-export-2018-8-6_9-34-10.log',
      'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
      'CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
      'Cisco001MADM012.log',
      'Cisco001MIVR045.log',
    ])
      assert.ok(files.has(f), `${f} in ${[...files].join(', ')}`);
    const instants = given.events.filter((e) => e.instant).map((e) => e.instant!);
    assert.deepEqual(instants, [...instants].sort());
    // The page drew one row per event given, in the same order, UTC times by default.
    assert.equal(s.rendered!.count, given.events.length);
    assert.equal(s.rendered!.rows[0][5], `${given.events[0].file}:${given.events[0].line + 1}`);
    const created = s.rendered!.rows.find((r) => r[4].startsWith('SOCIAL_CONTACT_CREATED'));
    assert.ok(created, 'a row for SOCIAL_CONTACT_CREATED');
    assert.equal(created[0], '2018-08-06 04:02:05.497Z');
    assert.equal(created[2], 'SocialMiner runtime');
    assert.ok(s.rendered!.domRows > 0 && s.rendered!.domRows <= given.events.length);
  });

  test('agent 6420 from the context of a line: ECE, CTI server and OPC in order; a click reveals the line', async () => {
    const doc = await openSample('cisco-icm-trace', 'icm', 'ctisvr_190819.txt');
    const line = doc
      .getText()
      .split(/\r?\n/)
      .findIndex((l) => l.includes('SendARMMsg -- InvokeID = 80230'));
    const character = doc.lineAt(line).text.indexOf('6420') + 1;
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(line, character, line, character);
    await vscode.commands.executeCommand('ccLogs.showTimeline.atCursor');
    const s = await panelState(
      (x) => x.given?.entity.label === 'Agent 6420' && !!x.rendered && x.rendered.count === x.given.events.length,
      'the agent timeline drawn',
    );
    const given = s.given!;
    for (const lane of ['ECE Listener', 'CTI Server cglA', 'OPC PG1A'])
      assert.ok(given.lanes.includes(lane), `${lane} in ${given.lanes.join(', ')}`);
    const req = given.events.findIndex((e) => e.summary.startsWith('Sending MEDIA_LOGIN_REQ'));
    const cti = given.events.findIndex((e) => e.summary.startsWith('SendARMMsg') && e.pair?.invokeId === '80230');
    assert.ok(req >= 0 && cti > req, `listener request (${req}) before the CTI server's (${cti})`);
    assert.ok(given.clockFindings.some((c) => c.host === 'cglA'));

    const row = s.rendered!.rows.findIndex((r) => r[5].startsWith('opc_190819.txt:'));
    assert.ok(row >= 0);
    const [file, lineText] = s.rendered!.rows[row][5].split(':');
    await vscode.commands.executeCommand('ccLogs.timeline.testClickRow', row);
    const revealed = await waitFor(
      () => {
        const e = vscode.window.visibleTextEditors.find((x) => path.basename(x.document.uri.fsPath) === file);
        return e && e.selection.active.line === Number(lineText) - 1 ? e : undefined;
      },
      { description: `${file}:${lineText} revealed`, timeoutMs: 30_000 },
    );
    assert.equal(revealed.selection.active.line, Number(lineText) - 1);
  });

  test('the code lens of an ID offers its timeline', async () => {
    const doc = await openSample('cisco-icm-trace', 'icm', 'opc_190819.txt');
    const lens = await waitFor(
      async () => {
        const lenses =
          (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ??
          [];
        return lenses.find((l) => l.command?.command === 'ccLogs.showTimeline');
      },
      { description: 'a Timeline code lens', timeoutMs: 30_000, intervalMs: 250 },
    );
    assert.equal(lens.command!.title, 'Timeline');
    const args = lens.command!.arguments?.[0] as { id: string };
    assert.match(args.id, /^[a-zA-Z]+:/);
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await panelState((x) => x.given?.entity.names.some((n) => n.key === args.id) === true, 'the panel of the lens');
  });

  test('an unknown ID opens no panel and answers with a message through executeCommand', async () => {
    const client = await vscode.commands.executeCommand<TimelinePanelState | undefined>('ccLogs.timeline.testState');
    assert.ok(client); // the panel of the previous tests
    const before = client.given?.entity.label;
    await vscode.commands.executeCommand('ccLogs.showTimeline', { id: 'NOSUCHID12345' });
    const after = await vscode.commands.executeCommand<TimelinePanelState>('ccLogs.timeline.testState');
    assert.equal(after.given?.entity.label, before);
  });
});
