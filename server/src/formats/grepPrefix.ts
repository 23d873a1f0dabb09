/**
 * Lines of `grep -r` / `grep -rn` output start with `path:` or `path:lineno:` (`-` on context
 * lines). A file name alone cannot tell `file.log:123:` (grep's line number) from `file.log:` followed
 * by a log line that itself starts with `123:` (UCCX sequence numbers), so both readings are offered.
 */
const FILE_PART = /(?:[^\s:]{0,240}[\\/])?[^\s:\\/]{1,120}\.(?:log|txt|out|trc)(?:\.\d{1,4})?[:-]/y;
const LINE_NUMBER = /\d{1,10}[:-]/y;

/** Offsets where the log content may start after a grep prefix at `start`, longest prefix first; empty if none. */
export function grepContentStarts(text: string, start: number): number[] {
  FILE_PART.lastIndex = start;
  const head = text.length - start > 600 ? text.slice(0, start + 600) : text;
  if (!FILE_PART.test(head)) return [];
  const afterFile = FILE_PART.lastIndex;
  LINE_NUMBER.lastIndex = afterFile;
  return LINE_NUMBER.test(head) ? [LINE_NUMBER.lastIndex, afterFile] : [afterFile];
}
