/**
 * The ICM router's view of an agent as `rttest agent_status` prints it:
 *
 *     Agent CUCM.Agent_test (6420, periph# 15003)
 *     domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs
 *     CL na TEST_Chat (6928, periph# 70518)
 *     L na CUCM.ECE_Chat.default.11006 (6909, periph# 54839)
 *
 * The state token `[na-0:2,RA]` is: state abbreviation, `-`, active tasks `:` concurrent task limit,
 * `,` flags. Cisco's ECE availability document explains `na`, `0:2`, `R`, `A` and `D`, and shows `nr`
 * (the OPC trace's AS_NOT_READY). The other abbreviations are inferred from the CTI AgentState
 * names by the same pattern and are marked `attested: false`.
 *
 * The numbers in brackets on the Agent, CL and L lines match the OPC trace of the same agent:
 * `ASTID=6420 Periph#=15003` for the agent and `SGSTID=6928 SG#=70518` for the skill group, so
 * they are the SkillTargetID and the peripheral number. What the letters `CL` and `L` stand for
 * is not documented; both lines list one skill group of the agent in that domain.
 */

import type { Decoded } from './result';

export interface AgentStateAbbreviation {
  abbreviation: string;
  /** CTI AgentState name (GED-188). */
  state: string;
  /** The name OPC prints in its SetAgentState trace, where a document shows it. */
  opcName?: string;
  meaning: string;
  /** True when Cisco's documents show this abbreviation in rttest output; false when inferred. */
  attested: boolean;
}

export const RTTEST_STATES: readonly AgentStateAbbreviation[] = [
  {
    abbreviation: 'na',
    state: 'AGENT_STATE_NOT_ACTIVE',
    opcName: 'AS_NOT_ACTIVE',
    meaning: 'not active: in a non-voice domain (chat, email) this is the ready state',
    attested: true,
  },
  { abbreviation: 'nr', state: 'AGENT_STATE_NOT_READY', opcName: 'AS_NOT_READY', meaning: 'not ready', attested: true },
  { abbreviation: 'av', state: 'AGENT_STATE_AVAILABLE', meaning: 'available (ready)', attested: false },
  { abbreviation: 'ac', state: 'AGENT_STATE_ACTIVE', meaning: 'active on a non-voice task', attested: false },
  { abbreviation: 'ta', state: 'AGENT_STATE_TALKING', meaning: 'talking', attested: false },
  { abbreviation: 'wr', state: 'AGENT_STATE_WORK_READY', meaning: 'after-call work, then ready', attested: false },
  {
    abbreviation: 'wn',
    state: 'AGENT_STATE_WORK_NOT_READY',
    meaning: 'after-call work, then not ready',
    attested: false,
  },
  {
    abbreviation: 'rs',
    state: 'AGENT_STATE_RESERVED',
    meaning: 'reserved for an arriving call or task',
    attested: false,
  },
  { abbreviation: 'hd', state: 'AGENT_STATE_HOLD', meaning: 'all calls on hold', attested: false },
  {
    abbreviation: 'bo',
    state: 'AGENT_STATE_BUSY_OTHER',
    meaning: 'busy in another skill group or domain',
    attested: false,
  },
  { abbreviation: 'pa', state: 'AGENT_STATE_PAUSED', meaning: 'paused', attested: false },
  { abbreviation: 'in', state: 'AGENT_STATE_INTERRUPTED', meaning: 'interrupted', attested: false },
  { abbreviation: 'li', state: 'AGENT_STATE_LOGIN', meaning: 'logged on, not necessarily ready', attested: false },
  { abbreviation: 'lo', state: 'AGENT_STATE_LOGOUT', meaning: 'logged out', attested: false },
  { abbreviation: 'un', state: 'AGENT_STATE_UNKNOWN', meaning: 'unknown', attested: false },
];

export interface RttestFlagInfo {
  letter: string;
  name: string;
  meaning: string;
}

export const RTTEST_FLAGS: readonly RttestFlagInfo[] = [
  { letter: 'R', name: 'routable', meaning: 'the agent is routable in this domain (the router may assign its tasks)' },
  { letter: 'A', name: 'available', meaning: 'the router considers the agent available for new tasks in this domain' },
  {
    letter: 'D',
    name: 'domain unavailable',
    meaning: 'the domain is not available, as reported by the application path',
  },
];

/**
 * Defect CSCvq11852 (ICM 11.5, 11.6 and 12.0), the known cause of `D` next to an agent that should
 * get work.
 */
export const DOMAIN_UNAVAILABLE_NOTE =
  'Defect CSCvq11852 (ICM 11.5, 11.6 and 12.0): a task (the documented case is an email) is not assigned although the agent could take it; rttest then shows the agent as [na-0:2,RD].';

export interface RttestState {
  /** The token as written: `[na-0:2,RA]`. */
  text: string;
  abbreviation: string;
  /** Undefined for an abbreviation not in the table. */
  state?: AgentStateAbbreviation;
  activeTasks: number;
  taskLimit: number;
  /** Flag letters as written, in order. */
  flags: string;
  flagInfo: RttestFlagInfo[];
}

const STATE_TOKEN = /\[([a-z]{2,3})-(\d{1,6}):(\d{1,6})(?:,([A-Za-z]{0,8}))?\]/g;

/** Reads one state token (`[na-0:2,RA]`); undefined if `text` is not one. */
export function parseRttestState(text: string): Decoded<RttestState> | undefined {
  const re = new RegExp(`^${STATE_TOKEN.source}$`);
  const m = re.exec(text.trim());
  return m ? interpretToken(m) : undefined;
}

export interface FoundRttestState extends Decoded<RttestState> {
  start: number;
  end: number;
}

/** Upper bound on tokens reported for one text. */
export const MAX_RTTEST_TOKENS = 500;

/** Every state token in `text`. Linear in the text length. */
export function findRttestStates(text: string, max = MAX_RTTEST_TOKENS): FoundRttestState[] {
  const found: FoundRttestState[] = [];
  const re = new RegExp(STATE_TOKEN.source, 'g');
  let m: RegExpExecArray | null;
  while (found.length < max && (m = re.exec(text)) !== null) {
    found.push({ ...interpretToken(m), start: m.index, end: m.index + m[0].length });
  }
  return found;
}

export function stateAbbreviation(abbreviation: string): AgentStateAbbreviation | undefined {
  return RTTEST_STATES.find((s) => s.abbreviation === abbreviation);
}

function interpretToken(m: RegExpExecArray): Decoded<RttestState> {
  const problems: string[] = [];
  const [text, abbreviation, active, limit, flags = ''] = m;
  const value: RttestState = {
    text,
    abbreviation,
    activeTasks: Number(active),
    taskLimit: Number(limit),
    flags,
    flagInfo: [],
  };
  const state = stateAbbreviation(abbreviation);
  if (state) value.state = state;
  else
    problems.push(
      `expected a known state abbreviation (${RTTEST_STATES.map((s) => s.abbreviation).join(', ')}), found '${abbreviation}'`,
    );
  if (value.activeTasks > value.taskLimit) {
    problems.push(`expected active tasks not above the task limit, found ${value.activeTasks}:${value.taskLimit}`);
  }
  for (const letter of flags) {
    const info = RTTEST_FLAGS.find((f) => f.letter === letter);
    if (info) value.flagInfo.push(info);
    else problems.push(`expected a known flag (${RTTEST_FLAGS.map((f) => f.letter).join(', ')}), found '${letter}'`);
  }
  return { value, problems };
}

// ---------------------------------------------------------------------------------------------
// Whole lines of agent_status output.

export type RttestLine =
  | { kind: 'agent'; name: string; skillTargetId: number; peripheralNumber: number }
  | { kind: 'domain'; name: string; mrdId: number; stateText: string; seconds?: number }
  | {
      kind: 'skillGroup';
      /** `CL` or `L`, as written. */
      marker: string;
      abbreviation: string;
      state?: AgentStateAbbreviation;
      name: string;
      skillTargetId: number;
      peripheralNumber: number;
      /** True when the name reads `<peripheral>.<domain>.default.<n>` (also cut to `.defa.`). */
      looksDefault: boolean;
    };

const AGENT_LINE =
  /^[ \t]{0,16}Agent[ \t]{1,4}(\S[^\r\n]{0,255}?)[ \t]{1,4}\((\d{1,10}),[ \t]{0,4}periph#[ \t]{0,4}(\d{1,10})\)[ \t]{0,16}$/;
const DOMAIN_LINE =
  /^[ \t]{0,16}domain:[ \t]{1,4}(\S[^\r\n]{0,255}?)[ \t]{1,4}\((\d{1,10})\),[ \t]{0,4}state[ \t]{0,4}=[ \t]{0,4}(\[[^\]\r\n]{1,32}\])(?:,[ \t]{0,4}(\d{1,10})[ \t]{1,4}secs?)?[ \t]{0,16}$/;
const SKILL_GROUP_LINE =
  /^[ \t]{0,16}(CL|L)[ \t]{1,4}([a-z]{2,3})[ \t]{1,4}(\S[^\r\n]{0,255}?)[ \t]{1,4}\((\d{1,10}),[ \t]{0,4}periph#[ \t]{0,4}(\d{1,10})\)[ \t]{0,16}$/;

/** Reads one line of `agent_status` output; undefined if it is none of the known lines. */
export function parseRttestLine(line: string): Decoded<RttestLine> | undefined {
  if (line.length > 512) return undefined;
  let m = AGENT_LINE.exec(line);
  if (m)
    return {
      value: { kind: 'agent', name: m[1], skillTargetId: Number(m[2]), peripheralNumber: Number(m[3]) },
      problems: [],
    };
  m = DOMAIN_LINE.exec(line);
  if (m) {
    const value: RttestLine = { kind: 'domain', name: m[1], mrdId: Number(m[2]), stateText: m[3] };
    if (m[4] !== undefined) value.seconds = Number(m[4]);
    return { value, problems: [] };
  }
  m = SKILL_GROUP_LINE.exec(line);
  if (m) {
    const problems: string[] = [];
    const state = stateAbbreviation(m[2]);
    if (!state) problems.push(`expected a known state abbreviation, found '${m[2]}'`);
    const value: RttestLine = {
      kind: 'skillGroup',
      marker: m[1],
      abbreviation: m[2],
      name: m[3],
      skillTargetId: Number(m[4]),
      peripheralNumber: Number(m[5]),
      looksDefault: /\.def(?:ault|a)\.\d{1,10}$/.test(m[3]),
    };
    if (state) value.state = state;
    return { value, problems };
  }
  return undefined;
}

export interface FoundRttestLine extends Decoded<RttestLine> {
  /** [start, end) of the line's text (without surrounding blanks or the line break) in the searched text. */
  start: number;
  end: number;
}

/** Every known `agent_status` line in `text`. Linear; lines longer than 512 characters are skipped. */
export function findRttestLines(text: string, max = MAX_RTTEST_TOKENS): FoundRttestLine[] {
  const found: FoundRttestLine[] = [];
  let lineStart = 0;
  while (lineStart <= text.length && found.length < max) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (contentEnd - lineStart <= 512) {
      const decoded = parseRttestLine(text.slice(lineStart, contentEnd));
      if (decoded) {
        let start = lineStart;
        while (start < contentEnd && (text[start] === ' ' || text[start] === '\t')) start++;
        let end = contentEnd;
        while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
        found.push({ ...decoded, start, end });
      }
    }
    lineStart = lineEnd + 1;
  }
  return found;
}
