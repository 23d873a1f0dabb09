import { JSON_LIMITS } from './limits';

/** Where a JSON text that starts at `start` ends, found by counting brackets outside strings. */
export interface JsonExtent {
  start: number;
  /** Exclusive end: just after the closing bracket, or where reading stopped. */
  end: number;
  /** True when the opening bracket was closed within the limits. */
  closed: boolean;
  /** Why reading stopped before the text was closed, when a limit (not the end of the text) stopped it. */
  limit?: 'size' | 'depth';
}

/**
 * Finds the extent of the JSON value opening at `text[start]` (`{` or `[`), reading no further than
 * `end`. One linear pass; a raw
 * newline ends a string, since JSON strings cannot hold one and an unbalanced quote must not swallow
 * the rest of the record. Bracket kinds are not matched here: the parser reports mismatches.
 */
export function jsonExtent(text: string, start: number, end = text.length, limits = JSON_LIMITS): JsonExtent {
  const textEnd = Math.min(end, text.length);
  const stopAt = Math.min(textEnd, start + limits.maxChars);
  let depth = 0;
  let inString = false;
  for (let i = start; i < stopAt; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */ || c === 0x0a /* \n */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > limits.maxDepth) return { start, end: i, closed: false, limit: 'depth' };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth <= 0) return { start, end: i + 1, closed: true };
    }
  }
  if (stopAt < textEnd) return { start, end: stopAt, closed: false, limit: 'size' };
  let last = textEnd;
  while (last > start && /\s/.test(text[last - 1] ?? '')) last--;
  return { start, end: last, closed: false };
}
