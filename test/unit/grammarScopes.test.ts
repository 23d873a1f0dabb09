/**
 * Scope checks that vscode-tmgrammar-test cannot express (it compares whole scope names): over the
 * snapshot excerpts (real log text), no id is ever a number, no timestamp is split into numbers, and
 * none of these info/debug records carries an error scope.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGrammar, logGrammars, tokenizeLines, type Token } from './helpers/tokenize';

const SNAP_DIR = path.resolve(__dirname, '..', 'grammar', 'snap');
const HEX_ID = /(?<![\w-])[0-9A-F]{32}(?![\w-])/g;
const TIMESTAMP_SCOPE = 'constant.numeric.date.timestamp.cisco';

function tokensAt(tokens: Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start < end && t.end > start);
}

const isErrorScope = (s: string): boolean => s.startsWith('invalid.') || s === 'token.error-token';

describe('grammar scopes over the real excerpts', () => {
  for (const { languageId, scopeName } of logGrammars()) {
    describe(languageId, () => {
      const dir = path.join(SNAP_DIR, languageId);
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));

      it('has an excerpt', () => assert.ok(files.length > 0));

      for (const file of files) {
        it(`${file}: ids are ids, timestamps are whole, nothing is an error`, async () => {
          const grammar = await loadGrammar(scopeName);
          const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
          const tokenized = tokenizeLines(grammar, lines);
          let stamps = 0;
          tokenized.forEach((tokens, i) => {
            const line = lines[i]!;
            for (const token of tokens) {
              const bad = token.scopes.filter(isErrorScope);
              assert.deepEqual(bad, [], `line ${i + 1} ${JSON.stringify(token.text)} has an error scope`);
            }
            for (const m of line.matchAll(HEX_ID)) {
              for (const token of tokensAt(tokens, m.index, m.index + m[0].length)) {
                const numeric = token.scopes.filter((s) => s.startsWith('constant.numeric'));
                assert.deepEqual(numeric, [], `line ${i + 1}: id ${m[0]} tokenised as a number`);
              }
            }
            const stampTokens = tokens.filter((t) => t.scopes.includes(TIMESTAMP_SCOPE));
            if (stampTokens.length > 0) {
              stamps++;
              const first = stampTokens[0]!;
              const last = stampTokens[stampTokens.length - 1]!;
              // one contiguous run, and no number scope inside it
              assert.equal(
                tokensAt(tokens, first.start, last.end).length,
                stampTokens.length,
                `line ${i + 1}: timestamp interrupted`,
              );
              for (const t of stampTokens) {
                assert.ok(
                  t.scopes.every(
                    (s) => !s.startsWith('constant.numeric.integer') && !s.startsWith('constant.numeric.float'),
                  ),
                  `line ${i + 1}: ${JSON.stringify(t.text)} inside the timestamp is a number`,
                );
              }
            }
          });
          if (languageId !== 'cisco-icm-tools') assert.ok(stamps > 0, 'no timestamp found');
        });
      }
    });
  }
});

/** A Java-style block (`Name {`, `key = value` lines, nested `= Type {`), as JTAPI and Java toString print them. */
const JAVA_BLOCK = [
  ' sending: com.cisco.cti.protocol.ProviderOpenRequest {',
  '  sequenceNumber                   = 1',
  '  login                            = com.cisco.cti.protocol.UnicodeString {',
  '    unicodedisplayName             = jtapi_uccx',
  '    }',
  '  applicationID                    = Cisco IP IVR',
  '  }',
];

describe('grammar scopes: brace blocks that are not JSON', () => {
  for (const { languageId, scopeName } of logGrammars()) {
    it(`${languageId}: a Java-style { key = value } block in a record is never painted as (invalid) JSON`, async () => {
      const dir = path.join(SNAP_DIR, languageId);
      const excerpt = fs.readdirSync(dir).find((f) => f.endsWith('.log'))!;
      // The first record head of the family's excerpt, then the block as its message.
      const head = fs
        .readFileSync(path.join(dir, excerpt), 'utf8')
        .split('\n')
        .find((l) => /\d{2}:\d{2}:\d{2}/.test(l))!;
      const lines = [head + JAVA_BLOCK[0], ...JAVA_BLOCK.slice(1)];
      const tokenized = tokenizeLines(await loadGrammar(scopeName), lines);
      tokenized.forEach((tokens, i) => {
        for (const token of tokens) {
          const bad = token.scopes.filter((s) => isErrorScope(s) || s.endsWith('.json'));
          assert.deepEqual(bad, [], `line ${i + 1} ${JSON.stringify(token.text)}`);
        }
      });
    });
  }
});
