/**
 * The search of files the index has not read yet: several files are searched at once, yet the
 * answer is the one a search of each file in turn gives, in the order of the files, with the same
 * line numbers, and the limit on hits cuts it at the same place.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { inflatesInOneCall, scanLiterals, type RecordMatch, type ScanTarget } from '../../server/src/index/coldScan';
import { GZIP_BYTE_COST, scanCost, shareOut } from '../../server/src/index/scanShares';
import { tempFolder } from './fixtures/index/helpers';

const ID = '079FF894100001650D5B1A000A301647';

/** A file of `lines` lines naming ID on the lines in `at` (twice on the first of them). */
function logText(lines: number, at: readonly number[], tag: string): string {
  return Array.from({ length: lines }, (_, i) => {
    const base = `2019-08-19 13:34:09.${String(i % 1000).padStart(3, '0')} GMT+0000 <@> INFO <@> [${tag}] <@> line ${i}`;
    if (!at.includes(i)) return base;
    return i === at[0] ? `${base} contactId=${ID} again ${ID}` : `${base} contactId=${ID}`;
  }).join('\n');
}

/** Every spelling in the record text, as the entity check would report it. */
const check = (record: string): RecordMatch[] => {
  const out: RecordMatch[] = [];
  for (let i = record.indexOf(ID); i >= 0; i = record.indexOf(ID, i + 1))
    out.push({ start: i, end: i + ID.length, birth: false, key: `contact:${ID}` });
  return out;
};

describe('searching unindexed files', () => {
  const tmp = tempFolder('cccold-');
  const files: Array<{ target: ScanTarget; at: number[] }> = [];
  before(() => {
    const specs: Array<{ name: string; lines: number; at: number[]; gzip?: boolean; text?: boolean }> = [
      { name: 'a.log', lines: 20_000, at: [5, 19_999] },
      { name: 'b.log.gz', lines: 50_000, at: [0, 123, 40_000], gzip: true },
      { name: 'c.log', lines: 10, at: [] },
      { name: 'd.log', lines: 30_000, at: [29_000] },
      { name: 'e.log', lines: 200, at: [7, 8], text: true },
      { name: 'f.log.gz', lines: 1000, at: [999], gzip: true },
    ];
    specs.forEach((s, fileId) => {
      const text = logText(s.lines, s.at, s.name);
      const file = path.join(tmp.dir, s.name);
      if (!s.text) fs.writeFileSync(file, s.gzip ? zlib.gzipSync(text) : text);
      const target: ScanTarget = s.text
        ? { fileId, text, fromLine: 0, fromByte: 0, name: file }
        : { fileId, path: file, fromLine: 0, fromByte: 0, name: file };
      files.push({ target, at: s.at });
    });
  });
  after(() => tmp.remove());

  it('finds every hit, file by file in the given order, with its line and column', async () => {
    const result = await scanLiterals(
      files.map((f) => f.target),
      [ID],
      check,
      { chunkBytes: 64 * 1024 },
    );
    const expected = files.flatMap((f) =>
      f.at.flatMap((line, k) => (k === 0 ? [line, line] : [line])).map((line) => `${f.target.fileId}:${line}`),
    );
    assert.deepEqual(
      result.hits.map((h) => `${h.fileId}:${h.line}`),
      expected,
    );
    assert.equal(result.truncated, false);
    assert.equal(result.files, files.length);
    const first = result.hits[0]!;
    assert.equal(first.lineText.slice(first.column, first.column + first.length), ID);
  });

  it('gives the same hits, line texts and columns whatever the size of the chunks read', async () => {
    const texts = new Map(
      files.map((f) => [
        f.target.fileId,
        f.target.text ??
          (/\.gz$/.test(f.target.path!)
            ? zlib.gunzipSync(fs.readFileSync(f.target.path!)).toString()
            : fs.readFileSync(f.target.path!, 'utf8')),
      ]),
    );
    const expected = await scanLiterals(
      files.map((f) => f.target),
      [ID],
      check,
    );
    for (const h of expected.hits) assert.equal(h.lineText, texts.get(h.fileId)!.split('\n')[h.line]);
    for (const chunkBytes of [37, 101, 4093]) {
      const result = await scanLiterals(
        files.map((f) => f.target),
        [ID],
        check,
        { chunkBytes },
      );
      assert.deepEqual(
        result.hits.map((h) => `${h.fileId}:${h.line}:${h.column}:${h.lineText}`),
        expected.hits.map((h) => `${h.fileId}:${h.line}:${h.column}:${h.lineText}`),
        `chunks of ${chunkBytes} bytes`,
      );
    }
  });

  it('stops at the limit where a search of one file after another would, and says so', async () => {
    for (const limit of [1, 2, 3, 6, 8]) {
      const all = files.flatMap((f) =>
        f.at.flatMap((line, k) => (k === 0 ? [line, line] : [line])).map((line) => `${f.target.fileId}:${line}`),
      );
      const result = await scanLiterals(
        files.map((f) => f.target),
        [ID],
        check,
        { limit, chunkBytes: 64 * 1024 },
      );
      assert.deepEqual(
        result.hits.map((h) => `${h.fileId}:${h.line}`),
        all.slice(0, limit),
        `limit ${limit}`,
      );
      assert.equal(result.truncated, all.length > limit, `limit ${limit}`);
    }
  });

  it('reads a gzip file that is cut, over the cap, or resumed the way its stream reads it', async () => {
    const text = logText(30_000, [10, 20_000, 29_999], 'g.log.gz');
    const packed = zlib.gzipSync(text);
    const whole = path.join(tmp.dir, 'g.log.gz');
    fs.writeFileSync(whole, packed);
    const cut = path.join(tmp.dir, 'cut.log.gz');
    fs.writeFileSync(cut, packed.subarray(0, Math.floor(packed.length * 0.85)));
    const linesOf = async (target: ScanTarget): Promise<number[]> =>
      (await scanLiterals([target], [ID], check)).hits.map((h) => h.line);
    const base = { fileId: 1, fromLine: 0, fromByte: 0 };
    assert.deepEqual(await linesOf({ ...base, path: whole, name: whole }), [10, 10, 20_000, 29_999]);
    // Cut: what inflates is searched (one synchronous inflate fails on it; the stream gives what it can).
    const cutLines = await linesOf({ ...base, path: cut, name: cut });
    assert.deepEqual(cutLines, [10, 10, 20_000]);
    // The cap counts inflated bytes: only the text before it is searched.
    const capAt = text.indexOf('line 20000 ');
    assert.deepEqual(await linesOf({ ...base, path: whole, name: whole, maxBytes: capAt }), [10, 10]);
    // Resumed where an index stopped: lines go on from there.
    const from = text.indexOf('line 15000\n') + 'line 15000\n'.length;
    assert.deepEqual(
      await linesOf({ ...base, path: whole, name: whole, fromLine: 15_001, fromByte: from }),
      [20_000, 29_999],
    );
  });

  it('inflates in one call only a gzip file small on disk and by its trailer, and not cut by the cap', () => {
    assert.equal(inflatesInOneCall(300_000, 3 << 20), true, 'a rotated log of a few MB');
    assert.equal(inflatesInOneCall(300_000, 3 << 20, 1 << 20), false, 'cut by the cap: the stream stops there');
    assert.equal(inflatesInOneCall(4 << 20, 200 << 20), false, 'its text would be held whole');
    assert.equal(inflatesInOneCall(20 << 20, 30 << 20), false, 'large on disk');
    assert.equal(inflatesInOneCall(10, 0), false, 'shorter than a gzip header and trailer');
  });

  it('stops when cancelled', async () => {
    const result = await scanLiterals(
      files.map((f) => f.target),
      [ID],
      check,
      { isCancelled: () => true },
    );
    assert.deepEqual(result.hits, []);
  });
});

describe('sharing a search out between threads', () => {
  const tmp = tempFolder('ccshare-');
  after(() => tmp.remove());

  it('weighs a gzip file by the text it inflates to, times what inflating costs', async () => {
    const text = Buffer.from(logText(30_000, [1], 'gz'));
    const gz = path.join(tmp.dir, 'big.log.gz');
    fs.writeFileSync(gz, zlib.gzipSync(text));
    const plain = path.join(tmp.dir, 'plain.log');
    fs.writeFileSync(plain, text);
    const misnamed = path.join(tmp.dir, 'misnamed.log.gz');
    fs.writeFileSync(misnamed, text);
    assert.equal(await scanCost({ path: gz, size: fs.statSync(gz).size }), text.length * GZIP_BYTE_COST);
    assert.equal(await scanCost({ path: plain, size: text.length }), text.length);
    assert.equal(await scanCost({ path: misnamed, size: text.length }), text.length, 'no gzip inside: what it holds');
    assert.equal(await scanCost({ text: 'x'.repeat(10), size: 10 } as ScanTarget), 10);
    // The walk's inflated size is taken without opening the file.
    assert.equal(
      await scanCost({ path: path.join(tmp.dir, 'gone.log.gz'), size: 100, textBytes: 900 }),
      900 * GZIP_BYTE_COST,
    );
    // Remembered: the same file of the same size is not opened again.
    fs.rmSync(gz);
    assert.equal(await scanCost({ path: gz, size: zlib.gzipSync(text).length }), text.length * GZIP_BYTE_COST);
  });

  it('gives each thread about the same cost, costliest first, every target once', () => {
    const targets = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const costs = [100, 350, 10, 90, 60, 40, 5];
    const shares = shareOut(targets, costs, 2);
    assert.equal(shares.length, 2);
    assert.deepEqual(shares.flat().sort(), targets);
    const cost = (s: string[]): number => s.reduce((n, t) => n + costs[targets.indexOf(t)], 0);
    assert.deepEqual(
      shares.map(cost).sort((x, y) => x - y),
      [305, 350],
    );
    for (const s of shares)
      assert.deepEqual(
        s,
        [...s].sort((x, y) => costs[targets.indexOf(y)] - costs[targets.indexOf(x)]),
      );
    assert.deepEqual(shareOut(targets, costs, 1), [['b', 'a', 'd', 'e', 'f', 'c', 'g']]);
    assert.deepEqual(shareOut([], [], 3), [[], [], []]);
  });
});
