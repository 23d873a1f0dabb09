/**
 * The timeline over LSP: what `ccLogs/timeline`, `workspace/executeCommand` `ccLogs.timeline` (for
 * Neovim, Emacs...) and `ccLogs/timelineEntities` answer, and the hover line saying a record's time
 * was corrected by `ccLogs.clockOffsets`. `handlers.ts` registers them; the work is done by
 * `server/src/timeline/` (plain Node, shared with `cclogs`).
 */
import * as fs from 'node:fs';
import type { Position, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  isTimelineTarget,
  type TimelineAnswer,
  type TimelineEntityItem,
  type TimelineParams,
} from '../../../protocol/timeline';
import type { FormatRegistry } from '../formats/registry';
import { pathOfUri } from '../index/workspaceIndex';
import { escapeMarkdown } from '../render/markdown';
import { formatInstant } from '../time/timestamp';
import type { TimeOptions } from '../time/options';
import { clockRuleFor, type ClockRule } from '../timeline/clock';
import { laneOf } from '../timeline/lanes';
import { RecordSource } from '../timeline/recordSource';
import { TimelineService, type FlowProvider } from '../timeline/timeline';
import type { DocumentModels } from './documents';
import type { EntityNavigation } from './entityNavigation';
import type { IndexSession } from './indexSession';

/** Files the timeline reads for a position in a document that is not open, at most (bytes). */
const MAX_UNOPENED_BYTES = 64 * 1024 * 1024;
const LISTING_WAIT_MS = 10_000;

export interface TimelineLspDeps {
  documents: TextDocuments<TextDocument>;
  models: DocumentModels;
  session: IndexSession;
  navigation: EntityNavigation;
  registry: () => FormatRegistry;
  timeOptionsFor: (filePath: string | undefined) => TimeOptions;
}

export class TimelineLsp {
  readonly service: TimelineService;
  private rules: readonly ClockRule[] = [];

  constructor(private readonly deps: TimelineLspDeps) {
    const records = new RecordSource({
      registry: deps.registry,
      timeOptionsFor: deps.timeOptionsFor,
      documentText: (uri) => deps.documents.get(uri)?.getText(),
    });
    this.service = new TimelineService({
      query: deps.session.query,
      records,
      registry: deps.registry,
      clockRules: () => this.rules,
    });
  }

  /** The flows module registers how it finds steps in a timeline. */
  setFlowProvider(provider: FlowProvider | undefined): void {
    this.service.setFlowProvider(provider);
  }

  /** `ccLogs.clockOffsets` as the settings parsed it. */
  setClockRules(rules: readonly ClockRule[]): void {
    this.rules = rules;
    this.service.clear();
  }

  /** The chats, agents and calls of the workspace (the quick pick of "Show Timeline"). */
  entities(params: { filter?: unknown; limit?: unknown; kind?: unknown } | undefined): TimelineEntityItem[] {
    const limit =
      typeof params?.limit === 'number' && Number.isInteger(params.limit) && params.limit > 0 ? params.limit : 200;
    const kind =
      params?.kind === 'chat' || params?.kind === 'agent' || params?.kind === 'call' ? params.kind : undefined;
    return this.service.entities(typeof params?.filter === 'string' ? params.filter : '', Math.min(limit, 1000), kind);
  }

  /** The answer to `ccLogs/timeline` or `ccLogs.timeline`: a page, or a message saying why there is none. */
  async timeline(params: unknown): Promise<TimelineAnswer> {
    if (!isTimelineTarget(params))
      return {
        error:
          'ccLogs.timeline takes one argument: { "id": "<any ID>" } or { "uri": "<document>", "position": { "line": L, "character": C } }, with optional offset and limit.',
      };
    const p = params as TimelineParams;
    const options = {
      ...(Number.isInteger(p.offset) ? { offset: p.offset } : {}),
      ...(Number.isInteger(p.limit) ? { limit: p.limit } : {}),
      ...(typeof p.flowId === 'string' ? { flowId: p.flowId } : {}),
    };
    await this.deps.session.query.whenListed(LISTING_WAIT_MS);
    if ('id' in p) return this.service.forId(p.id, options);
    const doc = this.deps.documents.get(p.uri) ?? readDocument(p.uri);
    if (!doc) return { error: `Cannot read ${p.uri}: open it, or give an ID instead of a position.` };
    const at = await this.deps.navigation.locate(doc, p.position as Position);
    const where = `line ${p.position.line + 1}, column ${p.position.character + 1}`;
    if (!at)
      return {
        error: `No ID at ${where}: put the cursor on a contact id, chat room, session, agent id, peripheral number, ECE user id or InvokeID.`,
      };
    return this.service.forEntity(at, options);
  }

  /** A hover line when `ccLogs.clockOffsets` corrects the record at `position`: corrected and written time. */
  async clockHover(doc: TextDocument, position: Position): Promise<string | undefined> {
    if (this.rules.length === 0) return undefined;
    const model = await this.deps.models.near(doc, position.line);
    const r = model.recordAt(position.line);
    const rec = r >= 0 ? model.parseRecord(r) : undefined;
    if (!rec?.time) return undefined;
    const fields: Record<string, string> = {};
    for (const f of rec.fields) fields[f.name] ??= f.text;
    const file = pathOfUri(doc.uri) ?? doc.uri;
    const lane = laneOf(rec.format.id, file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1), fields);
    const rule = clockRuleFor(this.rules, pathOfUri(doc.uri), lane.host, lane.lane);
    if (!rule) return undefined;
    const written = rec.time.instant;
    const off = rec.time.offsetMinutes;
    return `**Clock corrected** by \`ccLogs.clockOffsets\` "${escapeMarkdown(rule.key)}" (${rule.ms >= 0 ? '+' : ''}${rule.ms} ms): corrected ${escapeMarkdown(formatInstant(written + rule.ms, off))}, written ${escapeMarkdown(formatInstant(written, off))}.`;
  }
}

/** A document the editor has not opened (a client asking by position in another file). */
export function readDocument(uri: string): TextDocument | undefined {
  const p = pathOfUri(uri);
  if (!p) return undefined;
  try {
    if (fs.statSync(p).size > MAX_UNOPENED_BYTES) return undefined;
    return TextDocument.create(uri, 'log', 0, fs.readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}
