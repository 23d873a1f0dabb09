import { javaToStringExplainer } from './server/src/explain/javaToString';
import { epochExplainer } from './server/src/explain/epoch';
import { gregorianExplainer } from './server/src/explain/gregorian';
import { ciscoCodeExplainer } from './server/src/explain/ciscoCode';
import { rttestStateExplainer } from './server/src/explain/rttestState';
import { flowUrlExplainer } from './server/src/explain/flowUrl';
const ctx = { uri: 'file:///x', recordLine: 0, instant: Date.UTC(2018,7,6,4,2,39,80), zoneOffsetMinutes: 330, zoneLabel: 'IST', findLines: () => [] };
const madm = `7199573: Aug 06 09:32:39.080 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]
ServiceLogger: Sending JMS message to Contact Topic: ContactEvent [operation=ADD,
contactXML=ContactXML [author=Jayant Suneja, id=0D66B2241000016500235A740A4E5BA6,
replyType=chat, notificationTag=ccx_chat_req, refURL=http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6, replyTemplateURL=http://sm-fqdn/multisession/ui/templates/reply/cisco\\_agent\\_ms\\_chat.jsp, integrationAuthTokenGUID=d64fe6ac-9687-4ecd-9f00-0e6ec02c6945, userExtensionFields=[UserExtensionField [name=AddressLine1, value=1900], UserExtensionField [name=AddressLine2, value=9th street], UserExtensionField [name=Anything important to note, value=Bill Issue]], tags=[ccx_chat_req], sourceType=chat, status=unread, statusReason=unknown, publishedDate=1533528158684, title=CCX_Chat, campaignPublicId=null, statusTimestamp=1533528158756]]`;
for (const ex of [javaToStringExplainer, epochExplainer, ciscoCodeExplainer, flowUrlExplainer]) {
  for (const m of ex.find(madm, ctx)) { console.log(`--- ${ex.id} [${m.start},${m.end}] ${madm.slice(m.start, m.end).slice(0,50)}`); console.log(m.render(ctx)); }
}
const rt = `rttest: agent_status /agent 6420
Agent CUCM.Agent_test (6420, periph# 15003)
 domain: Cisco_Voice (1), state = [nr-0:1,R], 411 secs
  CL nr TEST_SG (6274, periph# 70520)
  L nr CUCM_PIM1.Cisco_Voice.defa.88025 (5000, periph# 31858)
 domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs
  CL na TEST_Chat (6928, periph# 70518)
  L na CUCM.ECE_Chat.default.11006 (6909, periph# 54839)
we saw [na-0:2,RD] here`;
for (const m of rttestStateExplainer.find(rt, ctx)) { console.log(`--- [${m.start},${m.end}] ${rt.slice(m.start, m.end)}`); console.log(m.render(ctx)); }
