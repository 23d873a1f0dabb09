/**
 * Benchmark of the flows and the problems:
 * - flow status of every chat and agent of a corpus, once it is indexed (from the index alone);
 * - problems of one big open file (the corpus's ECE listener, up to 100 MB, or --file), as the
 *   language server computes them for the Problems panel (rules, ARM dumps, requests unanswered).
 *
 *   npm run bench:corpus -- --size 200M --out /tmp/cc-corpus
 *   npm run bench:flows -- --corpus /tmp/cc-corpus [--file PATH] [--runs 3] [--json]
 *
 * Prints the median of the runs (and every run with --json). Targets (issue 16): flow status of a
 * 1 GiB bundle under 2 s, problems of a 100 MB file under 1 s.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import { textProblems } from '../../server/src/diagnostics/compute';
import { builtinFlows } from '../../server/src/flows/builtin';
import { computeFlowStatus } from '../../server/src/flows/status';
import { option } from './args';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = option(argv, 'corpus');
  if (!corpus) throw new Error('--corpus DIR is required (npm run bench:corpus writes one)');
  const runs = Number(option(argv, 'runs') ?? 3);
  const json = argv.includes('--json');
  const file = option(argv, 'file') ?? path.join(corpus, 'ece', 'eg_log_ECEAPP01_Listener.log');

  const t0 = Date.now();
  const ws = await loadWorkspace([corpus], { overrides: { zonelessOffset: '+02:00' } });
  const indexMs = Date.now() - t0;
  const stats = ws.index.stats();
  const statusRuns: number[] = [];
  const statusCpu: number[] = [];
  let subjects = 0;
  let broken = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const snap = computeFlowStatus(ws.query, builtinFlows());
    statusRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
    statusCpu.push(snap.cpuMs);
    subjects = snap.count;
    broken = 0;
    for (let s = 0; s < snap.count; s++) if (snap.outcome(s) === 'broken') broken++;
  }
  await ws.dispose();

  const text = fs.readFileSync(file, 'utf8');
  const problemRuns: number[] = [];
  let problems = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    problems = textProblems(text, undefined, undefined, 'ece').problems.length;
    problemRuns.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const result = {
    corpus: { path: corpus, bytes: stats.bytes, files: stats.indexedFiles, postings: stats.postings, indexMs },
    flowStatus: {
      subjects,
      broken,
      ms: Math.round(median(statusRuns)),
      cpuMs: Math.round(median(statusCpu)),
      runs: statusRuns.map(Math.round),
    },
    problems: {
      file,
      bytes: Buffer.byteLength(text),
      found: problems,
      ms: Math.round(median(problemRuns)),
      runs: problemRuns.map(Math.round),
    },
  };
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else
    process.stdout.write(
      [
        `corpus ${corpus}: ${(stats.bytes / 2 ** 20).toFixed(0)} MiB in ${stats.indexedFiles} files, indexed in ${indexMs} ms`,
        `flow status: ${subjects} chats and agents (${broken} broken) in ${result.flowStatus.ms} ms, ${result.flowStatus.cpuMs} ms CPU (median of ${runs})`,
        `problems of ${path.basename(file)} (${(result.problems.bytes / 2 ** 20).toFixed(0)} MiB): ${problems} in ${result.problems.ms} ms (median of ${runs})`,
        '',
      ].join('\n'),
    );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:flows: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
