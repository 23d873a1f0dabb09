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
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === request) return root;
  const log = o.log ?? (() => undefined);
  if (!fs.existsSync(KEYRING)) throw new Error(`${KEYRING} is missing (apt-get install debian-archive-keyring)`);
  for (const d of [root, path.join(dir, 'archives')]) fs.rmSync(d, { recursive: true, force: true });
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
  fs.mkdirSync(root, { recursive: true });
  log(`$ dpkg -x (${debs.length} packages: ${debs.map((d) => d.replace(/_.*$/, '')).join(' ')})`);
  for (const deb of debs) {
    const r = spawnSync('dpkg', ['-x', path.join(dir, 'archives', deb), root], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`dpkg -x ${deb} failed: ${r.stderr}`);
  }
  fs.writeFileSync(path.join(root, '.packages.txt'), debs.sort().join('\n') + '\n');
  fs.writeFileSync(stamp, request);
  // The archives are unpacked: only the tree is kept.
  fs.rmSync(path.join(dir, 'archives'), { recursive: true, force: true });
  return root;
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
