import { lastAtOrBelow } from '../../util/search';

/** Zero-based line and column of an offset in a text (lines split at \n; a \r before it is ignored). */
export interface TextPosition {
  /** Offset into the text the position was computed for. */
  offset: number;
  /** Zero-based line within that text. */
  line: number;
  /** Zero-based column (UTF-16 code units) within that line. */
  column: number;
}

/** Linear in `offset`; the offset is clamped to the text. */
export function positionAt(text: string, offset: number): TextPosition {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset: at, line, column: at - lineStart };
}

/** Positions of many offsets in one text: line starts are found once (on first use), then each lookup is a binary search. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  positionAt(offset: number): TextPosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const starts = (this.starts ??= lineStarts(this.text));
    const line = lastAtOrBelow(starts, at);
    return { offset: at, line, column: at - (starts[line] ?? 0) };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
