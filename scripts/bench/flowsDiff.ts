/**
 * Compares the flow status of two builds of `server/src/flows/status.ts` on one indexed corpus (indexed
 * once, with this tree's indexer): every chat, agent and call as `id kind outcome brokenStep start lastFile
 * lastLine label flow firstBroken` in the order of the list, and the full status of every `--every`-th, then
 * the time each build takes (alternating runs, `global.gc()` before each when node runs with --expose-gc).
 *
 *   node --expose-gc --import tsx scripts/bench/flowsDiff.ts --corpus DIR \
 *     --other /work/main/server/src/flows/status.ts [--runs 3] [--out DIR] [--every 97] [--no-dump]
 *
 * Writes DIR/this.txt and DIR/other.txt and says whether they differ (exit 1 when they do). `--profile PATH`
 * writes a CPU profile of the last run of each build (`--heap`: a sampling heap profile instead), `--mark`
 * prints `=== name run` and `=== end` around each run on stdout (to cut a `--trace-gc` log). For profiles with
 * line numbers, bundle it beside the index worker (`node scripts/build.mjs`, then esbuild this file to
 * `server/out/flowsDiff.js`, and the other build's status.ts to a .js file given to `--other`).
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector/promises';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import { builtinFlows } from '../../server/src/flows/builtin';
import * as mine from '../../server/src/flows/status';
import { option } from './args';

type Compute = typeof mine.computeFlowStatus;

function dump(snap: ReturnType<Compute>, every: number): string {
  const out: string[] = [];
  snap.summaries.forEach((s, i) => {
    out.push(
      [s.id, s.kind, s.outcome, s.brokenStep, s.start ?? '-', s.lastFileId, s.lastLine, s.label, s.flowTitle].join(
        ' ',
      ) + (s.firstBroken ? ` ${JSON.stringify(s.firstBroken)}` : ''),
    );
    if (i % every === 0) out.push(`  ${JSON.stringify(snap.status(i))}`);
  });
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = option(argv, 'corpus');
  const otherPath = option(argv, 'other');
  if (!corpus) throw new Error('--corpus DIR is required');
  const runs = Number(option(argv, 'runs') ?? 3);
  const every = Number(option(argv, 'every') ?? 97);
  const outDir = option(argv, 'out') ?? '/tmp';
  const only = option(argv, 'only');
  const builds: Array<[string, Compute]> = [];
  if (only !== 'other') builds.push(['this', mine.computeFlowStatus]);
  if (otherPath && only !== 'this')
    builds.push(['other', ((await import(path.resolve(otherPath))) as typeof mine).computeFlowStatus]);
  const t0 = Date.now();
  const ws = await loadWorkspace([corpus], { overrides: { zonelessOffset: '+02:00' } });
  process.stderr.write(`indexed in ${Date.now() - t0} ms\n`);
  const flows = builtinFlows();
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: Record<string, Array<{ ms: number; cpuMs: number }>> = {};
  for (let r = 0; r < runs; r++)
    for (const [name, compute] of builds) {
      gc?.();
      const profile = r === runs - 1 && option(argv, 'profile');
      const session = profile ? new inspector.Session() : undefined;
      if (session) {
        session.connect();
        if (argv.includes('--heap')) {
          await session.post('HeapProfiler.enable');
          await session.post('HeapProfiler.startSampling', {
            samplingInterval: 4096,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          });
        } else {
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
        }
      }
      if (argv.includes('--mark')) process.stdout.write(`=== ${name} ${r}\n`);
      const t = process.hrtime.bigint();
      const snap = compute(ws.query, flows);
      if (argv.includes('--mark')) process.stdout.write(`=== end\n`);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (session && profile) {
        const { profile: p } = argv.includes('--heap')
          ? await session.post('HeapProfiler.stopSampling')
          : await session.post('Profiler.stop');
        fs.writeFileSync(`${profile}.${name}.cpuprofile`, JSON.stringify(p));
        session.disconnect();
      }
      (times[name] ??= []).push({ ms: Math.round(ms), cpuMs: Math.round(snap.cpuMs) });
      process.stderr.write(
        `${name}: ${snap.count} subjects, ${Math.round(ms)} ms wall, ${Math.round(snap.cpuMs)} ms CPU\n`,
      );
      if (r === 0 && !argv.includes('--no-dump')) fs.writeFileSync(path.join(outDir, `${name}.txt`), dump(snap, every));
    }
  await ws.dispose();
  process.stdout.write(`${JSON.stringify(times)}\n`);
  if (builds.length === 2 && !argv.includes('--no-dump')) {
    const a = fs.readFileSync(path.join(outDir, 'this.txt'), 'utf8');
    const b = fs.readFileSync(path.join(outDir, 'other.txt'), 'utf8');
    process.stdout.write(a === b ? 'outcomes identical\n' : 'OUTCOMES DIFFER\n');
    if (a !== b) process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`flowsDiff: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
