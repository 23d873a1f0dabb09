import type { Node } from 'jsonc-parser';

/** Small readers over jsonc-parser's syntax tree; they accept partial trees and never throw. */

export interface JsonProperty {
  key: string;
  /** Absent when the text was cut off between the key and its value. */
  value: Node | undefined;
}

/** The properties of an object node in written order (duplicates kept), or none for other nodes. */
export function propertiesOf(node: Node | undefined): JsonProperty[] {
  if (node?.type !== 'object') return [];
  const out: JsonProperty[] = [];
  for (const prop of node.children ?? []) {
    const keyNode = prop.children?.[0];
    if (keyNode?.type !== 'string') continue;
    out.push({ key: String(keyNode.value), value: prop.children?.[1] });
  }
  return out;
}

/** The value of `key` in an object node (the last one written, as JSON.parse would keep). */
export function propertyOf(node: Node | undefined, key: string): Node | undefined {
  let found: Node | undefined;
  for (const p of propertiesOf(node)) if (p.key === key) found = p.value;
  return found;
}

export function elementsOf(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

export function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Like `stringOf`, but a string cut off by the end of the text (no closing quote) ends with `…`, so a
 * partial value is not taken for a whole one.
 */
export function textOf(text: string, node: Node | undefined): string | undefined {
  const value = stringOf(node);
  if (value === undefined || !node) return undefined;
  const raw = rawOf(text, node);
  return isClosedString(raw) ? value : value + '…';
}

export function booleanOf(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' && typeof node.value === 'boolean' ? node.value : undefined;
}

export function numberOf(node: Node | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

/** The node's text exactly as written in `text` (the text the tree was parsed from). */
export function rawOf(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

/**
 * A one-line rendering of a value for tables: strings decoded, numbers as written (no precision
 * lost on long ids), containers as compact JSON cut at `maxChars`.
 */
export function shortText(text: string, node: Node | undefined, maxChars = 120): string {
  if (!node) return '(missing)';
  let out: string;
  switch (node.type) {
    case 'string':
      out = String(node.value);
      break;
    case 'number':
      out = rawOf(text, node);
      break;
    case 'boolean':
    case 'null':
      out = String(node.value);
      break;
    default:
      out = rawOf(text, node.type === 'property' ? (node.children?.[1] ?? node) : node)
        .slice(0, maxChars * 4)
        .replace(/\s+/g, ' ');
  }
  return out.length > maxChars ? out.slice(0, maxChars) + '…' : out;
}

/** A string token is closed when it ends with a quote not escaped by an odd run of backslashes. */
function isClosedString(raw: string): boolean {
  if (raw.length < 2 || !raw.endsWith('"')) return false;
  let backslashes = 0;
  for (let i = raw.length - 2; i > 0 && raw[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}
