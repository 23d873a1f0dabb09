/**
 * A language-server session over stdio for the benchmark: starts `node server/out/server.js --stdio`,
 * initializes it with a workspace folder as an editor does, and sends requests with a deadline (a
 * request that misses it is cancelled and answered `undefined`). It follows work-done progress (the
 * index's figures come from the `ccLogs/indexStats` request), and reads the process's memory and CPU
 * time from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DidOpenFromDiskNotification, didOpenFromDiskParams } from '../../protocol/openFromDisk';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface ProgressState {
  title: string;
  began: number;
  ended?: number;
  lastMessage?: string;
}

export interface Timed<T> {
  ms: number;
  /** undefined when the deadline passed (the request was cancelled) or the server failed. */
  result: T | undefined;
  error?: string;
}

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly progress = new Map<string | number, ProgressState>();
  capabilities: Record<string, unknown> = {};
  private stderrText = '';
  private exited = false;
  /** How the process ended, once it has. */
  exit: { code: number | null; signal: string | null } | undefined;

  private readonly exited$: Promise<'exited'>;

  private constructor(readonly child: ChildProcess) {
    this.exited$ = new Promise((resolve) => child.on('exit', () => resolve('exited')));
    child.stderr!.on('data', (d) => {
      if (this.stderrText.length < 200_000) this.stderrText += String(d);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exit = { code, signal };
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progress.set(p.token, { title: '', began: performance.now() });
      return null;
    });
    this.connection.onNotification(
      '$/progress',
      (p: { token: string | number; value: { kind: string; title?: string; message?: string } }) => {
        const state = this.progress.get(p.token) ?? { title: '', began: performance.now() };
        if (p.value.kind === 'begin') {
          state.title = p.value.title ?? '';
          state.began = performance.now();
        }
        if (p.value.message) state.lastMessage = p.value.message;
        if (p.value.kind === 'end') state.ended = performance.now();
        this.progress.set(p.token, state);
      },
    );
    for (const m of ['ccLogs/status', 'window/logMessage', 'window/showMessage', 'telemetry/event'])
      this.connection.onNotification(m, () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      const d = { at: performance.now(), count: p.diagnostics.length, codes: p.diagnostics.map(codeOf) };
      this.diagnostics.set(p.uri, d);
      for (const w of this.diagnosticWaiters.get(p.uri) ?? []) w(d);
      this.diagnosticWaiters.delete(p.uri);
    });
    this.connection.listen();
  }

  static start(serverJs: string, nodeArgs: string[] = []): LspSession {
    const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new LspSession(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** initialize (workspace folder = root) and initialized; returns the time to the initialize answer. */
  /** `root`: the workspace folder; none for a session that indexes nothing. */
  async initialize(root: string | undefined, deadlineMs: number): Promise<number> {
    const uri = root ? pathToFileURL(root).toString() : null;
    const r = await this.request<{ capabilities: Record<string, unknown> }>(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'cc-logs-bench' },
        rootUri: uri,
        rootPath: root ?? null,
        workspaceFolders: uri ? [{ uri, name: 'bench-corpus' }] : null,
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
          },
          window: { workDoneProgress: true },
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            references: {},
            definition: { linkSupport: true },
            synchronization: { didSave: true },
          },
        },
      },
      deadlineMs,
    );
    if (!r.result) throw new Error(`initialize failed: ${r.error ?? 'no answer'}\n${this.stderrText.slice(-2000)}`);
    this.capabilities = r.result.capabilities ?? {};
    await this.connection.sendNotification('initialized', {});
    return r.ms;
  }

  get alive(): boolean {
    return !this.exited;
  }

  async request<T>(method: string, params: unknown, deadlineMs: number): Promise<Timed<T>> {
    if (this.exited) return { ms: 0, result: undefined, error: 'the server has exited' };
    const source = new CancellationTokenSource();
    const began = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs);
    });
    try {
      const answer = await Promise.race([
        this.connection.sendRequest(method, params, source.token) as Promise<T>,
        deadline,
        this.exited$,
      ]);
      const ms = performance.now() - began;
      if (answer === 'exited') return { ms, result: undefined, error: this.describeExit() };
      if (answer === 'deadline') {
        if (!this.exited) {
          try {
            source.cancel();
          } catch {
            // the connection closed meanwhile
          }
        }
        return { ms, result: undefined, error: `no answer within ${deadlineMs} ms` };
      }
      return { ms, result: answer as T };
    } catch (e) {
      return { ms: performance.now() - began, result: undefined, error: (e as Error).message };
    } finally {
      clearTimeout(timer);
      source.dispose();
    }
  }

  /** The last diagnostics published per URI: when they arrived, how many, their codes. */
  readonly diagnostics = new Map<string, Published>();
  private readonly diagnosticWaiters = new Map<string, Array<(d: Published) => void>>();

  /** The next diagnostics published for `uri`, or undefined after `deadlineMs`. */
  nextDiagnostics(uri: string, deadlineMs: number): Promise<Published | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), deadlineMs);
      const list = this.diagnosticWaiters.get(uri) ?? [];
      list.push((d) => {
        clearTimeout(timer);
        resolve(d);
      });
      this.diagnosticWaiters.set(uri, list);
    });
  }

  async open(file: string, languageId: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).toString();
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /**
   * Opens `file` as the VS Code extension opens a saved log of 4 MB or more (protocol/openFromDisk.ts):
   * its length and samples of `text`, which the server checks against its own read of the file.
   */
  async openFromDisk(file: string, languageId: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).toString();
    const params = didOpenFromDiskParams({ uri, languageId, version: 1 }, text.length, (start, end) =>
      text.slice(start, end),
    );
    await this.notify(DidOpenFromDiskNotification.method, params);
    return uri;
  }

  async close(uri: string): Promise<void> {
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends a notification unless the server is gone. */
  private async notify(method: string, params: unknown): Promise<void> {
    if (this.exited) return;
    try {
      await this.connection.sendNotification(method, params);
    } catch {
      // the server exited while we wrote
    }
  }

  /** Why the server is gone, with the end of what it wrote to stderr. */
  describeExit(): string {
    const how = this.exit ? `code ${this.exit.code}, signal ${this.exit.signal}` : 'connection closed';
    const tail = this.stderrText.trim().split('\n').slice(-5).join(' | ');
    return `the server exited (${how})${tail ? `; stderr: ${tail.slice(0, 600)}` : ''}`;
  }

  /** Peak and current resident memory (MB) and CPU seconds of the server process so far. */
  usage(): { peakRssMB: number; rssMB: number; cpuSeconds: number } | undefined {
    return processUsage(this.pid);
  }

  /** shutdown + exit, then kill if it lingers. */
  async stop(): Promise<void> {
    if (!this.exited) {
      await Promise.race([this.request('shutdown', undefined, 5000), sleep(5000)]);
      await this.notify('exit', undefined);
      const t0 = Date.now();
      while (!this.exited && Date.now() - t0 < 5000) await sleep(50);
    }
    this.connection.dispose();
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

export interface Published {
  /** performance.now() when they arrived. */
  at: number;
  count: number;
  codes: string[];
}

function codeOf(d: unknown): string {
  const c = (d as { code?: unknown }).code;
  return typeof c === 'string' || typeof c === 'number' ? String(c) : '';
}

let clockTicks: number | undefined;

export function processUsage(
  pid: number,
): { peakRssMB: number; rssMB: number; cpuSeconds: number; mainThreadCpuSeconds: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    clockTicks ??= 100; // CLK_TCK is 100 on Linux
    // The main thread is the task whose id is the process id (the worker threads are the others).
    const main = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const mainFields = main.slice(main.lastIndexOf(')') + 2).split(' ');
    return {
      peakRssMB: kb('VmHWM') / 1024,
      rssMB: kb('VmRSS') / 1024,
      cpuSeconds: ticks / clockTicks,
      mainThreadCpuSeconds: (Number(mainFields[11]) + Number(mainFields[12])) / clockTicks,
    };
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
