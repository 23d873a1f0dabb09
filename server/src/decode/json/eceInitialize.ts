import type { Node } from 'jsonc-parser';
import { ECE_INITIALIZE_FIELDS, ECE_RESPONSE_TYPES } from './eceInitializeFields';
import { elementsOf, numberOf, propertiesOf, propertyOf, shortText } from './nodes';

/** The ECE chat entry point `initialize` response, field by field. */
export interface EceChatInitialize {
  /** `checkEligibility.responseType`, when present and a number. */
  responseType?: number;
  /** What `responseType` means, or that the value is not one the documentation lists. */
  availability?: string;
  /** Known fields present in the response, in table order. */
  fields: Array<{ path: string; value: string; meaning: string; documented: boolean }>;
  /** Fields not in the table: JSON path and a short rendering of the value. */
  unexpected: Array<{ path: string; value: string }>;
}

const KNOWN_PATHS = new Set(ECE_INITIALIZE_FIELDS.map((f) => f.path));
const KNOWN_TOP = new Set(ECE_INITIALIZE_FIELDS.map((f) => f.path.split('.')[0] ?? ''));

/** True when the object is shaped like the response: `checkEligibility` with `responseType`, or three known flags. */
export function isEceChatInitialize(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  if (propertyOf(propertyOf(root, 'checkEligibility'), 'responseType')) return true;
  return propertiesOf(root).filter((p) => KNOWN_TOP.has(p.key) && p.key !== 'checkEligibility').length >= 3;
}

export function readEceChatInitialize(root: Node, text: string): EceChatInitialize {
  const result: EceChatInitialize = { fields: [], unexpected: [] };
  for (const field of ECE_INITIALIZE_FIELDS) {
    const node = nodeAt(root, field.path);
    if (!node) continue;
    result.fields.push({
      path: field.path,
      value: valueText(text, node),
      meaning: field.meaning,
      documented: field.documented,
    });
  }
  const responseType = numberOf(nodeAt(root, 'checkEligibility.responseType'));
  if (responseType !== undefined) {
    result.responseType = responseType;
    result.availability =
      ECE_RESPONSE_TYPES.get(responseType) ?? `not a value the documentation lists (it lists 0, 1 and 2)`;
  }
  // Anything else, one level into the known objects.
  for (const { key, value } of propertiesOf(root)) {
    if (!value) continue; // cut off between key and value: the stop position reports it
    if (!KNOWN_TOP.has(key)) {
      result.unexpected.push({ path: key, value: shortText(text, value) });
      continue;
    }
    for (const inner of propertiesOf(value)) {
      if (inner.value && !KNOWN_PATHS.has(`${key}.${inner.key}`)) {
        result.unexpected.push({ path: `${key}.${inner.key}`, value: shortText(text, inner.value) });
      }
    }
  }
  return result;
}

function nodeAt(root: Node, path: string): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path.split('.')) node = propertyOf(node, key);
  return node;
}

/** Booleans read yes/no, arrays by their size and items, everything else as written. */
function valueText(text: string, node: Node): string {
  if (node.type === 'boolean') return node.value ? 'true (yes)' : 'false (no)';
  if (node.type === 'array') {
    const items = elementsOf(node);
    return items.length === 0 ? '[] (none)' : `${items.length}: ${shortText(text, node)}`;
  }
  return shortText(text, node);
}
