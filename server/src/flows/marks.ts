/**
 * Flow markers in the index. While a file is indexed, each record is tested against the markers of
 * its format (one `indexOf` per marker literal, then the bounded pattern), and every marker found
 * becomes a posting of the key `~flow:<flow>:<step>:<marker>` (keys starting with `~` are internal: the index never offers them as names) on the record's first line. The
 * posting's length holds the number of lines of the record, so that the names the record holds
 * (postings of other keys on those lines) can be tied to the marker later without reading the file
 * again. The literals are also indexing anchors: records that name no entity but mark a step (the
 * browser's `chatroom_agent_joined`, rttest's `state = [..]`) are read too.
 */
import { entityAnchors, entityLiterals, extractEntities } from '../entities/extract';
import type { EntityOccurrence, Extraction } from '../entities/types';
import { matchPatternAt } from '../formats/compile';
import { grepContentStarts } from '../formats/grepPrefix';
import { builtinRegistry } from '../formats/registry';
import { literalAlternation } from '../util/regex';
import { builtinFlows } from './builtin';
import { MARK_READ_LIMIT, markerMatches } from './compile';
import type { CompiledFlow, CompiledMarker } from './types';

export const MARK_PREFIX = '~flow:';
/** Values a marker's pattern captures (named groups) are kept as `~val:<name>=<value>` postings on its record. */
export const VALUE_PREFIX = '~val:';
const MAX_VALUE = 120;
/** Longest record line count a marker posting can carry (the posting's length field). */
const MAX_SPAN = 4095;

interface FormatMarkers {
  markers: CompiledMarker[];
  literals: string[];
  /** Position in `literals` of each marker's literal (as `markers`). */
  literalOf: number[];
  /** Any of the literals: most records hold none, and one search says so. */
  search?: RegExp;
}

let byFormat: Map<string, FormatMarkers> | undefined;
let flowsInUse: readonly CompiledFlow[] | undefined;
/** Every marker literal of every format: one search tells whether a record of a mixed text may mark a step. */
let anyLiteral: RegExp | undefined;

function markersByFormat(flows: readonly CompiledFlow[]): Map<string, FormatMarkers> {
  if (byFormat && flowsInUse === flows) return byFormat;
  const map = new Map<string, FormatMarkers>();
  for (const f of flows)
    for (const m of f.markers) {
      let e = map.get(m.def.format);
      if (!e) map.set(m.def.format, (e = { markers: [], literals: [], literalOf: [] }));
      e.markers.push(m);
      if (!e.literals.includes(m.def.literal)) e.literals.push(m.def.literal);
      e.literalOf.push(e.literals.indexOf(m.def.literal));
    }
  for (const e of map.values()) e.search = literalAlternation(e.literals);
  byFormat = map;
  flowsInUse = flows;
  anyLiteral = literalAlternation([...map.values()].flatMap((e) => e.literals));
  return map;
}

/**
 * The markers a record of a text read line by line holds (a CVP Call Server log holds Call Server and
 * Reporting lines, grep output holds anything): the record's format is the marker format whose record
 * head its first line begins with (after a `file:line:` prefix too). One search for any marker literal
 * first, so records marking nothing cost one native search.
 */
function markersInMixed(text: string, flows: readonly CompiledFlow[]): CompiledMarker[] {
  const map = markersByFormat(flows);
  const any = anyLiteral!;
  any.lastIndex = 0;
  const head = text.length > 16_384 ? text.slice(0, 16_384) : text;
  if (!any.test(head)) return [];
  let lineEnd = text.indexOf('\n');
  if (lineEnd < 0) lineEnd = text.length;
  else if (lineEnd > 0 && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  const starts = [0, ...grepContentStarts(text, 0)];
  const out: CompiledMarker[] = [];
  const registry = builtinRegistry();
  for (const [formatId, e] of map) {
    if (!e.literals.some((l) => head.includes(l))) continue;
    const f = registry.byId(formatId);
    if (!f || !starts.some((at) => matchPatternAt(f, text, at, lineEnd) >= 0)) continue;
    for (const m of e.markers) if (markerMatches(m, text)) out.push(m);
  }
  return out;
}

/** The markers a record of `formatId` holds (the record's text as the indexer hands it). */
export function markersIn(text: string, formatId: string | undefined, flows = builtinFlows()): CompiledMarker[] {
  if (!formatId) return markersInMixed(text, flows);
  const e = markersByFormat(flows).get(formatId);
  if (!e) return [];
  e.search!.lastIndex = 0;
  if (!e.search!.test(text)) return [];
  const out: CompiledMarker[] = [];
  for (const m of e.markers) if (markerMatches(m, text)) out.push(m);
  return out;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n < MAX_SPAN; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** What a record marking no step holds (shared, never changed). */
const NO_MARKERS: CompiledMarker[] = [];

/**
 * The markers a record holds when the first place of each of their literals is known: `at[k]` for
 * the k-th literal of the format's markers (`-1`: not in the record); no search of the text for them.
 */
function markersAt(text: string, e: FormatMarkers, at: ArrayLike<number>, offset: number): CompiledMarker[] {
  let out: CompiledMarker[] | undefined;
  const markers = e.markers;
  for (let k = 0; k < markers.length; k++) {
    const m = markers[k]!;
    if (at[offset + e.literalOf[k]!]! < 0) continue;
    if (m.regex) {
      m.regex.lastIndex = 0;
      if (!m.regex.test(text.length > MARK_READ_LIMIT ? text.slice(0, MARK_READ_LIMIT) : text)) continue;
    }
    (out ??= []).push(m);
  }
  return out ?? NO_MARKERS;
}

const literalLists = new Map<string, readonly string[]>();

/**
 * The literals whose first places `extractWithMarks` can take from its caller (`literalsAt`): the
 * entity rules' literals, then the format's marker literals.
 */
export function literalsWithMarks(formatId?: string, entities?: readonly string[]): readonly string[] {
  const base = entityLiterals(formatId, entities);
  const key = `${formatId ?? ''}\u0000${entities ? entities.join(',') : '*'}`;
  let list = literalLists.get(key);
  if (!list || list.length < base.length) {
    const e = formatId ? markersByFormat(builtinFlows()).get(formatId) : undefined;
    literalLists.set(key, (list = e ? [...base, ...e.literals] : base));
  }
  return list;
}

/**
 * Entity extraction plus flow markers: the extractor the index workers run. `literalsAt`: where each
 * literal of `literalsWithMarks(formatId, entities)` first occurs in `text` (-1: nowhere), when known.
 */
export function extractWithMarks(
  text: string,
  formatId?: string,
  entities?: readonly string[],
  literalsAt?: ArrayLike<number>,
  literalsLast?: ArrayLike<number>,
): Extraction {
  const found = extractEntities(text, formatId, entities, literalsAt, literalsLast);
  const e = literalsAt && formatId ? markersByFormat(builtinFlows()).get(formatId) : undefined;
  const marks =
    literalsAt && e
      ? markersAt(text, e, literalsAt, entityLiterals(formatId, entities).length)
      : markersIn(text, formatId);
  if (marks.length === 0) return found;
  const span = Math.min(lineCount(text), text.length);
  const keys = new Set<string>();
  for (const m of marks) {
    keys.add(m.key);
    if (m.regex && m.def.pattern?.includes('(?<')) {
      m.regex.lastIndex = 0;
      const groups = m.regex.exec(text.length > 16_384 ? text.slice(0, 16_384) : text)?.groups;
      if (groups)
        for (const [name, value] of Object.entries(groups))
          if (value) keys.add(`${VALUE_PREFIX}${name}=${value.trim().slice(0, MAX_VALUE)}`);
    }
  }
  // Marks first: they start the record, and the indexer wants occurrences in text order.
  const occurrences: EntityOccurrence[] = [];
  for (const key of keys)
    occurrences.push({ kind: 'flowMark' as EntityOccurrence['kind'], key, text: '', start: 0, end: span });
  for (const o of found.occurrences) occurrences.push(o);
  return { occurrences, links: found.links };
}

const anchorCache = new Map<string, readonly string[]>();

/**
 * Entity anchors plus the marker literals of the format, without the literals that hold another of them (a
 * record holding `ALLOCATED Contact [` holds `Contact [`): the anchor search is one alternation of them all, and
 * its cost grows with their number.
 */
export function anchorsWithMarks(formatId?: string, entities?: readonly string[]): readonly string[] {
  const base = entityAnchors(formatId, entities);
  if (!formatId) return base;
  const e = markersByFormat(builtinFlows()).get(formatId);
  if (!e) return base;
  const key = `${formatId}\n${entities?.join('\n') ?? '*'}`;
  let out = anchorCache.get(key);
  if (!out) {
    const all = [...new Set([...base, ...e.literals])];
    out = all.filter((l) => !all.some((o) => o !== l && o.length < l.length && l.includes(o)));
    if (anchorCache.size > 256) anchorCache.clear();
    anchorCache.set(key, out);
  }
  return out;
}

/** Whether an index key is a flow marker (not a name of anything). */
export function isMarkKey(key: string): boolean {
  return key.startsWith(MARK_PREFIX);
}
