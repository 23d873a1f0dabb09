/**
 * Hovers for `java.util.GregorianCalendar[time=...,...]` dumps: the instant of `time=` in UTC and
 * in the line's zone, the calendar's own zone, and whether the broken-down fields agree with it.
 */

import { formatOffset, formatWallClock } from '../decode/epoch';
import {
  DAY_OF_WEEK_NAMES,
  findGregorianCalendars,
  MONTH_NAMES,
  type GregorianCalendarDump,
} from '../decode/gregorian';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, table, type Cell, problemList } from '../render/markdown';
import { instantRows } from './epoch';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

export function renderGregorianCalendar(decoded: Decoded<GregorianCalendarDump>, ctx: ExplainContext): string {
  const cal = decoded.value;
  const out: string[] = [];
  let title = `**Java calendar** ${inlineCode(cal.className)}`;
  if (cal.time !== undefined) title += ` ${inlineCode(`time=${cal.time}`)}`;
  if (!cal.closed) title += ` ${escapeMarkdown('(cut off)')}`;
  out.push(title);

  const rows: Cell[][] = cal.time !== undefined ? instantRows(cal.time, ctx) : [];
  const f = cal.fields;
  const zoneMs = f.ZONE_OFFSET !== undefined ? f.ZONE_OFFSET + (f.DST_OFFSET ?? 0) : cal.zoneRawOffsetMs;
  const zoneText = [cal.zoneId, zoneMs !== undefined ? `UTC${formatOffset(zoneMs / 60_000)}` : undefined]
    .filter(Boolean)
    .join(', ');
  if (zoneText) rows.push(["Calendar's zone", zoneText]);
  if (cal.time !== undefined && zoneMs !== undefined)
    rows.push(["In the calendar's zone", formatWallClock(cal.time, zoneMs / 60_000)]);
  if (f.YEAR !== undefined && f.MONTH !== undefined && f.DAY_OF_MONTH !== undefined) {
    const month = MONTH_NAMES[f.MONTH] ?? `month ${f.MONTH}`;
    let fields = `${f.YEAR} ${month} ${f.DAY_OF_MONTH} (MONTH=${f.MONTH} is 0-based)`;
    if (f.DAY_OF_WEEK !== undefined)
      fields += `, ${DAY_OF_WEEK_NAMES[f.DAY_OF_WEEK] ?? '?'} (DAY_OF_WEEK=${f.DAY_OF_WEEK})`;
    rows.push(['Date fields', fields]);
  }
  if (f.HOUR_OF_DAY !== undefined) {
    const time = [f.HOUR_OF_DAY, f.MINUTE ?? 0, f.SECOND ?? 0].map((n) => String(n).padStart(2, '0')).join(':');
    rows.push(['Time fields', `${time}.${String(f.MILLISECOND ?? 0).padStart(3, '0')}`]);
  }
  if (cal.fieldsInstant !== undefined && cal.time !== undefined) {
    rows.push(['Fields agree with time=', cal.fieldsInstant === cal.time ? 'yes' : 'no (see problems)']);
  }
  if (cal.lenient !== undefined) rows.push(['Lenient', String(cal.lenient)]);
  out.push(table(['Item', 'Value'], rows));
  if (decoded.problems.length > 0) {
    out.push(problemList(decoded.problems));
  }
  return out.join('\n\n');
}

export const gregorianExplainer: Explainer = {
  id: 'gregorian-calendar',
  find(record: string): ExplainMatch[] {
    return findGregorianCalendars(record).map((decoded) => ({
      start: decoded.value.start,
      end: decoded.value.end,
      render: (ctx: ExplainContext) => renderGregorianCalendar(decoded, ctx),
    }));
  },
};
