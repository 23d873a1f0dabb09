import type { Decoded } from '../result';
import { LineIndex, type TextPosition } from '../json/position';
import {
  extensionFieldsOf,
  leafFields,
  notableFieldsOf,
  type XmlExtensionField,
  type XmlNotableFields,
} from './fields';
import { XML_LIMITS } from './limits';
import { prettyXml, type PrettyXml } from './pretty';
import { looksLikeXmlStart, scanXml, type XmlScan } from './scan';
import { parseXmlTree, type XmlElement } from './tree';

export type { XmlExtensionField, XmlNotableFields } from './fields';
export type { PrettyXml } from './pretty';
export { CUT_MARK } from './pretty';
export type { XmlAttribute, XmlElement, XmlNode } from './tree';

/** An XML text inside a record: [start, end) offsets into the record. */
export interface XmlSpan {
  start: number;
  end: number;
  /** True when the root element was closed. */
  complete: boolean;
}

/** Where reading stopped before the root element closed, as a position in the source. */
export interface XmlStop extends TextPosition {
  reason: string;
  /** Elements open at that point, outermost first. */
  openElements: string[];
}

export interface DecodedXml {
  /** Root element name ('' when no XML starts at the given offset). */
  root: string;
  /** `<?xml ...?>` as written. */
  declaration?: string;
  /** [start, end) of the XML in the source. */
  start: number;
  end: number;
  complete: boolean;
  stop?: XmlStop;
  /** What was repaired to read the XML (a lost closing tag, a stray `<`...), with where when known. */
  repairs: Array<{ message: string; position?: TextPosition }>;
  /** The tree as parsed (after the repairs). */
  tree?: XmlElement;
  /** Re-indented XML, with a mark where a cut-off text stops; cut for huge texts. */
  pretty: PrettyXml;
  /** Direct children of the root that hold only text: name and value. */
  fields: Array<{ name: string; value: string }>;
  extensionFields: XmlExtensionField[];
  notable: XmlNotableFields;
}

/**
 * Finds XML in a record: a `<?xml ...?>` declaration, or a start tag whose element has child
 * elements and at least one closing tag (so `<SOCIALMINER>` in prose and `<https://...>` are not
 * taken). A text cut off at the end of the record is taken up to there. Spans never overlap.
 */
export function findXmlSpans(record: string): XmlSpan[] {
  const spans: XmlSpan[] = [];
  let from = 0;
  let budget = 4 * XML_LIMITS.maxChars;
  while (spans.length < XML_LIMITS.maxSpansPerRecord && budget > 0) {
    const at = record.indexOf('<', from);
    if (at < 0) break;
    const scan = looksLikeXmlStart(record, at) ? scanXml(record, at) : undefined;
    if (scan) budget -= scan.end - at;
    if (scan && isXml(scan)) spans.push({ start: scan.start, end: scan.end, complete: scan.complete });
    // A rejected scan read no closing tag that a start tag inside it could use, or no child
    // element, so no XML starts inside what it read: the search goes on after it.
    from = Math.max(scan?.end ?? 0, at + 1);
  }
  return spans;
}

function isXml(scan: XmlScan): boolean {
  return scan.declaration !== undefined || (scan.elements >= 2 && scan.closedElements >= 1);
}

/**
 * Decodes the XML starting at `source[start]`, reading no further than `end`: repairs what logs do
 * to XML, parses it with fast-xml-parser (order preserved), and pulls out the root's fields and the
 * extension fields. Positions refer to `source`. Never throws.
 */
export function decodeXml(source: string, start = 0, end = source.length): Decoded<DecodedXml> {
  const scan = looksLikeXmlStart(source, start) ? scanXml(source, start, end) : undefined;
  if (!scan) {
    const found = JSON.stringify(source.slice(start, start + 20));
    return {
      value: {
        root: '',
        start,
        end: start,
        complete: false,
        repairs: [],
        pretty: { text: '', truncated: false, lines: 0 },
        fields: [],
        extensionFields: [],
        notable: {},
      },
      problems: [`expected an XML declaration or start tag, found ${found}`],
    };
  }
  const lines = new LineIndex(source);
  const at = (offset: number): string => {
    const p = lines.positionAt(offset);
    return `line ${p.line + 1}, column ${p.column + 1}`;
  };
  const tree = parseXmlTree(scan.repaired);
  const repairs: DecodedXml['repairs'] = [
    ...scan.problems.map((p) => ({ message: p.message, position: lines.positionAt(p.offset) })),
    ...tree.notes.map((message) => ({ message })),
    ...(tree.error ? [{ message: tree.error }] : []),
  ];
  const problems = repairs.map((r) => (r.position ? `${r.message} (${at(r.position.offset)})` : r.message));
  const stop: XmlStop | undefined = scan.stop
    ? { ...lines.positionAt(scan.stop.offset), reason: scan.stop.reason, openElements: scan.openAtEnd }
    : undefined;
  if (stop) problems.push(`${stop.reason} (${at(stop.offset)})`);
  const root = tree.root;
  const value: DecodedXml = {
    root: scan.root,
    ...(scan.declaration !== undefined ? { declaration: scan.declaration } : {}),
    start: scan.start,
    end: scan.end,
    complete: scan.complete,
    ...(stop ? { stop } : {}),
    repairs,
    ...(root ? { tree: root } : {}),
    pretty: root
      ? prettyXml(root, scan.declaration, scan.complete ? [] : scan.openAtEnd)
      : {
          text: source.slice(scan.start, Math.min(scan.end, scan.start + 6000)),
          truncated: scan.end - scan.start > 6000,
          lines: 0,
        },
    fields: root ? leafFields(root) : [],
    extensionFields: root ? extensionFieldsOf(root) : [],
    notable: root ? notableFieldsOf(root) : {},
  };
  return { value, problems };
}
