/**
 * Which format a file is in, from its name and its first lines. Names decide only when the content
 * does not contradict them: generic names (`export.log`, `*.txt`) are decided by content alone.
 */
import * as path from 'node:path';
import { HEAD_LIMIT, matchHeaderAt, matchPatternAt, type CompiledFormat } from './compile';
import type { FormatRegistry } from './registry';
import { grepContentStarts } from './grepPrefix';

export interface Detection {
  format: CompiledFormat;
  /** 0..1: share of the sampled non-empty lines that begin a record or header of this format. */
  score: number;
  reasons: string[];
}

/**
 * Detects the format of a file from its name (may be empty) and its first lines (up to ~200 are
 * used). Returns undefined when nothing fits well enough.
 */
export function detectFormat(registry: FormatRegistry, fileName: string, sample: string): Detection | undefined {
  const base = path.basename(fileName.replace(/\\/g, '/'));
  const lines = sample.split(/\r\n|\n|\r/, 200).filter((l) => l.trim().length > 0);
  if (lines.length > 0 && lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  const results: Detection[] = [];
  for (const f of registry.formats) {
    const reasons: string[] = [];
    let hits = 0;
    for (const line of lines) {
      const text = line.length > HEAD_LIMIT ? line.slice(0, HEAD_LIMIT) : line;
      if (matchPatternAt(f, text, 0, text.length) >= 0 || matchHeaderAt(f, text, 0, text.length) >= 0) {
        hits++;
        continue;
      }
      if (grepContentStarts(text, 0).some((at) => matchPatternAt(f, text, at, text.length) >= 0)) hits++;
    }
    const score = lines.length ? hits / lines.length : 0;
    let weight = score;
    if (hits > 0) reasons.push(`${hits} of the first ${lines.length} lines match its line pattern`);
    const firstLineMatches =
      lines.length > 0 && f.firstLine !== undefined && f.firstLine.test(lines[0].slice(0, HEAD_LIMIT));
    if (firstLineMatches) {
      weight += 0.5;
      reasons.push('the first line matches');
    }
    const nameMatches = base.length > 0 && f.fileName(base);
    if (nameMatches) {
      weight += hits > 0 || lines.length === 0 ? 0.5 : 0.1;
      reasons.push(`the file name matches ${(f.def.fileNames ?? []).join(', ')}`);
    }
    if (hits === 0 && !firstLineMatches && !(nameMatches && lines.length === 0)) continue;
    weight += f.priority * 0.05;
    results.push({ format: f, score: weight, reasons });
  }
  results.sort((a, b) => b.score - a.score);
  const best = results[0];
  // One matching line in a big sample is not enough to claim a file.
  if (!best || best.score < 0.05) return undefined;
  return best;
}

/** How records of a text are found: by its format's record-start patterns, or line by line. */
export interface TextShape {
  /** The first lines are mostly `grep -rn` output (`file.log:12:` before the log line). */
  grepPrefixes: boolean;
  /** Lines of other formats, or grep-prefixed lines, among the format's own. */
  mixed: boolean;
  /** Records must be found line by line, each line tried against every format: no format, grep output, or mixed. */
  perLine: boolean;
}

/** Lines looked at to decide a text's shape. */
const SHAPE_LINES = 400;
/** Lines looked at for grep prefixes, a quarter of which must have one. */
const GREP_LINES = 50;

/**
 * The shape of a text, decided on its first lines so that clean files pay nothing per line: the one
 * rule by which the record model of open documents and the indexer choose how to find records.
 */
export function textShape(sample: string, own: CompiledFormat | undefined, all: readonly CompiledFormat[]): TextShape {
  const lines = sample.split(/\r\n|\n|\r/, SHAPE_LINES).filter((l) => l.length > 0);
  const grepPrefixes = hasGrepPrefixes(lines.slice(0, GREP_LINES), all);
  const mixed = own !== undefined && looksMixed(lines, own, all);
  return { grepPrefixes, mixed, perLine: !own || grepPrefixes || mixed };
}

/** A quarter or more of the lines are log lines of some format behind a `file:line:` prefix. */
function hasGrepPrefixes(lines: readonly string[], formats: readonly CompiledFormat[]): boolean {
  let hits = 0;
  for (const l of lines) {
    if (formats.some((f) => matchPatternAt(f, l, 0, l.length) >= 0)) continue;
    if (grepContentStarts(l, 0).some((at) => formats.some((f) => matchPatternAt(f, l, at, l.length) >= 0))) hits++;
  }
  return hits > 0 && hits * 4 >= lines.length;
}

/**
 * Lines of other formats among the format's own, or its own lines behind grep prefixes. Continuation
 * lines (blanks or XML first) never make a text mixed.
 */
function looksMixed(lines: readonly string[], own: CompiledFormat, all: readonly CompiledFormat[]): boolean {
  for (const l of lines) {
    if (matchPatternAt(own, l, 0, l.length) >= 0) continue;
    if (grepContentStarts(l, 0).some((at) => matchPatternAt(own, l, at, l.length) >= 0)) return true;
    const c = l.charCodeAt(0);
    if (c === 32 || c === 9 || c === 60) continue;
    for (const f of all) if (f !== own && f.priority >= 0 && matchPatternAt(f, l, 0, l.length) >= 0) return true;
  }
  return false;
}

/**
 * One sentence a person reads when they ask what a file is: the format's title and language, and why
 * (name, first line, how many lines fit), or that nothing fits.
 */
export function describeDetection(found: Detection | undefined, fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/')) || 'This document';
  if (!found) return `${base}: no log format fits its first lines, so it stays as it is.`;
  const def = found.format.def;
  return `${base} is a ${def.title} (language ${def.languageId}, format ${found.format.id}): ${found.reasons.join('; ')}.`;
}
