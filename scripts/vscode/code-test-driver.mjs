#!/usr/bin/env node
// Behaves like a VS Code binary for @vscode/test-electron's runTests({ vscodeExecutablePath }): it reads the flags
// runTests passes, runs the extension tests in VS Code 1.139.1 (code-server's server + web workbench, driven by
// Debian's Chromium) and exits with the extension tests' exit code. Used where the desktop VS Code cannot be
// downloaded. Environment: CC_LOGS_VSCODE_TIMEOUT_S (overall limit, default 900).
import fs from 'node:fs';
import path from 'node:path';
import { ensureOfflineVSCode } from './ensure.mjs';
import {
  findFreePort, launchChromium, log, printExtensionHostLogs, startCodeServer, waitForHealthz, workbenchUrl,
} from './code-server.mjs';

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

/** Parses the command line runTests builds: the workspace first (from launchArgs), then --flag=value options. */
export function parseArgs(argv) {
  const parsed = { folder: undefined, extensionDevelopmentPaths: [], extensionTestsPath: undefined,
    userDataDir: undefined, extensionsDir: undefined, disableExtensions: false, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      if (parsed.folder === undefined) parsed.folder = path.resolve(arg);
      else parsed.ignored.push(arg);
      continue;
    }
    const [, name, inlineValue] = match;
    if (name === 'disable-extensions') {
      parsed.disableExtensions = true;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) {
      parsed.ignored.push(arg);
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === 'extensionDevelopmentPath') parsed.extensionDevelopmentPaths.push(path.resolve(value));
    if (name === 'extensionTestsPath') parsed.extensionTestsPath = path.resolve(value);
    if (name === 'user-data-dir') parsed.userDataDir = path.resolve(value);
    if (name === 'extensions-dir') parsed.extensionsDir = path.resolve(value);
  }
  return parsed;
}

/** Extension host console output reaches the browser as `%c[Extension Host] %c<text>` with CSS arguments. */
function forwardConsole(message) {
  const text = message.text();
  if (process.env.CC_LOGS_VSCODE_DEBUG) {
    process.stderr.write(`[console.${message.type()} args=${message.args().length}] ${JSON.stringify(text)}\n`);
  }
  const hostPrefix = /^%c\[Extension Host\] %c/;
  if (hostPrefix.test(text)) {
    // Drop the CSS arguments Playwright appends after the format string.
    const args = message.args().length;
    const body = text.replace(hostPrefix, '');
    const cleaned = args >= 3 ? body.replace(/ color: [^ ]*$| $/, '') : body;
    process.stdout.write(cleaned.replace(/ color: blue color: $/, '') + '\n');
    return;
  }
  if (message.type() === 'error') process.stderr.write(`[workbench] ${text}\n`);
}

// What has to be stopped on exit, whatever the way out.
const running = { server: undefined, browser: undefined, userDataDir: undefined, settled: false };

async function finish(code, reason) {
  if (running.settled) return;
  running.settled = true;
  if (reason) log(reason);
  if (code !== 0 && running.userDataDir) printExtensionHostLogs(running.userDataDir);
  await running.browser?.close().catch(() => undefined);
  await running.server?.stop();
  process.exit(code);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionTestsPath) throw new Error('missing --extensionTestsPath=<tests module>');
  if (options.extensionDevelopmentPaths.length === 0) throw new Error('missing --extensionDevelopmentPath=<extension folder>');
  if (options.ignored.length > 0) log(`ignoring: ${options.ignored.join(' ')}`);

  const timeoutSeconds = Number(process.env.CC_LOGS_VSCODE_TIMEOUT_S ?? 900);
  const paths = await ensureOfflineVSCode();
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(paths.cacheDir, 'user-data-'));
  const extensionsDir = options.extensionsDir ?? path.join(userDataDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });

  running.userDataDir = userDataDir;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void finish(130, `received ${signal}: stopping VS Code`));
  }
  const overall = setTimeout(
    () => void finish(1, `timed out after ${timeoutSeconds} s (CC_LOGS_VSCODE_TIMEOUT_S)`), timeoutSeconds * 1000);
  overall.unref();

  const port = await findFreePort();
  const started = Date.now();
  const server = startCodeServer({
    paths, port, userDataDir, extensionsDir, folder: options.folder,
    vscodeOptions: ['enable-smoke-test-driver', ...(options.disableExtensions ? ['disable-extensions'] : [])],
  });
  running.server = server;
  server.exited.then(({ code, signal }) => void finish(1, `code-server exited unexpectedly (${code ?? signal})`));
  await waitForHealthz(server);
  log(`VS Code (code-server) ready at ${server.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const browser = await launchChromium(paths);
  running.browser = browser;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const exitCode = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (code !== 0 && Array.isArray(logs)) saveWorkbenchLogs(userDataDir, logs);
      resolve(typeof code === 'number' ? code : 1);
    });
  });
  page.on('console', forwardConsole);
  page.on('pageerror', (error) => process.stderr.write(`[workbench] page error: ${error.message}\n`));
  page.on('crash', () => void finish(1, 'the workbench page crashed'));
  browser.on('disconnected', () => void finish(1, 'Chromium exited unexpectedly'));

  const url = workbenchUrl({
    server, folder: options.folder,
    extensionDevelopmentPaths: options.extensionDevelopmentPaths, extensionTestsPath: options.extensionTestsPath,
    extra: process.env.PROBE_DEBUGID ? [['debugId', 'cc-logs-tests']] : [],
  });
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const code = await exitCode;
  if (code !== 0) {
    const shot = path.join(userDataDir, 'failure.png');
    await page.screenshot({ path: shot }).then(() => log(`screenshot of the workbench: ${shot}`), () => undefined);
  }
  await finish(code, `extension tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The workbench hands over its own (browser-side) log files when the tests fail: keep them next to the others. */
function saveWorkbenchLogs(userDataDir, logs) {
  const dir = path.join(userDataDir, 'workbench-logs');
  for (const entry of logs) {
    if (typeof entry?.relativePath !== 'string' || typeof entry?.contents !== 'string') continue;
    const target = path.resolve(dir, entry.relativePath);
    if (!target.startsWith(dir + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.contents);
  }
  log(`workbench logs saved under ${dir}`);
}

main().catch((error) => finish(1, `FAILED: ${error?.stack ?? error}`));
