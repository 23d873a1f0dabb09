import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJson, findJsonSpans } from '../../server/src/decode/json';
import { jsonExplainer } from '../../server/src/explain/json';
import { BUBBLE_CHAT_CONSOLE_RECORD, ECE_INITIALIZE_JSON } from './fixtures/seedRecords';
import { explainContext } from './helpers/explain';

const CONTEXT = explainContext('file:///logs/x.log', 3);

/** Every span, decoded and rendered: none of it may throw, and spans stay inside the record in order. */
function exercise(record: string): void {
  const spans = findJsonSpans(record);
  let previousEnd = 0;
  for (const span of spans) {
    assert.ok(span.start >= previousEnd && span.end <= record.length && span.start < span.end);
    previousEnd = span.end;
    const { value, problems } = decodeJson(record, span.start, span.end);
    assert.equal(value.parsed.complete, problems.length === 0);
    if (value.parsed.stop) {
      assert.ok(value.parsed.stop.offset >= span.start && value.parsed.stop.offset <= span.end);
    }
  }
  for (const match of jsonExplainer.find(record, CONTEXT)) assert.equal(typeof match.render(CONTEXT), 'string');
}

/** Pieces of JSON and of log text, so random records are often nearly JSON. */
const JSONISH = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  ' ',
  '\n',
  '\\',
  '\\u00e9',
  'true',
  '1',
  '-0.5e3',
  '"feedId"',
  '"chatForm"',
  '"messages"',
  '"checkEligibility"',
  '"responseType"',
  'Response: ',
  '#0AB7D7',
  '//',
  '/*',
);

describe('JSON decoding never throws and always ends (property tests)', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), exercise), { numRuns: 300 });
  });

  it('random text made of JSON pieces', () => {
    fc.assert(
      fc.property(
        fc.array(JSONISH, { maxLength: 200 }).map((parts) => parts.join('')),
        exercise,
      ),
      { numRuns: 500 },
    );
  });

  it('the seed widget configuration cut at any point, after any prefix', () => {
    const record = BUBBLE_CHAT_CONSOLE_RECORD;
    fc.assert(
      fc.property(fc.nat({ max: record.length }), (cut) => {
        const text = record.slice(0, cut);
        exercise(text);
        const start = text.indexOf('{');
        if (start >= 0 && cut < record.length) {
          const { value } = decodeJson(text, start);
          assert.equal(value.parsed.complete, false, 'a cut-off text is never complete');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the seed initialize response cut at any point or with a character changed', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: ECE_INITIALIZE_JSON.length }),
        fc.string({ unit: 'binary', maxLength: 2 }),
        (at, replacement) => {
          exercise(ECE_INITIALIZE_JSON.slice(0, at));
          exercise(ECE_INITIALIZE_JSON.slice(0, at) + replacement + ECE_INITIALIZE_JSON.slice(at + 1));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hostile shapes end: deep nesting, unclosed strings, many brackets', () => {
    for (const record of [
      '{"a":'.repeat(50_000),
      '['.repeat(200_000),
      '["'.repeat(100_000),
      '{"' + '\\'.repeat(100_000),
      ('{"a": "' + 'x'.repeat(1000) + '\n').repeat(200),
    ]) {
      exercise(record);
    }
  });
});
