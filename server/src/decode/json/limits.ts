/** Bounds on the work done for one embedded JSON text, so a huge or hostile record stays cheap. */
export const JSON_LIMITS = {
  /** Characters of one JSON text that are read; the rest is reported, not parsed. */
  maxChars: 1024 * 1024,
  /** Nesting depth read; deeper input is cut there (the parser recurses once per level). */
  maxDepth: 200,
  /** JSON texts looked for in one record. */
  maxSpansPerRecord: 32,
  /** Parse problems kept (the first one says where reading stopped). */
  maxProblems: 20,
} as const;
