// `npm run screenshot:flows` (after the build): the "Chats and agents" view and the Problems panel over the samples,
// for the README (docs/images/flows-tree-problems.png; docs/images/flows-calls.png, the Calls group with the UCCE
// call that ends at CVP's error label). Same set-up as scripts/screenshot.mjs (scripts/vscode/workbench.mjs
// withWorkbench: code-server with the extension linked from the working tree, headless Chromium); --keep-state keeps
// the run's folder,
// .vscode-test/runs/screenshot-flows-<pid>/ (it is always kept after a failure, with failure.png). `npm run
// screenshot` runs this script too after its own pictures, so one command retakes every README picture.
// code-server and Chromium are stopped on every exit path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './vscode/code-server.mjs';
import { goTo, quickOpen, runCommand, sleep, VIEWPORT, withWorkbench } from './vscode/workbench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.join(repoRoot, 'samples');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

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

  const ok = await withWorkbench(
    { name: 'screenshot-flows', folder: samplesDir, keepState: options.keepState },
    async (page) => {
      await flowsShot(page);
      await callsShot(page);
    },
  );
  const failed = !ok;
  process.exitCode = failed ? 1 : 0;
}

try {
  await main();
} catch (error) {
  log(String(error?.message ?? error));
  process.exitCode = 2;
}
