/**
 * The one generic walker over the GED-188 tables: header, fixed part (from layouts.ts), floating
 * part (tags.ts), with the floating-field width chosen by which reading consumes the message
 * exactly. It never throws: whatever it cannot read becomes a problem and the rest is still shown.
 */
import type { Decoded } from '../result';
import type { ByteEncoding } from './byteList';
import { HEADER_SIZE, MAX_MESSAGE_SIZE, scalarSize } from './dataTypes';
import { describeEnumValue, ENUM_TABLES } from './enums';
import {
  hexBytes,
  isPlausibleField,
  parseFloating,
  splitsExactly,
  type DecodedFloatingField,
  type FloatingParse,
  type TagWidth,
} from './floating';
import { layoutFor } from './layouts';
import { describeDirection, lookupMessageType, LAST_MESSAGE_TYPE, type MessageTypeLookup } from './messageTypes';
import type { Confidence, Direction, FieldSpec, LayoutSpec, ScalarType } from './types';

/** One fixed-part (or header) field as decoded. */
export interface DecodedField {
  /** Absent for fields nothing public names (shown as unnamed words). */
  name?: string;
  /** `name`, or `unnamed UINT` for unnamed fields. */
  label: string;
  type: ScalarType | 'TASKID';
  /** Offset from the first byte of the message (header included). */
  offset: number;
  /** Offset from the end of the 8-byte header; absent for the header's own fields. */
  bodyOffset?: number;
  size: number;
  /** Decimal value (boolean for BOOL, `high:low:seq` for TASKID); null when the bytes are missing. */
  value: number | boolean | string | null;
  display: string;
  /** Big-endian hex of the field's bytes, e.g. `0x00020801`; empty when missing. */
  hex: string;
  meaning?: string;
  confidence: Confidence;
  source: string;
  description?: string;
  missing?: boolean;
}

export interface MessageHeader {
  messageLength?: number;
  messageType?: number;
  /** The message name, when the tables name this number. */
  name?: string;
  lookup?: MessageTypeLookup;
  direction?: Direction;
  fields: DecodedField[];
}

/** Which floating-field encoding was used, and why. */
export interface FloatingChoice {
  /** `none`: no floating bytes; `1-byte`: tag and length UCHAR (protocol < 20); `2-byte`: USHORT (>= 20). */
  encoding: 'none' | '1-byte' | '2-byte';
  /** Whether each reading consumed the floating part exactly. */
  fits: { '1-byte': boolean; '2-byte': boolean };
  /** One or two sentences for the hover. */
  summary: string;
}

/**
 * - `documented`: layout from the public guides;
 * - `observed`: ARM layout reverse-engineered from logged dumps;
 * - `not-public`: named ARM/task message whose layout no public source gives;
 * - `not-in-tables`: documented message this decoder has no layout for;
 * - `unknown-type`: MessageType not named by any table;
 * - `none`: not even a header.
 */
export type LayoutStatus = 'documented' | 'observed' | 'not-public' | 'not-in-tables' | 'unknown-type' | 'none';

export interface ArmMessage {
  /** Bytes given (the message plus any extra). */
  byteCount: number;
  header: MessageHeader;
  /** 8 + MessageLength. */
  expectedSize?: number;
  lengthStatus: 'ok' | 'truncated' | 'over-long' | 'no-header';
  layout: {
    status: LayoutStatus;
    spec?: LayoutSpec;
    /** Says what was done when the layout is not known. */
    note?: string;
    /** Protocol versions the chosen reading corresponds to, e.g. `< 20`. */
    versions?: string;
  };
  /** Fixed-part fields, or raw 4-byte words when the layout is not known. */
  fixed: DecodedField[];
  floating: DecodedFloatingField[];
  floatingChoice?: FloatingChoice;
  /** Bytes inside the message that no reading explained (hex), with their body offset. */
  undecoded?: { bodyOffset: number; hex: string };
  /** Bytes after the end the header announces (hex). */
  extraBytes?: string;
  /** How the bytes were read from log text (set by decodeDump). */
  dump?: DumpInfo;
}

/** How a logged byte list was read. */
export interface DumpInfo {
  encoding: ByteEncoding;
  /** e.g. `Java signed decimal bytes (each read as b & 0xFF)`. */
  encodingText: string;
  tokenCount: number;
  /** Set when another notation would also have read every token, and why this one was chosen. */
  ambiguity?: string;
  /** The verb and message name the log line printed before the bytes, when given. */
  loggedVerb?: 'Sending' | 'Received';
  loggedName?: string;
}

export interface DecodeOptions {
  /** Negotiated protocol version, when known: fixes the floating width and version-dependent fields. */
  protocolVersion?: number;
}

function readUnsigned(bytes: ArrayLike<number>, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (bytes[at + i]! & 0xff);
  return v;
}

function hexValue(v: number, size: number): string {
  return (
    '0x' +
    v
      .toString(16)
      .toUpperCase()
      .padStart(size * 2, '0')
  );
}

function timeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Reads one fixed field at `at`; a field that runs past `end` is returned as missing. */
function readField(
  bytes: ArrayLike<number>,
  spec: FieldSpec,
  at: number,
  end: number,
  problems: string[],
): DecodedField {
  const size = scalarSize(spec.type);
  const label = spec.name ?? `unnamed ${spec.type}`;
  // Built as one literal of a fixed shape (no spread, no delete): this runs for every dump indexed.
  const field = (value: DecodedField['value'], display: string, hex: string): DecodedField => {
    const f: DecodedField = {
      label,
      type: spec.type,
      offset: at,
      bodyOffset: at - HEADER_SIZE,
      size,
      value,
      display,
      hex,
      confidence: spec.confidence,
      source: spec.source,
    };
    if (spec.name) f.name = spec.name;
    if (spec.description) f.description = spec.description;
    return f;
  };
  if (at + size > end) {
    const missing = field(null, '(missing)', '');
    missing.missing = true;
    return missing;
  }
  if (spec.type === 'TASKID') {
    const parts = [0, 4, 8].map((o) => readUnsigned(bytes, at + o, 4) | 0);
    return field(parts.join(':'), parts.join(':'), '0x' + hexBytes(bytes, at, at + 12).replace(/ /g, ''));
  }
  const raw = readUnsigned(bytes, at, size);
  const signed = spec.type === 'INT' || spec.type === 'SHORT' || spec.type === 'CHAR';
  const value = signed && raw >= 2 ** (size * 8 - 1) ? raw - 2 ** (size * 8) : raw;
  const out = field(value, String(value), hexValue(raw, size));
  if (spec.type === 'BOOL') {
    out.value = raw !== 0;
    out.display = String(raw !== 0);
    if (raw > 1) problems.push(`expected BOOL 0 or 1 for ${label} at body offset ${at - HEADER_SIZE}, found ${raw}`);
  }
  const special = spec.specialValues?.[raw];
  if (special) out.meaning = special;
  else if (spec.type === 'TIME') out.meaning = timeText(raw);
  else if (spec.enumId) out.meaning = describeEnumValue(spec.enumId, raw);
  else if (spec.possibleEnumId)
    out.meaning = `perhaps ${ENUM_TABLES[spec.possibleEnumId].title}: ${describeEnumValue(spec.possibleEnumId, raw)}`;
  return out;
}

function headerFields(bytes: ArrayLike<number>, lookup: MessageTypeLookup | undefined): DecodedField[] {
  const fields: DecodedField[] = [];
  const word = (name: string, offset: number, value: number, meaning: string): DecodedField => ({
    name,
    label: name,
    type: 'UINT',
    offset,
    size: 4,
    value,
    display: String(value),
    hex: hexValue(value, 4),
    meaning,
    confidence: 'documented',
    source: 'GED-188 message header',
  });
  if (bytes.length >= 4) {
    const ml = readUnsigned(bytes, 0, 4);
    fields.push(word('MessageLength', 0, ml, `${ml} bytes after the 8-byte header (${ml + HEADER_SIZE} in all)`));
  }
  if (bytes.length >= 8) {
    const mt = readUnsigned(bytes, 4, 4);
    fields.push(word('MessageType', 4, mt, describeLookup(mt, lookup)));
  }
  return fields;
}

/** `MEDIA_LOGIN_REQ (client → CTI Server)`, `reserved`, ... */
export function describeLookup(id: number, lookup: MessageTypeLookup | undefined): string {
  if (!lookup) return '';
  switch (lookup.kind) {
    case 'named':
      return `${lookup.spec.name} (${describeDirection(lookup.spec.direction)})`;
    case 'reserved':
      return lookup.olderName ? `reserved (older tables: ${lookup.olderName})` : 'reserved';
    case 'unlisted':
      return `not listed in the public tables`;
    case 'out-of-range':
      return id === 0 ? 'no message has type 0' : `beyond ${LAST_MESSAGE_TYPE}, the highest listed type`;
  }
}

interface Reading {
  /** Lowest protocol version this reading stands for, and the label of its range. */
  from: number;
  versions: string;
  fields: readonly FieldSpec[];
  fixedSize: number;
  width: TagWidth;
  parse?: FloatingParse;
  fits: boolean;
}

/** Protocol-version ranges in which a layout's fixed part and floating width are constant. */
function readingsFor(layout: LayoutSpec, options: DecodeOptions): Reading[] {
  const cuts = new Set<number>([0, 20]);
  for (const f of layout.fixed) if (f.sinceVersion !== undefined) cuts.add(f.sinceVersion);
  const starts = [...cuts].sort((a, b) => a - b);
  const readings: Reading[] = [];
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const next = starts[i + 1];
    if (
      options.protocolVersion !== undefined &&
      (options.protocolVersion < from || (next !== undefined && options.protocolVersion >= next))
    ) {
      continue;
    }
    const versions =
      next === undefined
        ? `≥ ${from}`
        : from === 0
          ? `< ${next}`
          : next === from + 1
            ? `${from}`
            : `${from}–${next - 1}`;
    const fields = layout.fixed.filter((f) => (f.sinceVersion ?? 0) <= from);
    const fixedSize = fields.reduce((n, f) => n + scalarSize(f.type), 0);
    readings.push({ from, versions, fields, fixedSize, width: from >= 20 ? 2 : 1, fits: false });
  }
  return readings;
}

function tagScore(parse: FloatingParse | undefined, layout: LayoutSpec): number {
  if (!parse) return 0;
  let score = 0;
  for (const f of parse.fields) {
    if (layout.floatingTags?.includes(f.tag)) score += 2;
    else if (f.spec) score += 1;
  }
  return score;
}

function widthLabel(width: TagWidth): '1-byte' | '2-byte' {
  return width === 1 ? '1-byte' : '2-byte';
}

const WIDTH_TEXT = {
  1: '1-byte tag + 1-byte length (protocol < 20)',
  2: '2-byte tag + 2-byte length (protocol ≥ 20)',
} as const;

function decodeWithLayout(
  bytes: ArrayLike<number>,
  layout: LayoutSpec,
  end: number,
  complete: boolean,
  name: string,
  options: DecodeOptions,
  problems: string[],
): Pick<ArmMessage, 'fixed' | 'floating' | 'floatingChoice' | 'undecoded'> & { versions: string } {
  const readings = readingsFor(layout, options);
  for (const r of readings) {
    const floatStart = HEADER_SIZE + r.fixedSize;
    if (floatStart > end) continue;
    r.parse = parseFloating(bytes, floatStart, end, r.width);
    r.fits = complete && r.parse.exact;
  }
  const fitting = readings.filter((r) => r.fits);
  let chosen: Reading;
  if (fitting.length > 0) {
    chosen = fitting.reduce((best, r) => {
      const d = tagScore(r.parse, layout) - tagScore(best.parse, layout);
      if (d !== 0) return d > 0 ? r : best;
      if (r.fixedSize !== best.fixedSize) return r.fixedSize > best.fixedSize ? r : best; // the data fills the newer layout
      return best; // same fixed part: keep the older (1-byte) reading, which ECE's listener uses
    });
  } else {
    const parsed = readings.filter((r) => r.parse);
    chosen =
      parsed.length > 0
        ? parsed.reduce((best, r) => (r.parse!.consumed > best.parse!.consumed ? r : best))
        : readings[0]!;
  }

  const fixed: DecodedField[] = [];
  let at = HEADER_SIZE;
  for (const spec of chosen.fields) {
    fixed.push(readField(bytes, spec, at, end, problems));
    at += scalarSize(spec.type);
  }
  if (complete && HEADER_SIZE + chosen.fixedSize > end) {
    problems.push(
      `expected at least ${chosen.fixedSize} body bytes for the fixed part of ${name}, found MessageLength ${end - HEADER_SIZE}`,
    );
  }

  const parse = chosen.parse;
  if (!parse) return { fixed, floating: [], versions: chosen.versions };
  if (parse.consumed === 0 && parse.exact) {
    const sameFixed = readings.filter((r) => r.fixedSize === chosen.fixedSize).map((r) => r.versions);
    return {
      fixed,
      floating: [],
      floatingChoice: {
        encoding: 'none',
        fits: { '1-byte': true, '2-byte': true },
        summary: 'No floating part: the fixed part fills the message.',
      },
      versions: sameFixed.length > 1 ? 'any' : chosen.versions,
    };
  }
  // Compare with the other width over the same fixed part.
  const other = readings.find((r) => r.fixedSize === chosen.fixedSize && r.width !== chosen.width);
  const fits = { '1-byte': false, '2-byte': false };
  fits[widthLabel(chosen.width)] = chosen.fits;
  if (other) fits[widthLabel(other.width)] = other.fits;
  let summary: string;
  if (chosen.fits && other?.fits) {
    summary = `Both the 1-byte and the 2-byte tag/length readings consume the message exactly; chose ${WIDTH_TEXT[chosen.width]} because its tags are the more plausible.`;
  } else if (chosen.fits) {
    summary = `Floating fields use ${WIDTH_TEXT[chosen.width]}: this reading consumes the message exactly.`;
    if (other?.parse)
      summary += ` The ${widthLabel(other.width)} reading does not (${other.parse.error ?? 'it stops early'}).`;
  } else if (!complete) {
    summary = `The dump ends before the message does: showing the ${WIDTH_TEXT[chosen.width]} reading up to the last byte.`;
  } else {
    summary = `Neither the 1-byte nor the 2-byte tag/length reading consumes the floating part exactly; showing the ${widthLabel(chosen.width)} reading up to where it stops.`;
    if (parse.error) problems.push(`floating part: ${parse.error}`);
  }
  const result: ReturnType<typeof decodeWithLayout> = {
    fixed,
    floating: parse.fields,
    floatingChoice: { encoding: widthLabel(chosen.width), fits, summary },
    versions: chosen.versions,
  };
  const stop = HEADER_SIZE + chosen.fixedSize + parse.consumed;
  if (stop < end) result.undecoded = { bodyOffset: stop - HEADER_SIZE, hex: hexBytes(bytes, stop, end) };
  return result;
}

/** Longest fixed part looked past when searching for a floating part after an unknown layout. */
const MAX_UNKNOWN_FIXED = 256;
/** Bodies longer than this are not searched for a floating part (ARM messages are far shorter). */
const MAX_UNKNOWN_SEARCH = 2048;
/** Raw words shown for an unknown layout; the rest is listed as undecoded bytes. */
const MAX_RAW_WORDS = 64;

function rawWord(bytes: ArrayLike<number>, at: number, size: 1 | 2 | 4, description?: string): DecodedField {
  const type: ScalarType = size === 4 ? 'UINT' : size === 2 ? 'USHORT' : 'UCHAR';
  const v = readUnsigned(bytes, at, size);
  const word: DecodedField = {
    label: `unnamed ${type}`,
    type,
    offset: at,
    bodyOffset: at - HEADER_SIZE,
    size,
    value: v,
    display: String(v),
    hex: hexValue(v, size),
    confidence: 'unknown',
    source: 'layout not public: raw bytes',
  };
  if (description) word.description = description;
  return word;
}

function decodeUnknownLayout(
  bytes: ArrayLike<number>,
  end: number,
  isArm: boolean,
): Pick<ArmMessage, 'fixed' | 'floating' | 'floatingChoice' | 'undecoded'> {
  const bodyLen = end - HEADER_SIZE;
  let found: FloatingParse | undefined;
  let fixedSize = bodyLen;
  const lastStart = bodyLen > MAX_UNKNOWN_SEARCH ? 0 : Math.min(bodyLen - 3, MAX_UNKNOWN_FIXED);
  for (let s = 4; s <= lastStart && !found; s += 2) {
    for (const width of [1, 2] as const) {
      if (!splitsExactly(bytes, HEADER_SIZE + s, end, width)) continue;
      const parse = parseFloating(bytes, HEADER_SIZE + s, end, width, isPlausibleField);
      if (parse.exact) {
        found = parse;
        fixedSize = s;
        break;
      }
    }
  }
  const fixed: DecodedField[] = [];
  let at = HEADER_SIZE;
  const stop = HEADER_SIZE + fixedSize;
  while (at < stop && fixed.length < MAX_RAW_WORDS) {
    const left = stop - at;
    const size: 1 | 2 | 4 = left >= 4 ? 4 : left >= 2 ? 2 : 1;
    const hint =
      isArm && at === HEADER_SIZE && size === 4 ? 'every known ARM layout starts with the InvokeID here' : undefined;
    fixed.push(rawWord(bytes, at, size, hint));
    at += size;
  }
  if (at < stop)
    return { fixed, floating: [], undecoded: { bodyOffset: at - HEADER_SIZE, hex: hexBytes(bytes, at, stop) } };
  if (!found) return { fixed, floating: [] };
  return {
    fixed,
    floating: found.fields,
    floatingChoice: {
      encoding: widthLabel(found.width),
      fits: { '1-byte': found.width === 1, '2-byte': found.width === 2 },
      summary: `A floating part seems to start at body offset ${fixedSize}: from there the message reads exactly as ${WIDTH_TEXT[found.width]} fields with known or reserved tags (a guess, since the fixed part is not known).`,
    },
  };
}

/** Decodes one GED-188 message from its bytes (any array of byte values; Buffer and Uint8Array work). */
export function decodeMessage(input: ArrayLike<number>, options: DecodeOptions = {}): Decoded<ArmMessage> {
  const bytes = input;
  const problems: string[] = [];
  const n = bytes.length;
  if (n < HEADER_SIZE) {
    problems.push(`expected at least ${HEADER_SIZE} header bytes (MessageLength, MessageType), found ${n}`);
    return {
      value: {
        byteCount: n,
        header: {
          fields: headerFields(bytes, undefined),
          ...(n >= 4 ? { messageLength: readUnsigned(bytes, 0, 4) } : {}),
        },
        lengthStatus: 'no-header',
        layout: { status: 'none' },
        fixed: [],
        floating: [],
      },
      problems,
    };
  }
  const messageLength = readUnsigned(bytes, 0, 4);
  const messageType = readUnsigned(bytes, 4, 4);
  const lookup = lookupMessageType(messageType);
  const header: MessageHeader = { messageLength, messageType, lookup, fields: headerFields(bytes, lookup) };
  if (lookup.kind === 'named') {
    header.name = lookup.spec.name;
    header.direction = lookup.spec.direction;
  }

  if (messageLength > MAX_MESSAGE_SIZE - HEADER_SIZE) {
    problems.push(
      `expected MessageLength at most ${MAX_MESSAGE_SIZE - HEADER_SIZE} (${MAX_MESSAGE_SIZE}-byte maximum message), found ${messageLength}`,
    );
  }
  const expectedSize = HEADER_SIZE + messageLength;
  // Never read past the largest possible message, whatever the header claims.
  const end = Math.min(expectedSize, n, MAX_MESSAGE_SIZE);
  const complete = n >= expectedSize;
  let lengthStatus: ArmMessage['lengthStatus'] = 'ok';
  if (n < expectedSize) {
    lengthStatus = 'truncated';
    problems.push(
      `expected ${expectedSize} bytes (8-byte header + MessageLength ${messageLength}), found ${n}: ${expectedSize - n} missing, the dump is truncated`,
    );
  } else if (n > expectedSize) {
    lengthStatus = 'over-long';
    problems.push(
      `expected ${expectedSize} bytes (8-byte header + MessageLength ${messageLength}), found ${n}: ${n - expectedSize} extra after the message`,
    );
  }

  const name = header.name ?? `MessageType ${messageType}`;
  if (lookup.kind !== 'named') {
    problems.push(
      `expected a MessageType the CTI Server tables name, found ${messageType} (${describeLookup(messageType, lookup)})`,
    );
  }

  const value: ArmMessage = {
    byteCount: n,
    header,
    expectedSize,
    lengthStatus,
    layout: { status: 'none' },
    fixed: [],
    floating: [],
  };
  const layout = layoutFor(messageType);
  if (layout) {
    const r = decodeWithLayout(bytes, layout, end, complete, name, options, problems);
    value.layout = {
      status: layout.confidence === 'documented' ? 'documented' : 'observed',
      spec: layout,
      versions: r.versions,
    };
    if (layout.note) value.layout.note = layout.note;
    value.fixed = r.fixed;
    value.floating = r.floating;
    if (r.floatingChoice) value.floatingChoice = r.floatingChoice;
    if (r.undecoded) value.undecoded = r.undecoded;
  } else {
    const isArm = messageType >= 151 && messageType <= 210;
    const r = decodeUnknownLayout(bytes, end, isArm);
    value.fixed = r.fixed;
    value.floating = r.floating;
    if (r.floatingChoice) value.floatingChoice = r.floatingChoice;
    if (r.undecoded) value.undecoded = r.undecoded;
    if (lookup.kind !== 'named') {
      value.layout = {
        status: 'unknown-type',
        note: `MessageType ${messageType} is not named by the public tables, so its layout is unknown: the body is shown as raw 4-byte words.`,
      };
    } else if (isArm) {
      value.layout = {
        status: 'not-public',
        note: `The byte layout of ${name} is not public (no CTI Server guide or public implementation documents it): the fixed part is shown as raw 4-byte words.`,
      };
    } else {
      value.layout = {
        status: 'not-in-tables',
        note: `The layout of ${name} is in the CTI Server guides but not in this decoder's tables: the body is shown as raw 4-byte words.`,
      };
    }
  }
  if (n > expectedSize) value.extraBytes = hexBytes(bytes, expectedSize, n);
  return { value, problems };
}
