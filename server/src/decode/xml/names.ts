/**
 * Element and attribute names that fast-xml-parser refuses or renames because, as object keys, they
 * could reach a prototype. They are written under a prefix for the parser and restored afterwards.
 */
const RESERVED = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const PREFIX = 'cclogs-reserved.';

/** The name as handed to the parser. */
export function parserName(name: string): string {
  return RESERVED.has(name) || name.startsWith(PREFIX) ? PREFIX + name : name;
}

/** The name as written in the log. */
export function logName(name: string): string {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}
