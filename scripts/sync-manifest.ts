/**
 * The format descriptions are the one source of truth for file names and first lines; this writes
 * them into package.json `contributes.languages` (VS Code reads those before the server starts).
 * `--check` fails instead of writing when package.json is out of date (the unit tests run it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinFormatsDirectory, FormatRegistry } from '../server/src/formats/registry';

export interface LanguageContribution {
  id: string;
  aliases: string[];
  filenamePatterns?: string[];
  firstLine?: string;
  configuration: string;
}

export function languageContributions(): LanguageContribution[] {
  const registry = FormatRegistry.load([builtinFormatsDirectory()]);
  return registry.formats
    .map((f) => ({
      id: f.def.languageId,
      aliases: [f.def.title],
      ...(f.def.fileNames ? { filenamePatterns: f.def.fileNames.map((p) => `**/${p}`) } : {}),
      ...(f.def.firstLine ? { firstLine: f.def.firstLine } : {}),
      configuration: './language-configuration.json',
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  const wanted = languageContributions();
  const current = JSON.stringify(manifest.contributes?.languages ?? []);
  if (current === JSON.stringify(wanted)) {
    console.log('package.json languages are up to date');
  } else if (process.argv.includes('--check')) {
    console.error('package.json contributes.languages is out of date: run npm run sync:manifest');
    process.exit(1);
  } else {
    manifest.contributes = { ...manifest.contributes, languages: wanted };
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
    console.log(`wrote ${wanted.length} languages to package.json`);
  }
}
