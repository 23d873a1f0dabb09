/**
 * Markdown building blocks for hovers. Everything taken from a log is foreign input: these helpers
 * escape it so a crafted line cannot inject links, images, HTML or `command:` URIs into a hover.
 * Only `commandLink` produces a live link, and only to the project's own commands with arguments
 * it encodes itself.
 */
import { REVEAL_LINE_COMMAND, type HoverCommand, type RevealLineArgs } from '../../../protocol/commands';

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"':=$@^%]/g;

/** Escapes text for use inside Markdown prose or a table cell: no character keeps a meaning. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(MARKDOWN_SPECIAL, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c,
  );
}

/** Inline code span holding arbitrary text: picks a fence longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const clean = oneLine(text);
  if (clean.length === 0) return '` `';
  let longest = 0;
  for (const m of clean.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean.startsWith(' ') ? ' ' : '';
  // A `|` inside a code span still splits a table cell in GFM, so it is escaped there too.
  return fence + pad + clean.replace(/\|/g, '\\|') + pad + fence;
}

/** Fenced code block (for pretty-printed JSON/XML): the fence is longer than any run inside. */
export function codeBlock(text: string, language = ''): string {
  const clean = sanitizeControl(text).replace(LINE_BREAK, '\n');
  let longest = 2;
  for (const m of clean.matchAll(/`{3,}|~{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${clean}\n${fence}`;
}

/** A Markdown table; every cell is escaped unless it is already built with these helpers (`Cell.raw`). */
export type Cell = string | number | boolean | { raw: string };
export function table(headers: string[], rows: Cell[][]): string {
  const cell = (c: Cell): string => (typeof c === 'object' ? oneLine(c.raw) : escapeMarkdown(String(c)));
  const lines = [
    '| ' + headers.map((h) => escapeMarkdown(h)).join(' | ') + ' |',
    '|' + headers.map(() => '---').join('|') + '|',
  ];
  for (const r of rows) lines.push('| ' + r.map(cell).join(' | ') + ' |');
  return lines.join('\n');
}

/** Bold heading line built from trusted text (still escaped, so log words can be used). */
export function heading(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

/** A decoder's problems as a "Problems" list (the first `max`, then how many more), or '' when none. */
export function problemList(problems: readonly string[], max = 20): string {
  if (problems.length === 0) return '';
  const shown = problems.slice(0, max).map((p) => `- ${escapeMarkdown(p)}`);
  if (problems.length > max) shown.push(`- ${escapeMarkdown(`… ${problems.length - max} more`)}`);
  return `**Problems**\n\n${shown.join('\n')}`;
}

/** A command link to one of the project's own commands; the title is escaped, the arguments encoded. */
export function commandLink(title: string, command: HoverCommand, args: RevealLineArgs): string {
  const encoded = encodeURIComponent(JSON.stringify([args]));
  return `[${escapeMarkdown(title)}](command:${command}?${encoded})`;
}

/** A link that reveals a line of a file (`ccLogs.revealLine`). */
export function revealLineLink(title: string, args: RevealLineArgs): string {
  return commandLink(title, REVEAL_LINE_COMMAND, args);
}

/**
 * Everything a Markdown renderer (or the editor around it) may take for the end of a line: LF, CR
 * alone (CommonMark ends a line there too), CRLF, vertical tab, form feed, NEL (U+0085) and the
 * Unicode line and paragraph separators. Inside a table row or a code span any of them would end the
 * row or the span and let the rest of the value be read as Markdown, so no value keeps one.
 */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/**
 * Characters dropped from every value: C0 and C1 controls other than tab and the line breaks above,
 * DEL, the bidi embeddings, overrides and isolates that could disguise text, and the byte-order mark.
 */
const DROPPED =
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f\u0080-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A value made fit for one line of Markdown: controls dropped, tabs and every line break made spaces. */
export function oneLine(text: string): string {
  return sanitizeControl(text).replace(LINE_BREAK, ' ').replace(/\t/g, ' ');
}

/** Drops the characters of `DROPPED`; line breaks and tabs are left for the caller to place. */
function sanitizeControl(text: string): string {
  return text.replace(DROPPED, '');
}
