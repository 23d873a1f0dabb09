/**
 * Bench phase `windows`: a log too large for VS Code to open (1 GiB by default) read in windows served by
 * the server (`ccLogs/largeFile/locate` then `ccLogs/largeFile/content`, as the client does), at a line in
 * the middle of the file: the first time (the server counts the lines up to it), then at another line
 * once the server has counted all of them, then the first hover inside the window once it is opened as a document.
 *
 * The large file is `--large-file PATH`, or written into the temp folder by repeating the corpus's hover
 * file up to `--large-gb N` GiB (removed at the end).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchIds } from './corpus';
import { LspSession } from './lspSession';
import type { BenchResults } from './report';

const GiB = 1024 ** 3;

interface Placed {
  windowUri: string;
  fromLine: number;
  lineCount: number;
  targetLine: number;
  languageId: string | null;
  totalLines: number | null;
  error?: string;
}

export async function windowsRun(
  serverJs: string,
  corpus: string,
  ids: BenchIds,
  r: BenchResults,
  options: { largeFile?: string; largeGb: number; profDir?: string },
  log: (m: string) => void,
): Promise<void> {
  let file = options.largeFile;
  let lines: number;
  let made: string | undefined;
  if (file) {
    lines = countLines(file);
  } else {
    made = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-logs-bench-large-'));
    file = path.join(made, path.basename(ids.hoverFile).replace(/(\.\w+)$/, '-large$1'));
    log(`windows: writing a ${options.largeGb} GiB log into ${made}`);
    lines = repeatInto(path.join(corpus, ids.hoverFile), file, options.largeGb * GiB);
  }
  const bytes = fs.statSync(file).size;
  r.windowFileGB = bytes / GiB;
  log(`windows: ${(bytes / GiB).toFixed(2)} GiB, ${lines} lines`);
  const session = LspSession.start(serverJs, options.profDir ? profArgs(options.profDir, 'windows') : []);
  try {
    await session.initialize(undefined, 60_000);
    const uri = pathToFileURL(file).toString();
    const open = async (line: number): Promise<{ ms: number; cpuMs?: number; placed?: Placed; text?: string }> => {
      const cpu0 = session.usage()?.cpuSeconds;
      const t0 = performance.now();
      const placed = await session.request<Placed>('ccLogs/largeFile/locate', { uri, line }, 60_000);
      if (!placed.result || placed.result.error) {
        r.notes.push(`window at line ${line}: ${placed.error ?? placed.result?.error ?? 'no answer'}`);
        return { ms: NaN };
      }
      const content = await session.request<{ text: string }>(
        'ccLogs/largeFile/content',
        { uri: placed.result.windowUri },
        60_000,
      );
      const ms = performance.now() - t0;
      const cpu1 = session.usage()?.cpuSeconds;
      return {
        ms,
        ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuMs: (cpu1 - cpu0) * 1000 } : {}),
        placed: placed.result,
        ...(content.result ? { text: content.result.text } : {}),
      };
    };
    const middle = Math.floor(lines / 2);
    r.windowLine = middle;
    const cold = await open(middle);
    r.windowColdMs = Number.isNaN(cold.ms) ? null : cold.ms;
    r.windowColdCpuMs = cold.cpuMs ?? null;
    // The server counts the rest of the file's lines in the background: wait for it (a window
    // answer carries the total once known), then place a window elsewhere.
    for (let waited = 0; waited < 120_000; waited += 200) {
      const p = await session.request<Placed>('ccLogs/largeFile/locate', { uri, line: 0 }, 60_000);
      if (p.result?.totalLines !== null && p.result?.totalLines !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const warm = await open(Math.floor(lines * 0.8));
    r.windowWarmMs = Number.isNaN(warm.ms) ? null : warm.ms;
    log(
      `windows: line ${middle + 1} first ${r.windowColdMs?.toFixed(0)} ms (server CPU ${r.windowColdCpuMs?.toFixed(0)} ms), line ${Math.floor(lines * 0.8) + 1} then ${r.windowWarmMs?.toFixed(0)} ms`,
    );
    if (cold.placed && cold.text !== undefined) {
      const t0 = performance.now();
      await session.connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: cold.placed.windowUri,
          languageId: cold.placed.languageId ?? 'plaintext',
          version: 1,
          text: cold.text,
        },
      });
      const lineText = cold.text.split('\n', cold.placed.targetLine + 1)[cold.placed.targetLine] ?? '';
      const hover = await session.request<unknown>(
        'textDocument/hover',
        {
          textDocument: { uri: cold.placed.windowUri },
          position: { line: cold.placed.targetLine, character: Math.min(12, lineText.length) },
        },
        60_000,
      );
      if (hover.result !== undefined) r.windowHoverMs = performance.now() - t0;
      log(`windows: first hover in the window ${r.windowHoverMs?.toFixed(0)} ms after its didOpen`);
      // Go to time T, in a fresh server (no line counted yet): the time of the line placed above.
      const stamp = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,3})?/.exec(lineText)?.[0];
      if (stamp) await timeRun(serverJs, uri, stamp, r, options.profDir, log);
    }
  } finally {
    await session.stop();
    if (made) fs.rmSync(made, { recursive: true, force: true });
  }
}

/** `ccLogs/largeFile/locate` with a time then the window's content, in a fresh server. */
async function timeRun(
  serverJs: string,
  uri: string,
  time: string,
  r: BenchResults,
  profDir: string | undefined,
  log: (m: string) => void,
): Promise<void> {
  const session = LspSession.start(serverJs, profDir ? profArgs(profDir, 'windows-time') : []);
  try {
    await session.initialize(undefined, 60_000);
    const cpu0 = session.usage()?.cpuSeconds;
    const t0 = performance.now();
    const placed = await session.request<Placed>('ccLogs/largeFile/locate', { uri, time }, 60_000);
    if (!placed.result || placed.result.error) {
      r.notes.push(`window at time ${time}: ${placed.error ?? placed.result?.error ?? 'no answer'}`);
      return;
    }
    await session.request<{ text: string }>('ccLogs/largeFile/content', { uri: placed.result.windowUri }, 60_000);
    r.windowTimeMs = performance.now() - t0;
    const cpu1 = session.usage()?.cpuSeconds;
    if (cpu0 !== undefined && cpu1 !== undefined) r.windowTimeCpuMs = (cpu1 - cpu0) * 1000;
    r.windowTimeLine = placed.result.fromLine + placed.result.targetLine;
    log(
      `windows: time ${time} at line ${r.windowTimeLine + 1} in ${r.windowTimeMs.toFixed(0)} ms (server CPU ${r.windowTimeCpuMs?.toFixed(0)} ms)`,
    );
  } finally {
    await session.stop();
  }
}

function profArgs(dir: string, name: string): string[] {
  const out = path.resolve(dir, name);
  fs.mkdirSync(out, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${out}`];
}

/** Writes `source` again and again into `target` until it holds `bytes`; returns the lines written. */
function repeatInto(source: string, target: string, bytes: number): number {
  const data = fs.readFileSync(source);
  const body = data[data.length - 1] === 10 ? data : Buffer.concat([data, Buffer.from('\n')]);
  const perCopy = countNewlines(body);
  const fd = fs.openSync(target, 'w');
  let written = 0;
  let lines = 0;
  try {
    while (written < bytes) {
      fs.writeSync(fd, body);
      written += body.length;
      lines += perCopy;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

function countLines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 22);
  let lines = 0;
  try {
    for (let pos = 0; ;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      lines += countNewlines(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let p = buf.indexOf(10); p >= 0; p = buf.indexOf(10, p + 1)) n++;
  return n;
}
