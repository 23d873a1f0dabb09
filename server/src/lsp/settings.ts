/**
 * The `ccLogs.*` settings as the server uses them. Raw values arrive from the client per resource;
 * `settingsFrom` normalises anything malformed to the default instead of failing.
 */
import type { TimeOptions } from '../time/options';
import { formatOffset, parseOffset } from '../time/zones';

export interface Settings {
  /** Overrides of zone abbreviations: { "IST": "+05:30" }. */
  timeZones: Record<string, string>;
  /** Year for stamps that print none; undefined = infer from the file. */
  defaultYear: number | undefined;
  /** Offset assumed for logs that print no zone at all (dumplog), in minutes; undefined = UTC, said so. */
  zonelessOffsetMinutes: number | undefined;
  /** Extra directories with format descriptions (*.json). */
  formatDirectories: string[];
  /** MB of a large file's window (ccLogs.largeFiles.windowMB), 1 to 20. */
  largeFileWindowMB: number;
}

export const DEFAULT_SETTINGS: Settings = {
  timeZones: {},
  defaultYear: undefined,
  zonelessOffsetMinutes: undefined,
  formatDirectories: [],
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
