/**
 * The lines a query found, summarised for the ID hover and code lenses: distinct lines and files,
 * first and last instants, whether the hits come from one key (runs of ascending lines per file,
 * as the index appends them) or from several (an entity's other names on the same lines).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HitSet, NO_KEY } from '../../server/src/index/hitSet';

interface Hit {
  file: number;
  line: number;
  key: number;
  instant: number;
}

function expected(hits: readonly Hit[]): { lines: number; files: number; first: number; last: number } {
  const times = hits.map((h) => h.instant).filter((t) => t === t);
  return {
    lines: new Set(hits.map((h) => `${h.file}:${h.line}`)).size,
    files: new Set(hits.map((h) => h.file)).size,
    first: times.length ? Math.min(...times) : NaN,
    last: times.length ? Math.max(...times) : NaN,
  };
}

function setOf(hits: readonly Hit[]): HitSet {
  const set = new HitSet(4);
  for (const h of hits) set.push(h.file, h.line, 0, h.instant, false, h.key);
  return set;
}

/** One key's hits: per file a run of ascending lines (a line may hold the key twice), files in any order. */
const oneKeyHits = (key: number) =>
  fc
    .array(
      fc.record({
        file: fc.integer({ min: 0, max: 6 }),
        lines: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }),
      }),
      { maxLength: 8 },
    )
    .chain((runs) =>
      fc
        .array(fc.oneof(fc.constant(NaN), fc.integer({ min: 1_500_000_000_000, max: 1_600_000_000_000 })), {
          minLength: 300,
          maxLength: 300,
        })
        .map((times) => {
          const seen = new Set<number>();
          const hits: Hit[] = [];
          let k = 0;
          for (const run of runs) {
            if (seen.has(run.file)) continue; // one run per file, as a file's segments are appended together
            seen.add(run.file);
            for (const line of [...run.lines].sort((a, b) => a - b))
              hits.push({ file: run.file, line, key, instant: times[k++ % times.length]! });
          }
          return hits;
        }),
    );

describe('hit set summary', () => {
  it('counts distinct lines and files and finds the first and last instants of one key', () => {
    fc.assert(fc.property(oneKeyHits(7), (hits) => assert.deepEqual(setOf(hits).summary(), expected(hits))));
    fc.assert(fc.property(oneKeyHits(NO_KEY), (hits) => assert.deepEqual(setOf(hits).summary(), expected(hits))));
  });

  it('counts a line named by several keys once', () => {
    fc.assert(
      fc.property(oneKeyHits(1), oneKeyHits(2), (a, b) => {
        const hits = [...a, ...b];
        assert.deepEqual(setOf(hits).summary(), expected(hits));
      }),
    );
    const both: Hit[] = [
      { file: 1, line: 10, key: 1, instant: 5 },
      { file: 1, line: 12, key: 1, instant: 9 },
      { file: 1, line: 10, key: 2, instant: 5 },
    ];
    assert.deepEqual(setOf(both).summary(), { lines: 2, files: 1, first: 5, last: 9 });
  });

  it('summarises nothing as nothing', () => {
    assert.deepEqual(new HitSet().summary(), { lines: 0, files: 0, first: NaN, last: NaN });
  });
});
