/**
 * Caps count what is read, not what lies on disk: a `.gz` counts its inflated bytes against
 * `ccLogs.index.maxFileSizeMB` and `maxTotalGB`, inflating stops at the cap, and the status says so.
 * The gzip here is a small bomb: its first member inflates to 24 MB of log lines, its last member
 * is tiny, so its trailer (which records the last member only) claims a few bytes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { discoverFiles } from '../../server/src/index/fileSet';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { openChunks, readSize } from '../../server/src/index/source';
import { samplePath, tempFolder, uriOf, workspaceOver } from './fixtures/index/helpers';

const MB = 1024 * 1024;
const MIVR = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');

/** `mb` MB of MIVR lines in one gzip member, then a tiny member: the trailer says 40 bytes. */
function gzipBomb(mb: number): Buffer {
  const text = MIVR.repeat(Math.ceil((mb * MB) / MIVR.length)).slice(0, mb * MB);
  return Buffer.concat([zlib.gzipSync(Buffer.from(text), { level: 9 }), zlib.gzipSync(Buffer.from('x'.repeat(40)))]);
}

describe('caps count inflated bytes', function () {
  this.timeout(60_000);
  let tmp: { dir: string; remove(): void };
  before(() => {
    tmp = tempFolder('ccidx-gzcap-');
    fs.mkdirSync(path.join(tmp.dir, 'uccx'));
    fs.writeFileSync(path.join(tmp.dir, 'uccx', 'Cisco001MIVR044.log.gz'), gzipBomb(24));
    fs.writeFileSync(path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log'), MIVR);
  });
  after(() => tmp.remove());
  const bomb = (): string => path.join(tmp.dir, 'uccx', 'Cisco001MIVR044.log.gz');

  it('stops inflating a gzip at the cap and says so', async () => {
    const size = fs.statSync(bomb()).size;
    assert.ok(size < MB, `the bomb is small on disk (${size} bytes)`);
    assert.ok((await readSize(bomb(), size)) < 2 * MB, 'its trailer claims little');
    const source = await openChunks(bomb(), 0, 1 << 18, 3 * MB);
    let read = 0;
    for await (const chunk of source.chunks) read += chunk.length;
    assert.equal(read, 3 * MB, 'exactly the cap is read');
    assert.equal(source.capped, true);
    assert.match(source.problems.join('\n'), /inflates to more than the cap of 3\.0 MB: stopped inflating there/);
    // Without a cap all of it inflates.
    const whole = await openChunks(bomb(), 0, 1 << 18);
    let all = 0;
    for await (const chunk of whole.chunks) all += chunk.length;
    assert.equal(all, 24 * MB + 40);
    assert.equal(whole.capped, false);
  });

  it('counts the inflated size a gzip trailer gives against the caps when listing files', async () => {
    const dir = path.join(tmp.dir, 'honest');
    fs.mkdirSync(dir, { recursive: true });
    const honest = path.join(dir, 'Cisco001MIVR043.log.gz');
    fs.writeFileSync(honest, zlib.gzipSync(Buffer.from(MIVR.repeat(Math.ceil((3 * MB) / MIVR.length)))));
    assert.ok(fs.statSync(honest).size < MB);
    const found = await discoverFiles([dir], { ...DEFAULT_INDEX_SETTINGS, maxFileSizeMB: 2 });
    assert.deepEqual(
      found.skipped.map((s) => [path.basename(s.path), s.reason, s.size > 3 * MB - 1]),
      [['Cisco001MIVR043.log.gz', 'too large', true]],
    );
  });

  it('indexes a gzip bomb only up to maxFileSizeMB, and lists it as cut at the cap', async () => {
    const ws = await workspaceOver([tmp.dir], { settings: { maxFileSizeMB: 2, exclude: ['**/honest/**'] } });
    try {
      const stats = ws.index.stats();
      const cut = stats.skipped.filter((s) => s.reason === 'cut at the cap');
      assert.deepEqual(
        cut.map((s) => path.basename(s.path)),
        ['Cisco001MIVR044.log.gz'],
      );
      const f = ws.index.fileByUri(uriOf(bomb()))!;
      assert.equal(f.bytes, 2 * MB, 'the inflated bytes read stop at the cap');
      assert.match(f.problems.join('\n'), /stopped inflating/);
      assert.equal(ws.index.fileByUri(uriOf(path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log')))?.state, 'indexed');
    } finally {
      await ws.dispose();
    }
  });

  it('indexes a gzip bomb only up to what maxTotalGB leaves', async () => {
    const ws = await workspaceOver([tmp.dir], {
      settings: { maxTotalGB: (5 * MB) / 1024 ** 3, exclude: ['**/honest/**'] },
    });
    try {
      const f = ws.index.fileByUri(uriOf(bomb()))!;
      assert.ok(f.bytes <= 5 * MB && f.bytes >= 5 * MB - MIVR.length - 64, `read ${f.bytes} bytes`);
      assert.ok(ws.index.stats().skipped.some((s) => s.reason === 'cut at the cap'));
    } finally {
      await ws.dispose();
    }
  });
});
