/**
 * What a text search of files the index has not read yet needs to know about logs, without knowing
 * any log itself: how records begin in a file (its format's record-start patterns, found on its
 * first text), which occurrences of the wanted keys a record holds (the entity extractor), and the
 * instant of a line that holds one (the record model on that line).
 */
import { matchHeaderAt, matchPatternAt } from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';
import { detectFormat } from '../formats/sniff';
import { LogModel } from '../model/logModel';
import { scanLiterals, type RecordMatch, type ScanContext, type ScanResult, type ScanTarget } from './coldScan';
import type { Extract } from './indexer';

export interface ScanRequest {
  targets: ScanTarget[];
  /** Literal spellings to look for. */
  needles: string[];
  /** Keys whose occurrences count. */
  keys: string[];
  limit: number;
  /** The compiled scanner (default) or one native search per spelling (`ccLogs.index.scanner`). */
  scanner?: 'compiled' | 'javascript';
}

/** Runs a search request: spellings found, checked by the extractor, dated by the record model. */
export async function runScan(
  request: ScanRequest,
  registry: FormatRegistry,
  extract: Extract,
  isCancelled?: () => boolean,
): Promise<ScanResult> {
  const keys = new Set(request.keys);
  let problem: string | undefined;
  const result = await scanLiterals(
    request.targets,
    request.needles,
    (record, ctx) => matchesIn(extract, record, ctx, keys),
    {
      limit: request.limit,
      ...(request.scanner ? { scanner: request.scanner } : {}),
      onScannerProblem: (m) => (problem ??= m),
      ...(isCancelled ? { isCancelled } : {}),
      contextFor: (t, head) => scanContext(registry, t.name ?? t.path ?? '', head, t.formatId),
    },
  );
  if (problem) result.scannerProblem = problem;
  for (const h of result.hits) {
    const t = request.targets.find((x) => x.fileId === h.fileId);
    h.instant = lineInstant(registry, h.lineText, t?.formatId, t?.fileDateMs);
  }
  return result;
}

/** How records begin in a file searched as text: its format's record-start patterns, or plain lines. */
export function scanContext(
  registry: FormatRegistry,
  name: string,
  head: string,
  formatId: string | undefined,
): ScanContext {
  const format = (formatId ? registry.byId(formatId) : undefined) ?? detectFormat(registry, name, head)?.format;
  if (!format) return { isStart: (line) => line.length > 0 && !/^[ \t<]/.test(line) };
  return {
    formatId: format.id,
    ...(format.def.entities ? { entities: format.def.entities } : {}),
    isStart: (line) =>
      matchPatternAt(format, line, 0, line.length) >= 0 || matchHeaderAt(format, line, 0, line.length) >= 0,
  };
}

/** Occurrences of `keys` a record holds, found by the extractor. */
export function matchesIn(
  extract: Extract,
  record: string,
  ctx: ScanContext | undefined,
  keys: ReadonlySet<string>,
): RecordMatch[] {
  const out: RecordMatch[] = [];
  for (const o of extract(record, ctx?.formatId, ctx?.entities).occurrences) {
    if (keys.has(o.key)) out.push({ start: o.start, end: o.end, birth: o.birth === true, key: o.key });
  }
  return out;
}

/** Instant of a line found by text search: the record model on that line alone (NaN if none). */
export function lineInstant(
  registry: FormatRegistry,
  lineText: string,
  formatId: string | undefined,
  fileDateMs: number | undefined,
): number {
  try {
    const format = formatId ? registry.byId(formatId) : undefined;
    const model = LogModel.build(lineText.slice(0, 4096), {
      registry,
      ...(format ? { format } : {}),
      ...(fileDateMs ? { fileDate: new Date(fileDateMs) } : {}),
    });
    return model.recordCount > 0 ? model.instantOf(0) : NaN;
  } catch {
    return NaN;
  }
}
