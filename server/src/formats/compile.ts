/**
 * Turns format descriptions into ready-to-run matchers and checks them the way lnav checks its
 * formats: every pattern compiles, every sample matches exactly one pattern, declared sample
 * severities and instants hold. Problems name the JSON path that is wrong.
 */
import picomatch from 'picomatch';
import { Severity, severityFromName } from './severity';
import type { FormatDefinition, HeaderDefinition, OutlineDefinition } from './types';

/** How far into a line patterns look: record heads are short, so long lines cost no more than this. */
export const HEAD_LIMIT = 4096;

export interface CompiledPattern {
  name: string;
  /** Sticky regex for scanning (`lastIndex` = line start). */
  sticky: RegExp;
  /** Same pattern with indices, for field ranges on demand. */
  withIndices: RegExp;
}

export interface CompiledHeader {
  name: string;
  kind: HeaderDefinition['kind'];
  sticky: RegExp;
  /** The literal the header line holds (declared, or the text its pattern begins with). */
  anchor?: string;
  label?: string;
}

export interface CompiledOutline {
  name: string;
  def: OutlineDefinition;
  sticky: RegExp;
}

export interface CompiledFormat {
  def: FormatDefinition;
  id: string;
  patterns: CompiledPattern[];
  /** The sticky regexes of `patterns` and `headers`, in order, for the per-line scans. */
  patternStickies: RegExp[];
  headerStickies: RegExp[];
  headers: CompiledHeader[];
  /**
   * A literal each header line holds (the text its pattern begins with), so that a search for
   * literals finds the headers too; undefined when a header pattern begins with no literal.
   */
  headerAnchors: string[] | undefined;
  outline: CompiledOutline[];
  firstLine?: RegExp;
  fileName: (baseName: string) => boolean;
  severityValues: Map<string, Severity>;
  defaultSeverity: Severity;
  severityRules: Array<{ sticky: RegExp; severity: Severity }>;
  priority: number;
}

export interface FormatProblem {
  formatId: string;
  /** JSON path in the format file, e.g. `/patterns/main`. */
  path: string;
  message: string;
  level: 'error' | 'warning';
}

export function compileFormat(def: FormatDefinition, problems: FormatProblem[]): CompiledFormat | undefined {
  const id = typeof def.id === 'string' ? def.id : '(no id)';
  const err = (path: string, message: string, level: 'error' | 'warning' = 'error') =>
    problems.push({ formatId: id, path, message, level });
  for (const key of ['id', 'title', 'languageId', 'product'] as const) {
    if (typeof def[key] !== 'string' || def[key].length === 0) err(`/${key}`, `expected a non-empty string`);
  }
  if (!def.patterns || typeof def.patterns !== 'object' || Object.keys(def.patterns).length === 0) {
    err('/patterns', 'expected at least one named pattern');
    return undefined;
  }
  const compile = (source: string, flags: string, path: string): RegExp | undefined => {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      err(path, `invalid regular expression: ${(e as Error).message}`);
      return undefined;
    }
  };
  const patterns: CompiledPattern[] = [];
  for (const [name, source] of Object.entries(def.patterns)) {
    const sticky = compile(source, 'y', `/patterns/${name}`);
    const withIndices = compile(source, 'dy', `/patterns/${name}`);
    if (sticky && withIndices) patterns.push({ name, sticky, withIndices });
  }
  const headers: CompiledHeader[] = [];
  for (const [name, h] of Object.entries(def.headers ?? {})) {
    const sticky = compile(h.pattern, 'y', `/headers/${name}/pattern`);
    if (sticky)
      headers.push({
        name,
        kind: h.kind,
        sticky,
        ...(typeof h.anchor === 'string' && h.anchor.length > 0 ? { anchor: h.anchor } : {}),
        ...(typeof h.label === 'string' && h.label.length > 0 ? { label: h.label } : {}),
      });
  }
  const outline: CompiledOutline[] = [];
  for (const [name, o] of Object.entries(def.outline ?? {})) {
    const sticky = compile(o.pattern, 'y', `/outline/${name}/pattern`);
    if (sticky) outline.push({ name, def: o, sticky });
  }
  const severityValues = new Map<string, Severity>();
  for (const [value, scale] of Object.entries(def.severity?.values ?? {})) {
    const s = severityFromName(scale);
    if (s === undefined) err(`/severity/values/${value}`, `unknown severity "${scale}"`);
    else severityValues.set(value.toLowerCase(), s);
  }
  const defaultSeverity = def.severity?.default ? severityFromName(def.severity.default) : Severity.Unknown;
  const severityRules: CompiledFormat['severityRules'] = [];
  (def.severityRules ?? []).forEach((rule, i) => {
    const sticky = compile(rule.pattern, 'y', `/severityRules/${i}/pattern`);
    const severity = severityFromName(rule.severity);
    if (severity === undefined) err(`/severityRules/${i}/severity`, `unknown severity "${rule.severity}"`);
    else if (sticky) severityRules.push({ sticky, severity });
  });
  const firstLine = def.firstLine ? compile(def.firstLine, '', '/firstLine') : undefined;
  const globs = def.fileNames ?? [];
  const fileName = globs.length ? picomatch(globs, { nocase: true, dot: true }) : () => false;
  if (!Array.isArray(def.samples) || def.samples.length === 0) {
    err('/samples', 'a text format needs at least one sample line');
  }
  return {
    def,
    id,
    patterns,
    patternStickies: patterns.map((p) => p.sticky),
    headerStickies: headers.map((h) => h.sticky),
    headerAnchors: headerAnchors(headers),
    headers,
    outline,
    ...(firstLine ? { firstLine } : {}),
    fileName,
    severityValues,
    defaultSeverity: defaultSeverity ?? Severity.Unknown,
    severityRules,
    priority: def.priority ?? 0,
  };
}

/** Index of the first pattern that matches the head of `text` at `start`, or -1. */
export function matchPatternAt(format: CompiledFormat, text: string, start: number, end: number): number {
  return firstMatchAt(format.patternStickies, text, start, end);
}

/** Index of the first header that matches the line at `start`, or -1. */
export function matchHeaderAt(format: CompiledFormat, text: string, start: number, end: number): number {
  return firstMatchAt(format.headerStickies, text, start, end);
}

/** A record head or header line matched, with the named groups of the pattern that matched. */
export interface HeadMatch {
  index: number;
  groups: Record<string, string | undefined>;
}

/** The first record pattern of `format` matching the head of `text` at `start`, with its groups. */
export function execPatternAt(format: CompiledFormat, text: string, start: number, end: number): HeadMatch | undefined {
  return firstExecAt(format.patternStickies, text, start, end);
}

/** The first header pattern of `format` matching the line at `start`, with its groups. */
export function execHeaderAt(format: CompiledFormat, text: string, start: number, end: number): HeadMatch | undefined {
  return firstExecAt(format.headerStickies, text, start, end);
}

/** The groups of one sticky regex matching at `start`, looking no further than HEAD_LIMIT. */
export function execStickyAt(
  re: RegExp,
  text: string,
  start: number,
  end: number,
): Record<string, string | undefined> | undefined {
  return firstExecAt([re], text, start, end)?.groups;
}

/** The head of `text` a pattern at `start` may read: no further than `end` nor HEAD_LIMIT characters. */
function headOf(text: string, start: number, end: number): string {
  const limit = Math.min(end, start + HEAD_LIMIT);
  return limit === text.length ? text : text.slice(0, limit);
}

function firstExecAt(regexes: readonly RegExp[], text: string, start: number, end: number): HeadMatch | undefined {
  if (regexes.length === 0) return undefined;
  const head = headOf(text, start, end);
  for (let i = 0; i < regexes.length; i++) {
    const re = regexes[i];
    re.lastIndex = start;
    const m = re.exec(head);
    if (m) return { index: i, groups: m.groups ?? {} };
  }
  return undefined;
}

/** Index of the first sticky regex that matches at `start`, looking no further than HEAD_LIMIT. */
export function firstMatchAt(regexes: readonly RegExp[], text: string, start: number, end: number): number {
  if (regexes.length === 0) return -1;
  const head = headOf(text, start, end);
  for (let i = 0; i < regexes.length; i++) {
    const re = regexes[i];
    re.lastIndex = start;
    if (re.test(head)) return i;
  }
  return -1;
}

/** Shortest literal a header anchor may be: shorter ones would be found everywhere. */
const MIN_ANCHOR = 4;

function headerAnchors(headers: readonly CompiledHeader[]): string[] | undefined {
  const out: string[] = [];
  for (const h of headers) {
    const literal = h.anchor ?? leadingLiteral(h.sticky.source);
    if (literal === undefined || literal.length < MIN_ANCHOR) return undefined;
    out.push(literal);
  }
  return out;
}

/**
 * The text every match of a pattern begins with: its characters up to the first one with a regular
 * expression meaning (one fewer when a quantifier follows). None when the pattern alternates at
 * its top level, where no common beginning is certain.
 */
export function leadingLiteral(source: string): string | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return undefined;
  }
  const body = source.startsWith('^') ? source.slice(1) : source;
  let end = 0;
  while (end < body.length && !/[\\^$.|?*+()[\]{}]/.test(body[end]!)) end++;
  if (end < body.length && /[?*{]/.test(body[end]!)) end--;
  return end > 0 ? body.slice(0, end) : undefined;
}
