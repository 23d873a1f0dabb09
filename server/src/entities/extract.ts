/**
 * Finds the entities (contact ids, rooms, agents under each name, InvokeIDs...) one record names,
 * by running the data rules of server/src/entities/defs/. It runs over whole log bundles, so it is
 * built to be cheap on the lines that name nothing: one pass of a combined literal scanner tells
 * which rule anchors occur (a record with none costs nothing more), a rule runs only when one of
 * its anchors does, and `atAnchor` rules try their bounded pattern only where the anchor is.
 * ARM byte dumps are read with the GED-188 decoder.
 */
import { decodeDump } from '../decode/ged188';
import type { ArmMessage } from '../decode/ged188';
import {
  builtinEntityRules,
  ruleView,
  type CompiledArmField,
  type CompiledArmRule,
  type CompiledCapture,
  type CompiledPatternRule,
  type EntityRuleSet,
  type FormatRuleView,
  type Normalization,
  type RuleProblem,
} from './rules';
import type { EntityLink, EntityOccurrence, Extraction } from './types';
import { unnamedCopy } from '../util/unnamedGroups';

/** Characters of a record that are read; entities further in are not found (records are rarely this long). */
export const MAX_RECORD_CHARS = 1 << 20;
/** Occurrences kept per record, so that a pathological record cannot produce an unbounded result. */
export const MAX_OCCURRENCES = 10_000;
/** Characters of a logged byte list handed to the GED-188 decoder (its own limit). */
const MAX_DUMP_CHARS = 100_000;

/** What a rule found, before duplicates are merged. */
interface Found {
  rule: string;
  cap: CompiledCapture;
  /** Normalised value: the key without its prefix. */
  value: string;
  key: string;
  start: number;
  end: number;
  birth: boolean;
}

interface PendingLink {
  a: Found;
  b: Found;
  why: string;
}

const EMPTY = (): Extraction => ({ occurrences: [], links: [] });

/**
 * Where each literal of the rule set first occurs in the current record (-1: nowhere), found by one
 * pass of the rule set's combined literal scanner. Kept in a module-level array reused by every
 * record, so a record that names nothing costs that pass and no allocation.
 */
let firstAt = new Int32Array(0);
/** Where each literal last occurs in the current record, when the caller knows (else NO_LAST: look). */
let lastAt = new Int32Array(0);
const NO_LAST = 0x7fffffff;

const positions = new WeakMap<FormatRuleView, Int32Array>();

/** Global literal index -> its position in `view.literals` (-1: not in the view). */
function positionsOf(set: EntityRuleSet, view: FormatRuleView): Int32Array {
  let p = positions.get(view);
  if (!p) {
    p = new Int32Array(set.literals.length).fill(-1);
    view.literals.forEach((l, k) => (p![l] = k));
    positions.set(view, p);
  }
  return p;
}

class RecordScan {
  readonly found: Found[] = [];
  readonly links: PendingLink[] = [];
  /** Whether any literal occurs at all: when none does, no rule can apply. */
  readonly anyLiteral: boolean;
  private cache: Map<RegExp, string | null> | undefined;
  /** The places the caller gave (by position in `view.literals`), and each literal's position. */
  private given: ArrayLike<number> | undefined;
  private givenLast: ArrayLike<number> | undefined;
  private pos: Int32Array | undefined;

  constructor(
    readonly text: string,
    readonly set: EntityRuleSet,
    view: FormatRuleView,
    given?: ArrayLike<number>,
    givenLast?: ArrayLike<number>,
  ) {
    const n = set.literals.length;
    if (firstAt.length < n) {
      firstAt = new Int32Array(n);
      lastAt = new Int32Array(n);
    }
    if (given) {
      // Found by the caller (the compiled scanner, on the record's bytes): no scan of the text; read
      // through the view's position of each literal, nothing copied.
      this.given = given;
      this.givenLast = givenLast;
      this.pos = positionsOf(set, view);
      let any = false;
      for (let k = 0; k < view.literals.length; k++) {
        if (given[k]! >= 0) {
          any = true;
          break;
        }
      }
      this.anyLiteral = any;
      return;
    }
    for (const i of view.literals) {
      firstAt[i] = -1;
      lastAt[i] = NO_LAST;
    }
    let seen = 0;
    const wanted = view.literals.length;
    const scanner = view.literalScanner;
    scanner.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (seen < wanted && (m = scanner.exec(text)) !== null) {
      const i = set.literalIndex.get(m[0]);
      if (i !== undefined && firstAt[i]! < 0) {
        firstAt[i] = m.index;
        seen++;
        for (const j of set.shorterAtSameStart[i]!) {
          if (firstAt[j]! < 0 && view.literals.includes(j)) {
            firstAt[j] = m.index;
            seen++;
          }
        }
      }
      // Literals may overlap (one can start inside another): go on from the next character.
      scanner.lastIndex = m.index + 1;
    }
    this.anyLiteral = seen > 0;
  }

  first(literal: number): number {
    const given = this.given;
    if (!given) return firstAt[literal]!;
    const k = this.pos![literal]!;
    return k >= 0 ? given[k]! : -1;
  }

  /** Where the literal occurs last in the record when known, so that no search goes past it. */
  last(literal: number): number {
    if (!this.given) return lastAt[literal]!;
    const last = this.givenLast;
    const k = this.pos![literal]!;
    return last && k >= 0 ? last[k]! : NO_LAST;
  }

  hasAny(literals: readonly number[]): boolean {
    for (const l of literals) if (this.first(l) >= 0) return true;
    return false;
  }

  /** First match of a whole-record pattern (its `value` group, or the match), computed once per record. */
  private matchOnce(re: RegExp): string | null {
    this.cache ??= new Map();
    let v = this.cache.get(re);
    if (v === undefined) {
      re.lastIndex = 0;
      const m = re.exec(this.text);
      v = m ? (m.groups?.value ?? m[0]) : null;
      this.cache.set(re, v);
    }
    return v;
  }

  isBirth(cap: CompiledCapture): boolean {
    if (cap.birthLiterals.length > 0 && this.hasAny(cap.birthLiterals)) return true;
    return cap.birthPattern !== undefined && this.matchOnce(cap.birthPattern) !== null;
  }

  /** Builds an occurrence, or nothing when the value is one to ignore or the record says it is not this entity. */
  add(rule: string, cap: CompiledCapture, raw: string, start: number, end: number, birth?: boolean): Found | undefined {
    if (this.found.length >= MAX_OCCURRENCES || cap.ignore.has(raw)) return undefined;
    const value = normalize(raw, cap.normalize);
    if (value === undefined) return undefined;
    if (cap.unlessSameAs) {
      const other = this.matchOnce(cap.unlessSameAs);
      if (other !== null && sameWords(other, raw)) return undefined;
    }
    const f: Found = { rule, cap, value, key: cap.prefix + value, start, end, birth: birth ?? this.isBirth(cap) };
    this.found.push(f);
    return f;
  }
}

function normalize(raw: string, how: Normalization): string | undefined {
  switch (how) {
    case 'none':
      return raw;
    case 'upper':
      return raw.toUpperCase();
    case 'lower':
      return raw.toLowerCase();
    case 'decimal': {
      const hex = /^0[xX]([0-9A-Fa-f]{1,13})$/.exec(raw);
      const n = hex ? parseInt(hex[1]!, 16) : /^\d{1,15}$/.test(raw) ? parseInt(raw, 10) : NaN;
      return Number.isSafeInteger(n) ? String(n) : undefined;
    }
  }
}

/** Equal ignoring case and how white space is laid out (log wrapping splits names). */
function sameWords(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\s{1,64}/g, ' ')
      .trim()
      .toLowerCase();
  return norm(a) === norm(b);
}

/** Each link template cut once at its `{a}`, `{b}`, `{message}`: odd parts name a value. */
const templateParts = new Map<string, string[]>();

function fillTemplate(why: string, values: Record<string, string>): string {
  let parts = templateParts.get(why);
  if (!parts) templateParts.set(why, (parts = why.split(/\{(a|b|message)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i]!] ?? '') + parts[i + 1]!;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pattern rules

/**
 * A pattern rule's regular expressions with their groups unnamed (the same matches; no object of named
 * groups, nor of their spans, built per match), and the group number of each capture; null when the
 * rule's pattern cannot be unnamed (the named one is used).
 */
interface UnnamedRule {
  /** Flags of `valueAtEnd.regex`, with the one capture's group. */
  fast?: { regex: RegExp; group: number; suffix: number };
  /** Flags of `regex` (`d`): every capture's group, in the order of `captures`. */
  regex: RegExp;
  groups: Int32Array;
}

const unnamedRules = new WeakMap<CompiledPatternRule, UnnamedRule | null>();

function unnamedRule(rule: CompiledPatternRule): UnnamedRule | null {
  let u = unnamedRules.get(rule);
  if (u !== undefined) return u;
  u = null;
  const names = new Set(rule.captures.map((c) => c.name));
  const full = unnamedCopy(rule.regex, names);
  const fast = rule.valueAtEnd ? unnamedCopy(rule.valueAtEnd.regex, names) : undefined;
  if (full && (!rule.valueAtEnd || fast)) {
    const groups = Int32Array.from(rule.captures, (c) => full.groups.get(c.name) ?? 0);
    if (groups.every((g) => g > 0)) {
      u = { regex: full.re, groups };
      const g = fast?.groups.get(rule.captures[0]!.name);
      if (fast && rule.valueAtEnd && g) u.fast = { regex: fast.re, group: g, suffix: rule.valueAtEnd.suffix };
      else if (rule.valueAtEnd) u = null;
    }
  }
  unnamedRules.set(rule, u);
  return u;
}

/** How a match of a rule is read (in place of a closure per rule run: one per record and rule, all garbage). */
const enum Take {
  /** The unnamed pattern: capture k is group `groups[k]`. */
  Numbered,
  /** The unnamed `valueAtEnd` pattern: its one capture ends `suffix` characters before the match. */
  NumberedAtEnd,
  /** The named pattern. */
  Named,
  /** The named `valueAtEnd` pattern. */
  NamedAtEnd,
  /** An ARM byte dump. */
  Dump,
}

function runPatternRule(scan: RecordScan, rule: CompiledPatternRule): void {
  const unnamed = unnamedRule(rule);
  if (unnamed) {
    const fast = unnamed.fast;
    if (!fast) eachMatch(scan, rule, unnamed.regex, Take.Numbered, unnamed);
    else eachMatch(scan, rule, fast.regex, Take.NumberedAtEnd, unnamed);
    return;
  }
  const fast = rule.valueAtEnd;
  if (!fast) eachMatch(scan, rule, rule.regex, Take.Named, null);
  // The one capture ends `suffix` characters before the match does: no match indices needed.
  else eachMatch(scan, rule, fast.regex, Take.NamedAtEnd, null);
}

function take(
  scan: RecordScan,
  rule: CompiledPatternRule | CompiledArmRule,
  how: Take,
  unnamed: UnnamedRule | null,
  m: RegExpExecArray,
): void {
  switch (how) {
    case Take.Numbered:
      return takeNumbered(scan, rule as CompiledPatternRule, unnamed!.groups, m);
    case Take.NumberedAtEnd: {
      const fast = unnamed!.fast!;
      const raw = m[fast.group];
      if (raw === undefined) return;
      const end = m.index + m[0].length - fast.suffix;
      scan.add(rule.id, (rule as CompiledPatternRule).captures[0]!, raw, end - raw.length, end);
      return;
    }
    case Take.Named:
      return takeMatch(scan, rule as CompiledPatternRule, m);
    case Take.NamedAtEnd: {
      const p = rule as CompiledPatternRule;
      const cap = p.captures[0]!;
      const raw = m.groups?.[cap.name];
      if (raw === undefined) return;
      const end = m.index + m[0].length - p.valueAtEnd!.suffix;
      scan.add(rule.id, cap, raw, end - raw.length, end);
      return;
    }
    case Take.Dump:
      return takeDump(scan, rule as CompiledArmRule, m);
  }
}

/** `takeMatch` for a match of the unnamed pattern: capture k is group `groups[k]`. */
function takeNumbered(scan: RecordScan, rule: CompiledPatternRule, groups: Int32Array, m: RegExpExecArray): void {
  const spans = m.indices;
  if (!spans) return;
  let a: Found | undefined;
  let b: Found | undefined;
  const caps = rule.captures;
  for (let k = 0; k < caps.length; k++) {
    const cap = caps[k]!;
    const g = groups[k]!;
    const raw = m[g];
    const span = spans[g];
    if (raw === undefined || !span) continue;
    const f = scan.add(rule.id, cap, raw, span[0], span[1]);
    if (rule.link) {
      if (cap === rule.link.a) a = f;
      else if (cap === rule.link.b) b = f;
    }
  }
  if (rule.link && a && b) scan.links.push({ a, b, why: fillTemplate(rule.link.why, { a: a.value, b: b.value }) });
}

/** Runs `re` where the rule looks (anywhere, or at each place of its anchors) and hands on each match. */
function eachMatch(
  scan: RecordScan,
  rule: CompiledPatternRule | CompiledArmRule,
  re: RegExp,
  how: Take,
  unnamed: UnnamedRule | null,
): void {
  const { text } = scan;
  if (rule.type === 'pattern' && rule.match === 'anywhere') {
    if (rule.reach !== undefined) return eachMatchNearAnchors(scan, rule, rule.reach, re, how, unnamed);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      take(scan, rule, how, unnamed, m);
      if (m[0].length === 0) re.lastIndex++;
      if (scan.found.length >= MAX_OCCURRENCES) return;
    }
    return;
  }
  for (const anchor of rule.anchors) {
    const literal = scan.set.literals[anchor]!;
    const last = scan.last(anchor);
    for (let at = scan.first(anchor); at >= 0; at = at < last ? text.indexOf(literal, at + 1) : -1) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) take(scan, rule, how, unnamed, m);
      if (scan.found.length >= MAX_OCCURRENCES) return;
    }
  }
}

/**
 * The matches of an `anywhere` rule, each searched from `reach` characters before the next place of
 * one of its anchors: the same matches as a search of the whole record, as every match holds an
 * anchor no further than `reach` after its start (and lookbehinds still see the text before).
 */
function eachMatchNearAnchors(
  scan: RecordScan,
  rule: CompiledPatternRule,
  reach: number,
  re: RegExp,
  how: Take,
  unnamed: UnnamedRule | null,
): void {
  const { text } = scan;
  const literals = scan.set.literals;
  const anchors = rule.anchors;
  // The next place of each anchor at or after `from` (-1: none left), kept across matches.
  const next = anchors.map((a) => scan.first(a));
  let from = 0;
  for (;;) {
    let at = -1;
    for (let k = 0; k < anchors.length; k++) {
      let p = next[k]!;
      if (p >= 0 && p < from) next[k] = p = text.indexOf(literals[anchors[k]!]!, from);
      if (p >= 0 && (at < 0 || p < at)) at = p;
    }
    if (at < 0) return;
    re.lastIndex = Math.max(from, at - reach);
    const m = re.exec(text);
    if (m === null) return;
    take(scan, rule, how, unnamed, m);
    from = m[0].length === 0 ? m.index + 1 : m.index + m[0].length;
    if (scan.found.length >= MAX_OCCURRENCES) return;
  }
}

function takeMatch(scan: RecordScan, rule: CompiledPatternRule, m: RegExpExecArray): void {
  const groups = m.groups;
  const spans = m.indices?.groups;
  if (!groups || !spans) return;
  let a: Found | undefined;
  let b: Found | undefined;
  for (const cap of rule.captures) {
    const raw = groups[cap.name];
    const span = spans[cap.name];
    if (raw === undefined || !span) continue;
    const f = scan.add(rule.id, cap, raw, span[0], span[1]);
    if (rule.link) {
      if (cap === rule.link.a) a = f;
      else if (cap === rule.link.b) b = f;
    }
  }
  if (rule.link && a && b) scan.links.push({ a, b, why: fillTemplate(rule.link.why, { a: a.value, b: b.value }) });
}

// ---------------------------------------------------------------------------------------------
// ARM byte dumps

/** Characters a logged byte list can hold (decimal, signed, hex, 0x, separators). */
const BYTE_LIST = /[-+0-9A-Fa-fxX\s,;]{0,100000}/y;
const TOKEN = /[^\s,;]{1,64}/g;
const utf8 = new TextEncoder();

/** Text span of each byte of the dump, or nothing when bytes and tokens do not line up. */
function byteSpans(body: string, offset: number, message: ArmMessage): Array<[number, number]> | undefined {
  const tokens: Array<[number, number]> = [];
  TOKEN.lastIndex = 0;
  let t: RegExpExecArray | null;
  while ((t = TOKEN.exec(body)) !== null) tokens.push([offset + t.index, offset + t.index + t[0].length]);
  const dump = message.dump;
  if (!dump || dump.tokenCount !== tokens.length) return undefined;
  if (tokens.length === message.byteCount) return tokens;
  if (dump.encoding !== 'hex') return undefined;
  // Hex written as runs of digit pairs: two characters per byte.
  const spans: Array<[number, number]> = [];
  for (const [s, e] of tokens) {
    const skip = body.charAt(s - offset) === '0' && /[xX]/.test(body.charAt(s - offset + 1)) ? 2 : 0;
    if ((e - s - skip) % 2 !== 0) return undefined;
    for (let p = s + skip; p < e; p += 2) spans.push([p, p + 2]);
  }
  return spans.length >= message.byteCount ? spans : undefined;
}

function armBirth(field: CompiledArmField, verb: string, name: string): boolean | undefined {
  const b = field.armBirth;
  if (!b) return undefined;
  if (!b.verbs.has(verb)) return false;
  return b.messages.has(name) || b.suffixes.some((s) => name.endsWith(s));
}

function runArmRule(scan: RecordScan, rule: CompiledArmRule): void {
  eachMatch(scan, rule, rule.regex, Take.Dump, null);
}

function takeDump(scan: RecordScan, rule: CompiledArmRule, m: RegExpExecArray): void {
  const { text } = scan;
  const verb = m.groups?.verb ?? '';
  const logged = m.groups?.message ?? '';
  const bodyStart = m.index + m[0].length;
  let bodyEnd = text.indexOf('<@>', bodyStart);
  if (bodyEnd < 0) bodyEnd = text.length;
  BYTE_LIST.lastIndex = bodyStart;
  const run = BYTE_LIST.exec(text);
  bodyEnd = Math.min(bodyEnd, bodyStart + (run ? run[0].length : 0), bodyStart + MAX_DUMP_CHARS);
  const body = text.slice(bodyStart, bodyEnd);
  if (!/\d/.test(body)) return;
  const decoded = decodeDump(
    body,
    verb === 'Sending' || verb === 'Received' ? { loggedVerb: verb, loggedName: logged } : { loggedName: logged },
  );
  const message = decoded.value;
  const spans = byteSpans(body, bodyStart, message);
  if (!spans) return;
  const name = message.header.name ?? logged;
  const width = message.floatingChoice?.encoding === '2-byte' ? 2 : 1;
  const byField = new Map<CompiledArmField, Found>();

  for (const field of rule.fields) {
    let raw: string | undefined;
    let first: number;
    let last: number;
    if (field.field !== undefined) {
      const f = message.fixed.find((x) => x.name === field.field);
      if (!f || f.missing || f.value === null || typeof f.value === 'boolean') continue;
      raw = String(f.value);
      first = f.offset;
      last = f.offset + f.size - 1;
    } else {
      const f = message.floating.find((x) => x.tag === field.tag);
      if (!f || typeof f.value === 'boolean') continue;
      raw = String(f.value);
      first = f.offset + 2 * width;
      // A string's span stops before its NUL terminator.
      const length = f.kind === 'string' ? Math.min(f.length, utf8.encode(raw).length) : f.length;
      last = first + length - 1;
    }
    if (raw === '' || first < 0 || last < first || last >= spans.length) continue;
    const found = scan.add(rule.id, field, raw, spans[first]![0], spans[last]![1], armBirth(field, verb, name));
    if (found) byField.set(field, found);
  }
  for (const link of rule.links) {
    const a = byField.get(link.a);
    const b = byField.get(link.b);
    if (a && b) scan.links.push({ a, b, why: fillTemplate(link.why, { a: a.value, b: b.value, message: name }) });
  }
}

// ---------------------------------------------------------------------------------------------
// One record

/** Per anchor literal of a view (global index), the positions in `view.rules` of the rules it anchors. */
interface Dispatch {
  literals: number[];
  rules: number[][];
}

const dispatches = new WeakMap<FormatRuleView, Dispatch>();
/** Rules marked for the record at hand (cleared as they are run). */
let ruleMark = new Uint8Array(0);

function dispatchOf(view: FormatRuleView): Dispatch {
  let d = dispatches.get(view);
  if (d) return d;
  const byLiteral = new Map<number, number[]>();
  view.rules.forEach((rule, r) => {
    for (const a of new Set(rule.anchors)) {
      let list = byLiteral.get(a);
      if (!list) byLiteral.set(a, (list = []));
      list.push(r);
    }
  });
  d = { literals: [...byLiteral.keys()], rules: [...byLiteral.values()] };
  dispatches.set(view, d);
  return d;
}

/** Runs every applicable rule; returns what each rule found (duplicates not merged yet). */
function collect(
  set: EntityRuleSet,
  text: string,
  formatId: string | undefined,
  entities?: readonly string[],
  given?: ArrayLike<number>,
  givenLast?: ArrayLike<number>,
): RecordScan {
  const view = ruleView(set, formatId, entities);
  const scan = new RecordScan(text, set, view, given, givenLast);
  if (!scan.anyLiteral) return scan;
  // Only the rules an anchor found in the record names, in the view's order.
  const d = dispatchOf(view);
  const rules = view.rules;
  if (ruleMark.length < rules.length) ruleMark = new Uint8Array(rules.length);
  let lo = rules.length;
  let hi = -1;
  for (let k = 0; k < d.literals.length; k++) {
    if (scan.first(d.literals[k]!) < 0) continue;
    const rs = d.rules[k]!;
    for (let j = 0; j < rs.length; j++) {
      const r = rs[j]!;
      ruleMark[r] = 1;
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
  }
  try {
    for (let r = lo; r <= hi; r++) {
      if (ruleMark[r] === 0) continue;
      const rule = rules[r]!;
      if (rule.context.length > 0 && !scan.hasAny(rule.context)) continue;
      if (rule.type === 'pattern') runPatternRule(scan, rule);
      else runArmRule(scan, rule);
      if (scan.found.length >= MAX_OCCURRENCES) break;
    }
  } finally {
    // Cleared even when a rule throws (the record then yields nothing; the next one starts clean).
    if (hi >= lo) ruleMark.fill(0, lo, hi + 1);
  }
  if (scan.found.length === 0) return scan;

  // Occurrences that only count when another rule saw the same key (ECE UID).
  if (scan.found.some((f) => f.cap.confirmOnly)) keepConfirmed(scan.found);

  // Links between the values two rules found in one record, when the record pairs them unambiguously.
  for (const link of view.links) {
    if (link.context.length > 0 && !scan.hasAny(link.context)) continue;
    // Most records hold neither side: no lists built for them.
    if (!hasRef(scan.found, link.a) || !hasRef(scan.found, link.b)) continue;
    const as = distinctValues(scan.found, link.a);
    if (as.length === 0) continue;
    const bs = distinctValues(scan.found, link.b);
    if (bs.length !== as.length) continue;
    for (let i = 0; i < as.length; i++) {
      const a = as[i]!;
      const b = bs[i]!;
      scan.links.push({ a, b, why: fillTemplate(link.why, { a: a.value, b: b.value }) });
    }
  }
  return scan;
}

/** Drops the confirm-only occurrences whose key no other rule found in the record (in place, order kept). */
function keepConfirmed(found: Found[]): void {
  const confirmed = found.length > FEW ? new Set(found.filter((f) => !f.cap.confirmOnly).map((f) => f.key)) : undefined;
  let n = 0;
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    if (f.cap.confirmOnly && !(confirmed ? confirmed.has(f.key) : confirmedKey(found, f.key))) continue;
    found[n++] = f;
  }
  found.length = n;
}

/** Whether an occurrence that is not confirm-only has `key` (a record's few occurrences, searched in place). */
function confirmedKey(found: readonly Found[], key: string): boolean {
  for (let i = 0; i < found.length; i++) if (!found[i]!.cap.confirmOnly && found[i]!.key === key) return true;
  return false;
}

function hasRef(found: readonly Found[], ref: string): boolean {
  for (let i = 0; i < found.length; i++) if (found[i]!.cap.ref === ref) return true;
  return false;
}

function distinctValues(found: readonly Found[], ref: string): Found[] {
  const out: Found[] = [];
  // A record holds a few values: looked for in the list itself, a set only for many.
  let seen: Set<string> | undefined;
  for (const f of found) {
    if (f.cap.ref !== ref) continue;
    if (seen) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
    } else {
      if (hasKey(out, f.key)) continue;
      if (out.length === FEW) seen = new Set(out.map((o) => o.key)).add(f.key);
    }
    out.push(f);
  }
  return sortStable(out, byStart);
}

/** Lists up to this long are searched and sorted in place rather than through a set or `Array.prototype.sort`. */
const FEW = 16;

function hasKey(list: readonly Found[], key: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return true;
  return false;
}

const byStart = (x: Found, y: Found): number => x.start - y.start;
const byPlace = (x: Found, y: Found): number =>
  x.start - y.start || x.end - y.end || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);

/**
 * `list` sorted by `order`, keeping the order of equal items (as `Array.prototype.sort` does): by
 * insertion for a short list (a record's few occurrences), without calls into the engine's sort.
 */
function sortStable<T>(list: T[], order: (x: T, y: T) => number): T[] {
  if (list.length > FEW) return list.sort(order);
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i - 1;
    while (j >= 0 && order(list[j]!, item) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

function finish(scan: RecordScan): Extraction {
  if (scan.found.length === 0) return EMPTY();
  // Two rules may find the same key at the same place (one JSON "id" read by two rules): keep one.
  const sorted = sortStable(scan.found, byPlace);
  const occurrences: EntityOccurrence[] = [];
  let last: Found | undefined;
  for (const f of sorted) {
    if (last && last.start === f.start && last.end === f.end && last.key === f.key) {
      if (f.birth) occurrences[occurrences.length - 1]!.birth = true;
      continue;
    }
    last = f;
    const occ: EntityOccurrence = {
      kind: f.cap.kind,
      key: f.key,
      text: scan.text.slice(f.start, f.end),
      start: f.start,
      end: f.end,
    };
    if (f.birth) occ.birth = true;
    occurrences.push(occ);
  }
  const links: EntityLink[] = [];
  if (scan.links.length === 0) return { occurrences, links };
  // A record states a few links: duplicates looked for in the list itself, through a set only for many.
  const seenLinks = scan.links.length > FEW ? new Set<string>() : undefined;
  for (const l of scan.links) {
    if (l.a.key === l.b.key) continue;
    if (seenLinks) {
      const id = `${l.a.key}\u0000${l.b.key}`;
      if (seenLinks.has(id)) continue;
      seenLinks.add(id);
    } else if (hasLink(links, l.a.key, l.b.key)) continue;
    links.push({ a: l.a.key, b: l.b.key, why: l.why });
  }
  return { occurrences, links };
}

function hasLink(links: readonly EntityLink[], a: string, b: string): boolean {
  for (let i = 0; i < links.length; i++) if (links[i]!.a === a && links[i]!.b === b) return true;
  return false;
}

function bounded(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  return text.length > MAX_RECORD_CHARS ? text.slice(0, MAX_RECORD_CHARS) : text;
}

/**
 * Entities of one record with a given rule set. Never throws. `literalsAt` (and `literalsLast`): where each literal of
 * `entityLiterals(formatId, entities)` first occurs in `text` (-1: nowhere), when the caller knows.
 */
export function extractEntitiesWith(
  set: EntityRuleSet,
  text: string,
  formatId?: string,
  entities?: readonly string[],
  literalsAt?: ArrayLike<number>,
  literalsLast?: ArrayLike<number>,
): Extraction {
  const record = bounded(text);
  if (record === undefined) return EMPTY();
  try {
    return finish(
      collect(
        set,
        record,
        typeof formatId === 'string' ? formatId : undefined,
        Array.isArray(entities) ? entities : undefined,
        record === text ? literalsAt : undefined,
        record === text ? literalsLast : undefined,
      ),
    );
  } catch {
    // A rule that misbehaves must not take the indexer down; this record just yields nothing.
    return EMPTY();
  }
}

/**
 * The entities one record names, with the links it proves between them.
 * `text` is one record (its lines joined with `\n`); offsets are into it. `formatId` (a format id
 * such as `socialminer`, `icm_tools`) narrows the rules that apply, and so do `entities`, the rule
 * ids the format declares (its definition's `entities`); without them every rule runs.
 */
export function extractEntities(
  text: string,
  formatId?: string,
  entities?: readonly string[],
  literalsAt?: ArrayLike<number>,
  literalsLast?: ArrayLike<number>,
): Extraction {
  return extractEntitiesWith(builtinEntityRules(), text, formatId, entities, literalsAt, literalsLast);
}

const literalLists = new WeakMap<FormatRuleView, readonly string[]>();

/**
 * Every literal the rules for records of `formatId` look for (anchors, context, birth words), in the
 * order in which `extractEntities` takes their first places (`literalsAt`).
 */
export function entityLiterals(formatId?: string, entities?: readonly string[]): readonly string[] {
  const set = builtinEntityRules();
  const view = ruleView(set, typeof formatId === 'string' ? formatId : undefined, entities);
  let list = literalLists.get(view);
  if (!list) literalLists.set(view, (list = view.literals.map((i) => set.literals[i]!)));
  return list;
}

/**
 * Literals one of which every record naming an entity holds, for records of `formatId` (or of any
 * format): the indexer reads only the records that hold one.
 */
export function entityAnchors(formatId?: string, entities?: readonly string[]): readonly string[] {
  return ruleView(builtinEntityRules(), typeof formatId === 'string' ? formatId : undefined, entities).anchors;
}

/**
 * Runs each rule on its own samples and reports every difference (like a format's samples, rule
 * samples are real lines; the tests require none to fail). Rules without samples are reported too.
 */
export function checkRuleSamples(set: EntityRuleSet): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of set.rules) {
    const [file, path] = splitSource(rule.source);
    if (rule.samples.length === 0)
      problems.push({ file, path: `${path}/samples`, message: 'expected at least one sample line, found none' });
    rule.samples.forEach((sample, i) => {
      const where = `${path}/samples/${i}`;
      let got: Found[];
      let text: string;
      try {
        text = sample.text;
        got = collect(set, text, sample.formatId).found.filter((f) => f.rule === rule.id);
      } catch (e) {
        problems.push({
          file,
          path: where,
          message: `expected the sample to run, found an error: ${(e as Error).message}`,
        });
        return;
      }
      const expected = sample.expect.map((e) => (typeof e === 'string' ? { key: e } : e));
      const show = (fs: Found[]) =>
        fs.length === 0
          ? 'nothing'
          : fs.map((f) => `${f.key} "${text.slice(f.start, f.end)}"${f.birth ? ' (birth)' : ''}`).join(', ');
      const sorted = [...got].sort((x, y) => x.start - y.start);
      const same =
        sorted.length === expected.length &&
        expected.every((e, k) => {
          const f = sorted[k]!;
          return (
            f.key === e.key &&
            (e.text === undefined || text.slice(f.start, f.end) === e.text) &&
            (e.birth === undefined || f.birth === e.birth)
          );
        });
      if (!same) {
        const want =
          expected.length === 0
            ? 'nothing'
            : expected
                .map((e) => `${e.key}${e.text !== undefined ? ` "${e.text}"` : ''}${e.birth ? ' (birth)' : ''}`)
                .join(', ');
        problems.push({ file, path: where, message: `expected ${want}, found ${show(sorted)}` });
      }
    });
  }
  return problems;
}

function splitSource(source: string): [string, string] {
  const i = source.indexOf('/');
  return i < 0 ? [source, ''] : [source.slice(0, i), source.slice(i)];
}
