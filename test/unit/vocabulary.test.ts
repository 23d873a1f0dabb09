/**
 * The ID vocabulary module: the key grammar, labels and spellings, and that the rule schema offers
 * exactly its kinds and key prefixes (adding a kind touches the module and the rule data only).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ENTITY_KINDS,
  KEY_PREFIXES,
  kindLabel,
  nameKindOf,
  parseKey,
  spellingsOfKey,
} from '../../server/src/entities/vocabulary';

describe('ID vocabulary', () => {
  it('takes keys apart: kind, sub-kind, value (values may hold colons)', () => {
    assert.deepEqual(parseKey('agent:icm:6420'), { kind: 'agent', name: 'icm', value: '6420' });
    assert.deepEqual(parseKey('agent:uccx:sip:kim@example.com'), {
      kind: 'agent',
      name: 'uccx',
      value: 'sip:kim@example.com',
    });
    assert.deepEqual(parseKey('widget:name:Care: EN'), { kind: 'widget', name: 'name', value: 'Care: EN' });
    assert.deepEqual(parseKey('contact:4B1E93C7100001650D5B1A000A301647'), {
      kind: 'contact',
      name: undefined,
      value: '4B1E93C7100001650D5B1A000A301647',
    });
    assert.equal(nameKindOf('skillGroup:periph:5001'), 'skillGroup:periph');
  });

  it('labels kinds and agent names for hovers', () => {
    assert.equal(kindLabel('contact:4B1E93C7100001650D5B1A000A301647'), 'Chat contact');
    assert.equal(kindLabel('agent:icm:6420'), 'Agent: ICM agent id (SkillTargetID)');
    assert.equal(kindLabel('agent:other:1'), 'Agent');
    assert.equal(kindLabel('unknown:1'), 'Id');
  });

  it('spells decimal values in hex too, and searches no value under three characters', () => {
    assert.deepEqual(spellingsOfKey('invokeId:133121'), ['133121', '0x20801']);
    assert.deepEqual(spellingsOfKey('mrd:1'), []);
  });

  it('the rule schema offers exactly the kinds and key prefixes of the vocabulary', () => {
    const schema = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '..', '..', 'server', 'src', 'entities', 'defs', 'entity-rules.schema.json'),
        'utf8',
      ),
    ) as { definitions?: Record<string, { enum?: string[] }>; $defs?: Record<string, { enum?: string[] }> };
    const defs = schema.definitions ?? schema.$defs ?? {};
    assert.deepEqual(defs.kind?.enum, [...ENTITY_KINDS]);
    assert.deepEqual(
      defs.keyPrefix?.enum,
      ENTITY_KINDS.flatMap((k) => KEY_PREFIXES[k]),
    );
  });
});
