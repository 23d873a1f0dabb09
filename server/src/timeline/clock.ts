/**
 * Clocks that disagree. `ccLogs.clockOffsets` corrects the clock of a host (`cglA`, `10.78.91.166`,
 * `ECEAPP01`) or of the files matching a glob (`icm/*.txt`, matched against the whole path): milliseconds added to what their
 * lines write. Findings come from request/response pairs: the side that sent a request writes the
 * first and the last line of the exchange, so another host writing a line about the same InvokeID
 * before the request left, or after the response arrived, has a clock that is off by at least that.
 */
import picomatch from 'picomatch';
import type { ClockFinding } from '../../../protocol/timelineTypes';

export interface ClockRule {
  /** As written in the setting. */
  key: string;
  ms: number;
  /** A glob over file paths, else a host or lane name (case-insensitive). */
  glob?: (path: string) => boolean;
}

const MAX_RULES = 200;
const MAX_OFFSET_MS = 7 * 24 * 3600 * 1000;

/**
 * Parses the setting: `{ "cglA": -60, "PG1A": "-0.06s", "*ECEAPP01*": "+1.5s" }` (numbers are
 * milliseconds; strings take `ms`, `s`, `m` or `h`). Malformed entries are left out and listed.
 */
export function clockRulesFrom(raw: unknown): { rules: ClockRule[]; problems: string[] } {
  const rules: ClockRule[] = [];
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { rules, problems };
  for (const [key, v] of Object.entries(raw as Record<string, unknown>).slice(0, MAX_RULES)) {
    const ms = parseOffsetMs(v);
    if (ms === undefined || key.trim() === '' || key.length > 512) {
      problems.push(`ccLogs.clockOffsets: "${key.slice(0, 80)}" needs a number of milliseconds or a text like "-1.5s"`);
      continue;
    }
    const isGlob = /[*?/\\[\]{}]/.test(key);
    let glob: ((p: string) => boolean) | undefined;
    if (isGlob) {
      try {
        const pattern = key.startsWith('/') || key.startsWith('**') || /^[A-Za-z]:/.test(key) ? key : `**/${key}`;
        const m = picomatch(pattern.replace(/\\/g, '/'), { dot: true, nocase: true });
        glob = (p: string) => m(p.replace(/\\/g, '/'));
      } catch {
        problems.push(`ccLogs.clockOffsets: "${key.slice(0, 80)}" is not a valid glob`);
        continue;
      }
    }
    rules.push({ key, ms, ...(glob ? { glob } : {}) });
  }
  return { rules, problems };
}

export function parseOffsetMs(v: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v;
  else if (typeof v === 'string') {
    const m = /^([+-]?\d{1,9}(?:\.\d{1,6})?)(?:\s*(ms|s|m|min|h))?$/.exec(v.trim());
    if (m) {
      const unit = m[2] ?? 'ms';
      const scale = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
      ms = Number(m[1]) * scale;
    }
  }
  return ms !== undefined && Math.abs(ms) <= MAX_OFFSET_MS ? Math.round(ms) : undefined;
}

/** The rule correcting a line of file `path` written by `host` (lane `lane`), if any: globs first. */
export function clockRuleFor(
  rules: readonly ClockRule[],
  path: string | undefined,
  host: string | undefined,
  lane?: string,
): ClockRule | undefined {
  if (path) for (const r of rules) if (r.glob?.(path)) return r;
  const names = [host, lane].filter((x): x is string => !!x).map((x) => x.toLowerCase());
  for (const r of rules) if (!r.glob && names.includes(r.key.toLowerCase())) return r;
  return undefined;
}

export interface ExchangeLine {
  /** Host or lane that wrote it. */
  host: string;
  instant: number;
  uri: string;
  line: number;
  birth: boolean;
  /** Milliseconds ccLogs.clockOffsets already added to what the line writes. */
  correctionMs?: number;
}

/**
 * Findings over the lines of request/response exchanges (one list per InvokeID). The requester is
 * the host of the earliest birth line; another host's lines must fall between its first and last line.
 */
export function clockFindings(exchanges: ReadonlyMap<string, readonly ExchangeLine[]>): ClockFinding[] {
  const worst = new Map<string, ClockFinding>();
  for (const [invokeId, lines] of exchanges) {
    const timed = lines.filter((l) => l.instant === l.instant);
    // The requester: the earliest birth line (several hosts may log the request as born, and the order of
    // the lines depends on which file the index read first), ties broken by file and line.
    let birth: ExchangeLine | undefined;
    for (const l of timed)
      if (
        l.birth &&
        (!birth ||
          l.instant < birth.instant ||
          (l.instant === birth.instant && (l.uri < birth.uri || (l.uri === birth.uri && l.line < birth.line))))
      )
        birth = l;
    if (!birth) continue;
    const own = timed.filter((l) => l.host === birth.host);
    const first = own.reduce((a, b) => (b.instant < a.instant ? b : a));
    const last = own.reduce((a, b) => (b.instant > a.instant ? b : a));
    for (const l of timed) {
      if (l.host === birth.host) continue;
      let skew = 0;
      let ref: ExchangeLine | undefined;
      let sentence = '';
      if (l.instant < first.instant) {
        skew = first.instant - l.instant;
        ref = first;
        sentence = `writes a line about InvokeID ${invokeId} ${skew} ms before ${birth.host} sent the request`;
      } else if (own.length > 1 && l.instant > last.instant) {
        skew = -(l.instant - last.instant);
        ref = last;
        sentence = `writes a line about InvokeID ${invokeId} ${-skew} ms after ${birth.host} received the answer`;
      }
      if (!ref || skew === 0) continue;
      const id = `${l.host}\u0000${birth.host}\u0000${Math.sign(skew)}`;
      const known = worst.get(id);
      if (known && Math.abs(known.skewMs) >= Math.abs(skew)) continue;
      worst.set(id, {
        host: l.host,
        reference: birth.host,
        skewMs: skew,
        message: `The clock of ${l.host} is at least ${Math.abs(skew)} ms ${skew > 0 ? 'behind' : 'ahead of'} ${birth.host}: it ${sentence}.`,
        evidence: [
          { uri: l.uri, line: l.line },
          { uri: ref.uri, line: ref.line },
        ],
        suggestion: { key: l.host, ms: (l.correctionMs ?? 0) + skew },
        basis: 'invokeId',
      });
    }
  }
  return [...worst.values()].sort((a, b) => Math.abs(b.skewMs) - Math.abs(a.skewMs));
}
