/**
 * The time parts of a record head, read without named groups. A match of a pattern with named groups
 * builds a groups object of every name (a dozen or more per head pattern) for each record, and the
 * record clock then reads it by name: per record that cost more than the match itself. Here each head
 * pattern is compiled once more with only its time parts capturing, unnamed (every other group made
 * `(?:...)`: the same regular expression otherwise, so the same matches, and no strings per match that
 * nobody reads), and the clock reads the time parts from the match array by number.
 */
import { firstMatchAt, HEAD_LIMIT, type CompiledFormat } from '../formats/compile';
import type { TimeParts } from '../time/timestamp';
import { unnameGroups, unnamedCopy } from '../util/unnamedGroups';

/** The parts the record clock reads, in this order. */
export const TIME_PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'fraction', 'zone', 'offset'] as const;
export type TimePartName = (typeof TIME_PARTS)[number];

/** A head pattern without group names, and the group number of each time part (0: not in the pattern). */
export interface HeadTimePattern {
  re: RegExp;
  part: Int32Array;
}

const TIME_PART_SET: ReadonlySet<string> = new Set(TIME_PARTS);

const cache = new WeakMap<RegExp, HeadTimePattern | null>();

/** The unnamed copy of one sticky head pattern, or null when it cannot be had (the named one is used). */
export function headTimePattern(sticky: RegExp): HeadTimePattern | null {
  let p = cache.get(sticky);
  if (p !== undefined) return p;
  p = null;
  const u = unnameGroups(sticky.source, TIME_PART_SET);
  if (u) {
    try {
      const re = new RegExp(u.source, sticky.flags.includes('y') ? sticky.flags : `${sticky.flags}y`);
      p = { re, part: Int32Array.from(TIME_PARTS, (name) => u.groups.get(name) ?? 0) };
    } catch {
      p = null;
    }
  }
  cache.set(sticky, p);
  return p;
}

/**
 * The head patterns of `format` unnamed, in its order; undefined when one of them cannot be (the caller
 * then uses the named patterns for this format).
 */
export function headTimePatterns(format: CompiledFormat): HeadTimePattern[] | undefined {
  const out: HeadTimePattern[] = [];
  for (const re of format.patternStickies) {
    const p = headTimePattern(re);
    if (!p) return undefined;
    out.push(p);
  }
  return out;
}

/**
 * Whether a line begins a record of `format`, for the record splitter: its head patterns with no group
 * capturing (the same regular expressions, so the same lines), tested as `matchPatternAt` tests them. A
 * test of a pattern with a dozen named groups tracked them all; the splitter tests a few lines for every
 * record it cuts. Undefined when a copy cannot be made (the named patterns are used).
 */
export function headTester(format: CompiledFormat): HeadTester | undefined {
  let tester = testers.get(format);
  if (tester !== undefined) return tester ?? undefined;
  tester = null;
  const copies = format.patternStickies.map((re) => unnamedCopy(re, NO_GROUPS)?.re);
  if (copies.every((re) => re !== undefined)) {
    const regexes = copies as RegExp[];
    tester = (text, start, end) => firstMatchAt(regexes, text, start, end) >= 0;
  }
  testers.set(format, tester);
  return tester ?? undefined;
}

export type HeadTester = (text: string, start: number, end: number) => boolean;

const testers = new WeakMap<CompiledFormat, HeadTester | null>();
const NO_GROUPS: ReadonlySet<string> = new Set();

/** A match of a head pattern at `start` of `text`, read no further than `end` nor HEAD_LIMIT characters. */
export function execHeadAt(
  patterns: readonly HeadTimePattern[],
  text: string,
  start: number,
  end: number,
): RegExpExecArray | undefined {
  if (patterns.length === 0) return undefined;
  const limit = Math.min(end, start + HEAD_LIMIT);
  const head = limit === text.length ? text : text.slice(0, limit);
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i]!;
    p.re.lastIndex = start;
    const m = p.re.exec(head);
    if (m) {
      lastPattern = p;
      return m;
    }
  }
  return undefined;
}

/** The pattern of the last match `execHeadAt` returned. */
export let lastPattern: HeadTimePattern | undefined;

/** The time parts of a match as an object (for the rare paths that want one). */
export function timeParts(m: RegExpExecArray, p: HeadTimePattern): TimeParts {
  const out: TimeParts = {};
  for (let k = 0; k < TIME_PARTS.length; k++) {
    const g = p.part[k]!;
    if (g > 0 && m[g] !== undefined) out[TIME_PARTS[k]!] = m[g];
  }
  return out;
}
