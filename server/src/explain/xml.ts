import { decodeXml, findXmlSpans, type XmlSpan } from '../decode/xml';
import { codeBlock, revealLineLink, escapeMarkdown, heading, inlineCode, table, type Cell } from '../render/markdown';
import { spanExplainer } from './spanExplainer';
import type { ExplainContext, Explainer } from './types';

const MAX_ROWS = 40;
/** Repairs listed under the hover; the rest are counted. */
const MAX_NOTES = 6;

/**
 * XML written in a record: the SocialContact and contactXML bodies SocialMiner and UCCX log
 * (`New incoming contact : <?xml ...?><contactXML>...`, `parseExtension:<SocialContact>...`),
 * whole or cut off.
 */
export const xmlExplainer: Explainer = spanExplainer('xml', 'XML', findXmlSpans, renderXmlHover);

export function renderXmlHover(record: string, span: XmlSpan, ctx: ExplainContext): string {
  const { value } = decodeXml(record, span.start, span.end);
  const parts: string[] = [
    `${heading(`<${value.root}>`)}${value.complete ? '' : ' ' + escapeMarkdown('(incomplete)')}`,
  ];
  if (value.fields.length) {
    parts.push(table(['Field', 'Value'], limitRows(value.fields.map((f): Cell[] => [f.name, f.value]))));
  }
  if (value.extensionFields.length) {
    parts.push(table(['Name', 'Value'], limitRows(value.extensionFields.map((f): Cell[] => [f.name, f.value]))));
  }
  if (value.pretty.text) parts.push(codeBlock(value.pretty.text, 'xml'));
  if (value.pretty.truncated) parts.push(escapeMarkdown(`Showing the first ${value.pretty.lines} lines.`));
  if (value.stop) parts.push(`Stopped at ${where(value.stop, ctx)}: ${escapeMarkdown(value.stop.reason)}`);
  const repairs = value.repairs;
  if (repairs.length) {
    const shown = repairs
      .slice(0, MAX_NOTES)
      .map((r) => `- ${escapeMarkdown(r.message)}${r.position ? ` (${where(r.position, ctx)})` : ''}`);
    if (repairs.length > MAX_NOTES) shown.push(`- ${escapeMarkdown(`… ${repairs.length - MAX_NOTES} more`)}`);
    parts.push(`${heading('Read with repairs')}\n\n${shown.join('\n')}`);
  }
  return parts.join('\n\n');
}

/** A document position (1-based in the text, 0-based in the command) linked to reveal its line. */
function where(position: { line: number; column: number }, ctx: ExplainContext): string {
  const line = ctx.recordLine + position.line;
  return revealLineLink(`line ${line + 1}, column ${position.column + 1}`, { uri: ctx.uri, line });
}

function limitRows(rows: Cell[][]): Cell[][] {
  if (rows.length <= MAX_ROWS) return rows;
  return [...rows.slice(0, MAX_ROWS), [{ raw: inlineCode(`… ${rows.length - MAX_ROWS} more`) }, '']];
}
