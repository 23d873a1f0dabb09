/**
 * Loads the format descriptions: the built-in ones shipped beside the server and any the user adds
 * (setting ccLogs.formats.directories). A broken file never stops the others from loading; its
 * problems are reported with the JSON path that is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileFormat, type CompiledFormat, type FormatProblem } from './compile';
import { checkShape, expandShape, orderBySpecificity, type ShapeDefinition } from './shapes';
import type { FormatDefinition } from './types';

export class FormatRegistry {
  private readonly byIdMap = new Map<string, CompiledFormat>();
  private readonly narrower: Map<CompiledFormat, Set<CompiledFormat>>;
  /** The formats, most specific first (see `orderBySpecificity`): lines go to the first that takes them. */
  readonly formats: readonly CompiledFormat[];

  constructor(
    formats: readonly CompiledFormat[],
    readonly problems: readonly FormatProblem[],
  ) {
    const { ordered, narrower } = orderBySpecificity(formats);
    this.formats = ordered;
    this.narrower = narrower;
    for (const f of formats) this.byIdMap.set(f.id, f);
  }

  /** Whether `a` is more specific than `b`: every sample of `a` fits `b`, not the other way round. */
  isNarrower(a: CompiledFormat, b: CompiledFormat): boolean {
    return this.narrower.get(a)?.has(b) ?? false;
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
    shapes: ReadonlyMap<string, ShapeDefinition> = new Map(),
  ): FormatRegistry {
    const compiled: CompiledFormat[] = [];
    const seen = new Set<string>();
    for (const { def, source } of defs) {
      const own: FormatProblem[] = [];
      const f = compileFormat(expandShape(def, shapes, own), own);
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
    const shapes = new Map<string, ShapeDefinition>();
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
          const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
          if (name.endsWith('.shape.json')) {
            const shape = checkShape(value, file, problems);
            if (shape) shapes.set(shape.id, shape);
            continue;
          }
          defs.push({ def: value as FormatDefinition, source: file });
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
    return FormatRegistry.fromDefinitions(defs, problems, shapes);
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
