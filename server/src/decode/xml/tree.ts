import { XMLParser } from 'fast-xml-parser';
import { logName } from './names';

export interface XmlAttribute {
  name: string;
  value: string;
}
export interface XmlElement {
  kind: 'element';
  name: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
}
export interface XmlText {
  kind: 'text';
  text: string;
}
export interface XmlComment {
  kind: 'comment';
  text: string;
}
export interface XmlCdata {
  kind: 'cdata';
  text: string;
}
export type XmlNode = XmlElement | XmlText | XmlComment | XmlCdata;

export interface XmlTree {
  root?: XmlElement;
  /** Repairs made while reading text, e.g. a character reference that lost its `&`. */
  notes: string[];
  /** Why the parser gave no tree, if it did not. */
  error?: string;
}

const ATTRIBUTES = ':@';
const TEXT = '#text';
const COMMENT = '#comment';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Without it the parser leaves numeric character references (`C&#233;dula`) undecoded; it also
  // reads the HTML named entities, which log writers use as well.
  htmlEntities: true,
  commentPropName: COMMENT,
  cdataPropName: CDATA,
  textNodeName: TEXT,
});

/**
 * `C#233;dula`: a decimal character reference whose `&` was lost on the way into the log (the UCCX
 * engine writes the SocialContact this way). Only references to non-ASCII letters written right
 * after a letter are read, so `issue #12;` stays as written.
 */
const LOST_AMPERSAND_REFERENCE = /(?<=[A-Za-z\u00C0-\u024F])#(\d{3,7});/g;

/** Parses the scanner's repaired text with fast-xml-parser (order preserved) into a typed tree. */
export function parseXmlTree(repaired: string): XmlTree {
  const notes: string[] = [];
  let parsed: unknown;
  try {
    parsed = parser.parse(repaired);
  } catch (e) {
    return { notes, error: `expected XML the parser accepts, found: ${e instanceof Error ? e.message : String(e)}` };
  }
  const nodes = convert(parsed, notes, 0);
  const root = nodes.find((n): n is XmlElement => n.kind === 'element');
  return root ? { root, notes } : { notes, error: 'expected an element, found none' };
}

/** Repairs `C#233;dula` to `Cédula`; returns the text unchanged when there is nothing to repair. */
export function repairLostAmpersands(text: string): string {
  return text.replace(LOST_AMPERSAND_REFERENCE, (whole, digits: string) => {
    const code = Number(digits);
    const isLetterish = code >= 0xa0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isLetterish ? String.fromCodePoint(code) : whole;
  });
}

function convert(items: unknown, notes: string[], depth: number): XmlNode[] {
  if (!Array.isArray(items) || depth > 200) return [];
  const nodes: XmlNode[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const entry = item as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (key === ATTRIBUTES) continue;
      const value = entry[key];
      if (key === TEXT) {
        nodes.push({ kind: 'text', text: readText(String(value), notes) });
      } else if (key === COMMENT || key === CDATA) {
        const inner = convert(value, notes, depth + 1)
          .map((n) => (n.kind === 'element' ? '' : n.text))
          .join('');
        nodes.push({ kind: key === COMMENT ? 'comment' : 'cdata', text: inner });
      } else if (!key.startsWith('?')) {
        nodes.push({
          kind: 'element',
          name: logName(key),
          attributes: attributesOf(entry[ATTRIBUTES]),
          children: convert(value, notes, depth + 1),
        });
      }
    }
  }
  return nodes;
}

function attributesOf(value: unknown): XmlAttribute[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).map(([name, v]) => ({
    name: logName(name),
    value: String(v),
  }));
}

function readText(text: string, notes: string[]): string {
  const repaired = repairLostAmpersands(text);
  if (repaired !== text && notes.length < 10) {
    notes.push(
      `read ${JSON.stringify(text.slice(0, 60))} as ${JSON.stringify(repaired.slice(0, 60))}: a character reference that lost its '&'`,
    );
  }
  return repaired;
}
