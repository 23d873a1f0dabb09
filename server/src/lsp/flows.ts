/**
 * LSP side of the flows and the problems: answers `ccLogs/flows` from the flow service, tells the
 * client when the status changed, and publishes standard diagnostics (code, source, related
 * information) for open log files, or for every indexed file with `ccLogs.diagnostics.scope`
 * `workspace`. The computation lives in server/src/flows and server/src/diagnostics.
 */
import * as fs from 'node:fs';
import {
  DiagnosticSeverity,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FlowsChangedNotification, FlowsRequest } from '../../../protocol/flows';
import { capProblems, textProblems, type Problem } from '../diagnostics/compute';
import { brokenFlowProblems, clockProblems } from '../diagnostics/indexProblems';
import { intoWindow } from '../diagnostics/window';
import { FlowService } from '../flows/service';
import { flowsPage } from '../flows/page';
import type { IndexQuery } from '../index/query';
import { LARGE_DOCUMENT_CHARS, type LogModels } from './documents';
import type { WindowPlacer } from './largeFiles';
import type { Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'cc-logs';
/** Files of the workspace scope read at most (uncompressed bytes); bigger ones are left to open files. */
const WORKSPACE_FILE_LIMIT = 64 << 20;

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
} as const;

export function toDiagnostic(
  p: Problem,
  place: (uri: string, line: number) => { uri: string; line: number } = (uri, line) => ({ uri, line }),
): Diagnostic {
  const related: DiagnosticRelatedInformation[] = p.related.map((r) => {
    const at = place(r.uri, r.line);
    return {
      location: {
        uri: at.uri,
        range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } },
      },
      // A line placed in a window onto a large file: the Problems panel shows the window's line, so say the file's.
      message: at.uri !== r.uri ? `${r.message} ${fileLineNote(r.line)}` : r.message,
    };
  });
  return {
    range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: Math.max(p.end, p.start) } },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

/** How a problem or a related line in a window names its line of the file (`line` zero-based). */
export function fileLineNote(line: number): string {
  return `(file line ${line + 1})`;
}

export class FlowsLsp {
  readonly service: FlowService;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  private workspaceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly query: IndexQuery,
    private readonly models: LogModels,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    /** Windows onto files too large to open (`largeFiles.ts`): their problems are the file's, in window lines. */
    private readonly windows?: WindowPlacer,
  ) {
    this.service = new FlowService(query);
  }

  listen(): void {
    const c = this.connection;
    c.onRequest(FlowsRequest.type, async (params) => {
      try {
        await this.query.whenListed(60_000);
        return this.page(params ?? {});
      } catch (e) {
        c.console.error(`flows failed: ${(e as Error).stack ?? String(e)}`);
        const counts = { chats: 0, agents: 0, calls: 0, brokenChats: 0, brokenAgents: 0, brokenCalls: 0 };
        return { subjects: [], offset: 0, total: 0, counts, indexing: this.query.busy };
      }
    });
    this.service.onDidChange(() => {
      // Once, here: the problems of each open document below read this status (`current`).
      this.service.snapshot();
      void c.sendNotification(FlowsChangedNotification.type, {});
      for (const d of this.documents.all()) this.schedule(d.uri, 200);
      this.scheduleWorkspace();
    });
    this.documents.onDidOpen((e) => this.schedule(e.document.uri, 50));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri, 500));
    this.documents.onDidClose((e) => {
      void this.settingsFor(e.document.uri).then((s) => {
        if (s.diagnostics.scope === 'openFiles') this.clear(e.document.uri);
      });
    });
  }

  /** One page of `ccLogs/flows`: the chats and agents the filter keeps, from `offset`, full statuses. */
  page(params: FlowsRequest.Params): FlowsRequest.Result {
    const snap = this.service.snapshot();
    return {
      ...flowsPage(snap, params),
      indexing: this.query.busy,
      statusMs: snap.ms,
      statusCpuMs: Math.round(snap.cpuMs),
    };
  }

  /** Settings changed: recompute everything that is shown. */
  configurationChanged(): void {
    for (const d of this.documents.all()) this.schedule(d.uri, 100);
    this.scheduleWorkspace();
  }

  private clear(uri: string): void {
    if (!this.published.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private schedule(uri: string, delay: number): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publishOpen(uri).catch((e: unknown) =>
          this.connection.console.error(`diagnostics failed for ${uri}: ${(e as Error).stack ?? String(e)}`),
        );
      }, delay),
    );
  }

  private async publishOpen(uri: string): Promise<void> {
    let doc = this.documents.get(uri);
    if (!doc || !doc.languageId.startsWith('cisco-')) return;
    if (doc.getText().length >= LARGE_DOCUMENT_CHARS) {
      // A large document's problems (its whole model, then every line) wait until the requests are answered.
      await this.models.whenQuiet();
      doc = this.documents.get(uri);
      if (!doc) return;
    }
    const settings = await this.settingsFor(uri);
    const model = await this.models.get(doc);
    const instantOf = (line: number): number => {
      const r = model.recordAt(line);
      return r >= 0 ? model.instantOf(r) : NaN;
    };
    const window = this.windows?.fileOf(uri);
    const problems = this.problemsOf(uri, doc.getText(), settings, {
      instantOf,
      formatId: this.models.formatFor(doc)?.id,
      ...(window ? { window: { ...window, lineCount: doc.lineCount } } : {}),
    });
    if (this.documents.get(uri)?.version !== doc.version) return;
    this.send(uri, problems);
  }

  /**
   * The problems of one text: its own (rules, dumps, requests) and the index's for its file (broken
   * flows, clocks). A window (a part of a file too large to open) gets the problems of the lines it
   * holds, its own lines counted from its first; requests near its end may be answered past it.
   */
  private problemsOf(
    uri: string,
    text: string,
    settings: Settings,
    of: {
      instantOf?: (line: number) => number;
      formatId?: string | undefined;
      window?: { fileUri: string; fromLine: number; lineCount: number };
    } = {},
  ): Problem[] {
    const d = settings.diagnostics;
    const problems = textProblems(text, { ...d }, of.instantOf, of.formatId, { partial: !!of.window }).problems;
    const fileUri = of.window?.fileUri ?? uri;
    const fromIndex: Problem[] = [];
    if (d.enabled.brokenFlows) fromIndex.push(...brokenFlowProblems(fileUri, this.service.current()));
    if (d.enabled.clocks) fromIndex.push(...clockProblems(fileUri, this.query, { toleranceMs: d.clockToleranceMs }));
    problems.push(...(of.window ? intoWindow(fromIndex, of.window) : fromIndex));
    problems.sort((a, b) => a.line - b.line);
    const capped = capProblems(problems, d.maxPerFile);
    // The Problems panel shows a window's own line numbers: each message also names the file's line.
    if (of.window)
      for (const p of capped)
        if (p.code !== 'more-problems') p.message = `${p.message} ${fileLineNote(of.window.fromLine + p.line)}`;
    return capped;
  }

  private send(uri: string, problems: Problem[]): void {
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: problems.map((p) => toDiagnostic(p, this.place)) });
  }

  /** Related lines in a file too large to open point into the window that holds them. */
  private readonly place = (uri: string, line: number): { uri: string; line: number } => {
    if (!this.windows) return { uri, line };
    const f = this.query.fileByUri(uri);
    return f ? this.windows.place(uri, f.size, !!f.gzip, line) : { uri, line };
  };

  /** With scope `workspace`, every indexed file not open gets its problems too (read once per change). */
  private scheduleWorkspace(): void {
    if (this.workspaceTimer) return;
    this.workspaceTimer = setTimeout(() => {
      this.workspaceTimer = undefined;
      void this.publishWorkspace().catch((e: unknown) =>
        this.connection.console.error(`workspace diagnostics failed: ${(e as Error).stack ?? String(e)}`),
      );
    }, 1500);
  }

  private readonly workspaceSeen = new Map<string, string>();

  private async publishWorkspace(): Promise<void> {
    for (const f of this.query.files()) {
      if (this.documents.get(f.uri)) continue;
      const settings = await this.settingsFor(f.uri);
      if (settings.diagnostics.scope !== 'workspace') {
        this.clear(f.uri);
        this.workspaceSeen.delete(f.uri);
        continue;
      }
      if (f.state !== 'indexed' || !f.path || f.gzip || f.size > WORKSPACE_FILE_LIMIT) continue;
      const stamp = `${f.size}:${f.mtimeMs}:${f.generation}:${this.service.current().computedAt}`;
      if (this.workspaceSeen.get(f.uri) === stamp) continue;
      this.workspaceSeen.set(f.uri, stamp);
      let text: string;
      try {
        text = await fs.promises.readFile(f.path, f.encoding === 'latin1' ? 'latin1' : 'utf8');
      } catch {
        continue;
      }
      this.send(f.uri, this.problemsOf(f.uri, text, settings, { formatId: f.formatId ?? undefined }));
      await new Promise((r) => setImmediate(r));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    this.service.dispose();
  }
}
