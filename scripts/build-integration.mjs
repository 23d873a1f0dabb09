// Compiles the integration tests (test/integration/**/*.ts) to test/out/integration/**/*.js: one CommonJS bundle
// per file, with `vscode` (given by the extension host), mocha and the launchers' libraries left as requires.
// Runs when imported (scripts/build.mjs imports it) or when started directly.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(root, 'test', 'integration');
const outDir = path.join(root, 'test', 'out', 'integration');

export async function buildIntegrationTests() {
  if (!fs.existsSync(sourceDir)) return 0;
  const entryPoints = fs
    .readdirSync(sourceDir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(sourceDir, file));
  // A test deleted from the sources must not keep running from a stale bundle.
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outbase: sourceDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external: ['vscode', 'mocha', '@vscode/test-electron', 'playwright-core'],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return entryPoints.length;
}

const count = await buildIntegrationTests();
console.log(`built ${count} integration test file(s) into ${path.relative(root, outDir)}`);
