/**
 * Reads a logged byte list into bytes. Logs print GED-188 messages as Java signed decimal
 * (`0 0 0 27 0 0 0 -105`), unsigned decimal, or hex (`00 00 00 1B`, `0x1b`, or one unspaced run).
 * This module finds every reading the tokens allow; the caller picks one by checking the header.
 */
import { MAX_MESSAGE_SIZE } from './dataTypes';

/** How the bytes were written. `decimal`: all values 0–127, so signed and unsigned agree. */
export type ByteEncoding = 'signed-decimal' | 'unsigned-decimal' | 'decimal' | 'hex';

export const BYTE_LIST_LIMITS = {
  /** Characters of a dump that are read (enough for a maximum-size message in any notation). */
  maxChars: 100_000,
  /** Bytes kept: one more than the largest message, so an over-long dump is still noticed. */
  maxBytes: MAX_MESSAGE_SIZE + 1,
  /** Bad tokens quoted in a problem before the rest are only counted. */
  maxQuotedTokens: 3,
} as const;

/** One way of reading the tokens. */
export interface ByteReading {
  encoding: ByteEncoding;
  /** `true` when the hex was one unspaced run of digits. */
  unspaced?: boolean;
  bytes: Uint8Array;
  /** Tokens this reading could not use (not numbers in this notation). */
  badTokens: number;
  /** Values outside -128..255 (decimal readings). */
  outOfRange: number;
  problems: string[];
}

export interface TokenizedDump {
  tokens: string[];
  /** The text went past `maxChars` or the byte cap. */
  capped: boolean;
}

/** Splits a dump into tokens, reading at most `maxChars` characters. */
export function tokenizeDump(text: string): TokenizedDump {
  const capped = text.length > BYTE_LIST_LIMITS.maxChars;
  const slice = capped ? text.slice(0, BYTE_LIST_LIMITS.maxChars) : text;
  const tokens = slice.split(/[\s,;]+/).filter((t) => t.length > 0);
  if (capped && tokens.length > 0 && !/\s/.test(text.charAt(BYTE_LIST_LIMITS.maxChars))) tokens.pop(); // cut mid-token
  return { tokens, capped };
}

const DECIMAL = /^[+-]?\d{1,4}$/;
const HEX_BYTE = /^(?:0[xX])?[0-9A-Fa-f]{1,2}$/;
const HEX_RUN = /^(?:0[xX])?(?:[0-9A-Fa-f]{2}){2,}$/;

function quote(tokens: string[], total: number): string {
  const shown = tokens.map((t) => JSON.stringify(t.length > 24 ? t.slice(0, 24) + '…' : t)).join(', ');
  return total > tokens.length ? `${shown} and ${total - tokens.length} more` : shown;
}

function decimalReading(tokens: string[]): ByteReading {
  const out: number[] = [];
  const bad: string[] = [];
  let badCount = 0;
  const range: string[] = [];
  let rangeCount = 0;
  let negative = false;
  let high = false;
  for (let i = 0; i < tokens.length && out.length < BYTE_LIST_LIMITS.maxBytes; i++) {
    const t = tokens[i]!;
    if (!DECIMAL.test(t)) {
      badCount++;
      if (bad.length < BYTE_LIST_LIMITS.maxQuotedTokens) bad.push(t);
      continue;
    }
    const v = Number(t);
    if (v < -128 || v > 255) {
      rangeCount++;
      if (range.length < BYTE_LIST_LIMITS.maxQuotedTokens) range.push(`${t} (token ${i + 1})`);
    }
    if (v < 0) negative = true;
    if (v > 127) high = true;
    out.push(v & 0xff);
  }
  const problems: string[] = [];
  if (badCount > 0) problems.push(`expected decimal byte values, found ${quote(bad, badCount)} (skipped)`);
  if (rangeCount > 0) {
    const more = rangeCount > range.length ? ` and ${rangeCount - range.length} more` : '';
    problems.push(`expected byte values in -128..255, found ${range.join(', ')}${more} (their low 8 bits are used)`);
  }
  if (negative && high) {
    problems.push(
      'expected Java signed bytes (-128..127) or unsigned bytes (0..255), found both negative values and values above 127',
    );
  }
  const encoding: ByteEncoding = negative ? 'signed-decimal' : high ? 'unsigned-decimal' : 'decimal';
  return { encoding, bytes: Uint8Array.from(out), badTokens: badCount, outOfRange: rangeCount, problems };
}

function hexReading(tokens: string[]): ByteReading {
  const out: number[] = [];
  const bad: string[] = [];
  let badCount = 0;
  for (const t of tokens) {
    if (out.length >= BYTE_LIST_LIMITS.maxBytes) break;
    if (!HEX_BYTE.test(t)) {
      badCount++;
      if (bad.length < BYTE_LIST_LIMITS.maxQuotedTokens) bad.push(t);
      continue;
    }
    out.push(parseInt(t.replace(/^0[xX]/, ''), 16));
  }
  const problems = badCount > 0 ? [`expected hex bytes, found ${quote(bad, badCount)} (skipped)`] : [];
  return { encoding: 'hex', bytes: Uint8Array.from(out), badTokens: badCount, outOfRange: 0, problems };
}

/** Hex written as runs of two-digit pairs (`0000001B00000097...` or `0000001B 00000097`). */
function hexRunReading(tokens: string[]): ByteReading | undefined {
  if (tokens.length === 0 || !tokens.every((t) => HEX_RUN.test(t))) return undefined;
  const out: number[] = [];
  for (const t of tokens) {
    const digits = t.replace(/^0[xX]/, '');
    for (let i = 0; i + 1 < digits.length && out.length < BYTE_LIST_LIMITS.maxBytes; i += 2) {
      out.push(parseInt(digits.slice(i, i + 2), 16));
    }
  }
  return { encoding: 'hex', unspaced: true, bytes: Uint8Array.from(out), badTokens: 0, outOfRange: 0, problems: [] };
}

/** Every reading the tokens allow, in no particular order. */
export function byteReadings(tokens: string[]): ByteReading[] {
  const readings = [decimalReading(tokens), hexReading(tokens)];
  const run = hexRunReading(tokens);
  if (run) readings.push(run);
  return readings;
}

/**
 * How strongly the tokens' look suggests hex (positive) or decimal (negative), before any
 * structural check: letters and `0x` say hex, minus signs and three-digit values say decimal.
 * Zero-padded pairs (`00`, `08`) lean to hex, because Java's decimal output never pads; lone
 * digits (`0`, `8`) lean to decimal, because hex dumps usually pad.
 */
export function notationHint(tokens: string[]): number {
  let padded = false;
  let single = false;
  for (const t of tokens.slice(0, 4096)) {
    if (/^0[xX]/.test(t) || /[A-Fa-f]/.test(t)) return 2;
    if (t.startsWith('-') || /^\d{3,}$/.test(t)) return -2;
    if (/^0\d$/.test(t)) padded = true;
    else if (/^\d$/.test(t)) single = true;
  }
  return padded === single ? 0 : padded ? 1 : -1;
}

export function describeEncoding(reading: ByteReading): string {
  switch (reading.encoding) {
    case 'signed-decimal':
      return 'Java signed decimal bytes (each read as b & 0xFF)';
    case 'unsigned-decimal':
      return 'unsigned decimal bytes';
    case 'decimal':
      return 'decimal bytes (all 0–127, so signed and unsigned readings agree)';
    case 'hex':
      return reading.unspaced ? 'hex digits without spaces' : 'hex bytes';
  }
}
