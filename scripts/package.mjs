// `npm run package` (after the production build): makes <name>-<version>.vsix with @vscode/vsce, checks that it
// holds exactly the allow-listed files, and proves that it installs, by installing it into a throwaway extensions
// folder of VS Code 1.139.1 (code-server, see scripts/vscode/ensure.mjs) and listing the installed extensions.
// Options: --skip-install-check (only package and check the contents).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { ensureOfflineVSCode } from './vscode/ensure.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const vsixPath = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

/** What the extension may ship (paths inside the vsix's extension/ folder); keep in step with .vscodeignore. */
const ALLOWED = [
  'package.json',
  'README.md',
  'readme.md',
  'LICENSE',
  'LICENSE.md',
  'LICENSE.txt',
  'CHANGELOG.md',
  'images/icon.png',
  'client/out/extension.js',
  'server/out/server.js',
  'server/out/indexWorker.js',
  'server/out/cli.js',
  'server/out/scanner.wasm',
  'server/out/formats/**',
  'client/media/**',
  'docs/images/*.png',
  'syntaxes/*.tmLanguage.json',
  'language-configuration*.json',
];
/** What it must ship to work at all. */
const REQUIRED = ['package.json', 'client/out/extension.js', 'server/out/server.js', 'server/out/indexWorker.js'];
/** Files vsce itself adds at the top of every vsix. */
const VSIX_METADATA = new Set(['[Content_Types].xml', 'extension.vsixmanifest']);

function log(message) {
  process.stderr.write(`[package] ${message}\n`);
}

function fail(message) {
  log(`FAILED: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  log(`$ ${[command, ...args].join(' ')}`);
  // No stdin: a question from vsce fails the run instead of hanging it.
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${path.basename(command)} exited with code ${result.status ?? result.signal}`);
}

async function nodeForVsce() {
  const required = Number(
    /(\d+)/.exec(readJson('node_modules/@vscode/vsce/package.json').engines?.node ?? '20')?.[1] ?? 20,
  );
  const current = Number(process.versions.node.split('.')[0]);
  if (current >= required) return process.execPath;
  log(`vsce needs Node >= ${required}, this is Node ${process.versions.node}: using the Node 24 of .vscode-test`);
  return (await ensureOfflineVSCode()).node24;
}

function readJson(relative) {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8'));
}

async function packageVsix() {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) fail(`${vsce} is missing: run npm ci first`);
  for (const file of REQUIRED) {
    if (!fs.existsSync(path.join(repoRoot, file)))
      fail(`${file} is missing: build first (node scripts/build.mjs --production)`);
  }
  const flags = ['--no-dependencies', '-o', vsixPath];
  // With no public repository, the README's images stay relative: they ship in the vsix (docs/images) and
  // VS Code resolves them against the installed extension.
  if (!manifest.repository) flags.push('--allow-missing-repository', '--no-rewrite-relative-links');
  if (!fs.readdirSync(repoRoot).some((name) => /^LICEN[CS]E(\.(md|txt))?$/i.test(name))) {
    log('warning: no LICENSE file; packaging without one');
    flags.push('--skip-license');
  }
  fs.rmSync(vsixPath, { force: true });
  run(await nodeForVsce(), [vsce, 'package', ...flags]);
}

/** Names of the entries of a zip file, read from its central directory (a vsix is a zip). */
function zipEntryNames(file) {
  const data = fs.readFileSync(file);
  const minEnd = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let i = data.length - 22; i >= minEnd; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: broken central directory entry ${n}`);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function checkContents() {
  const names = zipEntryNames(vsixPath).filter((name) => !name.endsWith('/'));
  const size = fs.statSync(vsixPath).size;
  process.stdout.write(`\n${path.basename(vsixPath)} (${(size / 1024).toFixed(1)} KB, ${names.length} files):\n`);
  for (const name of [...names].sort()) process.stdout.write(`  ${name}\n`);
  const allowed = picomatch(ALLOWED, { dot: true });
  const unexpected = names.filter(
    (name) => !VSIX_METADATA.has(name) && !(name.startsWith('extension/') && allowed(name.slice('extension/'.length))),
  );
  if (unexpected.length > 0) {
    fail(`the vsix holds files outside the allow-list (fix .vscodeignore):\n  ${unexpected.join('\n  ')}`);
  }
  const missing = REQUIRED.filter((file) => !names.includes(`extension/${file}`));
  if (missing.length > 0) fail(`the vsix lacks ${missing.join(', ')}`);
  log('contents: only allow-listed files, and all required ones');
}

async function checkInstall() {
  const paths = await ensureOfflineVSCode();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-vsix-'));
  try {
    const common = [
      paths.codeServerEntry,
      '--user-data-dir',
      path.join(scratch, 'user-data'),
      '--config',
      path.join(scratch, 'code-server-config.yaml'),
      '--extensions-dir',
      path.join(scratch, 'extensions'),
    ];
    run(paths.node24, [...common, '--install-extension', vsixPath]);
    const listed = spawnSync(paths.node24, [...common, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    if (listed.status !== 0) fail(`--list-extensions failed: ${listed.stderr}`);
    const expected = `${extensionId}@${manifest.version}`;
    const lines = listed.stdout.split('\n').map((line) => line.trim());
    if (!lines.includes(expected))
      fail(`${expected} is not listed after installing; --list-extensions said:\n${listed.stdout}`);
    const installedMain = path.join(scratch, 'extensions', `${extensionId}-${manifest.version}`, manifest.main ?? '');
    if (!fs.existsSync(installedMain)) fail(`the installed extension lacks its main file ${installedMain}`);
    log(`install check: ${expected} installs into VS Code 1.139.1 and is listed`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await packageVsix();
checkContents();
if (process.argv.includes('--skip-install-check')) log('install check skipped (--skip-install-check)');
else await checkInstall();
log(`OK: ${path.relative(process.cwd(), vsixPath) || vsixPath}`);
