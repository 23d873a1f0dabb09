/**
 * Folding ranges (one per multi-line record) and document symbols (the outline entries a format
 * declares: dumplog date headers, ARM messages in ECE logs, rttest/opctest commands and their blocks).
 */
import { FoldingRange, FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { HEAD_LIMIT } from '../formats/compile';
import type { LogModel } from '../model/logModel';

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

export function documentSymbols(model: LogModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ depth: number; symbol: DocumentSymbol }> = [];
  const formats = model.formats.filter((f) => f.outline.length > 0);
  if (formats.length === 0) return roots;
  const text = model.text;
  let count = 0;
  for (let line = 0; line < model.lines.count && count < MAX_SYMBOLS; line++) {
    const s = model.lines.start(line);
    const e = model.lines.end(line);
    if (e === s) continue;
    const head = e - s > HEAD_LIMIT ? text.slice(0, s + HEAD_LIMIT) : text;
    for (const f of formats) {
      let matched = false;
      for (const o of f.outline) {
        o.sticky.lastIndex = s;
        const m = o.sticky.exec(head);
        if (!m) continue;
        const name =
          (o.def.name ?? '$&')
            .replace(/\$<(\w+)>|\$&/g, (_whole, g: string | undefined) => (g ? (m.groups?.[g] ?? '') : m[0]))
            .trim() || m[0].trim();
        const depth = o.def.depth ?? 0;
        const lineEnd = e - s;
        const symbol: DocumentSymbol = {
          name: name.slice(0, 200),
          kind: symbolKind(o.def.kind),
          range: { start: { line, character: 0 }, end: { line, character: lineEnd } },
          selectionRange: { start: { line, character: 0 }, end: { line, character: Math.min(lineEnd, m[0].length) } },
          children: [],
        };
        while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.symbol.children!.push(symbol);
        else roots.push(symbol);
        stack.push({ depth, symbol });
        count++;
        matched = true;
        break;
      }
      if (matched) break;
    }
  }
  extendRanges(roots, model.lines.count - 1, model);
  return roots;
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
