/**
 * Finds the entity under the cursor: the record holding the position (from the document's model),
 * the occurrences the extractor finds in it, the innermost one under the cursor, and the entity it
 * names as the index knows it (all its names, their spellings).
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EntityOccurrence, Extraction } from '../entities/types';
import type { Extract } from '../index/indexer';
import type { EntityNames, IndexQuery } from '../index/query';
import { LogModel } from '../model/logModel';
import type { DocumentModels } from './documents';

const MAX_RECORD_LINES = 2000;
const MAX_RECORD_CHARS = 1_000_000;

/** The entity under the cursor. */
export interface Located extends EntityNames {
  occurrence: EntityOccurrence;
  /** Range of the occurrence in the document. */
  range: Range;
  /** Clock offset of the record, if known. */
  offsetMinutes?: number;
  extraction: Extraction;
}

export async function locateEntity(
  doc: TextDocument,
  position: Position,
  deps: { models: DocumentModels; query: IndexQuery; extract: Extract },
): Promise<Located | undefined> {
  const model = await deps.models.near(doc, position.line);
  if (position.line < 0 || position.line >= model.lines.count) return undefined;
  const r = model.recordAt(position.line);
  let text: string;
  let lineOffsets: number[];
  let startLine: number;
  let formatId: string | undefined;
  let entities: readonly string[] | undefined;
  let offsetMinutes: number | undefined;
  if (r < 0) {
    text = model.lines.lineText(position.line).slice(0, MAX_RECORD_CHARS);
    lineOffsets = [0];
    startLine = position.line;
  } else {
    ({ text, lineOffsets } = model.recordWindow(r, MAX_RECORD_LINES, MAX_RECORD_CHARS));
    startLine = model.recordStartLine(r);
    const format = model.recordFormatOf(r);
    formatId = format.id;
    entities = format.def.entities;
    offsetMinutes = model.parseRecord(r)?.time?.offsetMinutes;
  }
  const i = position.line - startLine;
  if (i >= lineOffsets.length) return undefined;
  const offset = lineOffsets[i] + position.character;
  let extraction: Extraction;
  try {
    extraction = deps.extract(text, formatId, entities);
  } catch {
    return undefined;
  }
  let best: EntityOccurrence | undefined;
  for (const o of extraction.occurrences) {
    if (offset < o.start || offset > o.end) continue;
    // The cursor just after an id still means that id, unless another starts there.
    const inside = offset < o.end;
    const bestInside = best ? offset < best.end : false;
    if (!best || (inside && !bestInside) || (inside === bestInside && o.end - o.start < best.end - best.start))
      best = o;
  }
  if (!best) return undefined;
  const entity = deps.query.entity(best.key, extraction);
  return {
    occurrence: best,
    range: {
      start: LogModel.positionInRecord(best.start, lineOffsets, startLine),
      end: LogModel.positionInRecord(best.end, lineOffsets, startLine),
    },
    ...entity,
    ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
    extraction,
  };
}
