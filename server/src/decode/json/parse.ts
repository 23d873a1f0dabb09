import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { describeParseError } from './errors';
import { jsonExtent } from './extent';
import { JSON_LIMITS } from './limits';
import { LineIndex, type TextPosition } from './position';

/** Where reading a JSON text stopped early, as a position in the source text given to `parseJson`. */
export interface JsonStop extends TextPosition {
  /** "expected X, found Y", or the limit that stopped reading. */
  reason: string;
}

export interface ParsedJson {
  /** The JSON text that was read (a slice of the source). */
  text: string;
  /** Offset of `text` in the source. */
  base: number;
  /** Root of the syntax tree, offsets relative to `text`; partial when the text is cut off or invalid. */
  root: Node | undefined;
  /** True when the text parsed without any error and within the limits. */
  complete: boolean;
  /** The first error (or limit) met; absent when `complete`. */
  stop?: JsonStop;
  /** Every error met, as "expected X, found Y" with its line and column (1-based, in the source). */
  problems: string[];
}

/**
 * Parses the JSON value opening at `source[start]`, reading no further than `end`; text after the
 * value closes is not part of it. Error recovery: a cut-off or invalid text still gives the tree
 * of what was read, and `stop` says where and why reading stopped. Never throws.
 */
export function parseJson(source: string, start = 0, end = source.length): ParsedJson {
  const extent = jsonExtent(source, start, end);
  const text = source.slice(start, extent.end);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  let failure: string | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch (e) {
    // The depth limit keeps recursion shallow; this only guards against the unforeseen.
    failure = `expected the JSON parser to finish, found an internal error (${e instanceof Error ? e.name : 'unknown'})`;
  }
  const lines = new LineIndex(source);
  const problems: string[] = [];
  let skipped = 0;
  let stop: JsonStop | undefined;
  const limitStop = extent.limit ? limitReason(extent.limit) : undefined;
  // The same complaint at the same place (one per unclosed level of a cut-off text) is listed once.
  const seen = new Set<string>();
  for (const error of errors) {
    // A limit cut the text: the parser's complaints at the cut are consequences, not findings.
    if (limitStop && stopOffset(error) >= text.length) continue;
    const at = lines.positionAt(start + stopOffset(error));
    const reason = describeParseError(error, text);
    const problem = `${reason} (line ${at.line + 1}, column ${at.column + 1})`;
    if (seen.has(problem)) continue;
    if (problems.length >= JSON_LIMITS.maxProblems) {
      skipped++;
      continue;
    }
    seen.add(problem);
    problems.push(problem);
    if (!stop || at.offset < stop.offset) stop = { ...at, reason };
  }
  if (limitStop) {
    const at = lines.positionAt(extent.end);
    problems.push(`${limitStop} (line ${at.line + 1}, column ${at.column + 1})`);
    if (!stop) stop = { ...at, reason: limitStop };
  }
  if (failure) {
    problems.push(failure);
    stop ??= { ...lines.positionAt(start), reason: failure };
  }
  if (skipped > 0) problems.push(`${skipped} more problems not listed`);
  return { text, base: start, root, complete: problems.length === 0, stop, problems };
}

function limitReason(limit: 'size' | 'depth'): string {
  return limit === 'size'
    ? `expected the JSON to end within ${JSON_LIMITS.maxChars} characters, found more; the rest was not read`
    : `expected at most ${JSON_LIMITS.maxDepth} levels of nesting, found more; the rest was not read`;
}

/** Where reading stopped for an error: the end of a string or number that ran on, else the error's start. */
function stopOffset(error: ParseError): number {
  const name = printParseErrorCode(error.error);
  return name.startsWith('UnexpectedEndOf') ? error.offset + error.length : error.offset;
}
