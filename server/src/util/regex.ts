/**
 * Regular-expression helpers shared by the entity rules and the indexer's anchor search. Plain
 * functions over strings, at the bottom of the import graph.
 */

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One search for any of the literals (flag `g`), longest first so that of two literals starting at
 * the same place the longer one is reported; with none, a search that never matches.
 */
export function literalAlternation(list: readonly string[]): RegExp {
  const source =
    [...new Set(list)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|') || '(?!)';
  return new RegExp(source, 'g');
}
