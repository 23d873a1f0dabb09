/**
 * The compiled scanner (server/wasm/scanner.ts, built by scripts/build.mjs) against the JavaScript
 * reference: every literal found where a brute-force search finds it; indexing every sample file and a
 * corpus written by the bench generator gives, with either scanner, the same segments (postings with
 * lines, columns and instants, flow markers, links); hostile bytes, a huge line and a truncated gzip
 * read the same; a scanner that fails in the middle of a file leaves the index unchanged and is named
 * in the job's summary; the search of files not indexed yet finds the same lines either way.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from '../../server/src/flows/marks';
import { builtinRegistry } from '../../server/src/formats/registry';
import { scanLiterals, type RecordMatch, type ScanTarget } from '../../server/src/index/coldScan';
import { runIndexJob, type JobSummary, type ScannerChoice } from '../../server/src/index/indexer';
import type { SegmentPayload } from '../../server/src/index/segment';
import { LiteralScanner, rarestPair, scannerModule } from '../../server/src/index/wasmScanner';
import { ROOT, SAMPLES, tempFolder } from './fixtures/index/helpers';

const noControl = { cancelled: () => false, gate: () => undefined };

async function indexWith(
  file: string,
  scanner: ScannerChoice,
  chunkBytes?: number,
): Promise<{ summary: JobSummary; segments: SegmentPayload[] }> {
  const segments: SegmentPayload[] = [];
  const summary = await runIndexJob(
    {
      fileId: 1,
      path: file,
      fileName: path.basename(file),
      time: { fileDateMs: Date.UTC(2026, 0, 1) },
      scanner,
      // Small segments, so that where segments end is compared too.
      segmentLines: 5000,
      ...(chunkBytes ? { chunkBytes } : {}),
    },
    { registry: builtinRegistry(), extract: extractWithMarks, anchors: anchorsWithMarks, literals: literalsWithMarks },
    (p) => segments.push(p),
    noControl,
  );
  return { summary, segments };
}

/** Everything a segment holds, in a form `deepEqual` compares. */
function plain(segments: SegmentPayload[]): unknown[] {
  return segments.map((s) => ({
    ...s,
    keyStart: [...s.keyStart],
    lines: [...s.lines],
    columns: [...s.columns],
    times: [...s.times],
  }));
}

async function assertSame(file: string, chunkBytes?: number): Promise<{ compiled: JobSummary; postings: number }> {
  const js = await indexWith(file, 'javascript', chunkBytes);
  const wasm = await indexWith(file, 'compiled', chunkBytes);
  assert.deepEqual(plain(wasm.segments), plain(js.segments), `segments of ${file}`);
  const { scanner: a, scannerProblem: pa, ...restA } = wasm.summary;
  const { scanner: b, ...restB } = js.summary;
  assert.deepEqual(restA, restB, `summary of ${file}`);
  assert.notEqual(b, 'compiled');
  assert.equal(pa, undefined, `no scanner problem in ${file}`);
  void a;
  return { compiled: wasm.summary, postings: wasm.summary.postings };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (!e.name.endsWith('.json') && !e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

describe('the compiled scanner', () => {
  const tmp = tempFolder('ccwasm-');
  after(() => tmp.remove());

  it('is built beside the server (node scripts/build.mjs)', () => {
    const m = scannerModule();
    assert.notEqual(typeof m, 'string', String(m));
  });

  it('finds every occurrence of every literal, with its line, whatever the bytes and the output room', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const alphabet = 'abcAB=\n:[ \r\u00e9'.slice(0, 2 + rnd(10));
      const literals = Array.from({ length: 1 + rnd(40) }, () =>
        Array.from({ length: 1 + rnd(7) }, () => alphabet[rnd(alphabet.length)]).join(''),
      );
      const text = Array.from({ length: rnd(400) }, () => alphabet[rnd(alphabet.length)]).join('');
      const bytes = Buffer.from(text, 'latin1');
      const s = LiteralScanner.create(
        literals.map((l) => Buffer.from(l, 'latin1')),
        1024,
        1 + rnd(64),
      );
      assert.ok(s instanceof LiteralScanner, String(s));
      s.input.set(bytes);
      const got: string[] = [];
      for (let from = 0; ;) {
        const r = s.scan(bytes.length, from);
        assert.ok(r.count >= 0);
        const before = bytes.subarray(0, from).filter((b) => b === 10).length;
        for (let h = 0; h < r.count; h++)
          got.push(`${s.hits[h * 3]}:${s.hits[h * 3 + 1]}:${s.hits[h * 3 + 2]! + before}`);
        if (r.more < 0) break;
        from = r.more;
      }
      const want: string[] = [];
      for (let p = 0; p < text.length; p++)
        literals.forEach((l, i) => {
          if (text.startsWith(l, p)) want.push(`${p}:${i}:${text.slice(0, p).split('\n').length - 1}`);
        });
      // Of the literals at one place, the scanner reports them in the order of its buckets.
      assert.deepEqual(got.sort(), want.sort(), `literals ${JSON.stringify(literals)} in ${JSON.stringify(text)}`);
    }
  });

  it('finds one to four literals by their rarest byte pair exactly where a brute-force search does', () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let pairScanners = 0;
    for (let round = 0; round < 600; round++) {
      // Few letters, so that literals overlap, repeat and share their rare bytes; some longer than 64.
      const alphabet = '0123ABF=\n: \u00e9'.slice(0, 2 + rnd(10));
      const literals = Array.from({ length: 1 + rnd(4) }, () =>
        Array.from({ length: 1 + (rnd(8) === 0 ? 60 + rnd(20) : rnd(9)) }, () => alphabet[rnd(alphabet.length)]).join(
          '',
        ),
      );
      const parts: string[] = [];
      for (let k = rnd(60); k > 0; k--)
        parts.push(
          rnd(3) === 0 ? literals[rnd(literals.length)]! : alphabet[rnd(alphabet.length)]!.repeat(1 + rnd(40)),
        );
      const text = parts.join('');
      const bytes = Buffer.from(text, 'latin1');
      const s = LiteralScanner.create(
        literals.map((l) => Buffer.from(l, 'latin1')),
        4096,
        Math.max(literals.length + 1, 1 + rnd(16)),
      );
      assert.ok(s instanceof LiteralScanner, String(s));
      assert.ok(s.pairs, `a pair scanner for ${JSON.stringify(literals)}`);
      pairScanners++;
      s.input.set(bytes);
      // Bytes left past the input by an earlier, longer one must not be taken for text.
      s.input.fill(literals[0]!.charCodeAt(0), bytes.length, Math.min(s.input.length, bytes.length + 200));
      const got: string[] = [];
      for (let from = 0; ;) {
        const r = s.find(bytes.length, from);
        assert.ok(r.count >= 0);
        for (let h = 0; h < r.count; h++) got.push(`${s.hits[h * 3]}:${s.hits[h * 3 + 1]}`);
        if (r.more < 0) break;
        assert.ok(r.more >= from);
        from = r.more;
      }
      const want: string[] = [];
      for (let p = 0; p < text.length; p++)
        literals.forEach((l, i) => {
          if (text.startsWith(l, p)) want.push(`${p}:${i}`);
        });
      assert.deepEqual(got, want, `literals ${JSON.stringify(literals)} in ${JSON.stringify(text)}`);
    }
    assert.equal(pairScanners, 600);
    const many = LiteralScanner.create(
      ['a', 'b', 'c', 'd', 'e'].map((l) => Buffer.from(l)),
      64,
    );
    assert.ok(many instanceof LiteralScanner && !many.pairs, 'five literals go through the bucket tables');
    assert.equal(many.find(1).count, -1);
  });

  it("takes a literal's two rarest different bytes for its pair, within its first 64 bytes", () => {
    const pair = (l: string) =>
      rarestPair(Buffer.from(l, 'latin1'))
        .map((o) => l[o])
        .join('');
    assert.equal(pair('079FF894100001650D5B1A000A301647'), 'FB');
    assert.equal(pair('agent 1234'), 'g3');
    assert.equal(pair('x'), 'xx');
    assert.equal(pair('aaaa'), 'aa');
    assert.deepEqual(rarestPair(Buffer.from(`${'0'.repeat(70)}Z`)), [0, 1]);
  });

  it('indexes every sample file as the JavaScript scanner does', async function () {
    this.timeout(60_000);
    let compiledFiles = 0;
    let postings = 0;
    for (const file of filesUnder(SAMPLES)) {
      const r = await assertSame(file);
      if (r.compiled.scanner === 'compiled') compiledFiles++;
      postings += r.postings;
      // Small reads: anchors and records cut by every chunk boundary.
      await assertSame(file, 4096);
    }
    assert.ok(compiledFiles >= 15, `the compiled scanner read ${compiledFiles} sample files`);
    assert.ok(postings > 500, `${postings} postings`);
  });

  it('indexes a corpus of the bench generator as the JavaScript scanner does', async function () {
    this.timeout(180_000);
    const out = path.join(tmp.dir, 'corpus');
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'scripts/bench/corpus.ts',
        '--size',
        '6M',
        '--out',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const files = filesUnder(out);
    assert.ok(files.length >= 10, `${files.length} files`);
    let postings = 0;
    let marks = 0;
    const byJs: string[] = [];
    for (const file of files) {
      const { compiled } = await assertSame(file);
      // The chat widget's console export holds UTF-8 (read by the JavaScript search from there on).
      if (compiled.scanner !== 'compiled') byJs.push(path.basename(file));
      postings += compiled.postings;
      const { segments } = await indexWith(file, 'compiled');
      for (const s of segments) marks += s.keys.filter((k) => k.startsWith('~flow:')).length;
    }
    assert.ok(byJs.length <= 2, `read without the compiled scanner: ${byJs.join(', ')}`);
    assert.ok(postings > 10_000, `${postings} postings`);
    assert.ok(marks > 10, `${marks} flow marker keys`);
  });

  it('reads hostile bytes, a huge line and a truncated gzip as the JavaScript scanner does', async function () {
    this.timeout(120_000);
    const dir = tmp.dir;
    let seed = 3;
    const random = Buffer.alloc(300_000);
    for (let i = 0; i < random.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      random[i] = seed & 0xff;
    }
    const stamp = '2019-08-19 13:34:09.123 GMT+0000 <@> INFO <@> [t] <@> ';
    const lines = [
      `${stamp}contactId=079FF894100001650D5B1A000A301647 start`,
      // A line longer than a record may be, with anchors at its start, middle and end.
      `${stamp}contactId=1111 ${'x'.repeat(600_000)} contactId=2222 ${'y'.repeat(500_000)} contactId=3333`,
      `${stamp}InvokeID=42 \r lone CR then contactId=4444`,
      '\u00e9t\u00e9 contactId=5555 after UTF-8',
      `${stamp}contactId=6666 end`,
    ];
    const text = lines.join('\n');
    const files: Record<string, Buffer> = {
      'random.log': random,
      'ece-huge.log': Buffer.from(text, 'utf8'),
      'ece-latin1.log': Buffer.concat([
        Buffer.from(text.slice(0, 200), 'latin1'),
        Buffer.from([0xe9, 0xff, 0x0a]),
        Buffer.from(text, 'latin1'),
      ]),
      'empty.log': Buffer.alloc(0),
      'crlf.log': Buffer.from(lines.join('\r\n'), 'utf8'),
    };
    const gz = zlib.gzipSync(Buffer.from(lines.join('\n').repeat(3)));
    files['cut.log.gz'] = gz.subarray(0, Math.floor(gz.length / 2));
    for (const [name, bytes] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), bytes);
      await assertSame(path.join(dir, name));
      await assertSame(path.join(dir, name), 65_536);
    }
  });

  it('goes on with the JavaScript scanner when the compiled one fails, and says so', async () => {
    const file = filesUnder(SAMPLES).find((f) => f.includes('MIVR'))!;
    const js = await indexWith(file, 'javascript', 4096);
    const original = LiteralScanner.prototype.scan;
    let calls = 0;
    LiteralScanner.prototype.scan = function (this: LiteralScanner, ...args: Parameters<typeof original>) {
      if (++calls === 3) {
        // What a trap inside the module looks like to the host.
        this.broken = 'RuntimeError: memory access out of bounds';
        return { count: -1, more: -1 };
      }
      return original.apply(this, args);
    };
    let wasm: { summary: JobSummary; segments: SegmentPayload[] };
    try {
      wasm = await indexWith(file, 'compiled', 4096);
    } finally {
      LiteralScanner.prototype.scan = original;
    }
    assert.ok(calls >= 3);
    assert.deepEqual(plain(wasm.segments), plain(js.segments));
    assert.equal(wasm.summary.scanner, 'javascript');
    assert.match(
      wasm.summary.scannerProblem ?? '',
      /compiled scanner failed \(RuntimeError: memory access out of bounds\)/,
    );
  });

  it('finds the same lines for the search of files not indexed yet', async () => {
    const files = filesUnder(SAMPLES);
    const targets: ScanTarget[] = files.map((p, i) => ({ fileId: i, path: p, fromLine: 0, fromByte: 0 }));
    const needles = ['InvokeID', 'contactId=', '3506', 'Agent', '@conference.'];
    const check = (record: string): RecordMatch[] => {
      const out: RecordMatch[] = [];
      for (const n of needles)
        for (let i = record.indexOf(n); i >= 0; i = record.indexOf(n, i + 1))
          out.push({ start: i, end: i + n.length, birth: false, key: n });
      return out.sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
    };
    const js = await scanLiterals(targets, needles, check, { scanner: 'javascript', limit: 100_000 });
    let problem: string | undefined;
    const wasm = await scanLiterals(targets, needles, check, {
      scanner: 'compiled',
      limit: 100_000,
      onScannerProblem: (m) => (problem = m),
    });
    assert.equal(problem, undefined);
    assert.ok(js.hits.length > 100, `${js.hits.length} hits`);
    assert.deepEqual(wasm, js);
    // Small chunks: spellings cut by the chunk boundaries.
    const small = await scanLiterals(targets, needles, check, {
      scanner: 'compiled',
      limit: 100_000,
      chunkBytes: 4096,
    });
    assert.deepEqual(small.hits, js.hits);
  });
});
