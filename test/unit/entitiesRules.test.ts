/**
 * The entity rules are data: the built-in files load without problems, every rule finds exactly
 * what its own sample lines say, the files keep to their schema, and broken rules are reported
 * with the JSON path that is wrong while the other rules keep working.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRuleSamples, extractEntitiesWith } from '../../server/src/entities/extract';
import {
  BUILTIN_RULE_FILES,
  builtinEntityRules,
  compileEntityRules,
  fixedSuffixLength,
  ruleView,
  type EntityRuleSet,
} from '../../server/src/entities/rules';
import { ENTITY_KINDS } from '../../server/src/entities/vocabulary';
import { builtinRegistry } from '../../server/src/formats/registry';
import { detectFormat } from '../../server/src/formats/sniff';
import { LogModel } from '../../server/src/model/logModel';

const root = path.join(__dirname, '..', '..');
const defsDir = path.join(root, 'server', 'src', 'entities', 'defs');

function problemsOf(file: unknown): string[] {
  return compileEntityRules([{ file, source: 'test.json' }]).problems.map((p) => `${p.path}: ${p.message}`);
}

/** A minimal valid rule, to break one property at a time. */
function ruleWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'test',
    description: 'test',
    rules: [
      {
        id: 'test.rule',
        description: 'a rule',
        anchors: ['ICMAgentID='],
        pattern: 'ICMAgentID=(?<id>\\d{1,10})',
        captures: { id: { kind: 'agent', key: 'agent:icm:' } },
        samples: [{ text: 'ICMAgentID=6420', expect: ['agent:icm:6420'] }],
        ...overrides,
      },
    ],
  };
}

describe('entity rules: the built-in files', () => {
  it('load without problems', () => {
    const set = builtinEntityRules();
    assert.deepEqual(set.problems, []);
    assert.ok(set.rules.length >= 40, `only ${set.rules.length} rules`);
  });

  it('every rule finds exactly what its samples say', () => {
    assert.deepEqual(
      checkRuleSamples(builtinEntityRules()).map((p) => `${p.file}${p.path}: ${p.message}`),
      [],
    );
  });

  it('are every JSON file of the folder but the schema, each pointing at the schema', () => {
    const names = fs
      .readdirSync(defsDir)
      .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
      .sort();
    assert.deepEqual(BUILTIN_RULE_FILES.map((f) => f.source).sort(), names);
    for (const name of names) {
      const file = JSON.parse(fs.readFileSync(path.join(defsDir, name), 'utf8')) as { $schema: string };
      assert.equal(file.$schema, './entity-rules.schema.json', name);
    }
  });

  it('use only the properties the schema allows', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(defsDir, 'entity-rules.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const allowed = (def: string) => Object.keys(schema.definitions[def]!.properties!);
    for (const { file, source } of BUILTIN_RULE_FILES) {
      const f = file as { rules: Array<Record<string, unknown>>; links?: Array<Record<string, unknown>> };
      for (const k of Object.keys(f)) assert.ok(k in schema.properties, `${source}: /${k}`);
      f.rules.forEach((r, i) => {
        const def = r.type === 'armDump' ? 'armDumpRule' : 'patternRule';
        for (const k of Object.keys(r)) assert.ok(allowed(def).includes(k), `${source}: /rules/${i}/${k}`);
        for (const [name, c] of Object.entries((r.captures ?? {}) as Record<string, object>)) {
          for (const k of Object.keys(c))
            assert.ok(allowed('capture').includes(k), `${source}: /rules/${i}/captures/${name}/${k}`);
        }
      });
      for (const [i, l] of (f.links ?? []).entries()) {
        for (const k of Object.keys(l)) assert.ok(allowed('recordLink').includes(k), `${source}: /links/${i}/${k}`);
      }
    }
  });

  it('name only formats that exist', () => {
    const formatIds = fs
      .readdirSync(path.join(root, 'server', 'src', 'formats', 'defs'))
      .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
      .map(
        (n) =>
          (
            JSON.parse(fs.readFileSync(path.join(root, 'server', 'src', 'formats', 'defs', n), 'utf8')) as {
              id: string;
            }
          ).id,
      );
    for (const rule of builtinEntityRules().rules) {
      for (const f of rule.formats ?? []) assert.ok(formatIds.includes(f), `${rule.id}: unknown format ${f}`);
      for (const s of rule.samples)
        if (s.formatId) assert.ok(formatIds.includes(s.formatId), `${rule.id}: unknown sample format ${s.formatId}`);
    }
  });

  it('cover every entity kind but uccxTask', () => {
    const covered = new Set(
      builtinEntityRules().rules.flatMap((r) => (r.type === 'pattern' ? r.captures : r.fields).map((c) => c.kind)),
    );
    assert.deepEqual(
      ENTITY_KINDS.filter((k) => !covered.has(k)),
      ['uccxTask'],
    );
  });

  it('have one rule per id and anchors the pattern needs', () => {
    const set = builtinEntityRules();
    assert.equal(new Set(set.rules.map((r) => r.id)).size, set.rules.length);
    for (const rule of set.rules) {
      // Every sample that finds something contains one of the rule's anchors: the prefilter never hides a match.
      for (const s of rule.samples) {
        if (s.expect.length > 0)
          assert.ok(
            rule.anchors.some((a) => s.text.includes(set.literals[a]!)),
            `${rule.id}: sample without an anchor`,
          );
      }
    }
  });
});

describe('entity rules: broken rules are reported where they are wrong', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a file that is not an object', [], '/: expected an object (id, description, rules), found an array'],
    ['no rules array', { id: 'x', description: 'x' }, '/rules: expected an array of rules, found nothing'],
    [
      'an unbounded quantifier',
      ruleWith({ pattern: 'ICMAgentID=(?<id>\\d+)' }),
      '/rules/0/pattern: expected only bounded repetition',
    ],
    [
      'a star',
      ruleWith({ pattern: 'ICMAgentID=.*(?<id>\\d{1,3})' }),
      '/rules/0/pattern: expected only bounded repetition',
    ],
    [
      'an invalid regular expression',
      ruleWith({ pattern: 'ICMAgentID=(?<id>\\d{1,10}' }),
      '/rules/0/pattern: expected a valid regular expression',
    ],
    [
      'a capture without its group',
      ruleWith({ pattern: 'ICMAgentID=(?<value>\\d{1,10})' }),
      '/rules/0/captures/id: expected a group (?<id>...) in the pattern',
    ],
    [
      'an unknown kind',
      ruleWith({ captures: { id: { kind: 'customer', key: 'customer:' } } }),
      '/rules/0/captures/id/kind: expected one of contact, chatSession',
    ],
    [
      'a key prefix of another kind',
      ruleWith({ captures: { id: { kind: 'agent', key: 'contact:' } } }),
      '/rules/0/captures/id/key: expected a key prefix for agent (agent:uccx: or agent:icm:',
    ],
    [
      'an unknown normalisation',
      ruleWith({ captures: { id: { kind: 'agent', key: 'agent:icm:', normalize: 'hex' } } }),
      '/rules/0/captures/id/normalize: expected one of none, upper, lower, decimal',
    ],
    ['no anchors', ruleWith({ anchors: [] }), '/rules/0/anchors: expected a non-empty array of strings'],
    ['an empty anchor', ruleWith({ anchors: [''] }), '/rules/0/anchors/0: expected a non-empty string'],
    ['an unknown match mode', ruleWith({ match: 'everywhere' }), '/rules/0/match: expected "atAnchor" or "anywhere"'],
    ['an unknown rule type', ruleWith({ type: 'xml' }), '/rules/0/type: expected "pattern" or "armDump"'],
    [
      'a birth with nothing',
      ruleWith({ captures: { id: { kind: 'agent', key: 'agent:icm:', birth: {} } } }),
      '/rules/0/captures/id/birth: expected literals or a pattern, found neither',
    ],
    [
      'unlessSameAs without a value group',
      ruleWith({ captures: { id: { kind: 'agent', key: 'agent:icm:', unlessSameAs: 'X=(?<v>\\d{1,3})' } } }),
      '/rules/0/captures/id/unlessSameAs: expected a group named "value"',
    ],
    [
      'a link to a capture that does not exist',
      ruleWith({ link: { a: 'id', b: 'periph', why: 'x' } }),
      '/rules/0/link: expected {a, b, why} naming two different captures',
    ],
    [
      'an ARM rule without verb and message groups',
      ruleWith({
        type: 'armDump',
        pattern: 'Sending (?<name>[A-Z_]{1,60}) ->',
        fields: [{ field: 'InvokeID', kind: 'invokeId', key: 'invokeId:' }],
      }),
      '/rules/0/pattern: expected groups named "verb" and "message"',
    ],
    [
      'an ARM field with both a field and a tag',
      ruleWith({
        type: 'armDump',
        pattern: '(?<verb>Sending) (?<message>[A-Z_]{1,60}) ->',
        fields: [{ field: 'InvokeID', tag: 107, kind: 'invokeId', key: 'invokeId:' }],
      }),
      '/rules/0/fields/0: expected exactly one of field',
    ],
  ];
  for (const [name, file, expected] of cases) {
    it(name, () => {
      const problems = problemsOf(file);
      assert.ok(
        problems.some((p) => p.startsWith(expected)),
        `expected "${expected}" in:\n${problems.join('\n')}`,
      );
    });
  }

  it('* and + inside a character class or escaped are plain characters, not repetition', () => {
    assert.deepEqual(
      problemsOf(
        ruleWith({
          pattern: 'ICMAgentID=[+*]{0,1}\\+?(?<id>\\d{1,10})',
          samples: [{ text: 'ICMAgentID=6420', expect: ['agent:icm:6420'] }],
        }),
      ),
      [],
    );
  });

  it('two rules with one id', () => {
    const file = ruleWith({});
    (file.rules as unknown[]).push((file.rules as unknown[])[0]);
    assert.deepEqual(problemsOf(file), ['/rules/1/id: expected a unique rule id, found "test.rule" twice']);
  });

  it('a record link naming a rule that does not exist', () => {
    const file = { ...ruleWith({}), links: [{ id: 'l', a: 'test.rule', b: 'nowhere.rule', why: 'x' }] };
    assert.deepEqual(problemsOf(file), [
      '/links/0/b: expected a rule id with one capture, or ruleId/capture, found "nowhere.rule"',
    ]);
  });

  it('a sample that does not match what the rule finds', () => {
    const set = compileEntityRules([
      { file: ruleWith({ samples: [{ text: 'ICMAgentID=6420', expect: ['agent:icm:6421'] }] }), source: 'test.json' },
    ]);
    assert.deepEqual(
      checkRuleSamples(set).map((p) => `${p.file}${p.path}: ${p.message}`),
      ['test.json/rules/0/samples/0: expected agent:icm:6421, found agent:icm:6420 "6420"'],
    );
  });

  it('a rule without samples', () => {
    const set = compileEntityRules([{ file: ruleWith({ samples: undefined }), source: 'test.json' }]);
    assert.deepEqual(
      checkRuleSamples(set).map((p) => `${p.path}: ${p.message}`),
      ['/rules/0/samples: expected at least one sample line, found none'],
    );
  });

  it('a broken rule is left out; the others still work', () => {
    const file = ruleWith({});
    (file.rules as unknown[]).push({ id: 'broken', description: 'x', anchors: ['x'], pattern: '(', captures: {} });
    const set = compileEntityRules([{ file, source: 'test.json' }]);
    assert.equal(set.problems.length, 1);
    assert.deepEqual(
      extractEntitiesWith(set, 'ICMAgentID=6420').occurrences.map((o) => o.key),
      ['agent:icm:6420'],
    );
  });

  it('odd values anywhere in a file never throw', () => {
    for (const file of [
      null,
      3,
      'x',
      { rules: [null, 1, 'x', [], { id: 5 }] },
      ruleWith({ captures: null }),
      ruleWith({ captures: { id: null } }),
      ruleWith({ samples: 'x' }),
      ruleWith({ link: 'x' }),
    ]) {
      assert.doesNotThrow(() => compileEntityRules([{ file, source: 'odd.json' }]));
    }
  });
});

describe('entity rules: new spellings are data', () => {
  let set: EntityRuleSet;
  before(() => {
    set = compileEntityRules([
      {
        source: 'uccx-task.json',
        file: {
          id: 'uccxTask',
          description: 'UCCX task ids (an example of a rule file written by a user)',
          rules: [
            {
              id: 'uccxTask.taskId',
              description: 'taskId=<n>',
              anchors: ['taskId='],
              pattern: '(?<![A-Za-z0-9_])taskId=(?<id>\\d{1,19})(?![0-9])',
              captures: { id: { kind: 'uccxTask', key: 'uccxTask:', birth: { literals: ['TASK_CREATED'] } } },
              samples: [{ text: 'TASK_CREATED taskId=33554445', expect: [{ key: 'uccxTask:33554445', birth: true }] }],
            },
          ],
        },
      },
    ]);
  });

  it('a rule file adds a spelling without code', () => {
    assert.deepEqual(set.problems, []);
    assert.deepEqual(checkRuleSamples(set), []);
    assert.deepEqual(extractEntitiesWith(set, 'x taskId=33554445 y').occurrences, [
      { kind: 'uccxTask', key: 'uccxTask:33554445', text: '33554445', start: 9, end: 17 },
    ]);
    assert.deepEqual(extractEntitiesWith(set, 'subtaskId=33554445').occurrences, []);
  });
});

describe('entity rules: the entities each format declares', () => {
  const registry = builtinRegistry();
  const set = builtinEntityRules();
  const declares = (entities: readonly string[], id: string) =>
    entities.some((e) => (e.endsWith('*') ? id.startsWith(e.slice(0, -1)) : id === e));

  it('names only rules that exist', () => {
    for (const f of registry.formats) {
      for (const e of f.def.entities ?? [])
        assert.ok(
          set.rules.some((r) => declares([e], r.id)),
          `${f.id}: "${e}" names no rule`,
        );
    }
  });

  it('keeps every rule whose own samples are records of that format', () => {
    for (const rule of set.rules) {
      for (const sample of rule.samples) {
        const entities = sample.formatId ? registry.byId(sample.formatId)?.def.entities : undefined;
        if (entities)
          assert.ok(
            declares(entities, rule.id),
            `${sample.formatId} does not declare ${rule.id}, whose sample is one of its records`,
          );
      }
    }
  });

  it('finds in every record of the samples what all the rules find', () => {
    const dir = path.join(root, 'samples');
    let records = 0;
    for (const family of fs
      .readdirSync(dir)
      .filter((d) => !d.startsWith('.') && fs.statSync(path.join(dir, d)).isDirectory())) {
      for (const name of fs.readdirSync(path.join(dir, family))) {
        const text = fs.readFileSync(path.join(dir, family, name), 'utf8');
        const format = detectFormat(registry, name, text.slice(0, 65536))?.format;
        assert.ok(format?.def.entities, `${family}/${name}: a built-in format declaring its entities`);
        const model = LogModel.build(text, { registry, format });
        for (let r = 0; r < model.recordCount; r++) {
          const record = model.recordText(r).text;
          assert.deepEqual(
            extractEntitiesWith(set, record, format.id, format.def.entities),
            extractEntitiesWith(set, record, format.id),
            `${family}/${name} record ${r}`,
          );
          records++;
        }
      }
    }
    assert.ok(records > 100);
  });

  it('reads a record for a literal only when a rule can find something there that counts alone', () => {
    const ece = registry.byId('ece')!;
    const view = ruleView(set, ece.id, ece.def.entities);
    // `UID:` is on every ECE line; its rule keeps a UID only when the record's dump names the same user.
    assert.ok(!view.anchors.includes('UID:'), 'UID: is no anchor');
    assert.ok(
      view.literals.some((i) => set.literals[i] === 'UID:'),
      'but records read for other anchors are still scanned for it',
    );
    const uid =
      '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [x] <@> ProcessId:4584 <@> PID:1 <@> UID:1005 <@> HttpSessionId: <@> com.ipcc.listener.jms.X <@> <@> nothing else';
    assert.deepEqual(
      extractEntitiesWith(set, uid, ece.id, ece.def.entities),
      { occurrences: [], links: [] },
      'a record holding only UID: names nothing',
    );
    for (const f of registry.formats) {
      const anchors = ruleView(set, f.id, f.def.entities).anchors;
      const alone = ruleView(set, f.id, f.def.entities).rules.filter((r) =>
        (r.type === 'pattern' ? r.captures : r.fields).some((c) => !c.confirmOnly),
      );
      for (const r of alone)
        for (const l of r.anchors)
          assert.ok(anchors.includes(set.literals[l]!), `${f.id}: ${r.id}'s anchor ${set.literals[l]}`);
    }
  });

  it('reads fewer literals for a format than for any record', () => {
    const any = ruleView(set, undefined);
    for (const f of registry.formats)
      assert.ok(ruleView(set, f.id, f.def.entities).literals.length < any.literals.length, f.id);
  });
});

describe('entity rules: where a capture ends', () => {
  it('knows the characters after the capture when they are fixed, and only then', () => {
    assert.equal(fixedSuffixLength('ICMAgentID=(?<id>\\d{1,10})(?![0-9A-Za-z])', 'id'), 0);
    assert.equal(fixedSuffixLength('Contact \\[(?<id>[0-9A-Fa-f]{32})\\]', 'id'), 1);
    assert.equal(fixedSuffixLength('x(?<id>\\d+)\\b[,;](?=\\s)$', 'id'), 1);
    assert.equal(fixedSuffixLength('<id>(?<id>\\d{1,9})[ \\t]{0,8}</id>', 'id'), undefined);
    assert.equal(fixedSuffixLength('(?<id>\\d+)(?:a|b)', 'id'), undefined);
    assert.equal(fixedSuffixLength('(?<id>\\d+)a?', 'id'), undefined);
    assert.equal(fixedSuffixLength('(?<id>\\d+)\\1', 'id'), undefined);
    assert.equal(fixedSuffixLength('(?<other>\\d+)', 'id'), undefined);
  });

  it('gives the same places with and without match indices, on every rule sample', () => {
    const set = builtinEntityRules();
    let fast = 0;
    for (const rule of set.rules) {
      if (rule.type !== 'pattern' || !rule.valueAtEnd) continue;
      fast++;
      for (const sample of rule.samples) {
        const re: RegExp = new RegExp(rule.regex.source, 'dg');
        for (const m of sample.text.matchAll(re) as IterableIterator<RegExpExecArray>) {
          const span: [number, number] = m.indices!.groups![rule.captures[0]!.name]!;
          assert.equal(m.index + m[0].length - rule.valueAtEnd.suffix, span[1], `${rule.id}: ${sample.text}`);
        }
      }
    }
    assert.ok(fast > 20);
  });
});
