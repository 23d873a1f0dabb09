/**
 * Log text quoted in Cisco TAC document 215324 ("Troubleshoot agent login and availability in
 * Enterprise Chat and Email"), used by the GED-188 decoder and explainer tests. Line breaks are
 * where the document wraps them.
 */

/** ECE listener record: MEDIA_LOGIN_REQ, its byte dump wrapped onto the record's last line. */
export const LOGIN_REQ_RECORD =
  '2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [14285:listener-event-pool-priority-arm-request-executor::-0] <@> ProcessId:4584\n' +
  '<@> PID:1 <@> UID:1005 <@> HttpSessionId:IrltMMd3T0prrkbhAwK8wkL5 <@>\n' +
  'com.ipcc.listener.arm.ARMLogger <@>\n' +
  '<@> Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0\n' +
  '1 107 5 49 48 48 53 0 <@>';

/** ECE listener record: MEDIA_LOGIN_RESP, wrapped inside the InvokeID. */
export const LOGIN_RESP_RECORD =
  '2019-07-20 18:27:32.037 GMT+0000 <@> INFO <@> [71:Thread-9] <@> ProcessId:4584 <@> PID:1 <@>\n' +
  'UID:12 <@> HttpSessionId:\n' +
  '<@> com.ipcc.listener.arm.ARMLogger <@> <@> Received MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0\n' +
  '2 8 1 0 0 0 0 <@>';

export const ROUTABLE_IND_RECORD =
  '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_ROUTABLE_IND -> 0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2 <@>';

export const READY_IND_RECORD =
  '2019-08-19 13:34:09.774 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1 <@>';

/** The byte lists alone, as they follow the arrow (wrapping kept). */
export const LOGIN_REQ_DUMP = '0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0\n1 107 5 49 48 48 53 0 <@>';
export const LOGIN_RESP_DUMP = '0 0 0 8 0 0 0 -104 0\n2 8 1 0 0 0 0 <@>';
export const ROUTABLE_IND_DUMP = '0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2 <@>';
export const READY_IND_DUMP = '0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1 <@>';

/** CTI Server trace (default level) for the same login, as the document wraps it. */
export const CTISVR_LOGIN_TRACE = [
  '20:27:32:466 cglA-ctisvr Trace: ProcessMediaLoginReq - sessionID 4',
  '20:27:32:466 cglA-ctisvr Trace: SendARMMsg -- InvokeID = 591309094, MRDID = 5000, ICMAgentID =',
  '5033, AgentMode = 0',
  'IsAvailable = 0, MaxTaskLimit = 1, AgentInfo = 1005, ApplicationPathID = 5001, PeripheralID = 0,',
  'AgentID =',
  '20:27:32:607 cglA-ctisvr Trace: ProcessARMMediaLoginRespMsg -- InvokeID = 591309094, Status = 0,',
  'AgentSkillTargetID = 5033',
];

/** CTI Server and OPC traces of MAKE_AGENT_ROUTABLE_IND / MAKE_AGENT_READY_IND. */
export const CTISVR_AVAILABILITY_TRACE = [
  '15:34:09:841 cglA-ctisvr Trace: ProcessMakeAgentRoutableInd - sessionID 6',
  '15:34:09:841 cglA-ctisvr Trace: SendARMMsg -- InvokeID = 80171, MRDID = 5000, ICMAgentID = 6420,',
  'MaxTasks = 2, SessionID = 6',
  '15:34:09:841 cglA-ctisvr Trace: ProcessMakeAgentReadyInd - sessionID 6',
  '15:34:09:841 cglA-ctisvr Trace: SendARMMsg -- InvokeID = 80172, MRDID = 5000, ICMAgentID = 6420,',
  'MakeRoutable = 1, SessionID = 6',
];

export const OPC_AVAILABILITY_TRACE = [
  '15:34:09:841 PG1A-opc Trace: MakeAgentRoutableInd - InvokeID = 80171, MRDID = 5000, ICMAgentID =',
  '6420, MaxTasks = 2, SessionID = 6',
  '15:34:09:841 PG1A-opc Trace: MakeAgentReadyInd - InvokeID = 80172, MRDID = 5000, ICMAgentID =',
  '6420, MakeRoutable = 1, SessionID = 6',
];

export const OPC_SET_AGENT_STATE =
  '15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 MRDomainID=5000 SGSTID=6928\n' +
  'SG#=70518(0x11376) OldState=AS_NOT_READY NewState=AS_NOT_ACTIVE Duration=0 CurLine=-1\n' +
  'ReasonCode=0 AgentObj=0x44535b8';

/** ctisvr trace format of public TAC documents (InvokeID in hex). */
export const CTISVR_MSGTYPE_LINES = [
  'MsgType:MAKE_AGENT_ROUTABLE_IND (InvokeID:0xa233 MRDID:5001 ICMAgentID:5001 MaxTasks:1 )',
  'MsgType:MAKE_AGENT_READY_IND (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 MakeRoutable:True )',
];

/** Signed byte list -> unsigned bytes. */
export function bytesOf(list: string): number[] {
  return list
    .replace('<@>', '')
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => Number(t) & 0xff);
}

export function hexList(bytes: readonly number[], lower = false): string {
  const s = bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return lower ? s : s.toUpperCase();
}
