/**
 * The search hovers use to pair a line with its partners (a request with its response): lines of a
 * document matching a pattern, nearest to a given line first, at most 50,000 lines each way.
 *
 * Hovers on byte dumps ask for the same few patterns again and again (the response of each message
 * type) from different lines. So the lines each pattern matches are kept per document text, with
 * the range of lines already searched; a later search only reads the lines not searched yet. The
 * answer is the same as searching the window each time.
 */
import type { LineRef } from './types';
import type { LineIndex } from '../model/lines';
import { firstAtOrAbove } from '../util/search';

/** How far, in lines each way, a search for related lines looks. */
export const NEAR_WINDOW_LINES = 50_000;
/** Candidates collected (from the window's start) before the nearest are picked. */
const NEAR_MAX_CANDIDATES = 20_000;
/** Patterns whose matches are kept per document, the least recently used dropped first (at most 64 x 50,000 lines: a few MB). */
const MAX_PATTERNS = 64;
/** A pattern matching more lines than this is not kept (searched again each time). */
const MAX_KEPT_LINES = 50_000;
/** Lines of a family tried one by one at most (about as long as searching a whole window); more, and the pattern searches the text itself. */
const MAX_FAMILY_TRIED = 8000;
/** Characters of a line a match is verified on. */
const MAX_VERIFY_CHARS = 65_536;

interface Searched {
  /** Lines [from, to) were searched... */
  from: number;
  to: number;
  /** ...and these of them match, ascending. */
  lines: number[];
}

const searchedByText = new WeakMap<LineIndex, Map<string, Searched>>();

/**
 * Lines matching `pattern`, nearest to `around` first (the later one first at equal distance).
 * `family`: a broader pattern every line matching `pattern` matches too (any InvokeID field, for one
 * InvokeID). Its lines are kept like any pattern's, and when there are few of them only they are
 * tried: a search for one of many values then costs nothing after the first.
 */
export function findLinesNear(
  uri: string,
  lines: LineIndex,
  around: number,
  pattern: RegExp,
  limit: number,
  family?: RegExp,
): LineRef[] {
  if (lines.count === 0 || limit <= 0) return [];
  const from = Math.max(0, around - NEAR_WINDOW_LINES);
  const to = Math.min(lines.count, around + NEAR_WINDOW_LINES + 1);
  const candidates: number[] = [];
  for (const line of family
    ? linesOfFamily(lines, pattern, family, from, to)
    : matchingLines(lines, pattern, from, to)) {
    if (line === around) continue;
    candidates.push(line);
    if (candidates.length >= NEAR_MAX_CANDIDATES) break;
  }
  candidates.sort((x, y) => Math.abs(x - around) - Math.abs(y - around) || y - x);
  return candidates.slice(0, limit).map((line) => ({ uri, line, text: lines.lineText(line) }));
}

/** Lines of the family's few lines that match `pattern`, or a search of their own when the family is common. */
function linesOfFamily(lines: LineIndex, pattern: RegExp, family: RegExp, from: number, to: number): number[] {
  const members = matchingLines(lines, family, from, to);
  if (members.length > MAX_FAMILY_TRIED) return matchingLines(lines, pattern, from, to);
  const verify = new RegExp(pattern.source, pattern.flags.replace(/[gym]/g, ''));
  return members.filter((line) => verify.test(verifiedText(lines, line)));
}

/** The lines in [from, to) matching `pattern`, ascending, searching only lines not searched before. */
function matchingLines(lines: LineIndex, pattern: RegExp, from: number, to: number): number[] {
  const flags = pattern.flags.replace(/[gym]/g, '');
  const key = `${flags}/${pattern.source}`;
  let byPattern = searchedByText.get(lines);
  if (!byPattern) searchedByText.set(lines, (byPattern = new Map()));
  let known = byPattern.get(key);
  if (known) byPattern.delete(key);
  else known = { from, to: from, lines: [] };
  if (from < known.from) {
    known.lines = searchLines(lines, pattern.source, flags, from, known.from).concat(known.lines);
    known.from = from;
  }
  if (to > known.to) {
    // A window past the searched range also searches the lines in between: the range stays whole.
    const start = Math.max(known.to, known.from);
    known.lines = known.lines.concat(searchLines(lines, pattern.source, flags, start, to));
    known.to = to;
  }
  if (known.lines.length <= MAX_KEPT_LINES) {
    byPattern.set(key, known);
    if (byPattern.size > MAX_PATTERNS) byPattern.delete(byPattern.keys().next().value as string);
  }
  return known.lines.slice(firstAtOrAbove(known.lines, from), firstAtOrAbove(known.lines, to));
}

/**
 * Lines in [from, to) matching: one regular-expression scan over the text of those lines (the
 * engine skips ahead on the pattern's literals), each hit checked again on its own line.
 */
function searchLines(lines: LineIndex, source: string, flags: string, from: number, to: number): number[] {
  const found: number[] = [];
  if (to <= from) return found;
  const text = lines.text;
  const scan = new RegExp(source, `${flags}gm`);
  const verify = new RegExp(source, flags);
  const end = lines.end(to - 1);
  const window = end === text.length ? text : text.slice(0, end);
  scan.lastIndex = lines.start(from);
  for (let m = scan.exec(window); m !== null; m = scan.exec(window)) {
    const line = lines.lineAt(m.index);
    if (verify.test(verifiedText(lines, line))) found.push(line);
    // Go on from the next line: one hit per line is enough.
    if (line + 1 >= to) break;
    scan.lastIndex = lines.start(line + 1);
  }
  return found;
}

function verifiedText(lines: LineIndex, line: number): string {
  const s = lines.start(line);
  const e = lines.end(line);
  return lines.text.slice(s, Math.min(e, s + MAX_VERIFY_CHARS));
}
