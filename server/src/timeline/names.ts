/**
 * What the names of an entity are called, and which entity an ID the user typed means. The ID
 * vocabulary (key prefixes) is the entity rules' (`entities/defs/*.json`); this module only words it.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';

const KIND_LABELS: Record<string, string> = {
  contact: 'Chat contact',
  chatSession: 'Chat session',
  chatRoom: 'Chat room',
  smRequest: 'SocialMiner request',
  widget: 'Chat widget',
  agent: 'Agent',
  invokeId: 'InvokeID',
  mrd: 'Media routing domain',
  skillGroup: 'Skill group',
  uccxTask: 'UCCX task',
  entryPoint: 'Entry point',
};

const AGENT_NAMES: Record<string, string> = {
  uccx: 'UCCX resource',
  icm: 'ICM agent id (SkillTargetID)',
  periph: 'peripheral number',
  eceUser: 'ECE user id',
};

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

export function kindOfKey(key: string): string {
  const c = key.indexOf(':');
  return c < 0 ? key : key.slice(0, c);
}

/** The value of a key as logs write it: `agent:icm:6420` → `6420`. */
export function valueOfKey(key: string): string {
  let value = key.slice(key.indexOf(':') + 1);
  const sub = /^[A-Za-z]{1,12}:/.exec(value);
  if (sub && value.length > sub[0].length && kindOfKey(key) === 'agent') value = value.slice(sub[0].length);
  return value;
}

export function kindLabel(key: string): string {
  const kind = kindOfKey(key);
  const label = KIND_LABELS[kind] ?? 'Id';
  if (kind === 'agent') {
    const sub = key.split(':')[1] ?? '';
    return AGENT_NAMES[sub] ? `${label}: ${AGENT_NAMES[sub]}` : label;
  }
  return label;
}

export function shortLabel(key: string): string {
  const kind = kindOfKey(key);
  if (kind === 'widget' && key.startsWith('widget:name:')) return 'widget';
  return SHORT[kind] ?? kind;
}

/** `chat` for the names of a chat, `agent` for an agent's, else the key's kind. */
export function entityKind(keys: readonly string[]): string {
  const kinds = new Set(keys.map(kindOfKey));
  if (kinds.has('contact') || kinds.has('chatRoom') || kinds.has('chatSession')) return 'chat';
  if (kinds.has('agent')) return 'agent';
  return keys.length > 0 ? kindOfKey(keys[0]) : 'unknown';
}

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

/**
 * Key ids an ID the user typed may mean: the key itself (`agent:icm:6420`), or any key whose value
 * is that text (`6420`, `4b1e93c7…` in any case, `0x1396d` for InvokeID 80237), people and
 * chats first. Only keys some indexed line names count.
 */
export function resolveId(index: WorkspaceIndex, id: string): number[] {
  const text = id.trim();
  if (text.length === 0 || text.length > 512) return [];
  const exact = index.keyId(text);
  if (exact >= 0) return [exact];
  const values = new Set([text.toLowerCase()]);
  if (/^0x[0-9a-f]{1,12}$/i.test(text)) values.add(String(parseInt(text.slice(2), 16)));
  const found: number[] = [];
  for (const v of values) {
    for (const k of index.searchKeys(v, 200)) {
      const key = index.keys.text(k);
      if (valueOfKey(key).toLowerCase() === v || key.slice(key.indexOf(':') + 1).toLowerCase() === v) found.push(k);
    }
  }
  const rank = (k: number): number => {
    const i = KIND_ORDER.indexOf(kindOfKey(index.keys.text(k)));
    return i < 0 ? KIND_ORDER.length : i;
  };
  return [...new Set(found)].sort((a, b) => rank(a) - rank(b) || a - b);
}
