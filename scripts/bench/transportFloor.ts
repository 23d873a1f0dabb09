/**
 * The floor under `firstHoverMs`: what sending a large `didOpen` over stdio costs before any server
 * work. The client side is the bench's own (vscode-jsonrpc's writer, as editors use); the receiving
 * side is a bare Node process that only reads the message, joins its body, turns it into text and
 * parses the JSON (the steps every server in Node must take), then answers with a few bytes. What a
 * real server needs for the first hover comes on top of this.
 *
 *   npx tsx scripts/bench/transportFloor.ts --corpus DIR [--runs 5] [--json]
 *   npx tsx scripts/bench/transportFloor.ts --file FILE
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { flag, option } from './args';

/** The receiving process: LSP framing by hand, one message, timings back on stdout as the answer. */
const RECEIVER = String.raw`
const { isAscii } = require('node:buffer');
const chunks = [];
let have = 0, need = -1, bodyAt = 0, firstAt = 0;
process.stdin.on('data', (chunk) => {
  if (!firstAt) firstAt = performance.now();
  chunks.push(chunk);
  have += chunk.length;
  if (need < 0) {
    const head = Buffer.concat(chunks).subarray(0, Math.min(have, 1024)).toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    need = Number(/Content-Length: *(\d+)/i.exec(head)[1]);
    bodyAt = end + 4;
  }
  if (have < bodyAt + need) return;
  const received = performance.now();
  const body = Buffer.concat(chunks).subarray(bodyAt, bodyAt + need);
  const joined = performance.now();
  const text = isAscii(body) ? body.toString('latin1') : body.toString('utf8');
  const decoded = performance.now();
  const message = JSON.parse(text);
  const parsed = performance.now();
  const answer = JSON.stringify({ jsonrpc: '2.0', method: 'floor/done', params: {
    chars: message.params.textDocument.text.length,
    receiveMs: received - firstAt, joinMs: joined - received, decodeMs: decoded - joined, parseMs: parsed - decoded } });
  process.stdout.write('Content-Length: ' + Buffer.byteLength(answer) + '\r\n\r\n' + answer);
});
`;

interface FloorRun {
  totalMs: number;
  sendMs: number;
  receiveMs: number;
  joinMs: number;
  decodeMs: number;
  parseMs: number;
}

async function once(file: string, text: string): Promise<FloorRun> {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const done = new Promise<{ receiveMs: number; joinMs: number; decodeMs: number; parseMs: number }>((resolve) =>
    connection.onNotification(
      'floor/done',
      (p: { receiveMs: number; joinMs: number; decodeMs: number; parseMs: number }) => resolve(p),
    ),
  );
  connection.listen();
  // Let the child start before the clock runs.
  await new Promise((r) => setTimeout(r, 500));
  const t0 = performance.now();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: pathToFileURL(file).toString(), languageId: 'log', version: 1, text },
  });
  const sendMs = performance.now() - t0;
  const steps = await done;
  const totalMs = performance.now() - t0;
  connection.dispose();
  child.kill();
  return { totalMs, sendMs, ...steps };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const corpus = option(argv, 'corpus');
  let file = option(argv, 'file');
  if (!file && corpus) {
    const ids = JSON.parse(fs.readFileSync(path.join(corpus, 'bench-ids.json'), 'utf8')) as { hoverFile: string };
    file = path.join(corpus, ids.hoverFile);
  }
  if (!file) throw new Error('expected --corpus DIR (its hover file is sent) or --file FILE');
  const runs = Number(option(argv, 'runs') ?? 5);
  const text = fs.readFileSync(file, 'utf8');
  const results: FloorRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(file, text));
  if (flag(argv, 'json')) {
    process.stdout.write(`${JSON.stringify({ file, megabytes: Buffer.byteLength(text) / 2 ** 20, runs: results })}\n`);
    return;
  }
  const f = (n: number) => n.toFixed(0).padStart(6);
  console.log(
    `didOpen of ${path.basename(file)} (${(Buffer.byteLength(text) / 2 ** 20).toFixed(0)} MB) to a bare Node reader, ms:`,
  );
  console.log(' total   send  receive  join  decode  parse');
  for (const r of results)
    console.log(`${f(r.totalMs)} ${f(r.sendMs)} ${f(r.receiveMs)}  ${f(r.joinMs)}  ${f(r.decodeMs)} ${f(r.parseMs)}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
