/**
 * The `ccLogs.*` settings as the server uses them. Raw values arrive from the client per resource;
 * `settingsFrom` normalises anything malformed to the default instead of failing.
 */
import { CATEGORIES, DEFAULT_DIAGNOSTICS_OPTIONS, type Category } from '../diagnostics/compute';
import type { TimeOptions } from '../time/options';
import { clockRulesFrom, type ClockRule } from '../timeline/clock';
import { formatOffset, parseOffset } from '../time/zones';

/** `ccLogs.diagnostics.*`: which problems are shown, where and how many. */
export interface DiagnosticsSettings {
  enabled: Record<Category, boolean>;
  maxPerFile: number;
  /** `openFiles`: problems of open log files; `workspace`: of every indexed file. */
  scope: 'openFiles' | 'workspace';
  responseTimeoutMs: number;
  clockToleranceMs: number;
}

export const DEFAULT_DIAGNOSTICS_SETTINGS: DiagnosticsSettings = {
  enabled: { ...DEFAULT_DIAGNOSTICS_OPTIONS.enabled },
  maxPerFile: DEFAULT_DIAGNOSTICS_OPTIONS.maxPerFile,
  scope: 'openFiles',
  responseTimeoutMs: DEFAULT_DIAGNOSTICS_OPTIONS.responseTimeoutMs,
  clockToleranceMs: 5000,
};

function diagnosticsFrom(raw: unknown): DiagnosticsSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_DIAGNOSTICS_SETTINGS;
  const int = (v: unknown, min: number, max: number, def: number): number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? Math.floor(v) : def;
  const enabled = { ...d.enabled };
  for (const c of CATEGORIES) if (typeof r[c] === 'boolean') enabled[c] = r[c] as boolean;
  return {
    enabled,
    maxPerFile: int(r.maxPerFile, 0, 100_000, d.maxPerFile),
    scope: r.scope === 'workspace' ? 'workspace' : 'openFiles',
    responseTimeoutMs: int(r.responseTimeoutMs, 1, 86_400_000, d.responseTimeoutMs),
    clockToleranceMs: int(r.clockToleranceMs, 0, 86_400_000, d.clockToleranceMs),
  };
}

export interface Settings {
  /** Overrides of zone abbreviations: { "IST": "+05:30" }. */
  timeZones: Record<string, string>;
  /** Year for stamps that print none; undefined = infer from the file. */
  defaultYear: number | undefined;
  /** Offset assumed for logs that print no zone at all (dumplog), in minutes; undefined = UTC, said so. */
  zonelessOffsetMinutes: number | undefined;
  /** Extra directories with format descriptions (*.json). */
  formatDirectories: string[];
  diagnostics: DiagnosticsSettings;
  /** `ccLogs.clockOffsets`: corrections of hosts' or files' clocks (malformed entries left out). */
  clockOffsets: ClockRule[];
  /** MB of a large file's window (ccLogs.largeFiles.windowMB), 1 to 20. */
  largeFileWindowMB: number;
}

export const DEFAULT_SETTINGS: Settings = {
  timeZones: {},
  defaultYear: undefined,
  zonelessOffsetMinutes: undefined,
  formatDirectories: [],
  diagnostics: DEFAULT_DIAGNOSTICS_SETTINGS,
  clockOffsets: [],
  largeFileWindowMB: 4,
};

export function settingsFrom(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const timeZones: Record<string, string> = {};
  if (typeof r.timeZones === 'object' && r.timeZones !== null) {
    for (const [k, v] of Object.entries(r.timeZones as Record<string, unknown>)) {
      if (typeof v === 'string' && parseOffset(v) !== undefined && /^[A-Za-z]{1,6}$/.test(k))
        timeZones[k.toUpperCase()] = v;
    }
  }
  const year =
    typeof r.defaultYear === 'number' &&
    Number.isInteger(r.defaultYear) &&
    r.defaultYear >= 1990 &&
    r.defaultYear <= 2100
      ? r.defaultYear
      : undefined;
  const zoneless =
    typeof r.zonelessOffset === 'string' && r.zonelessOffset.trim() !== '' ? parseOffset(r.zonelessOffset) : undefined;
  const formats = (r.formats ?? {}) as Record<string, unknown>;
  const dirs = Array.isArray(formats.directories)
    ? formats.directories.filter((d): d is string => typeof d === 'string')
    : [];
  const large = (r.largeFiles ?? {}) as Record<string, unknown>;
  const windowMB =
    typeof large.windowMB === 'number' && Number.isFinite(large.windowMB)
      ? Math.min(20, Math.max(1, large.windowMB))
      : DEFAULT_SETTINGS.largeFileWindowMB;
  return {
    timeZones,
    defaultYear: year,
    zonelessOffsetMinutes: zoneless,
    formatDirectories: dirs,
    diagnostics: diagnosticsFrom(r.diagnostics),
    clockOffsets: clockRulesFrom(r.clockOffsets).rules,
    largeFileWindowMB: windowMB,
  };
}

/** The time rules the settings give, the same for open documents and the index. */
export function timeOptionsOf(s: Settings): TimeOptions {
  return {
    zoneOverrides: s.timeZones,
    ...(s.defaultYear !== undefined ? { settingsYear: s.defaultYear } : {}),
    ...(s.zonelessOffsetMinutes !== undefined
      ? {
          zonelessOffset: {
            minutes: s.zonelessOffsetMinutes,
            source: `setting ccLogs.zonelessOffset = ${formatOffset(s.zonelessOffsetMinutes)}`,
          },
        }
      : {}),
  };
}
