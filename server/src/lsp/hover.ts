/**
 * textDocument/hover: finds what is under the cursor (a decodable span an explainer found, or a
 * field of the record's head) and returns its Markdown. Knows no log format: formats come through
 * the model, meaning through the explainers.
 */
import type { Hover, Position } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import { headSpanAt, renderHead } from '../explain/recordHead';
import type { ExplainContext, Explainer, ExplainMatch } from '../explain/types';
import { LogModel } from '../model/logModel';
import { findLinesNear } from '../explain/nearLines';

/** Records longer than this are cut for explaining: a hover never scans megabytes. */
const MAX_RECORD_LINES = 2000;
const MAX_RECORD_CHARS = 1_000_000;

/**
 * `inFile`: for a window onto a large file, the file and the window's first line there, so the
 * links a hover renders name the file's own lines.
 */
export function hoverAt(
  uri: string,
  model: LogModel,
  position: Position,
  explainers: readonly Explainer[],
  inFile?: { fileUri: string; fromLine: number },
): Hover | null {
  const r = model.recordAt(position.line);
  if (r < 0) return null;
  const record = model.parseRecord(r);
  if (!record) return null;
  const { text, lineOffsets } = model.recordWindow(r, MAX_RECORD_LINES, MAX_RECORD_CHARS);
  const lineInRecord = position.line - record.startLine;
  if (lineInRecord >= lineOffsets.length) return null;
  const offset = lineOffsets[lineInRecord] + position.character;

  const ctx = explainContext(uri, model, record.startLine, record, inFile);
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
        range: {
          start: { line: record.startLine, character: span.start },
          end: { line: record.startLine, character: span.end },
        },
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
  inFile?: { fileUri: string; fromLine: number },
): ExplainContext {
  if (inFile) {
    // Explainers see the file's lines: the window's are shifted by its first line.
    const inner = explainContext(uri, model, recordLine, record);
    const shift = inFile.fromLine;
    return {
      ...inner,
      uri: inFile.fileUri,
      recordLine: recordLine + shift,
      findLines: (pattern, limit, family) =>
        inner.findLines(pattern, limit, family).map((r) => ({ ...r, uri: inFile.fileUri, line: r.line + shift })),
      lineText: (line) => inner.lineText(line - shift),
    };
  }
  return {
    uri,
    formatId: record.format.id,
    ...(record.time
      ? { instant: record.time.instant, zoneOffsetMinutes: record.time.offsetMinutes, zoneLabel: record.time.zoneLabel }
      : {}),
    recordLine,
    findLines: (pattern: RegExp, limit: number, family?: RegExp) =>
      findLinesNear(uri, model.lines, recordLine, pattern, limit, family),
    lineText: (line: number) => (line >= 0 && line < model.lines.count ? model.lines.lineText(line) : undefined),
  };
}

/** The ID hover's parts (see `NavigationService.entityHover`). */
export interface EntityHoverParts {
  summary: string;
  detail: string;
  range: Hover['range'];
}

/**
 * One hover from the decoding hover of the line and the ID hover of the cursor: the ID's one-line
 * summary with its links first, then what the line embeds (decoded tables can be long), then the
 * ID's detail.
 */
export function joinHovers(base: Hover | null | undefined, entity: EntityHoverParts | undefined): Hover | null {
  if (!entity) return base ?? null;
  const detail = entity.detail ? `\n\n---\n\n${entity.detail}` : '';
  if (!base)
    return {
      contents: { kind: MarkupKind.Markdown, value: `${entity.summary}${detail}` },
      ...(entity.range ? { range: entity.range } : {}),
    };
  const value = (base.contents as { value: string }).value;
  return {
    contents: { kind: MarkupKind.Markdown, value: `${entity.summary}\n\n---\n\n${value}${detail}` },
    ...(base.range ? { range: base.range } : {}),
  };
}
