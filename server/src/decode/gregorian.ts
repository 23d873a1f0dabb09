/**
 * `java.util.GregorianCalendar[time=1533528214299,areFieldsSet=true,...,zone=sun.util.calendar.ZoneInfo[id="GMT",...],
 * ...,YEAR=2018,MONTH=7,...,ZONE_OFFSET=0,DST_OFFSET=0]` as printed by `Calendar.toString()`, for
 * example in UCCX's TRDR historical records (`ratingTime=`).
 *
 * `time=` is the instant (ms since the epoch). The upper-case fields are the same instant broken
 * down in the calendar's zone; MONTH is 0-based (7 = August) and DAY_OF_WEEK runs from 1 = Sunday.
 * Java prints `?` for a field that is not computed. The two are cross-checked, and a mismatch is a
 * problem (fields can be stale when `areFieldsSet=false`).
 */

import { parseJavaToString } from './javaToString/parse';
import { entryValue, scalarText } from './javaToString/query';
import type { JavaObject } from './javaToString/types';
import { formatOffset, formatUtc, formatWallClock } from './epoch';
import type { Decoded } from './result';

export const CALENDAR_FIELDS = [
  'ERA',
  'YEAR',
  'MONTH',
  'WEEK_OF_YEAR',
  'WEEK_OF_MONTH',
  'DAY_OF_MONTH',
  'DAY_OF_YEAR',
  'DAY_OF_WEEK',
  'DAY_OF_WEEK_IN_MONTH',
  'AM_PM',
  'HOUR',
  'HOUR_OF_DAY',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'ZONE_OFFSET',
  'DST_OFFSET',
] as const;
export type CalendarFieldName = (typeof CALENDAR_FIELDS)[number];

export { MONTH_NAMES } from '../util/calendarNames';
/** Index = Java's DAY_OF_WEEK (1 = Sunday). */
export const DAY_OF_WEEK_NAMES = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface GregorianCalendarDump {
  /** Class name as written (`java.util.GregorianCalendar`). */
  className: string;
  /** [start, end) of the dump in the text it was read from. */
  start: number;
  end: number;
  /** False when the text ended before the closing `]`. */
  closed: boolean;
  /** `time=`: the calendar's instant in ms since the epoch. */
  time?: number;
  /** `id` of the nested `ZoneInfo` (quotes removed), e.g. `GMT`, `Asia/Kolkata`. */
  zoneId?: string;
  /** `offset` of the nested `ZoneInfo`: the zone's raw offset in ms. */
  zoneRawOffsetMs?: number;
  /** `lenient=` (also read from the misspelt `lienient=` seen in published logs). */
  lenient?: boolean;
  areFieldsSet?: boolean;
  /** The upper-case fields as numbers; a field printed as `?` (not computed) is absent. */
  fields: Partial<Record<CalendarFieldName, number>>;
  /** The instant the broken-down fields give: their wall clock minus ZONE_OFFSET and DST_OFFSET. */
  fieldsInstant?: number;
}

const CLASS_NAMES = /(?:^|\.)(?:GregorianCalendar|BuddhistCalendar|JapaneseImperialCalendar)$/;

/** Reads the calendar dump that starts at `start` (its class name); undefined if there is none. */
export function parseGregorianCalendar(text: string, start = 0): Decoded<GregorianCalendarDump> | undefined {
  const dump = parseJavaToString(text, start);
  if (!dump || !CLASS_NAMES.test(dump.value.className)) return undefined;
  return interpretCalendar(text, dump);
}

/** Upper bound on calendars reported for one text. */
export const MAX_CALENDARS = 100;

/** Every calendar dump in `text` that is not nested inside another calendar. Linear in the text length. */
export function findGregorianCalendars(text: string): Decoded<GregorianCalendarDump>[] {
  const found: Decoded<GregorianCalendarDump>[] = [];
  // Look only where a calendar can start, rather than reading every dump of the record.
  let from = 0;
  while (found.length < MAX_CALENDARS) {
    const at = text.indexOf('Calendar[', from);
    if (at < 0) break;
    let start = at;
    while (start > 0 && at - start < 256 && /[\w$.]/.test(text[start - 1])) start--;
    from = at + 1;
    if (!CLASS_NAMES.test(text.slice(start, at + 'Calendar'.length))) continue;
    const dump = parseJavaToString(text, start, MAX_CALENDAR_CHARS);
    if (!dump) continue;
    found.push(interpretCalendar(text, dump));
    from = Math.max(from, dump.value.end);
  }
  return found;
}

/** A calendar dump is about 600 characters; this leaves room for odd zones and wrapping. */
const MAX_CALENDAR_CHARS = 16 * 1024;

function interpretCalendar(text: string, dump: Decoded<JavaObject>): Decoded<GregorianCalendarDump> {
  const obj = dump.value;
  const problems = [...dump.problems];
  const value: GregorianCalendarDump = {
    className: obj.className,
    start: obj.start,
    end: obj.end,
    closed: obj.closed,
    fields: {},
  };

  const time = scalarText(entryValue(obj, 'time'));
  if (time !== undefined && /^-?\d{1,16}$/.test(time)) value.time = Number(time);
  else
    problems.push(
      `expected time=<milliseconds since the epoch>, found ${time === undefined ? 'no time field' : `'${time}'`}`,
    );

  const lenient = scalarText(entryValue(obj, 'lenient') ?? entryValue(obj, 'lienient'));
  if (lenient === 'true' || lenient === 'false') value.lenient = lenient === 'true';
  const fieldsSet = scalarText(entryValue(obj, 'areFieldsSet'));
  if (fieldsSet === 'true' || fieldsSet === 'false') value.areFieldsSet = fieldsSet === 'true';

  const zone = entryValue(obj, 'zone');
  if (zone?.kind === 'object') {
    const id = scalarText(entryValue(zone, 'id'));
    if (id !== undefined) value.zoneId = id.replace(/^"(.*)"$/, '$1');
    const offset = scalarText(entryValue(zone, 'offset'));
    if (offset !== undefined && /^-?\d{1,9}$/.test(offset)) value.zoneRawOffsetMs = Number(offset);
  }

  readFields(text, obj, value.fields);
  checkFields(value, problems);
  return { value, problems };
}

// A field anywhere in the dump, for when the structured read did not give it as a plain number
// (for example a dump whose lines were broken by other text).
const LOOSE_FIELD = /(?<![\w$])([A-Z][A-Z_]{1,23})=(-?\d{1,13}|\?)(?![\w])/g;

function readFields(text: string, obj: JavaObject, into: Partial<Record<CalendarFieldName, number>>): void {
  const wanted = new Set<string>(CALENDAR_FIELDS);
  const seen = new Set<string>();
  for (const entry of obj.entries) {
    if (entry.name === undefined || !wanted.has(entry.name)) continue;
    const raw = scalarText(entry.value);
    if (raw === '?') seen.add(entry.name);
    else if (raw !== undefined && /^-?\d{1,13}$/.test(raw)) {
      into[entry.name as CalendarFieldName] = Number(raw);
      seen.add(entry.name);
    }
  }
  if (seen.size === wanted.size) return;
  const loose = new RegExp(LOOSE_FIELD.source, 'g');
  const span = text.slice(obj.start, obj.end);
  let m: RegExpExecArray | null;
  while ((m = loose.exec(span)) !== null) {
    const name = m[1];
    if (!wanted.has(name) || seen.has(name)) continue;
    seen.add(name);
    if (m[2] !== '?') into[name as CalendarFieldName] = Number(m[2]);
  }
}

function checkFields(cal: GregorianCalendarDump, problems: string[]): void {
  const f = cal.fields;
  if (f.ERA === 0) return; // BC dates: the proleptic arithmetic below does not apply.
  const { YEAR, MONTH, DAY_OF_MONTH, HOUR_OF_DAY, MINUTE, SECOND, MILLISECOND } = f;
  if (YEAR === undefined || MONTH === undefined || DAY_OF_MONTH === undefined) return;
  if (MONTH < 0 || MONTH > 11) problems.push(`expected MONTH between 0 (January) and 11 (December), found ${MONTH}`);
  const zoneMs = (f.ZONE_OFFSET ?? 0) + (f.DST_OFFSET ?? 0);
  const wall = Date.UTC(YEAR, MONTH, DAY_OF_MONTH, HOUR_OF_DAY ?? 0, MINUTE ?? 0, SECOND ?? 0, MILLISECOND ?? 0);
  if (Number.isNaN(wall)) return;
  const fieldsInstant = wall - zoneMs;
  cal.fieldsInstant = fieldsInstant;
  const offsetText = `UTC${formatOffset(zoneMs / 60_000)}`;
  if (cal.time !== undefined && HOUR_OF_DAY !== undefined && fieldsInstant !== cal.time) {
    problems.push(
      `expected the fields to give time=${cal.time} (${formatWallClock(cal.time, zoneMs / 60_000)} ${offsetText}), ` +
        `found ${formatWallClock(fieldsInstant, zoneMs / 60_000)} ${offsetText} (${formatUtc(fieldsInstant)})` +
        (cal.areFieldsSet === false ? '; areFieldsSet=false, so the fields may be stale' : ''),
    );
  }
  if (f.DAY_OF_WEEK !== undefined) {
    const actual = new Date(wall).getUTCDay() + 1;
    if (actual !== f.DAY_OF_WEEK) {
      problems.push(
        `expected DAY_OF_WEEK=${actual} (${DAY_OF_WEEK_NAMES[actual]}) for ${YEAR}-${MONTH + 1}-${DAY_OF_MONTH}, found ${f.DAY_OF_WEEK}`,
      );
    }
  }
  if (
    f.HOUR !== undefined &&
    f.AM_PM !== undefined &&
    HOUR_OF_DAY !== undefined &&
    f.HOUR + 12 * f.AM_PM !== HOUR_OF_DAY
  ) {
    problems.push(
      `expected HOUR=${f.HOUR} with AM_PM=${f.AM_PM} to match HOUR_OF_DAY, found HOUR_OF_DAY=${HOUR_OF_DAY}`,
    );
  }
  if (cal.zoneRawOffsetMs !== undefined && f.ZONE_OFFSET !== undefined && cal.zoneRawOffsetMs !== f.ZONE_OFFSET) {
    problems.push(`expected ZONE_OFFSET to equal the zone's offset ${cal.zoneRawOffsetMs}, found ${f.ZONE_OFFSET}`);
  }
}
