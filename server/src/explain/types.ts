/**
 * An explainer finds one kind of embedded thing in a log record (a byte dump, a JSON object, an
 * epoch time...) and renders what it means as hover Markdown. It knows nothing of LSP: the hover
 * handler passes the record text and a context, and picks the matches under the cursor.
 *
 * Explainers call pure decoders (server/src/decode/) and render with server/src/render/markdown.ts,
 * which escapes all text taken from the log.
 */

/** A line elsewhere that an explainer may link to (for example the response of a request). */
export interface LineRef {
  uri: string;
  line: number;
  text: string;
}

export interface ExplainContext {
  /** URI of the document. */
  uri: string;
  /** Id of the log format of this record (e.g. `ece`, `uccx`), if known. */
  formatId?: string;
  /** The record's own instant, ms since the epoch (UTC), if its timestamp parsed. */
  instant?: number;
  /** The record's own UTC offset in minutes (e.g. 330 for IST/+0530), if known. */
  zoneOffsetMinutes?: number;
  /** How the record's zone was written or assumed (e.g. `IST`, `+0530`, `GMT+0000`). */
  zoneLabel?: string;
  /** Zero-based line number of the record's first line in the document. */
  recordLine: number;
  /**
   * Searches the document (and, later, other open logs) for lines matching `pattern`, nearest to
   * the record first, up to `limit` results. Explainers use it to pair requests with responses.
   * `family`: a broader pattern every matching line matches too (any InvokeID field, when looking
   * for one InvokeID); searches for many values of one family then cost little after the first.
   */
  findLines(pattern: RegExp, limit: number, family?: RegExp): LineRef[];
  /** The text of a line of the document (zero-based), or undefined past its end. */
  lineText(line: number): string | undefined;
}

/** One decodable span of a record: [start, end) are offsets into the record text. */
export interface ExplainMatch {
  start: number;
  end: number;
  /** Builds the hover Markdown. Called only for matches under the cursor. */
  render(ctx: ExplainContext): string;
}

export interface Explainer {
  /** Stable id, e.g. `arm-dump`, `json`, `epoch`. */
  id: string;
  /**
   * Finds the spans of `record` this explainer can explain. Must be fast (runs on every hover),
   * must not throw, and every regular expression it uses must be safe against backtracking.
   */
  find(record: string, ctx: ExplainContext): ExplainMatch[];
}
