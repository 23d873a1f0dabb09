/**
 * Epoch times written as plain numbers (`publishedDate=1533528158684`,
 * `<statusTimestamp>1533528158756</statusTimestamp>`, `"startTime": 1533528159105`).
 *
 * A bare number is never taken for a time: the key in front of it must name a time (`...Time`,
 * `...Date`, `...Timestamp`, `...Stamp`, `time`, `lastUpdated`), and the number must fall between
 * 2000 and 2100. `changeStamp` is a version counter in SocialMiner's objects, not a time. `-1`
 * after a time key is how these products write "not set" (`endTime=-1` while a contact is open).
 */

export type EpochUnit = 'ms' | 's';

/** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in ms: the range a logged time can have. */
export const EARLIEST_PLAUSIBLE_MS = 946_684_800_000;
export const LATEST_PLAUSIBLE_MS = 4_102_444_800_000;

/** Keys that end like a time but are not one. */
const NOT_TIME_KEYS = new Set(['changestamp']);
const MS_EXACT_KEYS = new Set(['time', 'timestamp', 'lastupdated', 'lastmodified']);
const MS_SUFFIXES = ['Time', 'Date', 'Timestamp', 'TimeStamp', 'Stamp', '_TIME', '_DATE', '_TIMESTAMP'];
/** Seconds are accepted only when the key says so outright. */
const SECONDS_SUFFIXES = [
  'timesec',
  'timesecs',
  'timeseconds',
  'timestampsec',
  'timestampsecs',
  'timestampseconds',
  'epochsec',
  'epochsecs',
  'epochseconds',
];

/** The unit a key's name implies for an epoch number, or undefined when the key does not name a time. */
export function timeKeyUnit(key: string): EpochUnit | undefined {
  if (key.length === 0 || key.length > 128) return undefined;
  const lower = key.toLowerCase();
  if (NOT_TIME_KEYS.has(lower)) return undefined;
  if (SECONDS_SUFFIXES.some((s) => lower.endsWith(s))) return 's';
  if (MS_EXACT_KEYS.has(lower)) return 'ms';
  // Suffixes are matched on the camel-case boundary: `publishedDate` is a time, `update` is not.
  if (MS_SUFFIXES.some((s) => key.length > s.length && key.endsWith(s))) return 'ms';
  return undefined;
}

/** What a number after a time key means. */
export interface EpochReading {
  unit: EpochUnit;
  /** Milliseconds since 1970-01-01T00:00:00Z; absent when the value means "not set". */
  instant?: number;
  /** True for `-1`, which these products write for a time that has not happened yet. */
  notSet: boolean;
}

/**
 * Reads `raw` as the epoch value of `key`. Undefined when the key is not a time key, or when the
 * number is not a plausible epoch (wrong digit count or outside 2000..2100).
 */
export function readEpoch(key: string, raw: string): EpochReading | undefined {
  const unit = timeKeyUnit(key);
  if (!unit) return undefined;
  const text = raw.trim();
  if (text === '-1') return { unit, notSet: true };
  const digits = unit === 'ms' ? /^\d{12,13}$/ : /^\d{9,10}$/;
  if (!digits.test(text)) return undefined;
  const instant = unit === 'ms' ? Number(text) : Number(text) * 1000;
  if (instant < EARLIEST_PLAUSIBLE_MS || instant >= LATEST_PLAUSIBLE_MS) return undefined;
  return { unit, instant, notSet: false };
}

/** One epoch time found in a text, with offsets. */
export interface EpochField extends EpochReading {
  key: string;
  /** The number as written. */
  raw: string;
  /** How the pair was written: `key=value`, `<key>value</key>`, or `"key": value` / `key: value`. */
  syntax: 'assign' | 'xml' | 'json';
  /** The whole pair (from the key, or the `<`/`"` before it, to the value or the closing tag). */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

// The number after `=`, `>` or `:` (with an optional quote); the key is then read backwards.
const VALUE = /([=>:])[ \t]{0,4}("?)(-?\d{1,13})(?![\w.])/g;
const KEY_CHAR = /[\w$]/;

/** Upper bound on epoch fields reported for one text. */
export const MAX_EPOCH_FIELDS = 1000;

/** Every epoch time in `text`, in order of position. Linear in the text length. */
export function findEpochFields(text: string, maxFields = MAX_EPOCH_FIELDS): EpochField[] {
  const found: EpochField[] = [];
  const re = new RegExp(VALUE.source, 'g');
  let m: RegExpExecArray | null;
  while (found.length < maxFields && (m = re.exec(text)) !== null) {
    const [, mark, quote, raw] = m;
    const markAt = m.index;
    const valueStart = markAt + m[0].length - raw.length;
    const valueEnd = valueStart + raw.length;
    const key = keyBefore(text, markAt, mark);
    if (!key) continue;
    const reading = readEpoch(key.name, raw);
    if (!reading) continue;
    let end = valueEnd;
    const syntax: EpochField['syntax'] = mark === '=' ? 'assign' : mark === '>' ? 'xml' : 'json';
    if (syntax === 'xml') {
      const close = `</${key.name}>`;
      if (text.startsWith(close, valueEnd)) end = valueEnd + close.length;
    } else if (quote && text[valueEnd] === '"') {
      end = valueEnd + 1;
    }
    found.push({ ...reading, key: key.name, raw, syntax, start: key.start, end, valueStart, valueEnd });
  }
  return found;
}

/** The key written just before the `=`, `>` or `:` at `markAt`, in the syntax that mark implies. */
function keyBefore(text: string, markAt: number, mark: string): { name: string; start: number } | undefined {
  let keyEnd = markAt;
  if (mark === ':') {
    // `"key": value` or `key: value`; white space may sit before the colon.
    while (keyEnd > 0 && markAt - keyEnd < 4 && (text[keyEnd - 1] === ' ' || text[keyEnd - 1] === '\t')) keyEnd--;
    if (text[keyEnd - 1] === '"') keyEnd--;
  }
  let start = keyEnd;
  while (start > 0 && keyEnd - start < 128 && KEY_CHAR.test(text[start - 1])) start--;
  if (start === keyEnd || !/[A-Za-z_$]/.test(text[start])) return undefined;
  const name = text.slice(start, keyEnd);
  if (mark === '>') {
    // Only an element: `<key>value`.
    if (text[start - 1] !== '<') return undefined;
    return { name, start: start - 1 };
  }
  if (mark === ':' && keyEnd < markAt && text[keyEnd] === '"') {
    if (text[start - 1] !== '"') return undefined;
    return { name, start: start - 1 };
  }
  return { name, start };
}

// ---------------------------------------------------------------------------------------------
// Formatting of instants, shared by the explainers that show times.

/** `2018-08-06T04:02:38.684Z`; a placeholder for values a Date cannot hold. */
export function formatUtc(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `(not a valid time: ${ms})` : d.toISOString();
}

/** `+05:30` for 330, `-04:00` for -240. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(Math.trunc(offsetMinutes));
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/** The wall-clock time at `offsetMinutes` from UTC: `2018-08-06 09:32:38.684`. */
export function formatWallClock(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  if (Number.isNaN(d.getTime())) return `(not a valid time: ${ms})`;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** A duration in words: `80 ms`, `1.234 s`, `3 min 12.345 s`, `2 h 5 min 3 s`, `4 d 3 h 12 min`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(Math.round(ms));
  if (abs < 1000) return `${abs} ms`;
  const seconds = abs / 1000;
  if (abs < 60_000) return `${seconds.toFixed(3)} s`;
  if (abs < 3_600_000) return `${Math.floor(abs / 60_000)} min ${((abs % 60_000) / 1000).toFixed(3)} s`;
  if (abs < 86_400_000) {
    return `${Math.floor(abs / 3_600_000)} h ${Math.floor((abs % 3_600_000) / 60_000)} min ${Math.floor((abs % 60_000) / 1000)} s`;
  }
  return `${Math.floor(abs / 86_400_000)} d ${Math.floor((abs % 86_400_000) / 3_600_000)} h ${Math.floor((abs % 3_600_000) / 60_000)} min`;
}

/** Where `ms` lies relative to the line's own time: `80 ms before this line`. */
export function describeDistance(ms: number, lineInstant: number): string {
  const delta = lineInstant - ms;
  if (!Number.isFinite(delta)) return 'not comparable with this line';
  if (delta === 0) return 'the same instant as this line';
  return `${formatDuration(delta)} ${delta > 0 ? 'before' : 'after'} this line`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
