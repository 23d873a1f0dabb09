/**
 * Turns the named time parts a format pattern captured (year, month, day, hour, minute, second,
 * fraction, zone, offset) into an absolute instant, filling what the line does not say from the
 * document's context and recording each assumption so a hover can show it.
 */
import { AMBIGUOUS_ZONES, formatOffset, parseOffset, resolveZone } from './zones';

export interface TimeParts {
  year?: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  second?: string;
  fraction?: string;
  zone?: string;
  offset?: string;
}

/** What the document and the settings know about times its lines leave out. */
export interface TimeContext {
  /** User overrides of zone abbreviations, e.g. { IST: '+05:30' }. */
  zoneOverrides?: Readonly<Record<string, string>>;
  /** Year for year-less stamps from the settings. */
  settingsYear?: number;
  /** Year found in the file's own stamps that carry one, or from the file's date. */
  inferredYear?: { year: number; source: string };
  /** Date given by a header line (dumplog `Events from ...`) above the line. */
  headerDate?: { year: number; month: number; day: number; line: number; offset?: string; label?: string };
  /** Offset assumed for stamps that carry no zone at all (dumplog). */
  zonelessOffset?: { minutes: number; source: string };
}

export interface ResolvedTime {
  /** Milliseconds since the epoch, UTC. */
  instant: number;
  /** Minutes east of UTC that the line's clock shows. */
  offsetMinutes: number;
  /** How the zone was written (`IST`, `+0530`, `GMT+0000`) or assumed. */
  zoneLabel: string;
  /** Human sentences, e.g. "time assumed IST = +05:30 (default; IST is ambiguous: ...)". */
  assumptions: string[];
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

export function monthNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  return (
    MONTHS[
      text
        .slice(0, 4)
        .toLowerCase()
        .replace(/[^a-z]/g, '')
    ] ?? MONTHS[text.slice(0, 3).toLowerCase()]
  );
}

export function resolveTime(parts: TimeParts, ctx: TimeContext): ResolvedTime | undefined {
  const assumptions: string[] = [];
  const hour = toInt(parts.hour);
  const minute = toInt(parts.minute);
  if (hour === undefined || minute === undefined || hour > 23 || minute > 59) return undefined;
  const second = toInt(parts.second) ?? 0;
  if (second > 60) return undefined;
  const millis = parts.fraction ? Math.round(Number('0.' + parts.fraction) * 1000) : 0;

  let year = toInt(parts.year);
  let month = parts.month !== undefined ? monthNumber(parts.month) : undefined;
  let day = toInt(parts.day);
  if (month === undefined || day === undefined) {
    if (parts.month === undefined && parts.day === undefined && ctx.headerDate) {
      ({ year, month, day } = ctx.headerDate);
      assumptions.push(
        `date ${isoDate(ctx.headerDate.year, ctx.headerDate.month, ctx.headerDate.day)} taken from the ${ctx.headerDate.label ?? '"Events from" header'} at line ${ctx.headerDate.line + 1}`,
      );
    } else {
      return undefined;
    }
  }
  if (month === undefined || day === undefined || day < 1 || day > 31) return undefined;
  if (year === undefined) {
    if (ctx.settingsYear !== undefined) {
      year = ctx.settingsYear;
      assumptions.push(`year ${year} taken from the setting ccLogs.defaultYear`);
    } else if (ctx.inferredYear) {
      year = ctx.inferredYear.year;
      assumptions.push(`year ${year} taken from ${ctx.inferredYear.source}`);
    } else {
      year = new Date().getUTCFullYear();
      assumptions.push(`year ${year} assumed (the line has none and nothing else in the file gives one)`);
    }
  } else if (year < 100) {
    year += 2000;
  }

  let offsetMinutes: number;
  let zoneLabel: string;
  if (parts.offset !== undefined) {
    const parsed = parseOffset(parts.offset);
    if (parsed === undefined) return undefined;
    offsetMinutes = parsed;
    zoneLabel = parts.offset;
  } else if (parts.zone !== undefined) {
    const resolved = resolveZone(parts.zone, ctx.zoneOverrides);
    if (!resolved) {
      offsetMinutes = ctx.zonelessOffset?.minutes ?? 0;
      zoneLabel = parts.zone;
      assumptions.push(
        `zone ${parts.zone} is unknown: assumed ${formatOffset(offsetMinutes)} (add it to the setting ccLogs.timeZones)`,
      );
    } else {
      offsetMinutes = resolved.offsetMinutes;
      zoneLabel = parts.zone;
      const ambiguity = AMBIGUOUS_ZONES[parts.zone.toUpperCase()];
      const from = resolved.source === 'setting' ? 'from the setting ccLogs.timeZones' : 'default table';
      assumptions.push(
        `time assumed ${parts.zone} = ${formatOffset(offsetMinutes)} (${from}${ambiguity && resolved.source === 'default' ? `; ${parts.zone} can mean ${ambiguity}` : ''})`,
      );
    }
  } else if (ctx.headerDate?.offset !== undefined && parseOffset(ctx.headerDate.offset) !== undefined) {
    offsetMinutes = parseOffset(ctx.headerDate.offset)!;
    zoneLabel = formatOffset(offsetMinutes);
    assumptions.push(
      `the line has no time zone: UTC${formatOffset(offsetMinutes)} taken from the ${ctx.headerDate.label ?? 'header'} at line ${ctx.headerDate.line + 1}`,
    );
  } else {
    offsetMinutes = ctx.zonelessOffset?.minutes ?? 0;
    zoneLabel = formatOffset(offsetMinutes);
    assumptions.push(
      `the line has no time zone: assumed ${formatOffset(offsetMinutes)} (${ctx.zonelessOffset?.source ?? 'default; set ccLogs.zonelessOffset'})`,
    );
  }

  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (Number.isNaN(local)) return undefined;
  return { instant: local - offsetMinutes * 60_000, offsetMinutes, zoneLabel, assumptions };
}

/** Formats an instant as the clock of a given offset shows it: `2018-08-06 09:32:39.144 +05:30`. */
export function formatInstant(instant: number, offsetMinutes: number): string {
  const d = new Date(instant + offsetMinutes * 60_000);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} ${formatOffset(offsetMinutes)}`;
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,4}$/.test(text)) return undefined;
  return Number(text);
}
