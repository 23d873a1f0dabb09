/**
 * The `ccLogs.index.*` settings: which files of the workspace folders are indexed and how much.
 * Raw values arrive from the client; anything malformed falls back to the default instead of failing.
 */

export interface IndexSettings {
  /** Glob patterns (relative to a workspace folder) of the files to index. */
  include: string[];
  /** Glob patterns of files and folders never indexed. */
  exclude: string[];
  /** Files larger than this (on disk) are left out. */
  maxFileSizeMB: number;
  /** The index stops taking files once their sizes (on disk) add up to this. */
  maxTotalGB: number;
  /**
   * What finds the records worth reading in a file's bytes, while indexing and in searches of files not
   * indexed yet: the compiled WebAssembly scanner, or the JavaScript search (the reference).
   */
  scanner: 'compiled' | 'javascript';
}

export const DEFAULT_INDEX_SETTINGS: Readonly<IndexSettings> = Object.freeze({
  include: ['**/*.log', '**/*.txt', '**/*.log.*', '**/*.txt.*', '**/*.gz'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**'],
  maxFileSizeMB: 2048,
  maxTotalGB: 4,
  scanner: 'compiled',
});

export function indexSettingsFrom(raw: unknown): IndexSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    include: globList(r.include) ?? [...DEFAULT_INDEX_SETTINGS.include],
    exclude: globList(r.exclude) ?? [...DEFAULT_INDEX_SETTINGS.exclude],
    maxFileSizeMB: positive(r.maxFileSizeMB, 1e-3, 1 << 20) ?? DEFAULT_INDEX_SETTINGS.maxFileSizeMB,
    maxTotalGB: positive(r.maxTotalGB, 1e-6, 1024) ?? DEFAULT_INDEX_SETTINGS.maxTotalGB,
    scanner: r.scanner === 'javascript' ? 'javascript' : 'compiled',
  };
}

function globList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const list = v
    .filter((g): g is string => typeof g === 'string' && g.trim().length > 0 && g.length <= 1024)
    .map((g) => g.trim());
  return list.length > 0 || v.length === 0 ? list : undefined;
}

function positive(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}
