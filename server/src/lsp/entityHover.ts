/**
 * The entity part of a hover: what the ID under the cursor is, its other names with the evidence
 * of each link, how many lines in how many files name it, when it was first and last seen, and
 * where it was born. Everything from a log is escaped; the only links reveal a line.
 */
import { kindLabel, shortKeyLabel } from '../entities/vocabulary';
import type { HitSet } from '../index/hitSet';
import { birthOfName, earliestBirth, type IndexedFile, type IndexQuery } from '../index/query';
import { escapeMarkdown, inlineCode, revealLineLink } from '../render/markdown';
import { formatInstant } from '../time/timestamp';
import type { Located } from './locate';

/** Other names listed at most. */
const MAX_OTHER_NAMES = 12;

/**
 * The entity hover in parts: `summary` is one line (what it is, how many lines name it, where it was
 * born) shown first, before any decoded object of the line; `detail` the rest (its other names with
 * the evidence, first and last seen); `markdown` both.
 */
export interface EntityHoverText {
  markdown: string;
  summary: string;
  detail: string;
}

export function entityHoverMarkdown(at: Located, query: IndexQuery, uri?: string): string {
  return entityHoverText(at, query, uri).markdown;
}

export function entityHoverText(at: Located, query: IndexQuery, uri?: string): EntityHoverText {
  const set = query.postings(at.keyIds);
  // The birth of the name under the cursor (the same rule as go to definition), and the entity's first.
  const keyId = query.keyId(at.occurrence.key);
  const doc = uri ? query.fileByUri(uri) : undefined;
  const nameBirth = birthOfName(set, keyId, doc ? { fileId: doc.id, line: at.range.start.line } : undefined);
  const firstBirth = earliestBirth(set);
  const birthLink = (i: number): string | undefined => {
    const f = i >= 0 ? query.file(set.fileIds[i]) : undefined;
    return f ? revealLineLink(`${baseName(f)}:${set.lines[i] + 1}`, { uri: f.uri, line: set.lines[i] }) : undefined;
  };
  const { lines, files, first, last } = set.summary();
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(kindLabel(at.occurrence.key))}** ${inlineCode(at.occurrence.key)}`);
  const others = at.keys.filter((k) => k !== at.occurrence.key);
  if (others.length > 0) {
    const evidence = query.linkEvidence(at.keyIds);
    const why = new Map<string, string[]>();
    for (const e of evidence) {
      const a = query.keyText(e.a);
      const b = query.keyText(e.b);
      const f = query.file(e.fileId);
      const where = f ? ` (${revealLineLink(`${baseName(f)}:${e.line + 1}`, { uri: f.uri, line: e.line })})` : '';
      const sentence = `${escapeMarkdown(e.why)}${where}`;
      for (const k of [a, b]) why.set(k, [...(why.get(k) ?? []), sentence]);
    }
    for (const l of at.extraction.links) {
      for (const k of [l.a, l.b]) if (!why.has(k)) why.set(k, [`${escapeMarkdown(l.why)} (this record)`]);
    }
    parts.push('Also named:');
    for (const k of others.slice(0, MAX_OTHER_NAMES)) {
      const reasons = why.get(k) ?? [];
      parts.push(`- ${inlineCode(k)}${reasons.length ? `: ${reasons.slice(0, 2).join('; ')}` : ''}`);
    }
    if (others.length > MAX_OTHER_NAMES) parts.push(`- and ${others.length - MAX_OTHER_NAMES} more`);
  }
  if (set.count > 0) {
    parts.push(
      `Found: ${countText(set, lines, files)} (find all references, Shift+F12, lists each reference; a line naming it twice holds two).`,
    );
    if (first === first) {
      const off = at.offsetMinutes ?? 0;
      parts.push(
        `First seen ${escapeMarkdown(formatInstant(first, off))}, last seen ${escapeMarkdown(formatInstant(last, off))}.`,
      );
    }
    const born = birthLink(nameBirth);
    if (born) parts.push(`${escapeMarkdown(shortKeyLabel(at.occurrence.key, 24))} born at ${born} (go to definition).`);
    const firstName = firstBirth >= 0 && set.keyIds[firstBirth] !== keyId ? birthLink(firstBirth) : undefined;
    if (firstName)
      parts.push(
        `First born under another name: ${inlineCode(query.keyText(set.keyIds[firstBirth]))} at ${firstName}.`,
      );
  } else {
    parts.push('No indexed line names it yet.');
  }
  const p = query.progress();
  if (p.running)
    parts.push(`_The log index is still being built (${p.filesDone} of ${p.filesTotal} files): counts may grow._`);
  const summary = [parts[0]!];
  if (set.count > 0) {
    summary.push(countText(set, lines, files));
    const born = birthLink(nameBirth);
    if (born) summary.push(`born at ${born}`);
  }
  return { markdown: parts.join('\n\n'), summary: summary.join(' · '), detail: parts.slice(1).join('\n\n') };
}

/**
 * What a count counts, said the same way in hovers and code lenses: references (occurrences, one per
 * entry of the references list) on lines in files, `at least` when the index stopped counting.
 */
export function countText(set: HitSet, lines: number, files: number): string {
  const n = set.count;
  const atLeast = set.truncated ? 'at least ' : '';
  return `${atLeast}${n} reference${n === 1 ? '' : 's'} on ${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
}

/** A file's base name, for link titles. */
export function baseName(f: IndexedFile): string {
  const p = f.path ?? f.uri;
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}
