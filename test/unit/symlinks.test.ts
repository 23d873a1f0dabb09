/**
 * One rule for symbolic links: the folder walk never follows one, and neither do file watcher
 * events, whether the link is the file itself or a folder on its way from the workspace folder.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, reachableWithoutLinks } from '../../server/src/index/fileSet';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { samplePath, tempFolder, uriOf, workspaceOver, type Workspace } from './fixtures/index/helpers';

const MIVR = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');
const OUTSIDE_CONTACT = 'ABCDEF01100001650D5B1A000A301647';

describe('symbolic links: one rule for the walk and the watcher', function () {
  this.timeout(30_000);
  let outside: { dir: string; remove(): void };
  let tmp: { dir: string; remove(): void };
  let ws: Workspace;

  beforeEach(async () => {
    outside = tempFolder('ccidx-outside-');
    fs.writeFileSync(
      path.join(outside.dir, 'Cisco001MIVR099.log'),
      MIVR.replace(/4B1E93C7100001650D5B1A000A301647/g, OUTSIDE_CONTACT),
    );
    tmp = tempFolder('ccidx-links-');
    fs.mkdirSync(path.join(tmp.dir, 'uccx'));
    fs.writeFileSync(path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log'), MIVR);
    ws = await workspaceOver([tmp.dir]);
  });
  afterEach(async () => {
    await ws.dispose();
    tmp.remove();
    outside.remove();
  });

  const outsideHits = (): number => {
    const id = ws.index.keyId(`contact:${OUTSIDE_CONTACT}`);
    return id < 0 ? 0 : ws.index.hits([id]).hits.length;
  };

  it('a created event for a link to a file outside does not index it, as the walk does not list it', async () => {
    const link = path.join(tmp.dir, 'uccx', 'Cisco001MIVR046.log');
    fs.symlinkSync(path.join(outside.dir, 'Cisco001MIVR099.log'), link);
    await ws.index.fileEvent(link, 'created');
    await ws.index.whenIdle();
    assert.equal(ws.index.fileByUri(uriOf(link)), undefined);
    assert.equal(outsideHits(), 0);
    const walked = await discoverFiles([tmp.dir], DEFAULT_INDEX_SETTINGS);
    assert.deepEqual(
      walked.files.map((f) => path.basename(f.path)),
      ['Cisco001MIVR045.log'],
    );
  });

  it('a created event for a file inside a linked folder does not index it either', async () => {
    const linkDir = path.join(tmp.dir, 'elsewhere');
    fs.symlinkSync(outside.dir, linkDir, 'dir');
    const file = path.join(linkDir, 'Cisco001MIVR099.log');
    await ws.index.fileEvent(file, 'created');
    await ws.index.whenIdle();
    assert.equal(ws.index.fileByUri(uriOf(file)), undefined);
    assert.equal(outsideHits(), 0);
    assert.equal(await reachableWithoutLinks(tmp.dir, file), false);
    assert.equal(await reachableWithoutLinks(tmp.dir, path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log')), true);
  });

  it('a file replaced by a link is dropped when its change event comes', async () => {
    const file = path.join(tmp.dir, 'uccx', 'Cisco001MIVR045.log');
    assert.equal(ws.index.fileByUri(uriOf(file))?.state, 'indexed');
    fs.rmSync(file);
    fs.symlinkSync(path.join(outside.dir, 'Cisco001MIVR099.log'), file);
    await ws.index.fileEvent(file, 'changed');
    await ws.index.whenIdle();
    assert.equal(ws.index.fileByUri(uriOf(file)), undefined);
    assert.equal(outsideHits(), 0);
  });

  it('a workspace folder that is itself a link is walked and watched', async () => {
    const viaLink = path.join(outside.dir, 'ws-link');
    fs.symlinkSync(tmp.dir, viaLink, 'dir');
    const ws2 = await workspaceOver([viaLink]);
    try {
      const file = path.join(viaLink, 'uccx', 'Cisco001MIVR047.log');
      fs.writeFileSync(file, MIVR);
      await ws2.index.fileEvent(file, 'created');
      await ws2.index.whenIdle();
      assert.equal(ws2.index.fileByUri(uriOf(file))?.state, 'indexed');
      assert.equal(ws2.index.fileByUri(uriOf(path.join(viaLink, 'uccx', 'Cisco001MIVR045.log')))?.state, 'indexed');
    } finally {
      await ws2.dispose();
    }
  });
});
