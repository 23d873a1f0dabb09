/**
 * Loads flow definitions (defs/*.json): checks each against the shape flow.schema.json describes,
 * compiles its markers, and verifies every sample line matches the marker it names and every
 * marker has a sample. Problems carry the file and JSON path that is wrong, like the formats'
 * (`formats/check.ts`); a flow with problems is left out and the problems are reported.
 */
import type { AttachDef, CompiledFlow, CompiledMarker, FlowDef, FlowProblem, MarkerDef, StepDef } from './types';

/** Characters of a record a marker's pattern reads. */
export const MARK_READ_LIMIT = 16_384;

const ID = /^[a-z][a-z0-9-]{0,40}$/;
/** Unbounded repetition (`*`, `+`, `{n,}`) outside escapes and character classes. */
const UNBOUNDED = /[*+]|\{\d{1,9},\}/;

function quantifierText(source: string): string {
  return source.replace(/\\[^]/g, '').replace(/\[[^\]]{0,1000}\]/g, '');
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.slice(0, 40)}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

class Checker {
  constructor(
    readonly file: string,
    readonly problems: FlowProblem[],
  ) {}
  error(path: string, message: string): void {
    this.problems.push({ file: this.file, path, message });
  }
  str(v: unknown, path: string, what = 'a non-empty string'): v is string {
    if (typeof v === 'string' && v.length > 0) return true;
    this.error(path, `expected ${what}, found ${describe(v)}`);
    return false;
  }
  obj(v: unknown, path: string): v is Record<string, unknown> {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
    this.error(path, `expected an object, found ${describe(v)}`);
    return false;
  }
  arr(v: unknown, path: string, min = 0): v is unknown[] {
    if (Array.isArray(v) && v.length >= min) return true;
    this.error(path, `expected an array of at least ${min} item(s), found ${describe(v)}`);
    return false;
  }
  only(o: Record<string, unknown>, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.error(`${path}/${k}`, `unknown property "${k}"`);
  }
  id(v: unknown, path: string): v is string {
    if (typeof v === 'string' && ID.test(v)) return true;
    this.error(path, `expected an id (lower case letters, digits and -), found ${describe(v)}`);
    return false;
  }
}

/** A compiled marker's test of a record: the literal, then the bounded pattern over the first 16 KB. */
export function markerMatches(m: { def: MarkerDef; regex?: RegExp }, text: string): boolean {
  const at = text.indexOf(m.def.literal);
  if (at < 0) return false;
  if (!m.regex) return true;
  m.regex.lastIndex = 0;
  return m.regex.test(text.length > MARK_READ_LIMIT ? text.slice(0, MARK_READ_LIMIT) : text);
}

function compileMarker(
  c: Checker,
  raw: unknown,
  path: string,
  formats: ReadonlySet<string> | undefined,
): { def: MarkerDef; regex?: RegExp } | undefined {
  if (!c.obj(raw, path)) return undefined;
  c.only(raw, path, ['id', 'format', 'literal', 'pattern', 'meaning']);
  let ok = c.id(raw.id, `${path}/id`);
  ok = c.str(raw.format, `${path}/format`) && ok;
  if (typeof raw.format === 'string' && formats && !formats.has(raw.format)) {
    c.error(`${path}/format`, `unknown format "${raw.format}" (known: ${[...formats].join(', ')})`);
    ok = false;
  }
  if (c.str(raw.literal, `${path}/literal`)) {
    if (raw.literal.length < 3) {
      c.error(`${path}/literal`, 'a literal of fewer than 3 characters would mark too many lines');
      ok = false;
    }
  } else ok = false;
  let regex: RegExp | undefined;
  if (raw.pattern !== undefined) {
    if (c.str(raw.pattern, `${path}/pattern`)) {
      if (UNBOUNDED.test(quantifierText(raw.pattern))) {
        c.error(`${path}/pattern`, 'expected only bounded repetition ({m,n}), found *, + or {n,}');
        ok = false;
      } else {
        try {
          regex = new RegExp(raw.pattern);
        } catch (e) {
          c.error(`${path}/pattern`, `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
          ok = false;
        }
      }
    } else ok = false;
  }
  if (raw.meaning !== undefined) c.str(raw.meaning, `${path}/meaning`);
  if (!ok) return undefined;
  return { def: raw as unknown as MarkerDef, ...(regex ? { regex } : {}) };
}

function checkAttach(c: Checker, raw: unknown, path: string, stepIds: ReadonlySet<string>): boolean {
  if (raw === undefined) return true;
  if (!c.obj(raw, path)) return false;
  const a = raw as Partial<AttachDef> & Record<string, unknown>;
  if (a.by === 'subject') {
    c.only(raw, path, ['by']);
    return true;
  }
  if (a.by === 'file') {
    c.only(raw, path, ['by', 'maxLines']);
    if (typeof a.maxLines !== 'number' || !Number.isInteger(a.maxLines) || a.maxLines < 1) {
      c.error(`${path}/maxLines`, `expected a positive integer, found ${describe(a.maxLines)}`);
      return false;
    }
    return true;
  }
  if (a.by === 'time') {
    c.only(raw, path, ['by', 'relativeTo', 'fromMs', 'toMs']);
    let ok = true;
    for (const k of ['fromMs', 'toMs'] as const)
      if (typeof a[k] !== 'number' || !Number.isInteger(a[k])) {
        c.error(`${path}/${k}`, `expected an integer, found ${describe(a[k])}`);
        ok = false;
      }
    if (ok && (a.fromMs as number) > (a.toMs as number)) {
      c.error(path, 'fromMs is after toMs');
      ok = false;
    }
    if (a.relativeTo !== undefined && (typeof a.relativeTo !== 'string' || !stepIds.has(a.relativeTo))) {
      c.error(`${path}/relativeTo`, `expected the id of a step of this flow, found ${describe(a.relativeTo)}`);
      ok = false;
    }
    return ok;
  }
  c.error(`${path}/by`, `expected "subject", "file" or "time", found ${describe(a.by)}`);
  return false;
}

/** Compiles one flow file's content; problems go to `problems`, and undefined comes back when there were any. */
export function compileFlow(
  raw: unknown,
  file: string,
  problems: FlowProblem[],
  formats?: ReadonlySet<string>,
): CompiledFlow | undefined {
  const c = new Checker(file, problems);
  const before = problems.length;
  if (!c.obj(raw, '')) return undefined;
  c.only(raw, '', ['$schema', 'id', 'title', 'description', 'source', 'subject', 'idleMs', 'timings', 'steps']);
  c.id(raw.id, '/id');
  for (const k of ['title', 'description', 'source'] as const) c.str(raw[k], `/${k}`);
  if (c.obj(raw.subject, '/subject')) {
    const s = raw.subject;
    c.only(s, '/subject', ['kind', 'keyPrefixes', 'via']);
    if (s.kind !== 'chat' && s.kind !== 'agent' && s.kind !== 'call')
      c.error('/subject/kind', `expected "chat", "agent" or "call", found ${describe(s.kind)}`);
    for (const k of ['keyPrefixes', 'via'] as const) {
      if (k === 'via' && s.via === undefined) continue;
      if (c.arr(s[k], `/subject/${k}`, k === 'keyPrefixes' ? 1 : 0))
        (s[k] as unknown[]).forEach((p, i) => {
          if (typeof p !== 'string' || !/^[A-Za-z]{1,20}:/.test(p))
            c.error(`/subject/${k}/${i}`, `expected a key prefix such as "contact:", found ${describe(p)}`);
        });
    }
  }
  if (typeof raw.idleMs !== 'number' || !Number.isInteger(raw.idleMs) || raw.idleMs < 0)
    c.error('/idleMs', `expected a non-negative integer, found ${describe(raw.idleMs)}`);
  const markers: CompiledMarker[] = [];
  const stepIndex = new Map<string, number>();
  const markerIdsOf = new Map<string, Set<string>>();
  if (c.arr(raw.steps, '/steps', 1)) {
    const steps = raw.steps as unknown[];
    const stepIds = new Set<string>();
    steps.forEach((s, i) => {
      if (typeof s === 'object' && s !== null && typeof (s as StepDef).id === 'string') {
        const id = (s as StepDef).id;
        if (stepIds.has(id)) c.error(`/steps/${i}/id`, `duplicate step id "${id}"`);
        stepIds.add(id);
        stepIndex.set(id, i);
      }
    });
    steps.forEach((s, i) => {
      const path = `/steps/${i}`;
      if (!c.obj(s, path)) return;
      c.only(s, path, [
        'id',
        'title',
        'where',
        'optional',
        'markers',
        'requires',
        'failures',
        'attach',
        'hint',
        'samples',
      ]);
      c.id(s.id, `${path}/id`);
      c.str(s.title, `${path}/title`);
      c.str(s.where, `${path}/where`);
      if (c.str(s.hint, `${path}/hint`) && s.hint.length < 10)
        c.error(`${path}/hint`, 'a hint says what to check: write at least a sentence');
      if (s.optional !== undefined && typeof s.optional !== 'boolean')
        c.error(`${path}/optional`, `expected true or false, found ${describe(s.optional)}`);
      const ids = new Set<string>();
      const own: Array<{ m: { def: MarkerDef; regex?: RegExp }; failure: boolean }> = [];
      for (const [list, failure] of [
        ['markers', false],
        ['failures', true],
      ] as const) {
        if (list === 'failures' && s.failures === undefined) continue;
        if (!c.arr(s[list], `${path}/${list}`, list === 'markers' ? 1 : 0)) continue;
        (s[list] as unknown[]).forEach((m, j) => {
          const cm = compileMarker(c, m, `${path}/${list}/${j}`, formats);
          if (!cm) return;
          if (ids.has(cm.def.id))
            c.error(`${path}/${list}/${j}/id`, `duplicate marker id "${cm.def.id}" in step "${String(s.id)}"`);
          ids.add(cm.def.id);
          own.push({ m: cm, failure });
        });
      }
      markerIdsOf.set(String(s.id), ids);
      if (s.requires !== undefined && c.arr(s.requires, `${path}/requires`, 1))
        (s.requires as unknown[]).forEach((r, j) => {
          if (typeof r !== 'string' || !own.some((o) => !o.failure && o.m.def.id === r))
            c.error(`${path}/requires/${j}`, `expected the id of a marker of this step, found ${describe(r)}`);
        });
      checkAttach(c, s.attach, `${path}/attach`, stepIds);
      // Samples: each names a marker it matches; each marker has one.
      const sampled = new Set<string>();
      if (c.arr(s.samples, `${path}/samples`, 1))
        (s.samples as unknown[]).forEach((sm, j) => {
          const sp = `${path}/samples/${j}`;
          if (!c.obj(sm, sp)) return;
          c.only(sm, sp, ['line', 'marker']);
          if (!c.str(sm.line, `${sp}/line`) || !c.str(sm.marker, `${sp}/marker`)) return;
          const target = own.find((o) => o.m.def.id === sm.marker);
          if (!target) {
            c.error(`${sp}/marker`, `no marker "${sm.marker}" in this step`);
            return;
          }
          sampled.add(target.m.def.id);
          if (!markerMatches(target.m, sm.line)) {
            const why = sm.line.includes(target.m.def.literal)
              ? `its pattern /${target.m.def.pattern}/ does not match`
              : `it does not contain the literal "${target.m.def.literal}"`;
            c.error(`${sp}/line`, `sample does not match marker "${sm.marker}": ${why}`);
          }
          for (const o of own)
            if (o !== target && o.failure !== target.failure && markerMatches(o.m, sm.line))
              c.error(
                `${sp}/line`,
                `sample of ${target.failure ? 'failure' : 'marker'} "${sm.marker}" is also matched by ${o.failure ? 'failure' : 'marker'} "${o.m.def.id}": a line cannot both mark a step and its failure`,
              );
        });
      for (const o of own)
        if (!sampled.has(o.m.def.id))
          c.error(
            `${path}/${o.failure ? 'failures' : 'markers'}`,
            `${o.failure ? 'failure' : 'marker'} "${o.m.def.id}" has no sample line`,
          );
      for (const o of own)
        markers.push({
          def: o.m.def,
          ...(o.m.regex ? { regex: o.m.regex } : {}),
          stepIndex: i,
          failure: o.failure,
          key: `~flow:${String(raw.id)}:${String(s.id)}:${o.m.def.id}`,
        });
    });
  }
  if (raw.timings !== undefined && c.arr(raw.timings, '/timings'))
    (raw.timings as unknown[]).forEach((t, i) => {
      const path = `/timings/${i}`;
      if (!c.obj(t, path)) return;
      c.only(t, path, ['label', 'from', 'to']);
      c.str(t.label, `${path}/label`);
      for (const k of ['from', 'to'] as const) {
        if (!c.str(t[k], `${path}/${k}`)) continue;
        const [stepId, markerId] = (t[k] as string).split('/');
        if (!stepIndex.has(stepId)) c.error(`${path}/${k}`, `no step "${stepId}" in this flow`);
        else if (markerId !== undefined && !markerIdsOf.get(stepId)?.has(markerId))
          c.error(`${path}/${k}`, `no marker "${markerId}" in step "${stepId}"`);
      }
    });
  if (problems.length > before) return undefined;
  return { def: raw as unknown as FlowDef, markers, stepIndex };
}

/** Compiles several flow files; ids must be unique. */
export function compileFlows(
  files: ReadonlyArray<{ file: unknown; source: string }>,
  formats?: ReadonlySet<string>,
): { flows: CompiledFlow[]; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const flows: CompiledFlow[] = [];
  for (const { file, source } of files) {
    const f = compileFlow(file, source, problems, formats);
    if (!f) continue;
    if (flows.some((o) => o.def.id === f.def.id)) {
      problems.push({ file: source, path: '/id', message: `duplicate flow id "${f.def.id}"` });
      continue;
    }
    flows.push(f);
  }
  return { flows, problems };
}

/** One line per problem: `bubble-chat.json /steps/3/markers/0/pattern: invalid regular expression...`. */
export function formatFlowProblems(problems: readonly FlowProblem[]): string {
  return problems.map((p) => `${p.file} ${p.path || '/'}: ${p.message}`).join('\n');
}
