/**
 * The workspace index in plain Node, for the command-line tool: the same modules as the language
 * server (file walk, worker pool, index, record model), over the folders given, with the `ccLogs`
 * settings of each folder's `.vscode/settings.json` (and options that override them), waiting until
 * every file is indexed.
 */
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from '../flows/marks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { builtinFormatsDirectory, FormatRegistry } from '../formats/registry';
import type { TimeOptions } from '../time/options';
import { caseDaysOfFolder } from '../model/caseYear';
import { IndexPool } from '../index/pool';
import { DEFAULT_INDEX_SETTINGS, indexSettingsFrom, type IndexSettings } from '../index/settings';
import { IndexQuery } from '../index/query';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { formatOffset, parseOffset } from '../time/zones';
import { clockRulesFrom, type ClockRule } from '../timeline/clock';

export interface CliSettings {
  index: IndexSettings;
  time: TimeOptions;
  clockRules: ClockRule[];
  formatDirectories: string[];
  problems: string[];
}

export interface LoadedWorkspace {
  folders: string[];
  index: WorkspaceIndex;
  /** The index's query API, as the language server asks it. */
  query: IndexQuery;
  registry: FormatRegistry;
  settings: CliSettings;
  timeOptionsFor(filePath: string | undefined): TimeOptions;
  dispose(): Promise<void>;
}

export interface LoadOptions {
  /** Settings given on the command line, as in settings.json (`{ "zonelessOffset": "+02:00" }`), over the folders'. */
  overrides?: Record<string, unknown>;
  /** Worker threads (default: the pool's choice). */
  workers?: number;
  /** Lines per index segment (tests use small ones). */
  segmentLines?: number;
  log?: (message: string) => void;
}

/**
 * Adds the `--set key=value` of a command line to `overrides` (`ccLogs.` prefix optional; the value as
 * JSON when it parses, else as text); a message for the user when it is not `key=value`.
 */
export function addSettingOverride(kv: string, overrides: Record<string, unknown>): string | undefined {
  const eq = kv.indexOf('=');
  if (eq <= 0) return `--set needs key=value (got "${kv}")`;
  const key = kv.slice(0, eq).replace(/^ccLogs\./, '');
  const raw = kv.slice(eq + 1);
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    v = raw;
  }
  overrides[key] = v;
  return undefined;
}

/** Reads the `ccLogs` settings of a folder (`.vscode/settings.json`, comments allowed) merged with `overrides`. */
export function folderSettings(folder: string, overrides: Record<string, unknown> = {}): CliSettings {
  const raw: Record<string, unknown> = {};
  const file = path.join(folder, '.vscode', 'settings.json');
  const problems: string[] = [];
  try {
    const parsed = parseJsonc(fs.readFileSync(file, 'utf8')) as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(parsed ?? {})) if (k.startsWith('ccLogs.')) raw[k.slice(7)] = v;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${file}: ${(e as Error).message}`);
  }
  Object.assign(raw, overrides);
  const nested = (prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
    if (typeof raw[prefix.slice(0, -1)] === 'object') Object.assign(out, raw[prefix.slice(0, -1)]);
    return out;
  };
  const time: { -readonly [K in keyof TimeOptions]: TimeOptions[K] } = {};
  if (typeof raw.timeZones === 'object' && raw.timeZones !== null) {
    const zones: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.timeZones as Record<string, unknown>))
      if (typeof v === 'string' && parseOffset(v) !== undefined) zones[k.toUpperCase()] = v;
    time.zoneOverrides = zones;
  }
  if (typeof raw.defaultYear === 'number' && raw.defaultYear >= 1990 && raw.defaultYear <= 2100)
    time.settingsYear = raw.defaultYear;
  if (typeof raw.zonelessOffset === 'string' && raw.zonelessOffset.trim() !== '') {
    const minutes = parseOffset(raw.zonelessOffset);
    if (minutes !== undefined)
      time.zonelessOffset = { minutes, source: `setting ccLogs.zonelessOffset = ${formatOffset(minutes)}` };
    else problems.push(`ccLogs.zonelessOffset: "${raw.zonelessOffset}" is not an offset like +02:00`);
  }
  const clocks = clockRulesFrom(raw.clockOffsets);
  problems.push(...clocks.problems);
  const formats = nested('formats.');
  return {
    index: indexSettingsFrom(nested('index.')),
    time,
    clockRules: clocks.rules,
    formatDirectories: Array.isArray(formats.directories)
      ? formats.directories.filter((d): d is string => typeof d === 'string')
      : [],
    problems,
  };
}

/** Indexes `folders` (default: the current directory) and resolves when every file is indexed. */
export async function loadWorkspace(folders: readonly string[], options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const roots = (folders.length > 0 ? folders : ['.']).map((f) => path.resolve(f));
  for (const r of roots) {
    let st: fs.Stats;
    try {
      st = fs.statSync(r);
    } catch {
      throw new Error(`no such folder: ${r}`);
    }
    if (!st.isDirectory()) throw new Error(`not a folder: ${r}`);
  }
  const perFolder = new Map(roots.map((r) => [r, folderSettings(r, options.overrides)]));
  // Year-less files (the JTAPI client log) take the year their case's dated files give the same day.
  for (const [r, s] of perFolder) s.time = { ...s.time, caseDays: await caseDaysOfFolder(r) };
  const first = perFolder.get(roots[0])!;
  const settings: CliSettings = {
    ...first,
    clockRules: [...perFolder.values()].flatMap((s) => s.clockRules),
    problems: [...perFolder.values()].flatMap((s) => s.problems),
  };
  const timeOptionsFor = (filePath: string | undefined): TimeOptions => {
    if (!filePath) return first.time;
    let best: string | undefined;
    for (const r of roots) if (filePath.startsWith(r) && (!best || r.length > best.length)) best = r;
    return (best ? perFolder.get(best)?.time : undefined) ?? first.time;
  };
  const registry = FormatRegistry.load([builtinFormatsDirectory(), ...settings.formatDirectories]);
  const pool = new IndexPool({
    extract: extractWithMarks,
    anchors: anchorsWithMarks,
    literals: literalsWithMarks,
    formatDirs: () => settings.formatDirectories,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const index = new WorkspaceIndex({
    pool,
    timeOptionsFor,
    ...(options.segmentLines ? { segmentLines: options.segmentLines } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  await index.setWorkspace(roots, settings.index ?? DEFAULT_INDEX_SETTINGS);
  await index.whenIdle();
  return {
    folders: roots,
    index,
    query: new IndexQuery({ index, pool, registry: () => registry }),
    registry,
    settings,
    timeOptionsFor,
    dispose: async () => {
      index.cancelAll();
      await pool.dispose();
    },
  };
}
