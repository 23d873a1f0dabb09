/**
 * Loads the generated log grammars (and the vendored JSON/XML grammars they embed) into vscode-textmate,
 * for tests that tokenise text directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CONFIG = path.join(ROOT, 'test', 'grammar', 'grammars.json');

interface ConfigEntry {
  scopeName: string;
  path: string;
  language?: string;
}

let registry: textmate.Registry | undefined;

function grammarFiles(): Map<string, string> {
  const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8')) as { contributes: { grammars: ConfigEntry[] } };
  return new Map(config.contributes.grammars.map((g) => [g.scopeName, path.resolve(path.dirname(CONFIG), g.path)]));
}

/** Language ids and scope names of the log grammars (not the embedded ones). */
export function logGrammars(): Array<{ languageId: string; scopeName: string }> {
  const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8')) as { contributes: { grammars: ConfigEntry[] } };
  return config.contributes.grammars
    .filter((g): g is ConfigEntry & { language: string } => typeof g.language === 'string')
    .map((g) => ({ languageId: g.language, scopeName: g.scopeName }));
}

export function getRegistry(): textmate.Registry {
  if (registry) return registry;
  const files = grammarFiles();
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  const onigLib = oniguruma
    .loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer)
    .then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
  registry = new textmate.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      if (!file) return null;
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry;
}

export async function loadGrammar(scopeName: string): Promise<textmate.IGrammar> {
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  return grammar;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

/** Tokenises lines in order (state carried across lines), returning tokens per line. */
export function tokenizeLines(grammar: textmate.IGrammar, lines: string[]): Token[][] {
  let state: textmate.StateStack = textmate.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
  });
}
