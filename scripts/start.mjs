// `npm start` (after the build): opens the samples folder in VS Code with this extension loaded from the working tree.
//
// - With a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/samples`.
// - Otherwise (or with --offline): VS Code 1.139.1 from the npm package code-server (installed into .vscode-test/
//   on first use, see scripts/vscode/ensure.mjs) serves the samples folder on 127.0.0.1, from port 8080 upwards,
//   with the extension installed as a link to this working tree; it prints the URL to open and runs until Ctrl-C.
//   Reload the browser window after a rebuild to pick up new code.
//
// Options: --offline (ignore `code`), --port <n> (first port to try), --check (start, open the workbench in
// headless Chromium, wait until the extension is active, then stop: exit code 0 when it was).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOfflineVSCode } from './vscode/ensure.mjs';
import {
  extensionHostLogFiles,
  findFreePort,
  launchChromium,
  log,
  printExtensionHostLogs,
  startCodeServer,
  waitForHealthz,
  workbenchUrl,
} from './vscode/code-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.join(repoRoot, 'samples');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

function parseOptions(argv) {
  const options = { offline: false, check: false, port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--offline') options.offline = true;
    else if (argv[i] === '--check') options.check = true;
    else if (argv[i] === '--port') options.port = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (known: --offline, --check, --port <n>)`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)
    throw new Error('--port needs a port number');
  return options;
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function startDesktop() {
  const args = [`--extensionDevelopmentPath=${repoRoot}`, samplesDir];
  log(`$ code ${args.join(' ')}`);
  const child = spawn('code', args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
}

/**
 * An extensions folder holding only a link to the working tree, so the extension is installed "from source": the
 * plain workbench URL loads it (no development payload needed, which this build of the web workbench honours only
 * in its smoke-test mode, where notifications are hidden).
 */
function linkedExtensionsDir(stateDir) {
  const dir = path.join(stateDir, 'extensions');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, `${extensionId}-${manifest.version}`), 'dir');
  return dir;
}

function activationLogged(userDataDir) {
  const line = `_doActivateExtension ${extensionId}`;
  return extensionHostLogFiles(userDataDir).some((file) => fs.readFileSync(file, 'utf8').includes(line));
}

/** Opens the workbench in headless Chromium and waits until the extension host reports the extension active. */
async function checkActivation(paths, url, userDataDir, timeoutMs = 90_000) {
  const browser = await launchChromium(paths);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (activationLogged(userDataDir)) return true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const shot = path.join(userDataDir, 'start-check.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    log(`screenshot: ${shot}`);
    return false;
  } finally {
    await browser.close();
  }
}

async function startOffline(options) {
  const paths = await ensureOfflineVSCode();
  const stateDir = path.join(paths.cacheDir, options.check ? 'start-check' : 'start');
  if (options.check) fs.rmSync(stateDir, { recursive: true, force: true });
  const userDataDir = path.join(stateDir, 'user-data');
  fs.mkdirSync(userDataDir, { recursive: true });
  const extensionsDir = linkedExtensionsDir(stateDir);
  const port = await findFreePort(options.port);
  const server = startCodeServer({ paths, port, userDataDir, extensionsDir, folder: samplesDir });
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
  server.exited.then(({ code, signal }) => {
    if (!stopping) {
      log(`code-server exited (${code ?? signal})`);
      process.exit(code || 1);
    }
  });
  try {
    await waitForHealthz(server);
  } catch (error) {
    log(String(error?.message ?? error));
    await stop(1);
  }
  const url = workbenchUrl({ server, folder: samplesDir });
  if (options.check) {
    const active = await checkActivation(paths, url, userDataDir);
    if (active) log(`OK: ${extensionId} is active in the workbench at ${url}`);
    else {
      log(`FAILED: ${extensionId} did not activate in the workbench at ${url}`);
      printExtensionHostLogs(userDataDir);
    }
    await stop(active ? 0 : 1);
    return;
  }
  process.stdout.write(
    [
      '',
      `VS Code 1.139.1 (code-server) is serving ${samplesDir} with ${extensionId} loaded from ${repoRoot}.`,
      `Open:  ${url}`,
      `(from another machine: ssh -L ${port}:127.0.0.1:${port} <this host>, then open the same URL)`,
      'Rebuild (node scripts/build.mjs) and reload the browser window to pick up changes. Ctrl-C stops.',
      '',
    ].join('\n') + '\n',
  );
}

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  log(error.message);
  process.exit(2);
}
if (!options.offline && !options.check && onPath('code')) startDesktop();
else await startOffline(options);
