/**
 * A regular expression's source with its named groups made plain numbered groups. V8 builds an object
 * of every named group (and, with flag `d`, one of their spans) for each match; hot loops that read a
 * few groups by number skip that. The copy matches exactly what the named pattern matches.
 */

/**
 * The source of `source` with its named groups unnamed, and the number of each name's group; undefined
 * when the pattern refers to a group by name (`\k<name>`), which an unnamed copy could not keep.
 */
export function unnameGroups(source: string): { source: string; groups: Map<string, number> } | undefined {
  const groups = new Map<string, number>();
  let out = '';
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      if (source[i + 1] === 'k' && source[i + 2] === '<') return undefined;
      out += c + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === '(') {
      if (source[i + 1] !== '?') {
        count++;
      } else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        const close = source.indexOf('>', i + 3);
        if (close < 0) return undefined;
        count++;
        groups.set(source.slice(i + 3, close), count);
        out += '(';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return { source: out, groups };
}

/** `re` with its groups unnamed (same flags, a fresh `lastIndex`), and each name's group number. */
export function unnamedCopy(re: RegExp): { re: RegExp; groups: Map<string, number> } | undefined {
  const u = unnameGroups(re.source);
  if (!u) return undefined;
  try {
    return { re: new RegExp(u.source, re.flags), groups: u.groups };
  } catch {
    return undefined;
  }
}
