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
