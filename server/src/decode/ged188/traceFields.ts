/**
 * Field names CTI Server (ctisvr) and OPC traces print as `Name = value`, `Name:value` or
 * `Name=value`, with what each means. The trace explainer looks names up here; `kind` says how
 * the value is read (an InvokeID converts between decimal and hex, a state is looked up...).
 */
import type { EnumId } from './types';

export type TraceValueKind =
  'invokeId' | 'number' | 'bool' | 'agentState' | 'status' | 'enum' | 'text' | 'messageType' | 'pointer' | 'seconds';

export interface TraceFieldSpec {
  /** Names as traces print them (matched whole word, case as written). */
  names: readonly string[];
  title: string;
  meaning: string;
  kind: TraceValueKind;
  /** Value table for `enum` fields. */
  enumId?: EnumId;
  /** Caveat shown with the field. */
  note?: string;
}

export const TRACE_FIELDS: readonly TraceFieldSpec[] = [
  {
    names: ['InvokeID'],
    title: 'InvokeID',
    meaning:
      'Request id: the client picks it and the answer (or a failure) echoes it. For ARM indications the CTI Server trace ' +
      'prints the same number the listener sent; `InvokeID = n` is decimal, `InvokeID:0x...` hex.',
    kind: 'invokeId',
  },
  {
    names: ['MRDID', 'MRDomainID', 'MRDomain', 'MediaRoutingDomainID'],
    title: 'Media Routing Domain ID',
    meaning: "The MRD's id in CCE configuration: one per media (voice, chat, email...).",
    kind: 'number',
  },
  {
    names: ['ICMAgentID', 'ASTID', 'AgentSkillTargetID', 'AgentSTID', 'SkillTargetID'],
    title: "Agent's SkillTargetID",
    meaning: "The agent's SkillTargetID in CCE (ICM): the id rttest's `agent_status /agent` takes.",
    kind: 'number',
  },
  {
    names: ['Periph#', 'PeripheralNumber', 'AgentPeripheralNumber'],
    title: 'Peripheral number',
    meaning: "The agent's number on its peripheral (the PG's agent id), as rttest shows in `periph# 15003`.",
    kind: 'number',
  },
  {
    names: ['PeripheralID', 'PeriphID'],
    title: 'Peripheral ID',
    meaning: 'The peripheral (PIM) the agent or message belongs to. 0 or 0xFFFFFFFF: not given.',
    kind: 'number',
  },
  {
    names: ['SGSTID', 'SkillGroupSkillTargetID'],
    title: 'Skill group SkillTargetID',
    meaning: "The skill group's SkillTargetID in CCE.",
    kind: 'number',
  },
  {
    names: ['SG#', 'SkillGroupNumber', 'SGNumber'],
    title: 'Skill group peripheral number',
    meaning: "The skill group's number on its peripheral, as rttest shows in `periph# 70518`.",
    kind: 'number',
  },
  {
    names: ['SkillGroupID'],
    title: 'Skill group ID',
    meaning: 'The skill group id (CTI SkillGroupID).',
    kind: 'number',
  },
  {
    names: ['AgentMode'],
    title: 'AgentMode',
    meaning: 'Whether the agent is routable in the MRD: CCE may assign its tasks.',
    kind: 'enum',
    enumId: 'AgentMode',
  },
  {
    names: ['IsAvailable'],
    title: 'IsAvailable',
    meaning:
      'Named by the CTI Server trace of MEDIA_LOGIN_REQ (no public guide has it): whether the agent logs in available. ' +
      "The listener's dump carries it as the 2-byte field at body offset 14.",
    kind: 'bool',
  },
  {
    names: ['MaxTaskLimit', 'MaxTasks'],
    title: 'Maximum concurrent tasks',
    meaning: "How many tasks of this MRD the agent may handle at once (rttest's `0:2` shows active:limit).",
    kind: 'number',
  },
  {
    names: ['MaxBeyondTaskLimit'],
    title: 'MaxBeyondTaskLimit',
    meaning: 'Tasks the agent may be given beyond MaxTaskLimit (protocol 22).',
    kind: 'number',
  },
  { names: ['NumTasks'], title: 'NumTasks', meaning: 'Tasks the agent has now in this MRD.', kind: 'number' },
  {
    names: ['AgentInfo'],
    title: 'AgentInfo',
    meaning:
      "Client-defined agent information the application sends with MEDIA_LOGIN_REQ (the listener's dump carries it under " +
      'the undocumented floating tag 107). In the logged example it was 1005, the same number as the UID field of the ' +
      'listener record that sent the login.',
    kind: 'text',
  },
  {
    names: ['ApplicationPathID', 'AppPathID'],
    title: 'Application path ID',
    meaning:
      'The application path of the CTI client session (OPEN_REQ tag 97): the MRD–peripheral pairs it may log agents into. ' +
      'A media login outside the path fails (E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH).',
    kind: 'number',
  },
  {
    names: ['AgentID'],
    title: 'AgentID',
    meaning: "The agent's login id on the peripheral (floating tag 5).",
    kind: 'text',
  },
  {
    names: ['Status'],
    title: 'Status',
    meaning: 'Result code: 0 = no error.',
    kind: 'status',
  },
  {
    names: ['SessionID'],
    title: 'CTI Server client session',
    meaning:
      "In CTI Server and OPC traces: the CTI Server's number for one client connection (one per OPEN_REQ); all ARM " +
      "messages of ECE's listener share it.",
    kind: 'number',
  },
  {
    names: ['MakeRoutable'],
    title: 'MakeRoutable',
    meaning:
      'Named by the CTI Server and OPC traces of MAKE_AGENT_READY_IND: make the agent routable as well as ready.',
    kind: 'bool',
  },
  {
    names: ['ReasonCode', 'EventReasonCode', 'Reason'],
    title: 'Reason code',
    meaning: 'Not Ready or logout reason code (0 = none given).',
    kind: 'number',
  },
  {
    names: ['Duration', 'StateDuration'],
    title: 'Duration',
    meaning: 'Time spent in the state, in seconds.',
    kind: 'seconds',
  },
  {
    names: ['OldState', 'NewState', 'AgentState', 'State', 'SkillGroupState', 'NextAgentState'],
    title: 'Agent state',
    meaning: 'Agent state in the MRD or skill group.',
    kind: 'agentState',
  },
  {
    names: ['CurLine', 'CurrentLine'],
    title: 'Current line',
    meaning: "Index of the agent's current phone line (voice); -1 = none.",
    kind: 'number',
  },
  {
    names: ['AgentObj'],
    title: 'OPC agent object',
    meaning:
      "Memory address of OPC's agent object: it identifies the same agent across lines of one OPC run, and means nothing " +
      'across restarts or processes.',
    kind: 'pointer',
  },
  {
    names: ['MsgType', 'MessageType'],
    title: 'Message type',
    meaning: 'The GED-188 message the trace prints.',
    kind: 'messageType',
  },
  {
    names: ['AgentAvailabilityStatus'],
    title: 'AgentAvailabilityStatus',
    meaning: 'Whether CCE or only the application may assign tasks to the agent in the MRD.',
    kind: 'enum',
    enumId: 'AgentAvailabilityStatus',
  },
  {
    names: ['PeripheralType'],
    title: 'PeripheralType',
    meaning: 'Kind of peripheral.',
    kind: 'enum',
    enumId: 'PeripheralType',
  },
  {
    names: ['PGStatus'],
    title: 'PGStatus',
    meaning: 'Peripheral gateway status bits (0 = normal).',
    kind: 'enum',
    enumId: 'PGStatus',
  },
  {
    names: ['SystemEventID'],
    title: 'SystemEventID',
    meaning: 'SYSTEM_EVENT kind.',
    kind: 'enum',
    enumId: 'SystemEventID',
  },
  {
    names: ['ServicesRequested', 'ServicesGranted', 'ServiceMask'],
    title: 'CTI service mask',
    meaning: 'CTI services asked for or granted; ARM clients such as ECE need AGENT_REPORTING (0x400).',
    kind: 'enum',
    enumId: 'ServiceMask',
  },
  {
    names: ['MonitorID'],
    title: 'MonitorID',
    meaning: 'Id of a CTI monitor (session or call monitor).',
    kind: 'number',
  },
];

const BY_NAME = new Map<string, TraceFieldSpec>();
for (const spec of TRACE_FIELDS) for (const n of spec.names) BY_NAME.set(n, spec);

/** The field a trace name stands for; case matters (`SessionID`, not `sessionid`). */
export function traceField(name: string): TraceFieldSpec | undefined {
  return BY_NAME.get(name);
}

/** Trace function names that are not message names, with what they do. */
export const TRACE_FUNCTIONS: Readonly<Record<string, string>> = {
  SendARMMsg: 'The CTI Server passes an ARM message from a CTI client on to OPC; the fields follow.',
  SetAgentState: "OPC changes the agent's state in one skill group (OldState → NewState).",
};
