/**
 * The index dates each posting with the instant of its record, read from the record's head once: the
 * splitter's test of the head is handed to the record clock. Every sample of every family, as it is
 * and with CRLF line ends (records whose text is not the stream's, so the clock matches the head
 * itself), must give each posting the instant the editor's record model gives its line.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { anchorsWithMarks, extractWithMarks, literalsWithMarks } from '../../server/src/flows/marks';
import { builtinRegistry } from '../../server/src/formats/registry';
import { runIndexJob } from '../../server/src/index/indexer';
import { NO_TIME, type SegmentPayload } from '../../server/src/index/segment';
import { LogModel } from '../../server/src/model/logModel';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const FILE_DATE = Date.UTC(2019, 7, 21, 12, 0, 0);

function sampleFiles(): string[] {
  const out: string[] = [];
  for (const family of fs.readdirSync(SAMPLES, { withFileTypes: true }))
    if (family.isDirectory() && !family.name.startsWith('.'))
      for (const f of fs.readdirSync(path.join(SAMPLES, family.name))) out.push(path.join(SAMPLES, family.name, f));
  return out.sort();
}

/** Line -> instants of the postings on it, from the segments of one file. */
async function indexedInstants(
  file: string,
  name: string,
): Promise<{ format: string | null; at: Map<number, number[]> }> {
  const registry = builtinRegistry();
  const segments: SegmentPayload[] = [];
  const summary = await runIndexJob(
    { fileId: 0, path: file, fileName: name, time: { fileDateMs: FILE_DATE } },
    { registry, extract: extractWithMarks, anchors: anchorsWithMarks, literals: literalsWithMarks },
    (s) => segments.push(s),
    { cancelled: () => false, gate: () => undefined },
  );
  const at = new Map<number, number[]>();
  for (const s of segments)
    for (let i = 0; i < s.lines.length; i++) {
      const t = s.times[i]!;
      const line = s.lines[i]! & 0x7fffffff;
      const list = at.get(line) ?? [];
      list.push(t === NO_TIME ? NaN : s.timeBase + t * s.timeScale);
      at.set(line, list);
    }
  return { format: summary.formatId, at };
}

describe('index instants', function () {
  this.timeout(60_000);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'instants-'));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  for (const file of sampleFiles())
    for (const ends of ['as written', 'CRLF'] as const)
      it(`${path.relative(SAMPLES, file)} (${ends}): each posting has its record's instant`, async () => {
        const name = path.basename(file);
        let text = fs.readFileSync(file, 'latin1');
        let target = file;
        if (ends === 'CRLF') {
          text = text.replace(/\r?\n/g, '\r\n');
          target = path.join(temp, name);
          fs.writeFileSync(target, text, 'latin1');
        }
        fs.utimesSync(target, FILE_DATE / 1000, FILE_DATE / 1000);
        const { format, at } = await indexedInstants(target, name);
        assert.ok(at.size > 0, 'the sample names something');
        const registry = builtinRegistry();
        const model = LogModel.build(text, {
          registry,
          ...(format ? { format: registry.byId(format)! } : {}),
          fileDate: new Date(FILE_DATE),
        });
        let dated = 0;
        let modelDated = 0;
        for (const [line, instants] of at) {
          const expected = model.instantOf(model.recordAt(line));
          if (expected === expected) modelDated++;
          for (const got of instants) {
            if (got === got) dated++;
            if (expected !== expected)
              assert.ok(got !== got, `line ${line}: the model has no instant, the index ${got}`);
            else assert.equal(got, expected, `line ${line}`);
          }
        }
        // rttest's agent checks carry no stamps; every other sample dates its postings.
        if (modelDated > 0) assert.ok(dated > 0, 'some postings are dated');
      });
});
