/**
 * Timestamps in the shapes the products print, from a UTC instant and the zone offset the product
 * prints in. Calendar parts are cached per second: most lines of a busy log share their second, and
 * formatting dates is the costliest step of writing a line.
 */

import { MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS } from '../../../server/src/util/calendarNames';

const MONTHS = MONTH_ABBREVIATIONS;
const DAYS = WEEKDAY_ABBREVIATIONS;

export interface CalendarParts {
  year: number;
  month: number; // 0-based
  day: number;
  dayOfWeek: number;
  /** `HH:MM:SS` */
  hms: string;
  /** `YYYY-MM-DD` */
  ymd: string;
  /** Day number since 1970 in the local zone, to notice a new day. */
  localDay: number;
}

export class LocalClock {
  private cachedSecond = Number.NaN;
  private cached!: CalendarParts;

  /** @param offsetMinutes the zone the product prints, e.g. +330 for IST. */
  constructor(readonly offsetMinutes: number) {}

  parts(instant: number): CalendarParts {
    const second = Math.floor(instant / 1000);
    if (second !== this.cachedSecond) {
      this.cachedSecond = second;
      const local = new Date(second * 1000 + this.offsetMinutes * 60_000);
      const year = local.getUTCFullYear();
      const month = local.getUTCMonth();
      const day = local.getUTCDate();
      this.cached = {
        year,
        month,
        day,
        dayOfWeek: local.getUTCDay(),
        hms: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`,
        ymd: `${year}-${pad2(month + 1)}-${pad2(day)}`,
        localDay: Math.floor((second * 1000 + this.offsetMinutes * 60_000) / 86_400_000),
      };
    }
    return this.cached;
  }

  /** UCCX: `Aug 06 09:32:05.877 IST` (the zone label is appended by the caller). */
  uccx(instant: number): string {
    const p = this.parts(instant);
    return `${MONTHS[p.month]} ${pad2(p.day)} ${p.hms}.${ms3(instant)}`;
  }

  /** SocialMiner: `Aug 06 2018 09:32:05.497` (offset appended by the caller). */
  socialMiner(instant: number): string {
    const p = this.parts(instant);
    return `${MONTHS[p.month]} ${pad2(p.day)} ${p.year} ${p.hms}.${ms3(instant)}`;
  }

  /** Browser console: `Mon Aug 06 2018 09:32:13` (whole seconds). */
  browser(instant: number): string {
    const p = this.parts(instant);
    return `${DAYS[p.dayOfWeek]} ${MONTHS[p.month]} ${pad2(p.day)} ${p.year} ${p.hms}`;
  }

  /** ECE: `2019-08-19 13:34:09.773`. */
  iso(instant: number): string {
    const p = this.parts(instant);
    return `${p.ymd} ${p.hms}.${ms3(instant)}`;
  }

  /** dumplog: `15:34:09:841`. */
  dumplog(instant: number): string {
    return `${this.parts(instant).hms}:${ms3(instant)}`;
  }

  /** dumplog date header: `Events from August 19, 2019:`. */
  dumplogHeader(instant: number): string {
    const p = this.parts(instant);
    return `Events from ${MONTH_NAMES[p.month]} ${p.day}, ${p.year}:`;
  }

  /** File-name stamp `2018-08-06T09-20-05.344` (SocialMiner rolled logs). */
  fileStamp(instant: number): string {
    const p = this.parts(instant);
    return `${p.ymd}T${p.hms.replace(/:/g, '-')}.${ms3(instant)}`;
  }

  /** `190819` (dumplog text files named by the engineer after the day). */
  yymmdd(instant: number): string {
    const p = this.parts(instant);
    return `${pad2(p.year % 100)}${pad2(p.month + 1)}${pad2(p.day)}`;
  }
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function ms3(instant: number): string {
  const ms = (((instant % 1000) + 1000) % 1000) | 0;
  return ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms);
}

export function padNumber(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}
