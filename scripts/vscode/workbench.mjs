// Driving VS Code for the browser (code-server + Chromium) as a user would, for the screenshot scripts
// (scripts/screenshot.mjs, scripts/screenshot-flows.mjs): the workbench started over a folder with the extension
// linked from the working tree and a user settings file (`withWorkbench`), waiting for activation, Quick Open and
// Go to Line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  extensionHostLogFiles,
  findFreePort,
  launchChromium,
  log,
  printExtensionHostLogs,
  startCodeServer,
  waitForHealthz,
  workbenchUrl,
} from './code-server.mjs';
import { ensureOfflineVSCode } from './ensure.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The size of the browser page the pictures are taken of. */
export const VIEWPORT = { width: 1400, height: 900 };

/** User settings for a quiet, uncluttered workbench: no welcome page, chat panel, tips or notifications. */
export const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 200,
  'editor.hover.sticky': true,
  'editor.hover.above': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.cursorBlinking': 'solid',
  'editor.fontSize': 14,
};

/**
 * Serves `folder` with the offline VS Code (code-server on a free loopback port, a fresh state folder of this run
 * with its user data and the extension linked from the working tree), opens the workbench in headless Chromium,
 * waits until the extension is active and calls `run(page)`. code-server and Chromium are stopped on every exit
 * path (signals included). After a failure the extension host's logs are printed and the screen is saved as
 * failure.png in the state folder, which is then kept (and also kept with `keepState`). Returns false when
 * `run` or the start failed.
 */
export async function withWorkbench({ name, folder, keepState = false, settings = QUIET_USER_SETTINGS }, run) {
  const paths = await ensureOfflineVSCode();
  const stateDir = runStateDir(paths, name);
  const userDataDir = prepareUserData(stateDir, settings);
  const extensionsDir = linkedExtensionsDir(stateDir);
  const port = await findFreePort();
  const server = startCodeServer({ paths, port, userDataDir, extensionsDir, folder, onOutput: () => undefined });
  let browser;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  let failed = false;
  try {
    await waitForHealthz(server);
    browser = await launchChromium(paths);
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const url = workbenchUrl({ server, folder });
    log(`workbench: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await waitFor(`${extensionId} to activate`, () => extensionActivated(userDataDir), 90_000);
    await run(page);
  } catch (error) {
    failed = true;
    if (stopped) return false; // interrupted: the signal handler is stopping everything and exits
    log(`FAILED: ${error?.message ?? error}`);
    printExtensionHostLogs(userDataDir, 60);
    if (browser) {
      const page = browser.contexts()[0]?.pages()[0];
      const debugShot = path.join(stateDir, 'failure.png');
      await page?.screenshot({ path: debugShot }).then(
        () => log(`screen at failure: ${debugShot}`),
        () => undefined,
      );
    }
  } finally {
    await stopAll();
    if (!keepState && !failed) fs.rmSync(stateDir, { recursive: true, force: true });
  }
  return !failed;
}

/** An extensions folder holding only a link to the working tree (as `npm start` does): the extension "from source". */
export function linkedExtensionsDir(stateDir) {
  const dir = path.join(stateDir, 'extensions');
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, `${extensionId}-${manifest.version}`), 'dir');
  return dir;
}

/**
 * A fresh folder for one run's user data and extension link, of this process alone: `.vscode-test` is shared by
 * every working tree of the repository, and two runs in one folder would remove each other's state and link each
 * other's tree as the extension.
 */
export function runStateDir(paths, name) {
  const dir = path.join(paths.cacheDir, 'runs', `${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function prepareUserData(stateDir, settings) {
  const userDataDir = path.join(stateDir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  return userDataDir;
}

export async function waitFor(what, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

export function extensionActivated(userDataDir) {
  const line = `_doActivateExtension ${extensionId}`;
  return extensionHostLogFiles(userDataDir).some((file) => fs.readFileSync(file, 'utf8').includes(line));
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P, its name, Enter) and waits for its editor tab and text; with
 * `{ text: false }` only until Quick Open has closed (a file too large for the editor shows no text).
 */
export async function quickOpen(page, relativePath, { text = true } = {}) {
  const fileName = path.basename(relativePath);
  await page
    .locator('.monaco-workbench .part.editor')
    .click({ position: { x: 200, y: 200 } })
    .catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(relativePath);
  // The file search runs in the server: wait until the picker lists the file before accepting.
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  if (!text) {
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    return;
  }
  await page
    .locator('.tabs-container .tab.active', { hasText: fileName })
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page
    .locator('.editor-instance .monaco-editor .view-lines')
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Moves the cursor with Go to Line (Ctrl+G, "line:column", both 1-based). */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  // The input opens holding ':' (the Go to Line prefix); without it the text would be a file search.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
  await sleep(300); // reveal scrolling
}

/** Runs a command from the palette by its title (F1, the title, Enter). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/**
 * The workbench as a picture starts from: no editor, panel or webview left by the previous picture (a timeline
 * panel would take half of the next one), the Explorer's folders collapsed (opening a file expands its own).
 */
export async function resetWorkbench(page) {
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Collapse Folders in Explorer');
  await sleep(300);
}
