/**
 * Drives the built server (server/out/server.js --stdio) byte by byte, as a broken or hostile client
 * would: frames are written raw, answers are read back as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_JS } from './lspClient';

export interface RawMessage {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawServer {
  readonly child: ChildProcess;
  readonly messages: RawMessage[] = [];
  stderr = '';
  private pending = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  constructor(args: string[] = ['--stdio']) {
    this.child = spawn(process.execPath, [SERVER_JS, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.child.stdout!.on('data', (d: Buffer) => this.read(d));
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Writes bytes as they are. */
  raw(bytes: string | Buffer): void {
    this.child.stdin!.write(bytes);
  }

  /** One well-formed frame (or several written at once). */
  send(...messages: object[]): void {
    this.raw(Buffer.concat(messages.map((m) => frame(m))));
  }

  async initialize(): Promise<void> {
    this.send({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: { processId: process.pid, rootUri: null, capabilities: {} },
    });
    await this.response('init');
    this.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  }

  /** The answers to request `id` received so far. */
  answers(id: number | string | null): RawMessage[] {
    return this.messages.filter((m) => m.id === id && m.method === undefined);
  }

  /** Waits for the answer to `id`; rejects after `ms`. */
  async response(id: number | string | null, ms = 10_000): Promise<RawMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.answers(id)[0];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer to ${String(id)} within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves true when the process ended within `ms`, false otherwise. */
  async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const result = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private read(data: Buffer): void {
    this.pending = Buffer.concat([this.pending, data]);
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(this.pending.subarray(0, end).toString())?.[1]);
      if (this.pending.length < end + 4 + length) break;
      const body = this.pending.subarray(end + 4, end + 4 + length).toString('utf8');
      this.pending = this.pending.subarray(end + 4 + length);
      this.messages.push(JSON.parse(body) as RawMessage);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

export function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
