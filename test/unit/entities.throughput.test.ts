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
    for (let r = 0; r < model.recordCount; r++) out.push({ text: model.recordText(r).text, format: model.recordFormatOf(r).id });
  }
  return out;
}

describe('entities: throughput', () => {
  it('extracts from a few MB of mixed records and reports MB/s', function () {
    this.timeout(120_000);
    const records = sampleRecords();
    assert.ok(records.length > 100, `only ${records.length} sample records`);
    const chars = records.reduce((n, r) => n + r.text.length, 0);
    const passes = Math.max(1, Math.ceil(4_000_000 / chars));

    const perPass = (): string[] => records.map((r) => extractEntities(r.text, r.format).occurrences.map((o) => o.key).join(' '));
    const first = perPass(); // also warms the rules and the JIT
    const named = first.filter((k) => k.length > 0).length;
    assert.ok(named > records.length / 4, `only ${named} of ${records.length} records name an entity`);

    let occurrences = 0;
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) {
      for (const r of records) occurrences += extractEntities(r.text, r.format).occurrences.length;
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const mb = (chars * passes) / 1e6;
    const firstCount = first.reduce((n, k) => n + (k ? k.split(' ').length : 0), 0);
    assert.equal(occurrences, firstCount * passes);
    assert.deepEqual(perPass(), first);
    console.log(
      `      ${records.length} records x ${passes} = ${mb.toFixed(1)} MB (chars), ${occurrences} occurrences: ` +
        `${(mb / seconds).toFixed(1)} MB/s, ${((seconds * 1e9) / (chars * passes)).toFixed(0)} ns per character`,
    );
  });
});
