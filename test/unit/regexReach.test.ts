/**
 * `anywhere` rules search a record from a little before each place of their anchors (`reach`, read
 * from the pattern), not from its start: they must find exactly what a search of the whole record
 * finds, on the rules' own samples spliced into noise made of the characters their patterns read.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { extractEntitiesWith } from '../../server/src/entities/extract';
import { builtinEntityRules, type CompiledPatternRule } from '../../server/src/entities/rules';
import { reachBefore } from '../../server/src/util/regexReach';

describe('regexReach', () => {
  it('reads the longest text a pattern matches before a literal it always holds', () => {
    assert.equal(reachBefore('(?<![a-z])(?<room>[a-z]{1,128}@conf\\.[a-z]{1,9})', 'dg', ['@conf.']), 128);
    assert.equal(reachBefore('Agent[ \\t]{1,4}(?:x|yy)\\(periph#', 'g', ['periph#']), 5 + 4 + 2 + 1);
    assert.equal(reachBefore('^(?<id>\\d{1,3}\\.\\d)', 'g', ['.']), 3);
    // Widths are in UTF-16 units: under `u`, any character may take two.
    assert.equal(reachBefore('.{1,4}@c', 'g', ['@c']), 4);
    assert.equal(reachBefore('.{1,4}@c', 'u', ['@c']), 8);
    assert.equal(/.{1,4}@c/u.exec('\u{1F600}'.repeat(4) + '@c')?.[0].indexOf('@c'), 8);
    assert.equal(reachBefore('\u{1F600}@c', 'u', ['@c']), 2);
    // An unbounded part before it, a literal on an optional path or in one alternative, a
    // case-insensitive pattern: no answer, the whole record is searched.
    assert.equal(reachBefore('[a-z]+@conf\\.', 'g', ['@conf.']), undefined);
    assert.equal(reachBefore('[a-z]{1,4}(?:@conf\\.)?x', 'g', ['@conf.']), undefined);
    assert.equal(reachBefore('a(?:@conf\\.|b)', 'g', ['@conf.']), undefined);
    assert.equal(reachBefore('a@conf\\.|b', 'g', ['@conf.']), undefined);
    assert.equal(reachBefore('a@conf\\.', 'gi', ['@conf.']), undefined);
    assert.equal(reachBefore('(a)\\1@conf\\.', 'g', ['@conf.']), undefined);
    assert.equal(reachBefore('(', 'g', ['(']), undefined);
  });

  it('the built-in chat room rule is searched near its anchor', () => {
    const rule = builtinEntityRules().rules.find((r) => r.id === 'chatRoom.jid') as CompiledPatternRule;
    assert.equal(rule.reach, 128);
  });

  it('finds the same occurrences as a search of the whole record, for every rule with a reach', () => {
    const set = builtinEntityRules();
    const reaching = set.rules.filter(
      (r): r is CompiledPatternRule => r.type === 'pattern' && r.match === 'anywhere' && r.reach !== undefined,
    );
    assert.ok(reaching.length >= 3, 'several built-in rules have a reach');
    const pieces = [
      ...reaching.flatMap((r) => r.samples.map((s) => s.text)),
      ...reaching.flatMap((r) => r.anchors.map((a) => set.literals[a]!)),
      'socialminer_chat.16@conference.127.0.0.1/Jabber@ge.nt1',
      'abc',
      '.',
      ' ',
      '\n',
      '(5012, periph# 1003)',
      'Agent ',
      '@',
      'x'.repeat(200),
    ];
    const record = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    const withoutReach = (text: string) => {
      const saved = reaching.map((r) => r.reach);
      for (const r of reaching) delete r.reach;
      try {
        return extractEntitiesWith(set, text);
      } finally {
        reaching.forEach((r, i) => (r.reach = saved[i]));
      }
    };
    fc.assert(
      fc.property(record, (text) => {
        assert.deepEqual(extractEntitiesWith(set, text), withoutReach(text));
      }),
      { numRuns: 1500 },
    );
  });
});
