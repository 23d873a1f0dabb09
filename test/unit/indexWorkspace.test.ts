import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { discoverFiles } from '../../server/src/index/fileSet';
import type { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { baseNames, positionOf, samplePath, tempFolder, uriOf, workspaceOver, type Workspace } from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';
const MIVR = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');

/** Lines (file base name:line) naming a key, from the index alone. */
function linesOf(index: WorkspaceIndex, key: string): string[] {
  const id = index.keyId(key);
  if (id < 0) return [];
  return index.hits(index.entityKeys(id)).hits.map((h) => `${path.basename(index.file(h.fileId)!.path ?? '')}:${h.line}`);
}

async function settle(index: WorkspaceIndex): Promise<void> {
  await index.whenIdle();
}

describe('workspace index: files that change', function () {
  this.timeout(30_000);
  let tmp: { dir: string; remove(): void };
  let ws: Workspace;

  beforeEach(async () => {
    tmp = tempFolder('ccidx-ws-');
    fs.mkdirSync(path.join(tmp.dir, 'uccx'));
    fs.writeFileSync(path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log'), MIVR);
    fs.copyFileSync(samplePath('uccx/Cisco001MADM012.log'), path.join(tmp.dir, 'uccx', 'Cisco001MADM012.log'));
    ws = await workspaceOver([tmp.dir]);
  });
  afterEach(async () => {
    await ws.dispose();
    tmp.remove();
  });

  it('drops a deleted file and takes it back when it is created again', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const key = `contact:${CONTACT}`;
    assert.ok(linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    fs.rmSync(file);
    await ws.index.fileEvent(file, 'deleted');
    assert.ok(!linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    assert.ok(linesOf(ws.index, key).some((l) => l.startsWith('Cisco001MADM012.log:')));
    fs.writeFileSync(file, MIVR);
    await ws.index.fileEvent(file, 'created');
    await settle(ws.index);
    assert.equal(linesOf(ws.index, key).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length, 8);
  });

  it('reads only the new tail of a log that grows, and a rewritten log again from the start', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const key = 'contact:ABCDEF01100001650D5B1A000A301647';
    assert.deepEqual(linesOf(ws.index, key), []);
    const lineCount = MIVR.split('\n').length - 1;
    fs.appendFileSync(file, `3841300: Aug 06 09:40:00.000 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-4] RouteAndQueueSubsystemLogger: ALLOCATED Contact [ABCDEF01100001650D5B1A000A301647] to Agent [Jabber@ge.nt4]\n`);
    await ws.index.fileEvent(file, 'changed');
    await settle(ws.index);
    assert.deepEqual(linesOf(ws.index, key), [`Cisco001MIVR045.log:${lineCount}`]);
    const f = ws.index.fileByUri(uriOf(file))!;
    assert.equal(f.lines, lineCount + 1);
    // Lines indexed before are not doubled by the re-read of the last record.
    assert.equal(linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length, 8);

    // Rewritten (rotated in place): indexed again from the start.
    fs.writeFileSync(file, MIVR.replace(/4B1E93C7/g, '11111111'));
    await ws.index.fileEvent(file, 'changed');
    await settle(ws.index);
    assert.deepEqual(linesOf(ws.index, key), []);
    assert.ok(!linesOf(ws.index, `contact:${CONTACT}`).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    assert.equal(linesOf(ws.index, 'contact:11111111100001650D5B1A000A301647').length, 8);
  });

  it('indexes gzip logs that appear, transparently', async () => {
    const gz = path.join(tmp.dir, 'uccx', 'Cisco001MIVR044.log.gz');
    fs.writeFileSync(gz, zlib.gzipSync(Buffer.from(MIVR.replace(/4B1E93C7/g, '22222222'))));
    await ws.index.fileEvent(gz, 'created');
    await settle(ws.index);
    const f = ws.index.fileByUri(uriOf(gz))!;
    assert.equal(f.gzip, true);
    assert.equal(f.formatId, 'uccx_engine');
    assert.equal(linesOf(ws.index, 'contact:22222222100001650D5B1A000A301647').length, 8);
  });

  it('lets the text of an open document replace its file while it is edited', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    const uri = uriOf(file);
    ws.index.openDocument(uri, 1, MIVR);
    assert.equal(ws.index.fileByUri(uri)!.document?.dirty, false, 'opening alone changes nothing');
    const edited = MIVR.replace(/4B1E93C7/g, '33333333');
    ws.index.changeDocument(uri, 2, edited);
    await settle(ws.index);
    assert.equal(linesOf(ws.index, 'contact:33333333100001650D5B1A000A301647').length, 8);
    assert.ok(!linesOf(ws.index, `contact:${CONTACT}`).some((l) => l.startsWith('Cisco001MIVR045.log:')));
    ws.index.closeDocument(uri);
    await new Promise((r) => setTimeout(r, 50));
    await settle(ws.index);
    assert.equal(linesOf(ws.index, 'contact:33333333100001650D5B1A000A301647').length, 0, 'closed: the disk content is back');
    assert.equal(linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length, 8);

    // A document that is not in the workspace is indexed from its text, and forgotten when closed.
    ws.index.openDocument('untitled:Untitled-1', 1, MIVR.replace(/4B1E93C7/g, '44444444'), 'uccx_engine');
    await settle(ws.index);
    assert.equal(ws.index.hits(ws.index.entityKeys(ws.index.keyId('contact:44444444100001650D5B1A000A301647'))).hits.length, 8);
    ws.index.closeDocument('untitled:Untitled-1');
    assert.equal(ws.index.hits(ws.index.entityKeys(ws.index.keyId('contact:44444444100001650D5B1A000A301647'))).hits.length, 0);
  });

  it('answers from a file being indexed again with its previous index', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    fs.writeFileSync(file, MIVR + MIVR.replace(/4B1E93C7/g, '55555555'));
    const refresh = ws.index.fileEvent(file, 'changed');
    // Until the new index is complete, the old one answers (no moment without results).
    assert.equal(linesOf(ws.index, `contact:${CONTACT}`).filter((l) => l.startsWith('Cisco001MIVR045.log:')).length, 8);
    await refresh;
    await settle(ws.index);
    assert.equal(linesOf(ws.index, 'contact:55555555100001650D5B1A000A301647').length, 8);
  });
});

describe('workspace index: which files', function () {
  this.timeout(30_000);

  it('follows the include and exclude globs and says which files the caps left out', async () => {
    const tmp = tempFolder('ccidx-set-');
    try {
      const mk = (rel: string, text: string, mtime: number) => {
        const p = path.join(tmp.dir, rel);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, text);
        fs.utimesSync(p, mtime, mtime);
      };
      mk('logs/a.log', MIVR, 3000);
      mk('logs/b.log.1', MIVR, 2000);
      mk('logs/c.txt', 'small', 1000);
      mk('node_modules/x/d.log', MIVR, 4000);
      mk('.git/e.log', MIVR, 4000);
      mk('logs/big.log', 'x'.repeat(3 * 1024 * 1024), 5000);
      mk('logs/notes.md', MIVR, 5000);
      const found = await discoverFiles([tmp.dir], { ...DEFAULT_INDEX_SETTINGS, maxFileSizeMB: 2, maxTotalGB: (MIVR.length * 1.5) / 1024 ** 3 });
      // Newest first while they fit: the older MIVR roll is left out, the small file still fits.
      assert.deepEqual(found.files.map((f) => path.relative(tmp.dir, f.path).split(path.sep).join('/')), ['logs/a.log', 'logs/c.txt']);
      assert.deepEqual(
        found.skipped.map((s) => `${path.basename(s.path)} ${s.reason}`).sort(),
        ['b.log.1 over the total cap', 'big.log too large'],
      );
      const all = await discoverFiles([tmp.dir], { ...DEFAULT_INDEX_SETTINGS, exclude: ['**/node_modules/**'] });
      assert.deepEqual(
        all.files.map((f) => path.relative(tmp.dir, f.path).split(path.sep).join('/')).sort(),
        ['.git/e.log', 'logs/a.log', 'logs/b.log.1', 'logs/big.log', 'logs/c.txt', 'node_modules/x/d.log'].filter((p) => !p.startsWith('node_modules')),
      );
    } finally {
      tmp.remove();
    }
  });

  it('stops on cancel, keeps what it has, and searches the rest as text', async () => {
    const tmp = tempFolder('ccidx-cancel-');
    try {
      for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(tmp.dir, `Cisco001MIVR04${i}.log`), MIVR);
      const ws = await workspaceOver([tmp.dir], { wait: false, pool: { workers: 1 } });
      try {
        while (ws.index.allFiles().length < 6) await new Promise((r) => setImmediate(r));
        ws.index.cancelAll();
        await ws.index.whenIdle();
        const states = ws.index.allFiles().map((f) => f.state);
        assert.ok(states.every((s) => s === 'indexed' || s === 'cancelled'), states.join());
        assert.ok(states.filter((s) => s === 'cancelled').length >= 4, states.join());
        assert.equal(ws.index.progress().running, false);
        const doc = ws.docs.open(path.join(tmp.dir, 'Cisco001MIVR040.log'));
        const refs = await ws.nav.references(doc, positionOf(doc, CONTACT, 2));
        assert.equal(baseNames(refs.value.map((l) => l.uri)).size, 6, 'every file answers, indexed or searched');
      } finally {
        await ws.dispose();
      }
    } finally {
      tmp.remove();
    }
  });
});
