#!/usr/bin/env node
// Behaves like a VS Code binary for @vscode/test-electron's runTests({ vscodeExecutablePath }): it reads the flags
// runTests passes, runs the extension tests in VS Code 1.139.1 (code-server's server + web workbench, driven by
// Debian's Chromium) and exits with the extension tests' exit code. Used where the desktop VS Code cannot be
// downloaded. The extension host's stdout/stderr (where the test reporter writes) is forwarded live; when the run
// fails, the workbench console, code-server's log and the extension host log files are printed too.
// Environment: CC_LOGS_VSCODE_TIMEOUT_S (overall limit in seconds, default 900), CC_LOGS_VSCODE_VERBOSE=1 (show
// code-server's and the workbench's output live).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureOfflineVSCode } from './ensure.mjs';
import {
  findFreePort,
  launchChromium,
  log,
  printExtensionHostLogs,
  startCodeServer,
  waitForHealthz,
  workbenchUrl,
} from './code-server.mjs';

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

/** Parses the command line runTests builds: the workspace first (from launchArgs), then --flag=value options. */
export function parseArgs(argv) {
  const parsed = {
    folder: undefined,
    extensionDevelopmentPaths: [],
    extensionTestsPath: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
    disableExtensions: false,
    ignored: [],
  };
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

/**
 * Splits code-server's output into what the extension host wrote to its stdout/stderr (the test reporter's
 * output: forwarded as is) and the server's own log lines (kept, and shown only when the run fails or when
 * CC_LOGS_VSCODE_VERBOSE is set). code-server logs a chunk of extension host output as
 * `[hh:mm:ss] [host][id][ExtensionHostConnection] <pid> chunk` (`<pid><stderr> chunk` for stderr), the chunk's
 * later lines unprefixed, then the newline it adds after the chunk.
 */
export class CodeServerOutputSplitter {
  constructor({ onStdout, onStderr, onServerLine, onHostExit = () => undefined }) {
    this.sinks = { stdout: onStdout, stderr: onStderr };
    this.onServerLine = onServerLine;
    this.onHostExit = onHostExit;
    this.partial = '';
    this.chunk = undefined; // { stream, lines }
  }

  write(text) {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end() {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    this.flushChunk();
  }

  line(line) {
    const hostOutput =
      /^\[\d\d:\d\d:\d\d\] \[[^\]]*\]\[[^\]]*\]\[ExtensionHostConnection\] <\d+>(<stderr>)? ?(.*)$/s.exec(line);
    if (hostOutput && !CodeServerOutputSplitter.LIFECYCLE.test(hostOutput[2])) {
      this.flushChunk();
      this.chunk = { stream: hostOutput[1] ? 'stderr' : 'stdout', lines: [hostOutput[2]] };
      return;
    }
    if (hostOutput && hostOutput[2].startsWith('Extension Host Process exited ')) this.onHostExit();
    if (hostOutput || /^\[(\d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[^\]]*)\] |^\[IPC Library/.test(line)) {
      this.flushChunk();
      this.onServerLine(line);
      return;
    }
    if (this.chunk) this.chunk.lines.push(line);
    else this.onServerLine(line);
  }

  flushChunk() {
    if (!this.chunk) return;
    const { stream, lines } = this.chunk;
    this.chunk = undefined;
    // The newline code-server adds after each chunk ends up as one last empty line.
    if (lines.length > 1 && lines.at(-1) === '') lines.pop();
    this.sinks[stream](lines.join('\n') + '\n');
  }
}
CodeServerOutputSplitter.LIFECYCLE =
  /^(Launched Extension Host Process\.|Extension Host Process exited |\[reconnection-grace-time\])/;

/** Keeps the last lines of a noisy source, to be shown only when something fails. */
class RecentLines {
  constructor(limit) {
    this.limit = limit;
    this.lines = [];
  }

  push(line) {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  print(title) {
    if (this.lines.length === 0) return;
    process.stderr.write(`\n----- ${title} (last ${this.lines.length} lines) -----\n${this.lines.join('\n')}\n`);
  }
}

const verbose = Boolean(process.env.CC_LOGS_VSCODE_VERBOSE);
const serverLines = new RecentLines(300);
const workbenchLines = new RecentLines(300);

function recordServerLine(line) {
  if (verbose) process.stderr.write(`[code-server] ${line}\n`);
  serverLines.push(line);
}

/** The workbench's console: its own log lines and, in test mode, the extension host's console.* calls. */
function recordWorkbenchConsole(message) {
  // Drop the %c styling the workbench's console logger uses.
  const text = message.text().replace(/^%c\s*([A-Z]+) color: #[0-9a-f]+ /i, '$1 ');
  if (verbose) process.stderr.write(`[workbench] ${text}\n`);
  workbenchLines.push(`[${message.type()}] ${text}`);
}

// What has to be stopped on exit, whatever the way out.
const running = { server: undefined, browser: undefined, page: undefined, userDataDir: undefined, settled: false };

async function finish(code, reason) {
  if (running.settled) return;
  running.settled = true;
  if (reason) log(reason);
  if (code !== 0) {
    if (running.page && running.userDataDir) {
      const shot = path.join(running.userDataDir, 'failure.png');
      await running.page.screenshot({ path: shot, timeout: 10_000 }).then(
        () => log(`screenshot of the workbench: ${shot}`),
        () => undefined,
      );
    }
    workbenchLines.print('workbench console');
    serverLines.print('code-server output');
    if (running.userDataDir) printExtensionHostLogs(running.userDataDir);
  }
  await running.browser?.close().catch(() => undefined);
  await running.server?.stop();
  process.exit(code);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionTestsPath) throw new Error('missing --extensionTestsPath=<tests module>');
  if (options.extensionDevelopmentPaths.length === 0)
    throw new Error('missing --extensionDevelopmentPath=<extension folder>');
  if (verbose && options.ignored.length > 0) log(`ignoring: ${options.ignored.join(' ')}`);

  const timeoutSeconds = Number(process.env.CC_LOGS_VSCODE_TIMEOUT_S ?? 900);
  if (!(timeoutSeconds > 0))
    throw new Error(
      `CC_LOGS_VSCODE_TIMEOUT_S must be a positive number of seconds, found ${process.env.CC_LOGS_VSCODE_TIMEOUT_S}`,
    );
  const paths = await ensureOfflineVSCode();
  const userDataDir = options.userDataDir ?? fs.mkdtempSync(path.join(paths.cacheDir, 'user-data-'));
  const extensionsDir = options.extensionsDir ?? path.join(userDataDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });

  running.userDataDir = userDataDir;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void finish(130, `received ${signal}: stopping VS Code`));
  }
  const overall = setTimeout(
    () => void finish(1, `timed out after ${timeoutSeconds} s (CC_LOGS_VSCODE_TIMEOUT_S)`),
    timeoutSeconds * 1000,
  );
  overall.unref();

  let hostExitLogged;
  const hostExited = new Promise((resolve) => {
    hostExitLogged = resolve;
  });
  const splitterSinks = {
    onStdout: (text) => process.stdout.write(text),
    onStderr: (text) => process.stderr.write(text),
    onServerLine: recordServerLine,
    onHostExit: () => hostExitLogged(),
  };
  const splitters = {
    stdout: new CodeServerOutputSplitter(splitterSinks),
    stderr: new CodeServerOutputSplitter(splitterSinks),
  };
  const port = await findFreePort();
  const started = Date.now();
  const server = startCodeServer({
    paths,
    port,
    userDataDir,
    extensionsDir,
    folder: options.folder,
    vscodeOptions: ['enable-smoke-test-driver'],
    onOutput: (text, stream) => splitters[stream].write(text),
  });
  running.server = server;
  server.exited.then(({ code, signal }) => void finish(1, `code-server exited unexpectedly (${code ?? signal})`));
  await waitForHealthz(server);
  log(`VS Code (code-server) ready at ${server.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const browser = await launchChromium(paths);
  running.browser = browser;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  running.page = page;
  const exitCode = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (code !== 0 && Array.isArray(logs)) saveWorkbenchLogs(userDataDir, logs);
      resolve(typeof code === 'number' ? code : 1);
    });
  });
  page.on('console', recordWorkbenchConsole);
  page.on('pageerror', (error) => workbenchLines.push(`[page error] ${error.stack ?? error.message}`));
  page.on('crash', () => void finish(1, 'the workbench page crashed'));
  browser.on('disconnected', () => void finish(1, 'Chromium exited unexpectedly'));

  const url = workbenchUrl({
    server,
    folder: options.folder,
    extensionDevelopmentPaths: options.extensionDevelopmentPaths,
    extensionTestsPath: options.extensionTestsPath,
    // The web workbench reads --disable-extensions from its payload (the server flag has no effect on it).
    extra: options.disableExtensions ? [['disableExtensions', 'true']] : [],
  });
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const code = await exitCode;
  // The extension host's last output travels through code-server's log: let it arrive (bounded wait).
  await Promise.race([hostExited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  splitters.stdout.end();
  splitters.stderr.end();
  await finish(
    code,
    `extension tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
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

// Run only as a program (runTests spawns this file), not when imported for its parser and splitter.
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().catch((error) => finish(1, `FAILED: ${error?.stack ?? error}`));
}
