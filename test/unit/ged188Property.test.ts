import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeDump, decodeMessage, type ArmMessage } from '../../server/src/decode/ged188';
import {
  bytesOf,
  hexList,
  LOGIN_REQ_DUMP,
  LOGIN_RESP_DUMP,
  READY_IND_DUMP,
  ROUTABLE_IND_DUMP,
} from './fixtures/ged188Samples';

const SEEDS = [LOGIN_REQ_DUMP, LOGIN_RESP_DUMP, ROUTABLE_IND_DUMP, READY_IND_DUMP];

/** Everything a renderer reads must be there and well-typed. */
function assertWellFormed(value: ArmMessage, problems: string[]): void {
  assert.ok(Array.isArray(problems));
  assert.ok(problems.every((p) => typeof p === 'string' && p.length > 0));
  assert.equal(typeof value.byteCount, 'number');
  for (const f of value.fixed) {
    assert.equal(typeof f.label, 'string');
    assert.equal(typeof f.display, 'string');
  }
  for (const f of value.floating) {
    assert.equal(typeof f.tagName, 'string');
    assert.ok(f.length >= 0);
  }
}

const token = fc.oneof(
  fc.integer({ min: -300, max: 400 }).map(String),
  fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, '0')),
  fc.integer({ min: 0, max: 255 }).map((b) => '0x' + b.toString(16)),
  fc.constantFrom('<@>', '->', 'Sending', 'MEDIA_LOGIN_REQ', '', '-', '0x', 'ff00ff00', '\n', '1e5', 'NaN'),
  fc.string({ maxLength: 6 }),
);

describe('GED-188 decoding never throws (property tests)', () => {
  it('random token lists', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }), fc.constantFrom(' ', '\n', ', ', '  '), (tokens, sep) => {
        const { value, problems } = decodeDump(tokens.join(sep));
        assertWellFormed(value, problems);
      }),
      { numRuns: 400 },
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { value, problems } = decodeDump(text);
        assertWellFormed(value, problems);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes, as a Buffer and as a Uint8Array, with and without a protocol version', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.option(fc.integer({ min: 0, max: 30 })), (bytes, version) => {
        const options = version === null ? {} : { protocolVersion: version };
        for (const input of [Buffer.from(bytes), Uint8Array.from(bytes)]) {
          const { value, problems } = decodeMessage(input, options);
          assertWellFormed(value, problems);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random bodies behind a plausible ARM header', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 140, max: 290 }),
        fc.uint8Array({ maxLength: 120 }),
        fc.integer({ min: -4, max: 4 }),
        (type, body, skew) => {
          const length = Math.max(0, body.length + skew);
          const bytes = [0, 0, (length >> 8) & 0xff, length & 0xff, 0, 0, (type >> 8) & 0xff, type & 0xff, ...body];
          const { value, problems } = decodeMessage(Uint8Array.from(bytes));
          assertWellFormed(value, problems);
          if (skew === 0) assert.equal(value.lengthStatus, 'ok');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every truncation of the seed dumps, in decimal and hex, says it is truncated', () => {
    for (const dump of SEEDS) {
      const bytes = bytesOf(dump);
      for (let n = 0; n < bytes.length; n++) {
        for (const text of [
          bytes
            .slice(0, n)
            .map((b) => (b > 127 ? b - 256 : b))
            .join(' '),
          hexList(bytes.slice(0, n)),
        ]) {
          const { value, problems } = decodeDump(text);
          assertWellFormed(value, problems);
          assert.ok(problems.length > 0, `no problem for ${n} bytes of ${dump}`);
          assert.ok(value.lengthStatus === 'truncated' || value.lengthStatus === 'no-header');
        }
      }
    }
  });

  it('seed dumps with one byte changed still decode', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.nat(), fc.integer({ min: -128, max: 127 }), (dump, at, b) => {
        const bytes = bytesOf(dump).map((x) => (x > 127 ? x - 256 : x));
        bytes[at % bytes.length] = b;
        const { value, problems } = decodeDump(bytes.join(' '));
        assertWellFormed(value, problems);
      }),
      { numRuns: 300 },
    );
  });

  it('bounds the work on huge inputs', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => String(i % 100)).join(' ');
    const { value, problems } = decodeDump(huge);
    assert.ok(value.byteCount <= 12501);
    assert.ok(problems.some((p) => p.startsWith('expected at most 12500 bytes')));
    const bigBuffer = Buffer.alloc(1_000_000, 1);
    const big = decodeMessage(bigBuffer);
    assertWellFormed(big.value, big.problems);
    assert.ok(big.value.fixed.length <= 64);
  });

  it('bounds the search for a floating part after an unknown layout', () => {
    // 2000 body bytes of believable 1-byte-tag strings, spoiled by the last field: every start
    // offset reads far before failing.
    const body: number[] = [];
    while (body.length < 1996) body.push(1, 2, 0x41, 0);
    body.push(1, 2, 0x41, 0x42);
    const bytes = [0, 0, (body.length >> 8) & 0xff, body.length & 0xff, 0, 0, 0, 153, ...body];
    const { value, problems } = decodeMessage(Uint8Array.from(bytes));
    assertWellFormed(value, problems);
    assert.deepEqual(value.floating, []);
    assert.equal(value.fixed.length, 64);
    assert.equal(value.undecoded?.bodyOffset, 256);
  });
});
