/**
 * Entity rules are data (server/src/entities/defs/*.json, described by entity-rules.schema.json):
 * each rule says which literal must occur in a record before it is worth running (its anchors),
 * which extra words the record must contain (its context), the bounded regular expression that finds
 * the value, and which entity each named group is. This module checks rule files and compiles them;
 * a broken rule is reported with the JSON path that is wrong and left out, never thrown.
 */
import { literalAlternation } from '../util/regex';
import { reachBefore } from '../util/regexReach';
import { ENTITY_KINDS, KEY_PREFIXES, type EntityKind } from './vocabulary';
import contactRules from './defs/contact.json';
import chatRules from './defs/chat.json';
import widgetRules from './defs/widget.json';
import agentRules from './defs/agent.json';
import ctiRules from './defs/cti.json';
import callRules from './defs/call.json';
import agentFinesseRules from './defs/agentFinesse.json';
import deviceRules from './defs/device.json';

// ---------------------------------------------------------------------------------------------
// The shape of a rule file (what a person writes).

export interface EntityRuleFile {
  $schema?: string;
  /** Short id of the file: `contact`, `agent`... */
  id: string;
  description: string;
  rules: EntityRuleDef[];
  /** Two entities one record names together, found by two rules of this or another file. */
  links?: RecordLinkDef[];
}

export type EntityRuleDef = PatternRuleDef | ArmDumpRuleDef;

interface RuleDefBase {
  /** Unique across all files: `contact.socialContactUrl`. */
  id: string;
  description: string;
  /**
   * Literal strings (case-sensitive); the rule runs only on records that contain at least one.
   * For `atAnchor` rules the pattern is tried exactly where each anchor occurs.
   */
  anchors: string[];
  /** Literal strings; when given, the record must also contain at least one of them. */
  context?: string[];
  /** Format ids the rule applies to; absent: all. A record of unknown format gets every rule. */
  formats?: string[];
  /** Real lines with the keys this rule must find in them (checked by the tests). */
  samples?: RuleSample[];
}

export interface PatternRuleDef extends RuleDefBase {
  type?: 'pattern';
  /**
   * `atAnchor` (default): the pattern is run (sticky) at each anchor occurrence, so it must begin
   * with the anchor (lookbehinds may check what precedes it). `anywhere`: the pattern is run over
   * the whole record once the anchors and context are present.
   */
  match?: 'atAnchor' | 'anywhere';
  /** JavaScript regular expression source; an array is joined (to keep long patterns readable). */
  pattern: string | string[];
  /** Named group -> the entity it holds. */
  captures: Record<string, CaptureDef>;
  /** The two groups of one match name the same thing. */
  link?: LinkDef;
}

export interface CaptureDef {
  kind: EntityKind;
  /** Key prefix, `kind:` plus any sub-kind: `contact:`, `agent:icm:`, `widget:name:`. */
  key: string;
  /** How the value becomes the rest of the key (default `none`). */
  normalize?: Normalization;
  /** Values that mean "none" and are not entities (`null`, `-1`). Compared before normalising. */
  ignore?: string[];
  birth?: BirthDef;
  /** Keep only when another rule found the same key in the same record. */
  confirmOnly?: boolean;
  /**
   * Pattern with a group named `value`; when it matches the record and its value equals this
   * capture's (ignoring case and runs of white space), the capture is dropped.
   */
  unlessSameAs?: string;
}

/** `decimal`: `0x1a` and `026` both become `26`. */
export type Normalization = 'none' | 'upper' | 'lower' | 'decimal';

export interface BirthDef {
  /** The occurrence is a birth when the record contains one of these literals... */
  literals?: string[];
  /** ...or matches this pattern. */
  pattern?: string;
}

export interface LinkDef {
  /** Group names (pattern rules), field ids (ARM dump rules). */
  a: string;
  b: string;
  /** Sentence with `{a}`, `{b}` (the values) and, for dumps, `{message}`. */
  why: string;
}

export interface ArmDumpRuleDef extends RuleDefBase {
  type: 'armDump';
  /**
   * Sticky pattern at the anchor, with groups `verb` (`Sending`/`Received`) and `message`; the byte
   * list starts where the match ends and runs to `<@>` or the first character that cannot be part
   * of a byte list.
   */
  pattern: string | string[];
  fields: ArmFieldDef[];
  links?: LinkDef[];
}

export interface ArmFieldDef {
  /** Name of a fixed-part field as the GED-188 decoder names it (`InvokeID`, `ICMAgentID`)... */
  field?: string;
  /** ...or a floating-field tag number (107 = AgentInfo). */
  tag?: number;
  /** Name used by links; default: the field name, or `tag:<n>`. */
  id?: string;
  kind: EntityKind;
  key: string;
  normalize?: Normalization;
  ignore?: string[];
  birth?: ArmBirthDef;
}

export interface ArmBirthDef {
  /** Default: both verbs. */
  verbs?: Array<'Sending' | 'Received'>;
  /** Message names that are a birth... */
  messages?: string[];
  /** ...or name endings (`_REQ`, `_IND`). */
  messageSuffixes?: string[];
}

export interface RecordLinkDef {
  id: string;
  description?: string;
  /** Literals; the record must contain one. */
  context?: string[];
  /** `ruleId` (its only capture) or `ruleId/capture` (a group or an ARM field id). */
  a: string;
  b: string;
  why: string;
}

export interface RuleSample {
  text: string;
  formatId?: string;
  /** What this rule finds in `text`, in order: keys, or keys with the exact text and birth flag. */
  expect: Array<string | { key: string; text?: string; birth?: boolean }>;
}

// ---------------------------------------------------------------------------------------------
// Compiled rules (what the extractor runs).

export interface CompiledCapture {
  /** Group name or ARM field id. */
  name: string;
  /** `ruleId/name`, how links refer to it. */
  ref: string;
  kind: EntityKind;
  prefix: string;
  normalize: Normalization;
  ignore: ReadonlySet<string>;
  /** Indices into `EntityRuleSet.literals`. */
  birthLiterals: number[];
  birthPattern?: RegExp;
  confirmOnly: boolean;
  unlessSameAs?: RegExp;
}

interface CompiledRuleBase {
  id: string;
  /** Indices into `EntityRuleSet.literals`. */
  anchors: number[];
  context: number[];
  formats?: ReadonlySet<string>;
  samples: RuleSample[];
  source: string;
}

export interface CompiledPatternRule extends CompiledRuleBase {
  type: 'pattern';
  match: 'atAnchor' | 'anywhere';
  /** Flags `dy` (atAnchor) or `dg` (anywhere). */
  regex: RegExp;
  /**
   * The same pattern without match indices (`y` or `g`), when its one capture is followed by a fixed
   * number of characters (`suffix`): the capture's place is then known from the match's end, and a
   * match without indices costs a fraction of one with them.
   */
  valueAtEnd?: { regex: RegExp; suffix: number };
  /**
   * `anywhere` rules: the most characters a match begins before the first place of an anchor it
   * holds (`util/regexReach.ts`), so that the search starts there and not at the record's start;
   * undefined when the pattern does not tell.
   */
  reach?: number;
  captures: CompiledCapture[];
  link?: { a: CompiledCapture; b: CompiledCapture; why: string };
}

export interface CompiledArmField extends CompiledCapture {
  field?: string;
  tag?: number;
  armBirth?: { verbs: ReadonlySet<string>; messages: ReadonlySet<string>; suffixes: string[] };
}

export interface CompiledArmRule extends CompiledRuleBase {
  type: 'armDump';
  /** Flags `dy`. */
  regex: RegExp;
  fields: CompiledArmField[];
  links: Array<{ a: CompiledArmField; b: CompiledArmField; why: string }>;
}

export type CompiledRule = CompiledPatternRule | CompiledArmRule;

export interface CompiledRecordLink {
  id: string;
  context: number[];
  a: string;
  b: string;
  why: string;
}

export interface EntityRuleSet {
  rules: CompiledRule[];
  links: CompiledRecordLink[];
  /** Every distinct literal (anchors, context, birth literals); rules refer to them by index. */
  literals: string[];
  /**
   * One alternation of every literal, longest first (flag `g`): a single pass over a record tells
   * which literals occur and where first, much faster than one `indexOf` per literal.
   */
  literalScanner: RegExp;
  /** Literal text -> its index (what the scanner matched is always exactly one literal). */
  literalIndex: ReadonlyMap<string, number>;
  /** Literal index -> the literal indices that are its prefixes (found at the same place, hidden by it). */
  shorterAtSameStart: number[][];
  problems: RuleProblem[];
}

export interface RuleProblem {
  /** File the problem is in (its id or path). */
  file: string;
  /** JSON path inside the file: `/rules/3/pattern`. */
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------

const NORMALIZATIONS: readonly Normalization[] = ['none', 'upper', 'lower', 'decimal'];

/** Unbounded repetition (`*`, `+`, `{n,}`) outside escapes and character classes. */
const UNBOUNDED = /[*+]|\{\d{1,9},\}/;

/** The pattern without its escapes and character classes, where `*` and `+` are plain characters. */
function quantifierText(source: string): string {
  return source.replace(/\\[^]/g, '').replace(/\[[^\]]{0,1000}\]/g, '');
}

class Checker {
  constructor(
    readonly file: string,
    readonly problems: RuleProblem[],
  ) {}

  error(path: string, message: string): void {
    this.problems.push({ file: this.file, path, message });
  }

  string(value: unknown, path: string, what = 'a non-empty string'): value is string {
    if (typeof value === 'string' && value.length > 0) return true;
    this.error(path, `expected ${what}, found ${describe(value)}`);
    return false;
  }

  strings(value: unknown, path: string, required: boolean): string[] | undefined {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value) || (required && value.length === 0)) {
      this.error(path, `expected ${required ? 'a non-empty' : 'an'} array of strings, found ${describe(value)}`);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((v, i) => {
      if (this.string(v, `${path}/${i}`)) out.push(v);
    });
    return out.length === value.length ? out : undefined;
  }

  regex(source: unknown, path: string, flags: string): RegExp | undefined {
    const text = Array.isArray(source) && source.every((s) => typeof s === 'string') ? source.join('') : source;
    if (!this.string(text, path, 'a regular expression (string or array of strings)')) return undefined;
    if (UNBOUNDED.test(quantifierText(text))) {
      this.error(
        path,
        'expected only bounded repetition ({m,n}), found *, + or {n,}: every rule must stay fast on any line',
      );
      return undefined;
    }
    try {
      return new RegExp(text, flags);
    } catch (e) {
      this.error(path, `expected a valid regular expression, found: ${(e as Error).message}`);
      return undefined;
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Group names of a regex source (`(?<name>`). */
function groupNames(re: RegExp): Set<string> {
  const names = new Set<string>();
  for (const m of re.source.matchAll(/\(\?<([A-Za-z_$][\w$]{0,63})>/g)) names.add(m[1]!);
  return names;
}

class LiteralTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  add(literal: string): number {
    let i = this.index.get(literal);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(literal);
      this.index.set(literal, i);
    }
    return i;
  }
}

function compileCapture(
  c: Checker,
  def: unknown,
  path: string,
  name: string,
  ruleId: string,
  literals: LiteralTable,
): CompiledCapture | undefined {
  if (!isObject(def)) {
    c.error(path, `expected an object (kind, key...), found ${describe(def)}`);
    return undefined;
  }
  const kind = def.kind as EntityKind;
  if (!ENTITY_KINDS.includes(kind)) {
    c.error(`${path}/kind`, `expected one of ${ENTITY_KINDS.join(', ')}, found ${describe(def.kind)}`);
    return undefined;
  }
  if (!c.string(def.key, `${path}/key`)) return undefined;
  const prefix = def.key;
  if (!KEY_PREFIXES[kind].includes(prefix)) {
    c.error(
      `${path}/key`,
      `expected a key prefix for ${kind} (${KEY_PREFIXES[kind].join(' or ')}), found ${describe(prefix)}`,
    );
    return undefined;
  }
  const normalize = (def.normalize ?? 'none') as Normalization;
  if (!NORMALIZATIONS.includes(normalize)) {
    c.error(`${path}/normalize`, `expected one of ${NORMALIZATIONS.join(', ')}, found ${describe(def.normalize)}`);
    return undefined;
  }
  const ignore = c.strings(def.ignore, `${path}/ignore`, false);
  if (!ignore) return undefined;
  const out: CompiledCapture = {
    name,
    ref: `${ruleId}/${name}`,
    kind,
    prefix,
    normalize,
    ignore: new Set(ignore),
    birthLiterals: [],
    confirmOnly: def.confirmOnly === true,
  };
  if (def.confirmOnly !== undefined && typeof def.confirmOnly !== 'boolean') {
    c.error(`${path}/confirmOnly`, `expected true or false, found ${describe(def.confirmOnly)}`);
  }
  if (def.birth !== undefined) {
    if (!isObject(def.birth)) {
      c.error(`${path}/birth`, `expected an object (literals, pattern), found ${describe(def.birth)}`);
      return undefined;
    }
    const lits = c.strings(def.birth.literals, `${path}/birth/literals`, false);
    if (!lits) return undefined;
    out.birthLiterals = lits.map((l) => literals.add(l));
    if (def.birth.pattern !== undefined) {
      const re = c.regex(def.birth.pattern, `${path}/birth/pattern`, '');
      if (!re) return undefined;
      out.birthPattern = re;
    }
    if (lits.length === 0 && !out.birthPattern)
      c.error(`${path}/birth`, 'expected literals or a pattern, found neither');
  }
  if (def.unlessSameAs !== undefined) {
    const re = c.regex(def.unlessSameAs, `${path}/unlessSameAs`, '');
    if (!re) return undefined;
    if (!groupNames(re).has('value')) {
      c.error(`${path}/unlessSameAs`, 'expected a group named "value", found none');
      return undefined;
    }
    out.unlessSameAs = re;
  }
  return out;
}

function compileBase(
  c: Checker,
  def: Record<string, unknown>,
  path: string,
  literals: LiteralTable,
): CompiledRuleBase | undefined {
  if (!c.string(def.id, `${path}/id`)) return undefined;
  if (!/^[A-Za-z][\w.-]{0,99}$/.test(def.id)) {
    c.error(`${path}/id`, `expected letters, digits, dots, dashes, underscores, found ${describe(def.id)}`);
    return undefined;
  }
  c.string(def.description, `${path}/description`);
  const anchors = c.strings(def.anchors, `${path}/anchors`, true);
  const context = c.strings(def.context, `${path}/context`, false);
  const formats = c.strings(def.formats, `${path}/formats`, false);
  if (!anchors || !context || !formats) return undefined;
  const samples: RuleSample[] = [];
  if (def.samples !== undefined) {
    if (!Array.isArray(def.samples)) {
      c.error(`${path}/samples`, `expected an array, found ${describe(def.samples)}`);
    } else {
      def.samples.forEach((s: unknown, i) => {
        const sp = `${path}/samples/${i}`;
        if (!isObject(s) || typeof s.text !== 'string' || !Array.isArray(s.expect)) {
          c.error(sp, 'expected an object with text (string) and expect (array)');
          return;
        }
        const bad = s.expect.findIndex(
          (e: unknown) => typeof e !== 'string' && !(isObject(e) && typeof e.key === 'string'),
        );
        if (bad >= 0) {
          c.error(`${sp}/expect/${bad}`, 'expected a key, or an object with a key (and text, birth)');
          return;
        }
        samples.push(s as unknown as RuleSample);
      });
    }
  }
  const base: CompiledRuleBase = {
    id: def.id,
    anchors: anchors.map((a) => literals.add(a)),
    context: context.map((a) => literals.add(a)),
    samples,
    source: `${c.file}${path}`,
  };
  if (formats.length > 0) base.formats = new Set(formats);
  return base;
}

function compilePatternRule(
  c: Checker,
  def: Record<string, unknown>,
  path: string,
  literals: LiteralTable,
): CompiledPatternRule | undefined {
  const base = compileBase(c, def, path, literals);
  if (!base) return undefined;
  const match = (def.match ?? 'atAnchor') as 'atAnchor' | 'anywhere';
  if (match !== 'atAnchor' && match !== 'anywhere') {
    c.error(`${path}/match`, `expected "atAnchor" or "anywhere", found ${describe(def.match)}`);
    return undefined;
  }
  const regex = c.regex(def.pattern, `${path}/pattern`, match === 'atAnchor' ? 'dy' : 'dg');
  if (!regex) return undefined;
  if (!isObject(def.captures) || Object.keys(def.captures).length === 0) {
    c.error(`${path}/captures`, `expected an object naming at least one group, found ${describe(def.captures)}`);
    return undefined;
  }
  const groups = groupNames(regex);
  const captures: CompiledCapture[] = [];
  for (const [name, cdef] of Object.entries(def.captures)) {
    if (!groups.has(name)) {
      c.error(`${path}/captures/${name}`, `expected a group (?<${name}>...) in the pattern, found none`);
      return undefined;
    }
    const cap = compileCapture(c, cdef, `${path}/captures/${name}`, name, base.id, literals);
    if (!cap) return undefined;
    captures.push(cap);
  }
  const rule: CompiledPatternRule = { ...base, type: 'pattern', match, regex, captures };
  if (match === 'anywhere') {
    const reach = reachBefore(
      regex.source,
      regex.flags,
      base.anchors.map((a) => literals.list[a]!),
    );
    if (reach !== undefined) rule.reach = reach;
  }
  const suffix =
    captures.length === 1 && groups.size === 1 ? fixedSuffixLength(regex.source, captures[0]!.name) : undefined;
  if (suffix !== undefined)
    rule.valueAtEnd = { regex: new RegExp(regex.source, match === 'atAnchor' ? 'y' : 'g'), suffix };
  if (def.link !== undefined) {
    const link = def.link as Partial<LinkDef>;
    const a = captures.find((x) => x.name === link?.a);
    const b = captures.find((x) => x.name === link?.b);
    if (!isObject(def.link) || !a || !b || a === b || typeof link.why !== 'string') {
      c.error(`${path}/link`, 'expected {a, b, why} naming two different captures of this rule');
      return undefined;
    }
    rule.link = { a, b, why: link.why };
  }
  return rule;
}

/**
 * How many characters the pattern matches after the group `(?<name>...)` when that is always the
 * same (lookarounds and single characters without quantifiers, as in `(?<id>\\d{1,9})\\](?!\\d)`),
 * so that the group's place follows from the match's end; undefined otherwise.
 */
export function fixedSuffixLength(source: string, name: string): number | undefined {
  const open = source.indexOf(`(?<${name}>`);
  if (open < 0) return undefined;
  const close = groupEnd(source, open);
  if (close < 0) return undefined;
  let length = 0;
  for (let i = close + 1; i < source.length;) {
    const ch = source[i]!;
    let next: number;
    let width = 1;
    if (
      source.startsWith('(?=', i) ||
      source.startsWith('(?!', i) ||
      source.startsWith('(?<=', i) ||
      source.startsWith('(?<!', i)
    ) {
      const end = groupEnd(source, i);
      if (end < 0) return undefined;
      next = end + 1;
      width = 0;
    } else if (ch === '\\') {
      const e = source[i + 1];
      if (e === undefined || /[1-9k]/.test(e) || e === 'u' || e === 'x' || e === 'c' || e === 'p' || e === 'P')
        return undefined;
      if (e === 'b' || e === 'B') width = 0;
      next = i + 2;
    } else if (ch === '[') {
      const end = classEnd(source, i);
      if (end < 0) return undefined;
      next = end + 1;
    } else if (ch === '$') {
      width = 0;
      next = i + 1;
    } else if ('()|?*+{}^'.includes(ch)) {
      return undefined;
    } else {
      next = i + 1;
    }
    if (next < source.length && '?*+{'.includes(source[next]!)) return undefined;
    length += width;
    i = next;
  }
  return length;
}

function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** Offset of the `)` closing the group opened at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function compileArmRule(
  c: Checker,
  def: Record<string, unknown>,
  path: string,
  literals: LiteralTable,
): CompiledArmRule | undefined {
  const base = compileBase(c, def, path, literals);
  if (!base) return undefined;
  const regex = c.regex(def.pattern, `${path}/pattern`, 'dy');
  if (!regex) return undefined;
  const groups = groupNames(regex);
  if (!groups.has('verb') || !groups.has('message')) {
    c.error(
      `${path}/pattern`,
      'expected groups named "verb" and "message", found ' + ([...groups].join(', ') || 'none'),
    );
    return undefined;
  }
  if (!Array.isArray(def.fields) || def.fields.length === 0) {
    c.error(`${path}/fields`, `expected a non-empty array, found ${describe(def.fields)}`);
    return undefined;
  }
  const fields: CompiledArmField[] = [];
  for (let i = 0; i < def.fields.length; i++) {
    const fp = `${path}/fields/${i}`;
    const f: unknown = def.fields[i];
    if (!isObject(f)) {
      c.error(fp, `expected an object, found ${describe(f)}`);
      return undefined;
    }
    const hasField = typeof f.field === 'string' && f.field.length > 0;
    const hasTag = typeof f.tag === 'number' && Number.isInteger(f.tag) && f.tag >= 0 && f.tag <= 65535;
    if (hasField === hasTag) {
      c.error(fp, 'expected exactly one of field (a fixed-part field name) or tag (a floating tag number)');
      return undefined;
    }
    const id = typeof f.id === 'string' ? f.id : hasField ? (f.field as string) : `tag:${f.tag as number}`;
    // An ARM field's birth is decided by the message (verb and name), checked below, not by record literals.
    const { birth: _armBirth, ...common } = f;
    const cap = compileCapture(c, common, fp, id, base.id, literals);
    if (!cap) return undefined;
    const out: CompiledArmField = { ...cap };
    if (hasField) out.field = f.field as string;
    else out.tag = f.tag as number;
    if (f.birth !== undefined) {
      if (!isObject(f.birth)) {
        c.error(`${fp}/birth`, `expected an object (verbs, messages, messageSuffixes), found ${describe(f.birth)}`);
        return undefined;
      }
      const b = f.birth;
      const verbs = c.strings(b.verbs, `${fp}/birth/verbs`, false);
      const messages = c.strings(b.messages, `${fp}/birth/messages`, false);
      const suffixes = c.strings(b.messageSuffixes, `${fp}/birth/messageSuffixes`, false);
      if (!verbs || !messages || !suffixes) return undefined;
      if (verbs.some((v) => v !== 'Sending' && v !== 'Received')) {
        c.error(`${fp}/birth/verbs`, 'expected "Sending" or "Received"');
        return undefined;
      }
      out.armBirth = {
        verbs: new Set(verbs.length > 0 ? verbs : ['Sending', 'Received']),
        messages: new Set(messages),
        suffixes,
      };
    }
    fields.push(out);
  }
  const links: CompiledArmRule['links'] = [];
  if (def.links !== undefined) {
    if (!Array.isArray(def.links)) {
      c.error(`${path}/links`, `expected an array, found ${describe(def.links)}`);
      return undefined;
    }
    def.links.forEach((l: unknown, i) => {
      const link = (isObject(l) ? l : {}) as Partial<LinkDef>;
      const a = fields.find((x) => x.name === link.a);
      const b = fields.find((x) => x.name === link.b);
      if (!a || !b || a === b || typeof link.why !== 'string') {
        c.error(`${path}/links/${i}`, 'expected {a, b, why} naming two different field ids of this rule');
        return;
      }
      links.push({ a, b, why: link.why });
    });
  }
  return { ...base, type: 'armDump', regex, fields, links };
}

/**
 * Checks and compiles rule files. Broken rules are left out and reported; the others still work.
 * `files` are parsed JSON values (anything: nothing here trusts their shape).
 */
export function compileEntityRules(files: ReadonlyArray<{ file: unknown; source: string }>): EntityRuleSet {
  const problems: RuleProblem[] = [];
  const literals = new LiteralTable();
  const rules: CompiledRule[] = [];
  const links: CompiledRecordLink[] = [];
  const pendingLinks: Array<{ link: CompiledRecordLink; c: Checker; path: string }> = [];
  const ids = new Set<string>();

  for (const { file, source } of files) {
    const c = new Checker(source, problems);
    if (!isObject(file)) {
      c.error('/', `expected an object (id, description, rules), found ${describe(file)}`);
      continue;
    }
    c.string(file.id, '/id');
    c.string(file.description, '/description');
    if (!Array.isArray(file.rules)) {
      c.error('/rules', `expected an array of rules, found ${describe(file.rules)}`);
      continue;
    }
    file.rules.forEach((def: unknown, i) => {
      const path = `/rules/${i}`;
      if (!isObject(def)) {
        c.error(path, `expected an object, found ${describe(def)}`);
        return;
      }
      const type = def.type ?? 'pattern';
      const rule =
        type === 'pattern'
          ? compilePatternRule(c, def, path, literals)
          : type === 'armDump'
            ? compileArmRule(c, def, path, literals)
            : (c.error(`${path}/type`, `expected "pattern" or "armDump", found ${describe(def.type)}`), undefined);
      if (!rule) return;
      if (ids.has(rule.id)) {
        c.error(`${path}/id`, `expected a unique rule id, found ${JSON.stringify(rule.id)} twice`);
        return;
      }
      ids.add(rule.id);
      rules.push(rule);
    });
    if (file.links !== undefined) {
      if (!Array.isArray(file.links)) {
        c.error('/links', `expected an array, found ${describe(file.links)}`);
        continue;
      }
      file.links.forEach((l: unknown, i) => {
        const path = `/links/${i}`;
        if (!isObject(l)) {
          c.error(path, `expected an object, found ${describe(l)}`);
          return;
        }
        const context = c.strings(l.context, `${path}/context`, false);
        if (
          !c.string(l.id, `${path}/id`) ||
          !c.string(l.a, `${path}/a`) ||
          !c.string(l.b, `${path}/b`) ||
          !c.string(l.why, `${path}/why`)
        )
          return;
        if (!context) return;
        pendingLinks.push({
          link: { id: l.id, context: context.map((x) => literals.add(x)), a: l.a, b: l.b, why: l.why },
          c,
          path,
        });
      });
    }
  }

  // Links may name rules of any file, so they are resolved once every rule is known.
  const refs = new Map<string, string>();
  for (const r of rules) {
    const caps = r.type === 'pattern' ? r.captures : r.fields;
    for (const cap of caps) refs.set(cap.ref, cap.ref);
    if (caps.length === 1) refs.set(r.id, caps[0]!.ref);
  }
  for (const { link, c, path } of pendingLinks) {
    const a = refs.get(link.a);
    const b = refs.get(link.b);
    if (!a)
      c.error(`${path}/a`, `expected a rule id with one capture, or ruleId/capture, found ${JSON.stringify(link.a)}`);
    if (!b)
      c.error(`${path}/b`, `expected a rule id with one capture, or ruleId/capture, found ${JSON.stringify(link.b)}`);
    if (a && b) links.push({ ...link, a, b });
  }
  return { rules, links, literals: literals.list, ...literalScanner(literals.list), problems };
}

function literalScanner(
  list: readonly string[],
): Pick<EntityRuleSet, 'literalScanner' | 'literalIndex' | 'shorterAtSameStart'> {
  // The shorter literals hidden by a longer one at the same place are known from shorterAtSameStart.
  return {
    literalScanner: literalAlternation(list),
    literalIndex: new Map(list.map((l, i) => [l, i])),
    shorterAtSameStart: list.map((l, i) => list.flatMap((m, j) => (j !== i && l.startsWith(m) ? [j] : []))),
  };
}

/**
 * The rules that apply to records of one format (all of them when the format is unknown), with a
 * literal scanner over only their literals: a shorter alternation runs faster, and a record is
 * never tested against rules that cannot apply to it.
 */
export interface FormatRuleView {
  rules: CompiledRule[];
  links: CompiledRecordLink[];
  /** Global indices (into `EntityRuleSet.literals`) of the literals these rules use. */
  literals: number[];
  /** Flag `g`; what it matches is a literal of `literals`, looked up in `EntityRuleSet.literalIndex`. */
  literalScanner: RegExp;
  /** The literals one of which a record must hold for any of these rules to find something that counts. */
  anchors: string[];
}

const views = new WeakMap<EntityRuleSet, Map<string, FormatRuleView>>();
/** The view asked for last: an indexer asks for the same one, with the same arrays, for every record. */
let lastView:
  | { set: EntityRuleSet; formatId: string | undefined; entities: readonly string[] | undefined; view: FormatRuleView }
  | undefined;

/**
 * `entities`: the rule ids the format declares its records can hold (an id, or a prefix ending in
 * `*`); without them every rule that allows the format applies.
 */
export function ruleView(
  set: EntityRuleSet,
  formatId: string | undefined,
  entities?: readonly string[],
): FormatRuleView {
  const last = lastView;
  if (last && last.set === set && last.formatId === formatId && last.entities === entities) return last.view;
  let byFormat = views.get(set);
  if (!byFormat) views.set(set, (byFormat = new Map()));
  const key = `${formatId ?? '\u0000any'}\u0000${entities ? entities.join(',') : '*'}`;
  let view = byFormat.get(key);
  if (!view) {
    const declared = (id: string) =>
      !entities || entities.some((e) => (e.endsWith('*') ? id.startsWith(e.slice(0, -1)) : id === e));
    const rules = set.rules.filter(
      (r) => (formatId === undefined || !r.formats || r.formats.has(formatId)) && declared(r.id),
    );
    const used = new Set<number>();
    const anchors = new Set<number>();
    for (const r of rules) {
      // A rule whose every capture counts only when another rule finds the same key, and that links
      // nothing, finds nothing alone: its literals (ECE's `UID:`, on every line) make no record worth reading.
      const alone =
        r.type === 'pattern'
          ? r.captures.some((c) => !c.confirmOnly) || r.link !== undefined
          : r.fields.some((c) => !c.confirmOnly) || r.links.length > 0;
      for (const l of r.anchors) {
        used.add(l);
        if (alone) anchors.add(l);
      }
      for (const l of r.context) used.add(l);
      const caps: CompiledCapture[] = r.type === 'pattern' ? r.captures : r.fields;
      for (const c of caps) for (const l of c.birthLiterals) used.add(l);
    }
    // Record links whose two ends these rules can find.
    const refs = new Set(rules.flatMap((r) => (r.type === 'pattern' ? r.captures : r.fields).map((c) => c.ref)));
    const links = set.links.filter((l) => refs.has(l.a) && refs.has(l.b));
    for (const link of links) for (const l of link.context) used.add(l);
    const literals = [...used].sort((a, b) => a - b);
    view = {
      rules,
      links,
      literals,
      literalScanner: literalAlternation(literals.map((i) => set.literals[i]!)),
      anchors: [...anchors].map((i) => set.literals[i]!),
    };
    byFormat.set(key, view);
  }
  lastView = { set, formatId, entities, view };
  return view;
}

/** The rule files shipped with the server, in order. */
export const BUILTIN_RULE_FILES: ReadonlyArray<{ file: unknown; source: string }> = [
  { file: contactRules, source: 'contact.json' },
  { file: chatRules, source: 'chat.json' },
  { file: widgetRules, source: 'widget.json' },
  { file: agentRules, source: 'agent.json' },
  { file: ctiRules, source: 'cti.json' },
  { file: callRules, source: 'call.json' },
  { file: agentFinesseRules, source: 'agentFinesse.json' },
  { file: deviceRules, source: 'device.json' },
];

let builtin: EntityRuleSet | undefined;

/** The built-in rules, compiled once. Their problems (none, the tests check) are in `.problems`. */
export function builtinEntityRules(): EntityRuleSet {
  builtin ??= compileEntityRules(BUILTIN_RULE_FILES);
  return builtin;
}
