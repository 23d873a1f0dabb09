/**
 * The named groups of a record head or header line, for the record's instant: the compiled
 * patterns of the format (server/src/formats/compile.ts) run at a line start, looking no further
 * than HEAD_LIMIT, as matchPatternAt and matchHeaderAt do for the yes/no question.
 */
import { HEAD_LIMIT, type CompiledFormat } from '../formats/compile';

export interface HeadMatch {
  index: number;
  groups: Record<string, string | undefined>;
}

/** The first record pattern of `format` matching at `start`, with its groups. */
export function execPatternAt(format: CompiledFormat, text: string, start: number, end: number): HeadMatch | undefined {
  return firstExecAt(format.patterns, text, start, end);
}

/** The first header pattern of `format` matching at `start`, with its groups. */
export function execHeaderAt(format: CompiledFormat, text: string, start: number, end: number): HeadMatch | undefined {
  return firstExecAt(format.headers, text, start, end);
}

function firstExecAt(
  list: ReadonlyArray<{ sticky: RegExp }>,
  text: string,
  start: number,
  end: number,
): HeadMatch | undefined {
  if (list.length === 0) return undefined;
  const limit = Math.min(end, start + HEAD_LIMIT);
  const head = limit === text.length ? text : text.slice(0, limit);
  for (let i = 0; i < list.length; i++) {
    const re = list[i].sticky;
    re.lastIndex = start;
    const m = re.exec(head);
    if (m) return { index: i, groups: m.groups ?? {} };
  }
  return undefined;
}
