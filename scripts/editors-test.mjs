#!/usr/bin/env node
// The server in real terminal editors, configured by the README's own recipes (docs/editors/): Neovim with
// docs/editors/neovim.lua and Emacs with docs/editors/cc-logs.el, in the versions Debian ships:
//   - Debian 12's own: Neovim 0.7.2 (the recipe's vim.lsp.start_client branch, for 0.7 to 0.10) and Emacs 28.2 with
//     the elpa-eglot package (eglot 1.9). Installed with apt-get when missing (needs root, as
//     scripts/vscode/ensure.mjs does for Chromium).
//   - Newer ones from Debian's repositories: Neovim 0.10 from trixie (start_client, with 0.10's APIs) and from sid
//     (0.11+: the recipe's vim.lsp.config/vim.lsp.enable branch), Emacs 30 from bookworm-backports (eglot built in).
//     Fetched and unpacked into .vscode-test/editors/ by scripts/editors/debian.mjs, never installed (the first run
//     fetches about 65 MB).
// Each runs headless twice over a copy of samples/:
//   1. file types: every sample, and a file named after every file-name pattern of package.json (a real gzip for
//      the .gz ones, which the editors inflate), gets the file type
//      VS Code gives it (its name pattern, else its first line), and the server attaches;
//   2. the server: hover of a contact ID (no VS Code command links or key names, no needless escapes), hover of an
//      ARM byte dump, definition, references reaching files never opened (the folder the editor started in is the
//      root), a setting of the recipe taking effect (ccLogs.zonelessOffset in a dumplog trace's hover), and settings
//      changed at run time the editor's way (zonelessOffset, and ccLogs.index.exclude leaving a file out), and the
//      timeline and the flows of the contact through the recipe's workspace/executeCommand helper (ccLogs.timeline,
//      ccLogs.flows) and its user commands (the buffer they open), and, in Neovim, K's hover window; no editor error
//      may reach stderr, and each editor must take the recipe's branch for its version.
// Fails (exit 1) when any check fails. Usage: node scripts/editors-test.mjs [neovim|emacs|<editor name>...]
// (names: neovim-debian12, neovim-trixie, neovim-sid, emacs-debian12, emacs-backports).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import picomatch from 'picomatch';
import { fetchDebian, ldSoRun, libraryDirs } from './editors/debian.mjs';

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

/** Debian 12's own editors (those of `names` asked for), installed with apt-get when missing. */
function ensureEditors(names) {
  const missing = [];
  if (names.includes('neovim-debian12') && !which('nvim')) missing.push('neovim');
  if (names.includes('emacs-debian12') && !which('emacs')) missing.push('emacs-nox');
  aptInstall(missing);
  if (!names.includes('emacs-debian12')) return;
  // Emacs 29+ has eglot built in; Debian's Emacs 28 needs the elpa-eglot package.
  if (!emacsHasEglot()) aptInstall(['elpa-eglot']);
  if (!which('emacs') || !emacsHasEglot()) throw new Error('apt-get finished but emacs or eglot is still missing');
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

function version(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  return (r.stdout || '').split('\n')[0].trim();
}

const cache = path.join(root, '.vscode-test', 'editors');

/** Neovim of a newer Debian suite, unpacked with every library it needs down to glibc. */
function fetchedNeovim(suite) {
  const name = `neovim-${suite}`;
  const r = fetchDebian({ cache, name, suites: [suite], packages: ['neovim'], closure: true, log });
  // Built for that suite's glibc: run through the unpacked loader; node, its child, uses the system's.
  const [cmd, ...args] = ldSoRun(r, 'usr/bin/nvim');
  const env = { VIMRUNTIME: path.join(r, 'usr', 'share', 'nvim', 'runtime') };
  const v = version(cmd, [...args, '--version'], env);
  // Debian's build looks for its tree-sitter parsers (markdown: hover windows) in /usr/lib/nvim.
  args.push('--cmd', `set runtimepath+=${path.join(r, 'usr', 'lib', 'nvim')}`);
  return { cmd, args, env, version: v };
}

/**
 * The editors, each as `launch()`: { cmd, args (before the editor's own), env, version }. `expect` says which
 * branch of the recipe it must take: Neovim's API (`start_client` or `config`, vim.lsp.config/enable), and
 * for Emacs where eglot comes from (`elpa`: the elpa-eglot package, `builtin`: Emacs's own lisp).
 */
const EDITORS = [
  {
    name: 'neovim-debian12',
    kind: 'neovim',
    expect: 'start_client',
    launch: () => ({ cmd: 'nvim', args: [], env: {}, version: version('nvim', ['--version']) }),
  },
  {
    name: 'neovim-trixie',
    kind: 'neovim',
    expect: 'start_client',
    launch: () => fetchedNeovim('trixie'),
  },
  {
    name: 'neovim-sid',
    kind: 'neovim',
    expect: 'config',
    launch: () => fetchedNeovim('sid'),
  },
  {
    name: 'emacs-debian12',
    kind: 'emacs',
    expect: 'elpa',
    launch: () => ({ cmd: 'emacs', args: [], env: {}, version: version('emacs', ['--version']) }),
  },
  {
    name: 'emacs-backports',
    kind: 'emacs',
    expect: 'builtin',
    launch: () => {
      const r = fetchDebian({
        cache,
        name: 'emacs-backports',
        suites: ['bookworm', 'bookworm-backports'],
        release: 'bookworm-backports',
        packages: ['emacs-nox'],
        log,
      });
      const v = fs.readdirSync(path.join(r, 'usr', 'share', 'emacs')).find((d) => /^\d+\.\d+$/.test(d));
      if (!v) throw new Error(`no Emacs version folder in ${r}/usr/share/emacs`);
      const libexec = path.join(r, 'usr', 'libexec', 'emacs', v);
      const arch = fs.readdirSync(libexec).map((d) => path.join(libexec, d))[0];
      const dump = fs.readdirSync(arch).find((f) => f.endsWith('.pdmp'));
      const libs = libraryDirs(r).filter((d) => fs.readdirSync(d).some((f) => /\.so(\.|$)/.test(f)));
      // Emacs finds its Lisp, data and helpers where Debian installs them: point it at the unpacked tree. No
      // site-start: with Emacs 30 installed from backports Debian removes elpa-eglot, so eglot is Emacs's own.
      const env = {
        EMACSLOADPATH: `${path.join(r, 'usr', 'share', 'emacs', v, 'lisp')}:`,
        EMACSDATA: path.join(r, 'usr', 'share', 'emacs', v, 'etc'),
        EMACSPATH: arch,
        ...(libs.length ? { LD_LIBRARY_PATH: libs.join(':') } : {}),
      };
      const cmd = path.join(r, 'usr', 'bin', 'emacs-nox');
      const args = [`--dump-file=${path.join(arch, dump)}`, '--no-site-file'];
      return { cmd, args, env, version: version(cmd, [...args, '--version'], env) };
    },
  },
];

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
    // Not samples/large: the integration tests write a 60 MB log there while they run (git-ignored).
    filter: (src) => !src.includes(`${path.sep}.vscode`) && src !== path.join(root, 'samples', 'large'),
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
    commands: ['ccLogs.timeline', 'ccLogs.flows'],
    expectBefore: '+02:00',
    change,
    changeJson: JSON.stringify(change),
    expectAfter: '+03:00',
    excludedName: 'MADM',
    keptName: 'ccppublicapps',
  };
}

function runEditor(editor, launch, ws, phase, plan) {
  const planFile = path.join(ws.tmp, `${editor.name}-${phase}-plan.json`);
  const outFile = path.join(ws.tmp, `${editor.name}-${phase}-out.json`);
  fs.writeFileSync(planFile, JSON.stringify({ ...plan, phase, filetypes: ws.filetypes }));
  const home = path.join(ws.tmp, `${editor.name}-home`);
  fs.mkdirSync(home, { recursive: true });
  const env = {
    ...process.env,
    ...launch.env,
    HOME: home,
    CC_LOGS_SERVER: serverJs,
    CC_LOGS_PLAN: planFile,
    CC_LOGS_OUT: outFile,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  let args;
  if (editor.kind === 'neovim') {
    const init = path.join(ws.tmp, 'init.lua');
    fs.writeFileSync(init, `dofile(${JSON.stringify(recipes.neovim)})\n`);
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
    args = ['--batch', '-l', recipes.emacs, '-l', path.join(root, 'test', 'editors', 'emacs-driver.el')];
  }
  const r = spawnSync(launch.cmd, [...launch.args, ...args], { cwd: ws.logs, env, encoding: 'utf8', timeout: 240_000 });
  if (process.env.CC_LOGS_VERBOSE) log(`${editor.name} ${phase}:\n${r.stderr}`);
  if (!fs.existsSync(outFile)) {
    return {
      errors: [
        `${editor.name} wrote nothing (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').slice(-2000)}`,
      ],
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
  const typeName = (id) => (editor.kind === 'emacs' ? `${id}-mode` : id);
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

  // What the user sees: K (vim.lsp.buf.hover) opens a window with the hover, and nothing failed on the way.
  if (editor.kind === 'neovim' && !(lsp.hoverWindow ?? '').includes(CONTACT))
    fail(`K (vim.lsp.buf.hover) showed no hover window with the contact: ${JSON.stringify(lsp.hoverWindow)}`);
  for (const line of (lsp.stderr ?? '').split('\n'))
    if (/^E\d+: |^Error (in|detected|executing)|stack traceback/.test(line.trim())) fail(`editor said: ${line.trim()}`);
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
  const timeline = lsp.commands?.['ccLogs.timeline'];
  const events = timeline?.result?.events;
  if (!timeline || timeline.error || !Array.isArray(events) || events.length === 0)
    fail(
      `workspace/executeCommand ccLogs.timeline through the recipe failed: ${JSON.stringify(timeline).slice(0, 300)}`,
    );
  const flows = lsp.commands?.['ccLogs.flows'];
  const subjects = flows?.result?.subjects;
  if (!flows || flows.error || !Array.isArray(subjects) || subjects[0]?.id !== `contact:${CONTACT}`)
    fail(`workspace/executeCommand ccLogs.flows through the recipe failed: ${JSON.stringify(flows).slice(0, 300)}`);
  else if (!Array.isArray(subjects[0].flows) || subjects[0].flows.length === 0)
    fail(`ccLogs.flows gave the contact without its flows: ${JSON.stringify(subjects[0]).slice(0, 300)}`);
  // What the user commands show (Neovim :CcLogsTimeline/:CcLogsFlows, Emacs M-x cc-logs-timeline/cc-logs-flows).
  for (const c of plan.commands) {
    const shown = lsp.shown?.[c];
    let parsed;
    try {
      parsed = JSON.parse(shown);
    } catch {
      parsed = undefined;
    }
    if (typeof shown !== 'string' || !shown.includes(CONTACT) || parsed === undefined)
      fail(
        `the recipe's user command for ${c} showed no JSON answer about the contact: ${JSON.stringify(shown)?.slice(0, 200)}`,
      );
  }
  // The recipe's branch for this version ran (Neovim 0.11+: vim.lsp.config; Emacs 29+: the built-in eglot).
  if (lsp.branch !== editor.expect) fail(`the recipe ran its ${lsp.branch} branch, not ${editor.expect}`);
  return failures;
}

// ---------------------------------------------------------------------------------------------

if (!fs.existsSync(serverJs)) {
  console.error(`${serverJs} is missing: run node scripts/build.mjs first`);
  process.exit(1);
}
const selected = EDITORS.filter((e) => only.length === 0 || only.includes(e.kind) || only.includes(e.name));
if (selected.length === 0) {
  console.error(`no editor named ${only.join(' ')}: ${EDITORS.map((e) => e.name).join(', ')}, neovim, emacs`);
  process.exit(1);
}
try {
  ensureEditors(selected.map((e) => e.name));
} catch (e) {
  console.error(`✗ ${e.message}`);
  process.exit(1);
}
const ws = makeWorkspace();
const plan = planFor(ws);
let failed = 0;
for (const editor of selected) {
  const t0 = Date.now();
  let launch;
  try {
    launch = editor.launch();
  } catch (e) {
    log(`\n${editor.name}\n  ✗ cannot get the editor: ${e.message}`);
    failed++;
    continue;
  }
  log(`\n${editor.name} (${launch.version}) with ${path.relative(root, recipes[editor.kind])}`);
  const types = runEditor(editor, launch, ws, 'filetypes', plan);
  const lsp = runEditor(editor, launch, ws, 'server', plan);
  const failures = check(editor, ws, plan, types, lsp);
  log(
    `  ${ws.filetypes.length} file types, hovers (contact, ARM dump), definition, references (${(lsp.references ?? []).length} in ${new Set((lsp.references ?? []).map((l) => l.uri)).size} files), settings (recipe, changed at run time), executeCommand (${plan.commands.join(', ')}); recipe branch: ${lsp.branch}; ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const f of failures) log(`  ✗ ${f}`);
  if (failures.length === 0) log('  ✓ all checks passed');
  failed += failures.length;
}
if (!process.env.CC_LOGS_KEEP) fs.rmSync(ws.tmp, { recursive: true, force: true });
else log(`kept ${ws.tmp}`);
process.exit(failed > 0 ? 1 : 0);
