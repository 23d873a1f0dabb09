import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeXml, findXmlSpans } from '../../server/src/decode/xml';
import { xmlExplainer } from '../../server/src/explain/xml';
import {
  MADM_NEW_INCOMING_CONTACT,
  MIVR_PARSE_EXTENSION,
  RUNTIME_NOTIFICATION_SUCCEEDED,
} from './fixtures/seedRecords';
import { explainContext } from './helpers/explain';

const CONTEXT = explainContext('file:///logs/x.log');

/** Spans in order inside the record; decoding and rendering each never throws. */
function exercise(record: string): void {
  let previousEnd = 0;
  for (const span of findXmlSpans(record)) {
    assert.ok(span.start >= previousEnd && span.start < span.end && span.end <= record.length);
    previousEnd = span.end;
    const { value } = decodeXml(record, span.start, span.end);
    assert.equal(value.start, span.start);
    assert.ok(value.root.length > 0);
    if (value.stop) assert.ok(value.stop.offset >= span.start && value.stop.offset <= span.end);
  }
  for (const match of xmlExplainer.find(record, CONTEXT)) assert.equal(typeof match.render(CONTEXT), 'string');
  decodeXml(record, 0);
}

const XMLISH = fc.constantFrom(
  '<',
  '>',
  '/',
  '</',
  '/>',
  '<?xml version="1.0"?>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x>',
  '"',
  "'",
  '=',
  ' ',
  '\n',
  '&',
  '&amp;',
  '&#233;',
  '#233;',
  '&#xD800;',
  'a',
  'SocialContact',
  'extensionField',
  'name',
  'value',
  'constructor',
  '__proto__',
  'é',
);

describe('XML decoding never throws and always ends (property tests)', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), exercise), { numRuns: 300 });
  });

  it('random text made of XML pieces', () => {
    fc.assert(
      fc.property(
        fc.array(XMLISH, { maxLength: 200 }).map((parts) => parts.join('')),
        exercise,
      ),
      { numRuns: 600 },
    );
  });

  it('the seed records cut at any point, or with a character changed', () => {
    const records = [MADM_NEW_INCOMING_CONTACT, MIVR_PARSE_EXTENSION, RUNTIME_NOTIFICATION_SUCCEEDED];
    fc.assert(
      fc.property(
        fc.constantFrom(...records),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 2 }),
        (record, n, replacement) => {
          const at = n % (record.length + 1);
          exercise(record.slice(0, at));
          exercise(record.slice(0, at) + replacement + record.slice(at + 1));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('hostile shapes end', () => {
    for (const record of [
      '<a>'.repeat(50_000),
      '<a><b>'.repeat(10) + '<'.repeat(300_000),
      '<a x="' + '"'.repeat(100_000),
      '<a>' + '<b/>'.repeat(40_000) + '</a>',
      ('<x ' + 'y="1" '.repeat(2000)).repeat(50),
      '<r>' + '</q>'.repeat(50_000),
      '<r><c>' + 'x>'.repeat(100_000),
    ]) {
      exercise(record);
    }
  });
});
