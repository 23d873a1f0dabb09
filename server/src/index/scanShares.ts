/**
 * Shares the files of a search out between the worker threads so that they finish together. A
 * share is weighed by the work it costs, not by its bytes on disk: a gzip file is inflated before
 * it is searched, which costs about five times what reading and searching the same text from a plain
 * file costs (measured on the benchmark bundle with one id's byte-pair search, one thread: 2.5 ms of
 * CPU per inflated MB against 0.5 ms per MB), so its inflated size (from the gzip trailer) counts
 * that many times. With plain bytes only, the thread given the gzip files ended 100-150 ms after the
 * other.
 */
import { readSize } from './source';

/** Cost of one inflated byte of a gzip file, in plain bytes. */
export const GZIP_BYTE_COST = 5;
/** Inflated sizes remembered (a search follows a search on the same files). */
const MAX_REMEMBERED = 4096;

export interface ShareableTarget {
  path?: string;
  size?: number;
  /** The length of its text when already known (the workspace walk reads a gzip trailer). */
  textBytes?: number;
}

const inflatedSizes = new Map<string, number>();

/** What searching `t` costs, in plain bytes read and searched. */
export async function scanCost(t: ShareableTarget): Promise<number> {
  const size = t.size ?? 0;
  if (!t.path || !/\.gz$/i.test(t.path) || size === 0) return size;
  const inflated = t.textBytes ?? (await rememberedSize(t.path, size));
  // readSize answers the file's own size when it is no gzip file after all (a misnamed one).
  return inflated === size ? size : inflated * GZIP_BYTE_COST;
}

/** `readSize` of a file, remembered by path and size. */
async function rememberedSize(file: string, size: number): Promise<number> {
  const key = `${size}:${file}`;
  let inflated = inflatedSizes.get(key);
  if (inflated === undefined) {
    inflated = await readSize(file, size).catch(() => size);
    if (inflatedSizes.size >= MAX_REMEMBERED) inflatedSizes.clear();
    inflatedSizes.set(key, inflated);
  }
  return inflated;
}

/**
 * Splits `targets` into `count` shares of about equal cost: costliest first, each to the share
 * that costs least so far. Each share lists its costliest target first, so a thread's last files
 * are small ones and its lanes run out together.
 */
export function shareOut<T>(targets: readonly T[], costs: readonly number[], count: number): T[][] {
  const shares = Array.from({ length: Math.max(1, count) }, () => ({ picks: [] as number[], cost: 0 }));
  const order = targets.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  for (const i of order) {
    let least = shares[0];
    for (const s of shares) if (s.cost < least.cost) least = s;
    least.picks.push(i);
    least.cost += costs[i];
  }
  return shares.map((s) => s.picks.map((i) => targets[i]));
}
