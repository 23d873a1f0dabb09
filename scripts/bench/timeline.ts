/**
 * Timeline benchmark (not a test): the timeline of the corpus's followed contact and of its busiest
 * agent, through the same modules as the server (`server/src/timeline/` over the workspace index),
 * cold once then warm N times (p50, p99), and one page of 10,000 events; then the panel's page
 * drawing 10,000 events in headless Chromium (timelinePanel.ts).
 *
 *   npm run bench:timeline -- --corpus DIR [--runs 50] [--json] [--no-panel] [--flows]
 *
 * With --flows the timelines carry their flow steps as the server's do (the flow status of every chat, agent
 * and call, worked out by the first timeline after indexing: its share of the cold time is `flowStatusMs`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isTimelineError } from '../../protocol/timelineTypes';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import { FlowService } from '../../server/src/flows/service';
import { flowProviderFor } from '../../server/src/flows/timelineFlows';
import { RecordSource } from '../../server/src/timeline/recordSource';
import { TimelineService } from '../../server/src/timeline/timeline';
import { flag, option } from './args';
import type { BenchIds } from './corpus';
import { percentile } from './report';
import { measurePanel } from './timelinePanel';

/** Written by `npm run bench:corpus` (corpus.ts runs when imported, so its constant is not). */
const IDS_FILE = 'bench-ids.json';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = option(argv, 'corpus');
  if (!corpus) throw new Error('usage: npm run bench:timeline -- --corpus DIR [--runs 50] [--json]');
  const runs = Number(option(argv, 'runs') ?? 50);
  const ids = JSON.parse(fs.readFileSync(path.join(corpus, IDS_FILE), 'utf8')) as BenchIds;
  const t0 = performance.now();
  const ws = await loadWorkspace([corpus]);
  const indexMs = performance.now() - t0;
  const service = new TimelineService({
    query: ws.query,
    registry: () => ws.registry,
    records: new RecordSource({ registry: () => ws.registry, timeOptionsFor: ws.timeOptionsFor }),
    clockRules: () => ws.settings.clockRules,
  });
  const flows = flag(argv, 'flows') ? new FlowService(ws.query) : undefined;
  if (flows) service.setFlowProvider(flowProviderFor(flows));
  // The busiest agent: the ICM agent id named on the most lines.
  let busiest = String(ids.icmAgentId);
  let most = -1;
  for (const k of ws.index.searchKeys('agent:icm:', 5000)) {
    const lines = ws.index.collect(ws.index.entityKeys(k), 5_000_000).count;
    if (lines > most) {
      most = lines;
      busiest = ws.index.keys.text(k);
    }
  }
  const results: Record<string, unknown> = { corpusBytes: ids.bytes, indexMs: Math.round(indexMs) };
  // Asked first: the contact's cold timeline pays for the flow status when flows are on.
  for (const [name, id, limit] of [
    ['followed contact', ids.contactId, undefined],
    ['busiest agent', busiest, undefined],
    ['busiest agent, 10,000 events', busiest, 10_000],
  ] as Array<[string, string, number | undefined]>) {
    const ask = () => service.forId(id, limit ? { limit } : {});
    let s = performance.now();
    const first = await ask();
    const cold = performance.now() - s;
    if (isTimelineError(first)) throw new Error(first.error);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      s = performance.now();
      await ask();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    results[name] = {
      id,
      total: first.total,
      events: first.events.length,
      coldMs: Math.round(cold),
      warmP50Ms: Math.round(percentile(times, 50) ?? NaN),
      warmP99Ms: Math.round(percentile(times, 99) ?? NaN),
    };
  }
  if (flows) {
    const snap = flows.snapshot();
    results.flowStatusMs = snap.ms;
    results.flowStatusCpuMs = Math.round(snap.cpuMs);
    flows.dispose();
  }
  await ws.dispose();
  if (!flag(argv, 'no-panel')) results['panel, 10,000 events'] = await measurePanel(10_000, 10);
  process.stdout.write(flag(argv, 'json') ? `${JSON.stringify(results)}\n` : `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String((e as Error).stack ?? e)}\n`);
  process.exitCode = 1;
});
