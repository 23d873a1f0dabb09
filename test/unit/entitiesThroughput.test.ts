/**
 * Throughput of entity extraction on a realistic mix: every record of the sample bundle (chat,
 * ECE, ICM traces, tools output) repeated to a few MB, each with its format. It prints MB/s and
 * asserts no timing (machines differ), only that every pass finds the same entities: the extractor
 * reuses buffers between records, and a record must never see another's state.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractEntities } from '../../server/src/entities/extract';
import { modelOf } from './helpers/model';

const samplesDir = path.join(__dirname, '..', '..', 'samples');

function sampleRecords(): Array<{ text: string; format: string }> {
  const out: Array<{ text: string; format: string }> = [];
  const files = fs
    .readdirSync(samplesDir, { recursive: true })
    .map(String)
    .filter((f) => /\.(log|txt)$/.test(f))
    .sort();
  for (const f of files) {
    const model = modelOf(fs.readFileSync(path.join(samplesDir, f), 'utf8'));
    for (let r = 0; r < model.recordCount; r++)
      out.push({ text: model.recordText(r).text, format: model.recordFormatOf(r).id });
  }
  return out;
}

describe('entities: throughput', () => {
  it('extracts from a few MB of mixed records and reports MB/s', function () {
    this.timeout(120_000);
    const records = sampleRecords();
    assert.ok(records.length > 100, `only ${records.length} sample records`);
    const perPass = (): string[] =>
      records.map((r) =>
        extractEntities(r.text, r.format)
          .occurrences.map((o) => o.key)
          .join(' '),
      );
    const first = perPass(); // also warms the rules and the JIT
    const named = first.filter((k) => k.length > 0).length;
    assert.ok(named > records.length / 4, `only ${named} of ${records.length} records name an entity`);

    const time = (set: Array<{ text: string; format: string }>, targetChars: number) => {
      const size = set.reduce((n, r) => n + r.text.length, 0);
      const reps = Math.max(1, Math.ceil(targetChars / size));
      let found = 0;
      const t0 = process.hrtime.bigint();
      for (let p = 0; p < reps; p++) for (const r of set) found += extractEntities(r.text, r.format).occurrences.length;
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return { chars: size * reps, reps, found, seconds };
    };
    const report = (what: string, t: { chars: number; seconds: number }) =>
      console.log(
        `      ${what}: ${(t.chars / 1e6).toFixed(1)} M characters, ${(t.chars / 1e6 / t.seconds).toFixed(1)} MB/s, ${((t.seconds * 1e9) / t.chars).toFixed(0)} ns per character`,
      );

    const mixed = time(records, 4_000_000);
    const firstCount = first.reduce((n, k) => n + (k ? k.split(' ').length : 0), 0);
    assert.equal(mixed.found, firstCount * mixed.reps);
    assert.deepEqual(perPass(), first);
    report(`all ${records.length} sample records (${named} name an entity), ${mixed.found} occurrences`, mixed);

    // Most lines of a real log name nothing: they cost only the literal prefilter.
    const plain = records.filter((_, i) => first[i] === '');
    const quiet = time(plain, 4_000_000);
    assert.equal(quiet.found, 0);
    report(`the ${plain.length} records that name nothing`, quiet);
  });
});
