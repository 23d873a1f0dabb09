#!/usr/bin/env node
// The server in real terminal editors, configured by the README's own recipes (docs/editors/): Debian's Neovim with
// docs/editors/neovim.lua, and Debian's Emacs with elpa-eglot with docs/editors/cc-logs.el. Installs `neovim`,
// `emacs-nox` and `elpa-eglot` with apt-get when missing (needs root, as scripts/vscode/ensure.mjs does for
// Chromium), then runs each editor headless twice over a copy of samples/:
//   1. file types: every sample, and a file named after every file-name pattern of package.json (a real gzip for
//      the .gz ones, which the editors inflate), gets the file type
//      VS Code gives it (its name pattern, else its first line), and the server attaches;
//   2. the server: hover of a contact ID (no VS Code command links or key names, no needless escapes), hover of an
//      ARM byte dump, definition, references reaching files never opened (the folder the editor started in is the
//      root), a setting of the recipe taking effect (ccLogs.zonelessOffset in a dumplog trace's hover), and settings
//      changed at run time the editor's way (zonelessOffset, and ccLogs.index.exclude leaving a file out), and the
//      timeline of the contact through the recipe's workspace/executeCommand helper (ccLogs.timeline).
// Fails (exit 1) when any check fails. Usage: node scripts/editors-test.mjs [neovim|emacs]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import picomatch from 'picomatch';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverJs = process.env.CC_LOGS_SERVER_JS ?? path.join(root, 'server', 'out', 'server.js');
const recipes = {
  neovim: path.join(root, 'docs', 'editors', 'neovim.lua'),
  emacs: path.join(root, 'docs', 'editors', 'cc-logs.el'),
};
const only = process.argv.slice(2);

function log(message) {
  process.stdout.write(`${message}\n`);
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Debian's editors, installed with apt-get when missing. */
function ensureEditors() {
  const missing = [];
  if (!which('nvim')) missing.push('neovim');
  if (!which('emacs')) missing.push('emacs-nox');
  aptInstall(missing);
  // Emacs 29+ has eglot built in; Debian's Emacs 28 needs the elpa-eglot package.
  if (!emacsHasEglot()) aptInstall(['elpa-eglot']);
  if (!which('nvim') || !which('emacs') || !emacsHasEglot())
    throw new Error('apt-get finished but nvim, emacs or eglot is still missing');
}

let aptUpdated = false;
function aptInstall(packages) {
  if (packages.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new Error(
      `missing ${packages.join(', ')}; run as root:  apt-get update && apt-get install -y ${packages.join(' ')}`,
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const runs = [...(aptUpdated ? [] : [['update']]), ['install', '-y', '--no-install-recommends', ...packages]];
  aptUpdated = true;
  for (const args of runs) {
    log(`$ apt-get ${args.join(' ')}`);
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
}

function emacsHasEglot() {
  if (!which('emacs')) return false;
  const r = spawnSync('emacs', ['--batch', '--eval', '(kill-emacs (if (locate-library "eglot") 0 1))'], {
    encoding: 'utf8',
  });
  return r.status === 0;
}

function version(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || '').split('\n')[0].trim();
}

// ---------------------------------------------------------------------------------------------
// What each editor should see: VS Code's file types (package.json), the sample bundle's ids.

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const languages = manifest.contributes.languages.filter((l) => l.id.startsWith('cisco-'));

/** The language VS Code gives a file: a file-name pattern (the longest that matches), else the first line. */
function expectedLanguage(file, firstLine) {
  let best;
  for (const l of languages)
    for (const glob of l.filenamePatterns ?? [])
      if (picomatch(glob, { dot: true })(file) && (!best || glob.length > best.glob.length)) best = { id: l.id, glob };
  if (best) return best.id;
  for (const l of languages) if (l.firstLine && new RegExp(l.firstLine).test(firstLine)) return l.id;
  return undefined;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? walk(p) : /\.(log|txt)$/.test(d.name) ? [p] : [];
  });
}

function positionOf(file, needle, offset = 2) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} is not in ${file}`);
  return { path: file, line, character: lines[line].indexOf(needle) + offset };
}

function makeWorkspace() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-editors-'));
  const logs = path.join(tmp, 'logs');
  fs.cpSync(path.join(root, 'samples'), logs, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.vscode`),
  });
  const names = path.join(tmp, 'names');
  fs.mkdirSync(names);
  const filetypes = [];
  for (const file of walk(logs)) {
    const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0];
    filetypes.push({ path: file, expect: expectedLanguage(file, first), attach: true });
  }
  // A file named after each file-name pattern (`*` → `x1`), empty: only its name can tell its type.
  for (const l of languages)
    for (const glob of l.filenamePatterns ?? []) {
      const name = glob.replace(/^\*\*\//, '').replace(/\*/g, 'x1');
      const file = path.join(names, name);
      // A compressed log is a real (empty) gzip: the editors inflate it, and type it by its name.
      fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync('') : '');
      filetypes.push({ path: file, expect: expectedLanguage(file, ''), attach: false });
    }
  return { tmp, logs, filetypes };
}

// ---------------------------------------------------------------------------------------------
// The editors

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

function planFor(ws) {
  const change = { zonelessOffset: '+03:00', index: { exclude: ['**/*MADM*'] } };
  return {
    contact: positionOf(path.join(ws.logs, 'uccx', 'Cisco001MIVR045.log'), `ALLOCATED Contact [${CONTACT}`, 20),
    arm: positionOf(path.join(ws.logs, 'ece', 'eg_log_ECEAPP01_Listener.log'), '0 0 0 27 0 0 0 -105'),
    time: positionOf(path.join(ws.logs, 'icm', 'ctisvr_190819.txt'), '15:30:14:210', 1),
    minReferenceFiles: 4,
    command: 'ccLogs.timeline',
    expectBefore: '+02:00',
    change,
    changeJson: JSON.stringify(change),
    expectAfter: '+03:00',
    excludedName: 'MADM',
    keptName: 'ccppublicapps',
  };
}

function runEditor(editor, ws, phase, plan) {
  const planFile = path.join(ws.tmp, `${editor}-${phase}-plan.json`);
  const outFile = path.join(ws.tmp, `${editor}-${phase}-out.json`);
  fs.writeFileSync(planFile, JSON.stringify({ ...plan, phase, filetypes: ws.filetypes }));
  const home = path.join(ws.tmp, `${editor}-home`);
  fs.mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    CC_LOGS_SERVER: serverJs,
    CC_LOGS_PLAN: planFile,
    CC_LOGS_OUT: outFile,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  let cmd;
  let args;
  if (editor === 'neovim') {
    const init = path.join(ws.tmp, 'init.lua');
    fs.writeFileSync(init, `dofile(${JSON.stringify(recipes.neovim)})\n`);
    cmd = 'nvim';
    args = [
      '--headless',
      '-u',
      init,
      '-i',
      'NONE',
      '-n',
      '-c',
      `luafile ${path.join(root, 'test', 'editors', 'nvim-driver.lua')}`,
    ];
  } else {
    cmd = 'emacs';
    args = ['--batch', '-l', recipes.emacs, '-l', path.join(root, 'test', 'editors', 'emacs-driver.el')];
  }
  const r = spawnSync(cmd, args, { cwd: ws.logs, env, encoding: 'utf8', timeout: 240_000 });
  if (process.env.CC_LOGS_VERBOSE) log(`${cmd} ${phase}:\n${r.stderr}`);
  if (!fs.existsSync(outFile)) {
    return {
      errors: [`${editor} wrote nothing (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').slice(-2000)}`],
    };
  }
  return { ...JSON.parse(fs.readFileSync(outFile, 'utf8')), stderr: r.stderr ?? '' };
}

// ---------------------------------------------------------------------------------------------
// Checks

function fileOf(uri) {
  return path.basename(decodeURIComponent(new URL(uri).pathname));
}

/** Escapes only CommonMark needs: none of these outside code spans. */
function needlessEscapes(markdown) {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return prose.match(/\\[-_:.=!'"@$%^{}()]/g) ?? [];
}

function check(editor, ws, plan, types, lsp) {
  const failures = [];
  const fail = (m) => failures.push(m);
  const typeName = (id) => (editor === 'emacs' ? `${id}-mode` : id);
  for (const f of ws.filetypes) {
    const got = types.filetypes?.[f.path];
    const rel = path.relative(ws.tmp, f.path);
    if (!f.expect) fail(`${rel}: no format of package.json fits it`);
    else if (got !== typeName(f.expect)) fail(`file type of ${rel}: ${got} instead of ${typeName(f.expect)}`);
    if (f.attach && types.attached?.[f.path] !== true) fail(`the server did not attach to ${rel}`);
  }
  for (const e of [...(types.errors ?? []), ...(lsp.errors ?? [])]) fail(`editor: ${e}`);
  // eglot warns on every connect when a server registers what it cannot register dynamically. (Errors of
  // the drivers come in `errors`; what an editor prints while it exits under its servers is not checked.)
  for (const line of `${types.stderr ?? ''}\n${lsp.stderr ?? ''}`.split('\n'))
    if (/unsupported capability/i.test(line)) fail(`editor said: ${line.trim()}`);

  const hover = lsp.contactHover ?? '';
  if (!hover.includes(CONTACT)) fail(`contact hover lacks the contact id: ${JSON.stringify(hover.slice(0, 300))}`);
  if (!/ on \d+ lines in [2-9] files/.test(hover))
    fail(`contact hover does not count lines across files: ${JSON.stringify(hover)}`);
  if (hover.includes('command:')) fail('contact hover has command: links');
  if (/Shift\+F12|Ctrl\+/.test(hover)) fail('contact hover names VS Code keys');
  if (!new RegExp(`${ws.logs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^\\s()]+:\\d+`).test(hover))
    fail(`contact hover has no path:line link text: ${JSON.stringify(hover)}`);
  const needless = needlessEscapes(hover);
  if (needless.length) fail(`contact hover has needless escapes: ${needless.join(' ')}`);

  const arm = lsp.armHover ?? '';
  if (!arm.includes('MEDIA_LOGIN_REQ'))
    fail(`ARM dump hover lacks MEDIA_LOGIN_REQ: ${JSON.stringify(arm.slice(0, 300))}`);
  if (!/ICMAgentID|6420/.test(arm)) fail('ARM dump hover lacks the decoded agent fields');
  if (arm.includes('command:')) fail('ARM dump hover has command: links');
  const armNeedless = needlessEscapes(arm);
  if (armNeedless.length) fail(`ARM dump hover has needless escapes: ${armNeedless.join(' ')}`);

  const def = Array.isArray(lsp.definition) ? lsp.definition[0] : lsp.definition;
  const defUri = def && (def.uri ?? def.targetUri);
  if (!defUri || !decodeURIComponent(defUri).includes(ws.logs))
    fail(`no definition: ${JSON.stringify(lsp.definition)}`);

  const refFiles = new Set((lsp.references ?? []).map((l) => fileOf(l.uri)));
  const opened = new Set([path.basename(plan.contact.path)]);
  const want = [
    'Cisco001MIVR045.log',
    'Cisco001MADM012.log',
    'CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
    'CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
  ];
  for (const w of want) if (!refFiles.has(w)) fail(`references miss ${w} (got ${[...refFiles].join(', ')})`);
  if ([...refFiles].filter((f) => !opened.has(f)).length < 3) fail('references do not reach files never opened');

  if (!(lsp.timeHoverBefore ?? '').includes(plan.expectBefore))
    fail(
      `the recipe's zonelessOffset ${plan.expectBefore} is not in the trace hover: ${JSON.stringify(lsp.timeHoverBefore)}`,
    );
  if (!(lsp.timeHoverAfter ?? '').includes(plan.expectAfter))
    fail(
      `zonelessOffset changed at run time to ${plan.expectAfter} is not in the trace hover: ${JSON.stringify(lsp.timeHoverAfter)}`,
    );
  const after = new Set((lsp.referencesAfter ?? []).map((l) => fileOf(l.uri)));
  if (![...after].some((f) => f.includes(plan.keptName)) || [...after].some((f) => f.includes(plan.excludedName)))
    fail(`ccLogs.index.exclude changed at run time did not leave ${plan.excludedName} out: ${[...after].join(', ')}`);
  const events = lsp.command?.result?.events;
  if (!lsp.command || lsp.command.error || !Array.isArray(events) || events.length === 0)
    fail(
      `workspace/executeCommand ${plan.command} through the recipe failed: ${JSON.stringify(lsp.command).slice(0, 300)}`,
    );
  return failures;
}

// ---------------------------------------------------------------------------------------------

if (!fs.existsSync(serverJs)) {
  console.error(`${serverJs} is missing: run node scripts/build.mjs first`);
  process.exit(1);
}
try {
  ensureEditors();
} catch (e) {
  console.error(`✗ ${e.message}`);
  process.exit(1);
}
const ws = makeWorkspace();
const plan = planFor(ws);
let failed = 0;
for (const editor of ['neovim', 'emacs']) {
  if (only.length && !only.includes(editor)) continue;
  const v = editor === 'neovim' ? version('nvim', ['--version']) : version('emacs', ['--version']);
  log(`\n${editor} (${v}) with ${path.relative(root, recipes[editor])}`);
  const types = runEditor(editor, ws, 'filetypes', plan);
  const lsp = runEditor(editor, ws, 'server', plan);
  const failures = check(editor, ws, plan, types, lsp);
  log(
    `  ${ws.filetypes.length} file types, hovers (contact, ARM dump), definition, references (${(lsp.references ?? []).length} in ${new Set((lsp.references ?? []).map((l) => l.uri)).size} files), settings (recipe, changed at run time), executeCommand`,
  );
  for (const f of failures) log(`  ✗ ${f}`);
  if (failures.length === 0) log('  ✓ all checks passed');
  failed += failures.length;
}
if (!process.env.CC_LOGS_KEEP) fs.rmSync(ws.tmp, { recursive: true, force: true });
else log(`kept ${ws.tmp}`);
process.exit(failed > 0 ? 1 : 0);
