/**
 * Problems of a log file, for the editor's Problems panel (plain TypeScript, no LSP): lines the
 * rules of defs/problems.json name (error records, failure codes, non-zero CTI status, entry point
 * responseType 1 and 2, rttest domain state D), ARM byte dumps whose length does not match their
 * header, requests with no response in time, flows broken at a step (flows/status.ts), and clocks
 * that disagree across files (from the index's instants of one InvokeID).
 *
 * Built to be cheap on a 100 MB file: each rule's literal is found with native `indexOf` over the
 * text, and patterns run only on the lines holding a literal (their first 4 KB).
 */
import { decodeDump } from '../decode/ged188';
import problemDefs from './defs/problems.json';

export type Category =
  | 'errorRecords'
  | 'failureCodes'
  | 'ctiStatus'
  | 'armLength'
  | 'responseType'
  | 'domainState'
  | 'noResponse'
  | 'brokenFlows'
  | 'clocks';

export const CATEGORIES: readonly Category[] = [
  'errorRecords',
  'failureCodes',
  'ctiStatus',
  'armLength',
  'responseType',
  'domainState',
  'noResponse',
  'brokenFlows',
  'clocks',
];

export type ProblemSeverity = 'error' | 'warning' | 'information';

export interface RelatedLine {
  uri: string;
  line: number;
  message: string;
}

export interface Problem {
  line: number;
  /** Characters of the line the problem covers. */
  start: number;
  end: number;
  severity: ProblemSeverity;
  code: string;
  category: Category;
  message: string;
  related: RelatedLine[];
}

export interface DiagnosticsOptions {
  enabled: Record<Category, boolean>;
  /** Problems reported per file at most; one more says how many were left out. */
  maxPerFile: number;
  /** A request with no response within this many ms is a problem. */
  responseTimeoutMs: number;
}

export const DEFAULT_DIAGNOSTICS_OPTIONS: DiagnosticsOptions = {
  enabled: Object.fromEntries(CATEGORIES.map((c) => [c, true])) as Record<Category, boolean>,
  maxPerFile: 200,
  responseTimeoutMs: 5000,
};

/** Characters of a line patterns read. */
const LINE_READ = 4096;
/** Literal hits examined per rule at most (a file full of `-3-` cannot take unbounded time). */
const MAX_HITS_PER_RULE = 50_000;

interface RuleDef {
  code: string;
  category: Category;
  severity: ProblemSeverity;
  literal: string;
  pattern?: string;
  message: string;
  /** Formats whose files the rule reads; absent: every format. */
  formats?: string[];
}

interface Rule extends RuleDef {
  regex?: RegExp;
}

let compiled: Rule[] | undefined;

/** The rules of defs/problems.json, compiled once; a broken rule throws with its code. */
export function problemRules(): Rule[] {
  if (compiled) return compiled;
  const out: Rule[] = [];
  for (const d of (problemDefs as { rules: RuleDef[] }).rules) {
    if (!CATEGORIES.includes(d.category)) throw new Error(`problems.json ${d.code}: unknown category "${d.category}"`);
    if (!d.literal || d.literal.length < 3) throw new Error(`problems.json ${d.code}: literal too short`);
    let regex: RegExp | undefined;
    if (d.pattern) {
      if (/[*+]|\{\d{1,9},\}/.test(d.pattern.replace(/\\[^]/g, '').replace(/\[[^\]]{0,1000}\]/g, '')))
        throw new Error(`problems.json ${d.code}: unbounded repetition in pattern`);
      regex = new RegExp(d.pattern, 'm');
    }
    out.push({ ...d, ...(regex ? { regex } : {}) });
  }
  compiled = out;
  return out;
}

/** Line numbers of offsets, for offsets visited in ascending order (one pass over the text). */
class LineCounter {
  private pos = 0;
  private line = 0;
  constructor(private readonly text: string) {}
  at(offset: number): number {
    if (offset < this.pos) {
      this.pos = 0;
      this.line = 0;
    }
    let i = this.text.indexOf('\n', this.pos);
    while (i >= 0 && i < offset) {
      this.line++;
      i = this.text.indexOf('\n', i + 1);
    }
    this.pos = offset;
    return this.line;
  }
}

function fill(message: string, groups: Record<string, string | undefined> | undefined): string {
  return message.replace(/\$<([A-Za-z]{1,40})>/g, (_m, name: string) => (groups?.[name] ?? '').trim());
}

interface Hit {
  offset: number;
  lineStart: number;
  lineEnd: number;
}

/**
 * Problems of one text from the rules, the ARM dump lengths and requests left unanswered.
 * `instantOf(line)` gives a line's record instant (ms, NaN when unknown) for the response timeout.
 */
export function textProblems(
  text: string,
  options: DiagnosticsOptions = DEFAULT_DIAGNOSTICS_OPTIONS,
  instantOf?: (line: number) => number,
  formatId?: string,
  /** `partial`: the text is a part of a file (a window onto a log too large to open), not all of it. */
  scope: { partial?: boolean } = {},
): { problems: Problem[]; examined: number } {
  const found: Array<Problem & { offset: number }> = [];
  const claimed = new Set<number>();
  let examined = 0;
  // One search of the text per distinct literal.
  const searched = new Map<string, Hit[]>();
  const hitsOf = (literal: string): Hit[] => {
    const known = searched.get(literal);
    if (known) return known;
    const hits: Hit[] = [];
    searched.set(literal, hits);
    let lastLine = -1;
    for (let i = text.indexOf(literal); i >= 0 && hits.length < MAX_HITS_PER_RULE; i = text.indexOf(literal, i + 1)) {
      const lineStart = text.lastIndexOf('\n', i) + 1;
      if (lineStart === lastLine) continue;
      lastLine = lineStart;
      let lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = text.length;
      hits.push({ offset: i, lineStart, lineEnd: text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd });
    }
    return hits;
  };
  for (const rule of problemRules()) {
    if (!options.enabled[rule.category]) continue;
    if (formatId && rule.formats && !rule.formats.includes(formatId)) continue;
    for (const h of hitsOf(rule.literal)) {
      examined++;
      if (claimed.has(h.lineStart)) continue;
      const line = text.slice(h.lineStart, Math.min(h.lineEnd, h.lineStart + LINE_READ));
      let groups: Record<string, string | undefined> | undefined;
      let start = h.offset - h.lineStart;
      let end = start + rule.literal.length;
      if (rule.regex) {
        const m = rule.regex.exec(line);
        if (!m) continue;
        groups = m.groups;
        start = m.index;
        end = m.index + m[0].length;
      }
      claimed.add(h.lineStart);
      found.push({
        offset: h.lineStart,
        line: -1,
        start,
        end: Math.min(end, line.length),
        severity: rule.severity,
        code: rule.code,
        category: rule.category,
        message: fill(rule.message, groups),
        related: [],
      });
    }
  }
  const dumps = options.enabled.armLength || options.enabled.noResponse ? armDumps(text, hitsOf) : [];
  if (options.enabled.armLength)
    for (const d of dumps) {
      if (d.lengthProblem)
        found.push({
          offset: d.lineStart,
          line: -1,
          start: d.start,
          end: d.end,
          severity: 'warning',
          code: 'arm-length-mismatch',
          category: 'armLength',
          message: `${d.name}: ${d.lengthProblem}`,
          related: [],
        });
    }
  found.sort((a, b) => a.offset - b.offset);
  const lines = new LineCounter(text);
  for (const p of found) p.line = lines.at(p.offset);
  const problems: Problem[] = found.map(({ offset: _o, ...p }) => p);
  if (options.enabled.noResponse) {
    const dl = new LineCounter(text);
    for (const d of dumps) d.line = dl.at(d.lineStart);
    problems.push(...unanswered(dumps, options.responseTimeoutMs, instantOf, !!scope.partial));
    problems.sort((a, b) => a.line - b.line);
  }
  return { problems, examined };
}

interface Dump {
  lineStart: number;
  line: number;
  start: number;
  end: number;
  verb: 'Sending' | 'Received';
  name: string;
  invokeId?: number;
  lengthProblem?: string;
}

const DUMP_HEAD = /(Sending|Received) ([A-Z][A-Z0-9_]{2,60}) -> /y;
/** Scratch for the first 12 values of a dump (length, type, InvokeID). */
const head = new Int32Array(12);

/**
 * The decimal byte list of a dump, read without building strings or arrays: how many values (the first 12 go to
 * `head`); anything that is not a decimal byte gives -1 (the decoder then reads the dump).
 */
function readBytes(body: string): number {
  let count = 0;
  let value = 0;
  let digits = 0;
  let negative = false;
  for (let i = 0; i <= body.length; i++) {
    const c = i < body.length ? body.charCodeAt(i) : 32;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (++digits > 3) return -1;
    } else if (c === 45 && digits === 0 && !negative) negative = true;
    else if (c === 32 || c === 10 || c === 13 || c === 9) {
      if (digits > 0) {
        if (count < 12) head[count] = negative ? -value : value;
        count++;
      } else if (negative) return -1;
      value = 0;
      digits = 0;
      negative = false;
    } else return -1;
  }
  return count;
}

/** ARM byte dumps (`Sending MEDIA_LOGIN_REQ -> 0 0 0 27 ...`): name, InvokeID, length check. */
function armDumps(text: string, hitsOf: (literal: string) => Hit[]): Dump[] {
  const out: Dump[] = [];
  for (const h of hitsOf(' -> ')) {
    const line = text.slice(h.lineStart, Math.min(h.lineEnd, h.lineStart + LINE_READ));
    const arrow = h.offset - h.lineStart;
    const headAt = Math.max(line.lastIndexOf('Sending ', arrow), line.lastIndexOf('Received ', arrow));
    if (headAt < 0) continue;
    DUMP_HEAD.lastIndex = headAt;
    const m = DUMP_HEAD.exec(line);
    if (!m || DUMP_HEAD.lastIndex !== arrow + 4) continue;
    // The byte list runs to `<@>` (ECE wraps it over lines) or the end of the line.
    const bodyFrom = h.offset + 4;
    const stop = text.indexOf('<@>', bodyFrom);
    const bodyEnd = stop >= 0 && stop - bodyFrom < 8000 ? stop : h.lineEnd;
    const body = text.slice(bodyFrom, bodyEnd);
    const count = readBytes(body);
    const d: Dump = {
      lineStart: h.lineStart,
      line: -1,
      start: headAt,
      end: Math.min(line.length, arrow + 4 + Math.min(body.length, 200)),
      verb: m[1] as 'Sending' | 'Received',
      name: m[2],
    };
    if (count >= 12)
      d.invokeId = (head[8] & 255) * 2 ** 24 + ((head[9] & 255) << 16) + ((head[10] & 255) << 8) + (head[11] & 255);
    // The header's MessageLength (4 bytes, big-endian) plus the 8-byte header is the dump's size; only a dump
    // that disagrees is decoded, for the decoder's account of it.
    const declared =
      count >= 8 ? (head[0] & 255) * 2 ** 24 + ((head[1] & 255) << 16) + ((head[2] & 255) << 8) + (head[3] & 255) : -1;
    if (declared + 8 === count) {
      out.push(d);
      continue;
    }
    const decoded = decodeDump(`${m[1]} ${m[2]} -> ${body}`);
    if (decoded.value && decoded.value.lengthStatus !== 'ok') {
      const p = decoded.problems.find((x) => x.startsWith('expected ') && x.includes('bytes (8-byte header'));
      d.lengthProblem = p ?? `length does not match the header (${decoded.value.lengthStatus})`;
    }
    out.push(d);
  }
  return out;
}

/**
 * Requests (`*_REQ`) whose InvokeID gets no `*_RESP`/`*_CONF` within the timeout (or at all). A request
 * counts as unanswered only when the text goes on long enough after it: past the timeout when the
 * instants are known, else past it by one dump; in a part of a file (`partial`), only by instants.
 */
function unanswered(
  dumps: Dump[],
  timeoutMs: number,
  instantOf: ((line: number) => number) | undefined,
  partial: boolean,
): Problem[] {
  const responses = new Map<number, Dump[]>();
  for (const d of dumps)
    if (d.verb === 'Received' && d.invokeId !== undefined && /_(?:RESP|CONF)$/.test(d.name)) {
      let l = responses.get(d.invokeId);
      if (!l) responses.set(d.invokeId, (l = []));
      l.push(d);
    }
  const out: Problem[] = [];
  const last = dumps.length ? dumps[dumps.length - 1].line : 0;
  for (const d of dumps) {
    if (d.verb !== 'Sending' || d.invokeId === undefined || !d.name.endsWith('_REQ')) continue;
    const answer = responses.get(d.invokeId)?.find((r) => r.line >= d.line);
    const t0 = instantOf?.(d.line) ?? NaN;
    if (answer) {
      const t1 = instantOf?.(answer.line) ?? NaN;
      if (!Number.isNaN(t0) && !Number.isNaN(t1) && t1 - t0 > timeoutMs)
        out.push({
          line: d.line,
          start: d.start,
          end: d.end,
          severity: 'warning',
          code: 'slow-response',
          category: 'noResponse',
          message: `${d.name} (InvokeID ${d.invokeId}) was answered after ${t1 - t0} ms, more than ccLogs.diagnostics.responseTimeoutMs (${timeoutMs} ms).`,
          related: [],
        });
      continue;
    }
    // Only requests old enough to have been answered inside this log count.
    if (d.line === last) continue;
    const end = instantOf?.(last) ?? NaN;
    if (Number.isNaN(t0) || Number.isNaN(end) ? partial : end - t0 <= timeoutMs) continue;
    out.push({
      line: d.line,
      start: d.start,
      end: d.end,
      severity: 'warning',
      code: 'no-response',
      category: 'noResponse',
      message: `${d.name} (InvokeID ${d.invokeId}) has no response in this log.`,
      related: [],
    });
  }
  return out;
}

/** At most `max` problems, errors first, then a summary of what was left out. */
export function capProblems(problems: Problem[], max: number): Problem[] {
  if (problems.length <= max) return problems;
  const rank = { error: 0, warning: 1, information: 2 } as const;
  const kept = [...problems]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line)
    .slice(0, Math.max(0, max))
    .sort((a, b) => a.line - b.line);
  const left = problems.length - kept.length;
  const byCode = new Map<string, number>();
  for (const p of problems) if (!kept.includes(p)) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  kept.push({
    line: 0,
    start: 0,
    end: 0,
    severity: 'information',
    code: 'more-problems',
    category: 'errorRecords',
    message: `${left} more problem(s) in this file not shown (ccLogs.diagnostics.maxPerFile = ${max}): ${[...byCode]
      .map(([c, n]) => `${c} ×${n}`)
      .join(', ')}`,
    related: [],
  });
  return kept;
}
