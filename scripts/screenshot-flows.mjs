// `npm run screenshot:flows` (after the build): the "Chats and agents" view and the Problems panel over the samples,
// for the README (docs/images/flows-tree-problems.png; docs/images/flows-calls.png, the Calls group with the UCCE
// call that ends at CVP's error label). Same set-up as scripts/screenshot.mjs (code-server with the
// extension linked from the working tree, headless Chromium); --keep-state keeps the run's folder,
// .vscode-test/runs/screenshot-flows-<pid>/ (it is always kept after a failure, with failure.png). `npm run
// screenshot` runs this script too after its own pictures, so one command retakes every README picture.
// code-server and Chromium are stopped on every exit path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOfflineVSCode } from './vscode/ensure.mjs';
import {
  findFreePort,
  launchChromium,
  log,
  printExtensionHostLogs,
  startCodeServer,
  waitForHealthz,
  workbenchUrl,
} from './vscode/code-server.mjs';
import {
  extensionActivated,
  goTo,
  linkedExtensionsDir,
  prepareUserData,
  quickOpen,
  runCommand,
  runStateDir,
  sleep,
  waitFor,
} from './vscode/workbench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.join(repoRoot, 'samples');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const VIEWPORT = { width: 1400, height: 900 };
/** How many log lines stay visible above the explained line; the hover opens below it and gets the rest. */

/** User settings for a quiet, uncluttered workbench: no welcome page, chat panel, tips or notifications. */
const USER_SETTINGS = {
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

async function flowsShot(page) {
  await quickOpen(page, 'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log');
  await goTo(page, 30, 1);
  await runCommand(page, 'Focus on Chats and agents View');
  const tree = page.locator('.pane-body .monaco-list-row', { hasText: 'Chats (' });
  await tree.first().waitFor({ state: 'visible', timeout: 90_000 });
  await page
    .locator('.pane-body .monaco-list-row', { hasText: 'E27A05D1' })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  await page.keyboard.press('Control+Shift+M');
  await page
    .locator('.markers-panel-container .monaco-list-row', { hasText: 'sm-rest-api-error' })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  // Room for the tree's descriptions: widen the side bar by dragging its edge.
  const sash = page.locator('.monaco-sash.vertical').first();
  const box = await sash.boundingBox().catch(() => null);
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 240, box.y + 200, { steps: 8 });
    await page.mouse.up();
  }
  await page.mouse.move(5, VIEWPORT.height - 5);
  await sleep(800);
  const file = path.join(imagesDir, 'flows-tree-problems.png');
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(repoRoot, file)}`);
}

/** The Calls group: the UCCE call that ends at CVP's error label, its steps, and its problem. */
async function callsShot(page) {
  await quickOpen(page, 'cvp/CVP.2019-08-21.log');
  await goTo(page, 10, 1);
  await runCommand(page, 'Focus on Chats and agents View');
  await page
    .locator('.pane-body .monaco-list-row', { hasText: 'Calls (' })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  // Only the calls open: fold the chats and the agents.
  for (const group of ['Chats (', 'Agents (']) {
    const row = page.locator('.pane-body .monaco-list-row', { hasText: group }).first();
    if ((await row.getAttribute('aria-expanded').catch(() => null)) === 'true')
      await row.locator('.monaco-tl-twistie').click();
  }
  const call = page.locator('.pane-body .monaco-list-row', { hasText: '1E2C (GUID)' }).first();
  await call.waitFor({ state: 'visible', timeout: 60_000 });
  // The twistie unfolds the steps; a click on the row would open the call's timeline.
  if ((await call.getAttribute('aria-expanded').catch(() => null)) !== 'true')
    await call.locator('.monaco-tl-twistie').click();
  await page
    .locator('.markers-panel-container .monaco-list-row', { hasText: 'flow-broken' })
    .first()
    .waitFor({ state: 'visible', timeout: 90_000 });
  await page.mouse.move(5, VIEWPORT.height - 5);
  await sleep(800);
  const file = path.join(imagesDir, 'flows-calls.png');
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(repoRoot, file)}`);
}

async function main() {
  const options = { keepState: process.argv.includes('--keep-state') };
  if (!fs.existsSync(path.join(repoRoot, manifest.main)))
    throw new Error(`${manifest.main} missing: run node scripts/build.mjs first`);
  fs.mkdirSync(imagesDir, { recursive: true });

  const paths = await ensureOfflineVSCode();
  const stateDir = runStateDir(paths, 'screenshot-flows');
  const userDataDir = prepareUserData(stateDir, USER_SETTINGS);
  const extensionsDir = linkedExtensionsDir(stateDir);
  const port = await findFreePort();
  const server = startCodeServer({
    paths,
    port,
    userDataDir,
    extensionsDir,
    folder: samplesDir,
    onOutput: () => undefined,
  });
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
    const url = workbenchUrl({ server, folder: samplesDir });
    log(`workbench: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await waitFor(`${extensionId} to activate`, () => extensionActivated(userDataDir), 90_000);
    await flowsShot(page);
    await callsShot(page);
  } catch (error) {
    failed = true;
    if (stopped) return; // interrupted: the signal handler is stopping everything and exits
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
    if (!options.keepState && !failed) fs.rmSync(stateDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

try {
  await main();
} catch (error) {
  log(String(error?.message ?? error));
  process.exitCode = 2;
}
