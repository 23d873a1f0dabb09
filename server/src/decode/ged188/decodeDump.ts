/**
 * decodeDump: from the text of a logged GED-188 byte list (as the ECE listener's ARMLogger prints
 * it) to a decoded message. Detects the notation, tolerates line breaks inside the list, a leading
 * `Sending NAME ->` and a trailing ` <@>`, and checks the name the log printed against the bytes.
 */
import type { Decoded } from '../result';
import { byteReadings, describeEncoding, notationHint, tokenizeDump, type ByteReading } from './byteList';
import { HEADER_SIZE } from './dataTypes';
import { describeDirection, lookupMessageType, messageTypeByName } from './messageTypes';
import { decodeMessage, describeLookup, type ArmMessage, type DecodeOptions, type DumpInfo } from './walker';

export interface DumpOptions extends DecodeOptions {
  /** Verb and name the log printed before the bytes, when the caller already split them off. */
  loggedVerb?: 'Sending' | 'Received';
  loggedName?: string;
}

/** `Sending MEDIA_LOGIN_REQ ->` (or just `->`) at the start of the text. */
const PREFIX = /^\s{0,200}(?:(?:(Sending|Received)\s{1,8})?([A-Za-z][A-Za-z0-9_]{0,63})\s{0,8})?->/;

interface Scored {
  reading: ByteReading;
  key: number[];
}

const KEY_REASONS = [
  'fewer tokens are unreadable that way',
  'fewer values are out of range that way',
  'its MessageLength matches the number of bytes',
  'the tokens look like it',
  'its MessageType is a known one',
  'listener logs print bytes in decimal',
];

function score(reading: ByteReading, hint: number): number[] {
  const b = reading.bytes;
  const header = b.length >= HEADER_SIZE;
  const ml = header ? ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]! : -1;
  const mt = header ? ((b[4]! << 24) >>> 0) + (b[5]! << 16) + (b[6]! << 8) + b[7]! : -1;
  const hex = reading.encoding === 'hex';
  return [
    -reading.badTokens,
    -reading.outOfRange,
    header && ml + HEADER_SIZE === b.length ? 1 : 0,
    (hex && hint > 0) || (!hex && hint < 0) ? 1 : 0,
    header && lookupMessageType(mt).kind === 'named' ? 1 : 0,
    hex ? 0 : 1,
  ];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Decodes a logged byte list. Never throws; everything odd becomes a problem. */
export function decodeDump(text: string, options: DumpOptions = {}): Decoded<ArmMessage> {
  let body = typeof text === 'string' ? text : '';
  let loggedVerb = options.loggedVerb;
  let loggedName = options.loggedName;
  const prefix = PREFIX.exec(body.slice(0, 400));
  if (prefix) {
    loggedVerb ??= prefix[1] as 'Sending' | 'Received' | undefined;
    loggedName ??= prefix[2];
    body = body.slice(prefix[0].length);
  }
  const end = body.indexOf('<@>');
  if (end >= 0) body = body.slice(0, end);

  const { tokens, capped } = tokenizeDump(body);
  const hint = notationHint(tokens);
  const scored: Scored[] = byteReadings(tokens)
    .map((reading) => ({ reading, key: score(reading, hint) }))
    .sort((a, b) => compare(a.key, b.key));
  const best = scored[0]!;
  const chosen = best.reading;

  const problems: string[] = [];
  if (tokens.length === 0) problems.push('expected a list of byte values (decimal or hex), found none');
  problems.push(...chosen.problems);
  if (capped || chosen.bytes.length > 12500) {
    problems.push(
      'expected at most 12500 bytes (the largest CTI message), found more: only the start of the dump is read',
    );
  }

  const dump: DumpInfo = {
    encoding: chosen.encoding,
    encodingText: describeEncoding(chosen),
    tokenCount: tokens.length,
  };
  const runnerUp = scored.find(
    (s) =>
      s !== best &&
      s.reading.badTokens === 0 &&
      s.reading.outOfRange === 0 &&
      !sameBytes(s.reading.bytes, chosen.bytes),
  );
  if (runnerUp && chosen.badTokens === 0 && tokens.length > 0) {
    const i = best.key.findIndex((v, k) => v !== runnerUp.key[k]);
    const reason = i >= 0 ? KEY_REASONS[i] : 'it comes first';
    dump.ambiguity = `Every token is also valid as ${describeEncoding(runnerUp.reading)}; read as ${describeEncoding(chosen)} because ${reason}.`;
  }
  if (loggedVerb) dump.loggedVerb = loggedVerb;
  if (loggedName) dump.loggedName = loggedName;

  const decoded = decodeMessage(chosen.bytes, options);
  problems.push(...decoded.problems);
  const value = { ...decoded.value, dump };
  const header = value.header;

  if (loggedName && header.messageType !== undefined) {
    const named = messageTypeByName(loggedName);
    if (named && named.id !== header.messageType) {
      problems.push(
        `expected MessageType ${named.id} for ${loggedName} as the log line names it, found ${header.messageType} (${describeLookup(header.messageType, header.lookup)})`,
      );
    }
  }
  if (loggedVerb && header.name && header.direction) {
    if (loggedVerb === 'Sending' && header.direction === 'toClient') {
      problems.push(
        `expected a message the client sends after "Sending", found ${header.name} (${describeDirection(header.direction)})`,
      );
    } else if (loggedVerb === 'Received' && header.direction === 'toServer') {
      problems.push(
        `expected a message the CTI Server sends after "Received", found ${header.name} (${describeDirection(header.direction)})`,
      );
    }
  }
  return { value, problems };
}
