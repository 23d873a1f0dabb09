/**
 * The benchmark's results: the one JSON object `--json` prints, and the table printed otherwise,
 * each number beside the target it is measured against.
 */

export interface BenchResults {
  date: string;
  commit: string;
  dirty: boolean;
  /** The server bundle that ran (a copy of it was run) and when it was built. */
  server: string;
  serverBuiltAt: string;
  machine: {
    cpu: string;
    cores: number;
    ramGB: number;
    node: string;
    os: string;
    loadAverageAtStart: number;
    loadAverageAtEnd?: number;
  };
  corpus: {
    dir: string;
    bytes: number;
    diskBytes: number;
    lines: number;
    files: number;
    gzFiles: number;
    gzBytes: number;
    seed: string;
    simulatedHours: number;
  };
  capabilities: { references: boolean; definition: boolean; indexStats: boolean; indexProgress: boolean };
  /** MB (2^20 bytes) of logs indexed per second of wall time, and per CPU-second of the server process. */
  indexMBps: number | null;
  indexMBpsPerCpuSecond: number | null;
  indexSeconds: number | null;
  /** Index memory per line (no document open), and where the number came from. */
  indexBytesPerLine: number | null;
  indexBytesPerLineSource: 'server stats' | 'rss delta' | null;
  indexPeakRssMB: number | null;
  /** CPU seconds the server's main thread spent while indexing (merging segments, aliases, progress). */
  indexMainThreadCpuSeconds: number | null;
  /** Growth of the server's RSS from initialize to index idle (no document open), in MB and per line. */
  indexRssGrowthMB: number | null;
  indexRssBytesPerLine: number | null;
  peakRssMB: number | null;
  /** references asked right after initialize (the server may not have listed the workspace yet). */
  refsImmediateMs: number | null;
  refsImmediateCount: number | null;
  /** references once the server has listed the workspace, before the index covers it. */
  refsColdMs: number | null;
  refsColdCount: number | null;
  /** Share of the bytes indexed when the cold question was asked. */
  refsColdIndexedPercent: number | null;
  /** Locations for the same question once the index is complete (the entity's other names included). */
  refsWarmCount: number | null;
  /** How many of the lines grep finds for the id each answer includes. */
  refsImmediateGrepLines: number | null;
  refsColdGrepLines: number | null;
  refsWarmGrepLines: number | null;
  grepMs: number;
  grepCount: number;
  definitionMs: number | null;
  refsWarmP50Ms: number | null;
  refsWarmP99Ms: number | null;
  refsWarmQueries: number;
  /** The timeline (workspace/executeCommand ccLogs.timeline, first page) of the followed contact and the busiest agent. */
  timelineContactLines: number | null;
  timelineContactColdMs: number | null;
  timelineContactWarmP50Ms: number | null;
  timelineContactWarmP99Ms: number | null;
  timelineAgentId: string | null;
  timelineAgentLines: number | null;
  timelineAgentColdMs: number | null;
  timelineAgentWarmP50Ms: number | null;
  timelineAgentWarmP99Ms: number | null;
  /** CPU time of the server process per warm timeline query (less noisy than wall time on a shared machine). */
  timelineContactCpuMsPerQuery?: number | null;
  timelineAgentCpuMsPerQuery?: number | null;
  timelineWarmQueries: number;
  hoverFile: string;
  hoverFileMB: number;
  firstHoverMs: number | null;
  /** Of firstHoverMs: until the client had serialised and written the didOpen (the pipe drains as the server reads). */
  firstHoverSendMs: number | null;
  hoverP50Ms: number | null;
  hoverP99Ms: number | null;
  hoverDumpP99Ms: number | null;
  hoverSamples: number;
  hoverAnswered: number;
  /** The log read in windows: its size, the line the first window is placed at, and the times. */
  windowFileGB: number | null;
  windowLine: number | null;
  /** Placing and reading the window at windowLine, the first time (the server counts lines up to it). */
  windowColdMs: number | null;
  /** The server's CPU time (user and system, 10 ms ticks) over the same first window. */
  windowColdCpuMs: number | null;
  /** Go to time T (the time of windowLine's record) in a fresh server: locate by time, then content. */
  windowTimeMs: number | null;
  windowTimeCpuMs: number | null;
  /** The zero-based file line the time was placed at. */
  windowTimeLine: number | null;
  /** The same at another line, once the server has counted the file's lines. */
  windowWarmMs: number | null;
  /** From the window's didOpen to the answer of the first hover inside it. */
  windowHoverMs: number | null;
  /** Flow status (issue 16): chats and agents, the first `ccLogs/flows` page cold and warm, a page mid-list. */
  flowsSubjects: number | null;
  flowsBroken: number | null;
  flowsFirstPageMs: number | null;
  /** What the server says the status of every chat and agent took (wall, on its main thread). */
  flowsStatusMs: number | null;
  flowsStatusCpuMs: number | null;
  flowsWarmPageP50Ms: number | null;
  flowsDeepPageMs: number | null;
  flowsPageKB: number | null;
  /** Growth of the server's RSS across the cold request (the status of every chat and agent it keeps). */
  flowsRssGrowthMB: number | null;
  /** Problems of a 100 MB open file: from its didOpen to its publishDiagnostics, and of that the time to send it. */
  problemsFile: string | null;
  problemsFileMB: number | null;
  problemsMs: number | null;
  problemsSendMs: number | null;
  problemsCount: number | null;
  problemsCodes: string[];
  /** The text's own problems computed in the bench's process (no transport), median of 3, wall and CPU. */
  problemsComputeMs: number | null;
  problemsComputeCpuMs: number | null;
  /** Server peak RSS after that file was open. */
  problemsPeakRssMB: number | null;
  tokenizeMsPer10kLines: number | null;
  builtinLogMsPer10kLines: number | null;
  tokenize: Record<
    string,
    { ours: number | null; builtin: number | null; oursFirstPass: number | null; lines: number }
  >;
  lnavLoadMs?: number | null;
  /** Phases left out with --skip (their numbers are null because they did not run). */
  skipped: string[];
  notes: string[];
}

const NA = 'n/a (not implemented in this build)';
let missing = NA;

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return missing;
  return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(v >= 10 ? 1 : 2)} ms`;
}

function num(v: number | null | undefined, unit: string, digits = 1): string {
  return v === null || v === undefined ? missing : `${v.toFixed(digits)} ${unit}`;
}

function met(ok: boolean | null): string {
  return ok === null ? '—' : ok ? 'yes' : 'NO';
}

export function table(r: BenchResults): string {
  // A number missing because its phase was skipped is not a missing feature.
  const phase = (name: string): void => {
    missing = r.skipped.includes(name) ? 'skipped' : NA;
  };
  phase('index');
  const rows: Array<[string, string, string, string]> = [];
  const add = (name: string, value: string, target: string, ok: boolean | null): void =>
    void rows.push([name, value, target, met(ok)]);
  const has = (v: number | null | undefined): v is number => v !== null && v !== undefined;
  add('index throughput (wall)', num(r.indexMBps, 'MB/s'), '', null);
  add(
    'index throughput per core',
    num(r.indexMBpsPerCpuSecond, 'MB/CPU-s'),
    '>= 200 MB/s on one core',
    has(r.indexMBpsPerCpuSecond) ? r.indexMBpsPerCpuSecond >= 200 : null,
  );
  add(
    `index memory per line${r.indexBytesPerLineSource === 'rss delta' ? ' (RSS estimate)' : ''}`,
    num(r.indexBytesPerLine, 'B/line'),
    '<= 32 B/line',
    has(r.indexBytesPerLine) ? r.indexBytesPerLine <= 32 : null,
  );
  if (r.indexBytesPerLineSource !== 'rss delta') {
    add(
      'RSS growth while indexing, per line',
      has(r.indexRssBytesPerLine)
        ? `${r.indexRssBytesPerLine.toFixed(1)} B/line (${r.indexRssGrowthMB!.toFixed(0)} MB)`
        : missing,
      'cross-check',
      null,
    );
  }
  add('server peak RSS while indexing', num(r.indexPeakRssMB, 'MB', 0), '', null);
  add(
    'index CPU on the server main thread (segments, aliases)',
    num(r.indexMainThreadCpuSeconds, 'CPU-s', 1),
    '',
    null,
  );
  phase('queries');
  const covers = (n: number | null): string =>
    has(n) ? (n >= r.grepCount ? `, all ${r.grepCount} grep lines` : `, only ${n} of ${r.grepCount} grep lines`) : '';
  const coldComplete = has(r.refsColdGrepLines) && r.refsColdGrepLines >= r.grepCount;
  add(
    `references, cold (${has(r.refsColdIndexedPercent) ? `${r.refsColdIndexedPercent}% indexed` : 'no index yet'})`,
    has(r.refsColdMs) ? `${ms(r.refsColdMs)} (${r.refsColdCount} locations${covers(r.refsColdGrepLines)})` : missing,
    `<= 1.5 x grep = ${ms(1.5 * r.grepMs)}, complete`,
    has(r.refsColdMs) ? coldComplete && r.refsColdMs <= 1.5 * r.grepMs : null,
  );
  if (has(r.refsImmediateMs)) {
    add(
      'references asked right after initialize',
      `${ms(r.refsImmediateMs)} (${r.refsImmediateCount} locations${covers(r.refsImmediateGrepLines)})`,
      '',
      null,
    );
  }
  add('grep -rFn, same id, same run', `${ms(r.grepMs)} (${r.grepCount} lines)`, 'reference point', null);
  add('definition, followed contact', ms(r.definitionMs), '', null);
  if (has(r.refsWarmCount))
    add('references, warm, followed contact', `${r.refsWarmCount} locations${covers(r.refsWarmGrepLines)}`, '', null);
  add(`references, warm p50 (${r.refsWarmQueries} queries)`, ms(r.refsWarmP50Ms), '', null);
  add(
    'references, warm p99',
    ms(r.refsWarmP99Ms),
    '< 50 ms on 1 GB',
    has(r.refsWarmP99Ms) ? r.refsWarmP99Ms < 50 : null,
  );
  for (const [who, lines, cold, p50, p99, cpu] of [
    [
      'followed contact',
      r.timelineContactLines,
      r.timelineContactColdMs,
      r.timelineContactWarmP50Ms,
      r.timelineContactWarmP99Ms,
      r.timelineContactCpuMsPerQuery ?? null,
    ],
    [
      `busiest agent${r.timelineAgentId ? ` ${r.timelineAgentId}` : ''}`,
      r.timelineAgentLines,
      r.timelineAgentColdMs,
      r.timelineAgentWarmP50Ms,
      r.timelineAgentWarmP99Ms,
      r.timelineAgentCpuMsPerQuery ?? null,
    ],
  ] as Array<[string, number | null, number | null, number | null, number | null, number | null]>) {
    add(`timeline of the ${who}, cold${has(lines) ? ` (${lines} lines)` : ''}`, ms(cold), '', null);
    add(`timeline of the ${who}, warm p50 (${r.timelineWarmQueries} queries)`, ms(p50), '', null);
    add(`timeline of the ${who}, warm p99`, ms(p99), '< 100 ms on 1 GB', has(p99) ? p99 < 100 : null);
    add(`timeline of the ${who}, server CPU per warm query`, ms(cpu), '', null);
  }
  add(
    `first hover after didOpen (${r.hoverFileMB.toFixed(0)} MB file)`,
    `${ms(r.firstHoverMs)}${has(r.firstHoverMs) && has(r.firstHoverSendMs) ? ` (${ms(r.firstHoverSendMs)} until the client had sent it)` : ''}`,
    '< 1 s',
    has(r.firstHoverMs) ? r.firstHoverMs < 1000 : null,
  );
  add(`hover p50 (${r.hoverSamples} random positions)`, ms(r.hoverP50Ms), '', null);
  add('hover p99', ms(r.hoverP99Ms), '< 10 ms', has(r.hoverP99Ms) ? r.hoverP99Ms < 10 : null);
  add('hover p99 on byte dumps', ms(r.hoverDumpP99Ms), '', null);
  phase('flows');
  add(
    `flow status of every chat and agent${has(r.flowsSubjects) ? ` (${r.flowsSubjects.toLocaleString('en-US')}, ${r.flowsBroken!.toLocaleString('en-US')} broken)` : ''}, server's time`,
    `${ms(r.flowsStatusMs)}${has(r.flowsStatusCpuMs) ? ` (${ms(r.flowsStatusCpuMs)} CPU)` : ''}`,
    '< 2 s on 1 GB',
    has(r.flowsStatusMs) ? r.flowsStatusMs < 2000 : null,
  );
  add(
    "first ccLogs/flows page (the view's first 200 chats)",
    `${ms(r.flowsFirstPageMs)}${has(r.flowsPageKB) ? ` (${r.flowsPageKB.toFixed(0)} KB)` : ''}`,
    '',
    null,
  );
  add('flows page, warm p50 / mid-list', `${ms(r.flowsWarmPageP50Ms)} / ${ms(r.flowsDeepPageMs)}`, '', null);
  add('server RSS growth for the flow status', num(r.flowsRssGrowthMB, 'MB', 0), '', null);
  add(
    `problems of a ${has(r.problemsFileMB) ? r.problemsFileMB.toFixed(0) : 100} MB open file, computed (CPU)`,
    `${ms(r.problemsComputeMs)} (${ms(r.problemsComputeCpuMs)} CPU)`,
    '< 1 s',
    has(r.problemsComputeCpuMs) ? r.problemsComputeCpuMs < 1000 : null,
  );
  add(
    'same, didOpen to publishDiagnostics over stdio',
    `${ms(r.problemsMs)}${has(r.problemsMs) && has(r.problemsSendMs) ? ` (${ms(r.problemsSendMs)} to send; ${r.problemsCount} problems)` : ''}`,
    '',
    null,
  );
  add('server peak RSS after that file was open', num(r.problemsPeakRssMB, 'MB', 0), '', null);
  phase('windows');
  const gb = r.windowFileGB === null ? '1 GB' : `${r.windowFileGB.toFixed(1)} GB`;
  add(
    `window of a ${gb} file at line ${r.windowLine === null ? 'N' : r.windowLine + 1}, first time`,
    ms(r.windowColdMs),
    '< 500 ms',
    has(r.windowColdMs) ? r.windowColdMs < 500 : null,
  );
  add('  server CPU time of that first window', ms(r.windowColdCpuMs), 'cross-check', null);
  add(
    `window of the ${gb} file at a time (line ${r.windowTimeLine === null ? '?' : r.windowTimeLine + 1}), first time`,
    ms(r.windowTimeMs),
    '< 500 ms',
    has(r.windowTimeMs) ? r.windowTimeMs < 500 : null,
  );
  add('  server CPU time of that window', ms(r.windowTimeCpuMs), 'cross-check', null);
  add(
    `window of the ${gb} file at another line, lines counted`,
    ms(r.windowWarmMs),
    '< 500 ms',
    has(r.windowWarmMs) ? r.windowWarmMs < 500 : null,
  );
  add(
    'first hover in the window after its didOpen',
    ms(r.windowHoverMs),
    '< 1 s',
    has(r.windowHoverMs) ? r.windowHoverMs < 1000 : null,
  );
  phase('tokenize');
  add(
    'tokenize, our grammars, per 10k lines',
    ms(r.tokenizeMsPer10kLines),
    `<= built-in log grammar`,
    has(r.tokenizeMsPer10kLines) && has(r.builtinLogMsPer10kLines)
      ? r.tokenizeMsPer10kLines <= r.builtinLogMsPer10kLines
      : null,
  );
  add("tokenize, VS Code's log grammar, per 10k lines", ms(r.builtinLogMsPer10kLines), 'reference point', null);
  phase('queries');
  add(`server peak RSS (index, ${r.hoverFileMB.toFixed(0)} MB file open)`, num(r.peakRssMB, 'MB', 0), '', null);
  if (r.lnavLoadMs !== undefined)
    add('lnav -n load of the bundle (peer)', r.lnavLoadMs === null ? 'failed' : ms(r.lnavLoadMs), 'peer', null);

  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((row) => row[i].length), ['measure', 'value', 'target', 'met'][i].length),
  );
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    line(['measure', 'value', 'target', 'met']),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];

  const fam = Object.entries(r.tokenize);
  if (fam.length > 0) {
    out.push('', 'tokenization per family (ms per 10k lines, warm median; our first pass in brackets):');
    for (const [name, t] of fam) {
      out.push(
        `  ${name.padEnd(20)} ours ${t.ours === null ? 'n/a' : t.ours.toFixed(1)} (${t.oursFirstPass === null ? 'n/a' : t.oursFirstPass.toFixed(1)})   built-in log ${t.builtin === null ? 'n/a' : t.builtin.toFixed(1)}   [${t.lines} lines]`,
      );
    }
  }
  out.push(
    '',
    `corpus: ${r.corpus.dir}: ${r.corpus.files} files, ${(r.corpus.bytes / 2 ** 20).toFixed(0)} MB of logs (${(r.corpus.diskBytes / 2 ** 20).toFixed(0)} MB on disk), ` +
      `${r.corpus.lines.toLocaleString('en-US')} lines; ${r.corpus.gzFiles} .gz files (${(r.corpus.gzBytes / 2 ** 20).toFixed(0)} MB of logs) that grep -r does not read`,
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.ramGB.toFixed(0)} GB RAM, node ${r.machine.node}, ${r.machine.os}`,
    `build: ${r.server} of ${r.serverBuiltAt} (repository at ${r.commit}${r.dirty ? ', working tree with uncommitted changes' : ''}); run ${r.date}`,
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
