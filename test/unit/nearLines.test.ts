/**
 * The search hovers use to pair a line with its partners: nearest lines first, within 50,000 lines
 * each way, and the same answer whether the lines a pattern matches were kept from earlier searches
 * or are searched afresh.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLinesNear } from '../../server/src/explain/nearLines';
import { LineIndex } from '../../server/src/model/lines';

const URI = 'file:///logs/eg_log_ECEAPP01_Listener.log';

function listenerLine(i: number, name: string): string {
  return `2019-08-19 13:34:09.${String(i % 1000).padStart(3, '0')} GMT+0000 <@> INFO <@> [Thread-12] <@> com.ipcc.listener.arm.ARMLogger <@> <@> ${i % 2 ? 'Received' : 'Sending'} ${name} -> 0 0 0 12 0 0 0 ${i % 120} <@>`;
}

/** Heartbeats everywhere (they nearly match), the wanted message every `every` lines, and near misses. */
function listener(count: number, every: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % every === 0) out.push(listenerLine(i, 'FAILURE_RESP'));
    else if (i % 97 === 0)
      out.push(`2019-08-19 13:34:09.000 GMT+0000 <@> INFO <@> [x] <@> note: FAILURE_RESP counted ${i} <@>`);
    else out.push(listenerLine(i, i % 3 ? 'HEARTBEAT_REQ' : 'HEARTBEAT_CONF'));
  }
  return out.join('\n');
}

const PATTERN = /(?:Sending|Received)[ \t]{1,4}FAILURE_RESP[ \t]{0,4}->/;

/** What the search must answer: every line within the window that matches, nearest first. */
function expected(lines: LineIndex, around: number, pattern: RegExp, limit: number): number[] {
  const hits: number[] = [];
  for (let l = Math.max(0, around - 50_000); l <= Math.min(lines.count - 1, around + 50_000); l++) {
    if (l !== around && pattern.test(lines.lineText(l))) hits.push(l);
  }
  return hits.sort((x, y) => Math.abs(x - around) - Math.abs(y - around) || y - x).slice(0, limit);
}

describe('finding partner lines near a line', () => {
  it('answers every matching line in the window, nearest first, the later one first at equal distance', () => {
    const lines = new LineIndex(listener(3000, 50));
    assert.deepEqual(
      findLinesNear(URI, lines, 1525, PATTERN, 3).map((r) => r.line),
      [1550, 1500, 1600],
    );
    const all = findLinesNear(URI, lines, 1500, PATTERN, 1000);
    assert.deepEqual(
      all.map((r) => r.line),
      expected(lines, 1500, PATTERN, 1000),
    );
    assert.equal(all.length, 59, 'every 50th line but the asked one; the near misses are not partners');
    for (const r of all) assert.equal(r.text, lines.lineText(r.line));
  });

  it('gives the same answers from kept matches as from a fresh search, asked from anywhere in any order', () => {
    const text = listener(130_000, 7_001);
    const kept = new LineIndex(text);
    const patterns = [
      PATTERN,
      /HEARTBEAT_CONF -> 0 0 0 12 0 0 0 1\d\b/,
      /^2019-08-19 13:34:09\.000 GMT\+0000 <@> INFO <@> \[x\]/,
      /FAILURE_resp/i,
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 129_999 }),
        fc.integer({ min: 0, max: patterns.length - 1 }),
        fc.integer({ min: 1, max: 40 }),
        (around, p, limit) => {
          const got = findLinesNear(URI, kept, around, patterns[p]!, limit);
          const fresh = findLinesNear(URI, new LineIndex(text), around, patterns[p]!, limit);
          assert.deepEqual(got, fresh);
        },
      ),
      { numRuns: 60 },
    );
    // And both are what a line-by-line reading finds.
    for (const around of [0, 64_999, 129_999]) {
      for (const p of patterns)
        assert.deepEqual(
          findLinesNear(URI, kept, around, p, 50).map((r) => r.line),
          expected(kept, around, p, 50),
        );
    }
  });

  it('finds the same lines through a family of patterns as without, whether the family is rare or common', () => {
    // CTI Server trace lines with InvokeIDs among listener lines: every 40th line (rare) or every 2nd (common).
    for (const every of [40, 2]) {
      const out: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        out.push(
          i % every === 0
            ? `15:34:09:841 PG1A-ctisvr Trace: SendARMMsg: InvokeID = ${i % 500} MRDID=5000 ICMAgentID=${6000 + (i % 7)}`
            : listenerLine(i, 'HEARTBEAT_REQ'),
        );
      }
      const text = out.join('\n');
      const kept = new LineIndex(text);
      const family = /InvokeID[ \t]{0,3}[=:]/i;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 19_999 }), fc.integer({ min: 0, max: 499 }), (around, id) => {
          const pattern = new RegExp(
            `InvokeID[ \\t]{0,3}[=:][ \\t]{0,3}(?:${id}|0[xX]0{0,7}${id.toString(16)})(?![0-9A-Za-z])`,
            'i',
          );
          const got = findLinesNear(URI, kept, around, pattern, 20, family);
          assert.deepEqual(got, findLinesNear(URI, new LineIndex(text), around, pattern, 20));
          assert.deepEqual(
            got.map((r) => r.line),
            expected(kept, around, pattern, 20),
          );
        }),
        { numRuns: 40 },
      );
    }
  });

  it('looks no further than 50,000 lines each way', () => {
    const lines = new LineIndex(listener(120_001, 60_000));
    // Lines 0 and 120,000 are 60,001 and 59,999 lines from 60,001: outside the window.
    assert.deepEqual(
      findLinesNear(URI, lines, 60_001, PATTERN, 10).map((r) => r.line),
      [60_000],
    );
    assert.deepEqual(
      findLinesNear(URI, lines, 70_000, PATTERN, 10).map((r) => r.line),
      [60_000, 120_000],
    );
    assert.deepEqual(
      findLinesNear(URI, lines, 10_000, PATTERN, 10).map((r) => r.line),
      [0, 60_000],
    );
  });

  it('answers nothing for an empty document or a zero limit', () => {
    assert.deepEqual(findLinesNear(URI, new LineIndex(''), 0, PATTERN, 10), []);
    assert.deepEqual(findLinesNear(URI, new LineIndex(listener(100, 50)), 10, PATTERN, 0), []);
  });
});
