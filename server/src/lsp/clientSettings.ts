/**
 * Where the `ccLogs` settings come from, whichever way the client gives them: the
 * `initializationOptions` (`{ ccLogs: {...} }`), the `settings` of `workspace/didChangeConfiguration`
 * (`{ settings: { ccLogs: {...} } }`), and `workspace/configuration` asked for the whole `ccLogs`
 * section (some clients, eglot among them, resolve only top-level sections). Later sources win,
 * key by key: options < pushed < pulled. The server asks `workspace/configuration` even of clients
 * that do not advertise it (Neovim 0.7 answers without advertising), and stops asking once the
 * client refuses or does not answer.
 */
import type { DidChangeConfigurationParams, InitializeParams } from 'vscode-languageserver';

export const SETTINGS_SECTION = 'ccLogs';
/** How long a `workspace/configuration` request may take before the client is taken not to answer. */
const PULL_TIMEOUT_MS = 5000;

export type RawSettings = Record<string, unknown>;
export type PullConfiguration = (scopeUri: string | undefined) => Promise<unknown>;

export class ClientSettings {
  private fromOptions: RawSettings | undefined;
  private pushed: RawSettings | undefined;
  private canPull = true;
  private readonly cache = new Map<string, Promise<RawSettings>>();

  constructor(private readonly pull: PullConfiguration | undefined) {}

  /** From `initialize`: the settings in `initializationOptions.ccLogs`, if any. */
  initialize(params: Pick<InitializeParams, 'initializationOptions'>): void {
    const options = objectOr(params.initializationOptions);
    this.fromOptions = objectOr(options?.[SETTINGS_SECTION]);
    this.cache.clear();
  }

  /** From `workspace/didChangeConfiguration`: keeps the pushed `ccLogs` settings, forgets what was pulled. */
  changed(params: DidChangeConfigurationParams | undefined): void {
    const pushed = objectOr(objectOr(params?.settings)?.[SETTINGS_SECTION]);
    if (pushed) this.pushed = pushed;
    this.cache.clear();
  }

  /** Forgets what was pulled for one resource (its document closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The raw `ccLogs` object for a resource ('' or undefined: the workspace). */
  get(uri?: string): Promise<RawSettings> {
    const key = uri ?? '';
    let s = this.cache.get(key);
    if (!s) {
      s = this.load(key || undefined);
      this.cache.set(key, s);
    }
    return s;
  }

  private async load(scopeUri: string | undefined): Promise<RawSettings> {
    let pulled: RawSettings | undefined;
    if (this.pull && this.canPull) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), PULL_TIMEOUT_MS)),
      );
      try {
        const answer = await Promise.race([this.pull(scopeUri), timeout]);
        if (answer === 'timeout') this.canPull = false;
        else pulled = objectOr(answer);
      } catch {
        this.canPull = false; // the client does not implement workspace/configuration
      } finally {
        clearTimeout(timer);
      }
    }
    return merge(merge(merge({}, this.fromOptions), this.pushed), pulled);
  }
}

function objectOr(v: unknown): RawSettings | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as RawSettings) : undefined;
}

/** Key-by-key merge of plain objects; arrays and scalars of `over` replace those of `base`. */
function merge(base: RawSettings, over: RawSettings | undefined, depth = 0): RawSettings {
  if (!over) return base;
  const out: RawSettings = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null || v === undefined || k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const a = objectOr(out[k]);
    const b = objectOr(v);
    out[k] = a && b && depth < 8 ? merge(a, b, depth + 1) : v;
  }
  return out;
}
