/**
 * The floating part of a GED-188 message: tagged fields packed back to back after the fixed part.
 * Before protocol 20 the tag and the length are one byte each; from protocol 20 two bytes each.
 * Nothing in a message says which, so the walker tries both and keeps the one that fits.
 */
import { describeEnumValue } from './enums';
import { describeTagName, lookupTag, reservedTagRange, LAST_KNOWN_TAG } from './tags';
import type { Confidence, TagSpec } from './types';
import { HEADER_SIZE } from './dataTypes';

/** Width of the tag and of the length: 1 byte each (protocol < 20) or 2 bytes each (protocol >= 20). */
export type TagWidth = 1 | 2;

export interface DecodedFloatingField {
  tag: number;
  /** Documented name, or a phrase saying how the tag is known. */
  tagName: string;
  spec?: TagSpec;
  /** Offset of the tag byte from the message start, and from the end of the header. */
  offset: number;
  bodyOffset: number;
  /** FieldLength: data bytes only. */
  length: number;
  kind: 'string' | 'number' | 'bool' | 'bytes' | 'named';
  value: string | number | boolean;
  /** The value as shown: quoted text, a number, or hex bytes. */
  display: string;
  /** The data bytes in hex. */
  hex: string;
  meaning?: string;
  confidence: Confidence;
  /** Remarks on this value (no NUL terminator, longer than the maximum size...). */
  notes: string[];
}

export interface FloatingParse {
  width: TagWidth;
  fields: DecodedFloatingField[];
  /** Bytes consumed from the start of the floating part. */
  consumed: number;
  /** The fields end exactly where the floating part ends. */
  exact: boolean;
  /** Why reading stopped early, phrased "expected X, found Y". */
  error?: string;
}

/** Fields kept from one floating part (a maximum-size message holds at most ~6000). */
const MAX_FIELDS = 6500;

export function hexBytes(bytes: ArrayLike<number>, start = 0, end = bytes.length, max = 64): string {
  const parts: string[] = [];
  for (let i = start; i < end && parts.length < max; i++)
    parts.push((bytes[i]! & 0xff).toString(16).toUpperCase().padStart(2, '0'));
  if (end - start > max) parts.push(`… (${end - start} bytes)`);
  return parts.join(' ');
}

/** ASCII text with anything unprintable written as \xNN, so the hover shows exactly what is there. */
export function asciiText(bytes: ArrayLike<number>, start: number, end: number, max = 512): string {
  let s = '';
  for (let i = start; i < end && i - start < max; i++) {
    const b = bytes[i]! & 0xff;
    s +=
      b >= 0x20 && b < 0x7f && b !== 0x5c
        ? String.fromCharCode(b)
        : b === 0x5c
          ? '\\\\'
          : '\\x' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  if (end - start > max) s += '…';
  return s;
}

function readUnsigned(bytes: ArrayLike<number>, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (bytes[at + i]! & 0xff);
  return v;
}

function readScalar(bytes: ArrayLike<number>, at: number, size: number, signed: boolean): number {
  const v = readUnsigned(bytes, at, size);
  if (!signed) return v;
  const half = 2 ** (size * 8 - 1);
  return v >= half ? v - 2 * half : v;
}

const SCALAR_SIZES: Readonly<Record<string, readonly [number, boolean]>> = {
  CHAR: [1, true],
  UCHAR: [1, false],
  SHORT: [2, true],
  USHORT: [2, false],
  INT: [4, true],
  UINT: [4, false],
  BOOL: [2, false],
  TIME: [4, false],
};

/** A NUL-terminated printable string fills these bytes (used to guess the type of unknown tags). */
function looksLikeText(bytes: ArrayLike<number>, start: number, end: number): boolean {
  if (end - start < 2 || (bytes[end - 1]! & 0xff) !== 0) return false;
  for (let i = start; i < end - 1; i++) {
    const b = bytes[i]! & 0xff;
    if (b < 0x20 || b >= 0x7f) return false;
  }
  return true;
}

function stringValue(bytes: ArrayLike<number>, start: number, end: number, notes: string[]): string {
  let nul = -1;
  for (let i = start; i < end; i++) {
    if ((bytes[i]! & 0xff) === 0) {
      nul = i;
      break;
    }
  }
  if (nul < 0) {
    notes.push('expected a NUL-terminated string, found no NUL');
    return asciiText(bytes, start, end);
  }
  if (nul < end - 1) notes.push(`${end - nul - 1} bytes follow the NUL terminator`);
  return asciiText(bytes, start, nul);
}

/** Named variable/array: [index UCHAR] name NUL value NUL. */
function namedValue(bytes: ArrayLike<number>, start: number, end: number, indexed: boolean, notes: string[]): string {
  let p = start;
  let prefix = '';
  if (indexed && p < end) {
    prefix = `[${bytes[p]! & 0xff}] `;
    p++;
  }
  let nameEnd = p;
  while (nameEnd < end && (bytes[nameEnd]! & 0xff) !== 0) nameEnd++;
  const name = asciiText(bytes, p, nameEnd);
  if (nameEnd >= end) {
    notes.push('expected a NUL after the variable name, found the end of the field');
    return prefix + name;
  }
  const value = stringValue(bytes, nameEnd + 1, end, notes);
  return `${prefix}${name} = "${value}"`;
}

export function decodeFloatingValue(
  tag: number,
  bytes: ArrayLike<number>,
  offset: number,
  start: number,
  end: number,
): DecodedFloatingField {
  const spec = lookupTag(tag);
  const length = end - start;
  const notes: string[] = [];
  const base = {
    tag,
    tagName: describeTagName(tag),
    offset,
    bodyOffset: offset - HEADER_SIZE,
    length,
    hex: hexBytes(bytes, start, end),
    confidence: spec?.confidence ?? ('unknown' as Confidence),
    notes,
  };
  const withSpec = spec ? { ...base, spec } : base;
  if (spec?.maxSize !== undefined && length > spec.maxSize) {
    notes.push(`expected at most ${spec.maxSize} bytes for ${spec.name}, found ${length}`);
  }
  const type = spec?.type;
  if (type === 'STRING') {
    const text = stringValue(bytes, start, end, notes);
    return { ...withSpec, kind: 'string', value: text, display: `"${text}"` };
  }
  if (type === 'NAMEDVAR' || type === 'NAMEDARRAY') {
    const text = namedValue(bytes, start, end, type === 'NAMEDARRAY', notes);
    return { ...withSpec, kind: 'named', value: text, display: text };
  }
  if (type && type in SCALAR_SIZES) {
    const [size, signed] = SCALAR_SIZES[type]!;
    if (length === size) {
      const v = readScalar(bytes, start, size, signed);
      const meaning = spec?.enumId ? describeEnumValue(spec.enumId, v) : undefined;
      if (type === 'BOOL') {
        if (v > 1) notes.push(`expected BOOL 0 or 1, found ${v}`);
        return { ...withSpec, kind: 'bool', value: v !== 0, display: String(v !== 0) };
      }
      const out = { ...withSpec, kind: 'number' as const, value: v, display: String(v) };
      return meaning ? { ...out, meaning } : out;
    }
    notes.push(`expected ${size} bytes for ${type} ${spec!.name}, found ${length}`);
    return { ...withSpec, kind: 'bytes', value: base.hex, display: base.hex };
  }
  // Type unknown (undocumented tag, or a documented tag without a published type): show what the bytes look like.
  if (looksLikeText(bytes, start, end)) {
    const text = asciiText(bytes, start, end - 1);
    if (!spec || !spec.type) notes.push('type not documented; the bytes read as a NUL-terminated string');
    return { ...withSpec, kind: 'string', value: text, display: `"${text}"` };
  }
  if (length === 4 || length === 2) {
    const v = readUnsigned(bytes, start, length);
    notes.push(`type not documented; read as a ${length === 4 ? 'UINT' : 'USHORT'}`);
    return { ...withSpec, kind: 'number', value: v, display: String(v) };
  }
  return { ...withSpec, kind: 'bytes', value: base.hex, display: length === 0 ? '(empty)' : base.hex };
}

/**
 * Reads tagged fields from `start` to `end` (offsets in the message) with the given tag width.
 * Stops at the first field that cannot be read and says why.
 */
export function parseFloating(
  bytes: ArrayLike<number>,
  start: number,
  end: number,
  width: TagWidth,
  accept?: (field: DecodedFloatingField) => boolean,
): FloatingParse {
  const fields: DecodedFloatingField[] = [];
  let p = start;
  while (p < end) {
    if (fields.length >= MAX_FIELDS) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `expected at most ${MAX_FIELDS} floating fields, found more`,
      };
    }
    if (p + 2 * width > end) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `expected a ${width}-byte tag and a ${width}-byte length at body offset ${p - HEADER_SIZE}, found only ${end - p} byte${end - p === 1 ? '' : 's'}`,
      };
    }
    const tag = readUnsigned(bytes, p, width);
    const length = readUnsigned(bytes, p + width, width);
    if (tag === 0) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `expected a tag number from 1 at body offset ${p - HEADER_SIZE}, found 0`,
      };
    }
    if (tag > LAST_KNOWN_TAG) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `expected a tag number up to ${LAST_KNOWN_TAG} at body offset ${p - HEADER_SIZE}, found ${tag}`,
      };
    }
    const dataStart = p + 2 * width;
    if (dataStart + length > end) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `expected ${length} data bytes for tag ${tag} at body offset ${p - HEADER_SIZE}, found only ${end - dataStart}`,
      };
    }
    const field = decodeFloatingValue(tag, bytes, p, dataStart, dataStart + length);
    if (accept && !accept(field)) {
      return {
        width,
        fields,
        consumed: p - start,
        exact: false,
        error: `tag ${tag} at body offset ${p - HEADER_SIZE} does not look like a floating field`,
      };
    }
    fields.push(field);
    p = dataStart + length;
  }
  return { width, fields, consumed: p - start, exact: true };
}

/**
 * Cheap check that `[start, end)` splits exactly into tagged fields with tags 1..313 and no empty
 * field, without decoding any value (used before the full parse when guessing where a floating
 * part starts).
 */
export function splitsExactly(bytes: ArrayLike<number>, start: number, end: number, width: TagWidth): boolean {
  let p = start;
  let fields = 0;
  while (p < end) {
    if (p + 2 * width > end || fields >= MAX_FIELDS) return false;
    const tag = readUnsigned(bytes, p, width);
    const length = readUnsigned(bytes, p + width, width);
    if (tag === 0 || tag > LAST_KNOWN_TAG || length === 0) return false;
    p += 2 * width + length;
    fields++;
  }
  return p === end && fields > 0;
}

/**
 * True when a field is believable for a message whose layout we do not know: a documented or
 * reserved tag, a scalar of the right size, a NUL-terminated string, not empty. Used to spot a
 * floating part after an unknown fixed part without mistaking fixed-part bytes for tags.
 */
export function isPlausibleField(f: DecodedFloatingField): boolean {
  if (f.length === 0 || f.notes.some((n) => n.startsWith('expected'))) return false;
  if (f.spec?.type) return true;
  if (f.kind === 'string') return f.spec !== undefined || reservedTagRange(f.tag) !== undefined;
  return f.spec !== undefined && f.kind === 'number';
}
