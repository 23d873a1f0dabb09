/**
 * How the timeline words the names of an entity, and which entity an ID a user typed means. The ID
 * vocabulary itself (kinds, key grammar, hover labels) is `entities/vocabulary.ts`.
 */
import { parseKey } from '../entities/vocabulary';
import type { IndexQuery } from '../index/query';

/** Short names used inside summaries: `(InvokeID 80230, MRD 5000, agent 6420)`. */
const SHORT: Record<string, string> = {
  contact: 'contact',
  chatSession: 'session',
  chatRoom: 'room',
  smRequest: 'request',
  widget: 'widget',
  agent: 'agent',
  invokeId: 'InvokeID',
  mrd: 'MRD',
  skillGroup: 'skill group',
  uccxTask: 'task',
  entryPoint: 'entry point',
};

/** Kinds in the order a typed ID is taken for: people and chats before what they carry. */
const KIND_ORDER = [
  'contact',
  'agent',
  'chatSession',
  'chatRoom',
  'smRequest',
  'uccxTask',
  'invokeId',
  'widget',
  'entryPoint',
  'mrd',
  'skillGroup',
];

export function shortLabel(key: string): string {
  const kind = parseKey(key).kind;
  return SHORT[kind] ?? kind;
}

/** `chat` for the names of a chat, `agent` for an agent's, else the key's kind. */
export function entityKind(keys: readonly string[]): string {
  const kinds = new Set(keys.map((k) => parseKey(k).kind));
  if (kinds.has('contact') || kinds.has('chatRoom') || kinds.has('chatSession')) return 'chat';
  if (kinds.has('agent')) return 'agent';
  return keys.length > 0 ? parseKey(keys[0]).kind : 'unknown';
}

/**
 * Key ids an ID the user typed may mean: the key itself (`agent:icm:6420`), or any key whose value
 * is that text (`6420`, `4b1e93c7…` in any case, `0x1396d` for InvokeID 80237), people and chats
 * first. Only keys some indexed line names count.
 */
export function resolveId(query: IndexQuery, id: string): number[] {
  const text = id.trim();
  if (text.length === 0 || text.length > 512) return [];
  const exact = query.keyId(text);
  if (exact >= 0) return [exact];
  const values = new Set([text.toLowerCase()]);
  if (/^0x[0-9a-f]{1,12}$/i.test(text)) values.add(String(parseInt(text.slice(2), 16)));
  const found: number[] = [];
  for (const v of values) {
    for (const k of query.searchKeys(v, 200)) {
      const key = query.keyText(k);
      if (parseKey(key).value.toLowerCase() === v || key.slice(key.indexOf(':') + 1).toLowerCase() === v) found.push(k);
    }
  }
  const rank = (k: number): number => {
    const i = KIND_ORDER.indexOf(parseKey(query.keyText(k)).kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return [...new Set(found)].sort((a, b) => rank(a) - rank(b) || a - b);
}
