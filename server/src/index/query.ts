/**
 * The index's query API: what the LSP layer, the command-line tool and the timeline ask of the
 * workspace index, without knowing how it stores anything. Given a key, the entity it belongs to
 * (all its names, with the evidence of each link); given an entity, the lines naming it with their
 * instants, including the files not indexed yet, which are searched as text with the live format
 * registry (built-in and user formats). Plain Node: no LSP type appears here.
 */
import { extractEntities } from '../entities/extract';
import type { EntityLink, EntityOccurrence } from '../entities/types';
import { spellingsOfKey } from '../entities/vocabulary';
import type { FormatRegistry } from '../formats/registry';
import { MAX_GROUP, type LinkEvidence } from './aliases';
import type { ScanHit, ScanResult, ScanTarget } from './coldScan';
import { HitSet } from './hitSet';
import type { Extract } from './indexer';
import type { IndexPool } from './pool';
import { runScan, type ScanRequest } from './scanCheck';
import { LINE_MASK, NO_TIME } from './segment';
import { MAX_HITS, type Hit, type IndexedFile, type IndexProgress, type WorkspaceIndex } from './workspaceIndex';

export { MAX_HITS, type Hit, type IndexedFile, type IndexProgress } from './workspaceIndex';
export type { LinkEvidence } from './aliases';

/** Keys an entity has at most (`entityKeysInto` needs room for as many). */
export const MAX_ENTITY_KEYS = MAX_GROUP + 1;
export type { HitSet } from './hitSet';

/** An entity as a query names it: its keys, the ids of those the index knows, and their raw spellings. */
export interface EntityNames {
  /** All keys naming the entity (the one asked for first). */
  keys: string[];
  /** Key ids of the keys some indexed line names. */
  keyIds: number[];
  /** Literal spellings (at least 3 characters), for searching text the index has not read yet. */
  spellings: string[];
}

export interface FindOptions {
  /** Hits collected at most from the index (default MAX_HITS). */
  limit?: number;
  /** Hits kept at most from the text search of files not indexed yet (default `limit`). */
  searchLimit?: number;
  isCancelled?: () => boolean;
  /** How long to wait at most for the first workspace walk to list the files (ms). */
  listingWaitMs?: number;
}

/** What `find` found: the hits, and how many files not indexed yet were searched as text. */
export interface Found {
  set: HitSet;
  /** Files searched as text because the index has not read them (fully) yet; 0 when none. */
  searchedFiles: number;
}

export interface IndexQueryDeps {
  index: WorkspaceIndex;
  /** The live format registry (built-in and user formats), read at each search. */
  registry: () => FormatRegistry;
  /** The worker pool searches files not indexed yet; without one (or when it fails), this thread does. */
  pool?: IndexPool;
  /** The entity extractor (tests substitute their own). */
  extract?: Extract;
}

const LISTING_WAIT_MS = 10_000;

export class IndexQuery {
  private readonly extract: Extract;

  constructor(private readonly deps: IndexQueryDeps) {
    this.extract = deps.extract ?? extractEntities;
  }

  // ------------------------------------------------------------------------------------------
  // Entities and their names

  /** The key id of `key`, or -1 when no indexed file names it. */
  keyId(key: string): number {
    return this.deps.index.keyId(key);
  }

  /** The text of a key id. */
  keyText(keyId: number): string {
    return this.deps.index.keys.text(keyId);
  }

  /** Ids of all keys naming the same entity as `keyId` (itself first); none for -1. */
  entityKeys(keyId: number): number[] {
    return this.deps.index.entityKeys(keyId);
  }

  /**
   * The same into `out` (at least MAX_ENTITY_KEYS long), returning how many: no new array per key, for
   * questions about many keys at once.
   */
  entityKeysInto(keyId: number, out: Int32Array): number {
    return this.deps.index.entityKeysInto(keyId, out);
  }

  /**
   * The entity `key` names: the index's aliases of it, plus the links a record states (when the
   * key was found in one) that the index has not seen yet; with the spellings to search text for,
   * including how the record itself spells them.
   */
  entity(
    key: string,
    record?: { links: readonly EntityLink[]; occurrences: readonly EntityOccurrence[] },
  ): EntityNames {
    const index = this.deps.index;
    const keys = new Set<string>([key]);
    const ids = new Set<number>();
    const addKey = (k: string): void => {
      const id = index.keyId(k);
      if (id < 0) {
        keys.add(k);
        return;
      }
      for (const m of index.entityKeys(id)) {
        ids.add(m);
        keys.add(index.keys.text(m));
      }
    };
    addKey(key);
    // Links stated in this very record count even before the index has seen them. Once it has, its
    // entities already hold them, or keep them out (a room SocialMiner reused names no chat).
    for (const l of record?.links ?? []) {
      if (index.statesLink(l.a, l.b)) continue;
      if (keys.has(l.a) && !keys.has(l.b)) addKey(l.b);
      else if (keys.has(l.b) && !keys.has(l.a)) addKey(l.a);
    }
    const spellings = new Set<string>();
    for (const o of record?.occurrences ?? []) if (keys.has(o.key) && o.text.length >= 3) spellings.add(o.text);
    for (const k of keys) for (const s of spellingsOfKey(k)) spellings.add(s);
    return { keys: [...keys], keyIds: [...ids], spellings: [...spellings] };
  }

  /** Why the names of an entity belong together: the indexed records that link them. */
  linkEvidence(keyIds: readonly number[]): LinkEvidence[] {
    return this.deps.index.linkEvidence(keyIds);
  }

  /** Whether the key `keyId` starts with `prefix` (ASCII: `~` for internal keys, `contact:`...), without decoding it. */
  keyHasPrefix(keyId: number, prefix: string): boolean {
    return this.deps.index.keys.hasPrefix(keyId, prefix);
  }

  /** Ids of keys containing `fragment` that some indexed line names, at most `limit`. */
  searchKeys(fragment: string, limit: number): number[] {
    return this.deps.index.searchKeys(fragment, limit);
  }

  // ------------------------------------------------------------------------------------------
  // Postings

  /** Indexed lines naming any of `keyIds` (in one file, or all), at most `limit`, with their instants. */
  postings(keyIds: readonly number[], options: { limit?: number; fileId?: number } = {}): HitSet {
    return this.deps.index.collect(keyIds, options.limit ?? MAX_HITS, options.fileId);
  }

  /**
   * Every posting of the keys `keys` accepts (asked once per key and segment), in one pass over the
   * index instead of one search per key: in one file (`fileId`) or all, on lines [fromLine, toLine)
   * only. `visit` gets the key, the line (zero-based), the record's instant (ms, NaN when unknown)
   * and the file; postings come per file, per segment, then by ascending key id and line. For
   * questions about many keys at once (the flow status of every chat and agent).
   */
  visitPostings(
    options: { fileId?: number; fromLine?: number; toLine?: number; keys?: (keyId: number) => boolean },
    visit: (keyId: number, line: number, instant: number, fileId: number) => void,
  ): void {
    const from = options.fromLine ?? 0;
    const to = options.toLine ?? Infinity;
    // The runs' walk over files and segments, with the lines outside [from, to) of the edge segments skipped.
    this.visitPostingRuns(options, options.keys ?? (() => true), (keyId, fileId, run) => {
      for (let i = 0; i < run.count; i++) {
        const line = run.line(i);
        if (line >= from && line < to) visit(keyId, line, run.instant(i), fileId);
      }
    });
  }

  /**
   * The same postings as `visitPostings`, a run of one key in one segment at a time: `visit` gets the key,
   * the file and a view of the run (`count` postings, `line(i)` and `instant(i)`), valid during the call
   * only. Many times cheaper than a call per posting for millions of postings. With `fromLine`/`toLine`,
   * only the segments overlapping [fromLine, toLine) are visited, whole: the caller skips the other lines.
   */
  visitPostingRuns(
    options: { fileId?: number; fromLine?: number; toLine?: number },
    keys: (keyId: number) => boolean,
    visit: (keyId: number, fileId: number, run: PostingRun) => void,
  ): void {
    const index = this.deps.index;
    const files =
      options.fileId !== undefined
        ? [index.file(options.fileId)].filter((f): f is IndexedFile => !!f)
        : index.allFiles();
    const from = options.fromLine ?? 0;
    const to = options.toLine ?? Infinity;
    const run = new PostingRun();
    for (const f of files)
      for (const seg of f.segments) {
        if (seg.endLine <= from || seg.firstLine >= to) continue;
        for (let j = 0; j < seg.keyIds.length; j++) {
          const k = seg.keyIds[j];
          if (!keys(k)) continue;
          run.set(seg, seg.keyStart[j], seg.keyStart[j + 1]);
          visit(k, f.id, run);
        }
      }
  }

  /** The same as objects, one per line (for small answers). */
  hits(keyIds: readonly number[], limit = MAX_HITS): { hits: Hit[]; truncated: boolean } {
    return this.deps.index.hits(keyIds, limit);
  }

  /** How many files name any of `keyIds`, counting no further than `enough`. */
  filesNaming(keyIds: readonly number[], enough: number): number {
    return this.deps.index.filesNaming(keyIds, enough);
  }

  /** Keys a file names with the first line naming each, in line order, at most `limit`. */
  keysInFile(fileId: number, limit: number): Array<{ keyId: number; line: number; column: number; length: number }> {
    return this.deps.index.keysInFile(fileId, limit);
  }

  /**
   * Every line naming the entity: the index's postings, plus a text search of the files it has not
   * read (fully) yet. Waits first for the first workspace walk to list the files (a walk, not the
   * indexing), or the answer would cover the open documents only.
   */
  async find(entity: EntityNames, options: FindOptions = {}): Promise<Found> {
    await this.whenListed(options.listingWaitMs ?? LISTING_WAIT_MS);
    const limit = options.limit ?? MAX_HITS;
    const set = this.postings(entity.keyIds, { limit });
    const searchedFiles = await this.searchUnindexed(entity, set, {
      limit: options.searchLimit ?? limit,
      ...(options.isCancelled ? { isCancelled: options.isCancelled } : {}),
    });
    return { set, searchedFiles };
  }

  /**
   * Searches the text of the files not indexed (fully) yet for the entity's spellings, checked by
   * the extractor and dated by the record model, and adds the hits to `into`. Returns how many files
   * were searched.
   */
  async searchUnindexed(
    entity: EntityNames,
    into: HitSet,
    options: { limit?: number; isCancelled?: () => boolean } = {},
  ): Promise<number> {
    const index = this.deps.index;
    const pending = index.unindexed();
    if (pending.length === 0) return 0;
    const request: ScanRequest = {
      targets: pending.map((u) => scanTargetOf(u.file, u.fromLine, u.fromByte, u.maxBytes)),
      needles: entity.spellings,
      keys: entity.keys,
      limit: options.limit ?? MAX_HITS,
      scanner: index.settingsInUse.scanner,
    };
    const isCancelled = options.isCancelled ?? (() => false);
    let found: ScanResult;
    try {
      found = this.deps.pool
        ? await this.deps.pool.scan(request, isCancelled)
        : await runScan(request, this.deps.registry(), this.extract, isCancelled);
    } catch {
      found = await runScan(request, this.deps.registry(), this.extract, isCancelled);
    }
    for (const h of found.hits)
      if (index.file(h.fileId)) into.pushFound(h.fileId, h.line, h.column, h.length, h.instant, h.birth);
    return pending.length;
  }

  /** Searches one text (a document the index does not hold as it is now) for the entity's names. */
  async searchText(text: string, name: string, entity: EntityNames, limit = MAX_HITS): Promise<ScanHit[]> {
    const found = await runScan(
      {
        targets: [{ fileId: 0, text, fromLine: 0, fromByte: 0, name }],
        needles: entity.spellings,
        keys: entity.keys,
        limit,
      },
      this.deps.registry(),
      this.extract,
    );
    return found.hits;
  }

  /** Indexes into `set` of its earliest `limit` hits, in time order, then by file name and line. */
  orderByTime(set: HitSet, limit: number): number[] {
    return set.orderByTime(limit, (fileId) => this.fileName(fileId));
  }

  /**
   * Which hit go to definition lands on for the name `keyId` (see `birthOfName`: the birth of that name in
   * the same file, else anywhere, else the entity's earliest birth), else the first hit in `order`; -1 when
   * there is none.
   */
  definitionHit(set: HitSet, order: readonly number[], keyId: number, near?: { fileId: number; line: number }): number {
    const pick = birthOfName(set, keyId, near, order);
    return pick >= 0 ? pick : order.length > 0 ? order[0] : -1;
  }

  /** At most `limit` hits in time order, the ones nearest `near` (its file, then its instant) kept first. */
  orderNear(set: HitSet, limit: number, near: { fileId: number | undefined; line: number; instant: number }): number[] {
    return set.orderNear(limit, near, (fileId) => this.fileName(fileId));
  }

  // ------------------------------------------------------------------------------------------
  // Files and progress

  file(fileId: number): IndexedFile | undefined {
    return this.deps.index.file(fileId);
  }

  fileByUri(uri: string): IndexedFile | undefined {
    return this.deps.index.fileByUri(uri);
  }

  /** Whether the index holds a file's current content in full (no job running on it). */
  isIndexed(file: IndexedFile): boolean {
    return !file.job && file.state === 'indexed';
  }

  /** A file's path, or its URI when it has none. */
  fileName(fileId: number): string {
    const f = this.deps.index.file(fileId);
    return f?.path ?? f?.uri ?? '';
  }

  /** Every file the index knows (indexed or not yet). */
  files(): IndexedFile[] {
    return this.deps.index.allFiles();
  }

  progress(): IndexProgress {
    return this.deps.index.progress();
  }

  /** Whether indexing work is queued or running. */
  get busy(): boolean {
    return this.deps.index.busy;
  }

  /** Resolves when no indexing work is queued or running. */
  whenIdle(): Promise<void> {
    return this.deps.index.whenIdle();
  }

  /** Called when answers may have changed (a segment arrived, a file changed or went); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.deps.index.onChange(listener);
  }

  /** Resolves once the workspace is listed, or after `maxWaitMs`. */
  async whenListed(maxWaitMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.deps.index.whenListed(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs))),
    ]);
    clearTimeout(timer);
  }
}

/** Where an entity is born: its earliest birth among the hits (the first in `order` when given), or -1. */
/**
 * Where the name `keyId` was born, the one definition rule of every answer (go to definition, the
 * hover's "born at", workspace symbols): an entity with several names (a chat's contact id, room and
 * session; an agent's SkillTargetID, peripheral number and ECE user) has one birth per name, and the
 * name under the cursor goes first.
 *
 * 1. A birth of that name in the document at `here` (ids like InvokeIDs are unique per connection
 *    only): the last one at or before the line, and of several at that instant the first line (a
 *    CTI Server prints a request as `MsgType:..._IND (InvokeID:0x...)` and then again as
 *    `SendARMMsg -- InvokeID = <decimal>` at the same millisecond: the request line is the birth);
 *    else the first one after the line.
 * 2. Else the earliest birth of that name anywhere.
 * 3. Else the entity's earliest birth under any name.
 * Returns an index into `set`, or -1.
 */
export function birthOfName(
  set: HitSet,
  keyId: number,
  here?: { fileId: number; line: number },
  order?: readonly number[],
): number {
  if (here) {
    let before = -1;
    let after = -1;
    for (let i = 0; i < set.count; i++) {
      if (!set.births[i] || set.keyIds[i] !== keyId || set.fileIds[i] !== here.fileId) continue;
      if (set.lines[i] <= here.line) {
        if (before < 0 || set.lines[i] > set.lines[before]) before = i;
      } else if (after < 0 || set.lines[i] < set.lines[after]) after = i;
    }
    if (before >= 0) {
      // Earlier lines of the same instant hold the same request, printed first.
      const instant = set.instants[before];
      if (instant === instant) {
        for (let i = 0; i < set.count; i++) {
          if (!set.births[i] || set.keyIds[i] !== keyId || set.fileIds[i] !== here.fileId) continue;
          if (set.lines[i] < set.lines[before] && set.instants[i] === instant) before = i;
        }
      }
      return before;
    }
    if (after >= 0) return after;
  }
  let best = -1;
  for (let i = 0; i < set.count; i++) {
    if (!set.births[i] || set.keyIds[i] !== keyId) continue;
    if (
      best < 0 ||
      set.instants[i] < set.instants[best] ||
      (set.instants[best] !== set.instants[best] && set.instants[i] === set.instants[i])
    )
      best = i;
  }
  if (best >= 0) return best;
  return earliestBirth(set, order);
}

export function earliestBirth(set: HitSet, order?: readonly number[]): number {
  if (order) {
    for (const i of order) if (set.births[i]) return i;
  }
  let best = -1;
  for (let i = 0; i < set.count; i++) {
    if (!set.births[i]) continue;
    if (best < 0 || (set.instants[i] === set.instants[i] && !(set.instants[best] <= set.instants[i]))) best = i;
  }
  return best;
}

/** What the text search needs of a file: its text while edited, else its path, from where it is not indexed. */
function scanTargetOf(f: IndexedFile, fromLine: number, fromByte: number, maxBytes?: number): ScanTarget {
  const dirty = f.document?.dirty === true && f.document.text !== undefined;
  const formatId = f.formatId ?? f.document?.formatId;
  return {
    fileId: f.id,
    ...(dirty ? { text: f.document!.text! } : f.path ? { path: f.path } : {}),
    fromLine: dirty ? 0 : fromLine,
    fromByte: dirty ? 0 : fromByte,
    ...(maxBytes !== undefined && !dirty ? { maxBytes } : {}),
    name: f.path ?? f.uri,
    ...(formatId ? { formatId } : {}),
    ...(f.mtimeMs ? { fileDateMs: f.mtimeMs } : {}),
    size: dirty ? f.document!.text!.length : f.size,
    ...(!dirty && f.textBytes > 0 ? { textBytes: f.textBytes } : {}),
  };
}

/** A run of postings of one key in one segment (`IndexQuery.visitPostingRuns`). */
export class PostingRun {
  count = 0;
  private from = 0;
  // Typed from the start: the accesses below stay monomorphic (a plain array here slowed every posting).
  private lines: ArrayLike<number> = new Uint32Array(0);
  private times: ArrayLike<number> = new Uint32Array(0);
  private timeBase = 0;
  private timeScale = 1;

  set(
    seg: { lines: ArrayLike<number>; times: ArrayLike<number>; timeBase: number; timeScale: number },
    from: number,
    to: number,
  ): void {
    this.lines = seg.lines;
    this.times = seg.times;
    this.timeBase = seg.timeBase;
    this.timeScale = seg.timeScale;
    this.from = from;
    this.count = to - from;
  }

  /** Line (zero-based) of the i-th posting. */
  line(i: number): number {
    return this.lines[this.from + i] & LINE_MASK;
  }

  /** Instant (ms) of the i-th posting's record, NaN when unknown. */
  instant(i: number): number {
    const t = this.times[this.from + i];
    return t === NO_TIME ? NaN : this.timeBase + t * this.timeScale;
  }
}
