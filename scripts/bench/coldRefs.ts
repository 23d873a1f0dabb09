/**
 * References asked the moment the server is initialized, the phase `npm run bench` measures once
 * inside its query run ("references asked right after initialize"), N times: each run times grep
 * -rFn for the followed contact, then starts a fresh server on the corpus, opens the smallest plain
 * file that names the contact and asks for its references at once, before the server has listed the
 * workspace, while both cores start indexing. Prints each run against grep with the ratio and how
 * many of grep's lines the answer holds.
 *
 *   npm run bench:cold-refs -- --corpus DIR [--runs 5] [--server FILE] [--cpu-prof DIR] [--json]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flag, option, corpusOption } from './args';
import type { BenchIds } from './corpus';
import { languageOf, locationLines, smallestPlain, timeGrep } from './grep';
import { LspSession } from './lspSession';

const ROOT = path.resolve(__dirname, '..', '..');

interface ColdRun {
  ms: number;
  grepMs: number;
  ratio: number;
  locations: number;
  grepLines: number;
  grepLinesFound: number;
  load: number;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = corpusOption(
    argv,
    'npm run bench:cold-refs -- --corpus DIR [--runs 5] [--server FILE] [--cpu-prof DIR] [--json]',
  );
  const ids = JSON.parse(fs.readFileSync(path.join(corpus, 'bench-ids.json'), 'utf8')) as BenchIds;
  const serverJs = path.resolve(option(argv, 'server') ?? path.join(ROOT, 'server', 'out', 'server.js'));
  if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} is missing: build first (node scripts/build.mjs)`);
  const runs = Number(option(argv, 'runs') ?? 5);
  const profDir = option(argv, 'cpu-prof');
  const doc = smallestPlain(ids, ids.contactAt);
  if (!doc) throw new Error('the corpus names no plain file holding the followed contact');
  const file = path.join(corpus, doc.file);
  const text = fs.readFileSync(file, 'utf8');
  const out: ColdRun[] = [];
  for (let i = 0; i < runs; i++) {
    const grep = await timeGrep(corpus, ids.contactId);
    const load = os.loadavg()[0];
    const args = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir, `run${i + 1}`)}`] : [];
    const session = LspSession.start(serverJs, args);
    try {
      await session.initialize(corpus, 60_000);
      const uri = await session.open(file, languageOf(ids, doc.file), text);
      const answer = await session.request<unknown[]>(
        'textDocument/references',
        {
          textDocument: { uri },
          position: { line: doc.line, character: doc.character },
          context: { includeDeclaration: true },
        },
        600_000,
      );
      if (!answer.result) throw new Error(`run ${i + 1}: no answer (${answer.error ?? 'deadline'})`);
      const got = locationLines(corpus, answer.result);
      let found = 0;
      for (const l of grep.lines) if (got.has(l)) found++;
      const run: ColdRun = {
        ms: answer.ms,
        grepMs: grep.ms,
        ratio: answer.ms / grep.ms,
        locations: answer.result.length,
        grepLines: grep.lines.size,
        grepLinesFound: found,
        load,
      };
      out.push(run);
      process.stderr.write(
        `run ${i + 1}: ${run.ms.toFixed(0)} ms against grep ${run.grepMs.toFixed(0)} ms (${run.ratio.toFixed(2)}x), ${run.locations} locations, ${found} of ${run.grepLines} grep lines, load ${load.toFixed(2)}\n`,
      );
    } finally {
      await session.stop();
    }
  }
  const worst = Math.max(...out.map((r) => r.ratio));
  if (flag(argv, 'json')) process.stdout.write(`${JSON.stringify({ runs: out, worstRatio: worst }, null, 2)}\n`);
  else
    process.stdout.write(
      `cold references: ${out.map((r) => r.ms.toFixed(0)).join(', ')} ms; grep ${out.map((r) => r.grepMs.toFixed(0)).join(', ')} ms; worst ${worst.toFixed(2)}x (target <= 1.5x in every run)\n`,
    );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
