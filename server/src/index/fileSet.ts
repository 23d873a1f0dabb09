/**
 * Which files of the workspace folders are logs to index: the include and exclude globs of the
 * settings (relative to each folder), the per-file size cap, and the total cap, newest files first
 * so that a cap keeps the logs most likely to matter. Caps count bytes of text: a gzip file counts
 * the size its trailer says it inflates to, and the read stops inflating at the cap whatever the
 * trailer said (`openChunks`). Folders are walked without following links.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { IndexSettings } from './settings';
import { readSize, readSizeSync } from './source';

export interface FoundFile {
  path: string;
  /** Size on disk. */
  size: number;
  /** Bytes of text the caps count: the size, or for a gzip file the size it says it inflates to. */
  textBytes: number;
  mtimeMs: number;
}

export interface SkippedFile {
  path: string;
  /** Bytes of text (inflated for gzip) that the cap counted. */
  size: number;
  /** `cut at the cap`: a gzip that inflated past a cap; its text up to the cap is indexed. */
  reason: 'too large' | 'over the total cap' | 'cut at the cap';
}

/** Names of files that are probably gzip; their inflated size is read from the gzip trailer. */
const GZIP_NAME = /\.(?:gz|gzip|tgz)$/i;

/** Bytes of text a file holds for the caps: inflated size for gzip (an estimate, checked when read). */
export async function textBytesOf(file: string, size: number): Promise<number> {
  return GZIP_NAME.test(file) ? readSize(file, size).catch(() => size) : size;
}

/** `textBytesOf`, synchronously (the folder walk). */
function textBytesOfSync(file: string, size: number): number {
  if (!GZIP_NAME.test(file)) return size;
  try {
    return readSizeSync(file, size);
  } catch {
    return size;
  }
}

export interface Discovery {
  files: FoundFile[];
  skipped: SkippedFile[];
  /** Sum of the text bytes of `files`. */
  totalBytes: number;
  /** The walk stopped early (too many entries). */
  truncated: boolean;
}

/** Entries looked at per walk, whatever the folders hold. */
const MAX_ENTRIES = 500_000;
/** Entries looked at between two turns of the event loop. */
const WALK_BATCH = 256;

export class FileFilter {
  private readonly include: (p: string) => boolean;
  private readonly exclude: (p: string) => boolean;

  constructor(settings: Pick<IndexSettings, 'include' | 'exclude'>) {
    const opts = { dot: true, nocase: process.platform === 'win32' };
    this.include = settings.include.length ? picomatch(settings.include, opts) : () => false;
    this.exclude = settings.exclude.length ? picomatch(settings.exclude, opts) : () => false;
  }

  /** `relative`: path inside its workspace folder, with `/` separators. */
  matches(relative: string): boolean {
    return this.include(relative) && !this.exclude(relative);
  }

  /** Whether nothing inside the folder can be included (it is excluded as a whole). */
  prunes(relativeDir: string): boolean {
    return this.exclude(`${relativeDir}/x`) && this.exclude(`${relativeDir}/x/y.log`);
  }
}

/** Finds the files to index under `folders` (absolute paths). */
export async function discoverFiles(
  folders: readonly string[],
  settings: IndexSettings,
  isCancelled: () => boolean = () => false,
): Promise<Discovery> {
  const filter = new FileFilter(settings);
  const found: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  let entries = 0;
  let truncated = false;
  const maxFile = settings.maxFileSizeMB * 1024 * 1024;

  // Synchronous calls, with the event loop let run every WALK_BATCH entries: a stat from the page
  // cache costs microseconds, its round trip through libuv's threads a hundred times more (a walk of
  // 186 files took 100 ms, the time a search asked at once waits for the list).
  let sinceBreak = 0;
  const walk = async (root: string, dir: string): Promise<void> => {
    if (isCancelled() || truncated) return;
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are left out
    }
    const subdirs: string[] = [];
    for (const e of list) {
      if (++entries > MAX_ENTRIES) {
        truncated = true;
        break;
      }
      if (++sinceBreak >= WALK_BATCH) {
        sinceBreak = 0;
        await new Promise((resolve) => setImmediate(resolve));
        if (isCancelled()) return;
      }
      const full = path.join(dir, e.name);
      const rel = toRelative(root, full);
      // Symbolic links are neither: never followed (see reachableWithoutLinks).
      if (e.isDirectory()) {
        if (!filter.prunes(rel)) subdirs.push(full);
      } else if (e.isFile() && filter.matches(rel) && !seen.has(full)) {
        seen.add(full);
        try {
          const st = fs.statSync(full);
          const textBytes = textBytesOfSync(full, st.size);
          if (textBytes > maxFile) skipped.push({ path: full, size: textBytes, reason: 'too large' });
          else found.push({ path: full, size: st.size, textBytes, mtimeMs: st.mtimeMs });
        } catch {
          // vanished between listing and stat
        }
      }
    }
    for (const d of subdirs) await walk(root, d);
  };
  for (const f of folders) await walk(f, f);

  // Newest first: under a cap, the logs of the latest incident are the ones kept.
  found.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  const cap = settings.maxTotalGB * 1024 ** 3;
  const files: FoundFile[] = [];
  let total = 0;
  for (const f of found) {
    if (total + f.textBytes > cap) skipped.push({ path: f.path, size: f.textBytes, reason: 'over the total cap' });
    else {
      files.push(f);
      total += f.textBytes;
    }
  }
  return { files, skipped, totalBytes: total, truncated };
}

/**
 * The one rule for symbolic links, for the folder walk and for file watcher events alike: a file is
 * part of a workspace folder only when neither it nor any folder between it and the workspace
 * folder is a symbolic link (the folder itself may be one). A link may lead out of the workspace,
 * to another user's files or to a loop; the walk never follows one, so an event must not either.
 */
export async function reachableWithoutLinks(root: string, full: string): Promise<boolean> {
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  let at = root;
  for (const part of rel.split(path.sep)) {
    at = path.join(at, part);
    try {
      if ((await fs.promises.lstat(at)).isSymbolicLink()) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Path of `full` inside `root` with `/` separators. */
export function toRelative(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join('/');
}
