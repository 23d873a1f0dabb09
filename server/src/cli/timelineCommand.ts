/**
 * `cclogs timeline <id> [folder...]`: the merged timeline of one chat or agent over the logs of the
 * folders, as a table (lane, time, delta, summary, file:line), or with `--json` the language
 * server's result as is. Same modules as the server: the workspace index and `timeline/`.
 */
import type { TimelineEvent, TimelineResult } from '../../../protocol/timelineTypes';
import { isTimelineError } from '../../../protocol/timelineTypes';
import { RecordSource } from '../timeline/recordSource';
import { DEFAULT_LIMIT, MAX_LIMIT, TimelineService } from '../timeline/timeline';
import { formatOffset, parseOffset } from '../time/zones';
import type { CliCommand, CliIO } from './commands';
import { addSettingOverride, loadWorkspace } from './loadWorkspace';

const HELP = `Usage: cclogs timeline <id> [folder...] [options]

Prints every line naming the chat or agent <id> (any of its names: contact id, chat room,
agent id, peripheral number, ECE user id, InvokeID...) across the logs of the folders
(default: the current directory), in time order.

Options:
  --json               print the server's result (JSON) instead of the table
  --offset <n>         first event (default 0)
  --limit <n>          events per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT})
  --zone <z>           time zone of the table: utc (default), local, or an offset like +05:30
  --set <key>=<value>  a ccLogs setting over the folders' .vscode/settings.json,
                       e.g. --set zonelessOffset=+02:00 --set 'clockOffsets={"cglA":-60}'
`;

interface Args {
  id?: string;
  folders: string[];
  json: boolean;
  offset: number;
  limit: number;
  zone: 'utc' | 'local' | number;
  overrides: Record<string, unknown>;
  help: boolean;
}

export function parseTimelineArgs(argv: readonly string[]): Args | string {
  const a: Args = {
    folders: [],
    json: false,
    offset: 0,
    limit: DEFAULT_LIMIT,
    zone: 'utc',
    overrides: {},
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    const value = (): string | undefined => argv[++i];
    if (x === '--json') a.json = true;
    else if (x === '--help' || x === '-h') a.help = true;
    else if (x === '--offset' || x === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) return `${x} needs a whole number`;
      if (x === '--offset') a.offset = n;
      else a.limit = Math.max(1, Math.min(MAX_LIMIT, n));
    } else if (x === '--zone') {
      const z = value() ?? '';
      if (z === 'utc' || z === 'UTC') a.zone = 'utc';
      else if (z === 'local') a.zone = 'local';
      else {
        const m = parseOffset(z);
        if (m === undefined) return `--zone needs utc, local or an offset like +05:30 (got "${z}")`;
        a.zone = m;
      }
    } else if (x === '--set') {
      const problem = addSettingOverride(value() ?? '', a.overrides);
      if (problem) return problem;
    } else if (x.startsWith('--')) return `unknown option ${x}`;
    else if (a.id === undefined) a.id = x;
    else a.folders.push(x);
  }
  return a;
}

export const timelineCommand: CliCommand = {
  name: 'timeline',
  usage: 'timeline <id> [folder...] [--json]',
  summary: 'the merged timeline of one chat or agent across the logs, in time order',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseTimelineArgs(argv);
    if (typeof args === 'string') {
      io.err(`cclogs timeline: ${args}\n\n${HELP}`);
      return 2;
    }
    if (args.help || !args.id) {
      (args.help ? io.out : io.err)(HELP);
      return args.help ? 0 : 2;
    }
    const ws = await loadWorkspace(args.folders, { overrides: args.overrides });
    try {
      for (const p of ws.settings.problems) io.err(`warning: ${p}\n`);
      const service = new TimelineService({
        query: ws.query,
        registry: () => ws.registry,
        records: new RecordSource({ registry: () => ws.registry, timeOptionsFor: ws.timeOptionsFor }),
        clockRules: () => ws.settings.clockRules,
      });
      const answer = await service.forId(args.id, { offset: args.offset, limit: args.limit });
      if (isTimelineError(answer)) {
        if (args.json) io.out(`${JSON.stringify(answer, null, 2)}\n`);
        io.err(`cclogs timeline: ${answer.error}\n`);
        return 1;
      }
      io.out(args.json ? `${JSON.stringify(answer, null, 2)}\n` : renderTable(answer, args.zone));
      return 0;
    } finally {
      await ws.dispose();
    }
  },
};

/** The table of a timeline page, as plain text. */
export function renderTable(t: TimelineResult, zone: 'utc' | 'local' | number = 'utc'): string {
  const out: string[] = [];
  out.push(`${t.entity.label} (${t.entity.kind}): ${t.total} event${t.total === 1 ? '' : 's'}`);
  out.push(`Names: ${t.entity.names.map((n) => `${n.text} (${n.kind})`).join(', ')}`);
  const end = Math.min(t.total, t.offset + t.limit);
  if (end < t.total || t.offset > 0)
    out.push(`Lines ${t.offset + 1}-${end} of ${t.total}${end < t.total ? ` (--offset ${end} for more)` : ''}`);
  out.push('');
  const rows = t.events.map((e, i) => [
    e.lane,
    timeText(e, zone),
    deltaText(e, i > 0 ? t.events[i - 1] : undefined),
    oneLine(e.summary) + (e.pair ? ` [${e.pair.role} of InvokeID ${e.pair.invokeId}]` : ''),
    `${e.file}:${e.line + 1}`,
  ]);
  const head = ['LANE', `TIME (${zoneName(zone)})`, 'DELTA', 'SUMMARY', 'FILE:LINE'];
  const widths = head.map((h, c) => Math.min(c === 3 ? 90 : 40, Math.max(h.length, ...rows.map((r) => r[c].length))));
  const fmt = (r: string[]): string =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cut(cell, widths[c]).padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  out.push(fmt(head));
  for (const r of rows) out.push(fmt(r));
  if (t.clockFindings.length > 0) {
    out.push('', 'Clocks:');
    for (const c of t.clockFindings)
      out.push(`  ${c.message} Correct it with "ccLogs.clockOffsets": { "${c.suggestion.key}": ${c.suggestion.ms} }.`);
  }
  if (t.notes.length > 0) out.push('', ...t.notes.map((n) => `Note: ${n}`));
  return `${out.join('\n')}\n`;
}

function zoneName(zone: 'utc' | 'local' | number): string {
  return zone === 'utc' ? 'UTC' : zone === 'local' ? 'local' : formatOffset(zone);
}

export function timeText(e: TimelineEvent, zone: 'utc' | 'local' | number): string {
  if (!e.instant) return 'no time';
  const t = Date.parse(e.instant);
  const minutes = zone === 'utc' ? 0 : zone === 'local' ? -new Date(t).getTimezoneOffset() : zone;
  const iso = new Date(t + minutes * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${e.clockCorrection ? '*' : ''}`;
}

export function deltaText(e: TimelineEvent, prev: TimelineEvent | undefined): string {
  if (!e.instant || !prev?.instant) return '';
  const d = Date.parse(e.instant) - Date.parse(prev.instant);
  const abs = Math.abs(d);
  const sign = d < 0 ? '-' : '+';
  if (abs < 1000) return `${sign}${abs} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  if (abs < 3_600_000) return `${sign}${Math.floor(abs / 60_000)} min ${((abs % 60_000) / 1000).toFixed(0)} s`;
  return `${sign}${(abs / 3_600_000).toFixed(1)} h`;
}

/** Log text as one printable line: control characters (escape sequences included) become visible. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
