/**
 * GED-188 MessageType numbers 1–282 (base: CTI Server Message Reference Guide, protocol 24; older
 * names from the protocol 15 table and two public client implementations). Every number in 1–282
 * has exactly one row: a named message, or a reserved/unlisted range.
 *
 * Direction comes from the name's suffix (REQ and IND are sent by the CTI client, CONF, RESP and
 * EVENT by the CTI Server), corrected where the protocol says otherwise (routing client events,
 * configuration requests). Numbers and names of 151–215 are the same in every public table.
 */
import type { MessageTypeRow, MessageTypeSpec, UnassignedMessageRange } from './types';

export const MESSAGE_TYPE_ROWS: readonly MessageTypeRow[] = [
  { id: 1, name: 'FAILURE_CONF', direction: 'toClient' },
  { id: 2, name: 'FAILURE_EVENT', direction: 'toClient' },
  { id: 3, name: 'OPEN_REQ', direction: 'toServer' },
  { id: 4, name: 'OPEN_CONF', direction: 'toClient' },
  { id: 5, name: 'HEARTBEAT_REQ', direction: 'toServer' },
  { id: 6, name: 'HEARTBEAT_CONF', direction: 'toClient' },
  { id: 7, name: 'CLOSE_REQ', direction: 'toServer' },
  { id: 8, name: 'CLOSE_CONF', direction: 'toClient' },
  { id: 9, name: 'CALL_DELIVERED_EVENT', direction: 'toClient' },
  { id: 10, name: 'CALL_ESTABLISHED_EVENT', direction: 'toClient' },
  { id: 11, name: 'CALL_HELD_EVENT', direction: 'toClient' },
  { id: 12, name: 'CALL_RETRIEVED_EVENT', direction: 'toClient' },
  { id: 13, name: 'CALL_CLEARED_EVENT', direction: 'toClient' },
  { id: 14, name: 'CALL_CONNECTION_CLEARED_EVENT', direction: 'toClient' },
  { id: 15, name: 'CALL_ORIGINATED_EVENT', direction: 'toClient' },
  { id: 16, name: 'CALL_FAILED_EVENT', direction: 'toClient' },
  { id: 17, name: 'CALL_CONFERENCED_EVENT', direction: 'toClient' },
  { id: 18, name: 'CALL_TRANSFERRED_EVENT', direction: 'toClient' },
  { id: 19, name: 'CALL_DIVERTED_EVENT', direction: 'toClient' },
  { id: 20, name: 'CALL_SERVICE_INITIATED_EVENT', direction: 'toClient' },
  { id: 21, name: 'CALL_QUEUED_EVENT', direction: 'toClient' },
  { id: 22, name: 'CALL_TRANSLATION_ROUTE_EVENT', direction: 'toClient' },
  { id: 23, name: 'BEGIN_CALL_EVENT', direction: 'toClient' },
  { id: 24, name: 'END_CALL_EVENT', direction: 'toClient' },
  { id: 25, name: 'CALL_DATA_UPDATE_EVENT', direction: 'toClient' },
  { id: 26, name: 'SET_CALL_DATA_REQ', direction: 'toServer' },
  { id: 27, name: 'SET_CALL_DATA_CONF', direction: 'toClient' },
  { id: 28, name: 'RELEASE_CALL_REQ', direction: 'toServer' },
  { id: 29, name: 'RELEASE_CALL_CONF', direction: 'toClient' },
  { id: 30, name: 'AGENT_STATE_EVENT', direction: 'toClient' },
  { id: 31, name: 'SYSTEM_EVENT', direction: 'toClient' },
  { id: 32, name: 'CLIENT_EVENT_REPORT_REQ', direction: 'toServer' },
  { id: 33, name: 'CLIENT_EVENT_REPORT_CONF', direction: 'toClient' },
  { id: 34, name: 'CALL_REACHED_NETWORK_EVENT', direction: 'toClient' },
  { id: 35, name: 'CONTROL_FAILURE_CONF', direction: 'toClient' },
  { id: 36, name: 'QUERY_AGENT_STATE_REQ', direction: 'toServer' },
  { id: 37, name: 'QUERY_AGENT_STATE_CONF', direction: 'toClient' },
  { id: 38, name: 'SET_AGENT_STATE_REQ', direction: 'toServer' },
  { id: 39, name: 'SET_AGENT_STATE_CONF', direction: 'toClient' },
  { id: 40, name: 'ALTERNATE_CALL_REQ', direction: 'toServer' },
  { id: 41, name: 'ALTERNATE_CALL_CONF', direction: 'toClient' },
  { id: 42, name: 'ANSWER_CALL_REQ', direction: 'toServer' },
  { id: 43, name: 'ANSWER_CALL_CONF', direction: 'toClient' },
  { id: 44, name: 'CLEAR_CALL_REQ', direction: 'toServer' },
  { id: 45, name: 'CLEAR_CALL_CONF', direction: 'toClient' },
  { id: 46, name: 'CLEAR_CONNECTION_REQ', direction: 'toServer' },
  { id: 47, name: 'CLEAR_CONNECTION_CONF', direction: 'toClient' },
  { id: 48, name: 'CONFERENCE_CALL_REQ', direction: 'toServer' },
  { id: 49, name: 'CONFERENCE_CALL_CONF', direction: 'toClient' },
  { id: 50, name: 'CONSULTATION_CALL_REQ', direction: 'toServer' },
  { id: 51, name: 'CONSULTATION_CALL_CONF', direction: 'toClient' },
  { id: 52, name: 'DEFLECT_CALL_REQ', direction: 'toServer' },
  { id: 53, name: 'DEFLECT_CALL_CONF', direction: 'toClient' },
  { id: 54, name: 'HOLD_CALL_REQ', direction: 'toServer' },
  { id: 55, name: 'HOLD_CALL_CONF', direction: 'toClient' },
  { id: 56, name: 'MAKE_CALL_REQ', direction: 'toServer' },
  { id: 57, name: 'MAKE_CALL_CONF', direction: 'toClient' },
  { id: 58, name: 'MAKE_PREDICTIVE_CALL_REQ', direction: 'toServer' },
  { id: 59, name: 'MAKE_PREDICTIVE_CALL_CONF', direction: 'toClient' },
  { id: 60, name: 'RECONNECT_CALL_REQ', direction: 'toServer' },
  { id: 61, name: 'RECONNECT_CALL_CONF', direction: 'toClient' },
  { id: 62, name: 'RETRIEVE_CALL_REQ', direction: 'toServer' },
  { id: 63, name: 'RETRIEVE_CALL_CONF', direction: 'toClient' },
  { id: 64, name: 'TRANSFER_CALL_REQ', direction: 'toServer' },
  { id: 65, name: 'TRANSFER_CALL_CONF', direction: 'toClient' },
  { from: 66, to: 77, status: 'reserved' },
  { id: 78, name: 'QUERY_DEVICE_INFO_REQ', direction: 'toServer' },
  { id: 79, name: 'QUERY_DEVICE_INFO_CONF', direction: 'toClient' },
  { from: 80, to: 81, status: 'reserved' },
  { id: 82, name: 'SNAPSHOT_CALL_REQ', direction: 'toServer' },
  { id: 83, name: 'SNAPSHOT_CALL_CONF', direction: 'toClient' },
  { id: 84, name: 'SNAPSHOT_DEVICE_REQ', direction: 'toServer' },
  { id: 85, name: 'SNAPSHOT_DEVICE_CONF', direction: 'toClient' },
  { id: 86, name: 'CALL_DEQUEUED_EVENT', direction: 'toClient' },
  {
    from: 87,
    to: 90,
    status: 'reserved',
    note: 'One unofficial implementation maps 87/88 to AGENT_PRE_CALL*; every Cisco table says reserved.',
  },
  { id: 91, name: 'SEND_DTMF_SIGNAL_REQ', direction: 'toServer' },
  { id: 92, name: 'SEND_DTMF_SIGNAL_CONF', direction: 'toClient' },
  { id: 93, name: 'MONITOR_START_REQ', direction: 'toServer' },
  { id: 94, name: 'MONITOR_START_CONF', direction: 'toClient' },
  { id: 95, name: 'MONITOR_STOP_REQ', direction: 'toServer' },
  { id: 96, name: 'MONITOR_STOP_CONF', direction: 'toClient' },
  { id: 97, name: 'CHANGE_MONITOR_MASK_REQ', direction: 'toServer' },
  { id: 98, name: 'CHANGE_MONITOR_MASK_CONF', direction: 'toClient' },
  { id: 99, name: 'CLIENT_SESSION_OPENED_EVENT', direction: 'toClient' },
  { id: 100, name: 'CLIENT_SESSION_CLOSED_EVENT', direction: 'toClient' },
  { id: 101, name: 'SESSION_MONITOR_START_REQ', direction: 'toServer' },
  { id: 102, name: 'SESSION_MONITOR_START_CONF', direction: 'toClient' },
  { id: 103, name: 'SESSION_MONITOR_STOP_REQ', direction: 'toServer' },
  { id: 104, name: 'SESSION_MONITOR_STOP_CONF', direction: 'toClient' },
  { id: 105, name: 'AGENT_PRE_CALL_EVENT', direction: 'toClient' },
  { id: 106, name: 'AGENT_PRE_CALL_ABORT_EVENT', direction: 'toClient' },
  { id: 107, name: 'USER_MESSAGE_REQ', direction: 'toServer' },
  { id: 108, name: 'USER_MESSAGE_CONF', direction: 'toClient' },
  { id: 109, name: 'USER_MESSAGE_EVENT', direction: 'toClient' },
  { id: 110, name: 'REGISTER_VARIABLES_REQ', direction: 'toServer' },
  { id: 111, name: 'REGISTER_VARIABLES_CONF', direction: 'toClient' },
  { id: 112, name: 'QUERY_AGENT_STATISTICS_REQ', direction: 'toServer' },
  { id: 113, name: 'QUERY_AGENT_STATISTICS_CONF', direction: 'toClient' },
  { id: 114, name: 'QUERY_SKILL_GROUP_STATISTICS_REQ', direction: 'toServer' },
  { id: 115, name: 'QUERY_SKILL_GROUP_STATISTICS_CONF', direction: 'toClient' },
  { id: 116, name: 'RTP_STARTED_EVENT', direction: 'toClient' },
  { id: 117, name: 'RTP_STOPPED_EVENT', direction: 'toClient' },
  { id: 118, name: 'SUPERVISOR_ASSIST_REQ', direction: 'toServer' },
  { id: 119, name: 'SUPERVISOR_ASSIST_CONF', direction: 'toClient' },
  { id: 120, name: 'SUPERVISOR_ASSIST_EVENT', direction: 'toClient' },
  { id: 121, name: 'EMERGENCY_CALL_REQ', direction: 'toServer' },
  { id: 122, name: 'EMERGENCY_CALL_CONF', direction: 'toClient' },
  { id: 123, name: 'EMERGENCY_CALL_EVENT', direction: 'toClient' },
  { id: 124, name: 'SUPERVISE_CALL_REQ', direction: 'toServer' },
  { id: 125, name: 'SUPERVISE_CALL_CONF', direction: 'toClient' },
  { id: 126, name: 'AGENT_TEAM_CONFIG_REQ', direction: 'toServer' },
  { id: 127, name: 'AGENT_TEAM_CONFIG_CONF', direction: 'toClient' },
  { id: 128, name: 'AGENT_TEAM_CONFIG_EVENT', direction: 'toClient' },
  { id: 129, name: 'SET_APP_DATA_REQ', direction: 'toServer' },
  { id: 130, name: 'SET_APP_DATA_CONF', direction: 'toClient' },
  { id: 131, name: 'AGENT_DESK_SETTINGS_REQ', direction: 'toServer' },
  { id: 132, name: 'AGENT_DESK_SETTINGS_CONF', direction: 'toClient' },
  { id: 133, name: 'LIST_AGENT_TEAM_REQ', direction: 'toServer' },
  { id: 134, name: 'LIST_AGENT_TEAM_CONF', direction: 'toClient' },
  { id: 135, name: 'MONITOR_AGENT_TEAM_START_REQ', direction: 'toServer' },
  { id: 136, name: 'MONITOR_AGENT_TEAM_START_CONF', direction: 'toClient' },
  { id: 137, name: 'MONITOR_AGENT_TEAM_STOP_REQ', direction: 'toServer' },
  { id: 138, name: 'MONITOR_AGENT_TEAM_STOP_CONF', direction: 'toClient' },
  { id: 139, name: 'BAD_CALL_REQ', direction: 'toServer' },
  { id: 140, name: 'BAD_CALL_CONF', direction: 'toClient' },
  { id: 141, name: 'SET_DEVICE_ATTRIBUTES_REQ', direction: 'toServer' },
  { id: 142, name: 'SET_DEVICE_ATTRIBUTES_CONF', direction: 'toClient' },
  { id: 143, name: 'REGISTER_SERVICE_REQ', direction: 'toServer' },
  { id: 144, name: 'REGISTER_SERVICE_CONF', direction: 'toClient' },
  { id: 145, name: 'UNREGISTER_SERVICE_REQ', direction: 'toServer' },
  { id: 146, name: 'UNREGISTER_SERVICE_CONF', direction: 'toClient' },
  { id: 147, name: 'START_RECORDING_REQ', direction: 'toServer' },
  { id: 148, name: 'START_RECORDING_CONF', direction: 'toClient' },
  { id: 149, name: 'STOP_RECORDING_REQ', direction: 'toServer' },
  { id: 150, name: 'STOP_RECORDING_CONF', direction: 'toClient' },
  { id: 151, name: 'MEDIA_LOGIN_REQ', direction: 'toServer', summary: 'ARM: log the agent into an MRD' },
  { id: 152, name: 'MEDIA_LOGIN_RESP', direction: 'toClient', summary: 'ARM: answer to MEDIA_LOGIN_REQ' },
  { id: 153, name: 'MEDIA_LOGOUT_IND', direction: 'toServer', summary: 'ARM: agent logged out of the MRD' },
  {
    id: 154,
    name: 'MAKE_AGENT_ROUTABLE_IND',
    direction: 'toServer',
    summary: 'ARM: agent routable in the MRD (CCE may assign tasks)',
  },
  {
    id: 155,
    name: 'MAKE_AGENT_NOT_ROUTABLE_REQ',
    direction: 'toServer',
    summary: 'ARM: stop routing tasks to the agent in the MRD',
  },
  {
    id: 156,
    name: 'MAKE_AGENT_NOT_ROUTABLE_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to MAKE_AGENT_NOT_ROUTABLE_REQ',
  },
  { id: 157, name: 'MAKE_AGENT_READY_IND', direction: 'toServer', summary: 'ARM: agent made ready' },
  {
    id: 158,
    name: 'MAKE_AGENT_NOT_READY_REQ',
    direction: 'toServer',
    summary: 'ARM: make the agent not ready in the MRD',
  },
  {
    id: 159,
    name: 'MAKE_AGENT_NOT_READY_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to MAKE_AGENT_NOT_READY_REQ',
  },
  { id: 160, name: 'OFFER_TASK_IND', direction: 'toServer', summary: 'ARM: task offered to an agent CCE chose' },
  {
    id: 161,
    name: 'OFFER_APPLICATION_TASK_REQ',
    direction: 'toServer',
    summary: 'ARM: task offered to an agent the application chose',
  },
  {
    id: 162,
    name: 'OFFER_APPLICATION_TASK_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to OFFER_APPLICATION_TASK_REQ',
  },
  { id: 163, name: 'START_TASK_IND', direction: 'toServer', summary: 'ARM: task begun by an agent CCE chose' },
  {
    id: 164,
    name: 'START_APPLICATION_TASK_REQ',
    direction: 'toServer',
    summary: 'ARM: task begun by an agent the application chose',
  },
  {
    id: 165,
    name: 'START_APPLICATION_TASK_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to START_APPLICATION_TASK_REQ',
  },
  { id: 166, name: 'PAUSE_TASK_IND', direction: 'toServer', summary: 'ARM: task paused' },
  { id: 167, name: 'RESUME_TASK_IND', direction: 'toServer', summary: 'ARM: task resumed' },
  { id: 168, name: 'WRAPUP_TASK_IND', direction: 'toServer', summary: 'ARM: task in wrap-up' },
  { id: 169, name: 'END_TASK_IND', direction: 'toServer', summary: 'ARM: task ended' },
  {
    id: 170,
    name: 'AGENT_MADE_NOT_ROUTABLE_EVENT',
    direction: 'toClient',
    summary: 'ARM: CCE made the agent not routable',
  },
  {
    id: 171,
    name: 'AGENT_INTERRUPT_ADVISORY_EVENT',
    direction: 'toClient',
    summary: 'ARM: agent interrupted by non-interruptible task',
  },
  {
    id: 172,
    name: 'AGENT_INTERRUPT_ACCEPTED_IND',
    direction: 'toServer',
    summary: 'ARM: agent accepted the interruption',
  },
  {
    id: 173,
    name: 'AGENT_INTERRUPT_UNACCEPTED_IND',
    direction: 'toServer',
    summary: 'ARM: agent did not accept the interruption',
  },
  {
    id: 174,
    name: 'AGENT_INTERRUPT_DONE_ADVISORY_EVENT',
    direction: 'toClient',
    summary: 'ARM: the interruption is over',
  },
  {
    id: 175,
    name: 'AGENT_INTERRUPT_DONE_ACCEPTED_IND',
    direction: 'toServer',
    summary: 'ARM: end of interruption accepted',
  },
  {
    id: 176,
    name: 'CHANGE_MAX_TASK_LIMIT_REQ',
    direction: 'toServer',
    summary: 'ARM: change per-agent/MRD concurrent-task limit',
  },
  {
    id: 177,
    name: 'CHANGE_MAX_TASK_LIMIT_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to CHANGE_MAX_TASK_LIMIT_REQ',
  },
  { id: 178, name: 'OVERRIDE_LIMIT_REQ', direction: 'toServer', summary: 'ARM: ask for a task beyond the limit' },
  { id: 179, name: 'OVERRIDE_LIMIT_RESP', direction: 'toClient', summary: 'ARM: answer to OVERRIDE_LIMIT_REQ' },
  { id: 180, name: 'UPDATE_TASK_CONTEXT_IND', direction: 'toServer', summary: 'ARM: task context updated' },
  { id: 181, name: 'BEGIN_AGENT_INIT_IND', direction: 'toServer', summary: 'ARM resync start' },
  { id: 182, name: 'AGENT_INIT_REQ', direction: 'toServer', summary: "ARM resync: report agent's state" },
  { id: 183, name: 'AGENT_INIT_RESP', direction: 'toClient', summary: 'ARM: answer to AGENT_INIT_REQ' },
  { id: 184, name: 'END_AGENT_INIT_IND', direction: 'toServer', summary: 'ARM resync end' },
  { id: 185, name: 'TASK_INIT_IND', direction: 'toServer', summary: 'ARM resync: report task state' },
  { id: 186, name: 'AGENT_INIT_READY_EVENT', direction: 'toClient', summary: 'ARM: CCE ready for resync' },
  {
    id: 187,
    name: 'GET_PRECALL_MESSAGES_REQ',
    direction: 'toServer',
    summary: 'ARM: ask for pending pre-call messages',
  },
  {
    id: 188,
    name: 'GET_PRECALL_MESSAGES_RESP',
    direction: 'toClient',
    summary: 'ARM: answer to GET_PRECALL_MESSAGES_REQ',
  },
  { id: 189, name: 'AGENT_LEGACY_PRE_CALL_EVENT', direction: 'toClient', summary: 'ARM: current task context' },
  { id: 190, name: 'FAILURE_RESP', direction: 'toClient', summary: 'ARM: failure answer to an ARM *_IND message' },
  {
    id: 191,
    name: 'BEGIN_TASK_EVENT',
    direction: 'toClient',
    summary: 'task event: task entered system (queued/offered/begun)',
  },
  { id: 192, name: 'QUEUED_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 193, name: 'DEQUEUED_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 194, name: 'OFFER_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 195, name: 'START_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 196, name: 'PAUSE_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 197, name: 'RESUME_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 198, name: 'WRAPUP_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 199, name: 'END_TASK_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 200, name: 'TASK_DATA_UPDATE_EVENT', direction: 'toClient', summary: 'task event' },
  { id: 201, name: 'TASK_MONITOR_START_REQ', direction: 'toServer' },
  { id: 202, name: 'TASK_MONITOR_START_CONF', direction: 'toClient' },
  { id: 203, name: 'TASK_MONITOR_STOP_REQ', direction: 'toServer' },
  { id: 204, name: 'TASK_MONITOR_STOP_CONF', direction: 'toClient' },
  { id: 205, name: 'CHANGE_TASK_MONITOR_MASK_REQ', direction: 'toServer' },
  { id: 206, name: 'CHANGE_TASK_MONITOR_MASK_CONF', direction: 'toClient' },
  { id: 207, name: 'MAX_TASK_LIFETIME_EXCEEDED_EVENT', direction: 'toClient' },
  { id: 208, name: 'SET_APP_PATH_DATA_IND', direction: 'toServer' },
  { id: 209, name: 'TASK_INIT_REQ', direction: 'toServer', summary: 'ARM resync for task without CCE TaskID yet' },
  { id: 210, name: 'TASK_INIT_RESP', direction: 'toClient' },
  { id: 211, name: 'ROUTE_REGISTER_EVENT', direction: 'toServer', note: 'Sent by the routing client to register.' },
  { id: 212, name: 'ROUTE_REGISTER_REPLY_EVENT', direction: 'toClient' },
  { id: 213, name: 'ROUTE_REQUEST_EVENT', direction: 'toClient' },
  { id: 214, name: 'ROUTE_SELECT_EVENT', direction: 'toServer', olderName: 'ROUTE_SELECT' },
  { id: 215, name: 'ROUTE_END_EVENT', direction: 'either', olderName: 'ROUTE_END' },
  { from: 216, to: 229, status: 'reserved', note: 'Older tables reserve 216–235.' },
  {
    id: 230,
    name: 'CONFIG_REQUEST_KEY_EVENT',
    direction: 'toServer',
    sinceVersion: 19,
    summary: 'configuration acquisition (added in protocol 19)',
    note: 'Older tables: reserved.',
  },
  { id: 231, name: 'CONFIG_KEY_EVENT', direction: 'toClient', sinceVersion: 19, note: 'Older tables: reserved.' },
  { id: 232, name: 'CONFIG_REQUEST_EVENT', direction: 'toServer', sinceVersion: 19, note: 'Older tables: reserved.' },
  { id: 233, name: 'CONFIG_BEGIN_EVENT', direction: 'toClient', sinceVersion: 19, note: 'Older tables: reserved.' },
  { id: 234, name: 'CONFIG_END_EVENT', direction: 'toClient', sinceVersion: 19, note: 'Older tables: reserved.' },
  { id: 235, name: 'CONFIG_SERVICE_EVENT', direction: 'toClient', sinceVersion: 19, note: 'Older tables: reserved.' },
  { id: 236, name: 'CONFIG_SKILL_GROUP_EVENT', direction: 'toClient', sinceVersion: 19, olderName: 'TEAM_CONFIG_REQ' },
  { id: 237, name: 'CONFIG_AGENT_EVENT', direction: 'toClient', sinceVersion: 19, olderName: 'TEAM_CONFIG_EVENT' },
  { id: 238, name: 'CONFIG_DEVICE_EVENT', direction: 'toClient', sinceVersion: 19, olderName: 'TEAM_CONFIG_CONF' },
  { from: 239, to: 241, status: 'reserved', olderNames: { 240: 'CALL_ATTRIBUTE_CHANGE_EVENT' } },
  { id: 242, name: 'TEAM_CONFIG_REQ', direction: 'toServer', note: 'Older tables number it 236.' },
  { id: 243, name: 'TEAM_CONFIG_EVENT', direction: 'toClient', note: 'Older tables number it 237.' },
  { id: 244, name: 'TEAM_CONFIG_CONF', direction: 'toClient', note: 'Older tables number it 238.' },
  { id: 245, name: 'CONFIG_CALL_TYPE_EVENT', direction: 'toClient' },
  { from: 246, to: 247, status: 'reserved', olderNames: { 247: 'CALL_TERMINATION_EVENT' } },
  { id: 248, name: 'CALL_AGENT_GREETING_EVENT', direction: 'toClient', sinceVersion: 15 },
  { id: 249, name: 'AGENT_GREETING_CONTROL_REQ', direction: 'toServer', sinceVersion: 15 },
  { id: 250, name: 'AGENT_GREETING_CONTROL_CONF', direction: 'toClient', sinceVersion: 15 },
  { from: 251, to: 253, status: 'reserved' },
  { id: 254, name: 'CONFIG_MRD_EVENT', direction: 'toClient', sinceVersion: 20 },
  { id: 255, name: 'GET_AGENT_TASKS_REQ', direction: 'toServer', sinceVersion: 20 },
  { id: 256, name: 'AGENT_TASKS_RESP', direction: 'toClient', sinceVersion: 20 },
  { id: 257, name: 'SNAPSHOT_TASK_REQ', direction: 'toServer', sinceVersion: 20 },
  { id: 258, name: 'SNAPSHOT_TASK_RESP', direction: 'toClient', sinceVersion: 20 },
  { from: 259, to: 259, status: 'reserved', note: 'Reserved for internal use (protocol 21).' },
  { id: 260, name: 'CONFIG_PERIPHERAL_EVENT', direction: 'toClient', sinceVersion: 22 },
  { id: 261, name: 'CONFIG_AGENT_DESK_SETTINGS_EVENT', direction: 'toClient', sinceVersion: 22 },
  { id: 262, name: 'AGENT_TASKS_EVENT', direction: 'toClient' },
  { id: 263, name: 'SNAPSHOT_TASK_EVENT', direction: 'toClient' },
  { id: 264, name: 'AGENT_TASKS_REQUEST_EVENT', direction: 'toClient' },
  { id: 265, name: 'AGENT_TASKS_END_EVENT', direction: 'toClient' },
  { id: 266, name: 'DESKTOP_CONNECTED_IND', direction: 'toServer' },
  { id: 267, name: 'START_NETWORK_RECORDING_REQ', direction: 'toServer', sinceVersion: 23 },
  { id: 268, name: 'START_NETWORK_RECORDING_CONF', direction: 'toClient', sinceVersion: 23 },
  { id: 269, name: 'STOP_NETWORK_RECORDING_REQ', direction: 'toServer', sinceVersion: 23 },
  { id: 270, name: 'STOP_NETWORK_RECORDING_CONF', direction: 'toClient', sinceVersion: 23 },
  { id: 271, name: 'NETWORK_RECORDING_STARTED_EVENT', direction: 'toClient', sinceVersion: 23 },
  { id: 272, name: 'NETWORK_RECORDING_ENDED_EVENT', direction: 'toClient', sinceVersion: 23 },
  { id: 273, name: 'NETWORK_RECORDING_FAILED_EVENT', direction: 'toClient', sinceVersion: 23 },
  { id: 274, name: 'NETWORK_RECORDING_TARGET_INFO_EVENT', direction: 'toClient', sinceVersion: 23 },
  {
    from: 275,
    to: 275,
    status: 'unlisted',
    note: 'Not in the protocol 24 table. SET_AGENT_SERVICE_DATA_REQ/_CONF were added in protocol 24, but no public source gives their numbers.',
  },
  {
    id: 276,
    name: 'CONFIG_TERMINAL_EVENT',
    direction: 'toClient',
    sinceVersion: 24,
    confidence: 'inferred',
    note: 'A protocol 25 table gives MessageType 276 to a terminal configuration record (TerminalType, TerminalDeviceName); the name comes from the tag table, not from the message table.',
  },
  { id: 277, name: 'STANDBY_ACTIVE_EVENT_MSG', direction: 'toClient', sinceVersion: 24 },
  { id: 278, name: 'ACTIVE_MAINTENANCE_REQ_MSG', direction: 'toServer', sinceVersion: 24 },
  { id: 279, name: 'ACTIVE_MAINTENANCE_RESP_MSG', direction: 'toClient', sinceVersion: 24 },
  { id: 280, name: 'ACTIVE_MAINTENANCE_EVENT_MSG', direction: 'toClient', sinceVersion: 24 },
  { id: 281, name: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND', direction: 'unknown', sinceVersion: 24 },
  { id: 282, name: 'CONFIG_AGENT_SERVICE_EVENT', direction: 'toClient', sinceVersion: 24 },
];

/** Highest MessageType number any public table lists. */
export const LAST_MESSAGE_TYPE = 282;

function isNamed(row: MessageTypeRow): row is MessageTypeSpec {
  return 'id' in row;
}

const BY_ID = new Map<number, MessageTypeSpec>();
const BY_NAME = new Map<string, MessageTypeSpec>();
/** The ranges no message is named in, in table order (a lookup of an unnamed number reads only these). */
const UNASSIGNED: UnassignedMessageRange[] = [];
for (const row of MESSAGE_TYPE_ROWS) {
  if (!isNamed(row)) {
    UNASSIGNED.push(row);
    continue;
  }
  BY_ID.set(row.id, row);
  BY_NAME.set(row.name, row);
  if (row.olderName) BY_NAME.set(row.olderName, row);
}

/** What the tables say about one MessageType number. */
export type MessageTypeLookup =
  | { kind: 'named'; spec: MessageTypeSpec }
  | { kind: 'reserved' | 'unlisted'; range: UnassignedMessageRange; olderName?: string }
  | { kind: 'out-of-range' };

export function lookupMessageType(id: number): MessageTypeLookup {
  const spec = BY_ID.get(id);
  if (spec) return { kind: 'named', spec };
  for (const row of UNASSIGNED) {
    if (id < row.from || id > row.to) continue;
    const olderName = row.olderNames?.[id];
    return olderName ? { kind: row.status, range: row, olderName } : { kind: row.status, range: row };
  }
  return { kind: 'out-of-range' };
}

/** The message with this name (current or older spelling), if any. */
export function messageTypeByName(name: string): MessageTypeSpec | undefined {
  return BY_NAME.get(name);
}

/** Readable direction, e.g. for a hover. */
export function describeDirection(direction: MessageTypeSpec['direction']): string {
  switch (direction) {
    case 'toServer':
      return 'client → CTI Server';
    case 'toClient':
      return 'CTI Server → client';
    case 'either':
      return 'either way';
    default:
      return 'direction unknown';
  }
}
