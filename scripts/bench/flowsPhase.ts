/**
 * The bench's flows and problems (issue 16), over stdio in the query run, once the index is idle:
 *
 * - flow status of every chat and agent: the first `ccLogs/flows` page (what the "Chats and agents"
 *   view asks first: 200 chats), cold (the status of the whole workspace is computed for it) and warm,
 *   and a page deep in the list; the server's RSS before and after;
 * - problems of a 100 MB open file (the corpus's file nearest 100 MB, the ECE listener of the bench
 *   corpus): from the didOpen to the publishDiagnostics of that file, and the same text's own problems
 *   computed in this process (`diagnostics/compute.ts`, median of 3) to tell the computation from the
 *   transport of 100 MB.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlowsRequest } from '../../protocol/flows';
import { textProblems } from '../../server/src/diagnostics/compute';
import { builtinRegistry } from '../../server/src/formats/registry';
import type { BenchIds } from './corpus';
import type { LspSession } from './lspSession';
import { percentile, type BenchResults } from './report';

const MiB = 1024 * 1024;
const PROBLEMS_FILE_BYTES = 100 * MiB;

export async function flowsPhase(
  session: LspSession,
  r: BenchResults,
  log: (msg: string) => void,
  warmCount = 10,
): Promise<void> {
  const ask = (params: FlowsRequest.Params) =>
    session.request<FlowsRequest.Result>(FlowsRequest.method, params, 300_000);
  const before = session.usage();
  const cold = await ask({ kind: 'chat', offset: 0, limit: FlowsRequest.DEFAULT_PAGE });
  const after = session.usage();
  if (!cold.result) {
    r.notes.push(`ccLogs/flows: ${cold.error ?? 'no answer'}`);
    return;
  }
  // A build before paging answers every chat and agent at once, without counts.
  const c = cold.result.counts ?? countsOf(cold.result.subjects);
  r.flowsSubjects = c.chats + c.agents + (c.calls ?? 0);
  r.flowsBroken = c.brokenChats + c.brokenAgents + (c.brokenCalls ?? 0);
  r.flowsFirstPageMs = cold.ms;
  r.flowsStatusMs = cold.result.statusMs ?? null;
  r.flowsStatusCpuMs = cold.result.statusCpuMs ?? null;
  r.flowsPageKB = Buffer.byteLength(JSON.stringify(cold.result)) / 1024;
  if (before && after) r.flowsRssGrowthMB = after.rssMB - before.rssMB;
  const warm: number[] = [];
  for (let i = 0; i < warmCount; i++) {
    const a = await ask({ kind: 'chat', offset: 0, limit: FlowsRequest.DEFAULT_PAGE });
    if (a.result) warm.push(a.ms);
  }
  warm.sort((x, y) => x - y);
  r.flowsWarmPageP50Ms = percentile(warm, 50);
  const deep = await ask({ kind: 'chat', offset: Math.floor(c.chats / 2), limit: FlowsRequest.DEFAULT_PAGE });
  if (deep.result) r.flowsDeepPageMs = deep.ms;
  log(
    `flows: ${r.flowsSubjects} chats and agents (${r.flowsBroken} broken), status in ${r.flowsStatusMs ?? '?'} ms (${r.flowsStatusCpuMs ?? '?'} ms CPU); first page ${cold.ms.toFixed(0)} ms (${r.flowsPageKB.toFixed(0)} KB), warm p50 ${r.flowsWarmPageP50Ms?.toFixed(1)} ms, page at ${Math.floor(c.chats / 2)} ${deep.ms.toFixed(0)} ms; RSS ${r.flowsRssGrowthMB?.toFixed(0)} MB more`,
  );
}

/** The corpus's plain file nearest 100 MB (at least 50 MB), or undefined. */
export function problemsFileOf(ids: BenchIds): BenchIds['files'][number] | undefined {
  return ids.files
    .filter((f) => !f.gzip && f.bytes >= 50 * MiB && f.languageId.startsWith('cisco-'))
    .sort((a, b) => Math.abs(a.bytes - PROBLEMS_FILE_BYTES) - Math.abs(b.bytes - PROBLEMS_FILE_BYTES))[0];
}

export async function problemsPhase(
  session: LspSession,
  corpus: string,
  ids: BenchIds,
  r: BenchResults,
  log: (msg: string) => void,
): Promise<void> {
  const f = problemsFileOf(ids);
  if (!f) {
    r.notes.push('problems: no plain file of 50 MB or more in the corpus');
    return;
  }
  const file = path.join(corpus, f.path);
  const text = fs.readFileSync(file, 'utf8');
  r.problemsFile = f.path;
  r.problemsFileMB = Buffer.byteLength(text) / MiB;
  // In this process: the text's own problems, as the server computes them for an open document.
  const formatId = builtinRegistry().byLanguage(f.languageId)?.def.id;
  const runs: number[] = [];
  const cpu: number[] = [];
  let own = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    own = textProblems(text, undefined, undefined, formatId).problems.length;
    const used = process.cpuUsage(c);
    runs.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  r.problemsComputeMs = runs[1];
  r.problemsComputeCpuMs = cpu[1];
  // Over stdio: didOpen, then the publishDiagnostics of that file.
  const uri = pathToFileURL(file).toString();
  const published = session.nextDiagnostics(uri, 300_000);
  const t0 = performance.now();
  await session.open(file, f.languageId, text);
  r.problemsSendMs = performance.now() - t0;
  const d = await published;
  if (!d) r.notes.push(`problems: no diagnostics for ${f.path} within 300 s`);
  else {
    r.problemsMs = d.at - t0;
    r.problemsCount = d.count;
    r.problemsCodes = [...new Set(d.codes)].sort();
  }
  r.problemsPeakRssMB = session.usage()?.peakRssMB ?? null;
  await session.close(uri);
  log(
    `problems of ${f.path} (${r.problemsFileMB.toFixed(0)} MB): ${own} own in ${r.problemsComputeMs.toFixed(0)} ms in-process; didOpen to publishDiagnostics ${r.problemsMs?.toFixed(0)} ms (${r.problemsSendMs.toFixed(0)} ms to send), ${r.problemsCount} published`,
  );
}

function countsOf(subjects: FlowsRequest.Result['subjects']): FlowsRequest.Counts {
  const c = { chats: 0, agents: 0, calls: 0, brokenChats: 0, brokenAgents: 0, brokenCalls: 0 };
  for (const s of subjects) {
    const broken = s.outcome === 'broken' ? 1 : 0;
    if (s.kind === 'chat') {
      c.chats++;
      c.brokenChats += broken;
    } else if (s.kind === 'agent') {
      c.agents++;
      c.brokenAgents += broken;
    } else {
      c.calls++;
      c.brokenCalls += broken;
    }
  }
  return c;
}
