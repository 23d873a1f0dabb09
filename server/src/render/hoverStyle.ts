/**
 * Hover Markdown for the client at hand. The explainers and the entity hover write Markdown for
 * VS Code: every punctuation character of a log escaped, links that run the extension's
 * `ccLogs.revealLine` command. Editors that cannot run that command, and show Markdown as text or
 * with a small renderer (Neovim, eglot, Sublime Text), get it restyled here, after rendering:
 * - links: the reveal links become `path:line` text, or standard `file://…#L<line>` links;
 * - escaping: only the backslash escapes CommonMark (and GFM tables) need are kept, so that
 *   `agent\_id` and `a\:b` read as `agent_id` and `a:b`; code spans and code blocks stay as they are.
 * The choice comes from the client's `initializationOptions.hoverLinks` (the VS Code client sends
 * `command`), never from the client's name. Restyling drops escapes, it never adds a live element:
 * `[`, `]`, `*`, `` ` ``, `\` and `|` keep theirs, and a link is only ever built from the
 * project's own reveal link, whose arguments the renderer encoded.
 */
import { fileURLToPath } from 'node:url';
import { REVEAL_LINE_COMMAND } from '../../../protocol/commands';

/** How hovers point at other log lines (the values of `initializationOptions.hoverLinks`). */
export type HoverLinks = 'command' | 'file' | 'text';

export interface HoverStyle {
  links: HoverLinks;
  /** `full`: as rendered; `minimal`: only the escapes CommonMark needs. */
  escaping: 'full' | 'minimal';
  /** Whether hovers may name VS Code keys (Shift+F12). */
  keyNames: boolean;
}

export const VSCODE_HOVERS: Readonly<HoverStyle> = Object.freeze({
  links: 'command',
  escaping: 'full',
  keyNames: true,
});
export const PLAIN_HOVERS: Readonly<HoverStyle> = Object.freeze({
  links: 'text',
  escaping: 'minimal',
  keyNames: false,
});

/** The style for the links a client asked for (`initializationOptions.hoverLinks`); plain text when it says nothing. */
export function hoverStyleFor(links: HoverLinks | undefined): HoverStyle {
  return links === 'command' ? VSCODE_HOVERS : { ...PLAIN_HOVERS, links: links ?? 'text' };
}

/** Lines longer than this are passed through as rendered (a hover line is short; this bounds the work). */
const MAX_LINE = 200_000;
const REVEAL_LINK = new RegExp(
  `^\\[((?:\\\\[^\\n]|[^\\\\\\]\\n]){0,2000})\\]\\(command:${REVEAL_LINE_COMMAND.replace(/\./g, '\\.')}\\?([^)\\s]{1,4000})\\)`,
);
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** `markdown` as rendered for VS Code, restyled for a client with `style`; `here` is the hovered document. */
export function restyleMarkdown(markdown: string, style: HoverStyle, here?: string): string {
  if (style.links === 'command' && style.escaping === 'full') return markdown;
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    if (fence !== undefined) {
      out.push(line);
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = open[1];
      out.push(line);
      continue;
    }
    out.push(line.length > MAX_LINE ? line : restyleLine(line, style, here));
  }
  return out.join('\n');
}

/** The output of one line, built in pieces; what the escape rules look back at is kept apart. */
class LineOut {
  private readonly parts: string[] = [];
  /** The line so far while it is short (a block-starting prefix is never longer), else undefined. */
  head: string | undefined = '';
  /** Its last character. */
  last = '';

  push(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    if (this.head !== undefined)
      this.head = this.head.length + text.length <= HEAD_CHARS ? this.head + text : undefined;
    this.last = text[text.length - 1];
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Indentation and list or quote markers before a block's text stay within this many characters. */
const HEAD_CHARS = 40;

function restyleLine(line: string, style: HoverStyle, here: string | undefined): string {
  const minimal = style.escaping === 'minimal';
  const o = new LineOut();
  let i = 0;
  let plainFrom = 0;
  const flush = (to: number): void => {
    if (to > plainFrom) o.push(line.slice(plainFrom, to));
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '`') {
      // A code span is copied as it is: nothing inside has a Markdown meaning.
      let n = 1;
      while (line[i + n] === '`') n++;
      const end = closingRun(line, i + n, n);
      i = end < 0 ? i + n : end + n;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      flush(i);
      const e = line[i + 1];
      o.push(!minimal || keepEscape(e, o, line.slice(i + 2, i + 4)) ? '\\' + e : e);
      i += 2;
      plainFrom = i;
      continue;
    }
    if (c === '[') {
      const m = REVEAL_LINK.exec(line.slice(i, i + 6100));
      if (m) {
        flush(i);
        o.push(revealLink(m[1], m[2], style, here));
        i += m[0].length;
        plainFrom = i;
        continue;
      }
    }
    if (c === '&' && minimal) {
      const entity = /^&(lt|gt|amp);/.exec(line.slice(i, i + 5));
      if (entity) {
        flush(i);
        // What follows as the reader will see it: a backslash escape there may be dropped too.
        const after = line.slice(i + entity[0].length, i + entity[0].length + 40).replace(/^\\/, '');
        o.push(
          entity[1] === 'lt'
            ? /^[A-Za-z/!?]/.test(after)
              ? '\\<'
              : '<'
            : entity[1] === 'gt'
              ? atBlockStart(o)
                ? '\\>'
                : '>'
              : /^(?:#|[A-Za-z][A-Za-z0-9]{0,36};)/.test(after)
                ? '\\&'
                : '&',
        );
        i += entity[0].length;
        plainFrom = i;
        continue;
      }
    }
    i++;
  }
  flush(line.length);
  return o.toString();
}

/** Start of a run of exactly `n` backticks at or after `from`, or -1. */
function closingRun(line: string, from: number, n: number): number {
  let i = line.indexOf('`', from);
  while (i >= 0) {
    let k = 1;
    while (line[i + k] === '`') k++;
    if (k === n) return i;
    i = line.indexOf('`', i + k);
  }
  return -1;
}

/** Nothing but indentation, list markers or quote markers before: a block could start here. */
function atBlockStart(o: LineOut): boolean {
  return o.head !== undefined && /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|>)[ \t]+)*$/.test(o.head);
}

const WORD = /[\p{L}\p{N}]/u;

/** Whether CommonMark (or a GFM table) needs the escape of `e`, between `before` and `after`. */
function keepEscape(e: string, before: LineOut, after: string): boolean {
  switch (e) {
    case '\\':
    case '`':
    case '*':
    case '[':
    case ']':
    case '|':
    case '<':
    case '&':
      return true;
    case '_':
      // An underscore between two letters or digits can neither open nor close emphasis.
      return !(WORD.test(before.last) && WORD.test(after[0] ?? ''));
    case '#':
    case '+':
    case '-':
    case '=':
    case '>':
      return atBlockStart(before);
    case '~':
      return atBlockStart(before) || before.last === '~' || after.startsWith('~') || after.startsWith('\\~');
    case '.':
    case ')':
      return before.head !== undefined && /^[ \t]*\d{1,9}$/.test(before.head);
    case '!':
      return after.startsWith('[');
    case ':':
    case '"':
    case "'":
    case '$':
    case '@':
    case '^':
    case '%':
    case '(':
      // After a `]` it could open a link destination.
      return before.last === ']';
    case '{':
    case '}':
    case ',':
    case ';':
    case '/':
    case '?':
      return false;
    default:
      return true;
  }
}

/** One reveal link as the client can use it. */
function revealLink(title: string, encoded: string, style: HoverStyle, here: string | undefined): string {
  const minimalTitle = restyleLine(title, { ...style, links: 'text' }, here);
  let target: { uri: string; line: number } | undefined;
  try {
    const args = JSON.parse(decodeURIComponent(encoded)) as unknown;
    const a = Array.isArray(args) ? (args[0] as { uri?: unknown; line?: unknown }) : undefined;
    if (a && typeof a.uri === 'string' && typeof a.line === 'number' && Number.isInteger(a.line) && a.line >= 0)
      target = { uri: a.uri, line: a.line };
  } catch {
    target = undefined;
  }
  if (!target) return minimalTitle;
  const line = target.line + 1;
  const isFile = /^file:/i.test(target.uri);
  if (style.links === 'file' && isFile)
    return `[${minimalTitle}](<${target.uri.replace(/[<>\s]/g, encodeURIComponent)}#L${line}>)`;
  let where = target.uri;
  if (isFile) {
    try {
      where = fileURLToPath(target.uri);
    } catch {
      where = target.uri;
    }
  }
  const text = restyleLine(plainEscape(`${where}:${line}`), style, here);
  // A title that already says `name:line` is replaced by the full path; `line 12` of this very
  // document stays as it is; anything else gets the place after it.
  if (/:\d+$/.test(title)) return text;
  if (here !== undefined && target.uri === here) return minimalTitle;
  return `${minimalTitle} (${text})`;
}

/** Backslash-escapes every ASCII punctuation character (then restyled like any other text). */
function plainEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[!-/:-@[-`{-~]/g, (c) => '\\' + c);
}
