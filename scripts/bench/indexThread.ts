/**
 * Indexing on one thread, without the server: every file of a corpus through `runIndexJob` with the
 * extractor the index workers run (entities and flow markers), in one process; prints the CPU time of
 * the process, MB per CPU-second and a digest of every segment (keys, lines, columns, instants, links,
 * segment ends), so that two builds or two settings can be compared for speed and for the same index.
 *
 *   npm run bench:index -- --corpus DIR [--only SUBSTRING] [--scanner compiled|javascript] [--per-file]
 *                          [--per-family] [--without call.,device.] [--floor]
 *
 * `--floor`: an extractor that finds nothing, so the run costs what reading, inflating, decoding, scanning
 * and cutting the records that hold an anchor cost (no rule run, no instant, no posting): the floor under
 * indexing, set against a run without it.
 *
 * `--without`: entity rules whose id starts with one of these prefixes are taken out of every format's
 * declared entities (the cost of a rule family: run with and without it, alternating).
 * With `--per-family`, each family (top folder of the corpus) gets its own line with its own digest.
 * CPU time is the process's (user + system) over the indexing loop; take it on a quiet machine and
 * repeat, the machine is shared.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from '../../server/src/flows/marks';
import { builtinFormatsDirectory, FormatRegistry } from '../../server/src/formats/registry';
import { runIndexJob, type ScannerChoice } from '../../server/src/index/indexer';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name !== 'bench-ids.json') out.push(p);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dir = option(argv, 'corpus') ?? argv.find((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write(
      'usage: npm run bench:index -- --corpus DIR [--only SUBSTRING] [--scanner compiled|javascript] [--per-file] [--per-family] [--without PREFIXES] [--floor]\n',
    );
    process.exit(2);
  }
  const only = option(argv, 'only');
  const scanner = (option(argv, 'scanner') ?? 'compiled') as ScannerChoice;
  const perFile = argv.includes('--per-file');
  const perFamily = argv.includes('--per-family');
  const without = (option(argv, 'without') ?? '').split(',').filter((p) => p.length > 0);
  const floor = argv.includes('--floor');
  const nothing = { occurrences: [], links: [] };
  const extract: typeof extractWithMarks = floor ? () => nothing : extractWithMarks;
  const files: string[] = [];
  walk(dir, files);
  files.sort();
  const registry = FormatRegistry.load([builtinFormatsDirectory()]);
  if (without.length > 0)
    for (const f of registry.formats) {
      const def = f.def as { entities?: string[] };
      if (def.entities) def.entities = def.entities.filter((e) => !without.some((p) => e.startsWith(p)));
    }
  const digest = crypto.createHash('sha256');
  const families = new Map<string, { bytes: number; cpu: number; postings: number; digest: crypto.Hash }>();
  let bytes = 0;
  let postings = 0;
  let records = 0;
  const start = process.cpuUsage();
  const wallStart = Date.now();
  let fileId = 0;
  let javascriptFiles = 0;
  let scannerProblem: string | undefined;
  for (const file of files) {
    if (only && !file.includes(only)) continue;
    const family = path.relative(dir, file).split(path.sep)[0]!;
    let f = families.get(family);
    if (!f) families.set(family, (f = { bytes: 0, cpu: 0, postings: 0, digest: crypto.createHash('sha256') }));
    const digests = perFamily ? [digest, f.digest] : [digest];
    const fileStart = process.cpuUsage();
    const summary = await runIndexJob(
      {
        fileId: fileId++,
        path: file,
        fileName: path.basename(file),
        time: { fileDateMs: fs.statSync(file).mtimeMs },
        scanner,
      },
      { registry, extract, anchors: anchorsWithMarks, literals: literalsWithMarks },
      (seg) => {
        // The whole corpus's digest, and with --per-family the family's too (hashing counts in the CPU
        // time, the same for both builds compared).
        const head = JSON.stringify([
          seg.firstLine,
          seg.endLine,
          seg.endByte,
          seg.records,
          seg.keys,
          seg.links,
          seg.timeBase,
          seg.timeScale,
        ]);
        for (const d of digests) {
          d.update(head);
          d.update(seg.keyStart);
          d.update(seg.lines);
          d.update(seg.columns);
          d.update(seg.times);
        }
      },
      { cancelled: () => false, gate: () => undefined },
    );
    if (scanner === 'compiled' && summary.scannerProblem) {
      // Said, since the digest is the same with either scanner: a build without its scanner.wasm would
      // otherwise be compared as if it had one.
      javascriptFiles++;
      scannerProblem ??= summary.scannerProblem;
    }
    const used = process.cpuUsage(fileStart);
    const cpu = (used.user + used.system) / 1e6;
    bytes += summary.bytes;
    postings += summary.postings;
    records += summary.records;
    f.bytes += summary.bytes;
    f.cpu += cpu;
    f.postings += summary.postings;
    if (perFile)
      console.log(
        `${path.relative(dir, file)} ${summary.formatId} ${(summary.bytes / 1048576).toFixed(1)} MB ${(cpu * 1000).toFixed(0)} ms ${summary.postings} postings ${summary.records} records`,
      );
  }
  const used = process.cpuUsage(start);
  const cpu = (used.user + used.system) / 1e6;
  if (perFamily)
    for (const [name, f] of families)
      console.log(
        `${name.padEnd(12)} ${(f.bytes / 1048576).toFixed(1).padStart(7)} MB ${(f.cpu * 1000).toFixed(0).padStart(6)} ms ${(f.bytes / 1048576 / f.cpu).toFixed(1).padStart(6)} MB/CPU-s ${f.postings} postings, digest ${f.digest.digest('hex').slice(0, 16)}`,
      );
  if (javascriptFiles > 0)
    console.log(
      `note: ${javascriptFiles} file(s) read with the JavaScript scanner, not the compiled one asked for (${scannerProblem})`,
    );
  console.log(
    `${(bytes / 1048576).toFixed(1)} MB, ${records} records, ${postings} postings, cpu ${cpu.toFixed(2)} s, ${(bytes / 1048576 / cpu).toFixed(1)} MB/CPU-s, wall ${((Date.now() - wallStart) / 1000).toFixed(2)} s, digest ${digest.digest('hex').slice(0, 16)}`,
  );
}

void main();
