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
import { FlowService } from '../flows/service';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LogModels } from './documents';
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

export function toDiagnostic(p: Problem): Diagnostic {
  const related: DiagnosticRelatedInformation[] = p.related.map((r) => ({
    location: { uri: r.uri, range: { start: { line: r.line, character: 0 }, end: { line: r.line, character: 0 } } },
    message: r.message,
  }));
  return {
    range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: Math.max(p.end, p.start) } },
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
    ...(related.length ? { relatedInformation: related } : {}),
  };
}

export class FlowsLsp {
  readonly service: FlowService;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();
  private workspaceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly index: WorkspaceIndex,
    private readonly models: LogModels,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    /** Windows onto large files: their problems are the file's, at the window's lines. */
    private readonly windows?: Pick<WindowPlacer, 'fileOf'>,
  ) {
    this.service = new FlowService(index);
  }

  listen(): void {
    const c = this.connection;
    c.onRequest(FlowsRequest.type, async (params) => {
      try {
        await this.index.whenListed();
        const snap = this.service.snapshot();
        const subjects = params?.brokenOnly ? snap.subjects.filter((s) => s.outcome === 'broken') : snap.subjects;
        return { subjects, indexing: this.index.busy };
      } catch (e) {
        c.console.error(`flows failed: ${(e as Error).stack ?? String(e)}`);
        return { subjects: [], indexing: this.index.busy };
      }
    });
    this.service.onDidChange(() => {
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
    const doc = this.documents.get(uri);
    if (!doc || !doc.languageId.startsWith('cisco-')) return;
    const settings = await this.settingsFor(uri);
    const model = await this.models.get(doc);
    const instantOf = (line: number): number => {
      const r = model.recordAt(line);
      return r >= 0 ? model.instantOf(r) : NaN;
    };
    const problems = this.problemsOf(
      uri,
      doc.getText(),
      settings,
      instantOf,
      this.models.formatFor(doc)?.id,
      doc.lineCount,
    );
    if (this.documents.get(uri)?.version !== doc.version) return;
    this.send(uri, problems);
  }

  private problemsOf(
    uri: string,
    text: string,
    settings: Settings,
    instantOf?: (line: number) => number,
    formatId?: string,
    lineCount?: number,
  ): Problem[] {
    const d = settings.diagnostics;
    const problems = textProblems(text, { ...d }, instantOf, formatId).problems;
    // A window onto a large file: the flows and clocks know the file and its lines; keep those in the window.
    const w = lineCount !== undefined ? this.windows?.fileOf(uri) : undefined;
    const fileUri = w?.fileUri ?? uri;
    const here = (found: Problem[]): Problem[] =>
      w
        ? found
            .filter((p) => p.line >= w.fromLine && p.line < w.fromLine + (lineCount ?? 0))
            .map((p) => ({ ...p, line: p.line - w.fromLine }))
        : found;
    if (d.enabled.brokenFlows) problems.push(...here(brokenFlowProblems(fileUri, this.service.snapshot())));
    if (d.enabled.clocks)
      problems.push(...here(clockProblems(fileUri, this.index, { toleranceMs: d.clockToleranceMs })));
    problems.sort((a, b) => a.line - b.line);
    return capProblems(problems, d.maxPerFile);
  }

  private send(uri: string, problems: Problem[]): void {
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: problems.map(toDiagnostic) });
  }

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
    for (const f of this.index.allFiles()) {
      if (this.documents.get(f.uri)) continue;
      const settings = await this.settingsFor(f.uri);
      if (settings.diagnostics.scope !== 'workspace') {
        this.clear(f.uri);
        this.workspaceSeen.delete(f.uri);
        continue;
      }
      if (f.state !== 'indexed' || !f.path || f.gzip || f.size > WORKSPACE_FILE_LIMIT) continue;
      const stamp = `${f.size}:${f.mtimeMs}:${f.generation}:${this.service.snapshot().computedAt}`;
      if (this.workspaceSeen.get(f.uri) === stamp) continue;
      this.workspaceSeen.set(f.uri, stamp);
      let text: string;
      try {
        text = await fs.promises.readFile(f.path, f.encoding === 'latin1' ? 'latin1' : 'utf8');
      } catch {
        continue;
      }
      this.send(f.uri, this.problemsOf(f.uri, text, settings, undefined, f.formatId ?? undefined));
      await new Promise((r) => setImmediate(r));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    this.service.dispose();
  }
}
