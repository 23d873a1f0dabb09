/**
 * The record model built in steps (the document cache does, so a 100 MB document never holds the
 * server) is the model built at once; a model of the lines around a position holds the same records
 * there as the whole one; and the document cache answers a position from such a window while the
 * whole model is still being built.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXPLAINERS } from '../../server/src/explain';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { LogModels } from '../../server/src/lsp/documents';
import { hoverAt } from '../../server/src/lsp/hover';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { LogModel, ModelBuilder, type ModelOptions } from '../../server/src/model/logModel';

const SAMPLES = path.resolve(__dirname, '../../samples');
const FILES = [
  'uccx/Cisco001MADM012.log',
  'uccx/Cisco001MIVR045.log',
  'ece/eg_log_ECEAPP01_Listener.log',
  'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
  'icm/pg1a-agent-checks.txt',
];

function optionsFor(file: string, text: string): ModelOptions {
  const registry = builtinRegistry();
  const format = detectFormat(registry, file, text.slice(0, 65_536))?.format;
  return { registry, ...(format ? { format } : {}), settingsYear: 2019 };
}

/** Everything a request can read of record r. */
function recordView(model: LogModel, r: number): unknown {
  const p = model.parseRecord(r);
  return {
    start: model.recordStartLine(r),
    end: model.recordEndLine(r),
    format: model.recordFormatOf(r).id,
    severity: model.severityOf(r),
    text: model.recordText(r).text,
    fields: p?.fields,
    instant: p?.time?.instant,
  };
}

/** A sample file repeated until it is `minLines` long (records of every shape, many times). */
function repeated(file: string, minLines: number): string {
  const text = fs.readFileSync(path.join(SAMPLES, file), 'utf8').replace(/\n$/, '');
  const lines = text.split('\n').length;
  return Array.from({ length: Math.ceil(minLines / lines) }, () => text).join('\n');
}

/**
 * Text of no one format, as a `plaintext` or `log` document can be: CUCM SDL trace lines (a format
 * the server does not know), lines of random bytes, and now and then records of three known formats.
 */
function unknownFormatText(minLines: number): string {
  const known = [
    ...fs.readFileSync(path.join(SAMPLES, 'uccx/Cisco001MIVR045.log'), 'utf8').split('\n').slice(0, 40),
    ...fs.readFileSync(path.join(SAMPLES, 'ece/eg_log_ECEAPP01_Listener.log'), 'utf8').split('\n').slice(0, 40),
    ...fs
      .readFileSync(path.join(SAMPLES, 'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log'), 'utf8')
      .split('\n')
      .slice(0, 40),
  ].filter((l) => l.length > 0);
  let seed = 21;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const out: string[] = [];
  for (let i = 0; out.length < minLines; i++) {
    const kind = next() % 10;
    if (kind < 6)
      out.push(
        `${String(10_000_000 + i).padStart(8, '0')}.00${i % 10} |09:${String(i % 60).padStart(2, '0')}:39.144 |SdlSig   |SdlDataInd    |wait    |SdlTCPConnection(1,100,14,1)    |SIPHandler(1,100,72,1)           |1,100,14,3.${i}^*^*     |[T:N-H:0,N:1,L:0,V:0,Z:0,D:0] ConnIdx= 3 Len=${next() % 2000}`,
      );
    else if (kind < 8)
      out.push(Array.from({ length: 20 + (next() % 200) }, () => String.fromCharCode(32 + (next() % 224))).join(''));
    else if (i >= 3000) out.push(known[next() % known.length]!); // none in the first lines, which sniffing reads
  }
  return out.join('\n');
}

describe('record model built in steps and in windows', () => {
  for (const file of FILES) {
    it(`builds ${file} in steps of any size to the model built at once`, () => {
      const text = fs.readFileSync(path.join(SAMPLES, file), 'utf8');
      const options = optionsFor(file, text);
      const whole = LogModel.build(text, options);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (steps) => {
          const builder = new ModelBuilder(text, options);
          for (let i = 0; !builder.done; i++) builder.step(steps[i % steps.length]!);
          const model = builder.model();
          assert.equal(model.recordCount, whole.recordCount);
          assert.deepEqual(model.covered, { from: 0, to: whole.lines.count });
          for (let r = 0; r < whole.recordCount; r++) assert.deepEqual(recordView(model, r), recordView(whole, r));
        }),
        { numRuns: 20 },
      );
    });
  }

  for (const file of FILES.slice(0, 4)) {
    it(`holds the same records and hovers around a line of ${file} as the whole model`, () => {
      const text = repeated(file, 3000);
      const options = optionsFor(file, text);
      const whole = LogModel.build(text, options);
      const lines = whole.lines.count;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: lines - 1 }), fc.integer({ min: 200, max: 600 }), (line, radius) => {
          const builder = ModelBuilder.window(text, options, { from: line - radius, to: line + radius + 1 });
          assert.ok(builder, 'a single-format file without date headers can be read in windows');
          builder.step(Infinity);
          const window = builder.model();
          assert.deepEqual(window.covered, {
            from: Math.max(0, line - radius),
            to: Math.min(lines, line + radius + 1),
          });
          // A record wholly inside the window reads the same; lines outside belong to no record.
          for (const at of [line, Math.max(0, line - radius / 2), Math.min(lines - 1, line + radius / 2)]) {
            const rw = window.recordAt(at);
            const r = whole.recordAt(at);
            if (
              r < 0 ||
              whole.recordStartLine(r) < window.covered.from ||
              whole.recordEndLine(r) >= window.covered.to - 1
            )
              continue;
            assert.deepEqual(recordView(window, rw), recordView(whole, r));
          }
          assert.equal(window.recordAt(window.covered.to), -1);
          if (window.covered.from > 0) assert.equal(window.recordAt(window.covered.from - 1), -1);
          const r = whole.recordAt(line);
          if (
            r >= 0 &&
            whole.recordStartLine(r) >= window.covered.from &&
            whole.recordEndLine(r) < window.covered.to - 1
          ) {
            for (const character of [0, 30, 90, 160]) {
              assert.deepEqual(
                hoverAt('file:///x.log', window, { line, character }, EXPLAINERS),
                hoverAt('file:///x.log', whole, { line, character }, EXPLAINERS),
              );
            }
          }
        }),
        { numRuns: 25 },
      );
    });
  }

  it('reads a dumplog with date headers only as a whole', () => {
    const dumplog = fs.readFileSync(path.join(SAMPLES, 'icm/ctisvr_190819.txt'), 'utf8');
    const registry = builtinRegistry();
    assert.ok(dumplog.includes('Events from'));
    assert.equal(
      ModelBuilder.window(dumplog, { registry, format: registry.byId('icm_trace')! }, { from: 5, to: 100 }),
      undefined,
    );
    assert.equal(ModelBuilder.window(dumplog, { registry }, { from: 5, to: 100 }), undefined, 'nor without a format');
  });

  it('reads a text of mixed or unknown formats in windows, each line on its own, as the whole model does', () => {
    const registry = builtinRegistry();
    const text = unknownFormatText(12_000);
    for (const options of [
      { registry, settingsYear: 2019 },
      { registry, format: registry.byId('uccx_engine')!, settingsYear: 2019 },
    ] as ModelOptions[]) {
      const whole = LogModel.build(text, options);
      const formats = new Set(Array.from({ length: whole.recordCount }, (_, r) => whole.recordFormatOf(r).id));
      assert.ok(formats.size >= (options.format ? 1 : 3), `records of ${[...formats].join(', ')}`);
      for (const line of [0, 3_777, 7_000, whole.lines.count - 1]) {
        const builder = ModelBuilder.window(text, options, { from: line - 500, to: line + 501 });
        assert.ok(builder, 'a window');
        builder.step(Infinity);
        const window = builder.model();
        assert.ok(window.covered.to - window.covered.from <= 1001);
        for (let at = Math.max(0, line - 60); at < Math.min(whole.lines.count, line + 60); at++) {
          const r = whole.recordAt(at);
          const rw = window.recordAt(at);
          assert.equal(rw < 0, r < 0, `line ${at}`);
          if (r < 0 || whole.recordStartLine(r) < window.covered.from) continue;
          assert.deepEqual(recordView(window, rw), recordView(whole, r));
          for (const character of [0, 30, 90]) {
            assert.deepEqual(
              hoverAt('file:///x.log', window, { line: at, character }, EXPLAINERS),
              hoverAt('file:///x.log', whole, { line: at, character }, EXPLAINERS),
            );
          }
        }
      }
    }
  });
});

describe('document models', () => {
  const file = 'ece/eg_log_ECEAPP01_Listener.log';
  const text = repeated(file, 40_000);

  function models(): LogModels {
    return new LogModels(
      () => builtinRegistry(),
      async () => DEFAULT_SETTINGS,
    );
  }

  it('answers a position from the lines around it while the whole model is built, then from the whole model', async () => {
    assert.ok(text.length > 4 << 20, 'large enough to be read in windows');
    const doc = TextDocument.create('file:///logs/eg_log_ECEAPP01_Listener.log', 'cisco-ece', 1, text);
    const m = models();
    const line = 20_000;
    const near = await m.near(doc, line);
    assert.ok(near.covered.to - near.covered.from < near.lines.count, 'a window, not the whole document');
    assert.ok(near.covered.from <= line - 1500 && near.covered.to > line + 1500);
    const whole = LogModel.build(text, optionsFor(file, text));
    assert.deepEqual(recordView(near, near.recordAt(line)), recordView(whole, whole.recordAt(line)));
    assert.equal(await m.near(doc, line + 100), near, 'a position well inside the window reuses it');
    const built = await m.get(doc);
    assert.deepEqual(built.covered, { from: 0, to: whole.lines.count });
    assert.equal(built.recordCount, whole.recordCount);
    assert.equal(await m.near(doc, 5), built, 'once built, every position gets the whole model');
  });

  it('dates records before the whole model is built as the whole model does', async () => {
    const doc = TextDocument.create('file:///logs/eg_log_ECEAPP01_Listener.log', 'cisco-ece', 1, text);
    const whole = LogModel.build(text, optionsFor(file, text));
    const lines = [0, 1, 17, 5000, 20_000, 33_333, whole.lines.count - 1];
    const expected = lines.map((l) => (whole.recordAt(l) < 0 ? NaN : whole.instantOf(whole.recordAt(l))));
    assert.ok(expected.filter((t) => t === t).length >= 5, 'most sample lines are dated');
    const m = models();
    assert.deepEqual(await m.instantsAt(doc, lines), expected, 'from the lines above each');
    await m.get(doc);
    assert.deepEqual(await m.instantsAt(doc, lines), expected, 'from the whole model');
  });

  it('builds in steps: the event loop runs while a large model is built', async () => {
    const doc = TextDocument.create('file:///logs/eg_log_ECEAPP01_Listener.log', 'cisco-ece', 1, text);
    const m = models();
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const [a, b] = await Promise.all([m.get(doc), m.get(doc)]);
    clearInterval(tick);
    assert.equal(a, b, 'requests waiting at once share one build');
    assert.ok(turns > 0, 'timers ran during the build');
    assert.equal(a.covered.to, a.lines.count);
  });

  it('gives way to requests that do not wait for the whole model', async () => {
    const doc = TextDocument.create('file:///logs/eg_log_ECEAPP01_Listener.log', 'cisco-ece', 1, text);
    const m = models();
    const turns = (n: number) =>
      Array.from({ length: n }).reduce<Promise<void>>(
        (p) => p.then(() => new Promise((r) => setImmediate(r))),
        Promise.resolve(),
      );
    await m.answer(async () => {
      const window = await m.near(doc, 20_000); // starts the whole build
      // Many turns of the event loop (a hover reading lines from disk): the build waits meanwhile.
      await turns(200);
      assert.equal(await m.near(doc, 20_000), window, 'still answered from the window: the build gave way');
      // Near the end of the document, a window reaching the end serves every line after it.
      const last = window.lines.count - 1;
      const atEnd = await m.near(doc, last);
      assert.equal(atEnd.covered.to, atEnd.lines.count);
      assert.equal(await m.near(doc, last - 10), atEnd);
      assert.equal(await m.near(doc, last - 700), atEnd);
    });
    const whole = await m.get(doc);
    assert.equal(whole.covered.to, whole.lines.count);
    assert.equal(await m.near(doc, 20_000), whole);
  });

  it('answers a position in a large document of unknown format from a window, before the whole model is built', async () => {
    const unknown = unknownFormatText(110_000);
    assert.ok(unknown.length > 10 << 20, 'a 10 MB document');
    const m = models();
    for (const languageId of ['plaintext', 'log']) {
      const doc = TextDocument.create(`file:///logs/sdl-trace-${languageId}.txt`, languageId, 1, unknown);
      assert.equal(m.formatFor(doc), undefined, 'no known format');
      const line = 60_000;
      const near = await m.near(doc, line);
      assert.ok(near.covered.to - near.covered.from < 4000, 'a window, not the whole document');
      assert.ok(near.covered.from <= line - 1500 && near.covered.to > line + 1500);
      const whole = LogModel.build(unknown, { registry: builtinRegistry() });
      for (let at = line - 50; at < line + 50; at++) {
        const r = whole.recordAt(at);
        assert.equal(near.recordAt(at) < 0, r < 0);
        if (r >= 0) assert.deepEqual(recordView(near, near.recordAt(at)), recordView(whole, r));
      }
      const built = await m.get(doc);
      assert.equal(built.recordCount, whole.recordCount, 'the whole model is still built in the background');
    }
  });

  it('builds small documents, dumplogs and a changed version whole', async () => {
    const m = models();
    const small = TextDocument.create(
      'file:///logs/Cisco001MIVR045.log',
      'cisco-uccx-engine',
      1,
      fs.readFileSync(path.join(SAMPLES, 'uccx/Cisco001MIVR045.log'), 'utf8'),
    );
    const s = await m.near(small, 3);
    assert.deepEqual(s.covered, { from: 0, to: s.lines.count });
    const big = TextDocument.create('file:///logs/eg_log_ECEAPP01_Listener.log', 'cisco-ece', 1, text);
    const first = m.get(big);
    const changed = TextDocument.update(big, [{ text: text.slice(0, text.length / 2) }], 2);
    const second = await m.get(changed);
    assert.equal(second.lines.count, LogModel.build(changed.getText(), optionsFor(file, text)).lines.count);
    assert.equal(second.covered.to, second.lines.count);
    // The build of the old version stopped short and answered what it had.
    assert.ok((await first).covered.to <= (await first).lines.count);
  });
});
