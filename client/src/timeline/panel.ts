/**
 * The timeline panel: a webview that draws what the server's `ccLogs/timeline` computed (the
 * swimlane picture and the table, in `client/media/timeline/`). Strict content security policy,
 * no remote resources, scripts only from the extension with a nonce; the page reports back which
 * row was clicked (the line is revealed here), which page to load, and what to copy.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  isTimelineError,
  isTimelineTarget,
  TimelineEntitiesRequest,
  TimelineRequest,
  type ShowTimelineArgs,
  type TimelineResult,
} from '../../../protocol/timeline';
import {
  REVEAL_LINE_COMMAND,
  SHOW_TIMELINE_AT_CURSOR_COMMAND,
  SHOW_TIMELINE_COMMAND,
} from '../../../protocol/commands';
import { LargeFileWindows } from '../largeFiles';
import { timelineHtml } from './html';

const VIEW_TYPE = 'ccLogs.timeline';

/** What the panel was given and what its page reports it shows (read by the integration tests). */
export interface TimelinePanelState {
  given?: TimelineResult;
  rendered?: { count: number; rows: string[][]; domRows: number };
  revealed: Array<{ uri: string; line: number }>;
  copied?: string;
}

export class TimelinePanel {
  private static current: TimelinePanel | undefined;
  readonly state: TimelinePanelState = { revealed: [] };
  private target: ShowTimelineArgs | undefined;
  private ready = false;
  private pending: TimelineResult | undefined;
  private renderedWaiters: Array<() => void> = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {
    panel.webview.html = this.html();
    panel.onDidDispose(() => {
      if (TimelinePanel.current === this) TimelinePanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
  }

  static get active(): TimelinePanel | undefined {
    return TimelinePanel.current;
  }

  /** Opens (or reuses) the panel on the timeline of `args`; says why when there is none. */
  static async show(
    context: vscode.ExtensionContext,
    client: () => LanguageClient | undefined,
    args: ShowTimelineArgs,
  ): Promise<TimelinePanel | undefined> {
    const c = client();
    if (!c) {
      void vscode.window.showWarningMessage('Cisco CC Logs: the log server is not running.');
      return undefined;
    }
    const answer = await c.sendRequest(TimelineRequest.type, { ...args, offset: 0 });
    if (isTimelineError(answer)) {
      void vscode.window.showInformationMessage(`Cisco CC Logs: ${answer.error}`);
      return undefined;
    }
    let p = TimelinePanel.current;
    if (!p) {
      const panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Timeline',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        {
          enableScripts: true,
          retainContextWhenHidden: true,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'timeline')],
        },
      );
      p = new TimelinePanel(panel, context, client);
      TimelinePanel.current = p;
    } else p.panel.reveal(undefined, false);
    p.target = args;
    p.give(answer);
    return p;
  }

  /** Resolves once the page has drawn what it was last given. */
  whenRendered(): Promise<void> {
    return new Promise((resolve) => this.renderedWaiters.push(resolve));
  }

  /** Clicks row `row` of the table in the page (tests). */
  clickRow(row: number): void {
    void this.panel.webview.postMessage({ type: 'clickRow', row });
  }

  private give(result: TimelineResult): void {
    this.state.given = result;
    this.state.rendered = undefined;
    this.panel.title = `Timeline: ${result.entity.label}`;
    if (this.ready) void this.panel.webview.postMessage({ type: 'timeline', result });
    else this.pending = result;
  }

  private async onMessage(m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as Record<string, unknown>;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage({ type: 'timeline', result: this.pending });
        this.pending = undefined;
        return;
      case 'rendered':
        this.state.rendered = {
          count: Number(msg.count) || 0,
          rows: Array.isArray(msg.rows) ? (msg.rows as string[][]) : [],
          domRows: Number(msg.domRows) || 0,
        };
        for (const w of this.renderedWaiters.splice(0)) w();
        return;
      case 'reveal': {
        if (typeof msg.uri !== 'string' || typeof msg.line !== 'number' || !Number.isInteger(msg.line) || msg.line < 0)
          return;
        this.state.revealed.push({ uri: msg.uri, line: msg.line });
        // A file VS Code will not open (over 50 MB, or gzip) is shown in a window onto it.
        if (await LargeFileWindows.isTooLarge(vscode.Uri.parse(msg.uri))) {
          await vscode.commands.executeCommand(REVEAL_LINE_COMMAND, { uri: msg.uri, line: msg.line });
          return;
        }
        // Beside the panel, so the timeline stays in view.
        const column =
          this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(msg.uri));
        const at = new vscode.Position(Math.min(msg.line, Math.max(0, doc.lineCount - 1)), 0);
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: true });
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
        return;
      }
      case 'copy':
        if (typeof msg.markdown !== 'string') return;
        this.state.copied = msg.markdown;
        await vscode.env.clipboard.writeText(msg.markdown);
        void vscode.window.setStatusBarMessage('Timeline copied as Markdown', 3000);
        return;
      case 'page': {
        const c = this.client();
        if (!c || !this.target || typeof msg.offset !== 'number') return;
        const answer = await c.sendRequest(TimelineRequest.type, { ...this.target, offset: Math.max(0, msg.offset) });
        if (isTimelineError(answer)) void vscode.window.showInformationMessage(`Cisco CC Logs: ${answer.error}`);
        else this.give(answer);
        return;
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media', 'timeline');
    return timelineHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline.css')).toString(),
    });
  }
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

/** Registers "Show Timeline" (context menu, code lens, palette with a quick pick) and the test hooks. */
export function registerTimeline(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const show = async (args?: unknown): Promise<TimelinePanel | undefined> => {
    if (args !== undefined && isTimelineTarget(args)) return TimelinePanel.show(context, client, args);
    const id = await pickEntity(client);
    return id ? TimelinePanel.show(context, client, { id }) : undefined;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_TIMELINE_COMMAND, show),
    vscode.commands.registerCommand(SHOW_TIMELINE_AT_CURSOR_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return show();
      const pos = editor.selection.active;
      return show({ uri: editor.document.uri.toString(), position: { line: pos.line, character: pos.character } });
    }),
    // For the integration tests: what the panel was given and shows, and a click on a row.
    vscode.commands.registerCommand('ccLogs.timeline.testState', () => TimelinePanel.active?.state),
    vscode.commands.registerCommand('ccLogs.timeline.testWhenRendered', () => TimelinePanel.active?.whenRendered()),
    vscode.commands.registerCommand('ccLogs.timeline.testClickRow', (row: unknown) => {
      if (typeof row === 'number') TimelinePanel.active?.clickRow(row);
    }),
  );
}

/**
 * The quick pick of "Show Timeline": the chats, agents and calls named on the most lines, then, as the user
 * types, those one of whose names holds the text (the server searches every key, so a call's GUID or a
 * CUCM call id finds the call even when the first list did not show it).
 */
async function pickEntity(client: () => LanguageClient | undefined): Promise<string | undefined> {
  const c = client();
  if (!c) return undefined;
  const first = await c.sendRequest(TimelineEntitiesRequest.type, { limit: 500 });
  if (first.length === 0) {
    void vscode.window.showInformationMessage(
      'Cisco CC Logs: no chat, agent or call is in the log index yet (open a folder of logs, or wait for indexing).',
    );
    return undefined;
  }
  type Item = vscode.QuickPickItem & { id: string };
  const toItems = (list: typeof first): Item[] =>
    list.map((i) => ({ label: i.label, description: i.kind, detail: i.detail, id: i.id, alwaysShow: true }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Show Timeline';
  pick.placeholder = 'A chat, an agent or a call: type any of its IDs or names';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = toItems(first);
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  pick.onDidChangeValue((value) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      const ask = ++asked;
      pick.busy = true;
      try {
        const found = value.trim()
          ? await c.sendRequest(TimelineEntitiesRequest.type, { filter: value, limit: 100 })
          : first;
        if (ask === asked) pick.items = toItems(found);
      } finally {
        if (ask === asked) pick.busy = false;
      }
    }, 150);
  });
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.id);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  if (timer) clearTimeout(timer);
  pick.dispose();
  return chosen;
}
