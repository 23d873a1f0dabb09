/**
 * The indexer reads record heads and entity captures through copies of the patterns whose groups are
 * unnamed and hold only what is read (util/unnamedGroups.ts): no object of named groups, and no strings
 * nobody reads, per record. The copies must match exactly what the named patterns match: checked here
 * on every head pattern of every built-in format with its sample lines, and on every pattern rule with
 * its samples, at every offset; the instants the record clock gives equal the samples' instants.
 */
import { strict as assert } from 'node:assert';
import { builtinEntityRules } from '../../server/src/entities/rules';
import { builtinRegistry } from '../../server/src/formats/registry';
import { execHeadAt, headTimePatterns, TIME_PARTS } from '../../server/src/index/headTime';
import { RecordClock } from '../../server/src/index/recordClock';
import { unnameGroups, unnamedCopy } from '../../server/src/util/unnamedGroups';

describe('unnamed copies of patterns', () => {
  it('number the named groups, keep lookarounds, classes and escapes, and refuse named back references', () => {
    const u = unnameGroups('(?<a>x)(?:y)(?<=z)(?<!w)[(?<n>]\\((?<b>\\d{1,3})(c)');
    assert.ok(u);
    assert.equal(u.source, '(x)(?:y)(?<=z)(?<!w)[(?<n>]\\((\\d{1,3})(c)');
    assert.deepEqual(
      [...u.groups],
      [
        ['a', 1],
        ['b', 2],
      ],
    );
    assert.equal(unnameGroups('(?<a>x)\\k<a>'), undefined);
  });

  it('with the names to keep, make every other group non-capturing, and refuse numbered back references', () => {
    const u = unnameGroups('(?<a>x)(?<skip>y)(z)(?<b>w)', new Set(['a', 'b']));
    assert.ok(u);
    assert.equal(u.source, '(x)(?:y)(?:z)(w)');
    assert.deepEqual(
      [...u.groups],
      [
        ['a', 1],
        ['b', 2],
      ],
    );
    assert.equal(unnameGroups('(x)\\1', new Set(['a'])), undefined);
    const c = unnamedCopy(/(?<a>\d+)-(?<b>\d+)/dy, new Set(['b']));
    assert.ok(c);
    assert.equal(c.re.flags, 'dy');
    c.re.lastIndex = 2;
    const m = c.re.exec('x 12-34');
    assert.equal(m?.[c.groups.get('b')!], '34');
    assert.deepEqual(m?.indices?.[c.groups.get('b')!], [5, 7]);
  });

  it('read the same time parts as the named head patterns, on every sample line of every format', () => {
    const registry = builtinRegistry();
    let lines = 0;
    for (const format of registry.formats) {
      const unnamed = headTimePatterns(format);
      assert.ok(unnamed, `${format.id}: every head pattern can be unnamed`);
      for (const sample of format.def.samples) {
        const line = sample.line;
        for (let at = 0; at <= Math.min(line.length, 80); at++) {
          let named: Record<string, string | undefined> | undefined;
          for (const re of format.patternStickies) {
            re.lastIndex = at;
            const m = re.exec(line);
            if (m) {
              named = m.groups ?? {};
              break;
            }
          }
          const m = execHeadAt(unnamed, line, at, line.length);
          assert.equal(m !== undefined, named !== undefined, `${format.id} at ${at}: ${line}`);
          if (!m || !named) continue;
          const p = unnamed.find((u) => {
            u.re.lastIndex = at;
            return u.re.test(line);
          })!;
          TIME_PARTS.forEach((part, k) => {
            const g = p.part[k]!;
            assert.equal(g > 0 ? m[g] : undefined, named![part], `${format.id} ${part} at ${at}: ${line}`);
          });
        }
        lines++;
      }
    }
    assert.ok(lines > 50, `${lines} sample lines`);
  });

  it('give the record clock the instants of the samples', () => {
    const registry = builtinRegistry();
    let checked = 0;
    for (const format of registry.formats) {
      for (const sample of format.def.samples) {
        if (typeof sample.instant !== 'string') continue;
        // As the format check does: the sample's year stands for the year of year-less stamps.
        const clock = new RecordClock([format], { settingsYear: Number(sample.instant.slice(0, 4)) }, false);
        const instant = clock.record(sample.line, true);
        assert.equal(new Date(instant).toISOString(), sample.instant, `${format.id}: ${sample.line}`);
        checked++;
      }
    }
    assert.ok(checked > 15, `${checked} sample instants`);
  });

  it('find the same captures at the same places as the named rule patterns, at every offset of every rule sample', () => {
    const set = builtinEntityRules();
    let compared = 0;
    for (const rule of set.rules) {
      if (rule.type !== 'pattern') continue;
      const names = new Set(rule.captures.map((c) => c.name));
      const copy = unnamedCopy(rule.regex, names);
      assert.ok(copy, `${rule.id}: the pattern can be unnamed`);
      for (const sample of rule.samples) {
        const text: string = sample.text;
        for (let at = 0; at <= text.length; at++) {
          rule.regex.lastIndex = at;
          copy.re.lastIndex = at;
          const a: RegExpExecArray | null = rule.regex.exec(text);
          const b: RegExpExecArray | null = copy.re.exec(text);
          assert.equal(b?.index, a?.index, `${rule.id} at ${at}`);
          assert.equal(b?.[0], a?.[0], `${rule.id} at ${at}`);
          if (!a || !b) continue;
          for (const name of names) {
            const g: number = copy.groups.get(name)!;
            assert.equal(b[g], a.groups?.[name], `${rule.id}/${name} at ${at}`);
            assert.deepEqual(b.indices?.[g], a.indices?.groups?.[name], `${rule.id}/${name} span at ${at}`);
          }
          compared++;
          if (rule.match === 'anywhere') break;
        }
      }
    }
    assert.ok(compared > 100, `${compared} matches compared`);
  });
});
