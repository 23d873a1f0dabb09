/**
 * Agent states as OPC prints them (`OldState=AS_NOT_READY NewState=AS_NOT_ACTIVE`). The CTI
 * protocol numbers the same states AGENT_STATE_* (enums.ts AgentState); the correspondence is by
 * name, since OPC's own numbering is not public.
 */
export interface OpcAgentState {
  /** OPC's name, e.g. `AS_NOT_ACTIVE`. */
  name: string;
  /** The CTI protocol's name and number for the same state. */
  ctiName: string;
  ctiValue: number;
  meaning: string;
}

export const OPC_AGENT_STATES: readonly OpcAgentState[] = [
  {
    name: 'AS_LOGIN',
    ctiName: 'AGENT_STATE_LOGIN',
    ctiValue: 0,
    meaning: 'logging in: logged on, not yet ready or not ready',
  },
  { name: 'AS_LOGOUT', ctiName: 'AGENT_STATE_LOGOUT', ctiValue: 1, meaning: 'logged out of the MRD' },
  { name: 'AS_LOGGED_OFF', ctiName: 'AGENT_STATE_LOGOUT', ctiValue: 1, meaning: 'logged out of the MRD' },
  {
    name: 'AS_NOT_READY',
    ctiName: 'AGENT_STATE_NOT_READY',
    ctiValue: 2,
    meaning: 'logged in but not ready: the router sends no tasks (for ECE: the agent has not made himself available)',
  },
  { name: 'AS_AVAILABLE', ctiName: 'AGENT_STATE_AVAILABLE', ctiValue: 3, meaning: 'ready for a voice call' },
  { name: 'AS_TALKING', ctiName: 'AGENT_STATE_TALKING', ctiValue: 4, meaning: 'on a call' },
  {
    name: 'AS_WORK_NOT_READY',
    ctiName: 'AGENT_STATE_WORK_NOT_READY',
    ctiValue: 5,
    meaning: 'after-call work, then not ready',
  },
  { name: 'AS_WORK_READY', ctiName: 'AGENT_STATE_WORK_READY', ctiValue: 6, meaning: 'after-call work, then ready' },
  {
    name: 'AS_BUSY_OTHER',
    ctiName: 'AGENT_STATE_BUSY_OTHER',
    ctiValue: 7,
    meaning: 'busy in another skill group or MRD',
  },
  {
    name: 'AS_RESERVED',
    ctiName: 'AGENT_STATE_RESERVED',
    ctiValue: 8,
    meaning: 'reserved: a call or task is on its way to the agent',
  },
  { name: 'AS_UNKNOWN', ctiName: 'AGENT_STATE_UNKNOWN', ctiValue: 9, meaning: 'state unknown' },
  { name: 'AS_HOLD', ctiName: 'AGENT_STATE_HOLD', ctiValue: 10, meaning: 'all calls on hold' },
  {
    name: 'AS_ACTIVE',
    ctiName: 'AGENT_STATE_ACTIVE',
    ctiValue: 11,
    meaning: 'working on at least one task of this MRD (chat, email...)',
  },
  { name: 'AS_PAUSED', ctiName: 'AGENT_STATE_PAUSED', ctiValue: 12, meaning: 'task paused' },
  {
    name: 'AS_INTERRUPTED',
    ctiName: 'AGENT_STATE_INTERRUPTED',
    ctiValue: 13,
    meaning: 'task interrupted by a non-interruptible task in another MRD',
  },
  {
    name: 'AS_NOT_ACTIVE',
    ctiName: 'AGENT_STATE_NOT_ACTIVE',
    ctiValue: 14,
    meaning:
      'ready with no active task. For a non-voice MRD (chat, email) this is the READY state: OPC moves an ECE agent ' +
      'from AS_NOT_READY to AS_NOT_ACTIVE when the listener sends MAKE_AGENT_READY_IND',
  },
];

const BY_NAME = new Map(OPC_AGENT_STATES.map((s) => [s.name, s]));

export function opcAgentState(name: string): OpcAgentState | undefined {
  return BY_NAME.get(name);
}

/** The sentence that says how OPC's names relate to the protocol's numbers. */
export const OPC_STATE_MAPPING_NOTE =
  'OPC prints agent states as AS_* names; the CTI protocol numbers the same states as AGENT_STATE_* values. ' +
  'The correspondence is by name.';
