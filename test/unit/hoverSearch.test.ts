/**
 * The search hovers use to pair a line with its partners (a request with its response): nearest
 * lines first, within a window, the same whether it runs the pattern or jumps between occurrences
 * of a literal the lines must hold.
 */
import * as assert from 'node:assert/strict';
import { findLinesNear } from '../../server/src/lsp/hover';
import { modelOf } from './helpers/model';

const URI = 'file:///logs/eg_log_ECEAPP01_Listener.log';

function listenerLine(i: number, name: string): string {
  const ms = String(i % 1000).padStart(3, '0');
  return `2019-08-19 13:34:09.${ms} GMT+0000 <@> INFO <@> [Thread-12] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> ${i % 2 ? 'Received' : 'Sending'} ${name} -> 0 0 0 12 0 0 0 ${i % 120} 0 0 0 7 <@>`;
}

/** Heartbeats everywhere (they nearly match the pattern), the wanted message here and there, and a near miss. */
function listener(lines: number, wantedEvery: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % wantedEvery === 0) out.push(listenerLine(i, 'FAILURE_RESP'));
    else if (i % 97 === 0) out.push(`2019-08-19 13:34:09.000 GMT+0000 <@> INFO <@> [x] <@> note: FAILURE_RESP counted ${i} <@>`);
    else out.push(listenerLine(i, i % 3 ? 'HEARTBEAT_REQ' : 'HEARTBEAT_CONF'));
  }
  return out.join('\n');
}

const PATTERN = /(?:Sending|Received)[ \t]{1,4}FAILURE_RESP[ \t]{0,4}->/;

describe('finding partner lines near a record', () => {
  const model = modelOf(listener(3000, 50), 'ece');

  it('finds the same lines with the literal as with the pattern alone, nearest first', () => {
    for (const around of [0, 1, 1234, 1500, 2999]) {
      const byPattern = findLinesNear(URI, model, around, PATTERN, 1000);
      const byLiteral = findLinesNear(URI, model, around, PATTERN, 1000, 'FAILURE_RESP');
      assert.deepEqual(byLiteral, byPattern);
      // Every 50th line holds the message; the asked line itself and the near misses are not partners.
      const expected = Array.from({ length: 60 }, (_, k) => k * 50).filter((l) => l !== around);
      assert.deepEqual(byLiteral.map((r) => r.line).sort((a, b) => a - b), expected);
      const distances = byLiteral.map((r) => Math.abs(r.line - around));
      assert.deepEqual(distances, [...distances].sort((a, b) => a - b), 'nearest first');
      for (const r of byLiteral) assert.equal(r.text, model.lines.lineText(r.line));
    }
  });

  it('keeps the nearest `limit` lines, the later one first at equal distance', () => {
    assert.deepEqual(findLinesNear(URI, model, 1525, PATTERN, 3, 'FAILURE_RESP').map((r) => r.line), [1550, 1500, 1600]);
  });

  it('looks no further than 50,000 lines each way', () => {
    const far = modelOf(listener(120_001, 60_000), 'ece');
    const got = findLinesNear(URI, far, 60_001, PATTERN, 10, 'FAILURE_RESP').map((r) => r.line);
    // Lines 0 and 120,000 are 60,001 and 59,999 lines away: outside the window.
    assert.deepEqual(got, [60_000]);
    const edge = findLinesNear(URI, far, 70_000, PATTERN, 10, 'FAILURE_RESP').map((r) => r.line);
    assert.deepEqual(edge, [60_000, 120_000]);
  });

  it('answers nothing for an empty document or a zero limit, and takes a pattern anchored at line starts', () => {
    assert.deepEqual(findLinesNear(URI, modelOf('', 'ece'), 0, PATTERN, 10, 'FAILURE_RESP'), []);
    assert.deepEqual(findLinesNear(URI, model, 10, PATTERN, 0, 'FAILURE_RESP'), []);
    const anchored = findLinesNear(URI, model, 0, /^2019-08-19 13:34:09\.000 GMT\+0000 <@> INFO <@> \[x\]/, 100);
    assert.deepEqual(anchored.map((r) => r.line).sort((a, b) => a - b), Array.from({ length: 30 }, (_, k) => (k + 1) * 97));
  });
});
