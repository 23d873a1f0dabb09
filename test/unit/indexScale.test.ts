import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  generateBundle,
  headOf,
  positionOf,
  SAMPLES,
  samplePath,
  tempFolder,
  workspaceOver,
} from './fixtures/index/helpers';

/**
 * The index on a 200 MB bundle: it keeps answering while it builds, and costs a few bytes per line.
 * Timings are printed, not asserted (machines differ); what is asserted holds on any machine.
 */
describe('workspace index at scale (200 MB)', function () {
  this.timeout(600_000);
  let tmp: { dir: string; remove(): void };
  let bundle: ReturnType<typeof generateBundle>;

  before(async () => {
    tmp = tempFolder('ccidx-scale-');
    bundle = generateBundle(tmp.dir, 200);
    // Loads and compiles everything once (extractor rules, formats, workers), so that what is
    // measured below is the index and not the start-up of the code.
    const warm = await workspaceOver([SAMPLES], { pool: { workers: 2 } });
    const doc = warm.docs.open(samplePath('uccx/Cisco001MIVR045.log'));
    await warm.nav.references(doc, positionOf(doc, '4B1E93C7', 3));
    await warm.nav.entityHover(doc, positionOf(doc, '4B1E93C7', 3));
    await warm.dispose();
  });
  after(() => tmp.remove());

  it('answers references while the build is in progress, then indexes everything in a few bytes per line', async () => {
    global.gc?.();
    const heapBefore = process.memoryUsage();
    const started = performance.now();
    const ws = await workspaceOver([tmp.dir], { pool: { workers: 2 }, wait: false });
    try {
      // Watch the server's own thread: how long it is ever kept from other work.
      let stall = 0;
      let tick = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - tick - 5);
        tick = now;
      }, 5);

      while (ws.index.allFiles().length < 4) await new Promise((r) => setTimeout(r, 5));
      const contact = bundle.contactOfBlock(0);
      const mivrText = headOf(bundle.files[0], 40_000);
      const doc = ws.docs.open(bundle.files[0], mivrText);
      const asked = performance.now();
      const refs = await ws.nav.references(doc, positionOf(doc, contact, 3));
      const answered = performance.now();
      const stillBuilding = ws.index.busy;
      const hover = await ws.nav.entityHover(doc, positionOf(doc, contact, 3));

      await ws.index.whenIdle();
      const finished = performance.now();
      clearInterval(timer);

      assert.ok(stillBuilding, 'the answer came before the build finished');
      assert.ok(refs.value.length >= 8, `${refs.value.length} references during the build`);
      assert.match(refs.note ?? '', /still being built/);
      assert.ok(hover?.markdown.includes(contact));

      // Once built, the same question is answered from the index alone, with the same lines.
      const warmStart = performance.now();
      const warm = await ws.nav.references(doc, positionOf(doc, contact, 3));
      const warmMs = performance.now() - warmStart;
      assert.equal(warm.note, undefined);
      // Every block's chat names the same rooms (socialminer_chat.36 to .38): a room names none of
      // them, so the contact of block 0 is its own entity and never gathers the other blocks' lines.
      const contactId = ws.index.keyId(`contact:${contact}`);
      assert.deepEqual(ws.index.entityKeys(contactId), [contactId]);
      assert.deepEqual(
        ws.index.entityKeys(ws.index.keyId(`contact:${bundle.contactOfBlock(1)}`)).map((k) => ws.index.keys.text(k)),
        [`contact:${bundle.contactOfBlock(1)}`],
      );
      const room = ws.index.keyId('chatRoom:socialminer_chat.37@conference.127.0.0.1');
      assert.deepEqual(ws.index.entityKeys(room), [room]);
      const key = (l: { uri: string; range: { start: { line: number; character: number } } }) =>
        `${path.basename(l.uri)}:${l.range.start.line}:${l.range.start.character}`;
      assert.deepEqual(new Set(warm.value.map(key)), new Set(refs.value.map(key)));

      const stats = ws.index.stats();
      const mb = stats.bytes / 1024 / 1024;
      global.gc?.();
      const heapAfter = process.memoryUsage();
      const measured = heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers;
      const perLine = stats.memoryBytes / stats.lines;
      console.log(
        `      ${mb.toFixed(0)} MB, ${stats.lines} lines, ${stats.postings} postings, ${stats.keys} keys in ${((finished - started) / 1000).toFixed(1)} s ` +
          `= ${(mb / ((finished - started) / 1000)).toFixed(0)} MB/s with ${ws.pool.threads} workers\n` +
          `      references during the build: ${(answered - asked).toFixed(0)} ms (${refs.value.length} lines); from the index: ${warmMs.toFixed(1)} ms\n` +
          `      index memory: ${perLine.toFixed(1)} bytes per line (arrays)` +
          (global.gc
            ? `, heap growth ${(measured / stats.lines).toFixed(1)} bytes per line`
            : ' (run node with --expose-gc to also measure the heap)') +
          `; longest stall of the server thread ${stall.toFixed(0)} ms`,
      );
      assert.ok(mb > 190);
      assert.ok(perLine <= 32, `${perLine.toFixed(1)} bytes per line`);
      // Refused (read after the heap was measured): the contact-room link of every ContactEvent
      // (MADM), the one record of this bundle that ties a contact to its room.
      const contactEvents = fs.readFileSync(bundle.files[1], 'utf8').split('ContactEvent [operation=ADD').length - 1;
      assert.ok(contactEvents > 1000);
      assert.equal(ws.index.aliases.refused, contactEvents);
    } finally {
      await ws.dispose();
    }
  });
});
