/**
 * The tooling behind the log grammars: regex composition keeps capture numbers right, the safety lint
 * finds unbounded repetition, and the validator rejects what would break or slow down a grammar.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { compose, countCapturingGroups } from '../../syntaxes/src/compose';
import { EXTERNAL_SCOPES, grammarEntries } from '../../syntaxes/src/index';
import type { Grammar } from '../../syntaxes/src/model';
import {
  findUnboundedRepetition,
  pruneRepository,
  reachableEntries,
  validateGrammar,
} from '../../syntaxes/src/validate';

const compilesAll = (): undefined => undefined;

function grammar(partial: Partial<Grammar>): Grammar {
  return { name: 't', scopeName: 'text.t', comment: 'test grammar', patterns: [], repository: {}, ...partial };
}

describe('grammar build: regex composition', () => {
  it('counts capturing groups, not (?:, lookarounds, escapes or brackets in classes', () => {
    assert.equal(countCapturingGroups(String.raw`(a)(?:b)(?=c)(?<!d)\(e\)[(](f)`), 2);
    assert.equal(countCapturingGroups(String.raw`[\]()](x)`), 1);
    assert.equal(countCapturingGroups('(?<name>x)'), 1);
  });

  it('numbers nested and optional pieces in the order their groups open', () => {
    const { regex, captures } = compose([
      {
        scope: 'outer',
        group: [
          { re: 'a', scope: 'first' },
          { optional: true, group: [{ re: 'b', scope: 'second' }] },
        ],
      },
      '-',
      { re: 'c', scope: 'third' },
    ]);
    assert.equal(regex, '((a)((b))?)-(c)');
    assert.deepEqual(captures, {
      '1': { name: 'outer' },
      '2': { name: 'first' },
      '4': { name: 'second' },
      '5': { name: 'third' },
    });
    assert.equal(countCapturingGroups(regex), 5);
  });

  it('refuses plain text or pieces that would open their own group', () => {
    assert.throws(() => compose(['(a)']), /must not open a capturing group/);
    assert.throws(() => compose([{ re: '(a)', scope: 'x' }]), /must not open its own capturing group/);
  });
});

describe('grammar build: safety lint', () => {
  it('finds unbounded repetition', () => {
    assert.match(findUnboundedRepetition('a+') ?? '', /unbounded '\+'/);
    assert.match(findUnboundedRepetition('(ab)*c') ?? '', /unbounded '\*'/);
    assert.match(findUnboundedRepetition('x{2,}') ?? '', /unbounded '\{2,\}'/);
  });

  it('accepts bounded repetition and quantifier characters that are literal', () => {
    for (const ok of [String.raw`a{1,5}b?`, String.raw`[+*]\+\*`, String.raw`x{3}`, String.raw`[^\]+]{0,9}`]) {
      assert.equal(findUnboundedRepetition(ok), undefined, ok);
    }
  });
});

describe('grammar build: validation', () => {
  it('reports a rule without a comment, an unknown include and a malformed scope', () => {
    const problems = validateGrammar(
      grammar({
        patterns: [{ include: '#missing' }, { include: 'source.nope' }, { comment: '', match: 'a', name: 'Bad Scope' }],
      }),
      [],
      compilesAll,
    );
    assert.ok(
      problems.some((p) => p.includes('include #missing has no repository entry')),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => p.includes('include source.nope is not a known grammar')));
    assert.ok(problems.some((p) => p.includes('rule without a comment')));
    assert.ok(problems.some((p) => p.includes("malformed scope name 'Bad'")));
  });

  it('reports captures the regex does not have, and captures re-tokenised with patterns', () => {
    const problems = validateGrammar(
      grammar({
        patterns: [
          { comment: 'c', match: '(a)', captures: { '2': { name: 'x.y' } } },
          { comment: 'c', match: '(a)', captures: { '1': { patterns: [{ include: '$self' }] } } },
        ],
      }),
      [],
      compilesAll,
    );
    assert.ok(
      problems.some((p) => p.includes('capture 2 but the regex has 1 groups')),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => p.includes('has patterns (quadratic on long lines)')));
  });

  it('reports a regex that does not compile or repeats without bound, and a region with both end and while', () => {
    const problems = validateGrammar(
      grammar({
        patterns: [
          { comment: 'c', match: 'a+' },
          { comment: 'c', begin: 'x', end: 'y', while: 'z' } as never,
          { comment: 'c', match: 'broken' },
        ],
      }),
      [],
      (re) => (re === 'broken' ? 'syntax error' : undefined),
    );
    assert.ok(
      problems.some((p) => p.includes("unbounded '+'")),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => p.includes('exactly one of end / while')));
    assert.ok(problems.some((p) => p.includes('does not compile (syntax error)')));
  });

  it('drops repository entries no pattern reaches', () => {
    const g = grammar({
      patterns: [{ include: '#used' }],
      repository: {
        used: { comment: 'c', patterns: [{ include: '#nested' }] },
        nested: { comment: 'c', match: 'n' },
        unused: { comment: 'c', match: 'u' },
      },
    });
    assert.deepEqual([...reachableEntries(g)].sort(), ['nested', 'used']);
    assert.deepEqual(Object.keys(pruneRepository(g).repository), ['nested', 'used']);
  });

  it('every log grammar validates against the real regex engine', async () => {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const compile = (re: string): string | undefined => {
      try {
        new oniguruma.OnigScanner([re]).dispose();
        return undefined;
      } catch (error) {
        return String(error);
      }
    };
    const entries = grammarEntries();
    assert.equal(entries.length, 8);
    for (const entry of entries) {
      assert.deepEqual(
        validateGrammar(pruneRepository(entry.grammar), Object.keys(EXTERNAL_SCOPES), compile),
        [],
        entry.languageId,
      );
      assert.equal(entry.scopeName, `text.log.cisco.${entry.languageId.slice('cisco-'.length)}`);
    }
  });
});
