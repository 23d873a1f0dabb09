/**
 * The index's query API: an entity and its names, postings, and the text search of files not
 * indexed yet, which must read them with the live format registry (the user's formats included).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinFormatsDirectory, builtinRegistry, FormatRegistry } from '../../server/src/formats/registry';
import { IndexPool, type JobHandle, type PoolJob } from '../../server/src/index/pool';
import { IndexQuery } from '../../server/src/index/query';
import { DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { tempFolder } from './fixtures/index/helpers';

const CONTACT = '4B1E93C7100001650D5B1A000A301647';

/** A user's format that no built-in one knows: day.month.year stamps in brackets, with an offset. */
const USER_FORMAT = {
  id: 'my_router',
  title: 'My router',
  description: 'A format a user describes in ccLogs.formats.directories',
  languageId: 'my-router-log',
  product: 'My router',
  fileNames: ['myrouter*.log'],
  firstLine: '^\\[\\d{2}\\.\\d{2}\\.\\d{4} ',
  patterns: {
    line: '\\[(?<day>\\d{2})\\.(?<month>\\d{2})\\.(?<year>\\d{4}) (?<hour>\\d{2}):(?<minute>\\d{2}):(?<second>\\d{2}) (?<offset>[+-]\\d{4})\\]',
  },
  samples: [
    {
      line: '[06.08.2018 09:32:05 +0530] RouteAndQueue: ALLOCATED Contact [4B1E93C7100001650D5B1A000A301647] to Agent [Jabber@ge.nt4]',
      pattern: 'line',
      instant: '2018-08-06T04:02:05.000Z',
    },
  ],
};

/** A pool that accepts jobs and never runs them, and cannot search: the text search falls back to this thread. */
class StalledPool extends IndexPool {
  constructor() {
    super({ workers: 0 });
  }
  override submit(_job: PoolJob): JobHandle {
    return { done: new Promise(() => undefined), cancel: () => undefined };
  }
  override scan(): never {
    throw new Error('no search threads');
  }
}

/** A pool on this thread that writes down when jobs are handed to it and when searches begin. */
class RecordingPool extends IndexPool {
  readonly events: string[] = [];
  constructor() {
    super({ workers: 0 });
  }
  override submit(job: PoolJob, urgent = false): JobHandle {
    this.events.push(`job ${path.basename(job.spec.path ?? job.spec.fileName)}`);
    return super.submit(job, urgent);
  }
  override scan(...args: Parameters<IndexPool['scan']>): ReturnType<IndexPool['scan']> {
    this.events.push(`search of ${args[0].targets.length} files`);
    return super.scan(...args);
  }
}

describe('index query API', function () {
  this.timeout(30_000);

  it('lets a search asked while the workspace opens begin before any index job is queued', async () => {
    const temp = tempFolder('query-order-');
    const pool = new RecordingPool();
    try {
      for (let i = 0; i < 3; i++)
        fs.writeFileSync(
          path.join(temp.dir, `ctisvr_19081${i}.txt`),
          `13:34:09:123 cg1A-ctisvr Trace: CALL_DELIVERED_EVENT: PeripheralID=5000 ... CallVariable1=${CONTACT}\n`,
        );
      const index = new WorkspaceIndex({ pool });
      index.expectWorkspace();
      const query = new IndexQuery({ index, pool, registry: () => builtinRegistry() });
      // Asked before the files are listed, as an editor asks the moment the server is initialized.
      const found = query.find(query.entity(`contact:${CONTACT}`), { listingWaitMs: 10_000 });
      await index.setWorkspace([temp.dir], { ...DEFAULT_INDEX_SETTINGS, include: ['**/*.txt'] });
      assert.equal((await found).searchedFiles, 3);
      assert.equal(pool.events[0], 'search of 3 files');
      assert.deepEqual(pool.events.slice(1).sort(), [
        'job ctisvr_190810.txt',
        'job ctisvr_190811.txt',
        'job ctisvr_190812.txt',
      ]);
    } finally {
      await pool.dispose();
      temp.remove();
    }
  });

  it('searches files not indexed yet with the live registry, user formats included', async () => {
    const temp = tempFolder('query-');
    const root = temp.dir;
    const formats = path.join(root, 'formats');
    const logs = path.join(root, 'logs');
    fs.mkdirSync(formats);
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(formats, 'my_router.json'), JSON.stringify(USER_FORMAT));
    const named = `[06.08.2018 09:32:05 +0530] RouteAndQueue: ALLOCATED Contact [${CONTACT}] to Agent [Jabber@ge.nt4]`;
    fs.writeFileSync(
      path.join(logs, 'myrouter-1.log'),
      ['[06.08.2018 09:32:04 +0530] RouteAndQueue: queue check', named, ''].join('\n'),
    );
    const registry = FormatRegistry.load([builtinFormatsDirectory(), formats]);
    assert.deepEqual(
      registry.problems.filter((p) => p.level === 'error'),
      [],
    );
    assert.ok(registry.byId('my_router'));
    assert.equal(builtinRegistry().byId('my_router'), undefined);

    const pool = new StalledPool();
    const index = new WorkspaceIndex({ pool });
    await index.setWorkspace([logs], { ...DEFAULT_INDEX_SETTINGS, include: ['**/*.log'] });
    assert.equal(index.unindexed().length, 1);
    const query = new IndexQuery({ index, pool, registry: () => registry });
    try {
      const entity = query.entity(`contact:${CONTACT}`);
      assert.deepEqual(entity.keys, [`contact:${CONTACT}`]);
      assert.deepEqual(entity.keyIds, []);
      assert.deepEqual(entity.spellings, [CONTACT]);
      const found = await query.find(entity, { listingWaitMs: 1000 });
      assert.equal(found.searchedFiles, 1);
      assert.equal(found.set.count, 1);
      assert.equal(found.set.lines[0], 1);
      assert.equal(found.set.column(0), named.indexOf(CONTACT));
      assert.equal(found.set.length(0), CONTACT.length);
      // Dated by the user's format: 09:32:05 at +05:30. The built-in formats cannot read the stamp.
      assert.equal(new Date(found.set.instants[0]).toISOString(), '2018-08-06T04:02:05.000Z');
      // The same for the text of a document being edited (document highlights).
      const inText = await query.searchText(`${named}\n`, 'myrouter-1.log', entity);
      assert.deepEqual(
        inText.map((h) => [h.line, h.column, new Date(h.instant).toISOString()]),
        [[0, named.indexOf(CONTACT), '2018-08-06T04:02:05.000Z']],
      );
    } finally {
      await pool.dispose();
      temp.remove();
    }
  });
});
