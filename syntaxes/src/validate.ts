/**
 * Checks a grammar before it is written: every rule has a comment, every regex compiles and repeats
 * only a bounded number of times, capture numbers exist, includes resolve and scope names are well formed.
 * Also drops repository entries no pattern reaches, so shared rule sets can be offered whole.
 */
import { countCapturingGroups, forEachSyntaxChar } from './compose';
import type { Captures, Grammar, IncludeRule, Rule } from './model';

export type RegexCompiler = (source: string) => string | undefined;

const SCOPE_PART = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*$/;

/**
 * Where `re` repeats without a bound (`*`, `+`, `{n,}`) outside a character class, or undefined.
 * Bounded repetition is what keeps the worst case per start position small on very long lines.
 */
export function findUnboundedRepetition(re: string): string | undefined {
  let found: string | undefined;
  forEachSyntaxChar(re, (c, i) => {
    if (c === '*' || c === '+') found = `unbounded '${c}' at offset ${i}`;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i));
      if (m && m[2] !== undefined && m[3] === '') found = `unbounded '${m[0]}' at offset ${i}`;
    }
    return found !== undefined;
  });
  return found;
}

function isInclude(rule: Rule): rule is IncludeRule {
  return 'include' in rule;
}

function childRules(rule: Rule): Rule[] {
  if (isInclude(rule)) return [];
  const out: Rule[] = [];
  if ('patterns' in rule && rule.patterns) out.push(...rule.patterns);
  const captureSets: Array<Captures | undefined> = [];
  if ('captures' in rule) captureSets.push(rule.captures);
  if ('beginCaptures' in rule) captureSets.push(rule.beginCaptures);
  if ('endCaptures' in rule) captureSets.push(rule.endCaptures);
  if ('whileCaptures' in rule) captureSets.push(rule.whileCaptures);
  for (const set of captureSets) {
    for (const capture of Object.values(set ?? {})) out.push(...(capture.patterns ?? []));
  }
  return out;
}

/** Repository names reached from the top-level patterns. */
export function reachableEntries(grammar: Grammar): Set<string> {
  const seen = new Set<string>();
  const visit = (rule: Rule): void => {
    if (isInclude(rule)) {
      if (rule.include.startsWith('#')) {
        const name = rule.include.slice(1);
        const target = grammar.repository[name];
        if (!seen.has(name) && target) {
          seen.add(name);
          visit(target);
        }
      }
      return;
    }
    childRules(rule).forEach(visit);
  };
  grammar.patterns.forEach(visit);
  return seen;
}

export function pruneRepository(grammar: Grammar): Grammar {
  const keep = reachableEntries(grammar);
  const repository: Grammar['repository'] = {};
  for (const name of Object.keys(grammar.repository).sort()) {
    const rule = grammar.repository[name];
    if (keep.has(name) && rule) repository[name] = rule;
  }
  return { ...grammar, repository };
}

export function validateGrammar(grammar: Grammar, externalScopes: readonly string[], compile: RegexCompiler): string[] {
  const problems: string[] = [];
  const checkScope = (where: string, scope: string | undefined): void => {
    if (scope === undefined) return;
    for (const part of scope.split(' ')) {
      if (!SCOPE_PART.test(part)) problems.push(`${where}: malformed scope name '${part}' in '${scope}'`);
    }
  };
  const checkRegex = (where: string, re: string | undefined): number => {
    if (re === undefined) return 0;
    const unbounded = findUnboundedRepetition(re);
    if (unbounded) problems.push(`${where}: ${unbounded} in /${re}/`);
    const error = compile(re);
    if (error) problems.push(`${where}: does not compile (${error}): /${re}/`);
    return countCapturingGroups(re);
  };
  const checkCaptures = (where: string, captures: Captures | undefined, groups: number): void => {
    for (const [key, capture] of Object.entries(captures ?? {})) {
      if (!/^\d+$/.test(key) || Number(key) > groups) {
        problems.push(`${where}: capture ${key} but the regex has ${groups} groups`);
      }
      checkScope(`${where} capture ${key}`, capture.name);
      // vscode-textmate re-tokenises a capture by copying the line up to the capture's end, which is
      // quadratic on a long line with many matches: use a begin/end region instead
      if (capture.patterns) problems.push(`${where}: capture ${key} has patterns (quadratic on long lines)`);
    }
  };
  const visit = (where: string, rule: Rule): void => {
    if (isInclude(rule)) {
      const target = rule.include;
      if (target.startsWith('#')) {
        if (!grammar.repository[target.slice(1)]) problems.push(`${where}: include ${target} has no repository entry`);
      } else if (target !== '$self' && target !== '$base' && !externalScopes.includes(target)) {
        problems.push(`${where}: include ${target} is not a known grammar`);
      }
      return;
    }
    if (!rule.comment || rule.comment.trim() === '') problems.push(`${where}: rule without a comment`);
    const kinds = [
      'match' in rule,
      'begin' in rule,
      !('match' in rule) && !('begin' in rule) && 'patterns' in rule,
    ].filter(Boolean);
    if (kinds.length !== 1) problems.push(`${where}: must be exactly one of match, begin/end, begin/while, patterns`);
    if ('name' in rule) checkScope(where, rule.name);
    if ('contentName' in rule) checkScope(where, rule.contentName);
    if ('match' in rule) {
      checkCaptures(where, rule.captures, checkRegex(where, rule.match));
    }
    if ('begin' in rule) {
      checkCaptures(`${where} begin`, rule.beginCaptures, checkRegex(`${where} begin`, rule.begin));
      const hasEnd = 'end' in rule;
      const hasWhile = 'while' in rule;
      if (hasEnd === hasWhile) problems.push(`${where}: begin needs exactly one of end / while`);
      if ('end' in rule) checkCaptures(`${where} end`, rule.endCaptures, checkRegex(`${where} end`, rule.end));
      if ('while' in rule)
        checkCaptures(`${where} while`, rule.whileCaptures, checkRegex(`${where} while`, rule.while));
    }
    if ('patterns' in rule && rule.patterns) rule.patterns.forEach((p, i) => visit(`${where} pattern ${i}`, p));
  };
  if (!grammar.comment) problems.push('grammar without a comment');
  grammar.patterns.forEach((p, i) => visit(`patterns[${i}]`, p));
  for (const [name, rule] of Object.entries(grammar.repository)) visit(`repository.${name}`, rule);
  return problems;
}
