/**
 * The subset of the TextMate grammar format (as read by vscode-textmate) that the log grammars use.
 * Every rule that matches text carries a `comment` saying what it is for; the build refuses rules without one.
 */

export interface Capture {
  name?: string;
  /** Re-tokenise the captured text with these rules (vscode-textmate supports patterns inside captures). */
  patterns?: Rule[];
}

export type Captures = Record<string, Capture>;

/** A reference to a repository entry (`#name`), the grammar itself (`$self`) or another grammar by scope. */
export interface IncludeRule {
  include: string;
  comment?: string;
}

export interface MatchRule {
  comment: string;
  name?: string;
  match: string;
  captures?: Captures;
}

export interface BeginEndRule {
  comment: string;
  name?: string;
  contentName?: string;
  begin: string;
  end: string;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  patterns?: Rule[];
  applyEndPatternLast?: boolean;
}

export interface BeginWhileRule {
  comment: string;
  name?: string;
  contentName?: string;
  begin: string;
  while: string;
  beginCaptures?: Captures;
  whileCaptures?: Captures;
  patterns?: Rule[];
}

/** A named list of rules (repository entries that only group other rules). */
export interface GroupRule {
  comment: string;
  patterns: Rule[];
}

export type Rule = IncludeRule | MatchRule | BeginEndRule | BeginWhileRule | GroupRule;

export interface Grammar {
  name: string;
  scopeName: string;
  comment: string;
  patterns: Rule[];
  repository: Record<string, Exclude<Rule, IncludeRule>>;
}

/** What the build writes and what package.json contributes for one language. */
export interface GrammarEntry {
  languageId: string;
  scopeName: string;
  /** Path of the generated file, relative to the project root. */
  path: string;
  /** Source module that builds the grammar, relative to the project root (named in the generated header). */
  source: string;
  grammar: Grammar;
  /** Scope of an embedded region -> language id, as VS Code's `embeddedLanguages`. */
  embeddedLanguages?: Record<string, string>;
}
