// A log too large for VS Code to hand to extensions, made from the samples: an ECE listener log of
// health-monitor lines (which name no ID) around a copy of the sample listener log's lines, moved one
// hour earlier so that the IDs they name are born in the large file first. Written by the tests, never
// committed. Plain Node: used by the unit tests and by the tests in the real VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Zero-based line of the large file where the copy of the sample listener log begins. */
export const BLOCK_LINE = 150_000;
/** The sample copied into the large file, relative to the samples folder. */
export const BLOCK_SAMPLE = path.join('ece', 'eg_log_ECEAPP01_Listener.log');
const HOUR = 3_600_000;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' GMT+0000');
}

function filler(ms: number, n: number): string {
  return (
    `${stamp(ms)} <@> DEBUG <@> [58:ListenerHealthMonitor] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> ` +
    `com.ipcc.listener.ListenerHealthMonitor <@> <@> CTI connection status CONNECTED (side A 10.20.30.41:42027, session 6), ` +
    `pending ARM requests 0, logged-in agents 0, check ${n} <@>\n`
  );
}

/**
 * Writes the large log to `file` (at least `minBytes`, 60 MB by default) and returns the lines of the
 * copied sample as they are in it (`lines[i]` is file line BLOCK_LINE + i).
 */
export function writeLargeListenerLog(
  samplesDir: string,
  file: string,
  minBytes = 60 * 1024 * 1024,
): { lines: string[]; totalLines: number } {
  const sample = fs
    .readFileSync(path.join(samplesDir, BLOCK_SAMPLE), 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  // The sample's records one hour earlier, so this copy is the first to name its IDs.
  const block = sample.map((l) =>
    l.replace(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) GMT\+0000/, (_m, t: string) =>
      stamp(Date.parse(t.replace(' ', 'T') + 'Z') - HOUR),
    ),
  );
  const blockStart = Date.parse('2019-08-19T12:30:00Z');
  const dayStart = Date.parse('2019-08-19T00:00:00Z');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    let written = 0;
    let line = 0;
    let chunk: string[] = [];
    const flush = () => {
      const buf = Buffer.from(chunk.join(''), 'utf8');
      fs.writeSync(fd, buf);
      written += buf.length;
      chunk = [];
    };
    // Before the copy: from midnight to just before it, evenly spaced.
    const before = blockStart - dayStart;
    for (; line < BLOCK_LINE; line++) {
      chunk.push(filler(dayStart + Math.floor((before * line) / BLOCK_LINE), line));
      if (chunk.length >= 10_000) flush();
    }
    for (const l of block) chunk.push(l + '\n');
    line += block.length;
    flush();
    // After it: a line every 50 ms from 13:00 until the file is large enough.
    let ms = Date.parse('2019-08-19T13:00:00Z');
    while (written < minBytes) {
      for (let i = 0; i < 10_000; i++, line++, ms += 50) chunk.push(filler(ms, line));
      flush();
    }
    return { lines: block, totalLines: line };
  } finally {
    fs.closeSync(fd);
  }
}
