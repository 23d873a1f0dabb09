/** Small read helpers over a parsed Java toString tree, shared by the explainers that use it. */

import type { JavaList, JavaObject, JavaValue } from './types';
import { foldLineBreaks } from '../../util/text';

/** The value of the first entry called `name`, if the object has one. */
export function entryValue(obj: JavaObject, name: string): JavaValue | undefined {
  return obj.entries.find((e) => e.name === name)?.value;
}

/** Display text of a scalar: line breaks of a wrapped record folded to one space, ends trimmed. */
export function scalarText(value: JavaValue | undefined): string | undefined {
  if (value?.kind !== 'scalar') return undefined;
  return foldLineBreaks(value.text);
}

/**
 * If every item of `list` is an object with exactly the entries `name` and `value` (such as
 * `UserExtensionField [name=AddressLine1, value=1900]`), returns them as pairs; otherwise undefined.
 */
export function nameValuePairs(list: JavaList): { name: string; value: string }[] | undefined {
  if (list.items.length === 0) return undefined;
  const pairs: { name: string; value: string }[] = [];
  for (const item of list.items) {
    if (item.kind !== 'object' || item.entries.length !== 2) return undefined;
    const name = scalarText(entryValue(item, 'name'));
    const value = scalarText(entryValue(item, 'value'));
    if (name === undefined || value === undefined) return undefined;
    pairs.push({ name, value });
  }
  return pairs;
}

/** Name of the object as printed: `Notification@1bbee47`, `ContactEvent`. */
export function objectLabel(obj: JavaObject): string {
  return obj.hash !== undefined ? `${obj.simpleName}@${obj.hash}` : obj.simpleName;
}
