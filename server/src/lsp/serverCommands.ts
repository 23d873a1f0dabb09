/**
 * The server's commands (`workspace/executeCommand`), which any LSP editor can run: `ccLogs.timeline`,
 * `ccLogs.flows` and `ccLogs.rebuildIndex`. A command about "the ID at the cursor" takes the cursor in
 * either shape editors send (`cursorArgument`, protocol/editors.ts): `{ uri, position }` (the Neovim and
 * Emacs recipes, VS Code) or `{ textDocument: { uri }, position }` (Sublime Text's
 * `$text_document_position`). `handlers.ts` routes the request here; the work is done by the timeline
 * (`timeline.ts`) and the flow service (`server/src/flows/`).
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FLOWS_COMMAND, REBUILD_INDEX_COMMAND, TIMELINE_COMMAND } from '../../../protocol/commands';
import { cursorArgument, type CursorArgument, type FlowsCommandAnswer } from '../../../protocol/editors';
import type { FlowSubject } from '../../../protocol/flowTypes';
import type { TimelineAnswer } from '../../../protocol/timeline';
import type { FlowService } from '../flows/service';
import { resolveId } from '../timeline/names';
import type { EntityNavigation } from './entityNavigation';
import type { IndexSession } from './indexSession';
import { readDocument, type TimelineLsp } from './timeline';

/** Every command the server runs, as `executeCommandProvider` announces them. */
export const SERVER_COMMANDS = [REBUILD_INDEX_COMMAND, TIMELINE_COMMAND, FLOWS_COMMAND];

const LISTING_WAIT_MS = 10_000;
/** Chats and agents of one page of the list (`ccLogs.flows` without a cursor or an ID), by default and at most. */
const DEFAULT_LIST = 200;
const MAX_LIST = 2000;

export interface ServerCommandDeps {
  documents: TextDocuments<TextDocument>;
  session: IndexSession;
  navigation: EntityNavigation;
  timeline: TimelineLsp;
  flows: FlowService;
}

export class ServerCommands {
  constructor(private readonly deps: ServerCommandDeps) {}

  /** The answer of `workspace/executeCommand`; null for a command that has none (or an unknown one). */
  async execute(
    command: string,
    args: readonly unknown[] | undefined,
  ): Promise<TimelineAnswer | FlowsCommandAnswer | null> {
    const arg = args?.[0];
    switch (command) {
      case REBUILD_INDEX_COMMAND:
        await this.deps.session.rebuild();
        return null;
      case TIMELINE_COMMAND:
        return this.deps.timeline.timeline(timelineTarget(arg));
      case FLOWS_COMMAND:
        return this.flows(arg);
      default:
        return null;
    }
  }

  /** `ccLogs.flows`: the chat or agent at a cursor or named by an ID, or all of them. */
  async flows(arg: unknown): Promise<FlowsCommandAnswer> {
    const service = this.deps.flows;
    await this.deps.session.query.whenListed(LISTING_WAIT_MS);
    const indexing = service.index.busy;
    if (arg === undefined || arg === null || isListArgument(arg)) {
      // Every chat and agent (a bundle holds thousands): a page at a time.
      const o = (arg ?? {}) as { brokenOnly?: unknown; offset?: unknown; limit?: unknown };
      const all = service.snapshot().subjects;
      const chosen = o.brokenOnly === true ? all.filter((s) => s.outcome === 'broken') : all;
      const offset = isCount(o.offset) ? o.offset : 0;
      const limit = isCount(o.limit) && o.limit > 0 ? Math.min(o.limit, MAX_LIST) : DEFAULT_LIST;
      return { subjects: chosen.slice(offset, offset + limit), indexing, total: chosen.length, offset };
    }
    const cursor = cursorArgument(arg);
    const id = (arg as { id?: unknown }).id;
    let keys: string[];
    let what: string;
    if (cursor) {
      const doc = this.deps.documents.get(cursor.uri) ?? readDocument(cursor.uri);
      if (!doc) return { error: `Cannot read ${cursor.uri}: open it, or give an ID instead of a position.` };
      const at = await this.deps.navigation.locate(doc, cursor.position);
      const where = `line ${cursor.position.line + 1}, column ${cursor.position.character + 1}`;
      if (!at)
        return {
          error: `No ID at ${where}: put the cursor on a contact id, chat room, session, agent id, peripheral number, ECE user id or InvokeID.`,
        };
      keys = at.keys;
      what = at.keys[0] ?? where;
    } else if (typeof id === 'string' && id.length > 0 && id.length < 1024) {
      const query = this.deps.session.query;
      keys = [id, ...resolveId(query, id).map((k) => query.keyText(k))];
      what = `"${id.slice(0, 200)}"`;
    } else {
      return {
        error:
          'ccLogs.flows takes at most one argument: { "uri": "<document>", "position": { "line": L, "character": C } } (or { "textDocument": { "uri": … }, "position": … }), { "id": "<any ID>" }, or { "brokenOnly": true, "offset": 0, "limit": 200 } for the list.',
      };
    }
    const subjects: FlowSubject[] = [];
    for (const k of keys) {
      const s = service.subject(k);
      if (s && !subjects.includes(s)) subjects.push(s);
    }
    if (subjects.length === 0)
      return {
        error: `${what} is not a chat or an agent the flows follow${indexing ? ' (the index is still being built: try again)' : ''}. Put the cursor on a contact id, chat room, agent id, peripheral number or ECE user id.`,
      };
    return { subjects, indexing };
  }
}

/** `{ brokenOnly, offset, limit }` (any of them, or an empty object): the list of every chat and agent. */
function isListArgument(arg: unknown): boolean {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return false;
  return Object.keys(arg).every((k) => k === 'brokenOnly' || k === 'offset' || k === 'limit');
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** The timeline's argument with a cursor of either shape as `{ uri, position }` (paging options kept). */
function timelineTarget(arg: unknown): unknown {
  const cursor: CursorArgument | undefined = cursorArgument(arg);
  if (!cursor) return arg;
  const { offset, limit, flowId } = arg as { offset?: unknown; limit?: unknown; flowId?: unknown };
  return {
    ...cursor,
    ...(offset !== undefined ? { offset } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(flowId !== undefined ? { flowId } : {}),
  };
}
