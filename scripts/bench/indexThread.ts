/**
 * Indexing on one thread, without the server: every file of a corpus through `runIndexJob` with the
 * extractor the index workers run (entities and flow markers), in one process; prints the CPU time of
 * the process, MB per CPU-second and a digest of every segment (keys, lines, columns, instants, links,
 * segment ends), so that two builds or two settings can be compared for speed and for the same index.
 *
 *   npm run bench:index -- --corpus DIR [--only SUBSTRING] [--scanner compiled|javascript] [--per-file]
 *                          [--per-family] [--without call.,device.] [--floor] [--scan-only]
 *
 * `--floor`: an extractor that finds nothing, so the run costs what reading, inflating, decoding, scanning
 * and cutting the records that hold an anchor cost (no rule run, no instant, no posting): the floor under
 * indexing, set against a run without it.
 *
 * `--scan-only`: each file is only read (and inflated) and its bytes scanned by the compiled scanner for
 * the anchors and literals its format's indexing looks for; nothing is decoded to text, no record cut:
 * the floor under an indexer that would do all its work on bytes (what no such design can go below).
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
import { runIndexJob, scannedLiterals, splitModeOf, type ScannerChoice } from '../../server/src/index/indexer';
import { AnchorFeed } from '../../server/src/index/anchorFeed';
import { openChunks } from '../../server/src/index/source';
import { detectFormat } from '../../server/src/formats/sniff';
import { flag, option } from './args';

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
      'usage: npm run bench:index -- --corpus DIR [--only SUBSTRING] [--scanner compiled|javascript] [--per-file] [--per-family] [--without PREFIXES] [--floor] [--scan-only]\n',
    );
    process.exit(2);
  }
  const only = option(argv, 'only');
  const scanner = (option(argv, 'scanner') ?? 'compiled') as ScannerChoice;
  const perFile = flag(argv, 'per-file');
  const perFamily = flag(argv, 'per-family');
  const without = (option(argv, 'without') ?? '').split(',').filter((p) => p.length > 0);
  const floor = flag(argv, 'floor');
  const scanOnly = flag(argv, 'scan-only');
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
  /** `--scan-only`: files the indexer reads without the compiled scanner (a header with no anchor). */
  let unscannedFiles = 0;
  let scannerProblem: string | undefined;
  for (const file of files) {
    if (only && !file.includes(only)) continue;
    const family = path.relative(dir, file).split(path.sep)[0]!;
    let f = families.get(family);
    if (!f) families.set(family, (f = { bytes: 0, cpu: 0, postings: 0, digest: crypto.createHash('sha256') }));
    const digests = perFamily ? [digest, f.digest] : [digest];
    const fileStart = process.cpuUsage();
    if (scanOnly) {
      const scanned = await scanFile(file, registry);
      if (!scanned.scanned) unscannedFiles++;
      const used = process.cpuUsage(fileStart);
      bytes += scanned.bytes;
      records += scanned.hits;
      f.bytes += scanned.bytes;
      f.cpu += (used.user + used.system) / 1e6;
      continue;
    }
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
        `${name.padEnd(12)} ${(f.bytes / 1048576).toFixed(1).padStart(7)} MB ${(f.cpu * 1000).toFixed(0).padStart(6)} ms ${(f.bytes / 1048576 / f.cpu).toFixed(1).padStart(6)} MB/CPU-s${scanOnly ? '' : ` ${f.postings} postings, digest ${f.digest.digest('hex').slice(0, 16)}`}`,
      );
  if (javascriptFiles > 0)
    console.log(
      `note: ${javascriptFiles} file(s) read with the JavaScript scanner, not the compiled one asked for (${scannerProblem})`,
    );
  if (scanOnly) {
    if (unscannedFiles > 0)
      console.log(`note: ${unscannedFiles} file(s) only read: the indexer reads every record of them, unscanned`);
    console.log(
      `${(bytes / 1048576).toFixed(1)} MB scanned, ${records} literal places, cpu ${cpu.toFixed(2)} s, ${(bytes / 1048576 / cpu).toFixed(1)} MB/CPU-s, wall ${((Date.now() - wallStart) / 1000).toFixed(2)} s`,
    );
    return;
  }
  console.log(
    `${(bytes / 1048576).toFixed(1)} MB, ${records} records, ${postings} postings, cpu ${cpu.toFixed(2)} s, ${(bytes / 1048576 / cpu).toFixed(1)} MB/CPU-s, wall ${((Date.now() - wallStart) / 1000).toFixed(2)} s, digest ${digest.digest('hex').slice(0, 16)}`,
  );
}

/**
 * `--scan-only`: reads `file` (inflating a gzip) and scans its bytes with the compiled scanner for what
 * its format's indexing looks for (the anchors, the header anchors, the extractor's literals).
 */
async function scanFile(
  file: string,
  registry: FormatRegistry,
): Promise<{ bytes: number; hits: number; scanned: boolean }> {
  const source = await openChunks(file, 0, 1 << 18);
  let feed: AnchorFeed | undefined;
  let first = true;
  let bytes = 0;
  let hits = 0;
  for await (const chunk of source.chunks) {
    if (first) {
      first = false;
      // What the indexer scans for (indexer.ts): nothing when some record must be read without an anchor.
      const head = chunk.toString('latin1', 0, 65_536);
      const format = detectFormat(registry, path.basename(file), head)?.format;
      const mode = splitModeOf(head, format, registry.formats);
      const { anchors, literals } = scannedLiterals(
        { anchors: anchorsWithMarks, literals: literalsWithMarks },
        format,
        mode,
      );
      const made = anchors ? AnchorFeed.create(anchors, literals) : undefined;
      if (typeof made === 'string') throw new Error(`${file}: ${made}`);
      feed = made;
    }
    bytes += chunk.length;
    if (!feed) continue;
    // The feed scans at most a decoded piece at a time, as the indexer hands it one.
    for (let at = 0; at < chunk.length; at += 1 << 16) {
      const found = feed.find(chunk.subarray(at, Math.min(chunk.length, at + (1 << 16))));
      if (!found) throw new Error(`${file}: the compiled scanner failed (${feed.broken})`);
      // `all` holds every literal's places when the extractor's literals were asked for too.
      hits += Math.max(found.count, feed.all.count);
    }
  }
  return { bytes, hits, scanned: feed !== undefined };
}

void main();
