/**
 * The timeline of one entity: every line of the workspace index naming any of its names, ordered by
 * absolute instant (corrected by `ccLogs.clockOffsets`), then file and line, one page at a time.
 * Each event gets its lane, severity, summary, stamp as written with the assumptions that placed
 * it, the name it carries and, for InvokeIDs, the other side of its request/response pair. Plain
 * Node: the language server and the `cclogs` tool use it alike.
 */
import * as path from 'node:path';
import {
  DEFAULT_TIMELINE_LIMIT,
  MAX_TIMELINE_LIMIT,
  type ClockFinding,
  type TimelineAnswer,
  type TimelineEntity,
  type TimelineEntityItem,
  type TimelineEvent,
  type TimelineFlow,
  type TimelinePair,
  type TimelineResult,
} from '../../../protocol/timelineTypes';
import { extractEntities } from '../entities/extract';
import type { FormatRegistry } from '../formats/registry';
import { HitSet, NO_KEY } from '../index/hitSet';
import type { Extract } from '../index/indexer';
import type { EntityNames, IndexedFile, IndexQuery } from '../index/query';
import { clockFindings, clockRuleFor, type ClockRule, type ExchangeLine } from './clock';
import { essenceOf, laneOf, messageOf, type LaneOf } from './lanes';
import { kindLabel, parseKey } from '../entities/vocabulary';
import { entityKind, resolveId, shortLabel } from './names';
import { sameStepFindings, stepsOf, type LineStep, type StepLine } from './sameSteps';
import type { RecordSource, RecordView } from './recordSource';

export const DEFAULT_LIMIT = DEFAULT_TIMELINE_LIMIT;
export const MAX_LIMIT = MAX_TIMELINE_LIMIT;
/** Lines of one entity collected at most (a media routing domain is named everywhere). */
export const MAX_COLLECT = 5_000_000;
/** Lines of one InvokeID looked at for its pair and for clock findings. */
const MAX_EXCHANGE_LINES = 64;
/** A response further than this from its request is not taken as its answer (InvokeIDs wrap). */
const PAIR_WINDOW_MS = 10 * 60 * 1000;
const MAX_NAMES_IN_SUMMARY = 4;
/** Lines kept at most from the text search of files not indexed yet. */
const MAX_SEARCHED = 100_000;
/** InvokeIDs whose exchange lines are kept across requests. */
const MAX_KEPT_EXCHANGES = 50_000;
/** Words of a message that answers a request (MEDIA_LOGIN_RESP, FAILURE_CONF, MediaLoginResp...). */
const RESPONSE_WORDS = /RESP|Resp|_CONF\b|\bACK\b/;

/** Steps of flows over a timeline, registered by the flows module. */
export type FlowProvider = (entity: TimelineEntity, events: readonly TimelineEvent[]) => TimelineFlow[];

export interface TimelineDeps {
  /** The index's query API (entities, postings, the text search of files not indexed yet). */
  query: IndexQuery;
  records: RecordSource;
  registry: () => FormatRegistry;
  clockRules?: () => readonly ClockRule[];
  extract?: Extract;
}

export interface TimelineOptions {
  offset?: number;
  limit?: number;
  flowId?: string;
}

interface FileClock {
  host?: string;
  lane?: string;
  rule?: ClockRule;
}

/** A line of an InvokeID's exchange, as `pairs` compares them. */
type ExchangeSide = ExchangeLine & { fileId: number; recordLine: number; lane: string; summary: string };

/** What the timeline derives from one record, kept with the record's view. */
interface Derived {
  lane: LaneOf;
  summary: string;
  invokeIds: string[];
  /** The steps it logs that another host logs too (`sameSteps.json`). */
  steps: Array<LineStep | undefined>;
}

/** What "Show Timeline" offers: each kind, the key prefix of its names, and which name to show first. */
const PICKABLE = [
  { kind: 'chat', prefix: 'contact:', label: 'Chat', main: ['contact:'] },
  { kind: 'agent', prefix: 'agent:', label: 'Agent', main: ['agent:icm:', 'agent:'] },
  {
    kind: 'call',
    prefix: 'call:',
    label: 'Call',
    main: ['call:guid:', 'call:uccx:', 'call:gcid:', 'call:rck:', 'call:'],
  },
] as const;

export class TimelineService {
  private readonly derived = new WeakMap<RecordView, Derived>();
  private readonly extract: Extract;
  private flowProvider: FlowProvider | undefined;
  private readonly fileClocks = new Map<string, FileClock>();
  /** Lines of InvokeIDs looked at for pairs, by key, with what the index gave when they were read. */
  private readonly exchanges = new Map<string, { changes: number; lines: ExchangeSide[] }>();

  /** Counts the index's changes: what was derived from its answers is kept while it stays the same. */
  private indexChanges = 0;

  constructor(private readonly deps: TimelineDeps) {
    this.extract = deps.extract ?? extractEntities;
    deps.query.onChange(() => this.indexChanges++);
  }

  /** The flows module registers how it finds a flow's steps in a timeline. */
  setFlowProvider(provider: FlowProvider | undefined): void {
    this.flowProvider = provider;
  }

  /** Forget what was read from files (settings changed, index rebuilt). */
  clear(): void {
    this.fileClocks.clear();
    this.exchanges.clear();
    this.deps.records.clear();
  }

  /** The timeline of the entity an ID (any spelling the index knows) names, or why there is none. */
  async forId(id: string, options: TimelineOptions = {}): Promise<TimelineAnswer> {
    const keys = resolveId(this.deps.query, id);
    if (keys.length === 0)
      return {
        error: `No indexed log line names "${id.slice(0, 200)}". Check the spelling (a contact id, a chat room, an agent's id, peripheral number or user id, an InvokeID...) and that the log files are in the workspace (ccLogs.index.include).`,
      };
    const query = this.deps.query;
    return this.forEntity(query.entity(query.keyText(keys[0])), options);
  }

  /**
   * The timeline of an entity (its names as the index query gives them, the one asked for first):
   * the index's lines, and those of files not indexed yet found by a text search.
   */
  async forEntity(entity: EntityNames, options: TimelineOptions = {}): Promise<TimelineResult> {
    const query = this.deps.query;
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const members = [...entity.keyIds];
    const notes: string[] = [];
    const found = await query.find(entity, { limit: MAX_COLLECT, searchLimit: MAX_SEARCHED });
    const collected = found.set;
    if (found.searchedFiles > 0)
      notes.push(
        `${found.searchedFiles} file(s) not indexed yet were searched as text for ${entity.spellings.length} spelling(s) of the names.`,
      );
    if (collected.truncated)
      notes.push(`More than ${MAX_COLLECT} lines name this entity: only the first ${MAX_COLLECT} found are ordered.`);
    const set = uniqueLines(collected);
    const corrections = await this.applyClockRules(set);
    const order = query.orderByTime(set, Math.min(set.count, offset + limit)).slice(offset, offset + limit);

    // Read the records of the page, file by file.
    const byFile = new Map<number, number[]>();
    for (const i of order) {
      const list = byFile.get(set.fileIds[i]);
      if (list) list.push(set.lines[i]);
      else byFile.set(set.fileIds[i], [set.lines[i]]);
    }
    const views = new Map<number, Map<number, RecordView>>();
    const vanished: string[] = [];
    for (const [fileId, lines] of byFile) {
      const f = query.file(fileId);
      const v = f ? await this.deps.records.read(f, lines) : undefined;
      if (v) views.set(fileId, v);
      else vanished.push(f ? baseName(f) : `file #${fileId}`);
    }

    const events: TimelineEvent[] = [];
    /** `lineKey(fileId, line)` → index of the event holding it (a record whose several lines name the entity is one event). */
    const where = new Map<number, number>();
    const byRecord = new Map<number, number>();
    /** The page's timed records, for the steps two hosts both log (`sameSteps.json`). */
    const stepLines: StepLine[] = [];
    let dropped = 0;
    order.forEach((i, k) => {
      const f = query.file(set.fileIds[i]);
      const v = views.get(set.fileIds[i])?.get(set.lines[i]);
      if (!f || !v) {
        dropped++;
        return;
      }
      const rk = lineKey(f.id, v.recordLine);
      const known = byRecord.get(rk);
      if (known !== undefined) {
        where.set(lineKey(f.id, set.lines[i]), known);
        return;
      }
      const key = set.keyIds[i] === NO_KEY ? entity.keys[0] : query.keyText(set.keyIds[i]);
      const ev = this.event(offset + k, f, set, i, v, key, corrections.get(f.id));
      if (ev.instant)
        stepLines.push({
          lane: ev.lane,
          ...(ev.host ? { host: ev.host } : {}),
          instant: Date.parse(ev.instant),
          ...(ev.clockCorrection ? { correctionMs: ev.clockCorrection.ms } : {}),
          text: v.text,
          uri: ev.uri,
          line: ev.line,
          steps: this.derive(v, ev.file).steps,
        });
      byRecord.set(rk, ev.index);
      where.set(lineKey(f.id, set.lines[i]), ev.index);
      events.push(ev);
    });
    if (vanished.length > 0)
      notes.push(
        `${dropped} event(s) were dropped: ${vanished.length} file(s) could not be read any more (${vanished.slice(0, 5).join(', ')}${vanished.length > 5 ? '...' : ''}); they vanished or changed since they were indexed.`,
      );
    const noInstant = countNoInstant(set);
    if (noInstant > 0)
      notes.push(
        `${noInstant} line(s) have no instant (no time stamp could be read): they come after the timed ones, in file and line order.`,
      );
    const p = query.progress();
    if (p.running)
      notes.push(
        `The log index is still being built (${p.filesDone} of ${p.filesTotal} files): the timeline may grow.`,
      );

    const clock = await this.pairs(events, where, views);
    const described = this.entity(entity, members);
    const result: TimelineResult = {
      entity: described,
      events,
      total: set.count,
      offset,
      limit,
      notes,
      clockFindings: mergeFindings(sameStepFindings(stepLines), clock),
      lanes: [...new Set(events.map((e) => e.lane))],
    };
    if (this.flowProvider) {
      try {
        const flows = this.flowProvider(described, events);
        result.flows = options.flowId ? flows.filter((f) => f.flowId === options.flowId) : flows;
      } catch (e) {
        notes.push(`The flow steps could not be found: ${(e as Error).message}`);
      }
    }
    return result;
  }

  /**
   * The chats, agents and calls the index knows, for a quick pick: at most `limit` of each kind (or of
   * the one asked for), those named on the most lines first. With a `filter`, the entities one of whose
   * names contains it (case-insensitive), found by a search of every key, not only the first listed.
   */
  entities(filter = '', limit = 200, kind?: TimelineEntityItem['kind']): TimelineEntityItem[] {
    const query = this.deps.query;
    const groups = PICKABLE.filter((g) => !kind || g.kind === kind);
    const items = groups.map((): TimelineEntityItem[] => []);
    const seen = new Set<number>();
    /** Lists the entity of key `k` in its group (`only`, or the first whose names it holds), once. */
    const consider = (k: number, only?: number): void => {
      const members = query.entityKeys(k);
      const root = Math.min(...members);
      if (seen.has(root)) return;
      const names = members.map((m) => query.keyText(m));
      const at = only ?? groups.findIndex((g) => names.some((n) => n.startsWith(g.prefix)));
      const group = groups[at];
      if (!group || !names.some((n) => n.startsWith(group.prefix)) || items[at]!.length >= limit) return;
      seen.add(root);
      const { lines, files } = query.postings(members, { limit: 100_000 }).summary();
      const main =
        group.main.map((p) => names.find((n) => n.startsWith(p))).find((n) => n !== undefined) ?? query.keyText(k);
      items[at]!.push({
        id: main,
        kind: group.kind,
        // A call has many kinds of names: say which one the label shows (`Call: CUCM GlobalCallID 2238411`).
        label:
          group.kind === 'call'
            ? `${kindLabel(main)} ${parseKey(main).value}`
            : `${group.label} ${parseKey(main).value}`,
        detail: `${lines} line${lines === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; ${names
          .filter((n) => n !== main)
          .slice(0, 4)
          .map(
            (n) =>
              `${n.startsWith('call:') ? kindLabel(n).replace(/^Call: /, '') : shortLabel(n)} ${parseKey(n).value}`,
          )
          .join(', ')}`,
        lines,
      });
    };
    const f = filter.trim();
    // With a filter: one search of every key for it; each entity found goes to the first group it belongs to.
    if (f) for (const k of query.searchKeys(f, limit * 8)) consider(k);
    else
      groups.forEach((group, at) => {
        for (const k of query.searchKeys(group.prefix, limit * 8)) {
          consider(k, at);
          if (items[at]!.length >= limit) break;
        }
      });
    return items.flatMap((list) => list.sort((a, b) => b.lines - a.lines));
  }

  private event(
    index: number,
    f: IndexedFile,
    set: HitSet,
    i: number,
    v: RecordView,
    key: string,
    correction: FileClock | undefined,
  ): TimelineEvent {
    const name = baseName(f);
    const { lane, summary } = this.derive(v, name);
    const instant = set.instants[i];
    const rules = this.deps.clockRules?.() ?? [];
    const rule = (rules.length > 0 ? clockRuleFor(rules, f.path, lane.host, lane.lane) : undefined) ?? correction?.rule;
    const ev: TimelineEvent = {
      index,
      assumptions: v.time?.assumptions ?? [],
      uri: f.uri,
      line: set.lines[i],
      recordLine: v.recordLine,
      file: name,
      lane: lane.lane,
      product: lane.product,
      severity: v.severity,
      summary,
      nameKey: key,
      nameText: parseKey(key).value,
      birth: set.births[i] === 1,
    };
    if (instant === instant) {
      ev.instant = new Date(instant).toISOString();
      if (correction?.rule) {
        ev.writtenInstant = new Date(instant - correction.rule.ms).toISOString();
        ev.clockCorrection = { ms: correction.rule.ms, rule: `ccLogs.clockOffsets "${correction.rule.key}"` };
      } else if (rule && rule !== correction?.rule) {
        // The host is only known from this record: corrected for display, not for order.
        ev.writtenInstant = ev.instant;
        ev.instant = new Date(instant + rule.ms).toISOString();
        ev.clockCorrection = { ms: rule.ms, rule: `ccLogs.clockOffsets "${rule.key}"` };
      }
    } else ev.noInstant = true;
    if (v.stamp) ev.stamp = v.stamp;
    if (v.time) ev.offsetMinutes = v.time.offsetMinutes;
    if (lane.host) ev.host = lane.host;
    return ev;
  }

  /** Lane, summary and InvokeIDs of a record (once per record view). */
  private derive(v: RecordView, fileName: string): Derived {
    let d = this.derived.get(v);
    if (d) return d;
    const lane = laneOf(v.formatId, fileName, v.fields);
    let occurrences: Array<{ key: string; text: string; kind: string }>;
    try {
      const format = v.formatId ? this.deps.registry().byId(v.formatId) : undefined;
      occurrences = this.extract(v.text, v.formatId, format?.def.entities).occurrences;
    } catch {
      occurrences = [];
    }
    d = {
      lane,
      summary: this.summary(v, lane, occurrences),
      invokeIds: [...new Set(occurrences.filter((o) => o.kind === 'invokeId').map((o) => o.key))].slice(0, 2),
      steps: stepsOf(lane.lane, v.text),
    };
    this.derived.set(v, d);
    return d;
  }

  private summary(v: RecordView, lane: LaneOf, occurrences: ReadonlyArray<{ key: string; text: string }>): string {
    const essence = essenceOf(messageOf(v.message, v.text, lane), lane);
    let head = lane.code && !essence.startsWith(lane.code) ? `${lane.code}${essence ? `: ${essence}` : ''}` : essence;
    if (!head) head = v.message.slice(0, 80).trim();
    const names: string[] = [];
    const seen = new Set<string>();
    for (const o of occurrences) {
      if (seen.has(o.key) || head.includes(o.text)) continue;
      seen.add(o.key);
      const value = parseKey(o.key).value;
      names.push(`${shortLabel(o.key)} ${value.length > 14 ? `${value.slice(0, 8)}…` : value}`);
    }
    const extra = names.slice(0, MAX_NAMES_IN_SUMMARY);
    return extra.length > 0 ? `${head} (${extra.join(', ')}${names.length > extra.length ? ', …' : ''})` : head;
  }

  /**
   * Clock corrections by file: a glob rule, else a rule naming the host or lane of the file's first
   * line naming the entity. Applied to the instants before ordering.
   */
  private async applyClockRules(set: HitSet): Promise<Map<number, FileClock>> {
    const out = new Map<number, FileClock>();
    const rules = this.deps.clockRules?.() ?? [];
    if (rules.length === 0) return out;
    const firstLine = new Map<number, number>();
    for (let i = 0; i < set.count; i++) {
      const l = firstLine.get(set.fileIds[i]);
      if (l === undefined || set.lines[i] < l) firstLine.set(set.fileIds[i], set.lines[i]);
    }
    for (const [fileId, line] of firstLine) {
      const f = this.deps.query.file(fileId);
      if (!f) continue;
      const ck = `${f.uri}:${f.generation}:${f.size}`;
      let fc = this.fileClocks.get(ck);
      if (!fc) {
        fc = {};
        const v = (await this.deps.records.read(f, [line]))?.get(line);
        if (v) {
          const lane = laneOf(v.formatId, baseName(f), v.fields);
          fc.host = lane.host;
          fc.lane = lane.lane;
        }
        this.fileClocks.set(ck, fc);
      }
      const rule = clockRuleFor(rules, f.path, fc.host, fc.lane);
      out.set(fileId, { ...fc, ...(rule ? { rule } : {}) });
    }
    // One pass over the hits, whatever the number of files.
    for (let i = 0; i < set.count; i++) {
      const ms = out.get(set.fileIds[i])?.rule?.ms;
      if (ms) set.instants[i] += ms;
    }
    return out;
  }

  /** Request/response partners of the page's events, and the clock findings of their exchanges. */
  private async pairs(
    events: TimelineEvent[],
    where: ReadonlyMap<number, number>,
    pageViews: ReadonlyMap<number, ReadonlyMap<number, RecordView>>,
  ): Promise<ClockFinding[]> {
    const index = this.deps.query;
    const exchanges = new Map<string, ExchangeLine[]>();
    const byInvoke = new Map<string, TimelineEvent[]>();
    for (const ev of events) {
      const f = index.fileByUri(ev.uri);
      const v = f ? pageViews.get(f.id)?.get(ev.line) : undefined;
      if (!f || !v) continue;
      for (const id of this.derive(v, baseName(f)).invokeIds) {
        const list = byInvoke.get(id);
        if (list) list.push(ev);
        else byInvoke.set(id, [ev]);
      }
    }
    for (const [key, evs] of byInvoke) {
      const kid = index.keyId(key);
      if (kid < 0) continue;
      const lines = await this.exchangeLines(key, kid);
      const invokeId = parseKey(key).value;
      exchanges.set(invokeId, lines);
      for (const ev of evs) {
        const me = lines.find((l) => l.uri === ev.uri && l.recordLine === ev.recordLine);
        if (!me) continue;
        const near = (l: ExchangeLine): boolean =>
          !(me.instant === me.instant && l.instant === l.instant) || Math.abs(l.instant - me.instant) <= PAIR_WINDOW_MS;
        let other: ExchangeSide | undefined;
        if (me.birth) {
          const answers = lines.filter((l) => !l.birth && l !== me && near(l) && !(l.instant < me.instant));
          other =
            answers
              .filter((l) => l.fileId === me.fileId && l.recordLine > me.recordLine)
              .sort((a, b) => a.line - b.line)[0] ?? answers.sort((a, b) => a.instant - b.instant)[0];
        } else {
          const asks = lines.filter((l) => l.birth && l !== me && near(l));
          other =
            asks
              .filter((l) => l.fileId === me.fileId && l.recordLine < me.recordLine)
              .sort((a, b) => b.line - a.line)[0] ?? asks.sort((a, b) => a.instant - b.instant)[0];
        }
        if (!other) continue;
        const pair: TimelinePair = {
          role: me.birth ? 'request' : RESPONSE_WORDS.test(ev.summary) ? 'response' : 'related',
          invokeId,
          uri: other.uri,
          line: other.line,
          lane: other.lane,
          summary: other.summary,
          ...(other.instant === other.instant ? { instant: new Date(other.instant).toISOString() } : {}),
        };
        const at = where.get(lineKey(other.fileId, other.line));
        if (at !== undefined) pair.eventIndex = at;
        ev.pair = pair;
      }
    }
    return clockFindings(exchanges);
  }

  /**
   * The lines of the index naming InvokeID `key` (key id `kid`) (at most MAX_EXCHANGE_LINES), each with its lane,
   * host, summary and corrected instant. Kept until the index changes (a warm page asks, reads and derives
   * nothing for them); forgotten with the clock rules (`clear`).
   */
  private async exchangeLines(key: string, kid: number): Promise<ExchangeSide[]> {
    const index = this.deps.query;
    const known = this.exchanges.get(key);
    if (known && known.changes === this.indexChanges) return known.lines;
    const changes = this.indexChanges;
    const { hits } = index.hits([kid], MAX_EXCHANGE_LINES);
    const rules = this.deps.clockRules?.() ?? [];
    const hitViews = await this.readMany(hits);
    const lines: ExchangeSide[] = [];
    for (const h of hits) {
      const f = index.file(h.fileId);
      if (!f) continue;
      const v = hitViews.get(`${h.fileId}:${h.line}`);
      if (!v) continue;
      const { lane, summary } = this.derive(v, baseName(f));
      const rule = clockRuleFor(rules, f.path, lane.host, lane.lane);
      lines.push({
        host: lane.host ?? lane.lane,
        instant: h.instant + (rule?.ms ?? 0),
        uri: f.uri,
        line: h.line,
        birth: h.birth,
        fileId: f.id,
        recordLine: v.recordLine,
        lane: lane.lane,
        summary,
      });
    }
    if (this.exchanges.size >= MAX_KEPT_EXCHANGES) this.exchanges.delete(this.exchanges.keys().next().value!);
    this.exchanges.delete(key);
    this.exchanges.set(key, { changes, lines });
    return lines;
  }

  /** Record views of lines of several files, one read per file; keyed `fileId:line`. */
  private async readMany(lines: ReadonlyArray<{ fileId: number; line: number }>): Promise<Map<string, RecordView>> {
    const byFile = new Map<number, number[]>();
    for (const l of lines) {
      if (l.fileId < 0) continue;
      const list = byFile.get(l.fileId);
      if (list) list.push(l.line);
      else byFile.set(l.fileId, [l.line]);
    }
    const out = new Map<string, RecordView>();
    for (const [fileId, ls] of byFile) {
      const f = this.deps.query.file(fileId);
      const views = f ? await this.deps.records.read(f, ls) : undefined;
      for (const [line, v] of views ?? []) out.set(`${fileId}:${line}`, v);
    }
    return out;
  }

  private entity(names: EntityNames, members: readonly number[]): TimelineEntity {
    const query = this.deps.query;
    const keys = [...names.keys];
    const why = new Map<string, string[]>();
    for (const e of query.linkEvidence(members)) {
      const f = query.file(e.fileId);
      const sentence = `${e.why}${f ? ` (${baseName(f)}:${e.line + 1})` : ''}`;
      for (const k of [query.keyText(e.a), query.keyText(e.b)]) why.set(k, [...(why.get(k) ?? []), sentence]);
    }
    const askedKey = keys[0];
    const kind = entityKind(keys);
    const main =
      keys.find((k) => parseKey(k).kind === 'contact') ?? keys.find((k) => k.startsWith('agent:icm:')) ?? askedKey;
    const value = parseKey(main).value;
    const label =
      kind === 'chat'
        ? `Chat ${value.length > 12 ? `${value.slice(0, 8)}…` : value}`
        : kind === 'agent'
          ? `Agent ${value}`
          : `${kindLabel(main)} ${value}`;
    return {
      kind,
      label,
      names: keys.map((k) => ({
        key: k,
        text: parseKey(k).value,
        kind: kindLabel(k),
        why:
          k === askedKey
            ? 'the name asked for'
            : (why.get(k) ?? ['linked through the other names']).slice(0, 2).join('; '),
      })),
    };
  }
}

/**
 * Findings from the same steps two hosts log (an estimate) first; a finding from InvokeID exchanges (a
 * lower bound) only for hosts no estimate speaks of.
 */
function mergeFindings(sameStep: ClockFinding[], exchanges: ClockFinding[]): ClockFinding[] {
  const pair = (c: ClockFinding): string =>
    [c.host, c.reference]
      .map((h) => h.toLowerCase())
      .sort()
      .join('\u0000');
  const estimated = new Set(sameStep.map(pair));
  const bySize = (a: ClockFinding, b: ClockFinding): number => Math.abs(b.skewMs) - Math.abs(a.skewMs);
  return [...sameStep.sort(bySize), ...exchanges.filter((c) => !estimated.has(pair(c)))];
}

/** One hit per line (a line naming two names of the entity counts once). */
function uniqueLines(set: HitSet): HitSet {
  const n = set.count;
  if (n < 2) return set;
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) ids[i] = set.fileIds[i] * 2 ** 31 + set.lines[i];
  const sorted = ids.slice().sort();
  let dup: Set<number> | undefined;
  for (let i = 1; i < n; i++) if (sorted[i] === sorted[i - 1]) (dup ??= new Set()).add(sorted[i]);
  if (!dup) return set;
  const out = new HitSet(n);
  out.truncated = set.truncated;
  const kept = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (dup.has(ids[i])) {
      if (kept.has(ids[i])) {
        if (set.births[i]) {
          // keep the birth mark of a line named twice
          for (let j = out.count - 1; j >= 0; j--)
            if (out.fileIds[j] === set.fileIds[i] && out.lines[j] === set.lines[i]) {
              out.births[j] = 1;
              break;
            }
        }
        continue;
      }
      kept.add(ids[i]);
    }
    out.push(set.fileIds[i], set.lines[i], set.columns[i], set.instants[i], set.births[i] === 1, set.keyIds[i]);
  }
  return out;
}

function countNoInstant(set: HitSet): number {
  let n = 0;
  for (let i = 0; i < set.count; i++) if (set.instants[i] !== set.instants[i]) n++;
  return n;
}

const baseNames = new WeakMap<IndexedFile, string>();

export function baseName(f: IndexedFile): string {
  let name = baseNames.get(f);
  if (name === undefined) {
    const p = f.path ?? f.uri;
    name = path.basename(p.replace(/\\/g, '/'));
    baseNames.set(f, name);
  }
  return name;
}

/** One number for a line of a file (a map key). */
function lineKey(fileId: number, line: number): number {
  return fileId * 2 ** 31 + line;
}
