/**
 * Line shapes several formats share (`defs/*.shape.json`). A format names one in `shape` and fills its
 * slots; `{{shape}}` in the format's patterns stands for the shape's pattern with the slots filled. So
 * the CCBU line (`seq: host: Mon DD YYYY hh:mm:ss.mmm +zzzz: %FACILITY-sev-MNEMONIC:`) is written once,
 * and SocialMiner, Finesse, CVP, CUIC, ... differ only in the facility that names them.
 *
 * Also here: the order of formats by specificity, as lnav orders its formats. A format is narrower
 * than another when every sample line of it matches the other's patterns while some of the other's
 * samples do not match its own; narrower formats are tried first, so a line goes to the most specific
 * format that takes it.
 */
import type { FormatDefinition } from './types';
import type { CompiledFormat, FormatProblem } from './compile';

export interface ShapeDefinition {
  $schema?: string;
  id: string;
  description: string;
  /** The pattern, with `{{slot}}` placeholders. */
  pattern: string;
  /** Default text of each slot. */
  slots: Record<string, string>;
}

const SLOT = /\{\{([a-z][A-Za-z0-9_]{0,40})\}\}/g;

/** A copy of `def` whose patterns have `{{shape}}` replaced; problems name the JSON path. */
export function expandShape(
  def: FormatDefinition,
  shapes: ReadonlyMap<string, ShapeDefinition>,
  problems: FormatProblem[],
): FormatDefinition {
  if (!def.shape) return def;
  const id = typeof def.id === 'string' ? def.id : '(no id)';
  const shape = shapes.get(def.shape.id);
  if (!shape) {
    problems.push({ formatId: id, path: '/shape/id', message: `unknown shape "${def.shape.id}"`, level: 'error' });
    return def;
  }
  const slots = { ...shape.slots, ...(def.shape.slots ?? {}) };
  for (const name of Object.keys(def.shape.slots ?? {}))
    if (!(name in shape.slots))
      problems.push({
        formatId: id,
        path: `/shape/slots/${name}`,
        message: `shape "${shape.id}" has no slot "${name}" (it has ${Object.keys(shape.slots).join(', ')})`,
        level: 'error',
      });
  const filled = shape.pattern.replace(SLOT, (whole, name: string) => slots[name] ?? whole);
  const patterns: Record<string, string> = {};
  for (const [name, source] of Object.entries(def.patterns ?? {}))
    patterns[name] = source.split('{{shape}}').join(filled);
  const firstLine = def.firstLine?.split('{{shape}}').join(filled);
  return { ...def, patterns, ...(firstLine !== undefined ? { firstLine } : {}) };
}

/** Checks a parsed shape file; returns undefined (with problems) when it cannot be used. */
export function checkShape(value: unknown, source: string, problems: FormatProblem[]): ShapeDefinition | undefined {
  const s = value as Partial<ShapeDefinition> | null;
  const bad = (path: string, message: string) =>
    problems.push({ formatId: `shape ${s?.id ?? source}`, path, message: `${message} (${source})`, level: 'error' });
  if (!s || typeof s !== 'object') return (bad('/', 'expected an object'), undefined);
  if (typeof s.id !== 'string' || !s.id) return (bad('/id', 'expected a non-empty string'), undefined);
  if (typeof s.pattern !== 'string') return (bad('/pattern', 'expected a string'), undefined);
  if (!s.slots || typeof s.slots !== 'object') return (bad('/slots', 'expected an object of slot defaults'), undefined);
  for (const m of s.pattern.matchAll(SLOT))
    if (!(m[1] in s.slots)) bad('/pattern', `slot {{${m[1]}}} has no default in /slots`);
  return s as ShapeDefinition;
}

/** Whether every sample of `a` matches a pattern of `b` (the first sample line only is tried). */
function samplesMatch(a: CompiledFormat, b: CompiledFormat): boolean {
  if (a.def.samples.length === 0) return false;
  return a.def.samples.every((s) =>
    b.patternStickies.some((re) => {
      re.lastIndex = 0;
      return re.test(s.line);
    }),
  );
}

/**
 * Formats ordered most specific first (stable otherwise), and the pairs found: `narrower.get(a)` holds
 * the formats `a` is narrower than.
 */
export function orderBySpecificity(formats: readonly CompiledFormat[]): {
  ordered: CompiledFormat[];
  narrower: Map<CompiledFormat, Set<CompiledFormat>>;
} {
  const narrower = new Map<CompiledFormat, Set<CompiledFormat>>();
  for (const a of formats) {
    const set = new Set<CompiledFormat>();
    for (const b of formats) if (a !== b && samplesMatch(a, b) && !samplesMatch(b, a)) set.add(b);
    narrower.set(a, set);
  }
  const depth = (f: CompiledFormat) => narrower.get(f)?.size ?? 0;
  const ordered = formats
    .map((f, i) => ({ f, i }))
    .sort((x, y) => depth(y.f) - depth(x.f) || x.i - y.i)
    .map((x) => x.f);
  return { ordered, narrower };
}
