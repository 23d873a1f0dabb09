/**
 * The VS Code side: starts the language server, trusts the project's own hover commands, switches
 * generic files (plaintext, log) to a log language when the server recognises their content, and
 * shows the server's health. No log knowledge lives here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  DETECT_LANGUAGE_COMMAND,
  HOVER_COMMANDS,
  isRevealLineArgs,
  isShowRelatedLinesArgs,
  RESTART_SERVER_COMMAND,
  REVEAL_LINE_COMMAND,
  SHOW_OUTPUT_COMMAND,
  SHOW_RELATED_LINES_AT_CURSOR_COMMAND,
  SHOW_RELATED_LINES_COMMAND,
} from '../../protocol/commands';
import { DetectLanguageRequest, StatusNotification } from '../../protocol/messages';
import type { InitializationOptions } from '../../protocol/editors';
import { registerFlowsView } from './flowsView';
import { registerTimeline } from './timeline/panel';
import { WINDOW_SCHEME, parseWindowUri } from '../../protocol/largeFiles';
import { LargeFileWindows } from './largeFiles';
import { OpenFromDisk } from './openFromDisk';

const CLIENT_ID = 'ccLogs';
const TRUSTED_COMMANDS: string[] = [...HOVER_COMMANDS];
/** Languages whose files may be logs with a name VS Code cannot place. */
const GENERIC_LANGUAGES = new Set(['plaintext', 'log']);
const SNIFF_BYTES = 64 * 1024;

let client: LanguageClient | undefined;
let status: vscode.LanguageStatusItem | undefined;
let windows: LargeFileWindows | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Cisco CC Logs', { log: true });
  context.subscriptions.push(output);
  const logLanguages = logLanguageIds(context);

  status = vscode.languages.createLanguageStatusItem(
    'ccLogs.status',
    logLanguages.map((language) => ({ language })),
  );
  status.name = 'Cisco CC Logs';
  status.text = 'Cisco logs: starting';
  status.command = { title: 'Show log', command: SHOW_OUTPUT_COMMAND };
  context.subscriptions.push(status);
  windows = new LargeFileWindows(() => client, output);
  context.subscriptions.push(windows);

  context.subscriptions.push(
    vscode.commands.registerCommand(REVEAL_LINE_COMMAND, revealLine),
    vscode.commands.registerCommand(SHOW_RELATED_LINES_COMMAND, showRelatedLines),
    vscode.commands.registerCommand(SHOW_RELATED_LINES_AT_CURSOR_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor)
        await showRelatedLines({
          uri: editor.document.uri.toString(),
          line: editor.selection.active.line,
          character: editor.selection.active.character,
        });
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand(DETECT_LANGUAGE_COMMAND, async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc) await detectLanguage(doc, output, true);
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void detectLanguage(doc, output, false)),
  );

  registerTimeline(context, () => client);

  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
  const openFromDisk = new OpenFromDisk(() => client);
  const clientOptions: LanguageClientOptions = {
    documentSelector: logLanguages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
      { scheme: 'vscode-remote', language },
      // Windows onto files too large to open whole, served by the server (protocol/largeFiles.ts).
      { scheme: WINDOW_SCHEME, language },
    ]),
    outputChannel: output,
    revealOutputChannelOn: 4 /* RevealOutputChannelOn.Never */,
    synchronize: { configurationSection: CLIENT_ID },
    // This client runs `ccLogs.revealLine`: hovers may link to it (other editors get file:line text).
    initializationOptions: { hoverLinks: 'command' } satisfies InitializationOptions,
    middleware: {
      // Saved logs of 4 MB or more: the server reads the text from disk instead of receiving it.
      didOpen: openFromDisk.didOpen,
      didClose: openFromDisk.didClose,
      // Hovers may link to the project's own commands only: nothing else is trusted.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        const contents = hover.contents.map((c) => {
          if (!(c instanceof vscode.MarkdownString)) return c;
          const trusted = new vscode.MarkdownString(c.value);
          trusted.isTrusted = { enabledCommands: TRUSTED_COMMANDS };
          trusted.supportHtml = false;
          return trusted;
        });
        return new vscode.Hover(contents, hover.range);
      },
    },
    initializationFailedHandler: (error) => {
      output.error(`The log server failed to start: ${String(error)}`);
      output.show(true);
      return false;
    },
  };

  client = new LanguageClient(CLIENT_ID, 'Cisco Contact Center Logs', serverOptions, clientOptions);
  context.subscriptions.push(
    openFromDisk.listen(client),
    // For the integration tests: how each large saved log was opened.
    vscode.commands.registerCommand('ccLogs.openFromDisk.testOutcome', (uri: unknown) =>
      typeof uri === 'string' ? openFromDisk.outcomes.get(uri) : undefined,
    ),
  );
  const flows = registerFlowsView(context, () => client);
  context.subscriptions.push(flows.listen(client));
  context.subscriptions.push(
    client.onNotification(StatusNotification.type, (p) => {
      if (!status) return;
      status.text = p.text;
      status.detail = p.detail ?? '';
      status.severity =
        p.level === 'error'
          ? vscode.LanguageStatusSeverity.Error
          : p.level === 'warning'
            ? vscode.LanguageStatusSeverity.Warning
            : vscode.LanguageStatusSeverity.Information;
    }),
  );
  try {
    await client.start();
  } catch (e) {
    // VS Code would otherwise show nothing: say it, and keep the output at hand.
    void vscode.window
      .showErrorMessage(`Cisco CC Logs: the language server did not start (${String(e)}).`, 'Show log')
      .then((pick) => {
        if (pick) output.show(true);
      });
    return;
  }
  for (const doc of vscode.workspace.textDocuments) void detectLanguage(doc, output, false);
  void flows.refresh();
  windows.offerOpenTabs();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The log language ids this extension contributes, read from its own manifest. */
function logLanguageIds(context: vscode.ExtensionContext): string[] {
  const languages = (context.extension.packageJSON?.contributes?.languages ?? []) as Array<{ id: string }>;
  return languages.map((l) => l.id).filter((id) => id.startsWith('cisco-'));
}

async function detectLanguage(
  doc: vscode.TextDocument,
  output: vscode.LogOutputChannel,
  explicit: boolean,
): Promise<void> {
  if (!client || !client.isRunning()) return;
  if (!explicit) {
    if (!GENERIC_LANGUAGES.has(doc.languageId)) return;
    if (!vscode.workspace.getConfiguration(CLIENT_ID, doc.uri).get<boolean>('detectByContent', true)) return;
  }
  const end = doc.positionAt(SNIFF_BYTES);
  const sample = doc.getText(new vscode.Range(new vscode.Position(0, 0), end));
  if (sample.trim().length === 0) return;
  try {
    const result = await client.sendRequest(DetectLanguageRequest.type, {
      uri: doc.uri.toString(),
      fileName: doc.fileName,
      sample,
    });
    const summary = result.summary ?? result.reasons.join('; ');
    if (result.languageId && result.languageId !== doc.languageId) {
      output.info(`${path.basename(doc.fileName)}: ${result.formatId} (${result.reasons.join('; ')})`);
      await vscode.languages.setTextDocumentLanguage(doc, result.languageId);
      if (explicit) void vscode.window.showInformationMessage(`Cisco CC Logs: ${summary} Language set.`);
    } else if (explicit) {
      // Asked on a file already recognised (or one nothing fits): say what it is and why.
      void vscode.window.showInformationMessage(`Cisco CC Logs: ${summary}`);
    }
  } catch (e) {
    output.warn(`language detection failed for ${doc.fileName}: ${String(e)}`);
  }
}

/** Target of hover links ("response at line N"): the arguments come from a hover, so they are checked. */
async function revealLine(args: unknown): Promise<void> {
  const a = Array.isArray(args) ? args[0] : args;
  if (!isRevealLineArgs(a)) {
    void vscode.window.showWarningMessage('Cisco CC Logs: this link is not valid.');
    return;
  }
  const uri = vscode.Uri.parse(a.uri, true);
  // A line of a file too large to open is shown in a window onto it.
  if (windows && parseWindowUri(a.uri)) {
    await windows.show(uri, a.line);
    return;
  }
  if (windows && (await LargeFileWindows.isTooLarge(uri))) {
    await windows.open(uri, { line: a.line });
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = Math.min(a.line, Math.max(0, doc.lineCount - 1));
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  const range = doc.lineAt(line).range;
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Code lens target ("12 lines in 4 files"): opens the references peek for the entity at the position. */
async function showRelatedLines(args: unknown): Promise<void> {
  const a = Array.isArray(args) ? args[0] : args;
  if (!isShowRelatedLinesArgs(a)) {
    void vscode.window.showWarningMessage('Cisco CC Logs: these arguments do not name a position.');
    return;
  }
  const uri = vscode.Uri.parse(a.uri, true);
  const position = new vscode.Position(a.line, a.character);
  const locations =
    (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, position)) ?? [];
  if (locations.length === 0) {
    void vscode.window.showInformationMessage('Cisco CC Logs: no ID here that other lines name.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations);
}
