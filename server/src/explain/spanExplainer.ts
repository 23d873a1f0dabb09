/**
 * The shape shared by explainers whose decoder finds its own spans (JSON, XML): every span found is
 * a match, rendered safely. A finder that throws finds nothing; a renderer that throws gives a
 * sentence instead of a failed hover (decoders do not throw, this guards should one ever).
 */
import { escapeMarkdown } from '../render/markdown';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

export function spanExplainer<S extends { start: number; end: number }>(
  id: string,
  /** What is decoded, for the sentence when rendering fails: `JSON`, `XML`. */
  what: string,
  findSpans: (record: string) => S[],
  render: (record: string, span: S, ctx: ExplainContext) => string,
): Explainer {
  return {
    id,
    find(record: string): ExplainMatch[] {
      try {
        return findSpans(record).map((span) => ({
          start: span.start,
          end: span.end,
          render: (ctx: ExplainContext) => safely(() => render(record, span, ctx), what),
        }));
      } catch {
        return [];
      }
    },
  };
}

/** The rendered Markdown, or a sentence saying that `what` could not be decoded. */
export function safely(render: () => string, what: string): string {
  try {
    return render();
  } catch {
    return escapeMarkdown(`This ${what} could not be decoded.`);
  }
}
