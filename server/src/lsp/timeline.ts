/**
 * The timeline over LSP: the request `ccLogs/timeline` and the same through
 * `workspace/executeCommand` `ccLogs.timeline` (for Neovim, Emacs...), the list of chats and agents
 * for the quick pick, the `ccLogs.clockOffsets` setting, and the hover line saying a record's time
 * was corrected. The work is done by `server/src/timeline/` (plain Node, shared with `cclogs`).
 */
import * as fs from 'node:fs';
import type { Connection, Position, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  isTimelineTarget,
  TIMELINE_COMMAND,
  TimelineEntitiesRequest,
  TimelineRequest,
  type TimelineAnswer,
  type TimelineParams,
} from '../../../protocol/timeline';
import type { FormatRegistry } from '../formats/registry';
import { pathOfUri } from '../index/workspaceIndex';
import { escapeMarkdown } from '../render/markdown';
import { formatInstant } from '../time/timestamp';
import { clockRuleFor, clockRulesFrom, type ClockRule } from '../timeline/clock';
import { laneOf } from '../timeline/lanes';
import { RecordSource } from '../timeline/recordSource';
import { TimelineService, type FlowProvider } from '../timeline/timeline';
import type { DocumentModels } from './documents';
import type { Navigation } from './navigation';

/** Files the timeline reads for a position in a document that is not open, at most (bytes). */
const MAX_UNOPENED_BYTES = 64 * 1024 * 1024;

export class TimelineLsp {
  readonly service: TimelineService;
  private rules: ClockRule[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly navigation: Navigation,
    private readonly deps: { models: DocumentModels; registry: () => FormatRegistry },
  ) {
    const records = new RecordSource({
      registry: deps.registry,
      timeOptionsFor: (p) => navigation.timeOptionsOf(p),
      documentText: (uri) => documents.get(uri)?.getText(),
    });
    this.service = new TimelineService({
      index: navigation.index,
      records,
      registry: deps.registry,
      clockRules: () => this.rules,
    });
    navigation.commands.set(TIMELINE_COMMAND, (args) => this.timeline(args[0]));
    navigation.index.onChange(() => records.clear());
  }

  /** The flows module registers how it finds steps in a timeline. */
  setFlowProvider(provider: FlowProvider | undefined): void {
    this.service.setFlowProvider(provider);
  }

  /** New `ccLogs.clockOffsets` (raw setting value). */
  setClockOffsets(raw: unknown): void {
    const { rules, problems } = clockRulesFrom(raw);
    this.rules = rules;
    for (const p of problems) this.connection.console.warn(p);
    this.service.clear();
  }

  listen(): void {
    const c = this.connection;
    c.onRequest(TimelineRequest.type, (p) =>
      this.deps.models
        .answer(() => this.timeline(p))
        .catch((e: unknown) => {
          c.console.error(`timeline failed: ${(e as Error).stack ?? String(e)}`);
          return { error: `The timeline failed: ${(e as Error).message}` };
        }),
    );
    c.onRequest(TimelineEntitiesRequest.type, (p) => {
      try {
        return this.service.entities(typeof p?.filter === 'string' ? p.filter : '', clampLimit(p?.limit));
      } catch (e) {
        c.console.error(`timeline entities failed: ${(e as Error).stack ?? String(e)}`);
        return [];
      }
    });
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
    await this.navigation.whenListed();
    if ('id' in p) return this.service.forId(p.id, options);
    const doc = this.documents.get(p.uri) ?? readDocument(p.uri);
    if (!doc) return { error: `Cannot read ${p.uri}: open it, or give an ID instead of a position.` };
    const at = await this.navigation.service.locate(doc, p.position as Position);
    const where = `line ${p.position.line + 1}, column ${p.position.character + 1}`;
    if (!at)
      return {
        error: `No ID at ${where}: put the cursor on a contact id, chat room, session, agent id, peripheral number, ECE user id or InvokeID.`,
      };
    if (at.keyIds.length === 0)
      return {
        error: `${at.occurrence.text} (${at.occurrence.key}) is not in the log index yet: wait for indexing to finish, or check ccLogs.index.include.`,
      };
    const asked = this.navigation.index.keyId(at.occurrence.key);
    return this.service.forKeys(asked >= 0 ? [asked, ...at.keyIds] : at.keyIds, options);
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

function clampLimit(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? Math.min(v, 1000) : 200;
}

/** A document the editor has not opened (a client asking by position in another file). */
function readDocument(uri: string): TextDocument | undefined {
  const p = pathOfUri(uri);
  if (!p) return undefined;
  try {
    if (fs.statSync(p).size > MAX_UNOPENED_BYTES) return undefined;
    return TextDocument.create(uri, 'log', 0, fs.readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}
