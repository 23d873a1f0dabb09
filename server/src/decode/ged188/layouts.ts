/**
 * Byte layouts of the messages whose fixed part is known: the session and agent messages the CTI
 * Server guides document, and the four ARM messages the ECE listener logs, reverse-engineered from
 * logged dumps (sizes verified, names taken from the CTI Server trace of the same messages).
 *
 * No public guide documents any ARM (151–190) or task (191–210) layout. Fields whose name only the
 * trace gives have confidence `trace`; bytes nothing names are left unnamed (`name` absent).
 * Offsets are implicit: fields follow each other in order after the 8-byte header.
 */
import type { FieldSpec, LayoutSpec } from './types';

const NULL_ID = { 0xffffffff: 'none (0xFFFFFFFF)' } as const;

const INVOKE_ID: FieldSpec = {
  name: 'InvokeID',
  type: 'UINT',
  confidence: 'documented',
  source: 'CTI Server guides',
  description: 'request id chosen by the client; the answer echoes it',
};

/** InvokeID of an ARM message: same place and meaning, but only observed. */
function armInvokeId(source: string): FieldSpec {
  return { ...INVOKE_ID, confidence: 'observed', source };
}

const ARM_MRDID: FieldSpec = {
  name: 'MRDID',
  type: 'INT',
  confidence: 'observed',
  source: 'named by the CTI Server trace; 5000 in every logged example; INT as in documented messages',
  description: 'Media Routing Domain ID',
};

const ARM_ICM_AGENT_ID: FieldSpec = {
  name: 'ICMAgentID',
  type: 'INT',
  confidence: 'observed',
  source: 'named by the CTI Server trace; same field as in AGENT_STATE_EVENT',
  description: "the agent's SkillTargetID in CCE",
};

export const LAYOUTS: readonly LayoutSpec[] = [
  {
    messageType: 1, // FAILURE_CONF
    confidence: 'documented',
    source: 'CTI Server guides protocols 9, 15, 17; public implementations',
    note:
      'The protocol 24 HTML table shows FailureCode USHORT + PeripheralErrorCode UINT here; that is the ' +
      'CONTROL_FAILURE_CONF layout, treated as an editing error.',
    fixed: [
      { ...INVOKE_ID, description: 'InvokeID of the failed request' },
      { name: 'Status', type: 'UINT', enumId: 'CtiStatus', confidence: 'documented', source: 'CTI Server guides' },
    ],
  },
  {
    messageType: 2, // FAILURE_EVENT
    confidence: 'documented',
    source: 'CTI Server guides protocols 9, 15',
    fixed: [
      { name: 'Status', type: 'UINT', enumId: 'CtiStatus', confidence: 'documented', source: 'CTI Server guides' },
    ],
  },
  {
    messageType: 3, // OPEN_REQ
    confidence: 'documented',
    source: 'CTI Server guides protocols 14, 25',
    fixed: [
      INVOKE_ID,
      {
        name: 'VersionNumber',
        type: 'UINT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description:
          'protocol version asked for; it fixes the message set and the floating-field width for the session',
      },
      {
        name: 'IdleTimeout',
        type: 'UINT',
        specialValues: { 0xffffffff: 'no heartbeats' },
        confidence: 'documented',
        source: 'CTI Server guides',
        description: 'seconds (at least 20)',
      },
      {
        name: 'PeripheralID',
        type: 'UINT',
        specialValues: NULL_ID,
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'ServicesRequested',
        type: 'UINT',
        enumId: 'ServiceMask',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      { name: 'CallMsgMask', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'AgentStateMask',
        type: 'UINT',
        enumId: 'AgentStateMask',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'ConfigMsgMask',
        type: 'UINT',
        enumId: 'ConfigMsgMask',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      { name: 'Reserved1', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'Reserved2', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'Reserved3', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
    ],
    floatingTags: [1, 2, 3, 4, 5, 6, 97],
  },
  {
    messageType: 4, // OPEN_CONF
    confidence: 'documented',
    source: 'CTI Server guide protocol 25 (older versions stop earlier)',
    fixed: [
      INVOKE_ID,
      {
        name: 'ServicesGranted',
        type: 'UINT',
        enumId: 'ServiceMask',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      { name: 'MonitorID', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'PGStatus', type: 'UINT', enumId: 'PGStatus', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'ICMCentralControllerTime', type: 'TIME', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'PeripheralOnline', type: 'BOOL', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'PeripheralType',
        type: 'USHORT',
        enumId: 'PeripheralType',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'AgentState',
        type: 'USHORT',
        enumId: 'AgentState',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'DepartmentID',
        type: 'INT',
        sinceVersion: 19,
        confidence: 'documented',
        source: 'CTI Server guide protocol 24',
      },
      {
        name: 'SessionType',
        type: 'USHORT',
        enumId: 'SessionType',
        sinceVersion: 24,
        confidence: 'documented',
        source: 'CTI Server guide protocol 25',
      },
    ],
    floatingTags: [4, 5, 6, 208, 224, 228],
  },
  {
    messageType: 5, // HEARTBEAT_REQ
    confidence: 'documented',
    source: 'CTI Server guide protocol 25',
    fixed: [INVOKE_ID],
  },
  {
    messageType: 6, // HEARTBEAT_CONF
    confidence: 'documented',
    source: 'CTI Server guide protocol 25',
    fixed: [INVOKE_ID],
  },
  {
    messageType: 7, // CLOSE_REQ
    confidence: 'documented',
    source: 'CTI Server guide protocol 25',
    fixed: [
      INVOKE_ID,
      {
        name: 'Status',
        type: 'UINT',
        enumId: 'CtiStatus',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: 'E_CTI_NO_ERROR, E_CTI_CTI_SERVER_OFFLINE or E_CTI_TIMEOUT',
      },
    ],
  },
  {
    messageType: 8, // CLOSE_CONF
    confidence: 'documented',
    source: 'CTI Server guide protocol 25',
    fixed: [INVOKE_ID],
  },
  {
    messageType: 30, // AGENT_STATE_EVENT
    confidence: 'documented',
    source: 'CTI Server guide protocol 25; field list also in protocol 14 and public implementations',
    fixed: [
      { name: 'MonitorID', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'PeripheralID',
        type: 'UINT',
        specialValues: NULL_ID,
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      { name: 'SessionID', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'PeripheralType',
        type: 'USHORT',
        enumId: 'PeripheralType',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'SkillGroupState',
        type: 'USHORT',
        enumId: 'AgentState',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'StateDuration',
        type: 'UINT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: 'seconds',
      },
      { name: 'SkillGroupNumber', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'SkillGroupID', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'SkillGroupPriority', type: 'USHORT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'AgentState',
        type: 'USHORT',
        enumId: 'AgentState',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'EventReasonCode',
        type: 'USHORT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: 'only for Not Ready and Logged Off',
      },
      {
        name: 'MRDID',
        type: 'INT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: 'Media Routing Domain ID',
      },
      { name: 'NumTasks', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'AgentMode', type: 'USHORT', enumId: 'AgentMode', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'MaxTaskLimit', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'ICMAgentID',
        type: 'INT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: "the agent's SkillTargetID in CCE",
      },
      {
        name: 'AgentAvailabilityStatus',
        type: 'UINT',
        enumId: 'AgentAvailabilityStatus',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      {
        name: 'NumFltSkillGroups',
        type: 'USHORT',
        confidence: 'documented',
        source: 'CTI Server guides',
        description: '0 = one skill group in the fixed part; otherwise up to 99 in floating fields',
      },
      {
        name: 'DepartmentID',
        type: 'INT',
        sinceVersion: 19,
        confidence: 'documented',
        source: 'CTI Server guide protocol 24',
      },
    ],
    floatingTags: [3, 4, 5, 6, 62, 63, 64, 65, 123, 150, 244, 266, 303],
  },
  {
    messageType: 31, // SYSTEM_EVENT
    confidence: 'documented',
    source: 'CTI Server guide protocol 25; public implementations',
    fixed: [
      { name: 'PGStatus', type: 'UINT', enumId: 'PGStatus', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'ICMCentralControllerTime', type: 'TIME', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'SystemEventID',
        type: 'UINT',
        enumId: 'SystemEventID',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
      { name: 'SystemEventArg1', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'SystemEventArg2', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      { name: 'SystemEventArg3', type: 'UINT', confidence: 'documented', source: 'CTI Server guides' },
      {
        name: 'EventDeviceType',
        type: 'USHORT',
        enumId: 'DeviceIDType',
        confidence: 'documented',
        source: 'CTI Server guides',
      },
    ],
    floatingTags: [7, 206],
  },
  {
    messageType: 35, // CONTROL_FAILURE_CONF
    confidence: 'documented',
    source: 'Unified CCX CTI documentation; public implementation',
    fixed: [
      INVOKE_ID,
      {
        name: 'FailureCode',
        type: 'USHORT',
        enumId: 'CtiStatus',
        confidence: 'documented',
        source: 'CTI documentation',
      },
      { name: 'PeripheralErrorCode', type: 'UINT', confidence: 'documented', source: 'CTI documentation' },
    ],
  },
  {
    messageType: 36, // QUERY_AGENT_STATE_REQ
    confidence: 'documented',
    source: 'public implementation of the CTI Server guides',
    fixed: [
      INVOKE_ID,
      {
        name: 'PeripheralID',
        type: 'UINT',
        specialValues: NULL_ID,
        confidence: 'documented',
        source: 'public implementation',
      },
      {
        name: 'MRDID',
        type: 'INT',
        confidence: 'documented',
        source: 'public implementation',
        description: 'Media Routing Domain ID',
      },
      {
        name: 'ICMAgentID',
        type: 'INT',
        confidence: 'documented',
        source: 'public implementation',
        description: "the agent's SkillTargetID in CCE",
      },
    ],
    floatingTags: [4, 5, 6],
  },
  {
    messageType: 37, // QUERY_AGENT_STATE_CONF
    confidence: 'documented',
    source: 'public implementation of the CTI Server guides',
    fixed: [
      INVOKE_ID,
      {
        name: 'AgentState',
        type: 'USHORT',
        enumId: 'AgentState',
        confidence: 'documented',
        source: 'public implementation',
      },
      { name: 'NumSkillGroups', type: 'USHORT', confidence: 'documented', source: 'public implementation' },
      {
        name: 'MRDID',
        type: 'INT',
        confidence: 'documented',
        source: 'public implementation',
        description: 'Media Routing Domain ID',
      },
      { name: 'NumTasks', type: 'UINT', confidence: 'documented', source: 'public implementation' },
      {
        name: 'AgentMode',
        type: 'USHORT',
        enumId: 'AgentMode',
        confidence: 'documented',
        source: 'public implementation',
      },
      { name: 'MaxTaskLimit', type: 'UINT', confidence: 'documented', source: 'public implementation' },
      {
        name: 'ICMAgentID',
        type: 'INT',
        confidence: 'documented',
        source: 'public implementation',
        description: "the agent's SkillTargetID in CCE",
      },
      {
        name: 'AgentAvailabilityStatus',
        type: 'UINT',
        enumId: 'AgentAvailabilityStatus',
        confidence: 'documented',
        source: 'public implementation',
      },
      {
        name: 'DepartmentID',
        type: 'INT',
        sinceVersion: 19,
        confidence: 'documented',
        source: 'CTI Server guide protocol 24',
      },
    ],
    floatingTags: [4, 5, 6, 62, 63, 64, 65, 255, 266],
  },
  {
    messageType: 151, // MEDIA_LOGIN_REQ
    confidence: 'observed',
    source: 'reverse-engineered from ECE listener dumps; names from the CTI Server trace of the same login',
    note: 'No public guide documents this layout. Protocol 22 adds MaxBeyondTaskLimit (tag 266) and protocol 25 MediaType/MediaProvider (312/313) as floating fields.',
    fixed: [
      armInvokeId('echoed by MEDIA_LOGIN_RESP; named by the CTI Server trace'),
      ARM_MRDID,
      ARM_ICM_AGENT_ID,
      {
        name: 'AgentMode',
        type: 'USHORT',
        enumId: 'AgentMode',
        confidence: 'trace',
        source: 'named by the CTI Server trace (AgentMode = 0); USHORT as in AGENT_STATE_EVENT',
      },
      {
        name: 'IsAvailable',
        type: 'BOOL',
        confidence: 'trace',
        source: 'named by the CTI Server trace (IsAvailable = 0); no public guide has this field',
        description: 'whether the agent logs in available',
      },
      {
        name: 'MaxTaskLimit',
        type: 'UINT',
        confidence: 'trace',
        source: 'named by the CTI Server trace (MaxTaskLimit = 1)',
        description: 'how many tasks of this MRD the agent may handle at once',
      },
    ],
    floatingTags: [107, 266, 312, 313],
  },
  {
    messageType: 152, // MEDIA_LOGIN_RESP
    confidence: 'observed',
    source: 'reverse-engineered from an ECE listener dump',
    note: 'No public guide documents this layout.',
    fixed: [
      armInvokeId('same value as the MEDIA_LOGIN_REQ it answers'),
      {
        type: 'UINT',
        possibleEnumId: 'ArmStatus',
        confidence: 'unknown',
        source: 'seen as 0 in a logged example',
        description: 'probably a status: the CTI Server trace of the same login answer prints Status = 0',
      },
    ],
  },
  {
    messageType: 154, // MAKE_AGENT_ROUTABLE_IND
    confidence: 'observed',
    source: 'reverse-engineered from ECE listener dumps; names from the CTI Server and OPC traces of the same messages',
    note: 'No public guide documents this layout.',
    fixed: [
      armInvokeId('named by the CTI Server trace (same decimal value); sequential with the next message'),
      ARM_MRDID,
      ARM_ICM_AGENT_ID,
      {
        name: 'MaxTasks',
        type: 'UINT',
        confidence: 'trace',
        source: 'named by the CTI Server and OPC traces (MaxTasks = 2, the value in the dump)',
        description: 'concurrent task limit of the agent in this MRD',
      },
    ],
  },
  {
    messageType: 157, // MAKE_AGENT_READY_IND
    confidence: 'observed',
    source: 'reverse-engineered from ECE listener dumps; names from the CTI Server and OPC traces of the same messages',
    note: 'No public guide documents this layout.',
    fixed: [
      armInvokeId('named by the CTI Server trace (same decimal value); sequential with the previous message'),
      ARM_MRDID,
      ARM_ICM_AGENT_ID,
      {
        name: 'MakeRoutable',
        type: 'BOOL',
        confidence: 'trace',
        source: 'named by the CTI Server and OPC traces (MakeRoutable = 1 / True, the value in the dump)',
        description: 'make the agent routable as well as ready',
      },
    ],
  },
];

const BY_TYPE = new Map<number, LayoutSpec>(LAYOUTS.map((l) => [l.messageType, l]));

export function layoutFor(messageType: number): LayoutSpec | undefined {
  return BY_TYPE.get(messageType);
}
