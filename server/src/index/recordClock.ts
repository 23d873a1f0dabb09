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
import { resolveTime, type TimeContext } from '../time/timestamp';

export interface ClockState extends DayClockState {
  header?: HeaderDate & { line: number };
}

export class RecordClock {
  private state: ClockState;

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
    const groups = this.headGroups(text);
    if (!groups) return NaN;
    if (this.state.header) followDayClock(this.state, groups);
    if (!want) return NaN;
    return this.resolve(groups);
  }

  /**
   * Consecutive records mostly share their stamp up to the minute: the instant of that minute is
   * kept, and seconds and fraction are added to it (resolveTime is linear in them).
   */
  private resolve(g: Record<string, string | undefined>): number {
    const { year, month, day, hour, minute, second, fraction, zone, offset } = g;
    let sec = 0;
    if (second !== undefined) {
      sec = second.length <= 2 ? Number(second) : NaN;
      if (!(sec <= 60)) return this.resolveFully(g);
    }
    let millis = 0;
    if (fraction !== undefined && fraction.length > 0) {
      const f = fraction.length <= 9 ? Number(fraction) : NaN;
      if (f !== f) return this.resolveFully(g);
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
    const base = this.resolveFully({ ...g, second: '0', fraction: undefined });
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

  private resolveFully(groups: Record<string, string | undefined>): number {
    const ctx: TimeContext = { ...this.context };
    const h = this.state.header;
    if (h && groups.month === undefined) {
      ctx.headerDate = { ...shiftedDate(h, this.state.shift), line: h.line };
    }
    return resolveTime(groups, ctx)?.instant ?? NaN;
  }

  private headGroups(text: string): Record<string, string | undefined> | undefined {
    const lineEnd = firstLineEnd(text);
    const at0 = this.headAt(text, 0, lineEnd);
    if (at0 || !this.grepPrefixes) return at0;
    for (const at of grepContentStarts(text, 0)) {
      const m = this.headAt(text, at, lineEnd);
      if (m) return m;
    }
    return undefined;
  }

  private headAt(text: string, at: number, lineEnd: number): Record<string, string | undefined> | undefined {
    for (const f of this.formats) {
      const m = execPatternAt(f, text, at, lineEnd);
      if (m) return m.groups;
    }
    return undefined;
  }
}

function firstLineEnd(text: string): number {
  const nl = text.indexOf('\n');
  return nl < 0 ? text.length : nl;
}
