/**
 * SocialMiner logs: `runtime` (feeds, social contacts, notifications with the SocialContact XML
 * over many lines) and `ccppublicapps` (the chat proxy: sessions, rooms, presence, typing,
 * keep-alives, feedback), each a `.startup.log` followed by rolled files named after their first
 * stamp, a few of the older ones compressed.
 */
import { ChatStream, type ChatEvent } from '../chatStream';
import { LocalClock, padNumber } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import { SYSTEM_A, World } from '../world';
import { markKnown, newTimeline, Pacer, periodic, runWriter, type WriterContext } from '../writer';
import { roomJid, SM_HOST, socialContactXml, UCCX_HOST } from './chatText';

const IST = 330;
const ROLL_BYTES = 10 * 1024 * 1024;
const FEEDS = [
  { id: 100001, name: 'Bubble_Care' },
  { id: 100002, name: 'Bubble_Sales' },
  { id: 100003, name: 'Callback_Feed' },
];

/** The seed's underscore padding between `%CCBU` and the facility. */
const PADDING: Record<string, string> = { CCPAPI: '_____', CCPPUBLICAPPS: '__', FEEDS: '_____', NOTIFICATION: '___' };

interface SmWriter {
  sink: Sink;
  /** `%CCBU<pad><FACILITY>-<sev>-<CODE>: <text>` with the file's own counter. */
  line(t: number, facility: string, sev: number, code: string, text: string): void;
}

function smWriter(ctx: WriterContext, log: 'runtime' | 'ccppublicapps', rng: Rng): SmWriter {
  const clock = new LocalClock(IST);
  let now = ctx.startA;
  const sink = new Sink({
    root: ctx.root,
    rollBytes: ROLL_BYTES,
    gzip: (n) => n > 0 && n % 5 === 2,
    name: (n) =>
      `socialminer/CCBU-${log}.${clock.fileStamp(now)}${n === 0 ? '.startup' : ''}.log${n > 0 && n % 5 === 2 ? '.gz' : ''}`,
  });
  let seq = 1 + rng.int(50);
  return {
    sink,
    line(t, facility, sev, code, text) {
      now = t;
      const pad = PADDING[facility] ?? '__';
      sink.write(
        `${padNumber(seq++, 10)}: ${SYSTEM_A.smIp}: ${clock.socialMiner(t)} +0530: %CCBU${pad}${facility}-${sev}-${code}: ${text}`,
      );
    },
  };
}

function chatStream(ctx: WriterContext): ChatStream {
  return new ChatStream({
    seed: ctx.seed,
    start: ctx.startA,
    meanGapMs: ctx.chatGapMs,
    world: ctx.world,
    knownIndex: ctx.known.contactIndex,
  });
}

export function writeRuntime(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'sm-runtime');
  const w = smWriter(ctx, 'runtime', rng);
  const timeline = newTimeline();
  const ruleHash = rng.hex(7).toLowerCase();
  w.line(ctx.startA, 'FEEDS', 6, 'FEED_SERVICE_STARTED', 'Feed service started; 3 feeds loaded');
  w.line(ctx.startA + 566, 'NOTIFICATION', 6, 'NOTIFICATION_RULES_LOADED', '%[COUNT=3]: Notification rules loaded');
  for (const f of FEEDS)
    w.line(ctx.startA + 782, 'FEEDS', 6, 'FEED_STARTED', `%[FEED_ID=${f.id}][FEED_NAME=${f.name}]: Feed started`);
  periodic(timeline, ctx.startA + 60_212, 60_000, undefined, (t) =>
    w.line(
      t,
      'FEEDS',
      7,
      'FEED_POLL_COMPLETED',
      `%[FEED_ID=100003][FEED_NAME=Callback_Feed][NEW_CONTACTS=0]: Feed poll completed`,
    ),
  );
  periodic(
    timeline,
    ctx.startA + 540_000,
    1_800_000,
    () => rng.int(60_000),
    (t) =>
      w.line(t, 'FEEDS', 4, 'PURGE_SKIPPED', '%[REASON=data store busy]: Scheduled purge of handled contacts skipped'),
  );
  // Callback contacts whose CRM notification fails: other contact ids, other flows.
  const pacer = new Pacer(w.sink, ctx.budget, ctx.startA, ctx.window, 1500);
  pacer.drive(timeline, rng, ctx.startA, (t) => {
    const id = World.contactId(rng);
    const enqueue = t + rng.range(40, 90);
    w.line(
      t,
      'FEEDS',
      6,
      'SOCIAL_CONTACT_CREATED',
      `%[SOCIAL_CONTACT_ID=${id}][SOCIAL_CONTACT_LINK=https://${SM_HOST}/ccp/socialcontact/${id}]: A new social contact was created`,
    );
    w.line(
      t + 24,
      'FEEDS',
      7,
      'FEED_POLL_COMPLETED',
      `%[FEED_ID=100003][FEED_NAME=Callback_Feed][NEW_CONTACTS=1]: Feed poll completed`,
    );
    timeline.at(t + 5142, (u) => {
      w.line(
        u,
        'NOTIFICATION',
        3,
        'NOTIFICATION_FAILED',
        `%[Notification=com.cisco.ccbu.ccp.notification.Notification@${rng.hex(7).toLowerCase()}[enqueueTime=${enqueue},rule=com.cisco.ccbu.oamp.omgr.transfer.HttpNotificationRule@61e3d05[httpUrl=https://crm.example.com/callback/notify,httpUsername=smnotify,name=Callback CRM Notification,description=Posts new callback requests to the CRM.,changeStamp=3,lastUpdated=1530612212044,ouId=4],screenPopUrl=http://${SM_HOST}/results.jsp?scID=${id}&campaignID=Callback_Campaign]][Reason=java.net.SocketTimeoutException: connect timed out]: Notification failed`,
      );
      w.line(
        u + 3,
        'NOTIFICATION',
        4,
        'NOTIFICATION_RETRY_SCHEDULED',
        `%[SOCIAL_CONTACT_ID=${id}][RETRY=1][DELAY_MS=30000]: Notification will be retried`,
      );
    });
    timeline.at(t + 40_224, (u) => {
      w.line(
        u,
        'NOTIFICATION',
        3,
        'NOTIFICATION_FAILED',
        `%[SOCIAL_CONTACT_ID=${id}][RETRY=1]: Notification failed: java.net.SocketTimeoutException: connect timed out`,
      );
      w.line(u + 3, 'NOTIFICATION', 3, 'NOTIFICATION_ABANDONED', `%[SOCIAL_CONTACT_ID=${id}]: Giving up after 1 retry`);
    });
  });
  const status = (t: number, id: string, s: string): void =>
    w.line(
      t,
      'FEEDS',
      6,
      'SOCIAL_CONTACT_STATUS_CHANGED',
      `%[SOCIAL_CONTACT_ID=${id}][STATUS=${s}]: Social contact status changed`,
    );
  const render = (e: ChatEvent): void => {
    const c = e.chat;
    switch (e.kind) {
      case 'scCreated':
        w.line(
          e.t,
          'FEEDS',
          6,
          'SOCIAL_CONTACT_CREATED',
          `%[SOCIAL_CONTACT_ID=${c.contactId}][SOCIAL_CONTACT_LINK=https://${SM_HOST}/ccp/socialcontact/${c.contactId}]: A new social contact was created`,
        );
        if (c.index === ctx.known.contactIndex) markKnown(ctx.known.contactAt, w.sink, c.contactId);
        break;
      case 'notify':
        w.line(
          e.t,
          'NOTIFICATION',
          6,
          'NOTIFICATION_SUCCEEDED',
          `%[Notification=com.cisco.ccbu.ccp.notification.Notification@${c.hashes[0]}[enqueueTime=${e.t - 106},rule=com.cisco.ccbu.oamp.omgr.transfer.HttpNotificationRule@${ruleHash}[httpUrl=https://${UCCX_HOST}/uccx-webservices/contact,httpUsername=ccxchatnotify,name=Chat Notification for HA - Primary,description=Created by CCX application as part of CCX chat configuration.,changeStamp=1,lastUpdated=1531890522417,ouId=4],screenPopUrl=http://${SM_HOST}/results.jsp?scID=${c.contactId}&campaignID=CCX_Chat_Campaign,body=${socialContactXml(c)}\n]]: Notification succeeded`,
        );
        break;
      case 'queued':
        status(e.t - 60, c.contactId, 'queued');
        break;
      case 'leave':
        status(e.t + 455, c.contactId, 'handled');
        break;
      case 'abandon':
        status(e.t + 212, c.contactId, 'discarded');
        break;
      default:
        break;
    }
  };
  runWriter(w.sink, ctx.budget, chatStream(ctx), timeline, render);
  return w.sink.files;
}

export function writePublicApps(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'sm-publicapps');
  const w = smWriter(ctx, 'ccppublicapps', rng);
  const timeline = newTimeline();
  w.line(
    ctx.startA,
    'CCPPUBLICAPPS',
    6,
    'PUBLICAPPS_STARTED',
    'ccppublicapps: public apps web application started, context /ccp',
  );
  w.line(
    ctx.startA + 217,
    'CCPAPI',
    6,
    'REST_API_INFO',
    'Initialized REST client for bubble chat configuration, connect timeout 5000 milliseconds, read timeout 10000 milliseconds',
  );
  w.line(
    ctx.startA + 913,
    'CCPPUBLICAPPS',
    6,
    'XMPP_CONNECTION_ESTABLISHED',
    '%[Host=127.0.0.1][Port=5222][User=ccp_chatclient]: Connected to the XMPP server',
  );
  const pacer = new Pacer(w.sink, ctx.budget, ctx.startA, ctx.window, 190);
  pacer.drive(timeline, rng, ctx.startA, (t) => {
    const r = rng.next();
    if (r < 0.5)
      w.line(
        t,
        'CCPAPI',
        6,
        'REST_API_INFO',
        `Closed ${rng.range(1, 3)} idle connection to hook url host ${UCCX_HOST}`,
      );
    else if (r < 0.8)
      w.line(
        t,
        'CCPPUBLICAPPS',
        4,
        'INVALID_CHAT_REQUEST',
        `%[Reason=Mandatory field Name is empty][Widget=${rng.pick(SYSTEM_A.widgets).id}]: Rejected chat request`,
      );
    else
      w.line(
        t,
        'CCPAPI',
        4,
        'REST_API_WARN',
        `Slow response from https://${UCCX_HOST}/uccx-webservices/chat/config/${rng.pick(SYSTEM_A.widgets).id}: ${rng.range(1001, 3000)} milliseconds`,
      );
  });
  const render = (e: ChatEvent): void => {
    const c = e.chat;
    const room = roomJid(c);
    const agent = c.agent?.id ?? '';
    const name = c.customer.name;
    switch (e.kind) {
      case 'config':
        w.line(
          e.t,
          'CCPAPI',
          6,
          'REST_API_INFO',
          `Fetching bubble chat config from hook url: https://${UCCX_HOST}/uccx-webservices/chat/config/${c.widget.id}`,
        );
        w.line(e.t + 91, 'CCPAPI', 6, 'REST_API_INFO', 'Received success response within 100 milliseconds');
        break;
      case 'session':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          6,
          'PUBLICAPPS_SESSION_CREATED',
          `%[session.id=${c.session}][session.timeout=300]: ccppublicapps: new publicapps session`,
        );
        w.line(
          e.t + 8,
          'CCPPUBLICAPPS',
          6,
          'CHAT_ROOM_DETAILS',
          `%[Nickname=${name}][RoomJid=${room}][RoomSubject=Chat with ${name}][social_contact_id=null]: Create chat room with the following details`,
        );
        break;
      case 'createSC':
        w.line(
          e.t,
          'CCPAPI',
          6,
          'CREATE_SOCIAL_CONTACT',
          `SocialContact successfully created with requestId: ${c.requestId}`,
        );
        w.line(
          e.t + 1,
          'CCPPUBLICAPPS',
          6,
          'CHAT_CREATED',
          `%[Contact=https://${SM_HOST}/ccp-webapp/ccp/socialcontact/${c.contactId}][Room=${room}][Session=${c.session}][social_contact_id=null]: Chat created`,
        );
        break;
      case 'accepted':
        w.line(
          e.t + 294,
          'CCPPUBLICAPPS',
          6,
          'PRESENCE_EVENT_RECEIVED',
          `%[CustomerNickname=${name}][Nickname=${agent}][SocialContactID=${c.contactId}][Status=joined][Username=${room}/${agent}]: Received presence event`,
        );
        if (c.index === ctx.known.contactIndex) markKnown(ctx.known.contactAt, w.sink, c.contactId);
        break;
      case 'typing':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          6,
          'TYPING_STATUS_RECEIVED',
          `%[From=${room}/${agent}][Nickname=${agent}][SocialContactID=${c.contactId}][Text=${e.detail}]: Typing Status received`,
        );
        break;
      case 'keepalive':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          7,
          'SESSION_KEEPALIVE',
          `%[session.id=${c.session}]: ccppublicapps: publicapps session kept alive`,
        );
        break;
      case 'leave':
      case 'abandon':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          6,
          'LEAVE_CHAT_ROOM',
          `%[ChatRoomName=${room}][Nickname=${name}][User=ccp_chatclient][social_contact_id=${c.contactId}]: Leave chat room`,
        );
        w.line(
          e.t + 38,
          'CCPPUBLICAPPS',
          6,
          'CHAT_ROOM_LEFT',
          `%[ChatRoomName=${room}][Remaining=${e.kind === 'leave' ? 1 : 0}]: Participant left${e.kind === 'leave' ? '; agent still in room' : ''}`,
        );
        break;
      case 'feedback':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          6,
          'CHAT_FEEDBACK_RECEIVED ',
          `%[ChatFeedback=com.cisco.ccbu.ccp.publicapps.api.chat.ChatFeedback@${c.hashes[2]}[rating=${c.rating}]][Session=${c.session}][social_contact_id=${c.contactId}]: Received chat feedback`,
        );
        if (c.ratingFails) {
          w.line(
            e.t + 9,
            'CCPAPI',
            3,
            'REST_API_ERROR',
            `PUT https://localhost/ccp-webapp/ccp/socialcontact/${c.contactId} failed with response code 503 (Service Unavailable)`,
          );
          w.line(
            e.t + 11,
            'CCPPUBLICAPPS',
            3,
            'UPDATE_CHAT_SOCIALCONTACT_EXTENSION_FIELD_FAILED',
            `%[ExtensionField=h_rating][Session=${c.session}][social_contact_id=${c.contactId}]: Failed to update the extension fields of the chat social contact`,
          );
        }
        break;
      case 'destroyed':
        w.line(
          e.t,
          'CCPPUBLICAPPS',
          6,
          'PUBLICAPPS_SESSION_DESTROYED',
          `%[session.id=${c.session}]: ccppublicapps: publicapps session destroyed`,
        );
        break;
      default:
        break;
    }
  };
  runWriter(w.sink, ctx.budget, chatStream(ctx), timeline, render);
  return w.sink.files;
}
