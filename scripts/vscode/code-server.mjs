// Shared pieces for running VS Code 1.139.1 (from the npm package code-server, see ensure.mjs) on loopback and
// driving its web workbench with Debian's Chromium: used by the test driver and by `npm start`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const HOST = '127.0.0.1';

/** Chromium flags for a headless, offline, unsandboxed (we may run as root) browser. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // CI containers often have a small /dev/shm; Chromium then crashes tabs without this.
  '--disable-dev-shm-usage',
];

export function log(message) {
  process.stderr.write(`[vscode-offline] ${message}\n`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on loopback: the first free one from `start` upwards, or any free one when `start` is omitted. */
export async function findFreePort(start) {
  if (start === undefined) {
    return new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen({ port: 0, host: HOST }, () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
  }
  for (let port = start; port < start + 200 && port <= 65535; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port on ${HOST} between ${start} and ${start + 199}`);
}

/**
 * Starts code-server in its own process group (so that stopping it also stops the extension host, the language
 * servers it spawned and the other helper processes).
 * `vscodeOptions` are VS Code server flags passed through code-server's --vscode-option (name or name=value).
 */
export function startCodeServer({
  paths,
  port,
  userDataDir,
  extensionsDir,
  folder,
  vscodeOptions = [],
  onOutput = prefixedToStderr,
}) {
  const args = [
    paths.codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    // Keep code-server away from the user's ~/.config/code-server/config.yaml (it would create one there).
    '--config',
    path.join(userDataDir, 'code-server-config.yaml'),
    '--extensions-dir',
    extensionsDir,
    ...vscodeOptions.flatMap((option) => ['--vscode-option', option]),
  ];
  if (folder) args.push(folder);
  const child = spawn(paths.node24, args, {
    env: codeServerEnv(paths),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.setEncoding('utf8').on('data', (text) => onOutput(text, 'stdout'));
  child.stderr.setEncoding('utf8').on('data', (text) => onOutput(text, 'stderr'));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, url: `http://${HOST}:${port}`, port, stop: () => stopProcessGroup(child, exited) };
}

function prefixedToStderr(text) {
  process.stderr.write(text.replace(/^(?=.)/gm, '[code-server] '));
}

/** The environment for code-server: Node 24 first on PATH, and none of the variables code-server would obey. */
function codeServerEnv(paths) {
  const env = { ...process.env, PATH: `${paths.node24BinDir}${path.delimiter}${process.env.PATH ?? ''}` };
  for (const name of Object.keys(env)) {
    if (
      /^(VSCODE_|ELECTRON_)/.test(name) ||
      ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'CODE_SERVER_CONFIG'].includes(name)
    ) {
      delete env[name];
    }
  }
  return env;
}

async function stopProcessGroup(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child.pid, 'SIGKILL'); // stray children of an exited server
    return;
  }
  killGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  killGroup(child.pid, 'SIGKILL');
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/** Polls /healthz until code-server answers 200; fails early when the server process exits. */
export async function waitForHealthz(server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exitedWith;
  server.exited.then((result) => {
    exitedWith = result;
  });
  while (Date.now() < deadline) {
    if (exitedWith) {
      throw new Error(`code-server exited before it was ready (code ${exitedWith.code ?? exitedWith.signal})`);
    }
    if ((await httpStatus(`${server.url}/healthz`)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${server.url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * The workbench URL. Paths of the extension and of the tests module are given as vscode-remote URIs: the
 * extension host runs next to the server, so it loads them from the local disk.
 */
export function workbenchUrl({ server, folder, extensionDevelopmentPaths = [], extensionTestsPath, extra = [] }) {
  const remote = (file) => `vscode-remote://${HOST}:${server.port}${path.resolve(file)}`;
  const payload = [
    ...extensionDevelopmentPaths.map((dir) => ['extensionDevelopmentPath', remote(dir)]),
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
    ...extra,
  ];
  const query = [];
  if (folder) {
    const key = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
    query.push(`${key}=${encodeURIComponent(path.resolve(folder))}`);
  } else {
    query.push('ew=true');
  }
  if (payload.length > 0) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/?${query.join('&')}`;
}

/** Starts Debian's Chromium through playwright-core (no browser download). */
export async function launchChromium(paths) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: paths.chromium,
    args: CHROMIUM_ARGS,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** Extension host log files of the newest session under a user-data-dir: logs/<session>/exthost<N>/**. */
export function extensionHostLogFiles(userDataDir) {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return [];
  const sessions = fs.readdirSync(logsDir).sort();
  const newest = sessions.at(-1);
  if (!newest) return [];
  const sessionDir = path.join(logsDir, newest);
  const files = [];
  for (const entry of fs.readdirSync(sessionDir, { withFileTypes: true })) {
    if (entry.isDirectory() && /^exthost\d+$/.test(entry.name)) {
      for (const file of fs.readdirSync(path.join(sessionDir, entry.name), { recursive: true })) {
        const full = path.join(sessionDir, entry.name, String(file));
        if (full.endsWith('.log') && fs.statSync(full).isFile()) files.push(full);
      }
    }
  }
  return files.sort();
}

/** Prints the tail of each extension host log file (errors of the extension and of its tests land there). */
export function printExtensionHostLogs(userDataDir, maxLinesPerFile = 200) {
  const files = extensionHostLogFiles(userDataDir);
  if (files.length === 0) {
    log(`no extension host logs (yet) under ${path.join(userDataDir, 'logs')}`);
    return;
  }
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines.length === 0) continue;
    const shown = lines.slice(-maxLinesPerFile);
    process.stderr.write(
      `\n----- ${file}${shown.length < lines.length ? ` (last ${shown.length} of ${lines.length} lines)` : ''} -----\n`,
    );
    process.stderr.write(shown.join('\n') + '\n');
  }
  process.stderr.write('----- end of extension host logs -----\n');
}
