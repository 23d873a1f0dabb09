/**
 * Entity recognition: every spelling of every id engineers follow, with its exact key, text and
 * offsets; what must NOT be recognised; births; and the links one record proves between two names
 * of one thing. The records (below, and those imported from ./fixtures/seedRecords.ts and
 * ./fixtures/ged188Samples.ts) are quoted verbatim (line wrapping, trailing spaces and all) from two Cisco
 * TAC documents: the UCCX/SocialMiner bubble chat log analysis and the ECE agent login and
 * availability troubleshooting guide.
 */
import * as assert from 'node:assert/strict';
import { extractEntities } from '../../server/src/entities/extract';
import type { EntityKind, EntityOccurrence } from '../../server/src/entities/types';
import {
  BUBBLE_CHAT_JSON as CONFIG_JSON,
  CHAT_FEEDBACK_RECEIVED as FEEDBACK,
  CHAT_ROOM_DETAILS_BODY as CHAT_ROOM_DETAILS,
  MADM_JMS_CONTACT_EVENT as MADM_JMS,
  MADM_NEW_INCOMING_CONTACT as MADM_NEW_CONTACT,
  MIVR_CONTACT_NOTIFICATION as MIVR_NOTIFICATION,
  MIVR_PARSE_EXTENSION_WRAPPED as PARSE_EXTENSION,
  PRESENCE_EVENT_RECEIVED_AS_QUOTED as PRESENCE,
  RUNTIME_NOTIFICATION_SUCCEEDED as NOTIFICATION_SUCCEEDED,
  TRDR_RECORD_HEAD_AS_QUOTED as TRDR,
} from './fixtures/seedRecords';
import {
  CTISVR_AVAILABILITY_TRACE,
  CTISVR_LOGIN_TRACE,
  LOGIN_REQ_RECORD as MEDIA_LOGIN_REQ,
  LOGIN_RESP_RECORD as MEDIA_LOGIN_RESP,
  OPC_AVAILABILITY_TRACE,
  OPC_SET_AGENT_STATE,
  READY_IND_RECORD as READY_IND,
  ROUTABLE_IND_RECORD as ROUTABLE_IND,
} from './fixtures/ged188Samples';

/** Step 1: the bubble chat page request. */
const WIDGET_PAGE_GET = '1) GET https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true';
/** Step 1: the widget configuration request. */
const WIDGET_CONFIG_GET = '3) GET https://sm-fqdn/ccp/bubblechat?wid=1';
/** Prose of the document that quotes wid=1 in bold (not a URL). */
const WID_IN_PROSE =
  '1. SM은 SM Informix 데이터베이스의 mmca_webhook 테이블에 db dip를 수행하고 위젯 ID의 도움으로 이 수신 채팅 요청에 대한 Webhook URL을 가져옵니다. 우리의 경우, 그것은 **wid=1**이다.';
/** Step 2: SocialMiner fetches the configuration from the webhook. */
const HOOK_URL =
  '0000000323: 10.78.91.166: Aug 06 2018 09:24:09.538 +0530: %CCBU_____CCPAPI-6-REST_API_INFO:\nFetching bubble chat config from hook url:\n<https://uccx-fqdn/uccx-webservices/chat/config/1>';
/** Step 3: UCCX MADM receives the request. */
const MADM_REQUEST_URL =
  '7199526: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]\nServiceLogger:\n\nRequest Url: <https://uccx-fqdn/uccx-webservices/chat/config/1>';
/** Step 3: UCCX MADM ChatResource. */
const MADM_WIDGET_ID =
  '7199528: Aug 06 09:31:21.235 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-14]\nServiceLogger:\n\nChatResource: Received a chat config GET request for chat widget id : 1';
/** Step 4: publicapps session created. */
const SESSION_CREATED =
  '10.78.91.166: Aug 06 2018 09:32:38.684 +0530: %CCBU__CCPPUBLICAPPS-6-PUBLICAPPS_SESSION_CREATED:\n %[session.id=3F8B8C08D7E8144C7B1AD7AF144A4C1E][session.timeout=300]: ccppublicapps: new\n publicapps\n session';
/** Step 7: the contact is created. */
const SOCIAL_CONTACT_CREATED =
  '0000399687: 10.78.91.166: Aug 06 2018 09:32:38.764 +0530: %CCBU_____FEEDS-6-SOCIAL_CONTACT_CREATED:\n%[SOCIAL_CONTACT_ID=0D66B2241000016500235A740A4E5BA6][SOCIAL_CONTACT_LINK=<https://sm-fqdn/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6>]: A new social contact was created';
/** Step 8: CCPAPI. */
const CREATE_SOCIAL_CONTACT =
  '0000000337: 10.78.91.166: Aug 06 2018 09:32:38.767 +0530: %CCBU_____CCPAPI-6-CREATE_SOCIAL_CONTACT: SocialContact successfully created with requestId: y3xQxE';
/** Step 8: publicapps chat created. */
const CHAT_CREATED =
  '0000001142: 10.78.91.166: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED:\n%[Contact=<https://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6>][Room=socialminer_chat.16@conference.127.0.0.1][Session=3F8B8C08D7E8144C7B1AD7AF144A4C1E][social_contact_id=null]: Chat created';
/** Step 12: MIVR allocates the contact to an agent. */
const MIVR_ALLOCATED =
  '3722752: Aug 06 09:32:39.144 IST %MIVR-SS_ROUTEANDQUEUE-7-UNK:[pool-8-thread-15]\nRouteAndQueueSubsystemLogger: ALLOCATED Contact [0D66B2241000016500235A740A4E5BA6] to Agent\n[Jabber@ge.nt1]';
/** Step 13: typing status (the document wraps the SocialContactID key). */
const TYPING =
  '0000001152: 10.78.91.166: Aug 06 2018 09:32:51.168 +0530: %CCBU__CCPPUBLICAPPS-6-  \nTYPING_STATUS_RECEIVED:  \n%[From=socialminer_chat.16@conference.127.0.0.1/Jabber@ge.nt1][Nickname=Jabber@ge.nt1][SocialCon  \ntactID=0D66B2241000016500235A740A4E5BA6][Text=composing]: Typing Status received';
/** Step 15: the customer leaves. */
const LEAVE_CHAT_ROOM =
  '0000001185: 10.78.91.166: Aug 06 2018 09:33:26.738 +0530: %CCBU__CCPPUBLICAPPS-6-  \nLEAVE_CHAT_ROOM:  \n%[ChatRoomName=socialminer_chat.16@conference.127.0.0.1][Nickname=Jayant Suneja]  \n[User=ccp_chatclient][social_contact_id=0D66B2241000016500235A740A4E5BA6]: Leave chat room';
/** CTI Server: the same login. */
const CTISVR_LOGIN = CTISVR_LOGIN_TRACE.slice(1, 5).join('\n');
/** CTI Server: login response. */
const CTISVR_LOGIN_RESP = CTISVR_LOGIN_TRACE.slice(5, 7).join('\n');
/** CTI Server: routable indication. */
const CTISVR_ROUTABLE = CTISVR_AVAILABILITY_TRACE.slice(1, 3).join('\n');
/** CTI Server: ready indication. */
const CTISVR_READY = CTISVR_AVAILABILITY_TRACE.slice(4, 6).join('\n');
/** OPC: routable indication. */
const OPC_ROUTABLE = OPC_AVAILABILITY_TRACE.slice(0, 2).join('\n');
/** OPC: ready indication. */
const OPC_READY = OPC_AVAILABILITY_TRACE.slice(2, 4).join('\n');
/** rttest command. */
const RTTEST_COMMAND = 'rttest: agent_status /agent 6420';
/** rttest agent heading. */
const RTTEST_AGENT = 'Agent CUCM.Agent_test (6420, periph# 15003)';
/** rttest domain line. */
const RTTEST_DOMAIN_VOICE = 'domain: Cisco_Voice (1), state = [nr-0:1,R], 411 secs';
/** rttest skill group line. */
const RTTEST_CL_VOICE = 'CL nr TEST_SG (6274, periph# 70520)';
/** rttest default skill group line. */
const RTTEST_L_VOICE = 'L nr CUCM_PIM1.Cisco_Voice.defa.88025 (5000, periph# 31858)';
/** rttest domain line. */
const RTTEST_DOMAIN_CHAT = 'domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs';
/** rttest skill group line. */
const RTTEST_CL_CHAT = 'CL na TEST_Chat (6928, periph# 70518)';
/** rttest default skill group line. */
const RTTEST_L_CHAT = 'L na CUCM.ECE_Chat.default.11006 (6909, periph# 54839)';
/** opctest command. */
const OPCTEST_DUMP_AGENT = 'opctest: dump_agent 5000 15003';
/** procmon session. */
const PROCMON_DAGENT =
  'C:\\icm\\pcc12\\ra\\logfiles>procmon <inst> PG1A piml\n11:38:40 Trace: EMT Creating Mutex Global\\IMTConnect_DisconnectLock\n>>>>dagent 15003';
/** ECE chat entry point API request. */
const ENTRYPOINT_URL = 'http://<ECE_WEB_Server_IP>/system/egain/chat/entrypoint/initialize/1001';

const CONTACT = '0D66B2241000016500235A740A4E5BA6';
const SESSION = '3F8B8C08D7E8144C7B1AD7AF144A4C1E';
const ROOM = 'socialminer_chat.16@conference.127.0.0.1';
const AGENT = 'Jabber@ge.nt1';

/** The occurrences of one key. */
function found(text: string, key: string, formatId?: string): EntityOccurrence[] {
  return extractEntities(text, formatId).occurrences.filter((o) => o.key === key);
}

/** The keys found, in order. */
function keys(text: string, formatId?: string): string[] {
  return extractEntities(text, formatId).occurrences.map((o) => o.key);
}

/**
 * The occurrence expected for `value` written right after the `nth` (0-based) occurrence of
 * `marker` in `text`; offsets are computed from the text, independently of the extractor.
 */
function at(
  text: string,
  marker: string,
  value: string,
  kind: EntityKind,
  key: string,
  options: { birth?: true; nth?: number } = {},
): EntityOccurrence {
  let i = -1;
  for (let n = 0; n <= (options.nth ?? 0); n++) {
    i = text.indexOf(marker, i + 1);
    assert.ok(i >= 0, `fixture: ${JSON.stringify(marker)} occurs ${n + 1} times`);
  }
  const start = i + marker.length;
  assert.equal(text.slice(start, start + value.length), value, `fixture: ${value} follows ${marker}`);
  const occ: EntityOccurrence = { kind, key, text: value, start, end: start + value.length };
  if (options.birth) occ.birth = true;
  return occ;
}

/**
 * One case per spelling: the record, the key, what is written just before the value, the value as
 * written, and whether it is a birth. The occurrence at that place must be exactly this one.
 */
interface Spelling {
  spelling: string;
  text: string;
  key: string;
  marker: string;
  value: string;
  birth?: true;
  format?: string;
}

const C = `contact:${CONTACT}`;
const SPELLINGS: Spelling[] = [
  // contact
  {
    spelling: 'SOCIAL_CONTACT_ID= (birth)',
    text: SOCIAL_CONTACT_CREATED,
    key: C,
    marker: '[SOCIAL_CONTACT_ID=',
    value: CONTACT,
    birth: true,
  },
  { spelling: 'social_contact_id=', text: LEAVE_CHAT_ROOM, key: C, marker: '[social_contact_id=', value: CONTACT },
  { spelling: 'SocialContactID=', text: PRESENCE, key: C, marker: '[SocialContactID=', value: CONTACT },
  { spelling: 'contactId=', text: MIVR_NOTIFICATION, key: C, marker: 'contactId=', value: CONTACT },
  { spelling: 'Contact [<id>]', text: MIVR_ALLOCATED, key: C, marker: 'Contact [', value: CONTACT },
  { spelling: 'Contact[id=<id>,', text: MIVR_NOTIFICATION, key: C, marker: 'Contact[id=', value: CONTACT },
  { spelling: '/socialcontact/<id>', text: CHAT_CREATED, key: C, marker: '/socialcontact/', value: CONTACT },
  { spelling: 'scID=<id>', text: NOTIFICATION_SUCCEEDED, key: C, marker: 'scID=', value: CONTACT },
  { spelling: '<id><id></id> in a contact XML body', text: MADM_NEW_CONTACT, key: C, marker: '<id>', value: CONTACT },
  { spelling: 'id=<id> inside ContactXML [', text: MADM_JMS, key: C, marker: 'Suneja, id=', value: CONTACT },
  { spelling: 'ContactID= of a TRDR historical record', text: TRDR, key: C, marker: 'ContactID=', value: CONTACT },
  // chat session
  {
    spelling: 'session.id= (birth)',
    text: SESSION_CREATED,
    key: `chatSession:${SESSION}`,
    marker: 'session.id=',
    value: SESSION,
    birth: true,
  },
  { spelling: '[Session=', text: CHAT_CREATED, key: `chatSession:${SESSION}`, marker: '[Session=', value: SESSION },
  {
    spelling: '[Session= with the value wrapped',
    text: FEEDBACK,
    key: `chatSession:${SESSION}`,
    marker: '[Session=  \n',
    value: SESSION,
  },
  // chat room
  {
    spelling: 'RoomJid= (birth)',
    text: CHAT_ROOM_DETAILS,
    key: `chatRoom:${ROOM}`,
    marker: 'RoomJid=',
    value: ROOM,
    birth: true,
  },
  {
    spelling: 'Room= (birth)',
    text: CHAT_CREATED,
    key: `chatRoom:${ROOM}`,
    marker: '[Room=',
    value: ROOM,
    birth: true,
  },
  { spelling: 'ChatRoomName=', text: LEAVE_CHAT_ROOM, key: `chatRoom:${ROOM}`, marker: 'ChatRoomName=', value: ROOM },
  {
    spelling: 'h_chatRoom value (toString)',
    text: MADM_JMS,
    key: `chatRoom:${ROOM}`,
    marker: 'h_chatRoom, value=',
    value: ROOM,
  },
  {
    spelling: 'h_chatRoom value (XML)',
    text: PARSE_EXTENSION,
    key: `chatRoom:${ROOM}`,
    marker: 'h_chatRoom</name><value>',
    value: ROOM,
  },
  { spelling: 'Username=<room>/<occupant>', text: PRESENCE, key: `chatRoom:${ROOM}`, marker: 'Username=', value: ROOM },
  { spelling: 'From=<room>/<occupant>', text: TYPING, key: `chatRoom:${ROOM}`, marker: 'From=', value: ROOM },
  // CCPAPI request, entry point
  {
    spelling: 'requestId: <id>',
    text: CREATE_SOCIAL_CONTACT,
    key: 'smRequest:y3xQxE',
    marker: 'requestId: ',
    value: 'y3xQxE',
  },
  {
    spelling: 'requestId=<id>',
    text: 'ContactNotification [requestId=y3xQxE, contactId=null]',
    key: 'smRequest:y3xQxE',
    marker: 'requestId=',
    value: 'y3xQxE',
  },
  {
    spelling: '/entrypoint/initialize/<id>',
    text: ENTRYPOINT_URL,
    key: 'entryPoint:1001',
    marker: '/entrypoint/initialize/',
    value: '1001',
  },
  // widget
  { spelling: '&wid=<id>', text: WIDGET_PAGE_GET, key: 'widget:1', marker: '&wid=', value: '1' },
  { spelling: '?wid=<id>', text: WIDGET_CONFIG_GET, key: 'widget:1', marker: '?wid=', value: '1' },
  { spelling: '/chat/config/<id>', text: HOOK_URL, key: 'widget:1', marker: '/chat/config/', value: '1' },
  { spelling: 'chat widget id : <id>', text: MADM_WIDGET_ID, key: 'widget:1', marker: 'chat widget id : ', value: '1' },
  {
    spelling: '"id": <id> of a bubble chat configuration',
    text: CONFIG_JSON,
    key: 'widget:1',
    marker: '"id": ',
    value: '1',
  },
  {
    spelling: '"name" of a bubble chat configuration',
    text: CONFIG_JSON,
    key: 'widget:name:Bubble1162',
    marker: '"name": "',
    value: 'Bubble1162',
  },
  {
    spelling: 'h_widgetName value',
    text: MADM_JMS,
    key: 'widget:name:Bubble1162',
    marker: 'h_widgetName, value=',
    value: 'Bubble1162',
  },
  // agent: uccx
  { spelling: 'Agent [<id>]', text: MIVR_ALLOCATED, key: `agent:uccx:${AGENT}`, marker: 'Agent\n[', value: AGENT },
  {
    spelling: 'Nickname= of the agent (presence)',
    text: PRESENCE,
    key: `agent:uccx:${AGENT}`,
    marker: '[Nickname=',
    value: AGENT,
  },
  {
    spelling: 'Nickname= of the agent (typing)',
    text: TYPING,
    key: `agent:uccx:${AGENT}`,
    marker: '[Nickname=',
    value: AGENT,
  },
  {
    spelling: 'h_agentName value',
    text: PARSE_EXTENSION,
    key: `agent:uccx:${AGENT}`,
    marker: 'h_agentName</name><value>',
    value: AGENT,
  },
  {
    spelling: 'room occupant after Username=<room>/',
    text: PRESENCE,
    key: `agent:uccx:${AGENT}`,
    marker: `${ROOM}/`,
    value: AGENT,
  },
  {
    spelling: 'room occupant after From=<room>/',
    text: TYPING,
    key: `agent:uccx:${AGENT}`,
    marker: `${ROOM}/`,
    value: AGENT,
  },
  // agent: icm
  {
    spelling: 'ICMAgentID = (wrapped)',
    text: CTISVR_LOGIN,
    key: 'agent:icm:5033',
    marker: 'ICMAgentID =\n',
    value: '5033',
  },
  { spelling: 'ICMAgentID = (OPC)', text: OPC_READY, key: 'agent:icm:6420', marker: 'ICMAgentID =\n', value: '6420' },
  {
    spelling: 'ICMAgentID:<n>',
    text: 'MsgType:MEDIA_LOGIN_REQ (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 )',
    key: 'agent:icm:5001',
    marker: 'ICMAgentID:',
    value: '5001',
  },
  { spelling: 'ASTID=', text: OPC_SET_AGENT_STATE, key: 'agent:icm:6420', marker: 'ASTID=', value: '6420' },
  {
    spelling: 'AgentSkillTargetID =',
    text: CTISVR_LOGIN_RESP,
    key: 'agent:icm:5033',
    marker: 'AgentSkillTargetID = ',
    value: '5033',
  },
  {
    spelling: 'rttest /agent <n>',
    text: RTTEST_COMMAND,
    key: 'agent:icm:6420',
    marker: '/agent ',
    value: '6420',
    format: 'icm_tools',
  },
  {
    spelling: 'rttest Agent NAME (<n>, periph# ...)',
    text: RTTEST_AGENT,
    key: 'agent:icm:6420',
    marker: 'Agent_test (',
    value: '6420',
    format: 'icm_tools',
  },
  {
    spelling: 'ICMAgentID of a decoded dump',
    text: ROUTABLE_IND,
    key: 'agent:icm:6420',
    marker: '19 -120 ',
    value: '0 0 25 20',
    format: 'ece',
  },
  // agent: periph
  { spelling: 'Periph#=', text: OPC_SET_AGENT_STATE, key: 'agent:periph:15003', marker: 'Periph#=', value: '15003' },
  {
    spelling: 'periph# of the rttest Agent line',
    text: RTTEST_AGENT,
    key: 'agent:periph:15003',
    marker: 'periph# ',
    value: '15003',
    format: 'icm_tools',
  },
  {
    spelling: 'dagent <n>',
    text: PROCMON_DAGENT,
    key: 'agent:periph:15003',
    marker: 'dagent ',
    value: '15003',
    format: 'icm_tools',
  },
  {
    spelling: 'dump_agent <peripheral> <n>',
    text: OPCTEST_DUMP_AGENT,
    key: 'agent:periph:15003',
    marker: 'dump_agent 5000 ',
    value: '15003',
    format: 'icm_tools',
  },
  // agent: eceUser
  {
    spelling: 'AgentInfo = (CTI Server)',
    text: CTISVR_LOGIN,
    key: 'agent:eceUser:1005',
    marker: 'AgentInfo = ',
    value: '1005',
  },
  {
    spelling: 'AgentInfo (tag 107) of a MEDIA_LOGIN_REQ dump (birth)',
    text: MEDIA_LOGIN_REQ,
    key: 'agent:eceUser:1005',
    marker: '1 107 5 ',
    value: '49 48 48 53',
    birth: true,
    format: 'ece',
  },
  {
    spelling: 'UID: confirmed by the dump AgentInfo',
    text: MEDIA_LOGIN_REQ,
    key: 'agent:eceUser:1005',
    marker: 'UID:',
    value: '1005',
    format: 'ece',
  },
  // InvokeID
  {
    spelling: 'InvokeID = in SendARMMsg (birth)',
    text: CTISVR_LOGIN,
    key: 'invokeId:591309094',
    marker: 'InvokeID = ',
    value: '591309094',
    birth: true,
  },
  {
    spelling: 'InvokeID = in a response',
    text: CTISVR_LOGIN_RESP,
    key: 'invokeId:591309094',
    marker: 'InvokeID = ',
    value: '591309094',
  },
  { spelling: 'InvokeID = in OPC', text: OPC_ROUTABLE, key: 'invokeId:80171', marker: 'InvokeID = ', value: '80171' },
  {
    spelling: 'InvokeID:0x<hex> of a MsgType _REQ (birth)',
    text: 'MsgType:MEDIA_LOGIN_REQ (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 )',
    key: 'invokeId:41524',
    marker: 'InvokeID:',
    value: '0xa234',
    birth: true,
  },
  {
    spelling: 'InvokeID of a Sending _IND dump (birth)',
    text: ROUTABLE_IND,
    key: 'invokeId:80171',
    marker: '-102 ',
    value: '0 1 57 43',
    birth: true,
    format: 'ece',
  },
  {
    spelling: 'InvokeID of a Received _RESP dump',
    text: MEDIA_LOGIN_RESP,
    key: 'invokeId:133121',
    marker: '-104 ',
    value: '0\n2 8 1',
    format: 'ece',
  },
  // MRD
  { spelling: 'MRDID =', text: CTISVR_ROUTABLE, key: 'mrd:5000', marker: 'MRDID = ', value: '5000' },
  {
    spelling: 'MRDID:',
    text: 'MsgType:MEDIA_LOGIN_REQ (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 )',
    key: 'mrd:5001',
    marker: 'MRDID:',
    value: '5001',
  },
  { spelling: 'MRDomainID=', text: OPC_SET_AGENT_STATE, key: 'mrd:5000', marker: 'MRDomainID=', value: '5000' },
  {
    spelling: 'MRDID of a decoded dump',
    text: MEDIA_LOGIN_REQ,
    key: 'mrd:5000',
    marker: '0 2 8 1 ',
    value: '0 0 19 -120',
    format: 'ece',
  },
  {
    spelling: 'rttest domain: NAME (<id>)',
    text: RTTEST_DOMAIN_CHAT,
    key: 'mrd:5000',
    marker: 'ECE_Chat (',
    value: '5000',
    format: 'icm_tools',
  },
  // skill group
  { spelling: 'SGSTID=', text: OPC_SET_AGENT_STATE, key: 'skillGroup:stid:6928', marker: 'SGSTID=', value: '6928' },
  { spelling: 'SG#=', text: OPC_SET_AGENT_STATE, key: 'skillGroup:periph:70518', marker: 'SG#=', value: '70518' },
  {
    spelling: 'rttest CL NAME (<stid>, ...)',
    text: RTTEST_CL_CHAT,
    key: 'skillGroup:stid:6928',
    marker: 'TEST_Chat (',
    value: '6928',
    format: 'icm_tools',
  },
  {
    spelling: 'rttest CL ... periph# <n>',
    text: RTTEST_CL_CHAT,
    key: 'skillGroup:periph:70518',
    marker: 'periph# ',
    value: '70518',
    format: 'icm_tools',
  },
];

describe('entities: every spelling, with its key, text and offsets', () => {
  for (const s of SPELLINGS) {
    it(`${s.key.slice(0, s.key.indexOf(':'))}: ${s.spelling}`, () => {
      const kind = s.key.slice(0, s.key.indexOf(':')) as EntityKind;
      const expected = at(s.text, s.marker, s.value, kind, s.key, s.birth ? { birth: s.birth } : {});
      const here = extractEntities(s.text, s.format).occurrences.filter(
        (o) => o.start === expected.start && o.kind === kind,
      );
      assert.deepEqual(here, [expected]);
    });
  }
});

describe('entities: contact', () => {
  const key = `contact:${CONTACT}`;

  it('SOCIAL_CONTACT_ID= is the birth; the contact URL in the same record is not', () => {
    assert.deepEqual(found(SOCIAL_CONTACT_CREATED, key), [
      at(SOCIAL_CONTACT_CREATED, '[SOCIAL_CONTACT_ID=', CONTACT, 'contact', key, { birth: true }),
      at(SOCIAL_CONTACT_CREATED, '/ccp/socialcontact/', CONTACT, 'contact', key),
    ]);
  });

  it('social_contact_id= (LEAVE_CHAT_ROOM, CHAT_FEEDBACK_RECEIVED)', () => {
    assert.deepEqual(found(LEAVE_CHAT_ROOM, key), [
      at(LEAVE_CHAT_ROOM, '[social_contact_id=', CONTACT, 'contact', key),
    ]);
    assert.deepEqual(found(FEEDBACK, key), [at(FEEDBACK, '[social_contact_id=', CONTACT, 'contact', key)]);
  });

  it('social_contact_id=null names no contact', () => {
    assert.deepEqual(
      extractEntities(CHAT_ROOM_DETAILS).occurrences.filter((o) => o.kind === 'contact'),
      [],
    );
    assert.deepEqual(found(CHAT_CREATED, key), [
      at(CHAT_CREATED, '/ccp-webapp/ccp/socialcontact/', CONTACT, 'contact', key),
    ]);
  });

  it('SocialContactID= (PRESENCE_EVENT_RECEIVED)', () => {
    assert.deepEqual(found(PRESENCE, key), [at(PRESENCE, '[SocialContactID=', CONTACT, 'contact', key)]);
  });

  it('a SocialContactID key broken by line wrapping is not recognised', () => {
    assert.ok(TYPING.includes('[SocialCon  \ntactID='));
    assert.deepEqual(found(TYPING, key), []);
  });

  it('/socialcontact/<id> in a URL', () => {
    assert.deepEqual(found(CHAT_CREATED, key), [at(CHAT_CREATED, '/socialcontact/', CONTACT, 'contact', key)]);
  });

  it('scID=<id> in a notification URL', () => {
    assert.deepEqual(found(NOTIFICATION_SUCCEEDED, key), [
      at(NOTIFICATION_SUCCEEDED, '?scID=', CONTACT, 'contact', key),
    ]);
  });

  it('<id> of a contact XML body, and the refURL', () => {
    assert.deepEqual(found(MADM_NEW_CONTACT, key), [
      at(MADM_NEW_CONTACT, '<id>', CONTACT, 'contact', key),
      at(MADM_NEW_CONTACT, '/ccp/socialcontact/', CONTACT, 'contact', key),
    ]);
  });

  it('id= inside ContactXML [...], and its refURL', () => {
    assert.deepEqual(found(MADM_JMS, key), [
      at(MADM_JMS, 'Jayant Suneja, id=', CONTACT, 'contact', key),
      at(MADM_JMS, 'refURL=http://sm-fqdn/ccp-webapp/ccp/socialcontact/', CONTACT, 'contact', key),
    ]);
  });

  it('contactId= and Contact[id=...] (MIVR ContactNotification)', () => {
    assert.deepEqual(found(MIVR_NOTIFICATION, key), [
      at(MIVR_NOTIFICATION, 'contactId=', CONTACT, 'contact', key),
      at(MIVR_NOTIFICATION, 'ChatContact(Contact[id=', CONTACT, 'contact', key),
    ]);
  });

  it('Contact [<id>] (MIVR ALLOCATED)', () => {
    assert.deepEqual(found(MIVR_ALLOCATED, key), [at(MIVR_ALLOCATED, 'ALLOCATED Contact [', CONTACT, 'contact', key)]);
  });

  it('ContactID= of a historical record (TRDR)', () => {
    assert.deepEqual(found(TRDR, key), [at(TRDR, 'TRDR: ContactID=', CONTACT, 'contact', key)]);
  });

  it('the key is upper-cased; the text stays as written', () => {
    const line = 'ALLOCATED Contact [0d66b2241000016500235a740a4e5ba6] to Agent [Jabber@ge.nt1]';
    assert.deepEqual(found(line, key), [at(line, 'Contact [', CONTACT.toLowerCase(), 'contact', key)]);
  });

  it('an unrelated 32-hex value is not a contact: the publicapps session id', () => {
    for (const text of [SESSION_CREATED, CHAT_CREATED, FEEDBACK]) {
      assert.deepEqual(found(text, `contact:${SESSION}`), []);
    }
  });

  it('a 32-hex value in a URL of another kind, a bare one, or id= outside a contact, is not a contact', () => {
    for (const text of [
      `GET https://sm-fqdn/ccp/feed/${CONTACT} HTTP/1.1`,
      `https://sm-fqdn/ccp/chat?session=${CONTACT}`,
      `HttpSessionId:${CONTACT} <@>`,
      `Task [id=${CONTACT}, state=OPEN]`,
      `<task><id>${CONTACT}</id></task>`,
      `ContactID=${CONTACT}, rating=4`,
      `contactId=${CONTACT}F`,
      `Contact [${CONTACT.slice(1)}]`,
      CONTACT,
    ]) {
      assert.deepEqual(
        keys(text).filter((k) => k.startsWith('contact:')),
        [],
        text,
      );
    }
  });
});

describe('entities: chat session, room, request, entry point', () => {
  const sessionKey = `chatSession:${SESSION}`;
  const roomKey = `chatRoom:${ROOM}`;

  it('session.id= is the birth of the publicapps session', () => {
    assert.deepEqual(found(SESSION_CREATED, sessionKey), [
      at(SESSION_CREATED, '%[session.id=', SESSION, 'chatSession', sessionKey, { birth: true }),
    ]);
  });

  it('[Session= in CHAT_CREATED', () => {
    assert.deepEqual(found(CHAT_CREATED, sessionKey), [
      at(CHAT_CREATED, '[Session=', SESSION, 'chatSession', sessionKey),
    ]);
  });

  it('[Session= whose value the log wrapped to the next line', () => {
    assert.deepEqual(found(FEEDBACK, sessionKey), [at(FEEDBACK, '[Session=  \n', SESSION, 'chatSession', sessionKey)]);
  });

  it('RoomJid= is the birth of the room (CHAT_ROOM_DETAILS)', () => {
    assert.deepEqual(found(CHAT_ROOM_DETAILS, roomKey), [
      at(CHAT_ROOM_DETAILS, '[RoomJid=', ROOM, 'chatRoom', roomKey, { birth: true }),
    ]);
  });

  it('Room= in CHAT_CREATED is a birth too', () => {
    assert.deepEqual(found(CHAT_CREATED, roomKey), [
      at(CHAT_CREATED, '[Room=', ROOM, 'chatRoom', roomKey, { birth: true }),
    ]);
  });

  it('Username=<room>/<occupant> and From=<room>/<occupant>', () => {
    assert.deepEqual(found(PRESENCE, roomKey), [at(PRESENCE, '[Username=', ROOM, 'chatRoom', roomKey)]);
    assert.deepEqual(found(TYPING, roomKey), [at(TYPING, '%[From=', ROOM, 'chatRoom', roomKey)]);
  });

  it('ChatRoomName=, the h_chatRoom value (JMS and XML)', () => {
    assert.deepEqual(found(LEAVE_CHAT_ROOM, roomKey), [
      at(LEAVE_CHAT_ROOM, '[ChatRoomName=', ROOM, 'chatRoom', roomKey),
    ]);
    assert.deepEqual(found(MADM_JMS, roomKey), [at(MADM_JMS, 'name=h_chatRoom, value=', ROOM, 'chatRoom', roomKey)]);
    assert.deepEqual(found(PARSE_EXTENSION, roomKey), [
      at(PARSE_EXTENSION, '<name>h_chatRoom</name><value>', ROOM, 'chatRoom', roomKey),
    ]);
  });

  it('the room key is lower-cased; the text stays as written', () => {
    const line = '[RoomJid=SocialMiner_Chat.16@conference.SM1.Example.com][RoomSubject=x]';
    const key = 'chatRoom:socialminer_chat.16@conference.sm1.example.com';
    assert.deepEqual(found(line, key), [
      at(line, 'RoomJid=', 'SocialMiner_Chat.16@conference.SM1.Example.com', 'chatRoom', key),
    ]);
  });

  it('a JID of another service is not a room', () => {
    assert.deepEqual(keys('From=Jabber@ge.nt1/resource [Text=hi] user@sm-fqdn'), []);
  });

  it('requestId: <id> (CCPAPI)', () => {
    assert.deepEqual(found(CREATE_SOCIAL_CONTACT, 'smRequest:y3xQxE'), [
      at(CREATE_SOCIAL_CONTACT, 'requestId: ', 'y3xQxE', 'smRequest', 'smRequest:y3xQxE'),
    ]);
  });

  it('requestId=<id>, and an empty requestId= names nothing', () => {
    const line = 'ContactNotification [requestId=y3xQxE, contactId=null]';
    assert.deepEqual(found(line, 'smRequest:y3xQxE'), [
      at(line, 'requestId=', 'y3xQxE', 'smRequest', 'smRequest:y3xQxE'),
    ]);
    assert.deepEqual(
      keys(MIVR_NOTIFICATION).filter((k) => k.startsWith('smRequest:')),
      [],
    );
  });

  it('/entrypoint/initialize/<id> (ECE)', () => {
    assert.deepEqual(found(ENTRYPOINT_URL, 'entryPoint:1001'), [
      at(ENTRYPOINT_URL, '/initialize/', '1001', 'entryPoint', 'entryPoint:1001'),
    ]);
  });
});

describe('entities: widget', () => {
  it('wid=<id> in the two bubble chat URLs', () => {
    assert.deepEqual(found(WIDGET_PAGE_GET, 'widget:1'), [at(WIDGET_PAGE_GET, '&wid=', '1', 'widget', 'widget:1')]);
    assert.deepEqual(found(WIDGET_CONFIG_GET, 'widget:1'), [at(WIDGET_CONFIG_GET, '?wid=', '1', 'widget', 'widget:1')]);
  });

  it('wid=1 outside a URL is not a widget', () => {
    assert.ok(WID_IN_PROSE.includes('**wid=1**'));
    assert.deepEqual(keys(WID_IN_PROSE), []);
    assert.deepEqual(keys('userid=12 swid=1 ?wide=1'), []);
  });

  it('/chat/config/<id> (SocialMiner hook URL, MADM request)', () => {
    assert.deepEqual(found(HOOK_URL, 'widget:1'), [at(HOOK_URL, '/chat/config/', '1', 'widget', 'widget:1')]);
    assert.deepEqual(found(MADM_REQUEST_URL, 'widget:1'), [
      at(MADM_REQUEST_URL, '/chat/config/', '1', 'widget', 'widget:1'),
    ]);
  });

  it('chat widget id : <id> (MADM ChatResource)', () => {
    assert.deepEqual(found(MADM_WIDGET_ID, 'widget:1'), [
      at(MADM_WIDGET_ID, 'chat widget id : ', '1', 'widget', 'widget:1'),
    ]);
  });

  it('"id" and "name" of the bubble chat configuration JSON, linked', () => {
    const x = extractEntities(CONFIG_JSON);
    assert.deepEqual(x.occurrences, [
      at(CONFIG_JSON, '"name": "', 'Bubble1162', 'widget', 'widget:name:Bubble1162'),
      at(CONFIG_JSON, '"id": ', '1', 'widget', 'widget:1'),
    ]);
    assert.deepEqual(x.links, [
      {
        a: 'widget:name:Bubble1162',
        b: 'widget:1',
        why: 'widget Bubble1162 has id 1 in its bubble chat configuration',
      },
    ]);
  });

  it('"id" in JSON that is not a bubble chat configuration is not a widget', () => {
    assert.deepEqual(keys('{ "name": "Bubble1162", "id": 1 }'), []);
    assert.deepEqual(keys('{ "checkEligibility": { "responseType": 0 }, "id": 7 }'), []);
  });

  it('h_widgetName is the widget name (JMS ContactEvent and XML)', () => {
    const key = 'widget:name:Bubble1162';
    assert.deepEqual(found(MADM_JMS, key), [at(MADM_JMS, 'name=h_widgetName, value=', 'Bubble1162', 'widget', key)]);
    const xml = '<extensionField><name>h_widgetName</name><value>Bubble1162</value></extensionField>';
    assert.deepEqual(found(xml, key), [at(xml, '<value>', 'Bubble1162', 'widget', key)]);
  });
});

describe('entities: agent names', () => {
  const uccx = `agent:uccx:${AGENT}`;

  it('uccx: Agent [<id>] (MIVR ALLOCATED; the log wrapped it)', () => {
    assert.deepEqual(found(MIVR_ALLOCATED, uccx), [at(MIVR_ALLOCATED, 'to Agent\n[', AGENT, 'agent', uccx)]);
  });

  it('uccx: the agent Nickname= of presence and typing events, and the room occupant', () => {
    assert.deepEqual(found(PRESENCE, uccx), [
      at(PRESENCE, '[Nickname=', AGENT, 'agent', uccx),
      at(PRESENCE, `${ROOM}/`, AGENT, 'agent', uccx),
    ]);
    assert.deepEqual(found(TYPING, uccx), [
      at(TYPING, `${ROOM}/`, AGENT, 'agent', uccx),
      at(TYPING, '[Nickname=', AGENT, 'agent', uccx),
    ]);
  });

  it('the customer Nickname= is not an agent', () => {
    for (const text of [LEAVE_CHAT_ROOM, CHAT_ROOM_DETAILS]) {
      assert.deepEqual(
        extractEntities(text).occurrences.filter((o) => o.kind === 'agent'),
        [],
        text,
      );
    }
    const ownPresence =
      'PRESENCE_EVENT_RECEIVED: %[CustomerNickname=Meera][Nickname=Meera][Status=joined][Username=socialminer_chat.37@conference.127.0.0.1/Meera]';
    assert.deepEqual(keys(ownPresence), ['chatRoom:socialminer_chat.37@conference.127.0.0.1']);
    const wrapped =
      'PRESENCE_EVENT_RECEIVED: %[CustomerNickname=Jayant  \nSuneja][Nickname=Jayant Suneja][Status=joined]';
    assert.deepEqual(keys(wrapped), []);
  });

  it('uccx: the h_agentName value', () => {
    assert.deepEqual(found(PARSE_EXTENSION, uccx), [
      at(PARSE_EXTENSION, '<name>h_agentName</name><value>', AGENT, 'agent', uccx),
    ]);
  });

  it('icm: ICMAgentID = (wrapped value), AgentSkillTargetID =, ICMAgentID:', () => {
    assert.deepEqual(found(CTISVR_LOGIN, 'agent:icm:5033'), [
      at(CTISVR_LOGIN, 'ICMAgentID =\n', '5033', 'agent', 'agent:icm:5033'),
    ]);
    assert.deepEqual(found(CTISVR_LOGIN_RESP, 'agent:icm:5033'), [
      at(CTISVR_LOGIN_RESP, 'AgentSkillTargetID = ', '5033', 'agent', 'agent:icm:5033'),
    ]);
    assert.deepEqual(found(OPC_ROUTABLE, 'agent:icm:6420'), [
      at(OPC_ROUTABLE, 'ICMAgentID =\n', '6420', 'agent', 'agent:icm:6420'),
    ]);
    const msg =
      '15:34:09:841 cglA-ctisvr Trace: MsgType:MAKE_AGENT_ROUTABLE_IND (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 MaxTasks:2 )';
    assert.deepEqual(found(msg, 'agent:icm:5001'), [at(msg, 'ICMAgentID:', '5001', 'agent', 'agent:icm:5001')]);
  });

  it('icm: ASTID= (OPC)', () => {
    assert.deepEqual(found(OPC_SET_AGENT_STATE, 'agent:icm:6420'), [
      at(OPC_SET_AGENT_STATE, 'ASTID=', '6420', 'agent', 'agent:icm:6420'),
    ]);
  });

  it('icm: rttest /agent <n> and the first number of the Agent line', () => {
    assert.deepEqual(found(RTTEST_COMMAND, 'agent:icm:6420', 'icm_tools'), [
      at(RTTEST_COMMAND, '/agent ', '6420', 'agent', 'agent:icm:6420'),
    ]);
    assert.deepEqual(found(RTTEST_AGENT, 'agent:icm:6420', 'icm_tools'), [
      at(RTTEST_AGENT, '(', '6420', 'agent', 'agent:icm:6420'),
    ]);
  });

  it('periph: Periph#= (OPC), periph# of the rttest Agent line, dagent, dump_agent (second number)', () => {
    const key = 'agent:periph:15003';
    assert.deepEqual(found(OPC_SET_AGENT_STATE, key), [at(OPC_SET_AGENT_STATE, 'Periph#=', '15003', 'agent', key)]);
    assert.deepEqual(found(RTTEST_AGENT, key, 'icm_tools'), [at(RTTEST_AGENT, 'periph# ', '15003', 'agent', key)]);
    assert.deepEqual(found(PROCMON_DAGENT, key, 'icm_tools'), [
      at(PROCMON_DAGENT, '>>>>dagent ', '15003', 'agent', key),
    ]);
    assert.deepEqual(found(OPCTEST_DUMP_AGENT, key, 'icm_tools'), [
      at(OPCTEST_DUMP_AGENT, 'dump_agent 5000 ', '15003', 'agent', key),
    ]);
    assert.deepEqual(
      keys(OPCTEST_DUMP_AGENT, 'icm_tools'),
      [key],
      'the first dump_agent argument is the peripheral, not an agent',
    );
  });

  it('eceUser: AgentInfo = in the CTI Server trace', () => {
    assert.deepEqual(found(CTISVR_LOGIN, 'agent:eceUser:1005'), [
      at(CTISVR_LOGIN, 'AgentInfo = ', '1005', 'agent', 'agent:eceUser:1005'),
    ]);
  });

  it('eceUser: AgentInfo (tag 107) of a decoded MEDIA_LOGIN_REQ dump, and the UID it confirms', () => {
    const key = 'agent:eceUser:1005';
    assert.deepEqual(found(MEDIA_LOGIN_REQ, key, 'ece'), [
      at(MEDIA_LOGIN_REQ, 'UID:', '1005', 'agent', key),
      at(MEDIA_LOGIN_REQ, '\n1 107 5 ', '49 48 48 53', 'agent', key, { birth: true }),
    ]);
  });

  it('eceUser: a UID no dump confirms is skipped (the system user 12, or a user without a dump)', () => {
    assert.deepEqual(
      keys(ROUTABLE_IND, 'ece').filter((k) => k.startsWith('agent:eceUser:')),
      [],
    );
    assert.deepEqual(
      keys(MEDIA_LOGIN_RESP, 'ece').filter((k) => k.startsWith('agent:eceUser:')),
      [],
    );
    const session =
      '2019-08-19 13:31:51.822 GMT+0000 <@> INFO <@> [1177:http-nio-9001-exec-2] <@> ProcessId:3908 <@> PID:1 <@> UID:1005 <@> HttpSessionId:Qm7xTe2LrB9vKc4WzN8pYh1D <@> com.egain.platform.module.session.SessionManager <@> touch <@> Session refreshed <@>';
    assert.deepEqual(keys(session, 'ece'), []);
  });

  it('eceUser: the text of an ECE record naming the user (User <n>, user <n>, userId=) confirms its UID', () => {
    const key = 'agent:eceUser:1005';
    const login =
      '2019-08-19 13:31:51.822 GMT+0000 <@> INFO <@> [1177:http-nio-9001-exec-2] <@> ProcessId:3908 <@> PID:1 <@> UID:1005 <@> HttpSessionId:Qm7xTe2LrB9vKc4WzN8pYh1D <@> com.egain.platform.module.session.LoginManager <@> login <@> User 1005 logged in to the agent console <@>';
    assert.deepEqual(found(login, key, 'ece'), [
      at(login, 'UID:', '1005', 'agent', key),
      at(login, 'User ', '1005', 'agent', key),
    ]);
    // The system user (UID:12) does the listener's work for user 1005: only 1005 is named.
    const availability =
      '2019-08-19 13:34:09.768 GMT+0000 <@> INFO <@> [2230:listener-jms-consumer-1] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.AgentAvailabilityStatusHandler <@> <@> Received availability change from application server: user 1005 status=AVAILABLE mrdId=5000 <@>';
    assert.deepEqual(
      keys(availability, 'ece').filter((k) => k.startsWith('agent:')),
      [key],
    );
  });

  it('icm: icmAgentId= of the ECE listener (field names vary in case), linked to the user of the record', () => {
    const requested =
      '2019-08-19 13:31:52.098 GMT+0000 <@> INFO <@> [2232:listener-event-pool-priority-arm-request-executor::-437] <@> ProcessId:5436 <@> PID:1 <@> UID:1005 <@> HttpSessionId:Qm7xTe2LrB9vKc4WzN8pYh1D <@> com.ipcc.listener.AgentLoginHandler <@> <@> Media login requested for user 1005: icmAgentId=6420, mrdId=5000, agentMode=0, isAvailable=false, maxTaskLimit=2 <@>';
    assert.deepEqual(found(requested, 'agent:icm:6420', 'ece'), [
      at(requested, 'icmAgentId=', '6420', 'agent', 'agent:icm:6420'),
    ]);
    const printState =
      '2019-08-19 13:34:09.774 GMT+0000 <@> INFO <@> [2234:listener-event-pool-priority-arm-request-executor::-439] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@> com.ipcc.listener.AgentAvailabilityStatusHandler <@> <@> PRINT_STATE after sending MAKE_AGENT_READY_IND to ARM:\nARMAgentData\n=====\nuserId=1005 icmAgentId=6420 mrdId=5000 peripheralId=5000 maxTasks=2 routable=true ready=true\n===== <@>';
    for (const record of [requested, printState]) {
      const x = extractEntities(record, 'ece');
      assert.deepEqual(
        x.links.map((l) => [l.a, l.b]),
        [['agent:icm:6420', 'agent:eceUser:1005']],
        record,
      );
    }
  });

  it('periph: AgentID: of a CTI Server AGENT_STATE_EVENT, linked to its ICMAgentID (not the ICMAgentID itself)', () => {
    const event =
      '15:30:14:210 cglA-ctisvr Trace: MsgType:AGENT_STATE_EVENT (SessionID:3 MonitorID:0 PeripheralID:5000 AgentState:AGENT_STATE_RESERVED MRDID:1 ICMAgentID:6502 CTIClientSignature:Finesse AgentID:20502 AgentExtension:20502 )';
    assert.deepEqual(
      keys(event, 'icm_trace').filter((k) => k.startsWith('agent:')),
      ['agent:icm:6502', 'agent:periph:20502'],
    );
    assert.deepEqual(
      extractEntities(event, 'icm_trace').links.map((l) => [l.a, l.b]),
      [['agent:icm:6502', 'agent:periph:20502']],
    );
  });

  it('icm, periph and eceUser in the opctest dump_agent and procmon dagent answers', () => {
    const dumpAgent =
      'opctest: dump_agent 5000 15003\nAgent: SkillTargetID=6420 PeripheralID=5000 Periph#=15003 EnterpriseName=CUCM.Kiran_Rao AgentObj=0x44535b8\n  LoginName=krao  Extension=20503  Instrument=20503  AgentInfo=1005\n  MRDomain 5000 (ECE_Chat): State=AS_NOT_ACTIVE Routable=Y MaxTasks=2';
    assert.deepEqual(
      keys(dumpAgent, 'icm_tools').filter((k) => k.startsWith('agent:')),
      ['agent:periph:15003', 'agent:icm:6420', 'agent:periph:15003', 'agent:eceUser:1005'],
    );
    assert.ok(
      extractEntities(dumpAgent, 'icm_tools').links.some(
        (l) => l.a === 'agent:icm:6420' && l.b === 'agent:eceUser:1005',
      ),
    );
    const dagent =
      '>>>>dagent 15003\nAgent 15003: SkillTargetID=6420 PeripheralID=5000 LoginName=krao\n  AgentState=NOT_READY';
    assert.deepEqual(found(dagent, 'agent:icm:6420', 'icm_tools'), [
      at(dagent, 'SkillTargetID=', '6420', 'agent', 'agent:icm:6420'),
    ]);
    assert.equal(found(dagent, 'agent:periph:15003', 'icm_tools').length, 2, 'the command and the answer');
  });

  it('a bare number is never an agent', () => {
    for (const text of [
      '6420',
      'agent 6420 logged in',
      'Agent 6999 not found.',
      'periph 15003',
      'SkillTargetID 5033',
      'PID:1 <@> UID:12 <@>',
    ]) {
      assert.deepEqual(keys(text), [], text);
    }
  });
});

describe('entities: InvokeID, MRD, skill group', () => {
  it('InvokeID = in SendARMMsg is a birth; the response is not', () => {
    assert.deepEqual(found(CTISVR_LOGIN, 'invokeId:591309094'), [
      at(CTISVR_LOGIN, 'InvokeID = ', '591309094', 'invokeId', 'invokeId:591309094', { birth: true }),
    ]);
    assert.deepEqual(found(CTISVR_LOGIN_RESP, 'invokeId:591309094'), [
      at(CTISVR_LOGIN_RESP, 'InvokeID = ', '591309094', 'invokeId', 'invokeId:591309094'),
    ]);
  });

  it('InvokeID = 80171 in the CTI Server (birth) and in OPC (not a birth)', () => {
    assert.deepEqual(found(CTISVR_ROUTABLE, 'invokeId:80171'), [
      at(CTISVR_ROUTABLE, 'InvokeID = ', '80171', 'invokeId', 'invokeId:80171', { birth: true }),
    ]);
    assert.deepEqual(found(OPC_ROUTABLE, 'invokeId:80171'), [
      at(OPC_ROUTABLE, 'InvokeID = ', '80171', 'invokeId', 'invokeId:80171'),
    ]);
    assert.deepEqual(found(CTISVR_READY, 'invokeId:80172'), [
      at(CTISVR_READY, 'InvokeID = ', '80172', 'invokeId', 'invokeId:80172', { birth: true }),
    ]);
    assert.deepEqual(found(OPC_READY, 'invokeId:80172'), [
      at(OPC_READY, 'InvokeID = ', '80172', 'invokeId', 'invokeId:80172'),
    ]);
  });

  it('InvokeID:0x<hex> is keyed in decimal; MsgType:..._REQ/_IND is a birth, a _CONF is not', () => {
    const req = 'MsgType:MAKE_AGENT_ROUTABLE_IND (InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 MaxTasks:2 )';
    assert.deepEqual(found(req, 'invokeId:41524'), [
      at(req, 'InvokeID:', '0xa234', 'invokeId', 'invokeId:41524', { birth: true }),
    ]);
    const conf = 'MsgType:FAILURE_CONF (InvokeID:0x3e1 Status:E_CTI_INVALID_PERIPHERAL_ID )';
    assert.deepEqual(found(conf, 'invokeId:993'), [at(conf, 'InvokeID:', '0x3e1', 'invokeId', 'invokeId:993')]);
  });

  it('the InvokeID of a decoded ARM dump: Sending ..._REQ/_IND is a birth, Received ..._RESP is not', () => {
    assert.deepEqual(found(MEDIA_LOGIN_REQ, 'invokeId:133121', 'ece'), [
      at(MEDIA_LOGIN_REQ, '-105 ', '0 2 8 1', 'invokeId', 'invokeId:133121', { birth: true }),
    ]);
    assert.deepEqual(found(MEDIA_LOGIN_RESP, 'invokeId:133121', 'ece'), [
      at(MEDIA_LOGIN_RESP, '-104 ', '0\n2 8 1', 'invokeId', 'invokeId:133121'),
    ]);
    assert.deepEqual(found(ROUTABLE_IND, 'invokeId:80171', 'ece'), [
      at(ROUTABLE_IND, '-102 ', '0 1 57 43', 'invokeId', 'invokeId:80171', { birth: true }),
    ]);
    assert.deepEqual(found(READY_IND, 'invokeId:80172', 'ece'), [
      at(READY_IND, '-99 ', '0 1 57 44', 'invokeId', 'invokeId:80172', { birth: true }),
    ]);
  });

  it('MRDID = , MRDID:, MRDomainID=, and the MRDID of a dump', () => {
    assert.deepEqual(found(CTISVR_LOGIN, 'mrd:5000'), [at(CTISVR_LOGIN, 'MRDID = ', '5000', 'mrd', 'mrd:5000')]);
    assert.deepEqual(found('(InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 )', 'mrd:5001'), [
      at('(InvokeID:0xa234 MRDID:5001 ICMAgentID:5001 )', 'MRDID:', '5001', 'mrd', 'mrd:5001'),
    ]);
    assert.deepEqual(found(OPC_SET_AGENT_STATE, 'mrd:5000'), [
      at(OPC_SET_AGENT_STATE, 'MRDomainID=', '5000', 'mrd', 'mrd:5000'),
    ]);
    assert.deepEqual(found(ROUTABLE_IND, 'mrd:5000', 'ece'), [
      at(ROUTABLE_IND, '57 43 ', '0 0 19 -120', 'mrd', 'mrd:5000'),
    ]);
  });

  it('the rttest domain line names the MRD', () => {
    assert.deepEqual(found(RTTEST_DOMAIN_CHAT, 'mrd:5000', 'icm_tools'), [
      at(RTTEST_DOMAIN_CHAT, 'ECE_Chat (', '5000', 'mrd', 'mrd:5000'),
    ]);
    assert.deepEqual(found(RTTEST_DOMAIN_VOICE, 'mrd:1', 'icm_tools'), [
      at(RTTEST_DOMAIN_VOICE, 'Cisco_Voice (', '1', 'mrd', 'mrd:1'),
    ]);
  });

  it('SGSTID= and SG#= (OPC)', () => {
    assert.deepEqual(found(OPC_SET_AGENT_STATE, 'skillGroup:stid:6928'), [
      at(OPC_SET_AGENT_STATE, 'SGSTID=', '6928', 'skillGroup', 'skillGroup:stid:6928'),
    ]);
    assert.deepEqual(found(OPC_SET_AGENT_STATE, 'skillGroup:periph:70518'), [
      at(OPC_SET_AGENT_STATE, 'SG#=', '70518', 'skillGroup', 'skillGroup:periph:70518'),
    ]);
  });

  it('rttest CL and L skill group lines, linked; the Agent line is not a skill group', () => {
    const x = extractEntities(RTTEST_CL_CHAT, 'icm_tools');
    assert.deepEqual(x.occurrences, [
      at(RTTEST_CL_CHAT, '(', '6928', 'skillGroup', 'skillGroup:stid:6928'),
      at(RTTEST_CL_CHAT, 'periph# ', '70518', 'skillGroup', 'skillGroup:periph:70518'),
    ]);
    assert.deepEqual(x.links, [
      {
        a: 'skillGroup:stid:6928',
        b: 'skillGroup:periph:70518',
        why: 'SkillTargetID 6928 and periph# 70518 in one rttest skill group line',
      },
    ]);
    assert.deepEqual(keys(RTTEST_L_VOICE, 'icm_tools'), ['skillGroup:stid:5000', 'skillGroup:periph:31858']);
    assert.deepEqual(keys(RTTEST_CL_VOICE, 'icm_tools'), ['skillGroup:stid:6274', 'skillGroup:periph:70520']);
    assert.deepEqual(extractEntities(RTTEST_L_CHAT, 'icm_tools').occurrences, [
      at(RTTEST_L_CHAT, '(', '6909', 'skillGroup', 'skillGroup:stid:6909'),
      at(RTTEST_L_CHAT, 'periph# ', '54839', 'skillGroup', 'skillGroup:periph:54839'),
    ]);
    assert.deepEqual(
      keys(RTTEST_AGENT, 'icm_tools').filter((k) => k.startsWith('skillGroup:')),
      [],
    );
  });
});

describe('entities: links', () => {
  it('MEDIA_LOGIN_REQ dump: ICMAgentID and AgentInfo', () => {
    const x = extractEntities(MEDIA_LOGIN_REQ, 'ece');
    assert.deepEqual(x.links, [
      {
        a: 'agent:icm:5033',
        b: 'agent:eceUser:1005',
        why: 'ICMAgentID 5033 and AgentInfo 1005 in one MEDIA_LOGIN_REQ',
      },
    ]);
    assert.deepEqual(found(MEDIA_LOGIN_REQ, 'agent:icm:5033', 'ece'), [
      at(MEDIA_LOGIN_REQ, '19 -120 ', '0 0 19 -87', 'agent', 'agent:icm:5033', { birth: true }),
    ]);
  });

  it('CTI Server SendARMMsg: ICMAgentID and AgentInfo', () => {
    assert.deepEqual(extractEntities(CTISVR_LOGIN).links, [
      {
        a: 'agent:icm:5033',
        b: 'agent:eceUser:1005',
        why: 'ICMAgentID 5033 and AgentInfo 1005 in one CTI Server SendARMMsg',
      },
    ]);
  });

  it('OPC SetAgentState: ASTID and Periph#, SGSTID and SG#', () => {
    assert.deepEqual(extractEntities(OPC_SET_AGENT_STATE).links, [
      { a: 'agent:icm:6420', b: 'agent:periph:15003', why: 'ASTID 6420 and Periph# 15003 in one OPC SetAgentState' },
      {
        a: 'skillGroup:stid:6928',
        b: 'skillGroup:periph:70518',
        why: 'SGSTID 6928 and SG# 70518 in one OPC SetAgentState',
      },
    ]);
  });

  it('rttest Agent line: SkillTargetID and periph#', () => {
    assert.deepEqual(extractEntities(RTTEST_AGENT, 'icm_tools').links, [
      {
        a: 'agent:icm:6420',
        b: 'agent:periph:15003',
        why: 'SkillTargetID 6420 and periph# 15003 in one rttest Agent line',
      },
    ]);
  });

  it('no link when a record does not pair two names (dumps without AgentInfo, responses, other processes)', () => {
    for (const [text, format] of [
      [ROUTABLE_IND, 'ece'],
      [MEDIA_LOGIN_RESP, 'ece'],
      [CTISVR_LOGIN_RESP, undefined],
      [CTISVR_ROUTABLE, undefined],
      [OPC_READY, undefined],
    ] as const) {
      assert.deepEqual(extractEntities(text, format).links, [], text);
    }
  });

  it('no link when a record names two agents on one side', () => {
    const two = 'SetAgentState: ASTID=6420 Periph#=15003 ASTID=6433 SGSTID=6928 SG#=70518';
    assert.deepEqual(
      extractEntities(two).links.filter((l) => l.a.startsWith('agent:')),
      [],
    );
  });
});

describe('entities: births', () => {
  it('only the records that create a thing mark a birth', () => {
    const births = (text: string, format?: string) =>
      extractEntities(text, format)
        .occurrences.filter((o) => o.birth)
        .map((o) => o.key);
    assert.deepEqual(births(SOCIAL_CONTACT_CREATED), [`contact:${CONTACT}`]);
    assert.deepEqual(births(SESSION_CREATED), [`chatSession:${SESSION}`]);
    assert.deepEqual(births(CHAT_ROOM_DETAILS), [`chatRoom:${ROOM}`]);
    assert.deepEqual(births(CHAT_CREATED), [`chatRoom:${ROOM}`]);
    assert.deepEqual(births(MEDIA_LOGIN_REQ, 'ece'), ['invokeId:133121', 'agent:icm:5033', 'agent:eceUser:1005']);
    assert.deepEqual(births(CTISVR_LOGIN), ['invokeId:591309094']);
    for (const text of [
      PRESENCE,
      TYPING,
      LEAVE_CHAT_ROOM,
      FEEDBACK,
      MIVR_NOTIFICATION,
      MIVR_ALLOCATED,
      TRDR,
      MADM_JMS,
      MEDIA_LOGIN_RESP,
      CTISVR_LOGIN_RESP,
      OPC_ROUTABLE,
      OPC_SET_AGENT_STATE,
    ]) {
      assert.deepEqual(births(text, text === MEDIA_LOGIN_RESP ? 'ece' : undefined), [], text);
    }
  });
});

describe('entities: whole records and formats', () => {
  it('finds everything a busy record names, in text order', () => {
    assert.deepEqual(keys(PRESENCE), [
      `agent:uccx:${AGENT}`,
      `contact:${CONTACT}`,
      `chatRoom:${ROOM}`,
      `agent:uccx:${AGENT}`,
    ]);
    assert.deepEqual(keys(MADM_JMS), [
      `contact:${CONTACT}`,
      `contact:${CONTACT}`,
      `chatRoom:${ROOM}`,
      'widget:name:Bubble1162',
    ]);
    assert.deepEqual(keys(OPC_SET_AGENT_STATE), [
      'agent:icm:6420',
      'agent:periph:15003',
      'mrd:5000',
      'skillGroup:stid:6928',
      'skillGroup:periph:70518',
    ]);
  });

  it('a format id narrows the rules: rttest-only spellings are not read in other formats', () => {
    assert.deepEqual(keys(RTTEST_AGENT, 'icm_tools'), ['agent:icm:6420', 'agent:periph:15003']);
    assert.deepEqual(keys(RTTEST_AGENT, 'socialminer'), []);
    assert.deepEqual(keys(RTTEST_AGENT), ['agent:icm:6420', 'agent:periph:15003'], 'an unknown format gets every rule');
  });

  it('offsets are into the text given, with \\n between the lines of a record', () => {
    for (const text of [MADM_NEW_CONTACT, MEDIA_LOGIN_REQ, FEEDBACK, CTISVR_LOGIN]) {
      for (const o of extractEntities(text, 'ece').occurrences.concat(extractEntities(text).occurrences)) {
        assert.equal(text.slice(o.start, o.end), o.text);
      }
    }
  });

  it('lines that name nothing give nothing', () => {
    for (const text of [
      '',
      '10.78.91.166: Aug 06 2018 09:31:21.297 +0530: %CCBU_____CCPAPI-6-REST_API_INFO:\nReceived success response within 100 milliseconds',
      'Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Successfully cleaned up',
      '20:27:32:466 cglA-ctisvr Trace: ProcessMediaLoginReq - sessionID 4',
      'Received presence event',
      'Sending -> nothing',
    ]) {
      assert.deepEqual(extractEntities(text), { occurrences: [], links: [] }, text);
    }
  });
});
