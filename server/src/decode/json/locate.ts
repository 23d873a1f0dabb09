import { jsonExtent, type JsonExtent } from './extent';
import { JSON_LIMITS } from './limits';
import { parseJson } from './parse';

/** A JSON text inside a record: [start, end) offsets into the record. */
export type JsonSpan = JsonExtent;

/** How far past an opening bracket whitespace is skipped to see what the value starts with. */
const LOOKAHEAD = 256;

/**
 * Finds the JSON objects and arrays written in a record: after text on the same line
 * (`Response: {...}`), on lines of their own, pretty-printed over many lines, or cut off at the end
 * of the record. An object must start with `{"`; an array (log text is full of `[...]`) must start
 * with a string or container and parse without error. Spans never overlap; nested values belong to
 * their outermost span. Linear in the record length, bounded by the JSON limits.
 */
export function findJsonSpans(record: string): JsonSpan[] {
  const spans: JsonSpan[] = [];
  const scanEnd = Math.min(record.length, JSON_LIMITS.maxChars);
  // Rejected array candidates are scanned and thrown away; this caps that waste on hostile input.
  const budget = { chars: 4 * JSON_LIMITS.maxChars };
  let from = 0;
  while (spans.length < JSON_LIMITS.maxSpansPerRecord && budget.chars > 0) {
    const at = nextOpening(record, from, scanEnd);
    if (at < 0) break;
    const span = record[at] === '{' ? objectAt(record, at) : arrayAt(record, at, budget);
    if (span) {
      spans.push(span);
      from = Math.max(span.end, at + 1);
    } else {
      from = at + 1;
    }
  }
  return spans;
}

function nextOpening(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return i;
  }
  return -1;
}

function objectAt(record: string, at: number): JsonSpan | undefined {
  const first = nextSignificant(record, at + 1);
  if (record[first] !== '"') return undefined;
  return jsonExtent(record, at);
}

function arrayAt(record: string, at: number, budget: { chars: number }): JsonSpan | undefined {
  const first = nextSignificant(record, at + 1);
  const c = record[first];
  const startsLikeJson = c === '"' || c === '[' || (c === '{' && record[nextSignificant(record, first + 1)] === '"');
  if (!startsLikeJson) return undefined;
  const extent = jsonExtent(record, at);
  budget.chars -= extent.end - at;
  if (!extent.closed) return undefined;
  budget.chars -= extent.end - at;
  return parseJson(record, at, extent.end).complete ? extent : undefined;
}

function nextSignificant(text: string, from: number): number {
  const end = Math.min(text.length, from + LOOKAHEAD);
  let i = from;
  while (i < end && /\s/.test(text[i] ?? '')) i++;
  return i;
}
