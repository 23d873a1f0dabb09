/**
 * "Go to time T" in a file too large to read whole: bisects the file by bytes, reading a slice at a
 * probe point and dating the first record there with the record model, until the slice that holds
 * the first record at or after T is found (about thirty reads of 128 KB for 1 GB). Assumes the file
 * is in time order, as logs are; out-of-order stretches only make the answer land near T.
 */
import { LogModel, type ModelOptions } from '../model/logModel';
import { decodeLogBytes } from '../model/textDecoding';
import { readFileRange, type LineMap } from './fileWindow';

const PROBE_BYTES = 128 * 1024;
/** Bisection stops when the range is this small; the rest is read in order. */
const FINAL_BYTES = 2 * PROBE_BYTES;
const MAX_PROBES = 64;

interface Dated {
  instant: number;
  offsetMinutes: number;
  /** Zero-based line of the record in the probe's text (after the skipped partial line). */
  lineInText: number;
}

/** The first dated record at or after `target` in a slice at `byte`, or the first dated one. */
async function probe(
  map: LineMap,
  byte: number,
  length: number,
  options: ModelOptions,
  target?: number,
): Promise<{ first?: Dated; atOrAfter?: Dated; skipped: number }> {
  const buf = await readFileRange(map.path, byte, length);
  let skip = 0;
  if (byte > 0) {
    const nl = buf.indexOf(10);
    skip = nl < 0 ? buf.length : nl + 1; // a partial line: its record starts above the probe
  }
  const text = decodeLogBytes(buf.subarray(skip)).text;
  const model = LogModel.build(text, options);
  let first: Dated | undefined;
  for (let r = 0; r < model.recordCount; r++) {
    const time = model.parseRecord(r)?.time;
    if (!time || time.instant !== time.instant) continue;
    const d = { instant: time.instant, offsetMinutes: time.offsetMinutes, lineInText: model.recordStartLine(r) };
    first ??= d;
    if (target === undefined || d.instant >= target) return { first, atOrAfter: d, skipped: skip };
  }
  return { ...(first ? { first } : {}), skipped: skip };
}

/** The instant and clock offset of the file's first dated record (to read a time of day as the file does). */
export async function firstStamp(
  map: LineMap,
  options: ModelOptions,
): Promise<{ instant: number; offsetMinutes: number } | undefined> {
  const p = await probe(map, 0, Math.min(map.fileBytes, 4 * PROBE_BYTES), options);
  return p.first;
}

/** The zero-based line of the first record at or after `target` (ms UTC); the last line when none is. */
export async function lineAtInstant(map: LineMap, target: number, options: ModelOptions): Promise<number> {
  let lo = 0;
  let hi = map.fileBytes;
  for (let i = 0; i < MAX_PROBES && hi - lo > FINAL_BYTES; i++) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const p = await probe(map, mid, PROBE_BYTES, options);
    if (p.first && p.first.instant < target) lo = mid;
    else hi = mid;
  }
  // Read on from lo until a record at or after the target shows up.
  for (let at = lo; at < map.fileBytes;) {
    const length = Math.min(FINAL_BYTES * 2, map.fileBytes - at);
    const p = await probe(map, at, length, options, target);
    if (p.atOrAfter) return (await map.lineOfByte(at + p.skipped)) + p.atOrAfter.lineInText;
    // Step back over the last line, which may be cut.
    at += Math.max(PROBE_BYTES, length - 4096);
    if (at - lo > 64 * FINAL_BYTES) break;
  }
  const total = map.totalLines ?? (await map.lineOfByte(map.fileBytes));
  return Math.max(0, total - 1);
}

/**
 * Reads a time a user typed: a full ISO date and time (with or without zone; without, in the file's
 * own clock), or a time of day (`10:12`, `10:12:13.5`) on the day of the file's first record.
 * Returns ms UTC, or undefined when the text is not a time.
 */
export function parseUserTime(
  input: string,
  fileClock: { instant: number; offsetMinutes: number } | undefined,
): number | undefined {
  const s = input.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  const offset = fileClock?.offsetMinutes ?? 0;
  const tod = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?$/.exec(s);
  if (tod) {
    if (!fileClock) return undefined;
    const local = new Date(fileClock.instant + offset * 60_000);
    const [h, m, sec, ms] = [
      Number(tod[1]),
      Number(tod[2]),
      Number(tod[3] ?? 0),
      Number((tod[4] ?? '0').padEnd(3, '0')),
    ];
    if (h > 23 || m > 59 || sec > 59) return undefined;
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, m, sec, ms) - offset * 60_000;
  }
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const [y, mo, d, h, mi, sec] = iso.slice(1, 7).map((v) => Number(v ?? 0));
    const ms = Number((iso[7] ?? '0').slice(0, 3).padEnd(3, '0'));
    let zone = offset;
    if (iso[8] === 'Z') zone = 0;
    else if (iso[8]) {
      const z = iso[8].replace(':', '');
      zone = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    }
    const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - zone * 60_000;
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}
