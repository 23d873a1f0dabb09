/**
 * Hover Markdown as an editor renders it: parsed by a real CommonMark renderer (markdown-it, with
 * GFM tables, raw HTML and autolinks on, as permissive as an editor's), so a test sees the live
 * elements a reader would get, not the Markdown text.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const renderer = new MarkdownIt({ html: true, linkify: true });
/** The only live link a hover may hold: the project's reveal command with encoded arguments. */
const REVEAL = /^command:ccLogs\.revealLine\?%5B%7B/;

/** Every live element of rendered Markdown (link, image, raw HTML) that is not the reveal command. */
export function liveElements(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        if (!REVEAL.test(href)) found.push(`link ${href}`);
      } else if (t.type === 'image') found.push(`image ${t.attrGet('src')}`);
      else if (t.type === 'html_inline' || t.type === 'html_block') found.push(`html ${t.content.trim()}`);
      if (t.children) walk(t.children);
    }
  };
  walk(renderer.parse(markdown, {}));
  return found;
}
