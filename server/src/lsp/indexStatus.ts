/**
 * What the user sees of the workspace index: work-done progress while it indexes (cancellable), the
 * `ccLogs/status` item (files, lines, ids, memory; what a cap left out), a warning naming the
 * setting that would index the files a cap left out, and a note when answers are partial.
 */
import {
  MessageType,
  ShowMessageNotification,
  type Connection,
  type InitializeParams,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { StatusNotification } from '../../../protocol/messages';
import type { IndexSettings } from '../index/settings';
import type { IndexProgress, WorkspaceIndex } from '../index/workspaceIndex';
import { formatBytes, formatCount } from '../render/numbers';

export class IndexStatus {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private creatingReporter = false;
  private lastReport = 0;
  private lastStatus = 0;
  private noteShown = false;
  private capsWarned = '';
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly clientCaps: () => InitializeParams['capabilities'],
    private readonly settings: () => IndexSettings,
  ) {}

  /** Work-done progress while indexing, cancellable; the status item when it ends. */
  progress(p: IndexProgress): void {
    if (this.disposed) return;
    const { running, filesDone, filesTotal, bytesDone, bytesTotal } = p;
    const pct = bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : 0;
    const message = `${filesDone}/${filesTotal} files, ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`;
    if (running) {
      if (!this.reporter && !this.creatingReporter && this.clientCaps().window?.workDoneProgress) {
        this.creatingReporter = true;
        void this.connection.window.createWorkDoneProgress().then(
          (r) => {
            this.creatingReporter = false;
            if (!this.index.busy) {
              r.done();
              return;
            }
            this.reporter = r;
            r.begin('Indexing logs', pct, message, true);
            r.token.onCancellationRequested(() => {
              this.index.cancelAll();
              this.send(
                'Indexing cancelled: what was indexed stays searchable; run "Rebuild Log Index" to start again.',
              );
            });
          },
          () => {
            this.creatingReporter = false;
          },
        );
      }
      const now = Date.now();
      if (this.reporter && now - this.lastReport > 250) {
        this.lastReport = now;
        this.reporter.report(pct, message);
      }
      if (now - this.lastStatus > 1000) {
        this.lastStatus = now;
        void this.connection.sendNotification(StatusNotification.type, {
          level: 'ok',
          text: `Indexing logs ${pct}%`,
          detail: message,
        });
      }
    } else {
      this.reporter?.done();
      this.reporter = undefined;
      this.noteShown = false;
      this.send();
    }
  }

  /** Sends the status item: what the index holds, and what it left out and why. */
  send(extra?: string): void {
    const s = this.index.stats();
    const settings = this.settings();
    const tooLarge = s.skipped.filter((k) => k.reason === 'too large');
    const overCap = s.skipped.filter((k) => k.reason === 'over the total cap');
    const cut = s.skipped.filter((k) => k.reason === 'cut at the cap');
    const lines = [
      `${s.indexedFiles} of ${s.files} files indexed: ${formatCount(s.lines)} lines, ${formatBytes(s.bytes)}, ${formatCount(s.keys)} ids; ${formatBytes(s.memoryBytes)} in memory`,
    ];
    if (tooLarge.length > 0)
      lines.push(
        `${tooLarge.length} file(s) larger than ccLogs.index.maxFileSizeMB = ${settings.maxFileSizeMB} were left out: ${tooLarge
          .slice(0, 5)
          .map((k) => k.path)
          .join(', ')}`,
      );
    if (overCap.length > 0)
      lines.push(
        `${overCap.length} file(s) left out because the indexed files reached ccLogs.index.maxTotalGB = ${settings.maxTotalGB} (newest files are indexed first)`,
      );
    if (cut.length > 0)
      lines.push(
        `${cut.length} file(s) stopped at the cap (ccLogs.index.maxFileSizeMB = ${settings.maxFileSizeMB}, maxTotalGB = ${settings.maxTotalGB}), counting the inflated bytes of compressed files; inflating stopped there and only their text up to the cap is indexed: ${cut
          .slice(0, 5)
          .map((k) => k.path)
          .join(', ')}`,
      );
    if (s.failed > 0) lines.push(`${s.failed} file(s) could not be read`);
    if (s.cancelled > 0) lines.push(`${s.cancelled} file(s) not indexed: indexing was cancelled`);
    if (s.scannerFallbacks.length > 0)
      lines.push(
        `${s.scannerFallbacks.length} file(s) read with the JavaScript scanner instead of the compiled one (same results, slower): ${s.scannerFallbacks
          .slice(0, 3)
          .map((k) => `${k.path}: ${k.reason}`)
          .join('; ')}`,
      );
    if (extra) lines.unshift(extra);
    const warn = tooLarge.length + overCap.length + cut.length + s.failed + s.cancelled > 0;
    void this.connection.sendNotification(StatusNotification.type, {
      level: warn ? 'warning' : 'ok',
      text: warn
        ? `Log index: ${tooLarge.length + overCap.length + s.cancelled} file(s) left out${cut.length > 0 ? `, ${cut.length} cut at the cap` : ''}`
        : `Log index: ${s.indexedFiles} files`,
      detail: lines.join('\n'),
    });
  }

  /** Says once, in a message, which cap left files out and which setting raises it. */
  warnAboutCaps(): void {
    const skipped = this.index.stats().skipped;
    const key = skipped.map((s) => s.path).join('\n');
    if (skipped.length === 0 || key === this.capsWarned) return;
    this.capsWarned = key;
    const settings = this.settings();
    const tooLarge = skipped.filter((s) => s.reason === 'too large').length;
    const cut = skipped.filter((s) => s.reason === 'cut at the cap').length;
    const overCap = skipped.length - tooLarge - cut;
    const parts: string[] = [];
    if (overCap > 0)
      parts.push(
        `${overCap} log file(s) were not indexed because the indexed files reached ccLogs.index.maxTotalGB (${settings.maxTotalGB} GB; the newest files were kept)`,
      );
    if (tooLarge > 0)
      parts.push(`${tooLarge} file(s) are larger than ccLogs.index.maxFileSizeMB (${settings.maxFileSizeMB} MB)`);
    if (cut > 0)
      parts.push(
        `${cut} compressed file(s) inflate past ccLogs.index.maxFileSizeMB or maxTotalGB: inflating stopped at the cap and only their first part is indexed`,
      );
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Cisco CC Logs: ${parts.join('; ')}. Raise the setting or narrow ccLogs.index.include to index them.`,
    });
  }

  /** Says once per round of indexing that answers are partial. */
  note(note: string | undefined): void {
    if (!note || this.noteShown) return;
    this.noteShown = true;
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `Cisco CC Logs: ${note}`,
    });
  }

  /** Says it every time: the answer to the request just made is not whole (a references list cut). */
  tell(message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: `Cisco CC Logs: ${message}`,
    });
  }

  dispose(): void {
    this.disposed = true;
    this.reporter?.done();
    this.reporter = undefined;
  }
}
