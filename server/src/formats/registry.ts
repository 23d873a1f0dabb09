/**
 * Loads the format descriptions: the built-in ones shipped beside the server and any the user adds
 * (setting ccLogs.formats.directories). A broken file never stops the others from loading; its
 * problems are reported with the JSON path that is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFormat, type CompiledFormat, type FormatProblem } from './compile';
import type { FormatDefinition } from './types';

export class FormatRegistry {
  private readonly byIdMap = new Map<string, CompiledFormat>();

  constructor(
    readonly formats: readonly CompiledFormat[],
    readonly problems: readonly FormatProblem[],
  ) {
    for (const f of formats) this.byIdMap.set(f.id, f);
  }

  byId(id: string): CompiledFormat | undefined {
    return this.byIdMap.get(id);
  }

  byLanguage(languageId: string): CompiledFormat | undefined {
    return this.formats.find((f) => f.def.languageId === languageId);
  }

  static fromDefinitions(
    defs: Array<{ def: FormatDefinition; source: string }>,
    problems: FormatProblem[] = [],
  ): FormatRegistry {
    const compiled: CompiledFormat[] = [];
    const seen = new Set<string>();
    for (const { def, source } of defs) {
      const own: FormatProblem[] = [];
      const f = compileFormat(def, own);
      for (const p of own) problems.push({ ...p, message: `${p.message} (${source})` });
      if (!f) continue;
      if (seen.has(f.id)) {
        // A user format with a built-in's id replaces it: the later directory wins.
        const i = compiled.findIndex((c) => c.id === f.id);
        compiled.splice(i, 1);
      }
      seen.add(f.id);
      compiled.push(f);
    }
    return new FormatRegistry(compiled, problems);
  }

  /** Reads every `*.json` format file of the given directories, in order. */
  static load(directories: readonly string[]): FormatRegistry {
    const problems: FormatProblem[] = [];
    const defs: Array<{ def: FormatDefinition; source: string }> = [];
    for (const dir of directories) {
      let names: string[];
      try {
        names = fs
          .readdirSync(dir)
          .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
          .sort();
      } catch (e) {
        problems.push({
          formatId: '(directory)',
          path: dir,
          message: `cannot read formats: ${(e as Error).message}`,
          level: 'error',
        });
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        try {
          const def = JSON.parse(fs.readFileSync(file, 'utf8')) as FormatDefinition;
          defs.push({ def, source: file });
        } catch (e) {
          problems.push({
            formatId: name,
            path: '/',
            message: `cannot parse ${file}: ${(e as Error).message}`,
            level: 'error',
          });
        }
      }
    }
    return FormatRegistry.fromDefinitions(defs, problems);
  }
}

/**
 * Where the built-in formats are: beside the sources when running from TypeScript (tests), or in
 * `formats/` beside the bundled server.
 */
export function builtinFormatsDirectory(): string {
  const candidates = [
    path.join(__dirname, 'defs'),
    path.join(__dirname, 'formats'),
    path.join(__dirname, '..', 'formats'),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

let builtin: FormatRegistry | undefined;
/** The built-in registry, loaded once. */
export function builtinRegistry(): FormatRegistry {
  builtin ??= FormatRegistry.load([builtinFormatsDirectory()]);
  return builtin;
}
