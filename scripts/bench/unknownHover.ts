/**
 * The first hover on a large document of no known format, opened as `plaintext` (or `log`): the
 * server must answer it from a window of lines around the position, not after modelling the whole
 * document. Two documents of 10 MB: random bytes, and a CUCM SDL trace (a format the server does not
 * know) with records of known formats now and then. Drives the built server over stdio.
 *
 *   npm run bench:unknown -- [--mb 10] [--runs 3] [--json] [--server path/to/server.js]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { flag, option } from './args';
import { LspSession } from './lspSession';

const ROOT = path.resolve(__dirname, '..', '..');

/** A small deterministic generator, so every run measures the same text. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31);
}

function randomBytesText(bytes: number): string {
  const next = rng(7);
  const chars: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = Array.from({ length: 40 + (next() % 160) }, () => String.fromCharCode(next() % 256))
      .join('')
      .replace(/[\r\n]/g, ' ');
    chars.push(line);
    size += line.length + 1;
  }
  return chars.join('\n');
}

function sdlTraceText(bytes: number): string {
  const next = rng(21);
  const known = [
    '3841181: Aug 06 09:20:47.451 IST %MIVR-ICD_CTI-7-UNK:[ICD CTI Msg Dispatcher] CTIServer: sending AGENT_STATE_EVENT to session 3: agentID=Jabber@ge.nt3, agentState=RESERVED, MRDID=1',
    '2019-08-19 13:30:07.500 GMT+0000 <@> INFO <@> [63:ARM-Heartbeat-Timer] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending HEARTBEAT_REQ -> 0 0 0 4 0 0 0 5 0 1 57 98 <@>',
  ];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      i > 3000 && next() % 20 === 0
        ? known[next() % known.length]!
        : `${String(10_000_000 + i).padStart(8, '0')}.00${i % 10} |09:${String(i % 60).padStart(2, '0')}:39.144 |SdlSig   |SdlDataInd    |wait    |SdlTCPConnection(1,100,14,1)    |SIPHandler(1,100,72,1)           |1,100,14,3.${i}^*^*     |[T:N-H:0,N:1,L:0,V:0,Z:0,D:0] ConnIdx= 3 Len=${next() % 2000}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

interface Timing {
  /** From the start of didOpen to the hover's answer. */
  totalMs: number;
  /** Of which: until the server had read the didOpen (the answer to a tiny request sent after it). */
  readMs: number;
  /** The hover alone, asked once the didOpen was read. */
  hoverMs: number;
}

async function firstHover(serverJs: string, name: string, text: string): Promise<Timing | undefined> {
  const session = LspSession.start(serverJs);
  try {
    await session.initialize(os.tmpdir(), 60_000);
    const lines = text.split('\n').length;
    const line = Math.floor(lines / 2);
    const t0 = performance.now();
    const uri = await session.open(path.join(os.tmpdir(), 'cc-logs-bench-unknown', name), 'plaintext', text);
    // Messages are handled in order: this answer comes once the didOpen was read and handled.
    const read = await session.request(
      'ccLogs/detectLanguage',
      { uri: 'untitled:probe', fileName: 'probe.txt', sample: 'x' },
      120_000,
    );
    const t1 = performance.now();
    const answer = await session.request(
      'textDocument/hover',
      { textDocument: { uri }, position: { line, character: 20 } },
      120_000,
    );
    const t2 = performance.now();
    if (read.result === undefined || answer.result === undefined) return undefined;
    return { totalMs: t2 - t0, readMs: t1 - t0, hoverMs: t2 - t1 };
  } finally {
    await session.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const mb = Number(option(argv, 'mb') ?? 10);
  const runs = Number(option(argv, 'runs') ?? 3);
  const serverJs = path.resolve(option(argv, 'server') ?? path.join(ROOT, 'server', 'out', 'server.js'));
  const docs: Array<[string, string]> = [
    ['random-bytes.txt', randomBytesText(mb << 20)],
    ['cucm-sdl-trace.txt', sdlTraceText(mb << 20)],
  ];
  const results: Record<string, Array<Timing | null>> = {};
  for (const [name, text] of docs) {
    results[name] = [];
    for (let run = 0; run < runs; run++) {
      const t = await firstHover(serverJs, name, text);
      results[name].push(t ?? null);
      process.stderr.write(
        `[bench:unknown] ${name} (${(text.length / 2 ** 20).toFixed(1)} MB) run ${run + 1}: ${
          t
            ? `${t.totalMs.toFixed(0)} ms from didOpen (${t.readMs.toFixed(0)} ms until the server had read it, then the hover ${t.hoverMs.toFixed(0)} ms)`
            : 'no answer'
        }\n`,
      );
    }
  }
  if (flag(argv, 'json')) process.stdout.write(JSON.stringify({ mb, runs, firstHover: results }) + '\n');
  else
    for (const [name, values] of Object.entries(results))
      process.stdout.write(
        `${mb} MB ${name} as plaintext, first hover: ${values
          .map((t) => (t ? `${t.hoverMs.toFixed(0)} ms (${t.totalMs.toFixed(0)} ms from didOpen)` : 'none'))
          .join(', ')}\n`,
      );
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
