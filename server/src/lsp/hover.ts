/**
 * textDocument/hover: finds what is under the cursor (a decodable span an explainer found, or a
 * field of the record's head) and returns its Markdown. Knows no log format: formats come through
 * the model, meaning through the explainers.
 */
import type { Hover, Position } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { headSpanAt, renderHead } from '../explain/recordHead';
import type { ExplainContext, Explainer, ExplainMatch, LineRef } from '../explain/types';
import { LogModel } from '../model/logModel';

/** Records longer than this are cut for explaining: a hover never scans megabytes. */
const MAX_RECORD_LINES = 2000;
const MAX_RECORD_CHARS = 1_000_000;

export function hoverAt(uri: string, model: LogModel, position: Position, explainers: readonly Explainer[]): Hover | null {
  const r = model.recordAt(position.line);
  if (r < 0) return null;
  const record = model.parseRecord(r);
  if (!record) return null;
  const { text, lineOffsets } = model.recordWindow(r, MAX_RECORD_LINES, MAX_RECORD_CHARS);
  const lineInRecord = position.line - record.startLine;
  if (lineInRecord >= lineOffsets.length) return null;
  const offset = lineOffsets[lineInRecord] + position.character;

  const ctx = explainContext(uri, model, record.startLine, record);
  let best: ExplainMatch | undefined;
  for (const explainer of explainers) {
    let matches: ExplainMatch[];
    try {
      matches = explainer.find(text, ctx);
    } catch {
      continue; // An explainer that fails on odd input must not take the hover down.
    }
    for (const m of matches) {
      if (offset >= m.start && offset < m.end && (!best || m.end - m.start < best.end - best.start)) best = m;
    }
  }
  if (best) {
    let markdown: string;
    try {
      markdown = best.render(ctx);
    } catch (e) {
      markdown = `Could not decode this: ${String((e as Error).message ?? e).replace(/[^\w .,:-]/g, '')}`;
    }
    return {
      contents: { kind: MarkupKind.Markdown, value: markdown },
      range: {
        start: LogModel.positionInRecord(best.start, lineOffsets, record.startLine),
        end: LogModel.positionInRecord(best.end, lineOffsets, record.startLine),
      },
    };
  }
  if (lineInRecord === 0) {
    const span = headSpanAt(record, position.character);
    if (span) {
      return {
        contents: { kind: MarkupKind.Markdown, value: renderHead(record, span) },
        range: { start: { line: record.startLine, character: span.start }, end: { line: record.startLine, character: span.end } },
      };
    }
  }
  return null;
}

export function explainContext(
  uri: string,
  model: LogModel,
  recordLine: number,
  record: { time?: { instant: number; offsetMinutes: number; zoneLabel: string }; format: { id: string } },
): ExplainContext {
  return {
    uri,
    formatId: record.format.id,
    ...(record.time ? { instant: record.time.instant, zoneOffsetMinutes: record.time.offsetMinutes, zoneLabel: record.time.zoneLabel } : {}),
    recordLine,
    findLines: (pattern: RegExp, limit: number) => findLinesNear(uri, model, recordLine, pattern, limit),
    lineText: (line: number) => (line >= 0 && line < model.lines.count ? model.lines.lineText(line) : undefined),
  };
}

/** How far, in lines each way, a search for related lines looks. */
const NEAR_WINDOW_LINES = 50_000;
/** Candidates collected before the nearest are picked. */
const NEAR_MAX_CANDIDATES = 20_000;

/**
 * Lines matching `pattern`, nearest to `around` first, looking at most 50,000 lines each way. One
 * regular-expression scan runs over the window of the document's text (the engine skips ahead on
 * the pattern's literals), and each hit is checked again on its own line.
 */
export function findLinesNear(uri: string, model: LogModel, around: number, pattern: RegExp, limit: number): LineRef[] {
  const lines = model.lines;
  if (lines.count === 0 || limit <= 0) return [];
  const text = model.text;
  const baseFlags = pattern.flags.replace(/[gym]/g, '');
  const scan = new RegExp(pattern.source, baseFlags + 'gm');
  const verify = new RegExp(pattern.source, baseFlags);
  const firstLine = Math.max(0, around - NEAR_WINDOW_LINES);
  const lastLine = Math.min(lines.count - 1, around + NEAR_WINDOW_LINES);
  const end = lines.end(lastLine);
  const window = end === text.length ? text : text.slice(0, end);
  const candidates: number[] = [];
  scan.lastIndex = lines.start(firstLine);
  for (let m = scan.exec(window); m !== null && candidates.length < NEAR_MAX_CANDIDATES; m = scan.exec(window)) {
    const line = lines.lineAt(m.index);
    // Go on from the next line: one hit per line is enough.
    scan.lastIndex = line + 1 < lines.count ? lines.start(line + 1) : window.length;
    if (line === around) continue;
    const s = lines.start(line);
    const e = lines.end(line);
    if (verify.test(e - s > 65_536 ? text.slice(s, s + 65_536) : text.slice(s, e))) candidates.push(line);
    if (scan.lastIndex >= window.length) break;
  }
  candidates.sort((x, y) => Math.abs(x - around) - Math.abs(y - around) || y - x);
  return candidates.slice(0, limit).map((line) => ({ uri, line, text: lines.lineText(line) }));
}
