/**
 * The benchmark: drives the built server over stdio exactly as an editor does, against a corpus
 * written by `npm run bench:corpus`, and prints a table (or, with --json, one JSON object).
 *
 *   npm run bench -- --corpus DIR [--json] [--hovers 1000] [--refs 200] [--timelines 50] [--no-lnav] [--cpu-prof DIR]
 *                    [--skip index,queries,flows,windows,tokenize,lnav]   (leave phases out: their numbers stay null)
 *                    [--large-gb 1] [--large-file PATH]   (the log read in windows)
 *                    [--server path/to/server.js]   (another build, to compare)
 *                    [--json-out FILE]              (also write the JSON object to FILE)
 *
 * Steps, each bounded by a deadline:
 *  1. read every corpus file once (page cache warm for the server and grep alike);
 *  2. `grep -rFn <contact id> DIR`, three times, median;
 *  3. server run 1: initialize with DIR as workspace folder, wait until the workspace index is idle:
 *     throughput (wall and per CPU-second), index memory per line, peak RSS;
 *  4. server run 2: open a small file holding the followed contact and ask textDocument/references
 *     right after initialize, then again as soon as the server has listed the workspace (cold: next
 *     to nothing indexed), each answer checked against the lines grep found; definition; when the
 *     index is idle, references for many ids (warm p50/p99); then didOpen of the hover file's first
 *     50 MB (the most VS Code hands an extension) and the first hover, hovers at random positions
 *     (p50/p99) and on byte dumps; peak RSS; before the hovers, the flow status of every chat and agent
 *     (the first `ccLogs/flows` page, cold and warm) and, after them, the problems of a 100 MB open file
 *     (didOpen to publishDiagnostics, and the computation alone in this process) (`flowsPhase.ts`);
 *  5. server run 3: a log of 1 GiB (`--large-gb N`, or `--large-file PATH`) read in windows: the window
 *     at its middle line the first time and at another line, and the first hover inside it;
 *  6. tokenization of 10k lines per log family with our grammars and VS Code's `log` grammar;
 *  7. `lnav -n` loading the same bundle, when lnav is installed.
 * Features the server does not announce (referencesProvider, ...) are reported as n/a, never guessed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flag, option, corpusOption } from './args';
import type { BenchIds } from './corpus';
import { Rng } from './corpus/prng';
import { LspSession, processUsage, sleep } from './lspSession';
import { percentile, table, type BenchResults } from './report';
import { Tokenizers } from './tokenize';
import { IndexStatsRequest } from '../../protocol/indexStats';
import { windowsRun } from './windows';
import { languageOf, locationLines, runCounting, smallestPlain, timeGrep, type BenchPosition } from './grep';
import { flowsPhase, problemsPhase } from './flowsPhase';
import { HOVER_DOC_BYTES, hoverDocument, lineStarts, measureFirstHover } from './firstHover';

const ROOT = path.resolve(__dirname, '..', '..');
let SERVER_JS = path.join(ROOT, 'server', 'out', 'server.js');
const BUILTIN_EXTENSIONS = path.join(
  ROOT,
  '.vscode-test',
  'code-server',
  'node_modules',
  'code-server',
  'lib',
  'vscode',
  'extensions',
);
const MiB = 1024 * 1024;
/** The figures the server gives of its index (`ccLogs/indexStats`, declared in protocol/indexStats.ts). */
type IndexStatsAnswer = IndexStatsRequest.Result;

type Position = BenchPosition;

/** `file:line` of every line grep found the followed contact id on. */
let grepLines = new Set<string>();

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = corpusOption(
    argv,
    'npm run bench -- --corpus DIR [--json] [--hovers N] [--refs N] [--no-lnav] [--skip PHASES] [--cpu-prof DIR] [--server FILE] [--json-out FILE]',
  );
  const serverArg = option(argv, 'server');
  if (serverArg) SERVER_JS = path.resolve(serverArg);
  const ids = JSON.parse(fs.readFileSync(path.join(corpus, 'bench-ids.json'), 'utf8')) as BenchIds;
  if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: build first (node scripts/build.mjs)`);
  // Run a copy of the build: a rebuild while the bench runs must not change the server under test.
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-bench-server-'));
  fs.cpSync(path.dirname(SERVER_JS), snapshot, { recursive: true });
  const built = fs.statSync(SERVER_JS).mtime;
  SERVER_JS = path.join(snapshot, path.basename(SERVER_JS));
  process.on('exit', () => fs.rmSync(snapshot, { recursive: true, force: true }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130)); // and clean up
  const hoverCount = Number(option(argv, 'hovers') ?? 1000);
  const refsCount = Number(option(argv, 'refs') ?? 200);
  const timelineCount = Number(option(argv, 'timelines') ?? 50);
  const profDir = option(argv, 'cpu-prof');
  const notes: string[] = [];

  const gz = ids.files.filter((f) => f.gzip);
  const results: BenchResults = {
    date: new Date().toISOString(),
    ...gitState(),
    server: path.resolve(serverArg ?? path.join(ROOT, 'server', 'out', 'server.js')),
    serverBuiltAt: built.toISOString(),
    machine: machine(),
    corpus: {
      dir: corpus,
      bytes: ids.bytes,
      diskBytes: ids.diskBytes,
      lines: ids.lines,
      files: ids.files.length,
      gzFiles: gz.length,
      gzBytes: gz.reduce((s, f) => s + f.bytes, 0),
      seed: ids.seed,
      simulatedHours: ids.simulatedHours,
    },
    capabilities: { references: false, definition: false, indexStats: false, indexProgress: false },
    indexMBps: null,
    indexMBpsPerCpuSecond: null,
    indexSeconds: null,
    indexMainThreadCpuSeconds: null,
    indexBytesPerLine: null,
    indexBytesPerLineSource: null,
    indexPeakRssMB: null,
    indexRssGrowthMB: null,
    indexRssBytesPerLine: null,
    peakRssMB: null,
    refsImmediateMs: null,
    refsImmediateCount: null,
    refsColdMs: null,
    refsColdCount: null,
    refsColdIndexedPercent: null,
    refsWarmCount: null,
    refsImmediateGrepLines: null,
    refsColdGrepLines: null,
    refsWarmGrepLines: null,
    grepMs: 0,
    grepCount: 0,
    definitionMs: null,
    refsWarmP50Ms: null,
    refsWarmP99Ms: null,
    refsWarmQueries: 0,
    timelineContactLines: null,
    timelineContactColdMs: null,
    timelineContactWarmP50Ms: null,
    timelineContactWarmP99Ms: null,
    timelineAgentId: null,
    timelineAgentLines: null,
    timelineAgentColdMs: null,
    timelineAgentWarmP50Ms: null,
    timelineAgentWarmP99Ms: null,
    timelineWarmQueries: 0,
    hoverFile: ids.hoverFile,
    hoverFileMB: Math.min(HOVER_DOC_BYTES, ids.files.find((f) => f.path === ids.hoverFile)?.bytes ?? 0) / MiB,
    firstHoverMs: null,
    firstHoverSendMs: null,
    hoverP50Ms: null,
    hoverP99Ms: null,
    hoverDumpP99Ms: null,
    hoverSamples: 0,
    hoverAnswered: 0,
    flowsSubjects: null,
    flowsBroken: null,
    flowsFirstPageMs: null,
    flowsStatusMs: null,
    flowsStatusCpuMs: null,
    flowsWarmPageP50Ms: null,
    flowsDeepPageMs: null,
    flowsPageKB: null,
    flowsRssGrowthMB: null,
    problemsFile: null,
    problemsFileMB: null,
    problemsMs: null,
    problemsSendMs: null,
    problemsCount: null,
    problemsCodes: [],
    problemsComputeMs: null,
    problemsComputeCpuMs: null,
    problemsPeakRssMB: null,
    windowFileGB: null,
    windowLine: null,
    windowColdMs: null,
    windowColdCpuMs: null,
    windowTimeMs: null,
    windowTimeCpuMs: null,
    windowTimeLine: null,
    windowWarmMs: null,
    windowHoverMs: null,
    tokenizeMsPer10kLines: null,
    builtinLogMsPer10kLines: null,
    tokenize: {},
    skipped: [],
    notes,
  };

  // 1. Page cache.
  const warmMs = await readAll(corpus, ids);
  log(`read the corpus once in ${(warmMs / 1000).toFixed(1)} s (page cache warm)`);

  // 2. grep.
  const grep = await timeGrep(corpus, ids.contactId);
  results.grepMs = grep.ms;
  results.grepCount = grep.count;
  grepLines = grep.lines;
  log(`grep: ${grep.ms.toFixed(0)} ms, ${grep.count} lines`);

  // 3. Run 1: indexing alone.
  const skip = new Set((option(argv, 'skip') ?? '').split(',').filter(Boolean));
  if (flag(argv, 'no-lnav')) skip.add('lnav');
  results.skipped = [...skip];
  if (!skip.has('index')) await indexRun(corpus, ids, results, profDir);

  // 4. Run 2: queries and hovers.
  if (!skip.has('queries'))
    await queryRun(corpus, ids, results, hoverCount, refsCount, timelineCount, profDir, !skip.has('flows'));
  else results.skipped.push('flows');

  // 5. A log too large to open, read in windows.
  if (!skip.has('windows')) {
    const largeFile = option(argv, 'large-file');
    await windowsRun(
      SERVER_JS,
      corpus,
      ids,
      results,
      {
        ...(largeFile ? { largeFile: path.resolve(largeFile) } : {}),
        largeGb: Number(option(argv, 'large-gb') ?? 1),
        ...(profDir ? { profDir } : {}),
      },
      log,
    );
  }

  // 6. Tokenization.
  if (!skip.has('tokenize')) await tokenization(corpus, ids, results);

  // 7. lnav.
  if (!skip.has('lnav')) {
    const lnav = await lnavLoad(corpus, notes);
    if (lnav !== undefined) results.lnavLoadMs = lnav;
  }

  results.machine.loadAverageAtEnd = os.loadavg()[0];
  if (results.machine.loadAverageAtStart > 0.5 || results.machine.loadAverageAtEnd > 1.5) {
    notes.push(
      `the machine was not idle (1-minute load average ${results.machine.loadAverageAtStart.toFixed(2)} at the start, ${results.machine.loadAverageAtEnd.toFixed(2)} at the end): timings may be noisy`,
    );
  }
  const jsonOut = option(argv, 'json-out');
  if (jsonOut) fs.writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
  if (flag(argv, 'json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(`${table(results)}\n`);
}

// ---------------------------------------------------------------------------------------------

async function indexRun(corpus: string, ids: BenchIds, r: BenchResults, profDir: string | undefined): Promise<void> {
  log('server run 1: indexing the workspace');
  const session = LspSession.start(SERVER_JS, profArgs(profDir, 'index'));
  try {
    await session.initialize(corpus, 60_000);
    const base = processUsage(session.pid);
    const started = performance.now();
    const usage0 = processUsage(session.pid);
    const cpu0 = usage0?.cpuSeconds ?? 0;
    r.capabilities.references = !!session.capabilities.referencesProvider;
    r.capabilities.definition = !!session.capabilities.definitionProvider;
    const deadline = Math.max(120_000, (ids.bytes / MiB / 5) * 1000); // 5 MB/s is the slowest we wait for
    const idle = await waitIndexIdle(session, deadline, r);
    if (!idle) {
      if (!session.alive) r.notes.push(`indexing run: ${session.describeExit()}`);
      else
        r.notes.push(
          'no workspace indexing observed (no ccLogs/indexStats answer, no indexing progress): index numbers are n/a',
        );
      return;
    }
    if (idle.timedOut) r.notes.push(`indexing did not finish within ${(deadline / 1000).toFixed(0)} s`);
    const seconds = (idle.at - started) / 1000;
    const usage = processUsage(session.pid);
    const cpu = (usage?.cpuSeconds ?? cpu0) - cpu0;
    const mainCpu = usage && usage0 ? usage.mainThreadCpuSeconds - usage0.mainThreadCpuSeconds : null;
    r.indexMainThreadCpuSeconds = mainCpu;
    // The server's own count of bytes when it gives one, else the corpus size.
    const bytes = r.capabilities.indexStats && idle.stats?.bytes ? idle.stats.bytes : ids.bytes;
    r.indexSeconds = seconds;
    r.indexMBps = bytes / MiB / seconds;
    r.indexMBpsPerCpuSecond = cpu > 0 ? bytes / MiB / cpu : null;
    r.indexPeakRssMB = usage?.peakRssMB ?? null;
    if (usage && base) {
      r.indexRssGrowthMB = usage.rssMB - base.rssMB;
      r.indexRssBytesPerLine = (r.indexRssGrowthMB * MiB) / ids.lines;
    }
    if (idle.stats?.memoryBytes && idle.stats.lines) {
      r.indexBytesPerLine = idle.stats.memoryBytes / idle.stats.lines;
      r.indexBytesPerLineSource = 'server stats';
    } else if (r.indexRssBytesPerLine !== null) {
      r.indexBytesPerLine = r.indexRssBytesPerLine;
      r.indexBytesPerLineSource = 'rss delta';
      r.notes.push('index memory per line estimated from the growth of the server RSS (no index statistics request)');
    }
    log(
      `indexed ${(bytes / MiB).toFixed(0)} MB in ${seconds.toFixed(1)} s (${cpu.toFixed(1)} CPU-s, of which ${mainCpu?.toFixed(1) ?? '?'} on the main thread)`,
    );
  } finally {
    await session.stop();
  }
}

interface Idle {
  at: number;
  timedOut: boolean;
  stats?: IndexStatsAnswer;
}

/**
 * Waits until the workspace index is idle, asking the server's `ccLogs/indexStats` request; when the
 * server does not answer it (another build), through work-done progress whose title speaks of
 * indexing, without figures. Undefined when neither shows.
 */
async function waitIndexIdle(session: LspSession, deadlineMs: number, r: BenchResults): Promise<Idle | undefined> {
  const t0 = performance.now();
  const probe = await indexStats(session, 5000);
  const hasStats = probe !== undefined;
  r.capabilities.indexStats = hasStats;
  for (;;) {
    const now = performance.now();
    if (!session.alive) return undefined;
    if (hasStats) {
      const s = await indexStats(session, 30_000);
      // Right after initialize the server has not listed the workspace yet and is not running either:
      // idle means the files were listed and every listed byte was indexed.
      const p = s?.progress;
      if (s && s.running === false && p && p.filesTotal > 0 && p.bytesDone >= p.bytesTotal)
        return { at: performance.now(), timedOut: false, stats: s };
    } else {
      const progress = [...session.progress.values()].filter((p) => /index/i.test(p.title));
      if (progress.length > 0) r.capabilities.indexProgress = true;
      const open = progress.some((p) => p.ended === undefined);
      if (progress.length > 0 && !open && now - Math.max(...progress.map((p) => p.ended!)) > 2000)
        return { at: Math.max(...progress.map((p) => p.ended!)), timedOut: false };
      if (progress.length === 0 && now - t0 > 5000) return undefined;
    }
    if (now - t0 > deadlineMs) {
      const s = hasStats ? await indexStats(session, 30_000) : undefined;
      return { at: now, timedOut: true, ...(s ? { stats: s } : {}) };
    }
    await sleep(50);
  }
}

/** The server's index figures, or undefined when it does not answer `ccLogs/indexStats`. */
async function indexStats(session: LspSession, deadlineMs: number): Promise<IndexStatsAnswer | undefined> {
  const s = await session.request<IndexStatsAnswer>(IndexStatsRequest.method, {}, deadlineMs);
  return s.result ?? undefined;
}

/**
 * Waits until the server's index counts at least `files` files in its current round (its workspace
 * walk is done), and says how much of the bytes it had indexed by then, from `ccLogs/indexStats`.
 */
async function waitWorkspaceListed(
  session: LspSession,
  files: number,
  deadlineMs: number,
): Promise<{ ms: number; indexedPercent: number | null }> {
  const t0 = performance.now();
  for (;;) {
    const s = await indexStats(session, 5000);
    if (s && s.progress.filesTotal >= files) {
      const { bytesDone, bytesTotal } = s.progress;
      return {
        ms: performance.now() - t0,
        indexedPercent: bytesTotal > 0 ? Math.round((bytesDone / bytesTotal) * 1000) / 10 : null,
      };
    }
    if (!s || performance.now() - t0 > deadlineMs || !session.alive)
      return { ms: performance.now() - t0, indexedPercent: null };
    await sleep(10);
  }
}

async function queryRun(
  corpus: string,
  ids: BenchIds,
  r: BenchResults,
  hoverCount: number,
  refsCount: number,
  timelineCount: number,
  profDir: string | undefined,
  flows: boolean,
): Promise<void> {
  log('server run 2: references, timelines, flows, hovers and problems');
  const session = LspSession.start(SERVER_JS, profArgs(profDir, 'queries'));
  try {
    await session.initialize(corpus, 60_000);
    const refs = !!session.capabilities.referencesProvider;
    const def = !!session.capabilities.definitionProvider;
    r.capabilities.references = refs;
    r.capabilities.definition = def;

    const contactDoc = smallestPlain(ids, ids.contactAt);
    const agentDoc = smallestPlain(ids, ids.agentAt);
    const opened: string[] = [];
    if (refs && contactDoc) {
      const file = path.join(corpus, contactDoc.file);
      const text = fs.readFileSync(file, 'utf8');
      const uri = await session.open(file, languageOf(ids, contactDoc.file), text);
      opened.push(uri);
      const known = {
        textDocument: { uri },
        position: { line: contactDoc.line, character: contactDoc.character },
        context: { includeDeclaration: true },
      };
      const count = (a: { result?: unknown }): number => (Array.isArray(a.result) ? a.result.length : 0);
      // As an editor that asks at once: the server may not even have listed the workspace yet.
      const immediate = await session.request<unknown[]>('textDocument/references', known, 600_000);
      const coverage = (a: { result?: unknown }): number => {
        const got = locationLines(corpus, a.result);
        let n = 0;
        for (const l of grepLines) if (got.has(l)) n++;
        return n;
      };
      if (immediate.result) {
        r.refsImmediateMs = immediate.ms;
        r.refsImmediateCount = count(immediate);
        r.refsImmediateGrepLines = coverage(immediate);
      }
      // Cold: the server knows the workspace's files but has indexed little or nothing of them.
      const walk = await waitWorkspaceListed(session, ids.files.length, 15_000);
      r.refsColdIndexedPercent = walk.indexedPercent;
      const cold = await session.request<unknown[]>('textDocument/references', known, 600_000);
      if (cold.result) {
        r.refsColdMs = cold.ms;
        r.refsColdCount = count(cold);
        r.refsColdGrepLines = coverage(cold);
      } else r.notes.push(`cold references: ${cold.error}`);
      log(
        `references at once: ${immediate.ms.toFixed(0)} ms, ${r.refsImmediateCount ?? 'no'} locations; cold (${walk.indexedPercent ?? '?'} % indexed): ${cold.ms.toFixed(0)} ms, ${r.refsColdCount ?? 'no'} locations`,
      );
      if (def) {
        const d = await session.request<unknown>(
          'textDocument/definition',
          { textDocument: { uri }, position: known.position },
          120_000,
        );
        if (d.result !== undefined) r.definitionMs = d.ms;
      }

      await waitIndexIdle(session, Math.max(120_000, (ids.bytes / MiB / 5) * 1000), r);
      const complete = await session.request<unknown[]>('textDocument/references', known, 120_000);
      if (complete.result) {
        r.refsWarmCount = count(complete);
        r.refsWarmGrepLines = coverage(complete);
      }
      const g = grepLines.size;
      if (r.refsImmediateGrepLines !== null && r.refsImmediateGrepLines < g) {
        r.notes.push(
          `references asked right after initialize covered ${r.refsImmediateGrepLines} of the ${g} lines grep finds (${r.refsImmediateCount} locations; the workspace was not listed yet)`,
        );
      }
      if (r.refsColdGrepLines !== null && r.refsColdGrepLines < g)
        r.notes.push(`the cold references answer covered ${r.refsColdGrepLines} of the ${g} lines grep finds`);
      if (r.refsWarmGrepLines !== null && r.refsWarmGrepLines < g)
        r.notes.push(`the warm references answer covered ${r.refsWarmGrepLines} of the ${g} lines grep finds`);
      const queries = queryPositions(text, uri, contactDoc, 50);
      if (agentDoc) {
        const aFile = path.join(corpus, agentDoc.file);
        const aText = fs.readFileSync(aFile, 'utf8');
        const aUri = await session.open(aFile, languageOf(ids, agentDoc.file), aText);
        opened.push(aUri);
        queries.push(...agentPositions(aText, aUri, agentDoc, 20));
      }
      const times: number[] = [];
      for (let i = 0; i < refsCount && queries.length > 0; i++) {
        const q = queries[i % queries.length];
        const a = await session.request<unknown[]>(
          'textDocument/references',
          { textDocument: { uri: q.uri }, position: q.position, context: { includeDeclaration: true } },
          60_000,
        );
        if (a.result !== undefined) times.push(a.ms);
      }
      times.sort((x, y) => x - y);
      r.refsWarmQueries = times.length;
      r.refsWarmP50Ms = percentile(times, 50);
      r.refsWarmP99Ms = percentile(times, 99);
      log(
        `warm references: p50 ${r.refsWarmP50Ms?.toFixed(1)} ms, p99 ${r.refsWarmP99Ms?.toFixed(1)} ms over ${times.length} queries (${queries.length} ids)`,
      );
      for (const uri of opened) await session.close(uri);
    } else if (!refs) {
      r.notes.push('the server announces no referencesProvider: references, definition and warm-query numbers are n/a');
    }

    if (session.alive) await timelines(session, ids, r, timelineCount);
    if (session.alive && flows) {
      await waitIndexIdle(session, Math.max(120_000, (ids.bytes / MiB / 5) * 1000), r);
      await flowsPhase(session, r, log);
    }
    if (session.alive) await hovers(session, corpus, ids, r, hoverCount);
    r.peakRssMB = session.usage()?.peakRssMB ?? null;
    // After the peak above: opening 100 MB (JSON parsed, a document model) takes more than any query.
    if (session.alive && flows) await problemsPhase(session, corpus, ids, r, log);
    if (!session.alive) r.notes.push(`query run: ${session.describeExit()}`);
  } finally {
    await session.stop();
  }
}

/**
 * The timeline (workspace/executeCommand ccLogs.timeline, first page), as Neovim or Emacs ask it: of the
 * followed contact and of the busiest agent (the quick pick's list says how many lines name each), cold once,
 * then warm `count` times each.
 */
async function timelines(session: LspSession, ids: BenchIds, r: BenchResults, count: number): Promise<void> {
  const ask = (id: string) =>
    session.request<{ total?: number; error?: string }>(
      'workspace/executeCommand',
      { command: 'ccLogs.timeline', arguments: [{ id }] },
      120_000,
    );
  const entities = await session.request<Array<{ id: string; kind: string; lines: number }>>(
    'ccLogs/timelineEntities',
    { limit: 1000, kind: 'agent' },
    120_000,
  );
  const busiest = (entities.result ?? []).filter((e) => e.kind === 'agent').sort((a, b) => b.lines - a.lines)[0]?.id;
  r.timelineAgentId = busiest ?? null;
  for (const [id, who] of [
    [ids.contactId, 'contact'],
    [busiest, 'agent'],
  ] as Array<[string | undefined, 'contact' | 'agent']>) {
    if (!id) {
      r.notes.push(`timeline: no ${who} to ask for`);
      continue;
    }
    const cold = await ask(id);
    if (cold.result === undefined || cold.result.error !== undefined) {
      r.notes.push(`timeline of ${id}: ${cold.error ?? cold.result?.error}`);
      continue;
    }
    const times: number[] = [];
    const cpu0 = session.usage()?.cpuSeconds;
    for (let i = 0; i < count; i++) {
      const a = await ask(id);
      if (a.result !== undefined) times.push(a.ms);
    }
    const cpu1 = session.usage()?.cpuSeconds;
    const cpuMs = cpu0 !== undefined && cpu1 !== undefined && count > 0 ? ((cpu1 - cpu0) * 1000) / count : null;
    times.sort((x, y) => x - y);
    r.timelineWarmQueries = times.length;
    if (who === 'contact') {
      r.timelineContactLines = cold.result.total ?? null;
      r.timelineContactColdMs = cold.ms;
      r.timelineContactWarmP50Ms = percentile(times, 50);
      r.timelineContactWarmP99Ms = percentile(times, 99);
      r.timelineContactCpuMsPerQuery = cpuMs;
    } else {
      r.timelineAgentLines = cold.result.total ?? null;
      r.timelineAgentColdMs = cold.ms;
      r.timelineAgentWarmP50Ms = percentile(times, 50);
      r.timelineAgentWarmP99Ms = percentile(times, 99);
      r.timelineAgentCpuMsPerQuery = cpuMs;
    }
    log(
      `timeline of the ${who} ${id}: cold ${cold.ms.toFixed(0)} ms (${cold.result.total} lines); warm p50 ${percentile(times, 50)?.toFixed(1)} ms, p99 ${percentile(times, 99)?.toFixed(1)} ms; server CPU ${cpuMs?.toFixed(1) ?? '?'} ms a query`,
    );
  }
}

async function hovers(
  session: LspSession,
  corpus: string,
  ids: BenchIds,
  r: BenchResults,
  count: number,
): Promise<void> {
  // The most VS Code hands an extension: 50 MB (its larger files are read in windows, see `windows`).
  const doc = hoverDocument(corpus, ids);
  const { starts, lineText } = doc;
  r.hoverFileMB = doc.bytes / MiB;
  const first = await measureFirstHover(session, doc, languageOf(ids, ids.hoverFile));
  const uri = first.uri;
  if (first.ms !== undefined) {
    r.firstHoverMs = first.ms;
    r.firstHoverSendMs = first.sentMs;
    if (!first.answered) r.notes.push('the first hover (on a byte dump) answered nothing');
  } else r.notes.push(`first hover: ${first.error}`);
  log(
    `first hover after didOpen of ${r.hoverFileMB.toFixed(0)} MB: ${r.firstHoverMs?.toFixed(0)} ms (${first.sentMs.toFixed(0)} ms until the client had sent it)`,
  );

  const rng = new Rng('bench', 'hover');
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < count; i++) {
    const line = rng.int(starts.length);
    const len = lineText(line).length;
    const a = await session.request<unknown>(
      'textDocument/hover',
      { textDocument: { uri }, position: { line, character: rng.int(len + 1) } },
      30_000,
    );
    if (a.result !== undefined) {
      times.push(a.ms);
      if (a.result !== null) answered++;
    }
  }
  times.sort((x, y) => x - y);
  r.hoverSamples = times.length;
  r.hoverAnswered = answered;
  r.hoverP50Ms = percentile(times, 50);
  r.hoverP99Ms = percentile(times, 99);
  // Hovers on ARM byte dumps (the heaviest explainer), spread over the file.
  const dumpTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    let line = rng.int(starts.length);
    let tries = 0;
    while (!/ -> -?\d/.test(lineText(line)) && tries++ < 200) line = (line + 1) % starts.length;
    const t = lineText(line);
    const at = t.indexOf(' -> ');
    if (at < 0) continue;
    const a = await session.request<unknown>(
      'textDocument/hover',
      { textDocument: { uri }, position: { line, character: at + 4 + rng.int(Math.max(1, t.length - at - 8)) } },
      30_000,
    );
    if (a.result !== undefined) dumpTimes.push(a.ms);
  }
  dumpTimes.sort((x, y) => x - y);
  r.hoverDumpP99Ms = percentile(dumpTimes, 99);
  log(
    `hovers: p50 ${r.hoverP50Ms?.toFixed(2)} ms, p99 ${r.hoverP99Ms?.toFixed(2)} ms (${answered}/${times.length} answered); dumps p99 ${r.hoverDumpP99Ms?.toFixed(2)} ms`,
  );
  await session.close(uri);
}

// ---------------------------------------------------------------------------------------------

async function tokenization(corpus: string, ids: BenchIds, r: BenchResults): Promise<void> {
  const builtin = fs.existsSync(BUILTIN_EXTENSIONS) ? BUILTIN_EXTENSIONS : undefined;
  if (!builtin)
    r.notes.push(
      "VS Code's extensions were not found under .vscode-test (run node scripts/vscode/ensure.mjs): the built-in log grammar is n/a",
    );
  const tk = await Tokenizers.create(ROOT, builtin);
  const languages = [...new Set(ids.files.map((f) => f.languageId))];
  const ours: number[] = [];
  const theirs: number[] = [];
  for (const languageId of languages) {
    // 10k lines of the family: from its largest plain file, then the next ones when that is short.
    const files = ids.files.filter((f) => f.languageId === languageId && !f.gzip).sort((a, b) => b.bytes - a.bytes);
    const lines: string[] = [];
    for (const f of files) {
      if (lines.length >= 10_000) break;
      lines.push(...sampleLines(path.join(corpus, f.path), 10_000 - lines.length));
    }
    if (lines.length === 0) continue;
    const scope = Tokenizers.scopeFor(languageId);
    const o = tk.has(scope) ? await tk.time(scope, lines) : undefined;
    const b = tk.has('text.log') ? await tk.time('text.log', lines) : undefined;
    const per10k = (t: { ms: number } | undefined): number | null => (t ? (t.ms * 10_000) / lines.length : null);
    r.tokenize[languageId] = {
      ours: per10k(o),
      builtin: per10k(b),
      oursFirstPass: o ? (o.firstMs * 10_000) / lines.length : null,
      lines: lines.length,
    };
    if (o) ours.push(per10k(o)!);
    if (b) theirs.push(per10k(b)!);
    if (o && (o.stoppedEarly > 0 || o.skippedLong > 0))
      r.notes.push(
        `${languageId}: ${o.stoppedEarly} line(s) hit the 500 ms limit, ${o.skippedLong} line(s) too long to tokenize`,
      );
    log(
      `tokenize ${languageId}: ours ${per10k(o)?.toFixed(1) ?? 'n/a'} ms, built-in ${per10k(b)?.toFixed(1) ?? 'n/a'} ms per 10k lines`,
    );
  }
  const mean = (xs: number[]): number | null =>
    xs.length === languages.length && xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
  r.tokenizeMsPer10kLines = mean(ours);
  r.builtinLogMsPer10kLines = mean(theirs);
  if (ours.length === 0) r.notes.push('no grammar of ours under syntaxes/: tokenization numbers are n/a');
}

/** 10k consecutive lines from 10 % into a file (past its start-up lines). */
function sampleLines(file: string, count: number): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const want = Math.min(size, 12 * MiB);
    const from = Math.max(0, Math.min(Math.floor(size * 0.1), size - want));
    const buf = Buffer.alloc(want);
    fs.readSync(fd, buf, 0, want, from);
    const lines = buf.toString('utf8').split('\n');
    if (from > 0) lines.shift(); // a partial line
    lines.pop();
    return lines.slice(0, count);
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------

async function lnavLoad(corpus: string, notes: string[]): Promise<number | null | undefined> {
  const which = spawnSync('sh', ['-c', 'command -v lnav'], { encoding: 'utf8' });
  if (which.status !== 0) {
    notes.push('lnav is not installed: no peer number');
    return undefined;
  }
  const dirs = ['uccx', 'socialminer', 'browser', 'ece', 'icm']
    .map((d) => path.join(corpus, d))
    .filter((d) => fs.existsSync(d));
  // Headless (-n), quiet (-q): lnav loads and indexes every file, runs no command and exits.
  const r = await runCounting('lnav', ['-n', '-q', '-r', ...dirs], 1_800_000);
  if (r.code !== 0) {
    notes.push(`lnav exited with ${r.code}`);
    return null;
  }
  log(`lnav -n -q -r: ${r.ms.toFixed(0)} ms`);
  return r.ms;
}

async function readAll(corpus: string, ids: BenchIds): Promise<number> {
  const t0 = performance.now();
  const buf = Buffer.alloc(4 * MiB);
  for (const f of ids.files) {
    const fd = fs.openSync(path.join(corpus, f.path), 'r');
    try {
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      fs.closeSync(fd);
    }
  }
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------

/** The followed contact's position first, then the first place of other contact ids in the text. */
function queryPositions(
  text: string,
  uri: string,
  known: Position,
  max: number,
): Array<{ uri: string; position: Position }> {
  const out = [{ uri, position: { line: known.line, character: known.character } }];
  const seen = new Set<string>();
  const starts = lineStarts(text);
  const re = /(?<![0-9A-Za-z])[0-9A-F]{32}(?![0-9A-Za-z])/g;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    out.push({ uri, position: positionOf(starts, m.index) });
  }
  return out;
}

function agentPositions(
  text: string,
  uri: string,
  known: Position,
  max: number,
): Array<{ uri: string; position: Position }> {
  const out = [{ uri, position: { line: known.line, character: known.character } }];
  const starts = lineStarts(text);
  const re = /\/agent (\d{3,6})/g;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text))
    out.push({ uri, position: positionOf(starts, m.index + 7) });
  return out;
}

function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

function profArgs(dir: string | undefined, name: string): string[] {
  if (!dir) return [];
  const out = path.resolve(dir, name);
  fs.mkdirSync(out, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${out}`];
}

function gitState(): { commit: string; dirty: boolean } {
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return {
    commit: rev.status === 0 ? rev.stdout.trim() : 'unknown',
    dirty: status.status === 0 && status.stdout.trim().length > 0,
  };
}

function machine(): BenchResults['machine'] {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg()[0],
  };
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
