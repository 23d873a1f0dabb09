/**
 * The "Chats and agents" view: every chat and agent the server found in the logs, with the status
 * of its flow (complete, broken, in progress), its steps as children, a filter for the broken ones
 * and their count in the badge. Selecting one opens its timeline (`ccLogs.showTimeline` with
 * `{ id }`). Everything shown comes from the server (`ccLogs/flows`); text from logs is shown as
 * plain text, never as trusted Markdown.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FlowsChangedNotification, FlowsRequest, type FlowStepStatus, type FlowSubject } from '../../protocol/flows';

export const FLOWS_VIEW = 'ccLogs.flows';
export const FLOWS_EXPLORER_VIEW = 'ccLogs.flowsExplorer';
const BROKEN_ONLY_CONTEXT = 'ccLogs.flows.brokenOnly';

type Node =
  | { type: 'group'; kind: FlowSubject['kind']; subjects: FlowSubject[] }
  | { type: 'subject'; subject: FlowSubject }
  | { type: 'step'; subject: FlowSubject; step: FlowStepStatus }
  | { type: 'note'; text: string };

function outcomeIcon(outcome: FlowSubject['outcome']): vscode.ThemeIcon {
  if (outcome === 'complete') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  if (outcome === 'broken') return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  return new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('testing.iconQueued'));
}

function stepIcon(state: FlowStepStatus['state']): vscode.ThemeIcon {
  switch (state) {
    case 'seen':
      return new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'missing':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('testing.iconFailed'));
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

const GROUP_TITLES: Record<FlowSubject['kind'], string> = { chat: 'Chats', agent: 'Agents', call: 'Calls' };
const GROUP_ICONS: Record<FlowSubject['kind'], string> = {
  chat: 'comment-discussion',
  agent: 'person',
  call: 'call-incoming',
};

function time(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z') : '';
}

/** Plain text into Markdown: every character that means something there is escaped. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

export function describeSubject(s: FlowSubject): string {
  const d = s.details;
  const parts =
    s.kind === 'chat'
      ? [d.customer, d.widget ?? (d.widgetId ? `widget ${d.widgetId}` : undefined), time(s.start), d.agent, s.outcome]
      : s.kind === 'call'
        ? [
            d.gcid && !s.id.startsWith('call:gcid:') ? `GlobalCallID ${d.gcid}` : undefined,
            d.routerCallKey && !s.id.startsWith('call:rck:') ? `router call key ${d.routerCallKey}` : undefined,
            d.dialog ? `dialog ${d.dialog}` : undefined,
            time(s.start),
            d.agent ? `agent ${d.agent}` : undefined,
            s.outcome,
          ]
        : [
            d.eceUser ? `ECE user ${d.eceUser}` : undefined,
            d.peripheralNumber ? `periph# ${d.peripheralNumber}` : undefined,
            loginState(s),
            d.chatDomainState ? `chat domain [${d.chatDomainState}]` : undefined,
            s.outcome,
          ];
  return parts.filter((p): p is string => !!p).join(' · ');
}

function loginState(s: FlowSubject): string | undefined {
  const steps = s.flows[0]?.steps ?? [];
  const seen = (id: string) => steps.some((st) => st.stepId === id && st.state === 'seen');
  if (seen('opc-not-active')) return 'logged in, ready';
  if (seen('login-response') || seen('logged-in-not-ready')) return 'logged in, not ready';
  return undefined;
}

export class FlowsProvider implements vscode.TreeDataProvider<Node> {
  private subjects: FlowSubject[] = [];
  private indexing = false;
  private loaded = false;
  brokenOnly = false;
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly views: vscode.TreeView<Node>[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {}

  attach(view: vscode.TreeView<Node>): void {
    this.views.push(view);
    this.updateBadge();
  }

  async refresh(): Promise<void> {
    const c = this.client();
    if (!c || !c.isRunning()) return;
    try {
      const r = await c.sendRequest(FlowsRequest.type, {});
      this.subjects = r.subjects;
      this.indexing = r.indexing;
      this.loaded = true;
    } catch {
      return;
    }
    this.updateBadge();
    this.emitter.fire(undefined);
  }

  listen(c: LanguageClient): vscode.Disposable {
    return c.onNotification(FlowsChangedNotification.type, () => void this.refresh());
  }

  setBrokenOnly(on: boolean): void {
    this.brokenOnly = on;
    void vscode.commands.executeCommand('setContext', BROKEN_ONLY_CONTEXT, on);
    this.emitter.fire(undefined);
  }

  /** What the view lists now (for tests): chats and agents with their outcome. */
  listed(): FlowSubject[] {
    return this.subjects.filter((s) => !this.brokenOnly || s.outcome === 'broken');
  }

  private updateBadge(): void {
    const broken = this.subjects.filter((s) => s.outcome === 'broken').length;
    for (const v of this.views) {
      v.badge = broken > 0 ? { value: broken, tooltip: `${broken} broken chat(s), agent(s) or call(s)` } : undefined;
      v.message = !this.loaded
        ? 'Reading the logs…'
        : this.subjects.length === 0
          ? this.indexing
            ? 'Reading the logs…'
            : 'No chats, agents or calls found in the indexed logs.'
          : undefined;
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const shown = this.listed();
      const groups: Node[] = [];
      for (const kind of ['chat', 'agent', 'call'] as const) {
        const subjects = shown.filter((s) => s.kind === kind);
        if (subjects.length > 0) groups.push({ type: 'group', kind, subjects });
      }
      if (this.brokenOnly && groups.length === 0 && this.subjects.length > 0)
        groups.push({ type: 'note', text: 'No broken chat, agent or call.' });
      return groups;
    }
    if (node.type === 'group') return node.subjects.map((subject) => ({ type: 'subject', subject }));
    if (node.type === 'subject')
      return (node.subject.flows[0]?.steps ?? []).map((step) => ({ type: 'step', subject: node.subject, step }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'note') return new vscode.TreeItem(node.text);
    if (node.type === 'group') {
      const broken = node.subjects.filter((s) => s.outcome === 'broken').length;
      const item = new vscode.TreeItem(
        `${GROUP_TITLES[node.kind]} (${node.subjects.length})`,
        vscode.TreeItemCollapsibleState.Expanded,
      );
      item.description = broken > 0 ? `${broken} broken` : '';
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.kind]);
      item.id = `group:${node.kind}`;
      return item;
    }
    if (node.type === 'subject') {
      const s = node.subject;
      const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `subject:${s.id}`;
      item.description = describeSubject(s);
      item.iconPath = outcomeIcon(s.outcome);
      item.contextValue = `ccLogs.${s.kind}.${s.outcome}`;
      item.tooltip = this.tooltip(s);
      item.command = { title: 'Open timeline', command: 'ccLogs.flows.open', arguments: [{ id: s.id }] };
      return item;
    }
    const st = node.step;
    const item = new vscode.TreeItem(`${st.number}. ${st.title}`);
    item.id = `step:${node.subject.id}:${st.stepId}`;
    item.iconPath = stepIcon(st.state);
    item.description = [st.state, st.where, time(st.instant), st.outOfOrder ? 'out of order' : '']
      .filter(Boolean)
      .join(' · ');
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${md(st.title)}** (${md(st.where)}): ${md(st.state)}`);
    if (st.meaning) tip.appendMarkdown(`\n\n${md(st.meaning)}`);
    if (st.hint) tip.appendMarkdown(`\n\n${md(st.hint)}`);
    item.tooltip = tip;
    const first = st.lines[0];
    if (first)
      item.command = {
        title: 'Reveal line',
        command: 'ccLogs.revealLine',
        arguments: [{ uri: first.uri, line: first.line }],
      };
    return item;
  }

  private tooltip(s: FlowSubject): vscode.MarkdownString {
    const tip = new vscode.MarkdownString();
    const f = s.flows[0];
    tip.appendMarkdown(`**${md(s.label)}**: ${md(f?.title ?? '')}, ${md(s.outcome)}\n\n`);
    tip.appendMarkdown(`${md(describeSubject(s))}\n\n`);
    if (f?.firstBroken) {
      const b = f.firstBroken;
      tip.appendMarkdown(
        `**First broken step: ${b.number}. ${md(b.title)}** (${md(b.state)})${b.meaning ? `: ${md(b.meaning)}` : ''}\n\n`,
      );
      tip.appendMarkdown(`${md(b.hint)}\n\n`);
    }
    for (const t of f?.timings ?? []) tip.appendMarkdown(`- ${md(t.label)}: ${md(String(t.ms))} ms\n`);
    tip.appendMarkdown(`\nNames: ${md(s.names.join(', '))}`);
    return tip;
  }
}

/** Registers the view (own container and Explorer), its commands and its refreshes. */
export function registerFlowsView(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
): FlowsProvider {
  const provider = new FlowsProvider(client);
  for (const id of [FLOWS_VIEW, FLOWS_EXPLORER_VIEW]) {
    const view = vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true });
    provider.attach(view);
    context.subscriptions.push(
      view,
      view.onDidChangeVisibility((e) => {
        if (e.visible) void provider.refresh();
      }),
    );
  }
  void vscode.commands.executeCommand('setContext', BROKEN_ONLY_CONTEXT, false);
  context.subscriptions.push(
    vscode.commands.registerCommand('ccLogs.flows.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('ccLogs.flows.showBrokenOnly', () => provider.setBrokenOnly(true)),
    vscode.commands.registerCommand('ccLogs.flows.showAll', () => provider.setBrokenOnly(false)),
    vscode.commands.registerCommand('ccLogs.flows.listed', () => provider.listed()),
    vscode.commands.registerCommand('ccLogs.flows.open', async (arg: unknown) => {
      const a = Array.isArray(arg) ? arg[0] : arg;
      if (typeof a !== 'object' || a === null || typeof (a as { id?: unknown }).id !== 'string') return;
      const id = (a as { id: string }).id;
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes('ccLogs.showTimeline')) {
        await vscode.commands.executeCommand('ccLogs.showTimeline', { id });
        return;
      }
      // Without the timeline, reveal the line where the chat or agent stopped.
      const s = provider.listed().find((x) => x.id === id);
      const line = s?.flows[0]?.lastLine;
      if (line) await vscode.commands.executeCommand('ccLogs.revealLine', { uri: line.uri, line: line.line });
    }),
  );
  return provider;
}
