/**
 * Problems in windows: a log too large to open (over 50 MB in VS Code) is shown as windows, read-only
 * documents of some of its lines (`cclogs-window:` URIs, server/src/lsp/largeFiles.ts). A window's
 * own problems come from its text and are already in its lines; the problems the index gives for
 * the whole file (a flow broken on its last line, clocks that disagree) are in file lines: those a
 * window holds are moved to its lines, the others left to the windows that hold them.
 */
import type { Problem } from './compute';

export interface WindowLines {
  /** Zero-based file line of the window's first line. */
  fromLine: number;
  /** Lines the window holds. */
  lineCount: number;
}

/** The problems on lines of the window, their lines counted from its first. */
export function intoWindow(fileProblems: readonly Problem[], window: WindowLines): Problem[] {
  const out: Problem[] = [];
  for (const p of fileProblems)
    if (p.line >= window.fromLine && p.line < window.fromLine + window.lineCount) {
      p.line -= window.fromLine;
      out.push(p);
    }
  return out;
}
