/**
 * A regular expression's source with its named groups made plain numbered groups. V8 builds an object
 * of every named group (and, with flag `d`, one of their spans) for each match; hot loops that read a
 * few groups by number skip that. The copy matches exactly what the named pattern matches.
 */

/**
 * The source of `source` with its named groups unnamed, and the number of each name's group; undefined
 * when the pattern refers to a group by name (`\k<name>`), which an unnamed copy could not keep. With
 * `keep`, only the groups of those names capture (the others, and the unnamed ones, become `(?:...)`,
 * so a match holds no strings nobody reads); undefined then also when the pattern refers to a group
 * by number (`\1`), whose number would change.
 */
export function unnameGroups(
  source: string,
  keep?: ReadonlySet<string>,
): { source: string; groups: Map<string, number> } | undefined {
  const groups = new Map<string, number>();
  let out = '';
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      if (source[i + 1] === 'k' && source[i + 2] === '<') return undefined;
      if (keep && /[1-9]/.test(source[i + 1] ?? '')) return undefined;
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
        if (keep) {
          out += '(?:';
          continue;
        }
        count++;
      } else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        const close = source.indexOf('>', i + 3);
        if (close < 0) return undefined;
        const name = source.slice(i + 3, close);
        i = close;
        if (keep && !keep.has(name)) {
          out += '(?:';
          continue;
        }
        count++;
        groups.set(name, count);
        out += '(';
        continue;
      }
    }
    out += c;
  }
  return { source: out, groups };
}

/** `re` with its groups unnamed (same flags, a fresh `lastIndex`), and each name's group number (`keep`: as above). */
export function unnamedCopy(
  re: RegExp,
  keep?: ReadonlySet<string>,
): { re: RegExp; groups: Map<string, number> } | undefined {
  const u = unnameGroups(re.source, keep);
  if (!u) return undefined;
  try {
    return { re: new RegExp(u.source, re.flags), groups: u.groups };
  } catch {
    return undefined;
  }
}
