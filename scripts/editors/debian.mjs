// Editors newer than the system's, from Debian's own repositories, for scripts/editors-test.mjs: apt-get fetches
// the packages (and, with `closure: true`, every library they need down to libc6) into a private folder with a
// private sources list and package lists, and dpkg -x unpacks them there. Nothing is installed: the system's
// packages, sources and dpkg database are untouched, so Debian 12's own Neovim 0.7 and Emacs 28 stay for their
// own runs. The unpacked tree is kept (.vscode-test/editors/<name>/root) and reused while the request is the same.
//
// Programs built for a newer Debian than the system's need a newer glibc: run them through the unpacked dynamic
// loader (`ldSoRun`), which loads the unpacked libraries for that program only; the processes it starts (the
// language server, `node`) use the system's loader and libraries as usual.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
const MIRROR = process.env.CC_LOGS_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

/**
 * Fetches and unpacks Debian packages; returns the folder they were unpacked in.
 * @param {object} o
 * @param {string} o.cache      folder of all fetched editors (.vscode-test/editors)
 * @param {string} o.name       a name for this set (its folder)
 * @param {string[]} o.suites   suites of the private sources list (`sid`, `bookworm bookworm-backports`...)
 * @param {string[]} o.packages the packages
 * @param {string} [o.release]  apt's target release (-t), to prefer a suite such as bookworm-backports
 * @param {boolean} [o.closure] every dependency (an empty dpkg status), for a Debian newer than the system's;
 *                              else only what the system lacks (the system's dpkg status)
 * @param {(m: string) => void} [o.log]
 */
export function fetchDebian(o) {
  const dir = path.join(o.cache, o.name);
  const root = path.join(dir, 'root');
  const stamp = path.join(root, '.fetched.json');
  const request = JSON.stringify({
    mirror: MIRROR,
    suites: o.suites,
    packages: o.packages,
    release: o.release ?? null,
    closure: !!o.closure,
  });
  const done = () => fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === request;
  if (done()) return root;
  fs.mkdirSync(dir, { recursive: true });
  const unlock = lock(dir);
  try {
    if (!done()) fetchInto(o, dir, root, stamp, request);
  } finally {
    unlock();
  }
  return root;
}

/** Fetches and unpacks into `<root>.partial`, renamed to `root` once complete. */
function fetchInto(o, dir, root, stamp, request) {
  const log = o.log ?? (() => undefined);
  if (!fs.existsSync(KEYRING)) throw new Error(`${KEYRING} is missing (apt-get install debian-archive-keyring)`);
  const partial = `${root}.partial`;
  for (const d of [partial, path.join(dir, 'archives')]) fs.rmSync(d, { recursive: true, force: true });
  for (const d of ['lists/partial', 'archives/partial', 'cache', 'etc'])
    fs.mkdirSync(path.join(dir, d), { recursive: true });
  const sources = path.join(dir, 'etc', 'sources.list');
  fs.writeFileSync(sources, o.suites.map((s) => `deb [signed-by=${KEYRING}] ${MIRROR} ${s} main\n`).join(''));
  const status = path.join(dir, 'status');
  if (o.closure) fs.writeFileSync(status, '');
  const apt = [
    `Dir::Etc::sourcelist=${sources}`,
    'Dir::Etc::sourceparts=-',
    `Dir::State::Lists=${path.join(dir, 'lists')}`,
    `Dir::State::status=${o.closure ? status : '/var/lib/dpkg/status'}`,
    `Dir::Cache=${path.join(dir, 'cache')}`,
    `Dir::Cache::archives=${path.join(dir, 'archives')}`,
    'Debug::NoLocking=1',
    'APT::Get::List-Cleanup=0',
  ].flatMap((opt) => ['-o', opt]);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (cmd, args) => {
    log(`$ ${cmd} ${args.filter((a) => !a.startsWith('Dir::') && a !== '-o').join(' ')}`);
    const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(
        `${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').slice(-1500)}`,
      );
    return r.stdout;
  };
  run('apt-get', [...apt, 'update']);
  run('apt-get', [
    ...apt,
    'install',
    '-y',
    '--download-only',
    '--no-install-recommends',
    ...(o.release ? ['-t', o.release] : []),
    ...o.packages,
  ]);
  const debs = fs.readdirSync(path.join(dir, 'archives')).filter((f) => f.endsWith('.deb'));
  if (debs.length === 0) throw new Error(`apt-get fetched no package of ${o.packages.join(' ')}`);
  fs.mkdirSync(partial, { recursive: true });
  log(`$ dpkg -x (${debs.length} packages: ${debs.map((d) => d.replace(/_.*$/, '')).join(' ')})`);
  for (const deb of debs) {
    const r = spawnSync('dpkg', ['-x', path.join(dir, 'archives', deb), partial], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dpkg -x ${deb} failed: ${r.stderr}`);
  }
  fs.writeFileSync(path.join(partial, '.packages.txt'), debs.sort().join('\n') + '\n');
  fs.writeFileSync(path.join(partial, path.basename(stamp)), request);
  fs.rmSync(root, { recursive: true, force: true });
  fs.renameSync(partial, root);
  // The archives are unpacked: only the tree is kept (not the package lists either, 20 MB a suite).
  for (const d of ['archives', 'lists', 'cache']) fs.rmSync(path.join(dir, d), { recursive: true, force: true });
}

/** A lock folder, so that two test runs do not fetch into the same folder at once (a dead owner's is taken over). */
function lock(dir) {
  const lockDir = path.join(dir, '.lock');
  const deadline = Date.now() + 10 * 60_000;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(readOr(path.join(lockDir, 'pid'), '0')) || 0;
      const since = statOr(lockDir)?.mtimeMs;
      if (since === undefined) continue; // released meanwhile
      const age = Date.now() - since;
      // No pid for a few seconds, or a pid that is gone: its owner died.
      if ((!owner && age > 5000) || (owner && !alive(owner))) fs.rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lockDir} (pid ${owner})`, { cause: error });
      else Atomics.wait(sleep, 0, 0, owner ? 1000 : 100);
    }
  }
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function statOr(file) {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The folders of shared libraries of an unpacked tree (usr/lib/<triplet>, lib/<triplet>). */
export function libraryDirs(root) {
  const dirs = [];
  for (const base of ['usr/lib', 'lib'])
    for (const d of fs.existsSync(path.join(root, base)) ? fs.readdirSync(path.join(root, base)) : [])
      if (/-linux-gnu/.test(d)) dirs.push(path.join(root, base, d));
  return dirs;
}

/** How to run `program` of an unpacked tree through the tree's own dynamic loader: [command, ...args]. */
export function ldSoRun(root, program) {
  const loader = libraryDirs(root)
    .flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f)))
    .find((f) => /\/ld-linux[^/]*\.so\.\d+$/.test(f));
  if (!loader) throw new Error(`no dynamic loader (ld-linux*.so) unpacked in ${root}`);
  return [loader, '--library-path', libraryDirs(root).join(':'), path.join(root, program)];
}
