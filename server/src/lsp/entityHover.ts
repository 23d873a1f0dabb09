/**
 * The entity part of a hover: what the ID under the cursor is, its other names with the evidence
 * of each link, how many lines in how many files name it, when it was first and last seen, and
 * where it was born. Everything from a log is escaped; the only links reveal a line.
 */
import { kindLabel } from '../entities/vocabulary';
import { earliestBirth, type IndexedFile, type IndexQuery } from '../index/query';
import { escapeMarkdown, inlineCode, revealLineLink } from '../render/markdown';
import { formatInstant } from '../time/timestamp';
import type { Located } from './locate';

/** Other names listed at most. */
const MAX_OTHER_NAMES = 12;

export function entityHoverMarkdown(at: Located, query: IndexQuery): string {
  const set = query.postings(at.keyIds);
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
      `Named on ${set.truncated ? 'at least ' : ''}${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (find all references: Shift+F12).`,
    );
    if (first === first) {
      const off = at.offsetMinutes ?? 0;
      parts.push(
        `First seen ${escapeMarkdown(formatInstant(first, off))}, last seen ${escapeMarkdown(formatInstant(last, off))}.`,
      );
    }
    const b = earliestBirth(set);
    const bf = b >= 0 ? query.file(set.fileIds[b]) : undefined;
    if (bf)
      parts.push(
        `Born at ${revealLineLink(`${baseName(bf)}:${set.lines[b] + 1}`, { uri: bf.uri, line: set.lines[b] })}.`,
      );
  } else {
    parts.push('No indexed line names it yet.');
  }
  const p = query.progress();
  if (p.running)
    parts.push(`_The log index is still being built (${p.filesDone} of ${p.filesTotal} files): counts may grow._`);
  return parts.join('\n\n');
}

/** A file's base name, for link titles. */
export function baseName(f: IndexedFile): string {
  const p = f.path ?? f.uri;
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}
