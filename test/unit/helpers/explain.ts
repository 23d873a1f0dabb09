import * as assert from 'node:assert/strict';
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
