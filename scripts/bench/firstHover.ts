/**
 * The first hover after opening a 50 MB log (the most VS Code hands an extension): the hover file's
 * first 50 MB, written to a file of their own outside the workspace (as an editor opens a 50 MB log),
 * opened (see below), then a hover on a byte dump in the middle of the file. `run.ts` measures it
 * once inside its query run; run alone, this measures that phase `--runs N` times, each in a server
 * of its own that has indexed the corpus and computed the flow status first (as in the full bench), and
 * prints every run:
 *
 *   npm run bench:first-hover -- --corpus DIR [--runs 5] [--send-text] [--cpu-prof DIR] [--server FILE] [--json]
 *
 * The document is opened as the VS Code extension opens it (`ccLogs/didOpenFromDisk`: the server reads
 * the saved file); `--send-text` sends the whole text in `didOpen` instead, as other editors do.
 * With `--cpu-prof DIR` the server of each run writes a CPU profile there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flag, option, corpusOption } from './args';
import type { BenchIds } from './corpus';
import { LspSession, sleep } from './lspSession';
import { FlowsRequest } from '../../protocol/flows';
import { IndexStatsRequest } from '../../protocol/indexStats';

const MiB = 1024 * 1024;
/** The largest document VS Code hands to extensions (its model sync limit). */
export const HOVER_DOC_BYTES = 50 * MiB;

/** The 50 MB document the first hover is asked in, and where. */
export interface HoverDocument {
  file: string;
  text: string;
  bytes: number;
  starts: number[];
  lineText(line: number): string;
  /** The first hover's position: a byte dump in the middle of the file. */
  line: number;
  character: number;
}

/** Writes the hover file's first 50 MB (cut at a line end) to a temporary file, removed at exit. */
export function hoverDocument(corpus: string, ids: BenchIds): HoverDocument {
  const whole = fs.readFileSync(path.join(corpus, ids.hoverFile));
  const cutAt = whole.length <= HOVER_DOC_BYTES ? whole.length : whole.lastIndexOf(10, HOVER_DOC_BYTES - 1) + 1;
  const cutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-bench-hover-'));
  const file = path.join(cutDir, path.basename(ids.hoverFile));
  fs.writeFileSync(file, whole.subarray(0, cutAt));
  process.on('exit', () => fs.rmSync(cutDir, { recursive: true, force: true }));
  const text = whole.subarray(0, cutAt).toString('utf8');
  const starts = lineStarts(text);
  const lineText = (l: number): string =>
    text.slice(starts[l], (l + 1 < starts.length ? starts[l + 1] : text.length + 1) - 1);
  let line = Math.floor(starts.length / 2);
  for (let l = line; l < starts.length; l++)
    if (/ -> -?\d/.test(lineText(l))) {
      line = l;
      break;
    }
  const character = Math.max(0, lineText(line).indexOf(' -> ') + 6);
  return { file, text, bytes: cutAt, starts, lineText, line, character };
}

export interface FirstHover {
  uri: string;
  /** From the start of sending didOpen to the hover's answer; undefined when it failed. */
  ms: number | undefined;
  /** Of `ms`: until the client had serialised and written the didOpen. */
  sentMs: number;
  answered: boolean;
  error?: string;
}

/**
 * The opening of the document, then at once the hover on the byte dump. `fromDisk` (the default): as the
 * VS Code extension opens a saved log of 4 MB or more, the server reading the text from disk; `text`: the
 * whole text in `didOpen`, as other editors send it.
 */
export async function measureFirstHover(
  session: LspSession,
  doc: HoverDocument,
  languageId: string,
  how: 'fromDisk' | 'text' = 'fromDisk',
): Promise<FirstHover> {
  const t0 = performance.now();
  const uri =
    how === 'fromDisk'
      ? await session.openFromDisk(doc.file, languageId, doc.text)
      : await session.open(doc.file, languageId, doc.text);
  const sentMs = performance.now() - t0;
  const first = await session.request<{ contents?: unknown } | null>(
    'textDocument/hover',
    { textDocument: { uri }, position: { line: doc.line, character: doc.character } },
    900_000,
  );
  if (first.result === undefined) return { uri, ms: undefined, sentMs, answered: false, error: first.error };
  return { uri, ms: performance.now() - t0, sentMs, answered: first.result !== null };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (starts[starts.length - 1] === text.length) starts.pop();
  return starts;
}

/** CPU time of a process's main thread (its JavaScript), without its worker threads, from /proc. */
function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // CLK_TCK is 100 on Linux
  } catch {
    return undefined;
  }
}

/** CPU time (ms) of a process's threads, summed by thread name (V8's helpers, libuv's, the workers). */
function threadCpuMs(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (pid === undefined) return out;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name =
        stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) + (tid === String(pid) ? ' (main)' : ` ${tid}`);
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10);
    }
  } catch {
    // the process is gone
  }
  return out;
}

/** Until the index has listed the workspace and indexed every listed byte (as `run.ts` waits). */
async function indexIdle(session: LspSession, deadlineMs: number): Promise<boolean> {
  const t0 = performance.now();
  while (session.alive && performance.now() - t0 < deadlineMs) {
    const s = (await session.request<IndexStatsRequest.Result>(IndexStatsRequest.method, {}, 30_000)).result;
    const p = s?.progress;
    if (s && !s.running && p && p.filesTotal > 0 && p.bytesDone >= p.bytesTotal) return true;
    await sleep(100);
  }
  return false;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = corpusOption(
    argv,
    'npm run bench:first-hover -- --corpus DIR [--runs 5] [--cpu-prof DIR] [--server FILE] [--json]',
  );
  const runs = Number(option(argv, 'runs') ?? 5);
  const sendText = flag(argv, 'send-text');
  const profDir = option(argv, 'cpu-prof');
  let serverJs = path.resolve(option(argv, 'server') ?? path.join(__dirname, '..', '..', 'server', 'out', 'server.js'));
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-bench-server-'));
  fs.cpSync(path.dirname(serverJs), snapshot, { recursive: true });
  serverJs = path.join(snapshot, path.basename(serverJs));
  process.on('exit', () => fs.rmSync(snapshot, { recursive: true, force: true }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  const ids = JSON.parse(fs.readFileSync(path.join(corpus, 'bench-ids.json'), 'utf8')) as BenchIds;
  const doc = hoverDocument(corpus, ids);
  const languageId = ids.files.find((f) => f.path === ids.hoverFile)?.languageId ?? 'plaintext';
  const log = (m: string): void => void process.stderr.write(`[first-hover] ${m}\n`);
  const results: Array<FirstHover & { load: number; serverCpuMs: number | null; mainCpuMs: number | null }> = [];
  for (let run = 1; run <= runs; run++) {
    const args = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profDir)}`] : [];
    const session = LspSession.start(serverJs, args);
    try {
      await session.initialize(corpus, 60_000);
      if (!(await indexIdle(session, 600_000))) log(`run ${run}: the index was not idle within 10 minutes`);
      // As in the full bench, the flow status of the whole index was asked before the hovers.
      await session.request<FlowsRequest.Result>(
        FlowsRequest.method,
        { kind: 'chat', offset: 0, limit: FlowsRequest.DEFAULT_PAGE },
        300_000,
      );
      await sleep(2000); // the index's last notifications and collections settle
      const load = os.loadavg()[0];
      const cpu0 = session.usage()?.cpuSeconds;
      const main0 = mainThreadCpuMs(session.child.pid);
      const threads0 = threadCpuMs(session.child.pid);
      const r = await measureFirstHover(session, doc, languageId, sendText ? 'text' : 'fromDisk');
      const main1 = mainThreadCpuMs(session.child.pid);
      const threads1 = threadCpuMs(session.child.pid);
      const byThread = [...threads1]
        .map(([name, ms]) => [name, ms - (threads0.get(name) ?? 0)] as const)
        .filter(([, ms]) => ms > 0)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ');
      const cpu1 = session.usage()?.cpuSeconds;
      const serverCpuMs = cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) * 1000 : null;
      const mainCpuMs = main0 !== undefined && main1 !== undefined ? main1 - main0 : null;
      results.push({ ...r, load, serverCpuMs, mainCpuMs });
      log(
        `run ${run}: ${r.ms?.toFixed(0) ?? r.error} ms (${r.sentMs.toFixed(0)} ms until sent; server CPU ${serverCpuMs?.toFixed(0) ?? '?'} ms, of it the main thread ${mainCpuMs?.toFixed(0) ?? '?'} ms; ${r.answered ? 'answered' : 'NO answer'}; load ${load.toFixed(2)}; CPU ms by thread: ${byThread})`,
      );
    } finally {
      await session.stop();
    }
  }
  const ms = results.map((r) => r.ms ?? NaN);
  if (flag(argv, 'json')) process.stdout.write(JSON.stringify({ mb: doc.bytes / MiB, runs: results }) + '\n');
  else
    process.stdout.write(
      `first hover after didOpen of ${(doc.bytes / MiB).toFixed(0)} MB, ${runs} runs: ${ms.map((m) => m.toFixed(0)).join(', ')} ms; under 1 s in ${ms.filter((m) => m < 1000).length} of ${runs}\n`,
    );
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`first-hover bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
