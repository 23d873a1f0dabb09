/**
 * Every regular expression the knowledge files compile (formats, entity rules, flows, timeline lanes and
 * same-step rules, problem rules) takes linear time on any text: no backtracking that grows with the input,
 * and, for the ones that search rather than match at a place, no quadratic retrying from every start. This
 * is proved by analysis (scslre), not by timing, so it holds for input no test could try. The code's own
 * expressions get the same check from ESLint (eslint-plugin-regexp, see eslint.config.mjs).
 */
import * as assert from 'node:assert/strict';
import { RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { builtinRegistry } from '../../server/src/formats/registry';
import { builtinEntityRules } from '../../server/src/entities/rules';
import { builtinFlows } from '../../server/src/flows/builtin';
import { laneData } from '../../server/src/timeline/lanes';
import { sameStepData } from '../../server/src/timeline/sameSteps';
import { problemRules } from '../../server/src/diagnostics/compute';

interface Found {
  regex: RegExp;
  where: string;
}

/** Every RegExp reachable from `root`, with the property path that leads to it. */
function regexesIn(root: unknown, where: string, out = new Map<string, Found>(), seen = new Set<object>()) {
  const walk = (v: unknown, at: string, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 16 || seen.has(v)) return;
    seen.add(v);
    if (v instanceof RegExp) {
      out.set(`${v.source}/${v.flags}`, { regex: v, where: at });
      return;
    }
    if (ArrayBuffer.isView(v)) return;
    if (v instanceof Map) for (const [k, x] of v) walk(x, `${at}/${String(k)}`, depth + 1);
    else if (v instanceof Set) for (const x of v) walk(x, at, depth + 1);
    else for (const [k, x] of Object.entries(v)) walk(x, `${at}/${k}`, depth + 1);
  };
  walk(root, where, 0);
  return out;
}

const parser = new RegExpParser();

/** What makes `regex` super-linear, or an empty list. */
function superLinear(regex: RegExp): string[] {
  // `d` and `y` change neither the language nor the backtracking; a sticky expression is tried at one place only.
  const literal = parser.parseLiteral(`/${regex.source}/${regex.flags.replace(/[dy]/g, '')}`);
  const { reports } = analyse(literal, { reportTypes: { Move: !regex.sticky } });
  return reports.map(
    (r) =>
      `${r.type === 'Move' ? 'retried from every start' : 'backtracks'}${r.exponential ? ' exponentially' : ''} (${r.character.literal.source})`,
  );
}

describe('regular expressions of the knowledge files', () => {
  const all = new Map<string, Found>();
  regexesIn(builtinRegistry(), 'formats', all);
  regexesIn(builtinEntityRules(), 'entities', all);
  regexesIn(builtinFlows(), 'flows', all);
  regexesIn(laneData(), 'timeline/lanes', all);
  regexesIn(sameStepData(), 'timeline/sameSteps', all);
  regexesIn(problemRules(), 'diagnostics/problems', all);

  it('are all found (formats, entity rules, flows, lanes, same steps, problems)', () => {
    const roots = new Set([...all.values()].map((f) => f.where.split('/')[0]));
    for (const root of ['formats', 'entities', 'flows', 'timeline', 'diagnostics']) assert.ok(roots.has(root), root);
    assert.ok(all.size > 200, `${all.size} expressions`);
  });

  it('take linear time on any text', () => {
    const bad = [...all.values()]
      .map((f) => ({ ...f, why: superLinear(f.regex) }))
      .filter((f) => f.why.length > 0)
      .map((f) => `${f.where}: /${f.regex.source}/ ${f.why.join(', ')}`);
    assert.deepEqual(bad, []);
  });

  it('the analysis catches the shapes that hang a log reader', () => {
    assert.match(superLinear(/^(\w+\s?)*$/).join(), /exponentially/);
    assert.match(superLinear(/Agent=\s*\d+\s*\d+x/y).join(), /backtracks/);
    assert.match(superLinear(/\s*<@>\s*$/g).join(), /retried from every start/);
    assert.deepEqual(superLinear(/contactId=([0-9A-F]{32})/g), []);
  });
});
