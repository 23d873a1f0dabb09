// Builds the extension: one bundle for the client, one for the server (runnable on its own with
// `node server/out/server.js --stdio`), the format descriptions beside the server, and the
// integration tests when their build script is present. `--production` minifies.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    external: ['vscode'],
  }),
  // jsonc-parser's UMD main loads its parts with requires esbuild cannot follow: take its ESM build.
  esbuild.build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    mainFields: ['module', 'main'],
  }),
  // Index workers run in their own threads: a bundle of their own beside server.js.
  esbuild.build({
    ...common,
    entryPoints: ['server/src/flows/indexWorker.ts'],
    outfile: 'server/out/indexWorker.js',
    mainFields: ['module', 'main'],
  }),
  // The command-line tool (package.json `bin` cclogs): same modules, beside the workers it starts.
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'server/out/cli.js',
    mainFields: ['module', 'main'],
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

// The compiled scanner of the indexing hot loop (server/wasm/scanner.ts, AssemblyScript from npm; no
// system toolchain): WebAssembly with SIMD, loaded by server/src/index/wasmScanner.ts beside the bundles.
{
  const asc = (await import('assemblyscript/asc')).default;
  const { error, stderr } = await asc.main(
    [
      'server/wasm/scanner.ts',
      '--outFile',
      'server/out/scanner.wasm',
      '-O3',
      '--runtime',
      'stub',
      '--enable',
      'simd',
      '--noAssert',
      '--baseDir',
      root,
    ],
    {},
  );
  if (error) {
    console.error(stderr.toString());
    throw error;
  }
}

const formatsOut = path.join(root, 'server', 'out', 'formats');
fs.rmSync(formatsOut, { recursive: true, force: true });
fs.mkdirSync(formatsOut, { recursive: true });
const defs = path.join(root, 'server', 'src', 'formats', 'defs'); // the schema travels with them
for (const name of fs.readdirSync(defs))
  if (name.endsWith('.json')) fs.copyFileSync(path.join(defs, name), path.join(formatsOut, name));

const integration = path.join(root, 'scripts', 'build-integration.mjs');
if (fs.existsSync(integration) && !production) await import(integration);
console.log(
  `built client/out/extension.js, server/out/server.js, server/out/indexWorker.js, server/out/cli.js and ${fs.readdirSync(formatsOut).length - 1} formats + schema${production ? ' (production)' : ''}`,
);
