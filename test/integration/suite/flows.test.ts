// The flows in a real VS Code: the "Chats and agents" view lists the sample chats, agents and calls with the
// status of their flow, the Problems panel gets the sample's problems with codes, and selecting a chat
// opens its timeline with the flow's steps.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openSample, sampleUri } from '../helpers/docs';
import { waitFor } from '../helpers/waitFor';

interface Listed {
  id: string;
  kind: string;
  outcome: string;
  details: Record<string, string>;
  flows: Array<{ firstBroken?: { stepId: string; number: number } }>;
}

const EXPECTED: Record<string, string> = {
  'contact:4B1E93C7100001650D5B1A000A301647': 'complete',
  'contact:E27A05D1100001650D5B1A000A301647': 'broken',
  'contact:91C4F0B8100001650D5B1A000A301647': 'in-progress',
  'agent:icm:6420': 'complete',
  'agent:icm:6433': 'broken',
  'call:uccx:184': 'complete',
  'call:uccx:187': 'broken',
  'call:guid:7C1D4F8A100000000000001C0A0A1E2B': 'complete',
  'call:guid:7C1D4F8A100000000000001C0A0A1E2C': 'broken',
};

async function listed(): Promise<Listed[]> {
  let seen = '';
  return waitFor(
    async () => {
      await vscode.commands.executeCommand('ccLogs.flows.refresh');
      const items = (await vscode.commands.executeCommand<Listed[]>('ccLogs.flows.listed')) ?? [];
      seen = items.map((s) => `${s.id}=${s.outcome}`).join(', ');
      return Object.entries(EXPECTED).every(([id, outcome]) => items.some((s) => s.id === id && s.outcome === outcome))
        ? items
        : undefined;
    },
    {
      description: 'the sample chats and agents with their flow status',
      timeoutMs: 90_000,
      intervalMs: 500,
      lastSeen: () => seen,
    },
  );
}

async function codesOf(uri: vscode.Uri, wanted: string[]): Promise<vscode.Diagnostic[]> {
  let seen = '';
  return waitFor(
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      seen = ds.map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)).join(', ');
      return wanted.every((c) => ds.some((d) => d.code === c)) ? ds : undefined;
    },
    { description: `problems ${wanted.join(', ')}`, timeoutMs: 90_000, intervalMs: 250, lastSeen: () => seen },
  );
}

suite('flows: chats and agents, problems', () => {
  test('the view lists the sample chats and agents with the status of their flow', async () => {
    const items = await listed();
    const rahul = items.find((s) => s.id === 'contact:E27A05D1100001650D5B1A000A301647')!;
    assert.equal(rahul.kind, 'chat');
    assert.equal(rahul.details.customer, 'Rahul Menon');
    assert.equal(rahul.flows[0].firstBroken?.stepId, 'rating-received');
    const agent = items.find((s) => s.id === 'agent:icm:6433')!;
    assert.equal(agent.kind, 'agent');
    assert.equal(agent.flows[0].firstBroken?.stepId, 'router-routable');
    assert.equal(agent.details.chatDomainState, 'na-0:2,RD');
    // Voice calls are the third kind: the UCCE call that ends at CVP's error label, the UCCX call with its names.
    const cvpCall = items.find((s) => s.id === 'call:guid:7C1D4F8A100000000000001C0A0A1E2C')!;
    assert.equal(cvpCall.kind, 'call');
    assert.equal(cvpCall.flows[0].firstBroken?.stepId, 'route-select');
    assert.equal(items.find((s) => s.id === 'call:uccx:184')!.details.gcid, '2238411');

    await vscode.commands.executeCommand('ccLogs.flows.showBrokenOnly');
    const broken = (await vscode.commands.executeCommand<Listed[]>('ccLogs.flows.listed')) ?? [];
    assert.ok(broken.length > 0 && broken.every((s) => s.outcome === 'broken'), 'the filter keeps the broken ones');
    assert.ok(!broken.some((s) => s.id === 'contact:4B1E93C7100001650D5B1A000A301647'));
    await vscode.commands.executeCommand('ccLogs.flows.showAll');
  });

  test('the Problems panel gets the problems of open logs, with codes, source and related lines', async () => {
    const doc = await openSample(
      'cisco-socialminer',
      'socialminer',
      'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
    );
    const ds = await codesOf(doc.uri, ['sm-rest-api-error', 'sm-rating-not-stored', 'flow-broken']);
    for (const d of ds) assert.equal(d.source, 'cc-logs');
    const rating = ds.find((d) => d.code === 'sm-rating-not-stored')!;
    assert.equal(rating.severity, vscode.DiagnosticSeverity.Error);
    assert.match(doc.lineAt(rating.range.start.line).text, /UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED/);
    const flow = ds.find((d) => d.code === 'flow-broken')!;
    assert.match(flow.message, /E27A05D1100001650D5B1A000A301647.*step 17/);
    assert.ok((flow.relatedInformation?.length ?? 0) > 3, 'the lines of the steps seen are related');

    const tools = await openSample('cisco-icm-tools', 'icm', 'pg1a-agent-checks.txt');
    const rd = (await codesOf(tools.uri, ['rttest-domain-unavailable'])).find(
      (d) => d.code === 'rttest-domain-unavailable',
    )!;
    assert.match(rd.message, /CSCvq11852/);
    assert.match(tools.lineAt(rd.range.start.line).text, /,RD\]/);

    const app = await openSample('cisco-ece', 'ece', 'eg_log_ECEAPP01_ApplicationServer.log');
    await codesOf(app.uri, ['ece-entry-point-no-agent', 'ece-entry-point-queue-full', 'ece-error-record']);
    const cti = await openSample('cisco-icm-trace', 'icm', 'ctisvr_190819.txt');
    await codesOf(cti.uri, ['cti-failure-conf']);
    assert.ok(sampleUri('icm').fsPath.length > 0);
  });

  test('selecting a chat opens its timeline with the steps of its flow', async () => {
    await listed();
    const id = 'contact:E27A05D1100001650D5B1A000A301647';
    await vscode.commands.executeCommand('ccLogs.flows.open', { id });
    let seen = '';
    const given = await waitFor(
      async () => {
        const state = await vscode.commands.executeCommand<{
          given?: {
            entity: { names: Array<{ key: string }> };
            flows?: Array<{ flowId: string; firstBrokenStepId?: string; steps: Array<{ eventIndexes: number[] }> }>;
          };
        }>('ccLogs.timeline.testState');
        seen = JSON.stringify(state?.given?.entity ?? null);
        return state?.given?.entity.names.some((n) => n.key === id) ? state.given : undefined;
      },
      { description: 'the timeline of the chat', timeoutMs: 60_000, intervalMs: 250, lastSeen: () => seen },
    );
    const flow = given.flows?.find((f) => f.flowId === 'bubble-chat');
    assert.ok(flow, 'the timeline carries the bubble chat flow');
    assert.equal(flow.firstBrokenStepId, 'rating-received');
    assert.ok(
      flow.steps.some((s) => s.eventIndexes.length > 0),
      'steps are placed on events of the page',
    );
  });
});
