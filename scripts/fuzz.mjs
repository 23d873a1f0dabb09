// `npm run fuzz`: the fuzz test of every decoder and explainer (test/unit/fuzz.test.ts), with many
// more runs than `npm test` gives it. `npm run fuzz -- --runs 100000 --seed 5` chooses both; by
// default 20,000 runs with a seed taken from the clock, printed so a failure can be replayed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const runs = option('runs', '20000');
const seed = option('seed', String(Date.now() % 2 ** 31));
console.log(`fuzz: ${runs} runs per property, seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`);
const r = spawnSync(
  path.join(root, 'node_modules', '.bin', 'mocha'),
  ['--no-config', '-r', 'tsx/cjs', '--extension', 'ts', '--timeout', '0', 'test/unit/fuzz.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CC_FUZZ_RUNS: runs, CC_FUZZ_SEED: seed } },
);
process.exit(r.status ?? 1);
