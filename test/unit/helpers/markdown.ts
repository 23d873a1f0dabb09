import * as assert from 'node:assert/strict';

/** Hover Markdown as a reader sees it: backslash escapes and entity escapes removed. */
export function plain(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>&~"':=$@^%])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Like plain(), but drops the backslash before any character on a line, not only before the
 * punctuation Markdown escapes (so also inside code spans, where a backslash is literal).
 */
export function plainAnyEscape(md: string): string {
  return md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The Markdown outside code spans and fenced blocks: there, and only there, log text could act as
 * Markdown or HTML. A run of N backticks opens code that the next run of exactly N closes.
 */
export function outsideCode(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const open = /`+/g;
    open.lastIndex = i;
    const m = open.exec(md);
    if (!m) return out + md.slice(i);
    out += md.slice(i, m.index);
    const close = new RegExp(`(?<!\`)${m[0]}(?!\`)`, 'g');
    close.lastIndex = m.index + m[0].length;
    const end = close.exec(md);
    if (!end) return out + md.slice(m.index);
    i = end.index + m[0].length;
  }
  return out;
}

/** Markdown outside code spans must hold no HTML, links or images. */
export function assertInert(md: string): void {
  const outside = md.replace(/(`+)(?:(?!\1)[^\n])*?\1/g, 'CODE');
  assert.doesNotMatch(outside, /<[a-z!/?]/i, 'raw HTML');
  assert.doesNotMatch(outside, /\]\(|!\[/, 'link or image');
}
