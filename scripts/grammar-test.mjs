#!/usr/bin/env node
/**
 * Grammar tests:
 *  1. the generated grammars (syntaxes/*.tmLanguage.json, test/grammar/grammars.json) match their
 *     sources: a stale file fails the run instead of being regenerated silently;
 *  2. every log grammar has an assertion file test/grammar/<languageId>.test.log and a snapshot folder
 *     test/grammar/snap/<languageId>/ whose cases all have a committed .snap (vscode-tmgrammar-snap
 *     would otherwise write a missing snapshot and report success);
 *  3. vscode-tmgrammar-test runs each assertion file; vscode-tmgrammar-snap compares each folder.
 *
 *   node scripts/grammar-test.mjs                      run everything
 *   node scripts/grammar-test.mjs --update-snapshots   rewrite the .snap files (check the diff by hand!)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR_TESTS = path.join(ROOT, 'test', 'grammar');
const CONFIG = path.join(GRAMMAR_TESTS, 'grammars.json');
const require = createRequire(import.meta.url);
const toolDir = path.dirname(require.resolve('vscode-tmgrammar-test/package.json'));
const UNIT_CLI = path.join(toolDir, 'dist', 'unit.js');
const SNAP_CLI = path.join(toolDir, 'dist', 'snapshot.js');
const update = process.argv.includes('--update-snapshots');

let passed = 0;
let failed = 0;
const failures = [];

function record(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`  ok    ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(`  FAIL  ${name}${detail ? `\n${detail}` : ''}`);
  }
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n');

// 1. generated files are up to date
console.log('generated grammars');
const check = run(['--import', 'tsx', path.join('scripts', 'build-grammars.ts'), '--check']);
record(
  'syntaxes/*.tmLanguage.json and test/grammar/grammars.json match syntaxes/src',
  check.ok,
  check.ok ? '' : indent(check.output),
);

const config = JSON.parse(fs.readFileSync(CONFIG, 'utf8'));
const logGrammars = config.contributes.grammars.filter((g) => typeof g.language === 'string');

// 2 + 3. assertion files
console.log('assertion tests (vscode-tmgrammar-test)');
for (const { language } of logGrammars) {
  const file = path.join('test', 'grammar', `${language}.test.log`);
  if (!fs.existsSync(path.join(ROOT, file))) {
    record(file, false, '        missing assertion file');
    continue;
  }
  const result = run([UNIT_CLI, '--config', CONFIG, file]);
  record(file, result.ok, result.ok ? '' : indent(result.output));
}

// 2 + 3. snapshots
console.log(`snapshot tests (vscode-tmgrammar-snap${update ? ', updating' : ''})`);
for (const { language, scopeName } of logGrammars) {
  const dir = path.join(GRAMMAR_TESTS, 'snap', language);
  const rel = path.relative(ROOT, dir);
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const cases = entries.filter((f) => !f.endsWith('.snap'));
  if (cases.length === 0) {
    record(rel, false, '        no snapshot case: add an unmarked real log excerpt here');
    continue;
  }
  const orphans = entries.filter((f) => f.endsWith('.snap') && !cases.includes(f.slice(0, -'.snap'.length)));
  const missing = cases.filter((f) => !entries.includes(`${f}.snap`));
  if (orphans.length > 0) record(`${rel} (orphan snapshots)`, false, indent(orphans.join('\n')));
  if (missing.length > 0 && !update) {
    record(
      rel,
      false,
      indent(
        `missing snapshot for: ${missing.join(', ')}\n(run: node scripts/grammar-test.mjs --update-snapshots, then review and commit the .snap)`,
      ),
    );
    continue;
  }
  for (const c of cases) {
    const args = [SNAP_CLI, '--config', CONFIG, '--scope', scopeName, path.join(rel, c)];
    if (update) args.push('--updateSnapshot');
    const result = run(args);
    if (update && missing.includes(c)) console.log(`        wrote ${path.join(rel, `${c}.snap`)}`);
    record(path.join(rel, c), result.ok, result.ok ? '' : indent(result.output));
  }
}

console.log('');
if (failures.length > 0) console.log(`failed: ${failures.join(', ')}`);
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
