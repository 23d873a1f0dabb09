/**
 * Hover for the head of a record: its timestamp (the instant in UTC and on the line's own clock,
 * with every assumption made), severity, and the field under the cursor as the format describes it.
 */
import type { FieldRange, ParsedRecord } from '../model/logModel';
import { severityName } from '../formats/severity';
import { escapeMarkdown, inlineCode } from '../render/markdown';
import { formatInstant } from '../time/timestamp';

const TIME_PARTS = new Set([
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fraction',
  'zone',
  'offset',
  'weekday',
  'zoneName',
]);
const HIDDEN = new Set(['message']);

export interface HeadSpan {
  start: number;
  end: number;
  kind: 'time' | 'field';
  field?: FieldRange;
}

/** The head spans of a record's first line: one span for the whole timestamp, one per other field. */
export function headSpans(record: ParsedRecord): HeadSpan[] {
  const spans: HeadSpan[] = [];
  const timeFields = record.fields.filter((f) => TIME_PARTS.has(f.name));
  if (timeFields.length > 0) {
    spans.push({
      start: Math.min(...timeFields.map((f) => f.start)),
      end: Math.max(...timeFields.map((f) => f.end)),
      kind: 'time',
    });
  }
  for (const f of record.fields) {
    if (TIME_PARTS.has(f.name) || HIDDEN.has(f.name) || f.end <= f.start) continue;
    spans.push({ start: f.start, end: f.end, kind: 'field', field: f });
  }
  return spans;
}

/** The innermost head span containing `character`, if any. */
export function headSpanAt(record: ParsedRecord, character: number): HeadSpan | undefined {
  let best: HeadSpan | undefined;
  for (const s of headSpans(record)) {
    if (character >= s.start && character <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

export function renderHead(record: ParsedRecord, span: HeadSpan): string {
  const out: string[] = [];
  if (span.kind === 'time') {
    out.push(`**Time** · ${escapeMarkdown(record.format.def.title)}`);
    if (record.time) {
      const t = record.time;
      out.push(
        '',
        `- UTC: ${inlineCode(formatInstant(t.instant, 0))}`,
        `- Line's clock: ${inlineCode(formatInstant(t.instant, t.offsetMinutes))} (${escapeMarkdown(t.zoneLabel)})`,
        `- Epoch: ${inlineCode(String(t.instant))} ms`,
      );
      if (t.assumptions.length > 0) {
        out.push('', '*Assumed:*');
        for (const a of t.assumptions) out.push(`- ${escapeMarkdown(a)}`);
      }
    } else {
      out.push(
        '',
        'This stamp does not give an instant: a date or zone is missing and nothing in the file supplies it.',
      );
    }
  } else if (span.field) {
    const f = span.field;
    const description = record.format.def.fields?.[f.name]?.description;
    out.push(`**${escapeMarkdown(f.name)}** ${inlineCode(f.text)}`);
    const values = record.format.def.fields?.[f.name]?.values;
    const key = f.text.toLowerCase();
    const meaning = values ? (values[key] ?? values[key.replace(/\d{1,3}$/, '')]) : undefined;
    if (typeof meaning === 'string') out.push('', `${inlineCode(f.text)}: ${escapeMarkdown(meaning)}`);
    if (description) out.push('', escapeMarkdown(description));
    if (f.name === 'level') out.push('', `Severity: ${escapeMarkdown(severityName(record.severity))}`);
  }
  out.push(
    '',
    `*${escapeMarkdown(record.format.def.product)} · ${escapeMarkdown(severityName(record.severity))} · record of ${record.endLine - record.startLine + 1} line(s)*`,
  );
  return out.join('\n');
}
