/**
 * The loop-based text helpers give what the regular expressions they replaced gave, on the cases that matter
 * and on random text (the old expressions are fine on short input, so they serve as the reference there).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldLineBreaks, snakeOf, trimEndOf, withoutTrailingMarker } from '../../server/src/util/text';

const oldSnake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
const oldTrim = (s: string) => s.replace(/[.:;!]+$/, '');
const oldMarker = (s: string) => s.replace(/\s*<@>\s*$/, '');
const oldFold = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ').trim();

const pieces = (list: string[]) => fc.array(fc.constantFrom(...list), { maxLength: 30 }).map((a) => a.join(''));

describe('text helpers', () => {
  it('turn CTI function and message names into message types', () => {
    assert.equal(snakeOf('MediaLoginResp'), 'MEDIA_LOGIN_RESP');
    assert.equal(snakeOf('ARMMediaLoginResp'), 'ARM_MEDIA_LOGIN_RESP');
    assert.equal(snakeOf('MakeAgentReadyInd'), 'MAKE_AGENT_READY_IND');
    assert.equal(snakeOf('ABCdEFg'), 'AB_CD_E_FG');
  });

  it('cut trailing punctuation, markers and line breaks', () => {
    assert.equal(trimEndOf('https://sm/ccp/chat.;!', '.:;!'), 'https://sm/ccp/chat');
    assert.equal(trimEndOf('...', '.'), '');
    assert.equal(withoutTrailingMarker('Sending MEDIA_LOGIN_REQ <@>  ', '<@>'), 'Sending MEDIA_LOGIN_REQ');
    assert.equal(withoutTrailingMarker('no marker  ', '<@>'), 'no marker  ');
    assert.equal(foldLineBreaks('  a \r\n\r\n  b\n c  '), 'a b c');
  });

  it('agree with the regular expressions they replace', () => {
    fc.assert(fc.property(pieces(['A', 'B', 'a', 'b', '0', 'Msg', 'ARM']), (s) => snakeOf(s) === oldSnake(s)));
    fc.assert(fc.property(pieces(['.', ':', ';', '!', 'a', ' ']), (s) => trimEndOf(s, '.:;!') === oldTrim(s)));
    fc.assert(
      fc.property(
        pieces(['<@>', ' ', '\t', 'x', '<', '@', '\n']),
        (s) => withoutTrailingMarker(s, '<@>') === oldMarker(s),
      ),
    );
    fc.assert(
      fc.property(pieces(['\n', '\r\n', '\r', ' ', '\t', '\u00a0', 'x']), (s) => foldLineBreaks(s) === oldFold(s)),
    );
  });

  it('take linear time on the runs that made the old expressions quadratic', () => {
    // 200,000 characters each: quadratic work here would be 4e10 steps and run into mocha's timeout.
    const n = 200_000;
    assert.equal(snakeOf('A'.repeat(n)).length, n);
    assert.equal(trimEndOf('!'.repeat(n) + 'x', '.:;!').length, n + 1);
    assert.equal(withoutTrailingMarker(' '.repeat(n) + 'x', '<@>').length, n + 1);
    assert.equal(foldLineBreaks('x' + ' '.repeat(n) + 'y'), 'x' + ' '.repeat(n) + 'y');
  });
});
