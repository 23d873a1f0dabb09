/**
 * Folding ranges (one per multi-line record) and document symbols: the outline entries a format
 * declares (dumplog date headers, ARM messages in ECE logs, rttest/opctest commands and their blocks),
 * warnings and errors, and the first line naming each chat and agent, each with its time.
 */
import { FoldingRange, FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { HEAD_LIMIT } from '../formats/compile';
import { extractEntities } from '../entities/extract';
import { shortKeyLabel } from '../entities/vocabulary';
import type { LogModel } from '../model/logModel';
import { Severity, severityName } from '../formats/severity';
import { withoutTrailingMarker } from '../util/text';

const MAX_SYMBOLS = 5000;

export function foldingRanges(model: LogModel): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (let r = 0; r < model.recordCount; r++) {
    const start = model.recordStartLine(r);
    const end = model.recordEndLine(r);
    if (end > start) ranges.push(FoldingRange.create(start, end, undefined, undefined, FoldingRangeKind.Region));
  }
  // Sections under a date header fold as a whole.
  const headers = model.dateHeaders;
  for (let i = 0; i < headers.length; i++) {
    const end = (i + 1 < headers.length ? headers[i + 1].line : model.lines.count) - 1;
    if (end > headers[i].line)
      ranges.push(FoldingRange.create(headers[i].line, end, undefined, undefined, FoldingRangeKind.Region));
  }
  return ranges;
}

/** Above this size the outline names no chats or agents (the whole text would be read for them). */
const MAX_ENTITY_OUTLINE_CHARS = 16_000_000;
/** Records read for the chats and agents they name, per outline (about 0.3 ms each for an ARM dump). */
const MAX_OUTLINE_EXTRACTIONS = 2000;
/** Kinds of ids the outline names: the chats and agents an engineer looks for in a file. */
const OUTLINE_KINDS = new Set(['contact', 'chatSession', 'chatRoom', 'agent']);

interface Entry {
  line: number;
  /** Data entries nest by depth; undefined for the entries every format gets (errors, first mentions). */
  depth: number | undefined;
  symbol: DocumentSymbol;
}

/**
 * The outline: the entries the format declares (dumplog days, ARM messages, tool commands), the
 * records of severity warning or worse, and the first line naming each chat and agent, each with the
 * time of its record (and the chats and agents that record names) as detail.
 */
export function documentSymbols(model: LogModel): DocumentSymbol[] {
  const text = model.text;
  const entries: Entry[] = [];
  const withIds = text.length <= MAX_ENTITY_OUTLINE_CHARS;
  const namesOfRecord = new Map<number, string[]>();
  let extractions = 0;
  const idsOf = (r: number): string[] => {
    if (!withIds || r < 0) return [];
    let names = namesOfRecord.get(r);
    if (names) return names;
    // A bounded number of records is read for ids: the outline of a big file names those of its start.
    if (++extractions > MAX_OUTLINE_EXTRACTIONS) return [];
    const format = model.recordFormatOf(r);
    const occurrences = extractEntities(model.recordText(r).text, format.id, format.def.entities).occurrences;
    names = [];
    const seen = new Set<string>();
    for (const o of occurrences) {
      if (!OUTLINE_KINDS.has(o.kind) || seen.has(o.key)) continue;
      seen.add(o.key);
      names.push(o.key);
    }
    namesOfRecord.set(r, names);
    return names;
  };
  /** The record's time as its clock shows it (`09:32:05.877`): outline entries start with it. */
  const timeOf = (r: number): string => {
    const time = r >= 0 ? model.parseRecord(r)?.time : undefined;
    return time && Number.isFinite(time.instant)
      ? new Date(time.instant + time.offsetMinutes * 60_000).toISOString().slice(11, 23)
      : '';
  };
  /** The chats and agents the record names, shortened: the detail beside an entry. */
  const detailOf = (r: number): string => {
    const ids = idsOf(r);
    return ids.length > 0 ? ids.slice(0, 3).map(shortLabel).join(', ') + (ids.length > 3 ? ', ...' : '') : '';
  };
  const symbolAt = (line: number, name: string, kind: SymbolKind, selectionEnd: number, r: number) => {
    const lineEnd = model.lines.end(line) - model.lines.start(line);
    const time = timeOf(r);
    const symbol: DocumentSymbol = {
      name: ((time ? `${time} ` : '') + name).slice(0, 200) || '(empty)',
      kind,
      range: { start: { line, character: 0 }, end: { line, character: lineEnd } },
      selectionRange: { start: { line, character: 0 }, end: { line, character: Math.min(lineEnd, selectionEnd) } },
      children: [],
    };
    const detail = detailOf(r);
    if (detail && !name.startsWith(detail)) symbol.detail = detail;
    return symbol;
  };

  // What the formats declare (a date header belongs to no record: it gets no time).
  const headerLines = new Set(model.dateHeaders.map((h) => h.line));
  const formats = model.formats.filter((f) => f.outline.length > 0);
  for (let line = 0; formats.length > 0 && line < model.lines.count && entries.length < MAX_SYMBOLS; line++) {
    const s = model.lines.start(line);
    const e = model.lines.end(line);
    if (e === s) continue;
    const head = e - s > HEAD_LIMIT ? text.slice(0, s + HEAD_LIMIT) : text;
    found: for (const f of formats) {
      for (const o of f.outline) {
        o.sticky.lastIndex = s;
        const m = o.sticky.exec(head);
        if (!m) continue;
        const name =
          (o.def.name ?? '$&')
            .replace(/\$<(\w+)>|\$&/g, (_whole, g: string | undefined) => (g ? (m.groups?.[g] ?? '') : m[0]))
            .trim() || m[0].trim();
        entries.push({
          line,
          depth: o.def.depth ?? 0,
          symbol: symbolAt(
            line,
            name,
            symbolKind(o.def.kind),
            m[0].length,
            headerLines.has(line) ? -1 : model.recordAt(line),
          ),
        });
        break found;
      }
    }
  }

  // Warnings and errors, and the first line naming each chat and agent.
  const firstSeen = new Set<string>();
  for (let r = 0; r < model.recordCount && entries.length < MAX_SYMBOLS; r++) {
    const line = model.recordStartLine(r);
    const severity = model.severityOf(r);
    if (severity <= Severity.Warning) {
      const parsed = model.parseRecord(r);
      const lineText = text.slice(model.lines.start(line), model.lines.end(line));
      const message =
        messageOf(parsed ? lineText.slice(parsed.messageStart) : lineText, model.recordText(r).text) || lineText.trim();
      const label = severity === Severity.Warning ? 'WARNING' : severityName(severity).toUpperCase();
      entries.push({
        line,
        depth: undefined,
        symbol: symbolAt(line, `${label}: ${message.slice(0, 120)}`, SymbolKind.Event, lineText.length, r),
      });
    }
    if (!withIds) continue;
    const format = model.recordFormatOf(r);
    if (format.outline.some((o) => (o.def.depth ?? 0) > 0 && o.def.kind !== 'Namespace')) continue;
    const fresh = idsOf(r).filter((key) => !firstSeen.has(key));
    if (fresh.length === 0) continue;
    for (const key of fresh) firstSeen.add(key);
    entries.push({
      line,
      depth: undefined,
      symbol: symbolAt(
        line,
        `${fresh.map(longLabel).join(', ')} (first named)`,
        SymbolKind.Key,
        model.lines.end(line) - model.lines.start(line),
        r,
      ),
    });
  }

  entries.sort((a, b) => a.line - b.line);
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  for (const entry of entries.slice(0, MAX_SYMBOLS)) {
    if (entry.depth === undefined) {
      // Under the open day (dumplog "Events from ..." header), else at the top.
      const day = [...stack].reverse().find((x) => x.symbol.kind === SymbolKind.Namespace);
      while (stack.length > 0 && stack[stack.length - 1] !== day) stack.pop();
      if (day) day.symbol.children!.push(entry.symbol);
      else roots.push(entry.symbol);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1].depth >= entry.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.symbol.children!.push(entry.symbol);
    else roots.push(entry.symbol);
    stack.push({ depth: entry.depth, symbol: entry.symbol });
  }
  extendRanges(roots, model.lines.count - 1, model);
  return roots;
}

/**
 * The words of a warning or error: its first line's message, without the separators of `<@>`-delimited
 * heads (the message is the last field), or the record's next line when the first holds nothing more.
 */
function messageOf(firstLine: string, record: string): string {
  let message = withoutTrailingMarker(firstLine, '<@>');
  const last = message.lastIndexOf('<@>');
  if (last >= 0) message = message.slice(last + 3);
  message = message.trim();
  if (message.length > 0) return message;
  const next = record
    .split(/\r?\n/, 3)
    .slice(1)
    .find((l) => l.trim().length > 0);
  return withoutTrailingMarker(next ?? '', '<@>').trim();
}

function longLabel(key: string): string {
  return shortKeyLabel(key);
}

/** `chat 4B1E93C7...`, `agent SkillTargetID 6420`: long ids (chat ids) cut to their first 8 characters. */
function shortLabel(key: string): string {
  return shortKeyLabel(key, 24);
}

/** A symbol's range runs to the line before its next sibling (or its parent's end). */
function extendRanges(symbols: DocumentSymbol[], lastLine: number, model: LogModel): void {
  for (let i = 0; i < symbols.length; i++) {
    const endLine = i + 1 < symbols.length ? symbols[i + 1].range.start.line - 1 : lastLine;
    const end = Math.max(symbols[i].range.start.line, endLine);
    symbols[i].range = {
      start: symbols[i].range.start,
      end: { line: end, character: model.lines.end(end) - model.lines.start(end) },
    };
    if (symbols[i].children && symbols[i].children!.length > 0) extendRanges(symbols[i].children!, end, model);
  }
}

function symbolKind(name: string | undefined): SymbolKind {
  const kinds: Record<string, SymbolKind> = {
    Namespace: SymbolKind.Namespace,
    Event: SymbolKind.Event,
    Object: SymbolKind.Object,
    Field: SymbolKind.Field,
    Function: SymbolKind.Function,
    Module: SymbolKind.Module,
    Key: SymbolKind.Key,
  };
  return (name && kinds[name]) || SymbolKind.String;
}
