/**
 * Hovers for epoch times written as numbers after a time-named key (`publishedDate=1533528158684`,
 * `<statusTimestamp>…</statusTimestamp>`, `endTime=-1`): the instant in UTC, in the line's own
 * zone, and how far it lies from the line's own timestamp.
 */

import {
  describeDistance,
  findEpochFields,
  formatOffset,
  formatUtc,
  formatWallClock,
  type EpochField,
} from '../decode/epoch';
import { escapeMarkdown, inlineCode, table, type Cell } from '../render/markdown';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

/** True for labels that only restate an offset (`+0530`, `GMT+0000`, `UTC-04:00`). */
function isOffsetLabel(label: string): boolean {
  return /^(?:GMT|UTC)?(?:[+-]\d{1,2}:?\d{2})?$/.test(label);
}

/** The zone of the line as shown to the reader: `IST (UTC+05:30)`, or just `UTC+05:30`. */
export function lineZoneName(ctx: ExplainContext): string | undefined {
  if (ctx.zoneOffsetMinutes === undefined) return undefined;
  const utc = `UTC${formatOffset(ctx.zoneOffsetMinutes)}`;
  return ctx.zoneLabel && !isOffsetLabel(ctx.zoneLabel) ? `${ctx.zoneLabel} (${utc})` : utc;
}

/** Table rows for one instant: UTC, the line's zone, and the distance from the line's own time. */
export function instantRows(ms: number, ctx: ExplainContext): Cell[][] {
  const rows: Cell[][] = [['UTC', formatUtc(ms)]];
  const zone = lineZoneName(ctx);
  if (zone !== undefined && ctx.zoneOffsetMinutes !== undefined) {
    rows.push([`Line's zone, ${zone}`, formatWallClock(ms, ctx.zoneOffsetMinutes)]);
  }
  if (ctx.instant !== undefined) rows.push(['From this line', describeDistance(ms, ctx.instant)]);
  return rows;
}

/** One-line plain-text summary of an instant, for table cells: `2018-08-06T04:02:38.684Z · 09:32:38.684 IST`. */
export function instantSummary(ms: number, ctx: ExplainContext): string {
  const parts = [formatUtc(ms)];
  if (ctx.zoneOffsetMinutes !== undefined) {
    const wall = formatWallClock(ms, ctx.zoneOffsetMinutes).slice(11);
    const label =
      ctx.zoneLabel && !isOffsetLabel(ctx.zoneLabel) ? ctx.zoneLabel : `UTC${formatOffset(ctx.zoneOffsetMinutes)}`;
    parts.push(`${wall} ${label}`);
  }
  if (ctx.instant !== undefined) parts.push(describeDistance(ms, ctx.instant));
  return parts.join(' · ');
}

export function renderEpochField(field: EpochField, ctx: ExplainContext): string {
  const unit = field.unit === 'ms' ? 'milliseconds' : 'seconds';
  const title = `**${escapeMarkdown(field.key)}** ${inlineCode(field.raw)}`;
  if (field.notSet || field.instant === undefined) {
    return (
      `${title}: not set.\n\n` +
      escapeMarkdown(
        '-1 after a time key means the time has not happened yet (for example the end of a contact that is still open).',
      )
    );
  }
  return `${title}: epoch time in ${unit}\n\n${table(['Clock', 'Time'], instantRows(field.instant, ctx))}`;
}

export const epochExplainer: Explainer = {
  id: 'epoch',
  find(record: string): ExplainMatch[] {
    return findEpochFields(record).map((field) => ({
      start: field.start,
      end: field.end,
      render: (ctx: ExplainContext) => renderEpochField(field, ctx),
    }));
  },
};
