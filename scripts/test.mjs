// `npm test`: every check the project has, in order: types, lint, formatting, build, unit tests (mocha), grammar
// tests, the server in Debian's Neovim and Emacs driven by the README's recipes, then the integration tests inside
// a real VS Code. Stops at the first failing step and
// exits non-zero, so CI fails when any test fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['lint (ESLint)', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format check (Prettier)', bin('prettier'), ['--check', '.']],
  ['build', process.execPath, ['scripts/build.mjs']],
  ['unit tests', bin('mocha'), []],
  ['grammar tests', process.execPath, ['scripts/grammar-test.mjs']],
  ['editor tests (Neovim 0.7, 0.10, 0.12; Emacs 28 and 30 with eglot)', process.execPath, ['scripts/editors-test.mjs']],
  ['integration tests (real VS Code)', process.execPath, ['test/out/integration/runTest.js']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  if (args[0] && args[0].endsWith('.mjs') && !fs.existsSync(path.join(root, args[0]))) {
    console.error(`\n✗ ${name}: ${args[0]} is missing`);
    process.exit(1);
  }
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  if (r.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${r.status ?? r.signal}) after ${seconds}s`);
    break;
  }
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
