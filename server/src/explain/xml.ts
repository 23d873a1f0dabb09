import { decodeXml, findXmlSpans, type XmlSpan } from '../decode/xml';
import { codeBlock, commandLink, escapeMarkdown, heading, inlineCode, table, type Cell } from '../render/markdown';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

const MAX_ROWS = 40;
/** Repairs listed under the hover; the rest are counted. */
const MAX_NOTES = 6;

/**
 * XML written in a record: the SocialContact and contactXML bodies SocialMiner and UCCX log
 * (`New incoming contact : <?xml ...?><contactXML>...`, `parseExtension:<SocialContact>...`),
 * whole or cut off.
 */
export const xmlExplainer: Explainer = {
  id: 'xml',
  find(record: string): ExplainMatch[] {
    try {
      return findXmlSpans(record).map((span) => ({
        start: span.start,
        end: span.end,
        render: (ctx: ExplainContext) => renderXmlHover(record, span, ctx),
      }));
    } catch {
      return [];
    }
  },
};

export function renderXmlHover(record: string, span: XmlSpan, ctx: ExplainContext): string {
  const { value, problems } = decodeXml(record, span.start, span.end);
  const parts: string[] = [`${heading(`<${value.root}>`)}${value.complete ? '' : ' ' + escapeMarkdown('(incomplete)')}`];
  if (value.fields.length) {
    parts.push(table(['Field', 'Value'], limitRows(value.fields.map((f): Cell[] => [f.name, f.value]))));
  }
  if (value.extensionFields.length) {
    parts.push(table(['Name', 'Value'], limitRows(value.extensionFields.map((f): Cell[] => [f.name, f.value]))));
  }
  if (value.pretty.text) parts.push(codeBlock(value.pretty.text, 'xml'));
  if (value.pretty.truncated) parts.push(escapeMarkdown(`Showing the first ${value.pretty.lines} lines.`));
  if (value.stop) {
    const line = ctx.recordLine + value.stop.line;
    const where = `line ${line + 1}, column ${value.stop.column + 1}`;
    parts.push(`Stopped at ${commandLink(where, 'ccLogs.revealLine', { uri: ctx.uri, line })}: ${escapeMarkdown(value.stop.reason)}`);
  }
  // The stop is shown above; the other problems are repairs the reader should know were made.
  const notes = problems.filter((p) => !value.stop || !p.startsWith(value.stop.reason));
  if (notes.length) {
    const shown = notes.slice(0, MAX_NOTES).map((n) => `- ${escapeMarkdown(n)}`);
    if (notes.length > MAX_NOTES) shown.push(`- ${escapeMarkdown(`… ${notes.length - MAX_NOTES} more`)}`);
    parts.push(`${heading('Read with repairs')}\n\n${shown.join('\n')}`);
  }
  return parts.join('\n\n');
}

function limitRows(rows: Cell[][]): Cell[][] {
  if (rows.length <= MAX_ROWS) return rows;
  return [...rows.slice(0, MAX_ROWS), [{ raw: inlineCode(`… ${rows.length - MAX_ROWS} more`) }, '']];
}
