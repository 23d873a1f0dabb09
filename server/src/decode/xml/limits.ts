/** Bounds on the work done for one embedded XML text. */
export const XML_LIMITS = {
  /** Characters of one XML text read; the rest is reported, not parsed. */
  maxChars: 256 * 1024,
  /** Element nesting read. */
  maxDepth: 100,
  /** Tags, comments and other markup read. */
  maxMarkup: 20_000,
  /** Longest tag (name plus attributes) accepted. */
  maxTagChars: 8192,
  /** XML texts looked for in one record. */
  maxSpansPerRecord: 16,
  /** Problems kept. */
  maxProblems: 20,
} as const;
