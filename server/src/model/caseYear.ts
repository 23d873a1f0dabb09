/**
 * The year of a log whose stamps print none and whose text says none anywhere (the Cisco JTAPI client
 * log: `Aug 21 10:15:02.310 CEST`), taken from the other files of the same case: the days that the
 * case's dated files print (CUCM's `FileHead` `Date: 2019/08/21`, CVP and Finesse `Aug 21 2019`, ISO
 * dates, dumplog `Events from August 21, 2019`, `08/21/2019`, the UCCX engine's `time=` epochs) tell
 * which year an `Aug 21` of that case is. Git keeps no file dates, so on a fresh checkout the file's
 * own date would say the current year; the case's other files say the year of the case.
 *
 * `caseDaysOf` builds the table of a case (day `MM-DD` to its year and where it was seen) from the
 * heads of its files, `caseDaysOfFolder` reads them from disk, and `caseYearOf` looks a year-less
 * text's first days up in the table. Plain data, so it travels to the index's worker threads with the
 * rest of `TimeOptions`. Every regular expression is bounded; nothing throws on odd input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monthNumber } from '../time/timestamp';
import { MONTH_ABBREVIATIONS } from '../util/calendarNames';

/** The year a day of the case has, and the sentence a hover gives as its source. */
export interface CaseDay {
  year: number;
  source: string;
}

/** Days of a case (`MM-DD`) and their year. */
export type CaseDays = Readonly<Record<string, CaseDay>>;

/** How much of each file's head is read for its dates. */
export const CASE_HEAD_BYTES = 16 * 1024;
/** At most this many files of a folder are read (the first ones met, breadth first). */
export const CASE_MAX_FILES = 2000;
/** Dates taken from one file at most. */
const MAX_DATES_PER_FILE = 2000;

const MONTH_NAMES =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

/** Stamps that print their year, each giving (year, month, day). */
const DATED: ReadonlyArray<{ re: RegExp; ymd: (m: RegExpExecArray) => [number, number, number] | undefined }> = [
  // ISO 2019-08-21 (Finesse desktop, ECE, Tomcat file names, webservices file names)
  {
    re: /\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)/g,
    ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // CUCM FileHead `Date: 2019/08/21`
  {
    re: /\b((?:19|20)\d\d)\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\b/g,
    ymd: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // 08/21/2019 (dumplog numeric dates, the VXML Server's CSV)
  {
    re: /\b(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])\/((?:19|20)\d\d)\b/g,
    ymd: (m) => [Number(m[3]), Number(m[1]), Number(m[2])],
  },
  // Aug 21 2019 (the CCBU line: CVP, Finesse, CUIC, SocialMiner), August 21, 2019 (dumplog headers)
  {
    re: new RegExp(`\\b${MONTH_NAMES}\\.? {1,2}(\\d{1,2}),? ((?:19|20)\\d\\d)\\b`, 'g'),
    ymd: (m) => {
      const month = monthNumber(m[1]);
      return month ? [Number(m[3]), month, Number(m[2])] : undefined;
    },
  },
  // epoch milliseconds under a time key (the UCCX engine's Session[...,time=1566375302331])
  {
    re: /\b(?:publishedDate|statusTime[Ss]tamp|enqueueTime|startTime|lastUpdated|time)(?:=|>|":\s{0,2})(1[0-9]{12})\b/g,
    ymd: (m) => {
      const d = new Date(Number(m[1]));
      return Number.isNaN(d.getTime()) ? undefined : [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    },
  },
];

/** A stamp that prints month and day and then the time, no year: `Aug 21 10:15:02`. */
const YEARLESS = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) \d{2}:\d{2}:\d{2}/g;

const dayKey = (month: number, day: number): string =>
  `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const dayLabel = (key: string): string => `${MONTH_ABBREVIATIONS[Number(key.slice(0, 2)) - 1]} ${Number(key.slice(3))}`;

/** The days a text's dated stamps print, each with the year most of its stamps of that day give. */
export function datedDaysOf(text: string): Map<string, number> {
  const votes = new Map<string, Map<number, number>>();
  let seen = 0;
  for (const { re, ymd } of DATED) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (seen < MAX_DATES_PER_FILE && (m = re.exec(text))) {
      const date = ymd(m);
      if (!date) continue;
      const [year, month, day] = date;
      if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) continue;
      seen++;
      const key = dayKey(month, day);
      let years = votes.get(key);
      if (!years) votes.set(key, (years = new Map()));
      years.set(year, (years.get(year) ?? 0) + 1);
    }
  }
  const out = new Map<string, number>();
  for (const [key, years] of votes) out.set(key, mostVoted(years));
  return out;
}

/** The month-days of a text's year-less stamps, first ones first (at most `max`). */
export function yearlessDaysOf(text: string, max = 8): string[] {
  const out: string[] = [];
  YEARLESS.lastIndex = 0;
  let m: RegExpExecArray | null;
  let tried = 0;
  while (out.length < max && tried < 10_000 && (m = YEARLESS.exec(text))) {
    tried++;
    const day = Number(m[2]);
    if (day < 1 || day > 31) continue;
    const month = monthNumber(m[1]);
    if (month === undefined) continue;
    const key = dayKey(month, day);
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/**
 * The days of a case from the heads of its files (`name` is how the source sentence names a file,
 * e.g. its path under the folder): for each day, the year the most files give (the later one on a tie).
 */
export function caseDaysOf(files: Iterable<{ name: string; text: string }>): CaseDays {
  const byDay = new Map<string, Map<number, string[]>>();
  for (const f of files) {
    for (const [key, year] of datedDaysOf(f.text)) {
      let years = byDay.get(key);
      if (!years) byDay.set(key, (years = new Map()));
      let names = years.get(year);
      if (!names) years.set(year, (names = []));
      names.push(f.name);
    }
  }
  const out: Record<string, CaseDay> = {};
  for (const [key, years] of byDay) {
    const counts = new Map([...years].map(([y, names]) => [y, names.length] as [number, number]));
    const year = mostVoted(counts);
    const names = years.get(year)!;
    const others = names.length - 1;
    out[key] = {
      year,
      source: `the dated lines of ${dayLabel(key)} ${year} in ${names[0]}${others > 0 ? ` and ${others} other file${others > 1 ? 's' : ''} of the case` : ''}`,
    };
  }
  return out;
}

/** The year of a year-less text from its case's days: the first of its days the case dates. */
export function caseYearOf(text: string, days: CaseDays | undefined): CaseDay | undefined {
  if (!days) return undefined;
  for (const key of yearlessDaysOf(text)) {
    const hit = Object.prototype.hasOwnProperty.call(days, key) ? days[key] : undefined;
    if (hit && Number.isInteger(hit.year) && typeof hit.source === 'string') return hit;
  }
  return undefined;
}

/**
 * The days of the case under `folder`: the heads of its files (breadth first, hidden folders and
 * `node_modules` left out, gzip and binary files skipped), at most CASE_MAX_FILES files. Never throws.
 */
export async function caseDaysOfFolder(folder: string): Promise<CaseDays> {
  const files: Array<{ name: string; text: string }> = [];
  const queue: Array<{ dir: string; depth: number }> = [{ dir: folder, depth: 0 }];
  const buffer = Buffer.alloc(CASE_HEAD_BYTES);
  let read = 0;
  while (queue.length > 0 && read < CASE_MAX_FILES) {
    const { dir, depth } = queue.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (read >= CASE_MAX_FILES) break;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < 8) queue.push({ dir: full, depth: depth + 1 });
        continue;
      }
      // Logs only: archives, captures, pictures and the case's notes (README.md, settings) date nothing.
      if (!e.isFile() || /\.(?:gz|zip|7z|tgz|pcap|pcapng|png|jpe?g|gif|pdf|md|json|html?|docx?|xlsx?)$/i.test(e.name))
        continue;
      const text = await headOf(full, buffer);
      read++;
      if (text) files.push({ name: path.relative(folder, full).split(path.sep).join('/'), text });
    }
  }
  return caseDaysOf(files);
}

async function headOf(file: string, buffer: Buffer): Promise<string | undefined> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(file, 'r');
    const { bytesRead } = await fh.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return undefined; // binary (or UTF-16): no log text to read dates from
    return head.toString('latin1');
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

function mostVoted(votes: Map<number, number>): number {
  let best = -1;
  let bestCount = -1;
  for (const [year, count] of votes)
    if (count > bestCount || (count === bestCount && year > best)) {
      best = year;
      bestCount = count;
    }
  return best;
}
