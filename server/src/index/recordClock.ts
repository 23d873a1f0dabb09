/**
 * Instants of records met in a stream, with the rules of the record model: the record head's time
 * parts, the file's time context (zone overrides, year), the date of the last dumplog `Events from`
 * header, and a day added each time the clock jumps back by hours after such a header (midnight).
 * Only records that name an entity need an instant; the others are looked at only when a header
 * date is in effect, to follow midnight.
 */
import { execHeaderAt, execPatternAt, type CompiledFormat } from '../formats/compile';
import { grepContentStarts } from '../formats/grepPrefix';
import { followDayClock, headerDateOf, shiftedDate, type DayClockState, type HeaderDate } from '../time/dayClock';
import { resolveTime, type TimeContext, type TimeParts } from '../time/timestamp';
import { execHeadAt, headTimePatterns, lastPattern, timeParts, type HeadTimePattern } from './headTime';

export interface ClockState extends DayClockState {
  header?: HeaderDate & { line: number };
}

export class RecordClock {
  private state: ClockState;
  /** Each format's head patterns without group names (undefined for a format whose patterns cannot be). */
  private readonly unnamed: Array<HeadTimePattern[] | undefined>;

  /**
   * `formats`: the formats a record head may be in, the file's own first; `grepPrefixes`: heads may
   * follow a `file:line:` prefix (grep output).
   */
  constructor(
    private readonly formats: readonly CompiledFormat[],
    private readonly context: TimeContext,
    private readonly grepPrefixes: boolean,
    state?: ClockState,
  ) {
    this.state = state
      ? { ...state, ...(state.header ? { header: { ...state.header } } : {}) }
      : { shift: 0, lastSecondOfDay: -1 };
    this.unnamed = formats.map((f) => headTimePatterns(f));
  }

  /** True once a date header is in effect: every record then moves the clock. */
  get followsHeaders(): boolean {
    return this.state.header !== undefined;
  }

  /** The clock's state (header objects are replaced, never changed, so sharing them is safe). */
  snapshot(): ClockState {
    const { header, shift, lastSecondOfDay } = this.state;
    return header ? { header, shift, lastSecondOfDay } : { shift, lastSecondOfDay };
  }

  /** A header line: a date header sets the date of the records below it. */
  header(text: string, line: number): void {
    for (const f of this.formats) {
      const h = execHeaderAt(f, text, 0, text.length);
      if (!h) continue;
      if (f.headers[h.index].kind !== 'date') return;
      const date = headerDateOf(h.groups, f.headers[h.index].label);
      if (date) this.state = { header: { ...date, line }, shift: 0, lastSecondOfDay: -1 };
      return;
    }
  }

  /** Instant of a record (ms UTC), NaN when unknown; `want` false only follows the clock. */
  record(text: string, want: boolean): number {
    if (!want && !this.state.header) return NaN;
    const head = this.headMatch(text);
    if (!head) return NaN;
    if (head.m) {
      const { m, p } = head;
      const part = p.part;
      if (this.state.header) {
        const month = part[1]! > 0 ? m[part[1]!] : undefined;
        if (month === undefined) followDayClock(this.state, timeParts(m, p) as Record<string, string | undefined>);
      }
      if (!want) return NaN;
      return this.resolve(m, part);
    }
    const groups = head.groups;
    if (this.state.header) followDayClock(this.state, groups);
    if (!want) return NaN;
    return this.resolveNamed(groups);
  }

  /** The time parts of the head as a match array and the group of each part (TIME_PARTS order). */
  private resolve(m: RegExpExecArray, part: Int32Array): number {
    return this.resolveParts(
      part[0]! > 0 ? m[part[0]!] : undefined,
      part[1]! > 0 ? m[part[1]!] : undefined,
      part[2]! > 0 ? m[part[2]!] : undefined,
      part[3]! > 0 ? m[part[3]!] : undefined,
      part[4]! > 0 ? m[part[4]!] : undefined,
      part[5]! > 0 ? m[part[5]!] : undefined,
      part[6]! > 0 ? m[part[6]!] : undefined,
      part[7]! > 0 ? m[part[7]!] : undefined,
      part[8]! > 0 ? m[part[8]!] : undefined,
    );
  }

  private resolveNamed(g: Record<string, string | undefined>): number {
    return this.resolveParts(g.year, g.month, g.day, g.hour, g.minute, g.second, g.fraction, g.zone, g.offset);
  }

  /**
   * Consecutive records mostly share their stamp up to the minute: the instant of that minute is
   * kept, and seconds and fraction are added to it (resolveTime is linear in them).
   */
  private resolveParts(
    year: string | undefined,
    month: string | undefined,
    day: string | undefined,
    hour: string | undefined,
    minute: string | undefined,
    second: string | undefined,
    fraction: string | undefined,
    zone: string | undefined,
    offset: string | undefined,
  ): number {
    let sec = 0;
    if (second !== undefined) {
      sec = second.length <= 2 ? Number(second) : NaN;
      if (!(sec <= 60))
        return this.resolveFully(partsOf(year, month, day, hour, minute, second, fraction, zone, offset));
    }
    let millis = 0;
    if (fraction !== undefined && fraction.length > 0) {
      const f = fraction.length <= 9 ? Number(fraction) : NaN;
      if (f !== f) return this.resolveFully(partsOf(year, month, day, hour, minute, second, fraction, zone, offset));
      millis = Math.round((f / 10 ** fraction.length) * 1000);
    }
    const c = this.minuteCache;
    const h = this.state.header;
    if (
      c !== undefined &&
      c.minute === minute &&
      c.hour === hour &&
      c.day === day &&
      c.month === month &&
      c.year === year &&
      c.zone === zone &&
      c.offset === offset &&
      c.header === h &&
      c.shift === this.state.shift
    ) {
      return c.instant + sec * 1000 + millis;
    }
    const base = this.resolveFully(partsOf(year, month, day, hour, minute, '0', undefined, zone, offset));
    this.minuteCache = {
      year,
      month,
      day,
      hour,
      minute,
      zone,
      offset,
      header: h,
      shift: this.state.shift,
      instant: base,
    };
    return base + sec * 1000 + millis;
  }

  private minuteCache:
    | {
        year?: string;
        month?: string;
        day?: string;
        hour?: string;
        minute?: string;
        zone?: string;
        offset?: string;
        header: ClockState['header'];
        shift: number;
        instant: number;
      }
    | undefined;

  private resolveFully(groups: TimeParts): number {
    const ctx: TimeContext = { ...this.context };
    const h = this.state.header;
    if (h && groups.month === undefined) {
      ctx.headerDate = { ...shiftedDate(h, this.state.shift), line: h.line };
    }
    return resolveTime(groups, ctx)?.instant ?? NaN;
  }

  /** The head of a record matched by the first format whose pattern matches (unnamed where it can be). */
  private headMatch(
    text: string,
  ):
    | { m: RegExpExecArray; p: HeadTimePattern; groups?: undefined }
    | { m?: undefined; groups: Record<string, string | undefined> }
    | undefined {
    const lineEnd = firstLineEnd(text);
    const at0 = this.headAt(text, 0, lineEnd);
    if (at0 || !this.grepPrefixes) return at0;
    for (const at of grepContentStarts(text, 0)) {
      const m = this.headAt(text, at, lineEnd);
      if (m) return m;
    }
    return undefined;
  }

  private headAt(
    text: string,
    at: number,
    lineEnd: number,
  ): { m: RegExpExecArray; p: HeadTimePattern } | { groups: Record<string, string | undefined> } | undefined {
    const formats = this.formats;
    for (let i = 0; i < formats.length; i++) {
      const unnamed = this.unnamed[i];
      if (unnamed) {
        const m = execHeadAt(unnamed, text, at, lineEnd);
        if (m) return { m, p: lastPattern! };
        continue;
      }
      const m = execPatternAt(formats[i]!, text, at, lineEnd);
      if (m) return { groups: m.groups };
    }
    return undefined;
  }
}

function partsOf(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string | undefined,
  offset: string | undefined,
): TimeParts {
  const out: TimeParts = {};
  if (year !== undefined) out.year = year;
  if (month !== undefined) out.month = month;
  if (day !== undefined) out.day = day;
  if (hour !== undefined) out.hour = hour;
  if (minute !== undefined) out.minute = minute;
  if (second !== undefined) out.second = second;
  if (fraction !== undefined) out.fraction = fraction;
  if (zone !== undefined) out.zone = zone;
  if (offset !== undefined) out.offset = offset;
  return out;
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? text.length : nl;
}
