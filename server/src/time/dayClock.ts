/**
 * The rules for logs that print the time of day only under a date header (dumplog: `Events from
 * Monday, August 06, 2018 ...` then `09:20:05 ...` lines): the header's date, and a day added each
 * time the clock jumps back by more than six hours (it passed midnight). One set of rules for the
 * record model of open documents and for the indexer's clock, so both date a line alike.
 */
import { monthNumber } from './timestamp';

export interface HeaderDate {
  year: number;
  month: number;
  day: number;
  /** UTC offset the header states for the stamps below it (`-05:00`), when it states one. */
  offset?: string;
  /** How hovers name the header (`FileHead line`); default `"Events from" header`. */
  label?: string;
}

/** A clock that jumps back by more than this crossed midnight. */
const MIDNIGHT_JUMP_SECONDS = 6 * 3600;

/** Where the clock stands: days passed since the header, and the time of day of the last record. */
export interface DayClockState {
  shift: number;
  lastSecondOfDay: number;
}

/** The date a date header's groups state, or undefined when they state none. */
export function headerDateOf(groups: Record<string, string | undefined>, label?: string): HeaderDate | undefined {
  const year = Number(groups.year);
  const month = groups.month ? monthNumber(groups.month) : undefined;
  const day = Number(groups.day);
  if (!year || !month || !day || day > 31) return undefined;
  return {
    year,
    month,
    day,
    ...(groups.offset ? { offset: groups.offset } : {}),
    ...(label ? { label } : {}),
  };
}

/**
 * Moves the clock by a record's head groups: only a record stamped with a time of day and no date of
 * its own (a date of its own owes nothing to the header) counts.
 */
export function followDayClock(state: DayClockState, groups: Record<string, string | undefined>): void {
  if (groups.month !== undefined || groups.hour === undefined || groups.minute === undefined) return;
  const sod = Number(groups.hour) * 3600 + Number(groups.minute) * 60 + Number(groups.second ?? 0);
  if (state.lastSecondOfDay >= 0 && sod + MIDNIGHT_JUMP_SECONDS < state.lastSecondOfDay) state.shift++;
  state.lastSecondOfDay = sod;
}

/** The header's date advanced by `shift` days (its offset and label kept). */
export function shiftedDate(header: HeaderDate, shift: number): HeaderDate {
  const d = new Date(Date.UTC(header.year, header.month - 1, header.day + shift));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    ...(header.offset ? { offset: header.offset } : {}),
    ...(header.label ? { label: header.label } : {}),
  };
}
