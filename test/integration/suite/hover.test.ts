// Hovers in a real VS Code decode what the sample lines embed.
import assert from 'node:assert/strict';
import { hoverText, openSample } from '../helpers/docs';

function lineOf(text: string, needle: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `a line containing ${needle}`);
  return i;
}

suite('Hover decoding on the samples', () => {
  test('an ARM byte dump in the ECE listener log decodes field by field', async () => {
    const doc = await openSample('cisco-ece', 'ece', 'eg_log_ECEAPP01_Listener.log');
    const line = lineOf(doc.getText(), 'Sending MEDIA_LOGIN_REQ ->');
    const character = doc.lineAt(line).text.indexOf('->') + 4;
    const text = await hoverText(doc, line, character, /MEDIA_LOGIN_REQ/);
    assert.match(text, /MessageType \| 151/);
    assert.match(text, /ICMAgentID‡? \| INT \| 8 \/ 16 \| 6420/);
    assert.match(text, /MRDID‡? \| INT \| 4 \/ 12 \| 5000/);
    assert.match(text, /107 \| .*AgentInfo.* \| 5 \| "1005"/);
    assert.match(text, /Response: MEDIA_LOGIN_RESP at \[line \d+\]\(command:ccLogs\.revealLine/);
  });

  test('the bubble chat widget configuration is summarised', async () => {
    const doc = await openSample('cisco-chat-console', 'browser', 'console-export-2018-8-6_9-34-10.log');
    const line = lineOf(doc.getText(), '"feedId"');
    const text = await hoverText(doc, line, 5, /Bubble_Care/);
    assert.match(text, /Chat_Billing/);
    assert.match(text, /\$\{agent_alias\}/);
  });

  test('a UCCX timestamp gives the instant and the zone assumption', async () => {
    const doc = await openSample('cisco-uccx-engine', 'uccx', 'Cisco001MIVR045.log');
    const line = lineOf(doc.getText(), 'ALLOCATED Contact [4B1E93C7100001650D5B1A000A301647]');
    const text = await hoverText(doc, line, 12, /UTC/);
    assert.match(text, /2018-08-06 04:02:05\.877 \+00:00/);
    assert.match(text, /time assumed IST = \+05:30/);
  });

  test('an rttest agent state token is explained', async () => {
    const doc = await openSample('cisco-icm-tools', 'icm', 'pg1a-agent-checks.txt');
    const line = lineOf(doc.getText(), '[na-0:2,RA]');
    const text = await hoverText(doc, line, doc.lineAt(line).text.indexOf('[na-0:2,RA]') + 2, /not active/);
    assert.match(text, /routable/);
    assert.match(text, /0 active tasks of a concurrent task limit of 2/);
  });

  test('a dumplog time uses the folder setting for its zone', async () => {
    const doc = await openSample('cisco-icm-trace', 'icm', 'opc_190819.txt');
    const line = lineOf(doc.getText(), 'SetAgentState: ASTID=6420');
    const text = await hoverText(doc, line, 3, /UTC/);
    assert.match(text, /ccLogs\.zonelessOffset = \+02:00/);
    assert.match(text, /2019-08-19 13:31:52\.174 \+00:00/);
  });
});
