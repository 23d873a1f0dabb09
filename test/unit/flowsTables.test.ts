/**
 * The flow status kept as parallel arrays (server/src/flows/status.ts): the entity keys it reads into a
 * reused array, the snapshot's per-position accessors (kind, outcome, summary) that the list, the counts
 * and the problems read without building every summary, and the order of the list (kind, start, id) that
 * it sorts on numeric keys.
 */
import { strict as assert } from 'node:assert';
import { builtinFlows } from '../../server/src/flows/builtin';
import { computeFlowStatus } from '../../server/src/flows/status';
import { MAX_ENTITY_KEYS } from '../../server/src/index/query';
import { SAMPLES, workspaceOver, type Workspace } from './fixtures/index/helpers';

describe('flow status as parallel arrays (samples/)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  before(async () => {
    ws = await workspaceOver([SAMPLES]);
  });
  after(async () => {
    await ws.dispose();
  });

  it('reads the keys of an entity into a reused array, as entityKeys lists them', () => {
    const q = ws.query;
    const into = new Int32Array(MAX_ENTITY_KEYS);
    const keys = [
      ...q.searchKeys('contact:', 1000),
      ...q.searchKeys('agent:', 1000),
      ...q.searchKeys('invokeId:', 1000),
    ];
    assert.ok(keys.length > 20, `${keys.length} keys`);
    let joined = 0;
    for (const k of keys) {
      const n = q.entityKeysInto(k, into);
      assert.deepEqual(Array.from(into.subarray(0, n)), q.entityKeys(k), q.keyText(k));
      if (n > 1) joined++;
    }
    assert.ok(joined > 5, 'entities of several names are among them');
    assert.equal(q.entityKeysInto(-1, into), 0);
  });

  it('answers kind, outcome and summary per position, the same as the whole list and the full status', () => {
    const snap = computeFlowStatus(ws.query, builtinFlows());
    assert.ok(snap.count > 5);
    const summaries = snap.summaries;
    assert.equal(summaries.length, snap.count);
    for (let i = 0; i < snap.count; i++) {
      const s = snap.summary(i);
      assert.deepEqual(s, summaries[i]);
      assert.equal(snap.kind(i), s.kind);
      assert.equal(snap.outcome(i), s.outcome);
      const full = snap.status(i);
      assert.equal(full.id, s.id);
      assert.equal(full.outcome, s.outcome);
      assert.deepEqual(full.flows[0].firstBroken, s.firstBroken);
      assert.equal(s.brokenStep, s.firstBroken ? s.firstBroken.number - 1 : -1);
      if (s.lastFileId >= 0) assert.equal(ws.query.file(s.lastFileId)?.uri, full.flows[0].lastLine?.uri);
    }
  });

  it('lists by kind, then start (as text), then id, as localeCompare orders them', () => {
    const snap = computeFlowStatus(ws.query, builtinFlows());
    const list = snap.summaries;
    const order = [...list].sort(
      (a, b) =>
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
        (a.start ?? '').localeCompare(b.start ?? '') ||
        a.id.localeCompare(b.id),
    );
    assert.deepEqual(
      list.map((s) => s.id),
      order.map((s) => s.id),
    );
    assert.ok(new Set(list.map((s) => s.kind)).size >= 2, 'more than one kind');
  });
});
