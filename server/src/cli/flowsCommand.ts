/**
 * `cclogs flows [folder...]`: every chat and agent of the logs with the status of its flow and the
 * first broken step with its hint; `--json` for scripts, `--fail-on-broken` to exit 1 when any flow
 * is broken (support pipelines). Same modules as the server: the workspace index and `flows/`.
 */
import { fileURLToPath } from 'node:url';
import { computeFlowStatus, type FlowsSnapshot } from '../flows/status';
import { builtinFlows } from '../flows/builtin';
import type { SubjectStatus } from '../flows/types';
import type { CliCommand, CliIO } from './commands';
import { addSettingOverride, loadWorkspace } from './loadWorkspace';

const HELP = `Usage: cclogs flows [folder...] [options]

Lists every chat, agent and voice call found in the logs of the folders (default: the current directory)
with the status of its flow (complete, broken, in progress) and, when broken, the first step
that did not happen or failed, with what to check.

Options:
  --json               print the status of every chat, agent and call as JSON
  --broken             list only the broken ones
  --fail-on-broken     exit with code 1 when any flow is broken
  --set <key>=<value>  a ccLogs setting over the folders' .vscode/settings.json,
                       e.g. --set zonelessOffset=+02:00
`;

interface Args {
  folders: string[];
  json: boolean;
  brokenOnly: boolean;
  failOnBroken: boolean;
  overrides: Record<string, unknown>;
  help: boolean;
}

export function parseFlowsArgs(argv: readonly string[]): Args | string {
  const a: Args = { folders: [], json: false, brokenOnly: false, failOnBroken: false, overrides: {}, help: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--json') a.json = true;
    else if (x === '--broken') a.brokenOnly = true;
    else if (x === '--fail-on-broken') a.failOnBroken = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x === '--set') {
      const problem = addSettingOverride(argv[++i] ?? '', a.overrides);
      if (problem) return problem;
    } else if (x.startsWith('--')) return `unknown option ${x}`;
    else a.folders.push(x);
  }
  return a;
}

function pathOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

function time(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/Z$/, ' UTC') : '(no time)';
}

export function formatFlows(subjects: readonly SubjectStatus[]): string {
  const lines: string[] = [];
  for (const kind of ['chat', 'agent', 'call'] as const) {
    const list = subjects.filter((s) => s.kind === kind);
    if (list.length === 0) continue;
    lines.push(`${kind === 'chat' ? 'Chats' : kind === 'agent' ? 'Agents' : 'Calls'} (${list.length})`);
    for (const s of list) {
      const f = s.flows[0];
      const d = Object.entries(s.details)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      lines.push(`  ${s.outcome.toUpperCase().padEnd(11)} ${s.id}  ${time(s.start)}${d ? `  (${d})` : ''}`);
      if (f?.firstBroken) {
        const b = f.firstBroken;
        lines.push(`      broken at step ${b.number}: ${b.title} [${b.state}]${b.meaning ? `: ${b.meaning}` : ''}`);
        lines.push(`      hint: ${b.hint}`);
        if (f.lastLine) lines.push(`      last line: ${pathOf(f.lastLine.uri)}:${f.lastLine.line + 1}`);
      }
      const seen = f?.steps.filter((st) => st.state === 'seen').length ?? 0;
      lines.push(
        `      ${seen}/${f?.steps.length ?? 0} steps seen${f?.timings.length ? `; ${f.timings.map((t) => `${t.label} ${t.ms} ms`).join('; ')}` : ''}`,
      );
    }
    lines.push('');
  }
  if (lines.length === 0) lines.push('No chat, agent or call found in these logs.', '');
  return lines.join('\n');
}

/**
 * `{ "subjects": [...] }` written one status at a time, byte for byte what `JSON.stringify(.., null, 2)` of the
 * whole gives: a bundle's tens of thousands of statuses are more text than one JavaScript string can hold.
 */
function writeJsonSubjects(snap: FlowsSnapshot, picked: readonly number[], io: CliIO): void {
  if (picked.length === 0) {
    io.out('{\n  "subjects": []\n}\n');
    return;
  }
  io.out('{\n  "subjects": [\n');
  picked.forEach((i, n) => {
    const item = JSON.stringify(snap.status(i), null, 2).replace(/\n/g, '\n    ');
    io.out(`    ${item}${n < picked.length - 1 ? ',' : ''}\n`);
  });
  io.out('  ]\n}\n');
}

export const flowsCommand: CliCommand = {
  name: 'flows',
  usage: 'flows [folder...] [--json] [--fail-on-broken]',
  summary: 'every chat, agent and call with its flow status and first broken step',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseFlowsArgs(argv);
    if (typeof args === 'string') {
      io.err(`cclogs flows: ${args}\n\n${HELP}`);
      return 2;
    }
    if (args.help) {
      io.out(HELP);
      return 0;
    }
    const ws = await loadWorkspace(args.folders, { overrides: args.overrides });
    try {
      for (const p of ws.settings.problems) io.err(`warning: ${p}\n`);
      const snap = computeFlowStatus(ws.query, builtinFlows());
      const picked: number[] = [];
      let broken = 0;
      for (let i = 0; i < snap.count; i++) {
        if (snap.outcome(i) === 'broken') broken++;
        if (!args.brokenOnly || snap.outcome(i) === 'broken') picked.push(i);
      }
      if (args.json) writeJsonSubjects(snap, picked, io);
      else io.out(formatFlows(picked.map((i) => snap.status(i))));
      return args.failOnBroken && broken > 0 ? 1 : 0;
    } finally {
      await ws.dispose();
    }
  },
};
