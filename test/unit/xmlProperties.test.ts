import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeXml, findXmlSpans } from '../../server/src/decode/xml';
import { xmlExplainer } from '../../server/src/explain/xml';
import type { ExplainContext } from '../../server/src/explain/types';

const MADM_NEW_INCOMING_CONTACT = [
  '7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]',
  'ServiceLogger: New incoming contact : <?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<contactXML>',
  '<author>Jayant Suneja</author>',
  '<id>0D66B2241000016500235A740A4E5BA6</id>',
  '<integrationAuthTokenGUID>d64fe6ac-9687-4ecd-9f00-0e6ec02c6945</integrationAuthTokenGUID>',
  '<notificationTag>ccx_chat_req</notificationTag>',
  '<publishedDate>1533528158684</publishedDate>',
  '<refURL>http://sm-fqdn/ccp-webapp/ccp/socialcontact/0D66B2241000016500235A740A4E5BA6>',
  '<replyTemplateURL>http://sm-fqdn/multisession/ui/templates/reply/cisco\\_agent\\_ms\\_chat.jsp>',
  '<sourceType>chat</sourceType>',
  '<status>unread</status>',
  '<statusReason>unknown</statusReason>',
  '<statusTimestamp>1533528158756</statusTimestamp>',
  '<tags>',
].join('\n');
const MIVR_PARSE_EXTENSION =
  '3723269: Aug 06 09:33:34.290 IST %MIVR-SS_CHAT-7-UNK:[Smack Packet Reader (1)] ChatSubsystemLogger: createXMPPSession: ' +
  'PacketExtensionProvider.parseExtension:<SocialContact><campaignPublicId>CCX_Chat_Campaign</campaignPublicId><extensionFields>' +
  '<extensionField><name>h_chatRoom</name><value>socialminer_chat.16@conference.127.0.0.1</value></extensionField>' +
  '<extensionField><name>h_chatOrigin</name><value>CISCO_BUBBLE</value></extensionField>' +
  '<extensionField><name>C#233;dula</name><value>Bill Issue</value></extensionField>' +
  '<extensionField><name>Details</name><value>Test Bubble Chat</value></extensionField>' +
  '<extensionField><name>PhoneNumber</name><value>97xxxxxxxx</value></extensionField>' +
  '<extensionField><name>h_agentName</name><value>Jabber@ge.nt1</value></extensionField>' +
  '<extensionField><name>h_rating</name><value>4</value>';
const RUNTIME_NOTIFICATION_SUCCEEDED = [
  '0008541000: 10.78.91.166: Aug 06 2018 09:32:38.940 +0530: %CCBU___NOTIFICATION-6-NOTIFICATION_SUCCEEDED:',
  '%[Notification=com.cisco.ccbu.ccp.notification.Notification@1bbee47[enqueueTime=1533528158834,rule=com.cisco.ccbu.oamp.omgr.transfer.HttpNotificationRule@15a2eb1[httpUrl=[http://sm-fqdn/results.jsp?scID=0D66B2241000016500235A740A4E5BA6&campaignID=CCX_Chat_Campaign,body=version="1.0" encoding="UTF-8" standalone="yes"?>](https://uccx-fqdn/uccx-webservices/contact,httpUsername= Chat Notification for HA - Backup,description=Created by CCX application as part of CCX chat configuration.,changeStamp=1,lastUpdated=1527579740301,ouId=4],screenPopUrl=<a href=)]',
  '<SocialContact>',
  '<author>Jayant Suneja</author>',
  '<description></description>',
  '<extensionFields>',
  '<extensionField>',
  '<name>AddressLine1</name>',
  '<value>1900</value>',
  '</extensionField>',
  '<extensionField>',
  '<name>AddressLine2</name>',
  '<value>9th street</value>',
].join('\n');

const CONTEXT: ExplainContext = { uri: 'file:///logs/x.log', recordLine: 0, findLines: () => [] };

/** Spans in order inside the record; decoding and rendering each never throws. */
function exercise(record: string): void {
  let previousEnd = 0;
  for (const span of findXmlSpans(record)) {
    assert.ok(span.start >= previousEnd && span.start < span.end && span.end <= record.length);
    previousEnd = span.end;
    const { value } = decodeXml(record, span.start, span.end);
    assert.equal(value.start, span.start);
    assert.ok(value.root.length > 0);
    if (value.stop) assert.ok(value.stop.offset >= span.start && value.stop.offset <= span.end);
  }
  for (const match of xmlExplainer.find(record, CONTEXT)) assert.equal(typeof match.render(CONTEXT), 'string');
  decodeXml(record, 0);
}

const XMLISH = fc.constantFrom(
  '<', '>', '/', '</', '/>', '<?xml version="1.0"?>', '<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE x>', '"', "'", '=', ' ', '\n',
  '&', '&amp;', '&#233;', '#233;', '&#xD800;', 'a', 'SocialContact', 'extensionField', 'name', 'value', 'constructor', '__proto__', 'é',
);

describe('XML decoding never throws and always ends (property tests)', () => {
  it('random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), exercise), { numRuns: 300 });
  });

  it('random text made of XML pieces', () => {
    fc.assert(fc.property(fc.array(XMLISH, { maxLength: 200 }).map((parts) => parts.join('')), exercise), { numRuns: 600 });
  });

  it('the seed records cut at any point, or with a character changed', () => {
    const records = [MADM_NEW_INCOMING_CONTACT, MIVR_PARSE_EXTENSION, RUNTIME_NOTIFICATION_SUCCEEDED];
    fc.assert(
      fc.property(fc.constantFrom(...records), fc.nat(), fc.string({ unit: 'binary', maxLength: 2 }), (record, n, replacement) => {
        const at = n % (record.length + 1);
        exercise(record.slice(0, at));
        exercise(record.slice(0, at) + replacement + record.slice(at + 1));
      }),
      { numRuns: 600 },
    );
  });

  it('hostile shapes finish quickly', () => {
    const started = Date.now();
    for (const record of [
      '<a>'.repeat(50_000),
      '<a><b>'.repeat(10) + '<'.repeat(300_000),
      '<a x="' + '"'.repeat(100_000),
      '<a>' + '<b/>'.repeat(40_000) + '</a>',
      ('<x ' + 'y="1" '.repeat(2000)).repeat(50),
      '<r>' + '</q>'.repeat(50_000),
      '<r><c>' + 'x>'.repeat(100_000),
    ]) {
      exercise(record);
    }
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
