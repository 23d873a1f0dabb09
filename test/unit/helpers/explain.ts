import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ExplainContext, Explainer } from '../../../server/src/explain/types';

/** The context of a record of `uri` that starts at `recordLine`, with no other lines to search. */
export function explainContext(uri: string, recordLine = 0): ExplainContext {
  return { uri, recordLine, findLines: () => [], lineText: () => undefined };
}

/**
 * The hover of the one span `explainer` finds in `record` (asserting, with `message`, that there is
 * exactly one). `context` is called for the search and again for the rendering.
 */
export function soleHover(
  explainer: Explainer,
  record: string,
  context: () => ExplainContext,
  message: string,
): string {
  const matches = explainer.find(record, context());
  assert.equal(matches.length, 1, message);
  return matches[0]!.render(context());
}

/**
 * What `explainer` finds in a huge or hostile `input`: spans inside the text, in order, none empty, and the
 * first few rendered to non-empty markdown. A search or rendering that does not end runs into mocha's timeout;
 * that the expressions involved cannot backtrack is proved by analysis (regexSafety.test.ts, ESLint).
 */
export function exerciseOnHugeInput(explainer: Explainer, input: string, context: ExplainContext): number {
  const matches = explainer.find(input, context);
  let previousStart = -1;
  for (const m of matches) {
    assert.ok(m.start >= 0 && m.start < m.end && m.end <= input.length, `span ${m.start}-${m.end}`);
    assert.ok(m.start >= previousStart, 'spans in order');
    previousStart = m.start;
  }
  for (const m of matches.slice(0, 3)) assert.ok(m.render(context).length > 0, 'rendered to nothing');
  return matches.length;
}

/**
 * `explainer` never throws on random text, neither random bytes nor random joins of `pieces` (the words its
 * patterns look for): every span lies inside the text and renders (`rendered` checks each rendering). `also`
 * runs on each text too. `sizes`: the longest random string and join (300 and 60 pieces), and the runs.
 */
export function assertTotalOnRandomText(
  explainer: Explainer,
  pieces: readonly string[],
  context: ExplainContext,
  also?: (text: string) => void,
  options: {
    rendered?: (markdown: string) => void;
    binaryMaxLength?: number;
    piecesMaxLength?: number;
    numRuns?: number;
  } = {},
): void {
  const alphabet = fc.constantFrom(...pieces);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: options.binaryMaxLength ?? 300 }),
        fc.array(alphabet, { maxLength: options.piecesMaxLength ?? 60 }).map((a) => a.join('')),
      ),
      (text) => {
        for (const m of explainer.find(text, context)) {
          assert.ok(m.start >= 0 && m.start < m.end && m.end <= text.length);
          const markdown = m.render(context);
          options.rendered?.(markdown);
        }
        also?.(text);
      },
    ),
    options.numRuns !== undefined ? { numRuns: options.numRuns } : {},
  );
}
