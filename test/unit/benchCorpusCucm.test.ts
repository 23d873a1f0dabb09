/**
 * The benchmark corpus's CUCM SDL files look like real ones: each begins with the FileHead line CUCM
 * writes first (the date and UTC offset of the file's time-only stamps), so the bench measures what a
 * real SDL file costs and its records are dated by it, across rolled files and midnight.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCucmSdl } from '../../scripts/bench/corpus/families/voice';
import type { WriterContext } from '../../scripts/bench/corpus/writer';
import { builtinRegistry } from '../../server/src/formats/registry';
import { LogModel } from '../../server/src/model/logModel';

const DAY_MS = 86_400_000;

describe('bench corpus: CUCM SDL files begin with their FileHead', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-cucm-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a FileHead first in every rolled file, dated as its first record, and the model dates by it', () => {
    const startB = Date.UTC(2019, 7, 19, 6, 0);
    const window = 2 * DAY_MS;
    const ctx = {
      root: dir,
      seed: '1',
      startB,
      startA: startB,
      window,
      budget: 11 * 1024 * 1024,
      chatGapMs: 17_000,
    } as unknown as WriterContext;
    const files = writeCucmSdl(ctx);
    assert.ok(files.length >= 3, `${files.length} files`);
    const registry = builtinRegistry();
    const format = registry.byId('cucm_sdl')!;
    let previous = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f.path), 'utf8');
      const [first, second] = text.split('\n', 2);
      const head =
        /^(\d{8})\.000 \|(\d{2}:\d{2}:\d{2}\.\d{3}) \|FileHead \|UTC:\+02:00,Date: (\d{4})\/(\d{2})\/(\d{2}), AppName: CCM,/.exec(
          first,
        );
      assert.ok(head, `${f.path} begins with a FileHead: ${first}`);
      // The record that opened the file follows, with its number and moment.
      assert.ok(second.startsWith(`${head[1]}.`) && second.includes(` |${head[2]} |`), second);
      const model = LogModel.build(text, { registry, format });
      // The FileHead is the file's date header, not a record.
      assert.equal(model.dateHeaders[0]?.line, 0);
      const firstRecord = model.recordAt(1);
      assert.equal(model.recordStartLine(firstRecord), 1);
      const t0 = model.instantOf(firstRecord);
      const local = new Date(t0 + 2 * 3_600_000).toISOString();
      assert.equal(local.slice(0, 10), `${head[3]}-${head[4]}-${head[5]}`);
      assert.equal(local.slice(11, 23), head[2]);
      // Every record is dated by the FileHead (no year or zone assumed), across midnight.
      for (let r = firstRecord; r < model.recordCount; r += 97) {
        const t = model.instantOf(r);
        const printed = model.lines.lineText(model.recordStartLine(r)).slice(14, 26);
        assert.ok(t >= startB && t <= startB + window + DAY_MS, `${f.path} record ${r}`);
        assert.equal(new Date(t + 2 * 3_600_000).toISOString().slice(11, 23), printed);
        previous = Math.max(previous, t);
      }
    }
    assert.ok(previous - startB > DAY_MS, 'the files run past midnight');
  });
});
