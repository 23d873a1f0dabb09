/**
 * GED-188 value tables (CTI Server Message Reference Guide "Constants and Status Codes", protocol
 * 25, cross-checked with public client implementations; ARM status codes from the Finesse
 * developer documentation). Unknown values are rendered as `0x... (unknown)`, never hidden.
 */
import type { EnumEntry, EnumId, EnumTable } from './types';

const AGENT_STATE: EnumTable = {
  id: 'AgentState',
  title: 'AgentState',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: [
    { value: 0, name: 'AGENT_STATE_LOGIN', meaning: 'logged on, not necessarily ready' },
    { value: 1, name: 'AGENT_STATE_LOGOUT', meaning: 'logged out' },
    { value: 2, name: 'AGENT_STATE_NOT_READY', meaning: 'not ready: not available for tasks' },
    { value: 3, name: 'AGENT_STATE_AVAILABLE', meaning: 'ready for a call (voice)' },
    { value: 4, name: 'AGENT_STATE_TALKING', meaning: 'on a call' },
    { value: 5, name: 'AGENT_STATE_WORK_NOT_READY', meaning: 'after-call work, then not ready' },
    { value: 6, name: 'AGENT_STATE_WORK_READY', meaning: 'after-call work, then ready' },
    { value: 7, name: 'AGENT_STATE_BUSY_OTHER', meaning: 'busy in another skill group or MRD' },
    { value: 8, name: 'AGENT_STATE_RESERVED', meaning: 'reserved for an arriving call or task' },
    { value: 9, name: 'AGENT_STATE_UNKNOWN', meaning: 'unknown' },
    { value: 10, name: 'AGENT_STATE_HOLD', meaning: 'all calls on hold' },
    { value: 11, name: 'AGENT_STATE_ACTIVE', meaning: 'working on a task (non-voice)' },
    { value: 12, name: 'AGENT_STATE_PAUSED', meaning: 'task paused' },
    {
      value: 13,
      name: 'AGENT_STATE_INTERRUPTED',
      meaning: 'task interrupted by a non-interruptible task in another MRD',
    },
    {
      value: 14,
      name: 'AGENT_STATE_NOT_ACTIVE',
      meaning: 'no active task; for a non-voice MRD this is the ready state',
    },
  ],
};

const AGENT_MODE: EnumTable = {
  id: 'AgentMode',
  title: 'AgentMode',
  kind: 'values',
  source: 'CTI Server guides protocol 14 and 25 (they disagree)',
  confidence: 'documented',
  note:
    'The guides conflict: protocol 25 says 1 = ROUTABLE, 0 = NOT ROUTABLE; protocol 14 says the opposite. ' +
    'Finesse logs (agentMode=1 for the always-routable voice MRD) favour protocol 25.',
  entries: [
    { value: 0, name: 'NOT ROUTABLE', meaning: '(per protocol 25; ROUTABLE per protocol 14)' },
    { value: 1, name: 'ROUTABLE', meaning: '(per protocol 25; NOT ROUTABLE per protocol 14)' },
  ],
};

const AGENT_AVAILABILITY_STATUS: EnumTable = {
  id: 'AgentAvailabilityStatus',
  title: 'AgentAvailabilityStatus',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  note: 'Available = not Not Ready in the MRD, not on a non-interruptible task elsewhere, below MaxTaskLimit.',
  entries: [
    { value: 0, name: 'NOT AVAILABLE', meaning: 'not available' },
    { value: 1, name: 'ICM AVAILABLE', meaning: 'available and routable: CCE may assign tasks' },
    {
      value: 2,
      name: 'APPLICATION AVAILABLE',
      meaning: 'available but not routable: only the application may assign tasks',
    },
  ],
};

function names(pairs: ReadonlyArray<readonly [number, string, string?]>): EnumEntry[] {
  return pairs.map(([value, name, meaning]) => (meaning ? { value, name, meaning } : { value, name }));
}

const CTI_STATUS: EnumTable = {
  id: 'CtiStatus',
  title: 'CTI failure status (E_CTI_*)',
  kind: 'values',
  source: 'CTI Server guide protocol 25, public client implementations',
  confidence: 'documented',
  entries: names([
    [0, 'E_CTI_NO_ERROR', 'no error'],
    [1, 'E_CTI_INVALID_VERSION', 'the CTI Server does not support the requested protocol version'],
    [2, 'E_CTI_INVALID_MESSAGE_LENGTH', 'protocol 25 name; older implementations call 2 E_CTI_INVALID_MESSAGE_TYPE'],
    [3, 'E_CTI_INVALID_FIELD_TAG'],
    [4, 'E_CTI_SESSION_NOT_OPEN'],
    [5, 'E_CTI_SESSION_ALREADY_OPEN'],
    [6, 'E_CTI_REQUIRED_DATA_MISSING'],
    [7, 'E_CTI_INVALID_PERIPHERAL_ID'],
    [8, 'E_CTI_INVALID_AGENT_DATA'],
    [9, 'E_CTI_AGENT_NOT_LOGGED_ON'],
    [10, 'E_CTI_DEVICE_IN_USE'],
    [11, 'E_CTI_NEW_SESSION_OPENED'],
    [12, 'E_CTI_FUNCTION_NOT_AVAILABLE'],
    [13, 'E_CTI_INVALID_CALLID'],
    [14, 'E_CTI_PROTECTED_VARIABLE'],
    [15, 'E_CTI_CTI_SERVER_OFFLINE'],
    [16, 'E_CTI_TIMEOUT'],
    [17, 'E_CTI_UNSPECIFIED_FAILURE'],
    [18, 'E_CTI_INVALID_TIMEOUT'],
    [19, 'E_CTI_INVALID_SERVICE_MASK'],
    [20, 'E_CTI_INVALID_CALL_MSG_MASK'],
    [21, 'E_CTI_INVALID_AGENT_STATE_MASK'],
    [22, 'E_CTI_INVALID_RESERVED_FIELD'],
    [23, 'E_CTI_INVALID_FIELD_LENGTH'],
    [24, 'E_CTI_INVALID_DIGITS'],
    [25, 'E_CTI_BAD_MESSAGE_FORMAT'],
    [26, 'E_CTI_INVALID_TAG_FOR_MSG_TYPE'],
    [27, 'E_CTI_INVALID_DEVICE_ID_TYPE'],
    [28, 'E_CTI_INVALID_LCL_CONN_STATE'],
    [29, 'E_CTI_INVALID_EVENT_CAUSE'],
    [30, 'E_CTI_INVALID_NUM_PARTIES'],
    [31, 'E_CTI_INVALID_SYS_EVENT_ID'],
    [32, 'E_CTI_INCONSISTENT_AGENT_DATA'],
    [33, 'E_CTI_INVALID_CONNECTION_ID_TYPE'],
    [34, 'E_CTI_INVALID_CALL_TYPE'],
    [35, 'E_CTI_NOT_CALL_PARTY'],
    [36, 'E_CTI_INVALID_PASSWORD'],
    [37, 'E_CTI_CLIENT_DISCONNECTED'],
    [38, 'E_CTI_INVALID_OBJECT_STATE'],
    [39, 'E_CTI_INVALID_NUM_SKILL_GROUPS'],
    [40, 'E_CTI_INVALID_NUM_LINES'],
    [41, 'E_CTI_INVALID_LINE_TYPE'],
    [42, 'E_CTI_INVALID_ALLOCATION_STATE'],
    [43, 'E_CTI_INVALID_ANSWERING_MACHINE'],
    [44, 'E_CTI_INVALID_CALL_MANNER_TYPE'],
    [45, 'E_CTI_INVALID_CALL_PLACEMENT_TYPE'],
    [46, 'E_CTI_INVALID_CONSULT_TYPE'],
    [47, 'E_CTI_INVALID_FACILITY_TYPE'],
    [48, 'E_CTI_INVALID_MSG_TYPE_FOR_VERSION'],
    [49, 'E_CTI_INVALID_TAG_FOR_VERSION'],
    [50, 'E_CTI_INVALID_AGENT_WORK_MODE'],
    [51, 'E_CTI_INVALID_CALL_OPTION'],
    [52, 'E_CTI_INVALID_DESTINATION_COUNTRY'],
    [53, 'E_CTI_INVALID_ANSWER_DETECT_MODE'],
    [54, 'E_CTI_MUTUALLY_EXCLUS_DEVICEID_TYPES'],
    [55, 'E_CTI_INVALID_MONITORID'],
    [56, 'E_CTI_SESSION_MONITOR_ALREADY_EXISTS'],
    [57, 'E_CTI_SESSION_MONITOR_IS_CLIENTS'],
    [58, 'E_CTI_INVALID_CALL_CONTROL_MASK'],
    [59, 'E_CTI_INVALID_FEATURE_MASK'],
    [60, 'E_CTI_INVALID_TRANSFER_CONFERENCE_SETUP_MASK'],
    [61, 'E_CTI_INVALID_ARRAY_INDEX'],
    [62, 'E_CTI_INVALID_CHARACTER'],
    [63, 'E_CTI_CLIENT_NOT_FOUND'],
    [64, 'E_CTI_SUPERVISOR_NOT_FOUND'],
    [65, 'E_CTI_TEAM_NOT_FOUND'],
    [66, 'E_CTI_NO_CALL_ACTIVE'],
    [67, 'E_CTI_NAMED_VARIABLE_NOT_CONFIGURED'],
    [68, 'E_CTI_NAMED_ARRAY_NOT_CONFIGURED'],
    [69, 'E_CTI_INVALID_CALL_VARIABLE_MASK'],
    [70, 'E_CTI_ELEMENT_NOT_FOUND'],
    [71, 'E_CTI_INVALID_DISTRIBUTION_TYPE'],
    [72, 'E_CTI_INVALID_SKILL_GROUP'],
    [73, 'E_CTI_TOO_MUCH_DATA'],
    [74, 'E_CTI_VALUE_TOO_LONG'],
    [75, 'E_CTI_SCALAR_FUNCTION_ON_ARRAY'],
    [76, 'E_CTI_ARRAY_FUNCTION_ON_SCALAR'],
    [77, 'E_CTI_INVALID_NUM_NAMED_VARIABLES'],
    [78, 'E_CTI_INVALID_NUM_NAMED_ARRAYS'],
    [79, 'E_CTI_INVALID_RTP_DIRECTION'],
    [80, 'E_CTI_INVALID_RTP_TYPE'],
    [81, 'E_CTI_CALLED_PARTY_DISPOSITION'],
    [82, 'E_CTI_INVALID_SUPERVISORY_ACTION'],
    [83, 'E_CTI_AGENT_TEAM_MONITOR_ALREADY_EXISTS'],
    [84, 'E_CTI_INVALID_SERVICE'],
    [85, 'E_CTI_SERVICE_CONFLICT'],
    [86, 'E_CTI_SKILL_GROUP_CONFLICT'],
    [87, 'E_CTI_INVALID_DEVICE'],
    [88, 'E_CTI_INVALID_MR_DOMAIN'],
    [89, 'E_CTI_MONITOR_ALREADY_EXISTS'],
    [90, 'E_CTI_MONITOR_TERMINATED'],
    [91, 'E_CTI_INVALID_TASK_MSG_MASK'],
    [92, 'E_CTI_SERVER_NOT_MASTER'],
    [93, 'E_CTI_INVALID_CSD', 'Unified CCX only'],
    [94, 'E_CTI_JTAPI_CCM_PROBLEM'],
    [95, 'E_INVALID_CONFIG_MSG_MASK'],
    [96, 'E_CTI_AUTO_CONFIG_RESET', 'Unified CCX only'],
    [97, 'E_CTI_INVALID_MONITOR_STATUS'],
    [98, 'E_CTI_INVALID_REQUEST_TYPE'],
    [107, 'E_CTI_INVALID_CLIENT_FOR_STANDBY', 'protocol 24'],
    [108, 'E_CTI_INVALID_UNIQUE_INSTANCE_ID'],
    [109, 'E_CTI_DUPLICATE_UNIQUE_INSTANCE_ID'],
    [110, 'E_CTI_SERVER_IN_MAINTENANCE_MODE'],
  ]),
};

const ARM_STATUS: EnumTable = {
  id: 'ArmStatus',
  title: 'ARM status (E_ARM_STAT_*)',
  kind: 'values',
  source: 'Finesse developer documentation (errors for agent state and dialogs)',
  confidence: 'documented',
  note: 'Partial list. Which wire field carries these codes, and whether 0 means success, is not public.',
  entries: names([
    [0, 'success', '(assumed: 0 is not in the published list)'],
    [1, 'E_ARM_STAT_AGENT_ALREADY_LOGGED_IN', 'the agent is already logged into this MRD'],
    [2, 'E_ARM_STAT_AGENT_NOT_FOUND', 'the agent is not configured'],
    [3, 'E_ARM_STAT_MRD_LIST_ENTRY_NOT_FOUND', 'the MRD is not configured'],
    [6, 'E_ARM_STAT_AGENT_NOT_LOGGED_IN', 'the agent is not logged into the MRD'],
    [9, 'E_ARM_STAT_ALREADY_HAVE_PENDING_MAKE_AGENT_NOT_READY', 'a not-ready request is already pending'],
    [11, 'E_ARM_STAT_CANT_LOGIN_TO_VOICE_MRD', 'a voice MRD cannot be logged into with a media login'],
    [14, 'E_ARM_STAT_DO_THIS_WITH_TASK_SENT_RECENTLY'],
    [18, 'E_ARM_STAT_TASK_OBJECT_NOT_FOUND', 'the task (dialog) is unknown'],
    [19, 'E_ARM_STAT_INVALID_MESSAGE_SEQUENCE', 'internal'],
    [20, 'E_ARM_STAT_INCONSISTENT_MEDIA_ROUTING_DOMAIN_IDS', 'MRD differs from the skill group, service or task'],
    [21, 'E_ARM_STAT_NO_OFFER_OR_PRE_CALL_RECEIVED', 'internal'],
    [22, 'E_ARM_STAT_INCONSISTENT_AGENT_IDS', 'internal'],
    [
      27,
      'E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH',
      "the MRD/peripheral pair is not in the session's application path",
    ],
    [30, 'E_ARM_STAT_NOT_VALID_AFTER_INTERRUPT_ADVISORY_ACCEPT', 'the task was interrupted by another MRD'],
    [32, 'E_ARM_STAT_SKILL_GROUP_NOT_FOUND', 'internal'],
    [33, 'E_ARM_STAT_SERVICE_NOT_FOUND', 'internal'],
    [34, 'E_ARM_STAT_PERFORMANCE_LIMIT_EXCEEDED', 'logged-in agent limit reached (Packaged CCE)'],
    [36, 'E_ARM_STAT_CC_OFFLINE', 'the central controller is offline'],
    [37, 'E_ARM_STAT_LOGIN_TIMEOUT'],
    [38, 'E_ARM_STAT_PQ_LOGIN_FAILED', 'precision-queue login failed'],
    [41, 'E_ARM_STAT_LOGIN_REQUEST_ALREADY_PENDING'],
  ]),
};

const SYSTEM_EVENT_ID: EnumTable = {
  id: 'SystemEventID',
  title: 'SystemEventID',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [1, 'SYS_CENTRAL_CONTROLLER_ONLINE'],
    [2, 'SYS_CENTRAL_CONTROLLER_OFFLINE'],
    [3, 'SYS_PERIPHERAL_ONLINE', 'Arg1 = PeripheralID'],
    [4, 'SYS_PERIPHERAL_OFFLINE', 'Arg1 = PeripheralID'],
    [5, 'SYS_TEXT_FYI'],
    [6, 'SYS_PERIPHERAL_GATEWAY_OFFLINE'],
    [7, 'SYS_CTI_SERVER_OFFLINE'],
    [8, 'SYS_CTI_SERVER_ONLINE'],
    [9, 'SYS_HALF_HOUR_CHANGE'],
    [10, 'SYS_INSTRUMENT_OUT_OF_SERVICE'],
    [11, 'SYS_INSTRUMENT_BACK_IN_SERVICE'],
  ]),
};

const PG_STATUS: EnumTable = {
  id: 'PGStatus',
  title: 'PGStatus',
  kind: 'bits',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  note: '0 = normal.',
  entries: names([
    [0x01, 'PGS_OPC_DOWN', 'CTI Server to OPC link lost'],
    [0x02, 'PGS_CC_DOWN', 'PG to central controller link lost'],
    [0x04, 'PGS_PERIPHERAL_OFFLINE', 'a monitored peripheral is offline'],
    [0x08, 'PGS_CTI_SERVER_OFFLINE', 'CTI Server to client link lost'],
    [0x10, 'PGS_LIMITED_FUNCTION', 'limited local call control possible'],
  ]),
};

const PERIPHERAL_TYPE: EnumTable = {
  id: 'PeripheralType',
  title: 'PeripheralType',
  kind: 'values',
  source: 'CTI Server guide protocol 25 (selection)',
  confidence: 'documented',
  entries: names([
    [0xffff, 'PT_NONE'],
    [2, 'MERIDIAN'],
    [3, 'G2'],
    [4, 'DEFINITY_ECS_NON_EAS'],
    [5, 'DEFINITY_ECS_EAS'],
    [8, 'VRU'],
    [9, 'VRU_POLLED'],
    [11, 'SIEMENS_9006'],
    [12, 'SIEMENS_9005'],
    [13, 'ALCATEL'],
    [15, 'ACP_1000'],
    [17, 'ENTERPRISE_AGENT', 'UCCE agent PG'],
    [18, 'MD110'],
    [19, 'MEDIA_ROUTING', 'Media Routing PG'],
    [20, 'GENERIC'],
    [21, 'ACMI_CRS'],
    [22, 'ACMI_IPCC'],
    [24, 'ARS'],
    [25, 'ACMI_ERS'],
    [26, 'ACMI_EXPERT_ADVISOR', 'obsolete'],
  ]),
};

const SERVICE_MASK: EnumTable = {
  id: 'ServiceMask',
  title: 'CTI service mask',
  kind: 'bits',
  source: 'CTI Server guides protocol 14 and 25',
  confidence: 'documented',
  entries: names([
    [0x00000001, 'CLIENT_EVENTS'],
    [0x00000002, 'CALL_DATA_UPDATE'],
    [0x00000004, 'CLIENT_CONTROL'],
    [0x00000008, 'CONNECTION_MONITOR'],
    [0x00000010, 'ALL_EVENTS'],
    [0x00000020, 'PERIPHERAL_MONITOR'],
    [0x00000040, 'CLIENT_MONITOR'],
    [0x00000080, 'SUPERVISOR'],
    [0x00000100, 'SERVER'],
    [0x00000400, 'AGENT_REPORTING', 'ARM: required by media login clients such as ECE'],
    [0x00000800, 'ALL_TASK_EVENTS'],
    [0x00001000, 'TASK_MONITOR'],
    [0x00002000, 'AGENT_STATE_CONTROL_ONLY'],
    [0x00008000, 'DEVICE_STATE_CONTROL'],
    [0x00080000, 'UPDATE_EVENTS'],
    [0x00100000, 'IGNORE_DUPLICATE_AGENT_EVENTS'],
    [0x00200000, 'IGNORE_CONF'],
    [0x00400000, 'ACD_LINE_ONLY'],
    [0x02000000, 'ACTIVE_STANDBY', 'protocol 24'],
    [0x80000000, 'CTI_SERVICE_DEBUG'],
  ]),
};

const AGENT_STATE_MASK: EnumTable = {
  id: 'AgentStateMask',
  title: 'Agent state mask',
  kind: 'bits',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0x1, 'LOGIN'],
    [0x2, 'LOGOUT'],
    [0x4, 'NOT_READY'],
    [0x8, 'AVAILABLE'],
    [0x10, 'TALKING'],
    [0x20, 'WORK_NOT_READY'],
    [0x40, 'WORK_READY'],
    [0x80, 'BUSY_OTHER'],
    [0x100, 'RESERVED'],
    [0x200, 'HOLD'],
    [0x400, 'ACTIVE'],
    [0x800, 'PAUSED'],
    [0x1000, 'INTERRUPTED'],
    [0x2000, 'NOT_ACTIVE'],
  ]),
};

const CONFIG_MSG_MASK: EnumTable = {
  id: 'ConfigMsgMask',
  title: 'Configuration message mask',
  kind: 'bits',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [1, 'SERVICE'],
    [2, 'SKILL_GROUP'],
    [4, 'AGENT'],
    [8, 'DEVICE'],
    [16, 'CALL_TYPE'],
    [32, 'MRD'],
    [256, 'TERMINAL'],
  ]),
};

const DISPOSITION: EnumTable = {
  id: 'Disposition',
  title: 'Disposition code',
  kind: 'values',
  source: 'CTI Server guide protocol 25 (CECX_* event causes are 1000 + code)',
  confidence: 'documented',
  note: 'The public table gives meanings, not constant names. Whether MEDIA_LOGOUT_IND or END_TASK_IND carry these codes is not public.',
  entries: names([
    [1, 'abandoned in network'],
    [2, 'abandoned in local queue'],
    [3, 'abandoned ring'],
    [4, 'abandoned delay'],
    [5, 'abandoned interflow'],
    [6, 'abandoned agent terminal'],
    [7, 'short'],
    [8, 'busy'],
    [9, 'forced busy'],
    [10, 'disconnect/drop no answer'],
    [11, 'disconnect/drop busy'],
    [12, 'disconnect/drop reorder'],
    [13, 'disconnect/drop handled primary route'],
    [14, 'disconnect/drop handled other'],
    [15, 'redirected'],
    [16, 'cut through'],
    [17, 'intraflow'],
    [18, 'interflow'],
    [19, 'ring no answer'],
    [20, 'intercept reorder'],
    [21, 'intercept denial'],
    [22, 'time out'],
    [23, 'voice energy'],
    [24, 'non-classified energy detected'],
    [25, 'no cut through'],
    [26, 'U-abort'],
    [27, 'failed software'],
    [28, 'blind transfer'],
    [29, 'announced transfer'],
    [30, 'conferenced'],
    [31, 'duplicate transfer'],
    [32, 'unmonitored device'],
    [33, 'answering machine'],
    [34, 'network blind transfer'],
    [35, 'task abandoned in router'],
    [36, 'task abandoned before offered'],
    [37, 'task abandoned while offered'],
    [38, 'normal end task'],
    [39, "can't obtain task ID"],
    [40, 'agent logged out during task'],
    [41, 'maximum task lifetime exceeded'],
    [42, 'application path went down'],
    [43, 'CCE routing complete'],
    [44, 'CCE routing disabled'],
    [45, 'application invalid MRD ID'],
    [46, 'application invalid dialogue ID'],
    [47, 'application duplicate dialogue ID'],
    [48, 'application invalid invoke ID'],
    [49, 'application invalid script selector'],
    [50, 'application terminate dialogue'],
    [51, 'task ended during application init'],
    [52, 'called party disconnected'],
    [53, 'partial call'],
    [54, 'drop network consult'],
    [55, 'network consult transfer'],
    [56, 'network conference (from event cause 1056; missing in the protocol 25 disposition table)'],
    [57, 'abandon network consult'],
    [58, 'router requery before answer'],
    [59, 'router requery after answer'],
    [60, 'network error'],
    [61, 'network error before answer'],
    [62, 'network error after answer'],
    [63, 'task transferred (protocol 20)'],
    [64, 'application disconnected (protocol 20)'],
    [65, 'task transferred on agent logout (protocol 20)'],
  ]),
};

const TASK_STATE: EnumTable = {
  id: 'TaskState',
  title: 'TaskState',
  kind: 'values',
  source: 'CTI Server guide protocol 25 (SNAPSHOT_TASK_RESP)',
  confidence: 'documented',
  entries: names([
    [0, 'PRE_CALL'],
    [1, 'ACTIVE'],
    [2, 'WRAPUP'],
    [3, 'PAUSED'],
    [4, 'OFFERED'],
    [5, 'INTERRUPTED'],
    [6, 'NOT_READY', 'unused'],
    [7, 'LOGGED_OUT'],
  ]),
};

const CALL_DIRECTION: EnumTable = {
  id: 'CallDirection',
  title: 'Direction (AGENT_STATE_EVENT)',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0, 'None'],
    [1, 'In'],
    [2, 'Out'],
    [3, 'Other In'],
    [4, 'Other Out'],
    [5, 'OutboundReserve'],
    [6, 'OutboundPreview'],
    [7, 'OutboundPredictive'],
  ]),
};

const AGENT_WORK_MODE: EnumTable = {
  id: 'AgentWorkMode',
  title: 'AgentWorkMode',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0, 'UNSPECIFIED'],
    [1, 'AUTO_IN'],
    [2, 'MANUAL_IN'],
    [3, 'RA_CALL_BY_CALL'],
    [4, 'RA_NAILED_CONNECTION'],
  ]),
};

const LOCAL_CONNECTION_STATE: EnumTable = {
  id: 'LocalConnectionState',
  title: 'LocalConnectionState',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0xffff, 'LCS_NONE'],
    [0, 'NULL'],
    [1, 'INITIATE'],
    [2, 'ALERTING'],
    [3, 'CONNECT'],
    [4, 'HOLD'],
    [5, 'QUEUED'],
    [6, 'FAIL'],
  ]),
};

const CONNECTION_DEVICE_ID_TYPE: EnumTable = {
  id: 'ConnectionDeviceIDType',
  title: 'ConnectionDeviceIDType',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0xffff, 'CONNECTION_ID_NONE'],
    [0, 'STATIC'],
    [1, 'DYNAMIC'],
  ]),
};

const DEVICE_ID_TYPE: EnumTable = {
  id: 'DeviceIDType',
  title: 'DeviceIDType',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0xffff, 'DEVID_NONE'],
    [0, 'DEVICE'],
    [70, 'TRUNK'],
    [71, 'TRUNK_GROUP'],
    [72, 'IP_PHONE_MAC'],
    [73, 'CTI_PORT'],
    [74, 'ROUTE_POINT'],
    [75, 'EXTERNAL'],
    [76, 'AGENT_DEVICE'],
    [77, 'QUEUE'],
    [78, 'NON_ACD_DEVICE'],
    [79, 'SHARED_DEVICE'],
  ]),
};

const SESSION_TYPE: EnumTable = {
  id: 'SessionType',
  title: 'SessionType (OPEN_CONF, protocol 24)',
  kind: 'values',
  source: 'CTI Server guide protocol 25',
  confidence: 'documented',
  entries: names([
    [0, 'UNKNOWN'],
    [1, 'ACTIVE'],
    [2, 'STANDBY'],
  ]),
};

const BOOL: EnumTable = {
  id: 'Bool',
  title: 'BOOL',
  kind: 'values',
  source: 'GED-188 data types',
  confidence: 'documented',
  entries: names([
    [0, 'false'],
    [1, 'true'],
  ]),
};

export const ENUM_TABLES: Readonly<Record<EnumId, EnumTable>> = {
  AgentState: AGENT_STATE,
  AgentMode: AGENT_MODE,
  AgentAvailabilityStatus: AGENT_AVAILABILITY_STATUS,
  CtiStatus: CTI_STATUS,
  ArmStatus: ARM_STATUS,
  SystemEventID: SYSTEM_EVENT_ID,
  PGStatus: PG_STATUS,
  PeripheralType: PERIPHERAL_TYPE,
  ServiceMask: SERVICE_MASK,
  AgentStateMask: AGENT_STATE_MASK,
  ConfigMsgMask: CONFIG_MSG_MASK,
  Disposition: DISPOSITION,
  TaskState: TASK_STATE,
  CallDirection: CALL_DIRECTION,
  AgentWorkMode: AGENT_WORK_MODE,
  LocalConnectionState: LOCAL_CONNECTION_STATE,
  ConnectionDeviceIDType: CONNECTION_DEVICE_ID_TYPE,
  DeviceIDType: DEVICE_ID_TYPE,
  SessionType: SESSION_TYPE,
  Bool: BOOL,
};

/** The entry for a value, if the table has one. */
export function enumEntry(id: EnumId, value: number): EnumEntry | undefined {
  return ENUM_TABLES[id].entries.find((e) => e.value === value);
}

/** Finds an entry by its name in any table (e.g. `E_CTI_TIMEOUT`, `AGENT_STATE_NOT_ACTIVE`). */
export function enumEntryByName(name: string): { table: EnumTable; entry: EnumEntry } | undefined {
  for (const table of Object.values(ENUM_TABLES)) {
    const entry = table.entries.find((e) => e.name === name);
    if (entry) return { table, entry };
  }
  return undefined;
}

function hex(value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase();
}

/**
 * One line saying what a value means in a table: `NAME: meaning` for value tables, the set bits
 * joined with ` | ` for bit masks, and `0x... (unknown)` for values the table lacks.
 */
export function describeEnumValue(id: EnumId, value: number): string {
  const table = ENUM_TABLES[id];
  if (table.kind === 'bits') {
    if (value === 0) return table.note ?? '0 (no bits set)';
    const parts: string[] = [];
    let rest = value >>> 0;
    for (const e of table.entries) {
      if ((rest & e.value) >>> 0 === e.value >>> 0) {
        parts.push(e.name);
        rest = (rest & ~e.value) >>> 0;
      }
    }
    if (rest !== 0) parts.push(`${hex(rest)} (unknown bits)`);
    return parts.join(' | ');
  }
  const entry = enumEntry(id, value);
  if (!entry) return `${hex(value)} (unknown ${table.title} value)`;
  if (!entry.meaning) return entry.name;
  return entry.meaning.startsWith('(') ? `${entry.name} ${entry.meaning}` : `${entry.name}: ${entry.meaning}`;
}
