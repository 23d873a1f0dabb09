import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { KeyInterner } from '../../server/src/index/keyIntern';

describe('segment key interning (index/keyIntern.ts)', () => {
  it('gives ids in the order keys are first seen, the same id to the same key however the string was built', () => {
    const k = new KeyInterner();
    const value = 'contact:' + ['9F3B', '2C41'].join('');
    assert.equal(k.id('contact:9F3B2C41'), 0);
    assert.equal(k.id('agent:icm:5001'), 1);
    // A joined string (as the extractor builds `prefix + value`) and a literal are the same key.
    assert.equal(k.id(value), 0);
    assert.equal(k.id('agent:icm:' + String(5000 + 1)), 1);
    assert.equal(k.id('agent:icm:5002'), 2);
    assert.deepEqual(k.keys, ['contact:9F3B2C41', 'agent:icm:5001', 'agent:icm:5002']);
    assert.equal(k.size, 3);
  });

  it('keeps every id through the table growing (100,000 keys, each asked for twice)', () => {
    const k = new KeyInterner();
    for (let i = 0; i < 100_000; i++) assert.equal(k.id(`call:icm:${i}`), i);
    for (let i = 99_999; i >= 0; i -= 7) assert.equal(k.id(`call:icm:${i}`), i);
    assert.equal(k.size, 100_000);
    assert.equal(k.keys[12_345], 'call:icm:12345');
  });

  it('keys that all share one hash (a crafted log) keep their ids and stay linear: the table gives way to a Map', () => {
    const k = new KeyInterner(() => 7);
    for (let i = 0; i < 50_000; i++) assert.equal(k.id(`contact:${i}`), i);
    for (let i = 0; i < 50_000; i += 13) assert.equal(k.id(`contact:${i}`), i);
    assert.equal(k.id('contact:new'), 50_000);
    assert.equal(k.size, 50_001);
  });

  it('agrees with a Map on any sequence of keys, with a hash that collides often too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ':', '1'), maxLength: 8 }), { maxLength: 400 }),
        (keys) => agreesWithMap(new KeyInterner((key) => key.length), keys),
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with a Map on any sequence of keys (short alphabet: many equal keys and full slots)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ':', '1', '\u00e9'), maxLength: 6 })), (keys) =>
        agreesWithMap(new KeyInterner(), keys),
      ),
      { numRuns: 300 },
    );
  });
});

/** Interns `keys` in order and checks each id, and the key list, against a `Map` numbering keys as first seen. */
function agreesWithMap(k: KeyInterner, keys: readonly string[]): void {
  const ref = new Map<string, number>();
  for (const key of keys) {
    if (!ref.has(key)) ref.set(key, ref.size);
    assert.equal(k.id(key), ref.get(key));
  }
  assert.deepEqual(k.keys, [...ref.keys()]);
}
