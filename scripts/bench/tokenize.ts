/**
 * Tokenization speed with vscode-textmate and vscode-oniguruma, the engine VS Code uses, driven the
 * way VS Code drives it: tokenizeLine2 with a 500 ms limit per line, the state carried from line to
 * line, and lines of 20,000 characters or more left untokenized (editor.maxTokenizationLineLength).
 * Our grammars (syntaxes/*.tmLanguage.json) and VS Code's own `log` grammar read the same lines.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const MAX_TOKENIZATION_LINE_LENGTH = 20_000;
const LINE_TIME_LIMIT_MS = 500;

export interface TokenizeTiming {
  /** Median ms for the lines after one warm-up pass. */
  ms: number;
  /** ms of the first pass (the grammar's regular expressions are compiled on first use). */
  firstMs: number;
  lines: number;
  /** Lines that hit the time limit. */
  stoppedEarly: number;
  /** Lines not tokenized because they are too long. */
  skippedLong: number;
}

export class Tokenizers {
  private constructor(
    private readonly registry: vsctm.Registry,
    private readonly paths: Map<string, string>,
  ) {}

  static async create(root: string, builtinExtensions: string | undefined): Promise<Tokenizers> {
    const require = createRequire(path.join(root, 'package.json'));
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const paths = new Map<string, string>();
    const syntaxes = path.join(root, 'syntaxes');
    if (fs.existsSync(syntaxes)) {
      for (const name of fs.readdirSync(syntaxes)) {
        if (!name.endsWith('.tmLanguage.json')) continue;
        const file = path.join(syntaxes, name);
        const scope = (JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName?: string }).scopeName;
        if (scope) paths.set(scope, file);
      }
    }
    // Embedded JSON and XML, and the plain `log` grammar, from VS Code's own extensions when present.
    const vendor = path.join(root, 'test', 'grammar', 'vendor');
    const pick = (...candidates: string[]): string | undefined => candidates.find((c) => fs.existsSync(c));
    const json = pick(
      ...(builtinExtensions ? [path.join(builtinExtensions, 'json', 'syntaxes', 'JSON.tmLanguage.json')] : []),
      path.join(vendor, 'JSON.tmLanguage.json'),
    );
    const xml = pick(
      ...(builtinExtensions ? [path.join(builtinExtensions, 'xml', 'syntaxes', 'xml.tmLanguage.json')] : []),
      path.join(vendor, 'xml.tmLanguage.json'),
    );
    const log = builtinExtensions
      ? pick(path.join(builtinExtensions, 'log', 'syntaxes', 'log.tmLanguage.json'))
      : undefined;
    if (json) paths.set('source.json', json);
    if (xml) paths.set('text.xml', xml);
    if (log) paths.set('text.log', log);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = paths.get(scopeName);
        if (!file) return null;
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
    return new Tokenizers(registry, paths);
  }

  has(scopeName: string): boolean {
    return this.paths.has(scopeName);
  }

  pathOf(scopeName: string): string | undefined {
    return this.paths.get(scopeName);
  }

  /** Scope name of our grammar for a language id (`cisco-ece` → `text.log.cisco.ece`). */
  static scopeFor(languageId: string): string {
    return `text.log.cisco.${languageId.replace(/^cisco-/, '')}`;
  }

  async time(scopeName: string, lines: readonly string[], passes = 3): Promise<TokenizeTiming | undefined> {
    const grammar = await this.registry.loadGrammar(scopeName);
    if (!grammar) return undefined;
    const run = (): { ms: number; stoppedEarly: number; skippedLong: number } => {
      let state: vsctm.StateStack = vsctm.INITIAL;
      let stoppedEarly = 0;
      let skippedLong = 0;
      const t0 = performance.now();
      for (const line of lines) {
        if (line.length >= MAX_TOKENIZATION_LINE_LENGTH) {
          skippedLong++;
          continue;
        }
        const r = grammar.tokenizeLine2(line, state, LINE_TIME_LIMIT_MS);
        if (r.stoppedEarly) stoppedEarly++;
        else state = r.ruleStack;
      }
      return { ms: performance.now() - t0, stoppedEarly, skippedLong };
    };
    const first = run();
    const times: number[] = [];
    for (let i = 0; i < passes; i++) times.push(run().ms);
    times.sort((a, b) => a - b);
    return {
      ms: times[Math.floor(times.length / 2)],
      firstMs: first.ms,
      lines: lines.length,
      stoppedEarly: first.stoppedEarly,
      skippedLong: first.skippedLong,
    };
  }
}
