/**
 * The shape of a log format description (server/src/formats/defs/*.json). A format is data: how to
 * recognise its files, the pattern of a record's first line with named fields, how records continue,
 * how severities map, what headers and outline entries look like, and real sample lines that the
 * loader checks against the patterns (as lnav does).
 *
 * Reserved named groups in patterns, used to build the record's instant:
 *   year, month, day, hour, minute, second, fraction, zone (an abbreviation), offset (+0530, GMT+0000)
 * Other reserved groups: level (severity word or number), message (where the message text starts),
 * thread, component (logger/class), host, seq (sequence number), process.
 */
export interface FormatDefinition {
  $schema?: string;
  /** Stable id, lower-case with underscores: `uccx_engine`. */
  id: string;
  title: string;
  description: string;
  /** VS Code language id the files of this format get. */
  languageId: string;
  /** Product that writes it, for hovers: `UCCX`, `SocialMiner`, `ECE`, `UCCE`... */
  product: string;
  /** Glob patterns on the file's base name (case-insensitive). */
  fileNames?: string[];
  /** Regular expression the file's first non-empty line matches (VS Code's `firstLine`). */
  firstLine?: string;
  /**
   * A shared line shape (`defs/<id>.shape.json`) with its slots filled: `{{shape}}` in `patterns` and
   * `firstLine` stands for it (the CCBU line of SocialMiner, Finesse, CVP, CUIC...).
   */
  shape?: { id: string; slots?: Record<string, string> };
  /** Named patterns of a record's first line; the first that matches wins. Anchored at ^ by the loader. */
  patterns: Record<string, string>;
  /** How a line that matches no pattern is treated; default: it continues the record above. */
  continuation?: 'previous-record';
  /** Severity from the `level` group: exact values (case-insensitive) to scale names. */
  severity?: {
    values: Record<string, SeverityScaleName>;
    /** Severity when the line has no level group, or the value is not in the table. */
    default?: SeverityScaleName;
  };
  /**
   * Ids of the entity rules records of this format can hold (a rule id, or a prefix ending in `*`);
   * without it every rule is tried on every record.
   */
  entities?: string[];
  /** Severity for records that carry no level, decided by a pattern on the record's first line. */
  severityRules?: Array<{ pattern: string; severity: SeverityScaleName }>;
  /** Lines that are not records but set context (dumplog `Events from ...` gives the date below). */
  headers?: Record<string, HeaderDefinition>;
  /** Document symbols: lines that open a section of the outline. */
  outline?: Record<string, OutlineDefinition>;
  /** Fields a hover can describe. */
  /**
   * What a field means; `values` names what some of its values are (a process name), by the value in lower case,
   * or by the value without its trailing instance number (`pim` for `pim1`).
   */
  fields?: Record<string, { description: string; values?: Record<string, string> }>;
  /** Weight when two formats both match a file's lines (higher wins); default 0. */
  priority?: number;
  /** Real lines (copied from logs) that must match exactly one pattern of this format. */
  samples: SampleLine[];
}

export type SeverityScaleName =
  'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'info' | 'debug' | 'trace' | 'unknown';

export interface HeaderDefinition {
  /**
   * Anchored pattern. A `date` header captures year, month and day groups, and may capture the UTC
   * `offset` of the stamps below it (CUCM's `FileHead |UTC:-05:00,Date: 2024/08/13`).
   */
  pattern: string;
  kind: 'date' | 'banner';
  /**
   * A literal every header line holds, for the indexer's anchor search, when the pattern does not begin
   * with one (the CUCM FileHead line begins with its sequence number): `|FileHead |`.
   */
  anchor?: string;
  /** How hovers name the header: `"Events from" header` (the default), `FileHead line`. */
  label?: string;
}

export interface OutlineDefinition {
  pattern: string;
  /** Symbol name: `$<group>` references are replaced by captured text; default: the whole match. */
  name?: string;
  /** Nesting depth (0 = top); an entry holds the entries of greater depth below it. */
  depth?: number;
  /** LSP SymbolKind name: `Namespace`, `Event`, `Object`, `Field`, `Function`... */
  kind?: string;
}

export interface SampleLine {
  line: string;
  /** Pattern name expected to match; checked when given. */
  pattern?: string;
  severity?: SeverityScaleName;
  /** Expected instant as ISO-8601 UTC, checked when given. */
  instant?: string;
  /** Where the line was published (a Cisco document), or that it was written for this project. */
  source?: string;
}
