/**
 * The ID vocabulary, in one place: the kinds of entity engineers follow, the grammar of their keys
 * (`kind:value`, or `kind:name:value` for kinds with several names, such as `agent:icm:6420`), what
 * each is called in a hover, and how a key's value is spelled in raw text. Adding an entity kind
 * touches this module and the rule data (`defs/*.json`), nothing else.
 */

export type EntityKind =
  | 'contact' // SocialMiner social contact / chat contact id (32 hex)
  | 'chatSession' // publicapps session id (session.id=, Session=)
  | 'chatRoom' // XMPP chat room JID
  | 'smRequest' // SocialMiner REST requestId
  | 'widget' // bubble chat widget id
  | 'agent' // any name of an agent; the key says which name (see AgentNameKind)
  | 'invokeId' // CTI/ARM request-response correlation id
  | 'mrd' // media routing domain id
  | 'skillGroup' // skill group SkillTargetID or peripheral number
  | 'uccxTask' // UCCX task id
  | 'entryPoint'; // ECE chat entry point id

/** Which of an agent's names an `agent` occurrence carries. */
export type AgentNameKind = 'uccx' | 'icm' | 'periph' | 'eceUser';

export const ENTITY_KINDS: readonly EntityKind[] = [
  'contact',
  'chatSession',
  'chatRoom',
  'smRequest',
  'widget',
  'agent',
  'invokeId',
  'mrd',
  'skillGroup',
  'uccxTask',
  'entryPoint',
];

/** Key prefixes each kind may use (sub-kinds included); the rule check refuses any other. */
export const KEY_PREFIXES: Readonly<Record<EntityKind, readonly string[]>> = {
  contact: ['contact:'],
  chatSession: ['chatSession:'],
  chatRoom: ['chatRoom:'],
  smRequest: ['smRequest:'],
  widget: ['widget:', 'widget:name:'],
  agent: ['agent:uccx:', 'agent:icm:', 'agent:periph:', 'agent:eceUser:'],
  invokeId: ['invokeId:'],
  mrd: ['mrd:'],
  skillGroup: ['skillGroup:stid:', 'skillGroup:periph:'],
  uccxTask: ['uccxTask:'],
  entryPoint: ['entryPoint:'],
};

/** What a hover calls each kind. */
const KIND_LABELS: Readonly<Record<EntityKind, string>> = {
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

/** What a hover calls each of an agent's names. */
const AGENT_NAME_LABELS: Readonly<Record<AgentNameKind, string>> = {
  uccx: 'UCCX resource',
  icm: 'ICM agent id (SkillTargetID)',
  periph: 'peripheral number',
  eceUser: 'ECE user id',
};

/** A key taken apart: `agent:icm:6420` is kind `agent`, name `icm`, value `6420`. */
export interface ParsedKey {
  /** The text before the first colon (`contact`, `agent`); the whole key when it has none. */
  kind: string;
  /** The sub-kind of kinds with several names (`icm`, `name`, `stid`), else undefined. */
  name: string | undefined;
  value: string;
}

/**
 * The key grammar: `kind:value`, or `kind:name:value` where `name` is one to twelve letters and a
 * value follows. Values may hold colons (`agent:uccx:sip:kim@example.com`, a widget named
 * `Care: EN`): only the prefix counts.
 */
export function parseKey(key: string): ParsedKey {
  const colon = key.indexOf(':');
  if (colon < 0) return { kind: key, name: undefined, value: '' };
  const rest = key.slice(colon + 1);
  const sub = /^[A-Za-z]{1,12}:/.exec(rest.slice(0, 13));
  if (sub && rest.length > sub[0].length)
    return { kind: key.slice(0, colon), name: sub[0].slice(0, -1), value: rest.slice(sub[0].length) };
  return { kind: key.slice(0, colon), name: undefined, value: rest };
}

/**
 * The kind of name a key is: its text before the value (`contact`, `chatRoom`, `widget`), with the
 * sub-kind of names that have several (`agent:icm`, `widget:name`). An entity holds one name of each.
 */
export function nameKindOf(key: string): string {
  const p = parseKey(key);
  return p.name !== undefined ? `${p.kind}:${p.name}` : p.kind;
}

/** What a hover calls the entity a key names: `Chat contact`, `Agent: ICM agent id (SkillTargetID)`, else `Id`. */
export function kindLabel(key: string): string {
  const colon = key.indexOf(':');
  const kind = colon < 0 ? '' : key.slice(0, colon);
  const label = (KIND_LABELS as Record<string, string>)[kind] ?? 'Id';
  if (kind === 'agent') {
    const sub = key.split(':')[1] ?? '';
    const name = (AGENT_NAME_LABELS as Record<string, string>)[sub];
    return name ? `${label}: ${name}` : label;
  }
  return label;
}

/** Short names of kinds for outlines and code lenses: `chat`, `agent SkillTargetID`, `ECE user`. */
const SHORT_LABELS: Readonly<Record<string, string>> = {
  contact: 'chat',
  chatSession: 'chat session',
  chatRoom: 'chat room',
  smRequest: 'SocialMiner request',
  widget: 'widget',
  'widget:name': 'widget',
  'agent:uccx': 'agent',
  'agent:icm': 'agent SkillTargetID',
  'agent:periph': 'agent periph#',
  'agent:eceUser': 'ECE user',
  invokeId: 'InvokeID',
  mrd: 'MRD',
  'skillGroup:stid': 'skill group',
  'skillGroup:periph': 'skill group SG#',
  uccxTask: 'UCCX task',
  entryPoint: 'entry point',
};

/**
 * A key as a person reads it in one line: `chat 4B1E93C7...`, `agent SkillTargetID 6420`. With
 * `maxValue`, longer values (the 32-digit chat ids) keep their first 8 characters.
 */
export function shortKeyLabel(key: string, maxValue = Infinity): string {
  const p = parseKey(key);
  const label = SHORT_LABELS[nameKindOf(key)] ?? SHORT_LABELS[p.kind] ?? p.kind;
  const value = p.value.length > maxValue ? `${p.value.slice(0, 8)}...` : p.value;
  return `${label} ${value}`;
}

/**
 * Literal spellings of a key's value, for text search: `agent:icm:6420` → `6420`; a decimal value
 * also in hex (`0x1914`), as CTI traces print InvokeIDs both ways. Values under three characters are
 * not searched for (they would match everywhere).
 */
export function spellingsOfKey(key: string): string[] {
  const value = parseKey(key).value;
  const out = value.length >= 3 ? [value] : [];
  if (/^\d{3,15}$/.test(value)) out.push('0x' + Number(value).toString(16));
  return out;
}
