/**
 * How far before a literal a match of a pattern can begin: for a pattern every match of which holds
 * the literal (at a place the pattern spells it, on the one path every match takes), the longest text
 * the pattern can match before it. A search for such a pattern need not start further back than that
 * from the literal's first place: the text before holds no match (lookbehinds still see it). Read from
 * the pattern's syntax tree (regexpp); any construct this does not follow gives no answer.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type Element = AST.Element;

/**
 * Longest text `node` can match, in UTF-16 code units (Infinity when unbounded, a back-reference, or not
 * followed here). `unicode`: the `u` or `v` flag, under which a set or class may match a character of
 * two units.
 */
function maxWidth(node: Element | AST.Alternative, unicode: boolean): number {
  switch (node.type) {
    case 'Alternative': {
      let sum = 0;
      for (const e of node.elements) sum += maxWidth(e, unicode);
      return sum;
    }
    case 'Character':
      return node.value > 0xffff ? 2 : 1;
    case 'CharacterSet':
    case 'CharacterClass':
      if (node.type === 'CharacterClass' && node.unicodeSets) return Infinity;
      return unicode ? 2 : 1;
    case 'Assertion':
      return 0;
    case 'Group':
    case 'CapturingGroup': {
      let most = 0;
      for (const a of node.alternatives) most = Math.max(most, maxWidth(a, unicode));
      return most;
    }
    case 'Quantifier': {
      if (node.max === 0) return 0;
      const inner = maxWidth(node.element, unicode);
      return inner === 0 ? 0 : node.max === Infinity ? Infinity : node.max * inner;
    }
    default:
      return Infinity;
  }
}

/**
 * Longest text matched before `literal` on the path every match takes through `alternative`, or
 * undefined when the literal is not spelled there (nor in a group of one alternative, unquantified).
 */
function widthBefore(alternative: AST.Alternative, literal: string, unicode: boolean): number | undefined {
  const elements = alternative.elements;
  let before = 0;
  for (let i = 0; i < elements.length; i++) {
    if (spellsAt(elements, i, literal)) return before;
    const e = elements[i]!;
    if ((e.type === 'Group' || e.type === 'CapturingGroup') && e.alternatives.length === 1) {
      const inner = widthBefore(e.alternatives[0]!, literal, unicode);
      if (inner !== undefined) return before + inner;
    }
    before += maxWidth(e, unicode);
    if (before === Infinity) return undefined;
  }
  return undefined;
}

function spellsAt(elements: readonly Element[], i: number, literal: string): boolean {
  if (i + literal.length > elements.length) return false;
  for (let k = 0; k < literal.length; k++) {
    const e = elements[i + k]!;
    if (e.type !== 'Character' || e.value !== literal.codePointAt(k)) return false;
  }
  return true;
}

/**
 * The most characters a match of `source` (flags `flags`) can begin before the first place of one of
 * `literals` it holds, when every match holds each of them where the pattern spells it; undefined
 * when that cannot be told (a case-insensitive pattern, alternatives at the top, a literal in an
 * optional or repeated part, an unbounded width before it).
 */
export function reachBefore(source: string, flags: string, literals: readonly string[]): number | undefined {
  if (flags.includes('i') || literals.length === 0) return undefined;
  const unicode = flags.includes('u') || flags.includes('v');
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, {
      unicode: flags.includes('u'),
      unicodeSets: flags.includes('v'),
    });
  } catch {
    return undefined;
  }
  if (pattern.alternatives.length !== 1) return undefined;
  let most = 0;
  for (const literal of literals) {
    const w = widthBefore(pattern.alternatives[0]!, literal, unicode);
    if (w === undefined) return undefined;
    most = Math.max(most, w);
  }
  return most;
}
