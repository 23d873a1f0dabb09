/**
 * Builds a regular expression and its numbered `captures` together, so capture numbers never drift
 * when a pattern gains or loses a group. A pattern is a list of parts:
 * - a string: plain regex text that must not open a capturing group;
 * - a Piece: one capturing group with a scope (and optionally patterns that re-tokenise it);
 * - a Group: a capturing group around further parts, with its own scope (e.g. the whole timestamp).
 */
import type { Captures, MatchRule, Rule } from './model';

export interface Piece {
  re: string;
  scope?: string;
  optional?: boolean;
  patterns?: Rule[];
}

export interface Group {
  group: Part[];
  scope?: string;
  optional?: boolean;
}

export type Part = string | Piece | Group;

export interface Composed {
  regex: string;
  captures: Captures;
}

/**
 * Calls `visit` with each character of `re` that has a regex meaning: escaped characters and the
 * members of character classes are skipped. `visit` returns true to stop the walk early.
 */
export function forEachSyntaxChar(re: string, visit: (c: string, i: number) => boolean | void): void {
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // a `]` right after `[` or `[^` is a literal member of the class
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (visit(c, i)) return;
  }
}

/** Number of capturing groups opened in `re`: `(` not escaped, not in a class, not followed by `?`. */
export function countCapturingGroups(re: string): number {
  let count = 0;
  forEachSyntaxChar(re, (c, i) => {
    if (c !== '(') return;
    if (re[i + 1] !== '?') count++;
    else if (re[i + 2] === '<' && re[i + 3] !== '=' && re[i + 3] !== '!') count++; // (?<name>...)
  });
  return count;
}

export function compose(parts: Part[]): Composed {
  const captures: Captures = {};
  let next = 1;
  const render = (list: Part[]): string =>
    list
      .map((part) => {
        if (typeof part === 'string') {
          if (countCapturingGroups(part) !== 0) {
            throw new Error(`plain regex text must not open a capturing group: ${part}`);
          }
          return part;
        }
        const index = next++;
        const body = 'group' in part ? render(part.group) : part.re;
        if (!('group' in part) && countCapturingGroups(part.re) !== 0) {
          throw new Error(`a piece must not open its own capturing group: ${part.re}`);
        }
        const capture: Captures[string] = {};
        if (part.scope) capture.name = part.scope;
        if ('patterns' in part && part.patterns) capture.patterns = part.patterns;
        if (capture.name || capture.patterns) captures[String(index)] = capture;
        return `(${body})${part.optional ? '?' : ''}`;
      })
      .join('');
  const regex = render(parts);
  return { regex, captures };
}

/** A match rule from parts; `name` scopes the whole match. */
export function matchRule(comment: string, parts: Part[], name?: string): MatchRule {
  const { regex, captures } = compose(parts);
  const rule: MatchRule = { comment, match: regex };
  if (name) rule.name = name;
  if (Object.keys(captures).length > 0) rule.captures = captures;
  return rule;
}

/** Non-capturing alternation of regex texts. */
export function anyOf(...alternatives: string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** `begin` and `beginCaptures` of a region, from one list of parts. */
export function beginWith(parts: Part[]): { begin: string; beginCaptures?: Captures } {
  const { regex, captures } = compose(parts);
  return Object.keys(captures).length > 0 ? { begin: regex, beginCaptures: captures } : { begin: regex };
}
