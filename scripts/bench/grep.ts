/**
 * What the benchmarks share about the corpus and grep: grep's time and lines for an id (the reference
 * point of the references), the lines an LSP answer names, and which corpus file to open for a query.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchIds } from './corpus';

const MiB = 1 << 20;

export interface BenchPosition {
  line: number;
  character: number;
}
type Position = BenchPosition;

/** grep -rFn of `id` over the corpus, three times: the middle time, and `file:line` of every line found. */
export async function timeGrep(corpus: string, id: string): Promise<{ ms: number; count: number; lines: Set<string> }> {
  const runs: Array<{ ms: number; count: number; out: string }> = [];
  for (let i = 0; i < 3; i++)
    runs.push(await runCounting('grep', ['-rFn', '--exclude=bench-ids.json', id, corpus], 600_000, true));
  const lines = new Set<string>();
  for (const l of runs[0].out.split('\n')) {
    const m = /^(.*?):(\d+):/.exec(l);
    if (m) lines.add(`${path.relative(corpus, m[1])}:${m[2]}`);
  }
  runs.sort((a, b) => a.ms - b.ms);
  return { ms: runs[1].ms, count: runs[1].count, lines };
}

/** `file:line` (1-based, relative to the corpus) of each location in an LSP answer. */
export function locationLines(corpus: string, result: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(result)) return out;
  for (const loc of result as Array<{ uri?: string; range?: { start?: { line?: number } } }>) {
    if (!loc.uri?.startsWith('file:') || loc.range?.start?.line === undefined) continue;
    out.add(`${path.relative(corpus, fileURLToPath(loc.uri))}:${loc.range.start.line + 1}`);
  }
  return out;
}

/** Runs a command, counting the lines it prints; bounded by a deadline. */
export function runCounting(
  cmd: string,
  args: string[],
  deadlineMs: number,
  keep = false,
): Promise<{ ms: number; count: number; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let count = 0;
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) count++;
      if (keep && out.length < 16 * MiB) out += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - t0, count, code, out });
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ ms: Number.NaN, count: 0, code: null, out: '' });
    });
  });
}

/** The smallest plain (not gzip) file among `at`, with its place. */
export function smallestPlain(
  ids: BenchIds,
  at: BenchIds['contactAt'],
): (BenchIds['contactAt'][number] & Position) | undefined {
  const size = (p: string): number => ids.files.find((f) => f.path === p)?.bytes ?? Number.POSITIVE_INFINITY;
  return at
    .filter((a) => !ids.files.find((f) => f.path === a.file)?.gzip)
    .sort((a, b) => size(a.file) - size(b.file))[0];
}

export function languageOf(ids: BenchIds, file: string): string {
  return ids.files.find((f) => f.path === file)?.languageId ?? 'plaintext';
}
