/**
 * Hovers for the multi-line `{ }` objects of the Cisco JTAPI client (CTI protocol messages such as
 * `com.cisco.cti.protocol.NewCallEvent { ... }`): the class and its fields as a table, nested objects
 * indented under the field that holds them.
 */
import { findCtiObjects, type CtiObject } from '../decode/ctiObject';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, problemList, table, type Cell } from '../render/markdown';
import type { ExplainMatch, Explainer } from './types';

const MAX_CELL = 200;

export function renderCtiObject(decoded: Decoded<CtiObject>): string {
  const obj = decoded.value;
  const short = obj.className.slice(obj.className.lastIndexOf('.') + 1);
  const out = [`**${escapeMarkdown(short)}** ${inlineCode(obj.className)} (${obj.fields.length} fields)`];
  const rows: Cell[][] = obj.fields.map((f) => [
    { raw: '\u00a0\u00a0'.repeat(f.depth) + inlineCode(f.name) },
    { raw: f.value === '' ? '' : inlineCode(f.value.slice(0, MAX_CELL)) },
  ]);
  if (rows.length > 0) out.push(table(['Field', 'Value'], rows));
  if (decoded.problems.length > 0) out.push(problemList(decoded.problems));
  return out.join('\n\n');
}

export const ctiObjectExplainer: Explainer = {
  id: 'cti-object',
  find(record: string): ExplainMatch[] {
    if (!record.includes(' {')) return [];
    return findCtiObjects(record).map((decoded) => ({
      start: decoded.value.start,
      end: decoded.value.end,
      render: () => renderCtiObject(decoded),
    }));
  },
};
