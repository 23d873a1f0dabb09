/** Hover Markdown as a reader sees it: backslash escapes and entity escapes removed. */
export function plain(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}\[\]()#+\-.!|<>&~"':=$@^%])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
