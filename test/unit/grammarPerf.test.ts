/**
 * Every log grammar tokenises one 200 KB line built from its own record text plus input made to
 * stress the regular expressions (long near-matches, unbalanced brackets and quotes). The grammars
 * only use bounded repetition, so each line must complete; the time is printed, not asserted.
 *
 * Deeply nested JSON is left out on purpose: inside an embedded JSON body the JSON grammar
 * (VS Code's own) keeps one scope per nesting level, and VS Code does not tokenise lines over
 * editor.maxTokenizationLineLength (20 000 characters by default) anyway.
 */
import * as assert from 'node:assert/strict';
import * as textmate from 'vscode-textmate';
import { loadGrammar, logGrammars } from './helpers/tokenize';

const LINE_LENGTH = 200_000;

/** Record text per grammar, quoted from the seed documents (embedded XML/JSON comes last). */
const RECORD_TEXT: Record<string, { head: string; body: string; tail: string }> = {
  'text.log.cisco.uccx-engine': {
    head: '3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger:',
    body: 'com.cisco.wf.subsystems.chat.observer.ContactNotificationObserver : Contact Notification received - ContactNotification [requestId=, contactId=0D66B2241000016500235A740A4E5BA6, contactState=QUEUED, handlerQueue=-1, startTime=1533528159105, endTime=-1, terminalStateContact=ChatContact(Contact[id=0D66B2241000016500235A740A4E5BA6,state=QUEUED,dispReason=UNKNOWN]), ratingTime=java.util.GregorianCalendar[time=1533528214299,zone=sun.util.calendar.ZoneInfo[id="GMT",offset=0,lastRule=null],ERA=1, [Jabber@ge.nt1]',
    tail: 'PacketExtensionProvider.parseExtension:<SocialContact><campaignPublicId>CCX_Chat_Campaign</campaignPublicId><extensionFields><extensionField><name>h_rating</name><value>4</value>',
  },
  'text.log.cisco.uccx-admin': {
    head: '7199573: Aug 06 09:32:39.080 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]',
    body: 'ServiceLogger: Sending JMS message to Contact Topic: ContactEvent [operation=ADD, contactXML=ContactXML [author=Jayant Suneja, id=0D66B2241000016500235A740A4E5BA6, refURL=http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6, integrationAuthTokenGUID=d64fe6ac-9687-4ecd-9f00-0e6ec02c6945, userExtensionFields=[UserExtensionField [name=Email, value=xxxx@gmail.com], UserExtensionField [name=h_chatRoom, value=socialminer_chat.16@conference.127.0.0.1]], Request Url: <https://uccx-fqdn/uccx-webservices/chat/config/1>',
    tail: 'New incoming contact : <?xml version="1.0" encoding="UTF-8" standalone="yes"?><contactXML><author>Jayant Suneja</author>',
  },
  'text.log.cisco.jtapi': {
    head: '17: Aug 06 09:20:31.868 IST %JTAPI-PROTOCOL-7-UNK:(P1-10.78.91.170) [ProviderImpl] sending: com.cisco.cti.protocol.ProviderOpenRequest {',
    body: 'sequenceNumber = 1 provider = 10.78.91.170 login = com.cisco.cti.protocol.UnicodeString { unicodedisplayName = jtapi_uccx } applicationID = Cisco IP IVR desiredServerHeartbeatTime = 30 }',
    tail: '{ "key": 1 }',
  },
  'text.log.cisco.socialminer': {
    head: '0000001142: 10.78.91.166: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED:',
    body: '%[Contact=<https://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6>][Room=socialminer_chat.16@conference.127.0.0.1][Session=3F8B8C08D7E8144C7B1AD7AF144A4C1E][social_contact_id=null]: Chat created %[ChatFeedback=com.cisco.ccbu.ccp.publicapps.api.chat.ChatFeedback@d82623[rating=4]][From=socialminer_chat.16@conference.127.0.0.1/Jabber@ge.nt1]',
    tail: '%[Notification=com.cisco.ccbu.ccp.notification.Notification@1bbee47[enqueueTime=1533528158834]] <SocialContact><author>Jayant Suneja</author>',
  },
  'text.log.cisco.ece': {
    head: '2019-08-19 13:34:09.773 GMT+0000 <@> INFO <@> [8938:listener-event-pool-priority-arm-request-executor::-441] <@> ProcessId:5436 <@> PID:1 <@> UID:12 <@> HttpSessionId: <@>',
    body: 'com.ipcc.listener.arm.ARMLogger <@> <@> Sending MAKE_AGENT_ROUTABLE_IND -> 0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2 <@> AgentAvailabilityStatusHandler:agentIsAvailable() MAKE_AGENT_ROUTABLE_IND to ARM armLoginDataArraySize= ARMAgentData <@>',
    tail: '{ "checkEligibility": { "responseType": 0 }, "isVideoChatLicensed": false, "maxChatAttachmentSize": 3 }',
  },
  'text.log.cisco.icm-trace': {
    head: '15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 MRDomainID=5000 SGSTID=6928',
    body: 'SG#=70518(0x11376) OldState=AS_NOT_READY NewState=AS_NOT_ACTIVE Duration=0 CurLine=-1 ReasonCode=0 AgentObj=0x44535b8 InvokeID = 591309094, MRDID = 5000, ICMAgentID = 5033, AgentMode = 0 MAKE_AGENT_READY_IND',
    tail: '',
  },
  'text.log.cisco.icm-tools': {
    head: 'domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs',
    body: 'CL na TEST_Chat (6928, periph# 70518) L na CUCM.ECE_Chat.default.11006 (6909, periph# 54839) state = [nr-0:1,R], 411 secs opctest /cust <inst> /node PG1A /agent 6420',
    tail: '',
  },
  'text.log.cisco.chat-console': {
    head: 'Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Successfully ended the chat session. Response code: 200 ccp-chat-components.js:1:14634',
    body: 'GET https://sm-fcdn/ccp/bubblechat?wid=1[HTTP/1.1 200 OK 289ms] GET https://sm-fqdn/ccp/ui/BubbleChat.html?host=sm-fqdn&wid=1&secure=true [HTTP/1.1 404 Not Found 12ms] Response code: 200 ccp-chat-components.js:1:14634',
    tail: '{ "feedId": "100000", "postChatRatingEnabled": true, "name": "Bubble1162", "id": 1 }',
  },
};

/** Near-misses for the patterns: long runs that start a token but never finish it. */
const STRESS = [
  'a'.repeat(4000),
  '9'.repeat(4000),
  '0D66B224'.repeat(500),
  '['.repeat(1000),
  ']'.repeat(1000),
  '"'.repeat(999),
  '%[a='.repeat(500),
  'a='.repeat(1000),
  'x@conference.'.repeat(200),
  'com.'.repeat(500),
  '<a '.repeat(500),
  '-> 1 '.repeat(500),
  '<@> '.repeat(500),
  '%AB-'.repeat(500),
  'AS_'.repeat(500),
  'http://x/'.repeat(300),
  'Aa0_.-:[]=@/<>"% '.repeat(200),
].join(' ');

function longLine(text: { head: string; body: string; tail: string }): string {
  const unit = `${text.body} ${STRESS} `;
  const room = LINE_LENGTH - text.head.length - text.tail.length - 2;
  const middle = unit.repeat(Math.ceil(room / unit.length)).slice(0, room);
  return `${text.head} ${middle} ${text.tail}`;
}

describe('grammar performance: one 200 KB line per log grammar', () => {
  const grammars = logGrammars();

  it('covers every log grammar', () => {
    assert.deepEqual(grammars.map((g) => g.scopeName).sort(), Object.keys(RECORD_TEXT).sort());
  });

  for (const { languageId, scopeName } of grammars) {
    it(`${languageId} tokenises a ${LINE_LENGTH / 1000} KB line to the end`, async () => {
      const text = RECORD_TEXT[scopeName];
      assert.ok(text, `no record text for ${scopeName}`);
      const grammar = await loadGrammar(scopeName);
      const line = longLine(text);
      assert.ok(line.length >= LINE_LENGTH);
      const started = performance.now();
      const result = grammar.tokenizeLine(line, textmate.INITIAL);
      const elapsed = performance.now() - started;
      console.log(
        `      ${languageId}: ${line.length} chars, ${result.tokens.length} tokens, ${elapsed.toFixed(0)} ms`,
      );
      assert.equal(result.stoppedEarly, false);
      const last = result.tokens[result.tokens.length - 1];
      assert.ok(last && last.endIndex >= line.length, 'tokens reach the end of the line');
      // the head of the record was recognised, so the grammar really ran on this line
      assert.ok(result.tokens.length > 1000, `only ${result.tokens.length} tokens`);
      assert.ok(
        result.tokens[0]!.scopes.some((s) => s !== scopeName),
        `first token has no scope: ${result.tokens[0]!.scopes.join(' ')}`,
      );
    });
  }
});
