import { repairLostAmpersands, type XmlElement, type XmlNode } from './tree';

/** Name/value pairs of a SocialContact's `<extensionFields><extensionField><name/><value/>`. */
export interface XmlExtensionField {
  name: string;
  value: string;
}

/** Fields of a social contact worth showing first; times stay raw numbers (ms since the epoch). */
export interface XmlNotableFields {
  id?: string;
  author?: string;
  publishedDate?: number;
  statusTimestamp?: number;
}

/** The text directly inside an element (its text and CDATA children joined). */
export function textOf(element: XmlElement): string {
  return element.children
    .filter((c): c is Exclude<XmlNode, XmlElement> => c.kind === 'text' || c.kind === 'cdata')
    .map((c) => c.text)
    .join('');
}

/** Direct children holding only text (or nothing): the record-like fields of the root. */
export function leafFields(root: XmlElement, max = 40): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const child of root.children) {
    if (out.length >= max) break;
    if (child.kind !== 'element' || child.children.some((c) => c.kind === 'element')) continue;
    out.push({ name: child.name, value: textOf(child) });
  }
  return out;
}

/**
 * The element names of an extension field: SocialMiner's SocialContact writes `extensionField`, and
 * UCCX's contact XML is read back as `userExtensionFields` (its ContactXML `toString` lists them).
 */
const EXTENSION_FIELD = new Set(['extensionField', 'userExtensionField']);

/** Every extension field with a `name`, in document order (a cut-off one has an empty value). */
export function extensionFieldsOf(root: XmlElement, max = 200): XmlExtensionField[] {
  const out: XmlExtensionField[] = [];
  walk(root, 0, (element) => {
    if (out.length >= max || !EXTENSION_FIELD.has(element.name)) return;
    const name = childElement(element, 'name');
    if (!name) return;
    const value = childElement(element, 'value');
    out.push({ name: repairLostAmpersands(textOf(name)), value: value ? textOf(value) : '' });
  });
  return out;
}

export function notableFieldsOf(root: XmlElement): XmlNotableFields {
  const notable: XmlNotableFields = {};
  const text = (name: string): string | undefined => {
    const direct = childElement(root, name);
    return direct ? textOf(direct).trim() : undefined;
  };
  const id = text('id');
  if (id) notable.id = id;
  const author = text('author');
  if (author) notable.author = author;
  const published = epochMs(text('publishedDate'));
  if (published !== undefined) notable.publishedDate = published;
  const status = epochMs(text('statusTimestamp'));
  if (status !== undefined) notable.statusTimestamp = status;
  return notable;
}

function epochMs(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

function walk(element: XmlElement, depth: number, visit: (e: XmlElement) => void): void {
  if (depth > 200) return;
  visit(element);
  for (const child of element.children) if (child.kind === 'element') walk(child, depth + 1, visit);
}
