import { printParseErrorCode, type ParseError } from 'jsonc-parser';

/** What each jsonc-parser error code expected, in words; keyed by the code's name. */
const EXPECTED: Record<string, string> = {
  InvalidSymbol: 'a JSON value or punctuation',
  InvalidNumberFormat: 'a number in JSON form (digits, optional fraction and exponent)',
  PropertyNameExpected: 'a property name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: "':' after the property name",
  CommaExpected: "',' between items",
  CloseBraceExpected: "'}' closing the object",
  CloseBracketExpected: "']' closing the array",
  EndOfFileExpected: 'the end of the JSON text',
  InvalidCommentToken: 'no comment (JSON has none)',
  UnexpectedEndOfComment: 'the end of the comment',
  UnexpectedEndOfString: "'\"' closing the string",
  UnexpectedEndOfNumber: 'more digits',
  InvalidUnicode: 'four hex digits after \\u',
  InvalidEscapeCharacter: 'an escape: one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
  InvalidCharacter: 'no control character inside a string',
};

/** Shows at most this much of the offending text. */
const FOUND_CHARS = 24;

/**
 * Turns a parse error into "expected X, found Y". `text` is the JSON text the error offsets refer
 * to. Errors that run to the end of the text (a string or number cut off) say "found the end of the text".
 */
export function describeParseError(error: ParseError, text: string): string {
  const name = printParseErrorCode(error.error);
  const expected = EXPECTED[name] ?? `valid JSON (${name})`;
  return `expected ${expected}, found ${foundText(error, text)}`;
}

function foundText(error: ParseError, text: string): string {
  const runsToEnd = error.offset + error.length >= text.length;
  const name = printParseErrorCode(error.error);
  if (name === 'UnexpectedEndOfNumber') {
    const after = error.offset + error.length;
    return after >= text.length ? 'the end of the text' : JSON.stringify(text.charAt(after));
  }
  if (name === 'UnexpectedEndOfString' || name === 'UnexpectedEndOfComment') {
    return runsToEnd ? 'the end of the text' : 'the end of the line';
  }
  if (error.offset >= text.length) return 'the end of the text';
  const length = Math.max(1, error.length);
  const piece = text.slice(error.offset, error.offset + Math.min(length, FOUND_CHARS));
  const shown = JSON.stringify(piece);
  return length > FOUND_CHARS ? `${shown}…` : shown;
}
