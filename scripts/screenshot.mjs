// `npm run screenshot` (after the build): pictures of the decoding hovers for the documentation.
//
// Serves the samples folder with VS Code 1.139.1 (code-server, see scripts/vscode/) on 127.0.0.1 with this
// extension installed as a link to the working tree, opens the workbench in headless Chromium (1400x900), opens
// each sample through Quick Open, puts the mouse on the text to explain, waits until the hover shows the expected
// words, drags the hover's bottom edge down so its whole content shows (as far as the editor allows) and saves
// the page:
//   docs/images/hover-arm-dump.png       the ARM byte dump of MEDIA_LOGIN_REQ in the ECE listener log
//   docs/images/hover-widget-config.png  the chat widget configuration JSON in the browser console export
//   docs/images/timeline-agent.png       the timeline panel of agent 6420 (palette: Show Timeline, quick pick)
//   docs/images/hover-jtapi-cti-object.png  a JTAPI client CTI message's { } body as a table
//   docs/images/hover-cucm-sip-invite.png   a SIP INVITE in a CUCM SDL trace, summarised
//   docs/images/flows-tree-problems.png  the Chats and agents view and the Problems panel (scripts/screenshot-flows.mjs,
//                                        run after the others: --only flows-tree-problems takes that one alone)
//   docs/images/hover-large-file.png     the same ARM byte dump inside a 60 MB log (too large for VS Code to hand
//                                        over) made from the samples for the picture and removed after: the tab's
//                                        offer opens the windowed view, Go to Line of the file (Ctrl+G) moves it
// Options: --only <name> (one picture, by file name without .png), --keep-state (leave the run's folder,
// .vscode-test/runs/screenshot-<pid>/, in place for inspection; it is always kept after a failure, with failure.png,
// the screen at that moment).
// code-server and Chromium are stopped on every exit path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { log } from './vscode/code-server.mjs';
import { goTo, quickOpen, resetWorkbench, sleep, VIEWPORT, waitFor, withWorkbench } from './vscode/workbench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplesDir = path.join(repoRoot, 'samples');
const imagesDir = path.join(repoRoot, 'docs', 'images');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
/** How many log lines stay visible above the explained line; the hover opens below it and gets the rest. */
const LINES_ABOVE_TARGET = 3;

/**
 * One picture: which sample, which line (the first containing `lineNeedle`), where on it to rest the mouse
 * (`column(lineText)`, 0-based) and what the hover must say before the picture is taken.
 */
const SHOTS = [
  {
    name: 'hover-arm-dump',
    sample: 'ece/eg_log_ECEAPP01_Listener.log',
    lineNeedle: 'Sending MEDIA_LOGIN_REQ ->',
    column: (text) => text.indexOf('->') + 4,
    hoverMustShow: 'MEDIA_LOGIN_REQ',
  },
  {
    name: 'hover-widget-config',
    sample: 'browser/console-export-2018-8-6_9-34-10.log',
    lineNeedle: '"feedId"',
    column: () => 5,
    hoverMustShow: 'Bubble_Care',
  },
  { name: 'timeline-agent', timeline: 'Agent 6420', mustShow: 'MEDIA_LOGIN' },
  {
    name: 'hover-jtapi-cti-object',
    sample: 'jtapi/CiscoJtapi1.log',
    lineNeedle: 'callLegID         = 48219632',
    column: () => 3,
    hoverMustShow: 'NewCallEvent',
  },
  {
    name: 'hover-cucm-sip-invite',
    sample: 'cucm/SDL001_100_000412.txt',
    lineNeedle: 'INVITE sip:7100@10.20.30.11:5060 SIP/2.0',
    column: () => 3,
    hoverMustShow: 'Sets up a call',
  },
  {
    name: 'hover-large-file',
    sample: 'large/eg_log_ECEAPP02_Listener.log',
    // Written when its turn comes (see writeLargeLog) and removed at the end: never committed. Last, so that the
    // 60 MB copy of the listener log is in no other picture (the timeline of agent 6420 would count its lines).
    generated: true,
    lineNeedle: 'Sending MEDIA_LOGIN_REQ ->',
    column: (text) => text.indexOf('->') + 4,
    hoverMustShow: 'MEDIA_LOGIN_REQ',
  },
];

/** Pictures of the README another script takes (its own workspace set-up): run after the ones above. */
const OTHER_SCRIPTS = { 'flows-tree-problems': 'screenshot-flows.mjs' };

/** Runs the other picture scripts (all, or the one `--only` names); returns false when one failed. */
function runOtherScripts(options) {
  let ok = true;
  for (const [name, script] of Object.entries(OTHER_SCRIPTS)) {
    if (options.only !== undefined && options.only !== name) continue;
    const args = [path.join(repoRoot, 'scripts', script), ...(options.keepState ? ['--keep-state'] : [])];
    const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (r.status !== 0) {
      log(`${script} failed (${r.status ?? r.signal})`);
      ok = false;
    }
  }
  return ok;
}

function parseOptions(argv) {
  const options = { only: undefined, keepState: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') options.only = argv[++i];
    else if (argv[i] === '--keep-state') options.keepState = true;
    else throw new Error(`unknown option ${argv[i]} (known: --only <name>, --keep-state)`);
  }
  const names = [...SHOTS.map((shot) => shot.name), ...Object.keys(OTHER_SCRIPTS)];
  if (options.only !== undefined && !names.includes(options.only)) {
    throw new Error(`--only needs one of: ${names.join(', ')}`);
  }
  return options;
}

/** The text of the editor line the cursor is on ('' when there is no cursor). */
async function cursorLineText(page) {
  return page.evaluate(() => {
    const cursor = document.querySelector('.editor-instance .monaco-editor .cursors-layer .cursor');
    if (!cursor) return '';
    const y = cursor.getBoundingClientRect().top;
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      const r = line.getBoundingClientRect();
      if (Math.abs(r.top - y) < 3) return (line.textContent ?? '').replace(/\u00a0/g, ' ');
    }
    return '';
  });
}

async function cursorBox(page) {
  const box = await page.locator('.editor-instance .monaco-editor .cursors-layer .cursor').first().boundingBox();
  if (!box) throw new Error('no editor cursor');
  return box;
}

/**
 * Scrolls the editor (Ctrl+Down: one line per press, the cursor stays) until the cursor's line has `linesAbove`
 * lines above it, so a tall hover opening below the line has room. Returns the cursor's new box.
 */
async function scrollLineNearTop(page, linesAbove) {
  const viewLines = await page.locator('.editor-instance .monaco-editor .view-lines').first().boundingBox();
  let box = await cursorBox(page);
  const presses = Math.round((box.y - viewLines.y) / box.height) - linesAbove;
  for (let i = 0; i < presses; i++) await page.keyboard.press('Control+ArrowDown');
  if (presses > 0) {
    await sleep(300);
    box = await cursorBox(page);
  }
  return box;
}

/**
 * When the hover's content is taller than the hover (VS Code starts it at most 250 px high and scrolls the rest),
 * drags the hover's bottom edge down as a user would, up to the bottom of the editor, then rests the mouse on the
 * explained text again so the hover stays and no resize handle is highlighted.
 */
async function growHoverToFit(page, targetBox) {
  const sizes = await page.evaluate(() => {
    const widget = document.querySelector('.monaco-resizable-hover');
    const content = widget?.querySelector('.monaco-hover-content');
    const sash = widget?.querySelector('.monaco-sash.orthogonal-edge-south:not(.disabled)');
    const editor = widget?.closest('.monaco-editor');
    if (!widget || !content || !sash || !editor) return undefined;
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      widget: rect(widget),
      sash: rect(sash),
      editor: rect(editor),
      missing: content.scrollHeight - content.clientHeight,
    };
  });
  if (!sizes || sizes.missing <= 0) return;
  const room = sizes.editor.y + sizes.editor.height - 24 - (sizes.widget.y + sizes.widget.height);
  const grow = Math.min(sizes.missing + 8, room);
  if (grow <= 0) return;
  // Straight down from the explained text into the hover (a sticky hover stays while the mouse is on it), then
  // down inside it to its bottom edge.
  const x = Math.min(Math.max(targetBox.x + 4, sizes.sash.x + 8), sizes.sash.x + sizes.sash.width - 8);
  const y = sizes.sash.y + sizes.sash.height / 2;
  // The sash itself counts as outside the hover, which hides after a short delay: press at once on arrival.
  await page.mouse.move(x, sizes.widget.y + 10, { steps: 2 });
  await sleep(100);
  await page.mouse.move(x, y - 6, { steps: 8 });
  await sleep(100);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + grow, { steps: 10 });
  await page.mouse.up();
  await page.mouse.move(x, y + grow - 20, { steps: 3 });
  await page.mouse.move(targetBox.x + 4, targetBox.y + targetBox.height / 2, { steps: 5 });
  await sleep(600);
}

/** The visible hover widget's text, or '' when none is shown. */
async function hoverText(page) {
  const hovers = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
  const count = await hovers.count();
  let text = '';
  for (let i = 0; i < count; i++) {
    if (await hovers.nth(i).isVisible()) text += await hovers.nth(i).innerText();
  }
  return text;
}

/**
 * Rests the mouse on the character after the cursor until the hover shows `mustShow`; returns the cursor's box it
 * rested on. The language server may still be starting or reading the workspace on the first attempts, so the mouse
 * leaves and comes back between tries, and the cursor is measured again each time: code lenses that arrive after the
 * file opened (the references of an ID on the line) push the line down by a lens row, and a mouse left where the line
 * was rests on the lens, where no hover ever comes.
 */
async function hoverUntil(page, mustShow, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const box = await cursorBox(page);
    const x = box.x + 4;
    const y = box.y + box.height / 2;
    await page.mouse.move(x - 40, y + 200);
    await sleep(300);
    await page.mouse.move(x, y, { steps: 4 });
    const tryUntil = Date.now() + 5000;
    while (Date.now() < tryUntil) {
      if ((await hoverText(page)).includes(mustShow)) {
        const now = await cursorBox(page);
        if (Math.abs(now.y - box.y) < 2) return box;
        break; // the line moved under the hover: rest on it again
      }
      await sleep(250);
    }
  }
  throw new Error(
    `the hover did not show "${mustShow}" within ${timeoutMs / 1000} s (last hover text: ` +
      `${JSON.stringify((await hoverText(page)).slice(0, 300))})`,
  );
}

/** Runs "Show Timeline" from the command palette, picks `shot.timeline`, waits for the panel's rows. */
async function takeTimelineShot(page, shot) {
  await page.keyboard.press('F1');
  await page.keyboard.type('Cisco CC Logs: Show Timeline');
  await sleep(500);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 30_000 });
  await sleep(1000);
  await page.keyboard.type(shot.timeline);
  await sleep(500);
  await page.keyboard.press('Enter');
  const inner = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await inner.locator('.row', { hasText: shot.mustShow }).first().waitFor({ timeout: 60_000 });
  await sleep(1500);
  const file = path.join(imagesDir, `${shot.name}.png`);
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(repoRoot, file)} (timeline of ${shot.timeline})`);
}

/**
 * The 60 MB log of the tests (test/integration/helpers/largeLog.ts, built by scripts/build.mjs): returns the line of
 * the file to hover and its text.
 */
function writeLargeLog(shot) {
  const require = createRequire(import.meta.url);
  const helper = path.join(repoRoot, 'test', 'out', 'integration', 'helpers', 'largeLog.js');
  if (!fs.existsSync(helper)) throw new Error(`${helper} is missing: run node scripts/build.mjs first`);
  const { writeLargeListenerLog, BLOCK_LINE } = require(helper);
  const { lines } = writeLargeListenerLog(samplesDir, path.join(samplesDir, shot.sample));
  const i = lines.findIndex((line) => line.includes(shot.lineNeedle));
  return { index: BLOCK_LINE + i, text: lines[i] };
}

/**
 * Opens a log too large for VS Code as a user does: Quick Open, then the extension's offer on its tab ("Open
 * Windowed View"), then Go to Line of the file (Ctrl+G in a window) and the cursor moved to `column`.
 */
async function openLargeAt(page, relativePath, line, column, needle) {
  const fileName = path.basename(relativePath);
  await quickOpen(page, relativePath, { text: false });
  const offer = page.locator('.notification-toast .monaco-button', { hasText: 'Open Windowed View' }).first();
  await offer.waitFor({ state: 'visible', timeout: 60_000 });
  await offer.click();
  await page
    .locator('.editor-instance .monaco-editor .view-lines')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  await sleep(1000);
  await page
    .locator('.editor-instance .monaco-editor .view-lines')
    .first()
    .click({ position: { x: 300, y: 100 } });
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(String(line));
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
  // The new window's text arrives from the server: wait until the cursor's line is the one asked for.
  await waitFor(
    `line ${line} of ${fileName} under the cursor`,
    async () => (await cursorLineText(page)).includes(needle),
    60_000,
  );
  await page.keyboard.press('Home');
  await page.keyboard.press('Home'); // the line's start, even if it begins with blanks
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
  await sleep(300);
}

async function takeShot(page, shot) {
  await resetWorkbench(page);
  if (shot.timeline) return takeTimelineShot(page, shot);
  let index;
  let column;
  if (shot.generated) {
    const found = writeLargeLog(shot);
    index = found.index;
    column = shot.column(found.text);
    await openLargeAt(page, shot.sample, index + 1, column, shot.lineNeedle);
  } else {
    const text = fs.readFileSync(path.join(samplesDir, shot.sample), 'utf8');
    const lines = text.split(/\r?\n/);
    index = lines.findIndex((line) => line.includes(shot.lineNeedle));
    if (index < 0) throw new Error(`${shot.sample} has no line containing ${shot.lineNeedle}`);
    column = shot.column(lines[index]);
    await quickOpen(page, shot.sample);
    await goTo(page, index + 1, column + 1);
  }
  // A window's editor shows only part of its lines (its view is scrolled far down): the line stays where Go to
  // Line put it, in the middle, with half the editor below for the hover.
  if (!shot.generated) await scrollLineNearTop(page, LINES_ABOVE_TARGET);
  const box = await hoverUntil(page, shot.hoverMustShow);
  await sleep(500); // let the hover finish its layout
  await growHoverToFit(page, box);
  const file = path.join(imagesDir, `${shot.name}.png`);
  await page.screenshot({ path: file });
  log(`wrote ${path.relative(repoRoot, file)} (${shot.sample} line ${index + 1}, column ${column + 1})`);
  // Leave the hover and close the editor so the next picture starts clean.
  await page.mouse.move(5, VIEWPORT.height - 5);
  await page.keyboard.press('Escape');
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const shots = SHOTS.filter((shot) => !options.only || shot.name === options.only);
  if (shots.length === 0) {
    process.exitCode = runOtherScripts(options) ? 0 : 1;
    return;
  }
  for (const shot of shots) {
    if (shot.sample && !shot.generated && !fs.existsSync(path.join(samplesDir, shot.sample)))
      throw new Error(`missing sample ${shot.sample}`);
  }
  if (!fs.existsSync(path.join(repoRoot, manifest.main)))
    throw new Error(`${manifest.main} missing: run node scripts/build.mjs first`);
  fs.mkdirSync(imagesDir, { recursive: true });

  let ok;
  try {
    ok = await withWorkbench({ name: 'screenshot', folder: samplesDir, keepState: options.keepState }, async (page) => {
      for (const shot of shots) await takeShot(page, shot);
    });
  } finally {
    for (const shot of shots)
      if (shot.generated) fs.rmSync(path.dirname(path.join(samplesDir, shot.sample)), { recursive: true, force: true });
  }
  process.exitCode = ok && runOtherScripts(options) ? 0 : 1;
}

try {
  await main();
} catch (error) {
  log(String(error?.message ?? error));
  process.exitCode = 2;
}
