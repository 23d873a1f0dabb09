/**
 * Windows onto log files too large for VS Code to hand to extensions: a read-only document of a few
 * MB of the file's lines whose text the server reads from disk (`protocol/largeFiles.ts`). Here:
 * the content provider, the file's own line numbers beside the window's lines, commands and keys to
 * move the window, the offer on a too-large file's tab, and the language status of a window. No log
 * knowledge: where a window starts and what it holds comes from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  HIGHLIGHT_LIMIT_BYTES,
  LARGE_FILE_BYTES,
  LargeFileContentRequest,
  LargeFileLocateRequest,
  WINDOW_SCHEME,
  parseWindowUri,
  type WindowInfo,
} from '../../protocol/largeFiles';

/** Names of files the offer is made for (logs and traces, plain or rotated, gzip or not). */
const LOG_NAME = /\.(?:log|txt)(?:\.\d{1,4})?(?:\.gz)?$|^(?:eg_log_|Cisco\d{3}|ctisvr|opc|router)/i;
/** A gzip file, by name: VS Code shows it as binary, so its text is read in windows whatever its size. */
const GZIP_NAME = /\.gz$/i;
/** Lines around the visible ones that get their file line number. */
const NUMBER_MARGIN = 80;

export class LargeFileWindows implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly infos = new Map<string, WindowInfo>();
  private readonly offered = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly numbers = vscode.window.createTextEditorDecorationType({
    before: {
      color: new vscode.ThemeColor('editorLineNumber.foreground'),
      margin: '0 1.5ch 0 0',
    },
  });
  private readonly status: vscode.LanguageStatusItem;
  /**
   * The cursor's line in the file, in the status bar: VS Code's own "Ln" counts the window's lines, and the
   * file's numbers drawn beside the text scroll away with long lines.
   */
  private readonly cursorLine = vscode.window.createStatusBarItem(
    'ccLogs.window.line',
    vscode.StatusBarAlignment.Right,
    101,
  );

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.status = vscode.languages.createLanguageStatusItem('ccLogs.window', { scheme: WINDOW_SCHEME });
    this.status.name = 'Cisco CC Logs: large file window';
    this.status.command = { title: 'Go to line of file', command: 'ccLogs.largeFile.goToLine' };
    this.disposables.push(
      this.status,
      this.numbers,
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(WINDOW_SCHEME, this),
      vscode.commands.registerCommand('ccLogs.largeFile.open', (uri?: vscode.Uri) => this.openCommand(uri)),
      vscode.commands.registerCommand('ccLogs.largeFile.next', () => this.move(1)),
      vscode.commands.registerCommand('ccLogs.largeFile.previous', () => this.move(-1)),
      vscode.commands.registerCommand('ccLogs.largeFile.goToLine', (line?: number) => this.goToLine(line)),
      vscode.commands.registerCommand('ccLogs.largeFile.goToTime', (time?: string) => this.goToTime(time)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.decorate(e.textEditor)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.decorate(e))),
      vscode.window.onDidChangeActiveTextEditor((e) => this.showStatus(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.showCursorLine(e.textEditor)),
      this.cursorLine,
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        [...e.opened, ...e.changed].forEach((t) => void this.offer(t));
        void this.markActiveTab();
      }),
      vscode.window.tabGroups.onDidChangeTabGroups(() => void this.markActiveTab()),
    );
    void this.markActiveTab();
    // A tab open before the extension started (the file that activated it): its offer now, not once the server runs.
    this.offerOpenTabs();
  }

  /**
   * Sets the context key `ccLogs.largeFileTab` while the active tab is a log VS Code will not show with the
   * extension's features (over 20 MB, or gzip): the editor's title then has the button of the windowed view,
   * which stays when the offer's notification has gone.
   */
  private async markActiveTab(): Promise<void> {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    let windowable = false;
    if (input instanceof vscode.TabInputText && input.uri.scheme === 'file') {
      const size = await windowableSize(input.uri);
      windowable = size !== undefined;
    }
    await vscode.commands.executeCommand('setContext', 'ccLogs.largeFileTab', windowable);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Offers the windowed view for the too-large files already open when the extension starts. */
  offerOpenTabs(): void {
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) void this.offer(tab);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.client();
    if (!client) return '(the Cisco CC Logs server is not running)';
    const r = await client.sendRequest(LargeFileContentRequest.type, { uri: uri.toString() });
    if (r.error) this.output.warn(`${uri.toString()}: ${r.error}`);
    this.infos.set(uri.toString(), r);
    return r.text;
  }

  /** What the server said of an open window (its first line in the file, its size, why it is a window). */
  info(uri: vscode.Uri): WindowInfo | undefined {
    return this.infos.get(uri.toString());
  }

  /** Opens the window of a file around zero-based file line `line` (or `time`), with the cursor there. */
  async open(fileUri: vscode.Uri, target: { line?: number; time?: string }): Promise<vscode.TextEditor | undefined> {
    const client = this.client();
    if (!client) {
      void vscode.window.showWarningMessage('Cisco CC Logs: the language server is not running.');
      return undefined;
    }
    const r = await client.sendRequest(LargeFileLocateRequest.type, { uri: fileUri.toString(), ...target });
    if (r.error) {
      void vscode.window.showWarningMessage(`Cisco CC Logs: ${r.error}.`);
      return undefined;
    }
    return this.show(vscode.Uri.parse(r.windowUri, true), r.targetLine, r.languageId);
  }

  /** Shows a window URI with the cursor on its line `line` (a line of the window). */
  async show(uri: vscode.Uri, line: number, languageId?: string | null): Promise<vscode.TextEditor> {
    let doc = await vscode.workspace.openTextDocument(uri);
    const lang = languageId ?? this.info(uri)?.languageId;
    if (lang && doc.languageId !== lang) doc = await vscode.languages.setTextDocumentLanguage(doc, lang);
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    const l = Math.max(0, Math.min(line, doc.lineCount - 1));
    const range = doc.lineAt(l).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    // The window's own numbers would say 1 at its first line: the file's are drawn instead.
    editor.options = { lineNumbers: vscode.TextEditorLineNumbersStyle.Off };
    this.decorate(editor);
    this.showStatus(editor);
    return editor;
  }

  /** Whether a `file:` URI names a file VS Code will not hand over whole (too large, or gzip). */
  static async isTooLarge(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file') return false;
    if (GZIP_NAME.test(uri.path)) return true;
    try {
      return (await vscode.workspace.fs.stat(uri)).size > LARGE_FILE_BYTES;
    } catch {
      return false;
    }
  }

  private async openCommand(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? activeFileUri();
    if (!target) {
      void vscode.window.showInformationMessage('Cisco CC Logs: open a log file first.');
      return;
    }
    const w = parseWindowUri(target.toString());
    const file = w ? vscode.Uri.parse(w.fileUri, true) : target;
    const editor = vscode.window.activeTextEditor;
    const line = editor && editor.document.uri.toString() === file.toString() ? editor.selection.active.line : 0;
    await this.open(file, { line });
  }

  /** The active window and its place in the file, or a message when the active editor is no window. */
  private activeWindow(): { editor: vscode.TextEditor; fileUri: vscode.Uri; fromLine: number } | undefined {
    const editor = vscode.window.activeTextEditor;
    const w = editor ? parseWindowUri(editor.document.uri.toString()) : undefined;
    if (!editor || !w) {
      void vscode.window.showInformationMessage(
        'Cisco CC Logs: this works in the windowed view of a large log ("Open Large Log in Windows").',
      );
      return undefined;
    }
    return { editor, fileUri: vscode.Uri.parse(w.fileUri, true), fromLine: w.fromLine };
  }

  private async move(direction: 1 | -1): Promise<void> {
    const a = this.activeWindow();
    if (!a) return;
    const count = a.editor.document.lineCount;
    const total = this.info(a.editor.document.uri)?.totalLines;
    if (direction > 0) {
      const from = a.fromLine + count;
      if (total !== null && total !== undefined && from >= total) {
        void vscode.window.showInformationMessage('Cisco CC Logs: this window ends at the end of the file.');
        return;
      }
      // The next window begins where this one ends.
      const uri = vscode.Uri.from({ scheme: WINDOW_SCHEME, path: a.fileUri.path, query: String(from) });
      await this.show(uri, 0);
    } else {
      if (a.fromLine === 0) {
        void vscode.window.showInformationMessage('Cisco CC Logs: this window starts at the first line of the file.');
        return;
      }
      // The previous window is the one around the line above this one, with the cursor on it.
      await this.open(a.fileUri, { line: a.fromLine - 1 });
    }
  }

  private async goToLine(line?: number): Promise<void> {
    const a = this.activeWindow();
    if (!a) return;
    let target = line;
    if (typeof target !== 'number') {
      const total = this.info(a.editor.document.uri)?.totalLines;
      const input = await vscode.window.showInputBox({
        title: `Go to line of ${path.posix.basename(a.fileUri.path)}`,
        prompt: total ? `A line of the file, 1 to ${total.toLocaleString('en-US')}` : 'A line of the file',
        validateInput: (v) => (/^\s*\d{1,10}\s*$/.test(v) && Number(v) >= 1 ? undefined : 'a line number, from 1'),
      });
      if (!input) return;
      target = Number(input) - 1;
    }
    const inside = target - a.fromLine;
    if (inside >= 0 && inside < a.editor.document.lineCount) await this.show(a.editor.document.uri, inside);
    else await this.open(a.fileUri, { line: target });
  }

  private async goToTime(time?: string): Promise<void> {
    const a = this.activeWindow();
    if (!a) return;
    const input =
      time ??
      (await vscode.window.showInputBox({
        title: `Go to time in ${path.posix.basename(a.fileUri.path)}`,
        prompt:
          "A time of day (10:12:13) on the file's first day, or a date and time (2019-08-19 10:12:13, +05:30 or Z)",
      }));
    if (!input) return;
    await this.open(a.fileUri, { time: input });
  }

  /** The file's line numbers beside the visible lines of a window. */
  private decorate(editor: vscode.TextEditor): void {
    const w = parseWindowUri(editor.document.uri.toString());
    if (!w) return;
    const doc = editor.document;
    const last = w.fromLine + doc.lineCount;
    const width = String(last).length;
    const options: vscode.DecorationOptions[] = [];
    const seen = new Set<number>();
    for (const r of editor.visibleRanges) {
      const from = Math.max(0, r.start.line - NUMBER_MARGIN);
      const to = Math.min(doc.lineCount - 1, r.end.line + NUMBER_MARGIN);
      for (let l = from; l <= to; l++) {
        if (seen.has(l)) continue;
        seen.add(l);
        options.push({
          range: new vscode.Range(l, 0, l, 0),
          renderOptions: { before: { contentText: String(w.fromLine + l + 1).padStart(width, '\u2007') } },
        });
      }
    }
    editor.setDecorations(this.numbers, options);
  }

  private showCursorLine(editor: vscode.TextEditor | undefined): void {
    const w = editor ? parseWindowUri(editor.document.uri.toString()) : undefined;
    if (!editor || !w || editor !== vscode.window.activeTextEditor) {
      if (!editor || editor === vscode.window.activeTextEditor) this.cursorLine.hide();
      return;
    }
    const line = (w.fromLine + editor.selection.active.line + 1).toLocaleString('en-US');
    this.cursorLine.name = 'Cisco CC Logs: line of the large file';
    this.cursorLine.text = `File line ${line}`;
    this.cursorLine.tooltip = `Line ${line} of ${path.posix.basename(w.fileUri)} (the window's own line is ${editor.selection.active.line + 1}). Click to go to a line of the file.`;
    this.cursorLine.command = 'ccLogs.largeFile.goToLine';
    this.cursorLine.show();
  }

  private showStatus(editor: vscode.TextEditor | undefined): void {
    this.showCursorLine(editor);
    if (!editor) return;
    const w = parseWindowUri(editor.document.uri.toString());
    if (!w) return;
    const info = this.info(editor.document.uri);
    const n = (v: number) => v.toLocaleString('en-US');
    const total = info?.totalLines;
    this.status.text = `Window: lines ${n(w.fromLine + 1)}–${n(w.fromLine + editor.document.lineCount)}${
      total ? ` of ${n(total)}` : ''
    }`;
    this.status.detail = info?.why ?? 'A part of a large file, read from disk.';
    this.status.severity = vscode.LanguageStatusSeverity.Information;
  }

  /** Once per file: says what a too-large file's tab lacks and offers the windowed view. */
  private async offer(tab: vscode.Tab): Promise<void> {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== 'file') return;
    const key = input.uri.toString();
    if (this.offered.has(key)) return;
    const size = await windowableSize(input.uri);
    const gzip = GZIP_NAME.test(input.uri.path);
    if (size === undefined || this.offered.has(key)) return;
    this.offered.add(key);
    const mb =
      size < 2 ** 20
        ? `${Math.max(1, Math.round(size / 1024))} KB`
        : `${size < 10 * 2 ** 20 ? (size / 2 ** 20).toFixed(1) : Math.round(size / 2 ** 20)} MB`;
    const lacks = gzip
      ? 'VS Code shows a gzip log as binary'
      : size > LARGE_FILE_BYTES
        ? `VS Code hands extensions no file over ${LARGE_FILE_BYTES / 2 ** 20} MB, so this editor has no highlighting, hovers or navigation`
        : `VS Code does not highlight files over ${HIGHLIGHT_LIMIT_BYTES / 2 ** 20} MB`;
    const how = gzip
      ? 'The windowed view shows its decompressed text with every feature, a few MB at a time, with the line numbers of the text.'
      : "The windowed view has every feature, a few MB at a time, with the file's line numbers.";
    const pick = await vscode.window.showInformationMessage(
      `Cisco CC Logs: ${path.basename(input.uri.fsPath)} is ${mb}: ${lacks}. ${how}`,
      'Open Windowed View',
    );
    if (pick) await this.open(input.uri, { line: 0 });
  }
}

/** The size of a log file the windowed view is for (over 20 MB, or gzip), else undefined. */
async function windowableSize(uri: vscode.Uri): Promise<number | undefined> {
  if (!LOG_NAME.test(path.posix.basename(uri.path))) return undefined;
  try {
    const size = (await vscode.workspace.fs.stat(uri)).size;
    return size > HIGHLIGHT_LIMIT_BYTES || GZIP_NAME.test(uri.path) ? size : undefined;
  } catch {
    return undefined;
  }
}

function activeFileUri(): vscode.Uri | undefined {
  const editorUri = vscode.window.activeTextEditor?.document.uri;
  if (editorUri) return editorUri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}
