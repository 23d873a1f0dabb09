import { strict as assert } from 'node:assert';
import { extractEntities } from '../../server/src/entities/extract';

/**
 * Records that name many values: the extractor sorts and deduplicates a record's occurrences, values
 * and links in place while they are few, and through a set and the engine's sort past 16; both ways
 * must give the same answer (these records cross that size).
 */
describe('entity extraction of records naming many values', () => {
  const opcRecord = (pairs: Array<[number, number]>): string =>
    [
      '15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 MRDomainID=5000',
      ...pairs.map(([stid, sg]) => `SGSTID=${stid}\nSG#=${sg}(0x11376) OldState=AS_NOT_READY NewState=AS_NOT_ACTIVE`),
    ].join('\n');

  for (const distinct of [5, 16, 17, 40]) {
    it(`pairs the distinct values of an OPC SetAgentState record (${distinct} pairs, each written twice)`, () => {
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < distinct; i++) pairs.push([6900 + i, 70500 + i]);
      const got = extractEntities(opcRecord([...pairs, ...pairs]), 'icm_trace');
      const links = got.links.filter((l) => l.a.startsWith('skillGroup:stid:'));
      assert.deepEqual(
        links.map((l) => [l.a, l.b]),
        pairs.map(([stid, sg]) => [`skillGroup:stid:${stid}`, `skillGroup:periph:${sg}`]),
      );
      const sg = got.occurrences.filter((o) => o.key.startsWith('skillGroup:'));
      assert.equal(sg.length, 4 * distinct);
      for (let i = 1; i < got.occurrences.length; i++)
        assert.ok(got.occurrences[i - 1]!.start <= got.occurrences[i]!.start, 'occurrences in text order');
    });
  }

  it('does not pair the sides when their counts differ (one SG# missing)', () => {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < 20; i++) pairs.push([6900 + i, 70500 + i]);
    const text = opcRecord(pairs).replace('SG#=70519(', 'SG=70519(');
    const got = extractEntities(text, 'icm_trace');
    assert.deepEqual(
      got.links.filter((l) => l.a.startsWith('skillGroup:stid:')),
      [],
    );
  });

  for (const lines of [4, 30]) {
    it(`states each link of rttest skill group lines once (${lines} lines, half of them repeats)`, () => {
      const rows: string[] = [];
      for (let i = 0; i < lines; i++)
        rows.push(
          `CL na TEST_Chat_${i % (lines / 2)} (${6928 + (i % (lines / 2))}, periph# ${70518 + (i % (lines / 2))})`,
        );
      const got = extractEntities(rows.join('\n'), 'icm_tools');
      const want: Array<[string, string]> = [];
      for (let i = 0; i < lines / 2; i++) want.push([`skillGroup:stid:${6928 + i}`, `skillGroup:periph:${70518 + i}`]);
      assert.deepEqual(
        got.links.filter((l) => l.a.startsWith('skillGroup:stid:')).map((l) => [l.a, l.b]),
        want,
      );
    });
  }
});
