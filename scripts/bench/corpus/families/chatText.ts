/**
 * Text that several flow-A files print about the same chat: its extension fields, the contact XML
 * that SocialMiner posts to UCCX (pretty-printed over many lines), and the one-line SocialContact
 * XML of the XMPP extension. Shapes follow the samples bundle.
 */
import type { Chat } from '../chatStream';

export const SM_HOST = 'sm1.example.com';
export const UCCX_HOST = 'uccx1.example.com';

export function roomJid(chat: Chat): string {
  return `socialminer_chat.${chat.room}@conference.127.0.0.1`;
}

export function extensionFields(chat: Chat): Array<[string, string]> {
  const c = chat.customer;
  return [
    ['AccountNumber', c.account],
    ['Details', c.details],
    ['Email', c.email],
    ['Name', c.name],
    ['PhoneNumber', c.phone],
    ['Teléfono', 'n/a'],
    ['Title', c.title],
    ['ccxqueuetag', chat.csq.tag],
    ['h_chatOrigin', 'CISCO_BUBBLE'],
    ['h_chatRoom', roomJid(chat)],
    ['h_widgetName', chat.widget.name],
  ];
}

/** The `<contactXML>` body MADM logs for "New incoming contact", one element per line. */
export function contactXml(chat: Chat): string {
  const fields = extensionFields(chat)
    .map(([n, v]) => `<userExtensionField>\n<name>${n}</name>\n<value>${v}</value>\n</userExtensionField>`)
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<contactXML>\n<author>${chat.customer.name}</author>\n<id>${chat.contactId}</id>\n` +
    `<integrationAuthTokenGUID>${chat.guid}</integrationAuthTokenGUID>\n<notificationTag>ccx_chat_req</notificationTag>\n` +
    `<publishedDate>${chat.publishedDate}</publishedDate>\n<refURL>http://${SM_HOST}/ccp-webapp/ccp/socialcontact/${chat.contactId}</refURL>\n` +
    `<replyTemplateURL>http://${SM_HOST}/multisession/ui/templates/reply/cisco_agent_ms_chat.jsp</replyTemplateURL>\n` +
    `<sourceType>chat</sourceType>\n<status>unread</status>\n<statusReason>unknown</statusReason>\n<statusTimestamp>${chat.statusTimestamp}</statusTimestamp>\n` +
    `<tags>\n<tag>ccx_chat_req</tag>\n</tags>\n<title>CCX_Chat</title>\n<userExtensionFields>\n${fields}\n</userExtensionFields>\n</contactXML>`
  );
}

/** The JMS ContactEvent MADM logs, wrapped over three lines as in the seed. */
export function contactEvent(chat: Chat): string {
  const c = chat.customer;
  const fields = extensionFields(chat)
    .map(([n, v]) => `UserExtensionField [name=${n}, value=${v}]`)
    .join(', ');
  return (
    `Sending JMS message to Contact Topic: ContactEvent [operation=ADD,\ncontactXML=ContactXML [author=${c.name}, id=${chat.contactId},\n` +
    `replyType=chat, notificationTag=ccx_chat_req, refURL=http://${SM_HOST}/ccp-webapp/ccp/socialcontact/${chat.contactId}, ` +
    `replyTemplateURL=http://${SM_HOST}/multisession/ui/templates/reply/cisco_agent_ms_chat.jsp, integrationAuthTokenGUID=${chat.guid}, ` +
    `userExtensionFields=[${fields}], tags=[ccx_chat_req], sourceType=chat, status=unread, statusReason=unknown, publishedDate=${chat.publishedDate}, ` +
    `title=CCX_Chat, campaignPublicId=null, statusTimestamp=${chat.statusTimestamp}]]`
  );
}

/** The SocialContact XML body of SocialMiner's NOTIFICATION_SUCCEEDED, one element per line. */
export function socialContactXml(chat: Chat): string {
  const fields = extensionFields(chat)
    .map(([n, v]) => `<extensionField>\n<name>${n}</name>\n<value>${v}</value>\n</extensionField>`)
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<SocialContact>\n<author>${chat.customer.name}</author>\n<description></description>\n` +
    `<extensionFields>\n${fields}\n</extensionFields>\n<id>${chat.contactId}</id>\n<publishedDate>${chat.publishedDate}</publishedDate>\n` +
    `<refURL>http://${SM_HOST}/ccp-webapp/ccp/socialcontact/${chat.contactId}</refURL>\n<sourceType>chat</sourceType>\n<status>unread</status>\n` +
    `<statusReason>unknown</statusReason>\n<statusTimestamp>${chat.statusTimestamp}</statusTimestamp>\n<tags>\n<tag>ccx_chat_req</tag>\n</tags>\n<title>CCX_Chat</title>\n</SocialContact>`
  );
}

/** The one-line SocialContact of the XMPP extension UCCX parses after the rating (MIVR). */
export function xmppSocialContact(chat: Chat): string {
  const c = chat.customer;
  const f: Array<[string, string]> = [
    ['h_chatRoom', roomJid(chat)],
    ['h_chatOrigin', 'CISCO_BUBBLE'],
    ['Tel#233;fono', 'n/a'],
    ['Details', c.details],
    ['PhoneNumber', c.phone],
    ['h_agentName', chat.agent?.id ?? ''],
    ['h_rating', String(chat.rating ?? '')],
    ['AccountNumber', c.account],
    ['Email', c.email],
    ['h_widgetName', chat.widget.name],
    ['Name', c.name],
    ['ccxqueuetag', chat.csq.tag],
    ['Title', c.title],
  ];
  const fields = f.map(([n, v]) => `<extensionField><name>${n}</name><value>${v}</value></extensionField>`).join('');
  return (
    `<SocialContact><campaignPublicId>CCX_Chat_Campaign</campaignPublicId><extensionFields>${fields}</extensionFields><id>${chat.contactId}</id>` +
    `<publishedDate>${chat.publishedDate}</publishedDate><refURL>http://${SM_HOST}/ccp-webapp/ccp/socialcontact/${chat.contactId}</refURL>` +
    `<sourceType>chat</sourceType><status>handled</status><statusReason>unknown</statusReason><tags><tag>ccx_chat_req</tag></tags><title>CCX_Chat</title></SocialContact>`
  );
}

/**
 * java.util.GregorianCalendar.toString() of an instant in GMT, wrapped after DAY_OF_MONTH= ... as the
 * seed shows it (the first part stays on the record's first line).
 */
export function gregorianCalendar(instant: number): string {
  const d = new Date(instant);
  const year = d.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  const dayOfYear = Math.floor((instant - startOfYear) / 86_400_000) + 1;
  const dow = d.getUTCDay() + 1;
  const dom = d.getUTCDate();
  const firstDow = new Date(Date.UTC(year, d.getUTCMonth(), 1)).getUTCDay();
  const weekOfMonth = Math.floor((dom + firstDow - 1) / 7) + 1;
  const jan1Dow = new Date(startOfYear).getUTCDay();
  const weekOfYear = Math.floor((dayOfYear + jan1Dow - 1) / 7) + 1;
  const h = d.getUTCHours();
  return (
    `java.util.GregorianCalendar[time=${instant},areFieldsSet=true,areAllFieldsSet=true,lenient=true,zone=sun.util.calendar.ZoneInfo[id="GMT",offset=0,dstSavings=0,useDaylight=false,transitions=0,lastRule=null],firstDayOfWeek=1,minimalDaysInFirstWeek=1,ERA=1,\n` +
    `YEAR=${year},MONTH=${d.getUTCMonth()},WEEK_OF_YEAR=${weekOfYear},WEEK_OF_MONTH=${weekOfMonth},DAY_OF_MONTH=${dom},DAY_OF_YEAR=${dayOfYear},DAY_OF_WEEK=${dow},\n` +
    `DAY_OF_WEEK_IN_MONTH=${Math.floor((dom - 1) / 7) + 1},AM_PM=${h < 12 ? 0 : 1},HOUR=${h % 12},HOUR_OF_DAY=${h},MINUTE=${d.getUTCMinutes()},SECOND=${d.getUTCSeconds()},MILLISECOND=${d.getUTCMilliseconds()},\n` +
    `ZONE_OFFSET=0,DST_OFFSET=0]`
  );
}
