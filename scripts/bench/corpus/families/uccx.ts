/**
 * UCCX engine (MIVR) and administration (MADM) logs: numbered files that roll every few MB, the
 * older ones partly gzip-compressed as a collected bundle has them. MIVR renders the chats' queueing,
 * allocation, acceptance, release and rating, among voice calls, heartbeats and agent state lines;
 * MADM renders the chat-config GETs and the incoming contacts (XML over many lines, the JMS event
 * wrapped over three) among polling and database lines.
 */
import { ChatStream, type ChatEvent } from '../chatStream';
import { LocalClock, padNumber } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import { markKnown, newTimeline, Pacer, periodic, runWriter, type WriterContext } from '../writer';
import {
  contactEvent,
  contactXml,
  gregorianCalendar,
  roomJid,
  SM_HOST,
  UCCX_HOST,
  xmppSocialContact,
} from './chatText';

const IST = 330;
const ROLL_BYTES = 3 * 1024 * 1024;

function rolledSink(ctx: WriterContext, facility: string, firstNumber: number): Sink {
  const expected = Math.ceil(ctx.budget / ROLL_BYTES);
  return new Sink({
    root: ctx.root,
    rollBytes: ROLL_BYTES,
    // Older rolls are partly compressed; the newest ones stay plain.
    gzip: (n) => n < expected - 2 && n % 4 === 1,
    name: (n) =>
      `uccx/Cisco001${facility}${padNumber(firstNumber + n, 3)}.log${n < expected - 2 && n % 4 === 1 ? '.gz' : ''}`,
  });
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

export function writeMivr(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'mivr');
  const clock = new LocalClock(IST);
  const sink = rolledSink(ctx, 'MIVR', 1);
  let seq = 3_841_000 + rng.int(100_000);
  const line = (t: number, sub: string, sev: number, text: string): void => {
    sink.write(`${seq++}: ${clock.uccx(t)} IST %MIVR-${sub}-${sev}-UNK:${text}`);
  };
  const agents = ctx.world.uccxAgents;
  const timeline = newTimeline();

  // Voice calls: the bulk of an engine log.
  let callId = 1181 + rng.int(1000);
  let media = 16_801_310 + rng.int(10_000);
  let task = 43_000_101_180 + rng.int(10_000);
  const pacer = new Pacer(sink, ctx.budget, ctx.startA, ctx.window, 2300);
  pacer.drive(timeline, rng, ctx.startA, (t) => {
    const id = callId++;
    const m = `${media++}/1`;
    const tk = task++;
    const cgn = `40855501${padNumber(rng.int(100), 2)}`;
    const known = rng.chance(0.95);
    const app = known ? 'Main_IVR' : 'null';
    const dn = known ? '8005551000' : '8005551999';
    line(
      t,
      'SS_TEL',
      7,
      `CallID:${id} MediaId:${m} Task:${tk}, Call.received() JTAPICallContact[id=${id},implId=${m},state=STATE_RECEIVED_IDX,inbound=true,App name=${app},task=null,session=null,seq num=-1,cn=${dn},dn=${dn},cgn=${cgn},ani=null,dnis=null,clid=null,atype=DIRECT,lrd=null,ocn=${dn},route=RP[num=${dn}],OrigProtocolCallRef=null,DestProtocolCallRef=null,TP=null]`,
    );
    if (!known) {
      timeline.at(t + 43, (u) =>
        line(
          u,
          'SS_TEL',
          3,
          `CallID:${id} MediaId:${m} Task:${tk}, Call aborted: com.cisco.app.ApplicationNotFoundException: no application for trigger ${dn}`,
        ),
      );
      return;
    }
    timeline.at(t + 41, (u) =>
      line(u, 'ENG', 7, `[Engine Task Manager-${rng.int(4)}] Task:${tk} Application Main_IVR started for CallID:${id}`),
    );
    const abandoned = rng.chance(0.2);
    if (abandoned) {
      const end = t + rng.range(3000, 40_000);
      timeline.at(end, (u) => {
        line(u, 'SS_TEL', 7, `CallID:${id} MediaId:${m} Task:${tk}, Call.abandoned() cause=NORMAL_CALL_CLEARING`);
        line(
          u + 36,
          'CRA_HRDM',
          7,
          `[HR Writer] HistoricalDataWriter : Writing Historical Record: CCDR: sessionID=${tk}, sessionSeqNum=0, contactType=1, contactDisposition=1, originatorDN=${cgn}, destinationDN=${dn}, applicationName=Main_IVR, connectTime=0`,
        );
      });
      return;
    }
    const agent = rng.pick(agents).id;
    const reserved = t + rng.range(3000, 20_000);
    const talking = reserved + rng.range(1500, 4000);
    const end = talking + rng.range(20_000, 400_000);
    const state = (u: number, from: string, to: string): void =>
      line(u, 'SS_RM', 7, `Rsrc=${agent}, RsrcMgrEvent=STATE_CHANGE, oldState=${from}, newState=${to}, reasonCode=-1`);
    const cti = (u: number, s: string): void =>
      line(
        u,
        'ICD_CTI',
        7,
        `[ICD CTI Msg Dispatcher] CTIServer: sending AGENT_STATE_EVENT to session 3: agentID=${agent}, agentState=${s}, MRDID=1`,
      );
    timeline.at(reserved, (u) => {
      state(u, 'READY', 'RESERVED');
      cti(u + 13, 'RESERVED');
    });
    timeline.at(talking, (u) => {
      state(u, 'RESERVED', 'TALKING');
      cti(u + 11, 'TALKING');
    });
    timeline.at(end, (u) => {
      line(u, 'SS_TEL', 7, `CallID:${id} MediaId:${m} Task:${tk}, Call.disconnected() cause=NORMAL_CALL_CLEARING`);
      state(u + 12, 'TALKING', 'WORK');
      line(
        u + 35,
        'CRA_HRDM',
        7,
        `[HR Writer] HistoricalDataWriter : Writing Historical Record: CCDR: sessionID=${tk}, sessionSeqNum=0, contactType=1, contactDisposition=2, originatorDN=${cgn}, destinationDN=${dn}, applicationName=Main_IVR, connectTime=${Math.round((end - talking) / 1000)}`,
      );
    });
    timeline.at(end + 20_000, (u) => state(u, 'WORK', 'READY'));
  });
  periodic(timeline, ctx.startA + 20_057, 60_000, undefined, (t) =>
    line(
      t,
      'SS_CHAT',
      7,
      `[ChatHeartbeatTimer] ChatSubsystemLogger: com.cisco.wf.subsystems.chat.ChatSubsystem : SocialMiner ${SM_HOST} status=IN_SERVICE, xmppConnected=true`,
    ),
  );
  periodic(
    timeline,
    ctx.startA + 61_006,
    300_000,
    () => rng.int(5),
    (t) =>
      line(
        t,
        'ICD_CTI',
        7,
        `[ICD CTI Server Listener] CTIServer: session 3 (Finesse 10.48.22.80) HEARTBEAT_REQ received, HEARTBEAT_CONF sent`,
      ),
  );
  periodic(
    timeline,
    ctx.startA + 344_640,
    1_800_000,
    () => rng.int(60_000),
    (t) =>
      line(
        t,
        'LIB_CFG',
        4,
        `[RmCm Config Update] ConfigUpdate: skipping resource ${rng.pick(agents).id}x: not found in resource cache`,
      ),
  );

  const render = (e: ChatEvent): void => {
    const c = e.chat;
    const thread = `[pool-8-thread-${c.thread}]`;
    const agent = c.agent?.id;
    switch (e.kind) {
      case 'queued': {
        const text = `${thread} ChatSubsystemLogger: com.cisco.wf.subsystems.chat.observer.ContactNotificationObserver : Contact Notification received - ContactNotification [requestId=, contactId=${c.contactId}, contactState=QUEUED, handlerQueue=-1, startTime=${c.startTime}, endTime=-1, queueWaitDuration=0, handlingDuration=-1, terminalStateContact=ChatContact(Contact[id=${c.contactId},state=QUEUED,dispReason=UNKNOWN]), dispositionReason=UNKNOWN, mediaType=CHAT, sequenceNumber=0, statusTimeStamp=${c.statusTimestamp}]. Notification Type UPDATE`;
        line(e.t, 'SS_CHAT', 7, text);
        if (c.index === ctx.known.contactIndex) markKnown(ctx.known.contactAt, sink, c.contactId);
        if (agent) {
          line(
            e.t,
            'SS_ROUTEANDQUEUE',
            7,
            `${thread} RouteAndQueueSubsystemLogger: ALLOCATED Contact [${c.contactId}] to Agent [${agent}]`,
          );
          line(
            e.t + 127,
            'SS_RM',
            7,
            `Rsrc=${agent}, RsrcMgrEvent=MRD_STATE_CHANGE, MRD=Chat, oldState=READY, newState=RESERVED, reasonCode=-1`,
          );
        } else {
          line(
            e.t + 2,
            'SS_ROUTEANDQUEUE',
            7,
            `${thread} RouteAndQueueSubsystemLogger: No resource available for Contact [${c.contactId}] in CSQ [${c.csq.tag}], contact remains queued`,
          );
        }
        break;
      }
      case 'accepted':
        line(
          e.t,
          'SS_CHAT',
          7,
          `${thread} ChatSubsystemLogger: com.cisco.wf.subsystems.chat.ChatContactManager : Agent [${agent}] accepted Contact [${c.contactId}], joining room ${roomJid(c)}`,
        );
        line(
          e.t + 9,
          'SS_RM',
          7,
          `Rsrc=${agent}, RsrcMgrEvent=MRD_STATE_CHANGE, MRD=Chat, oldState=RESERVED, newState=ACTIVE, reasonCode=-1`,
        );
        break;
      case 'released':
        line(
          e.t,
          'SS_ROUTEANDQUEUE',
          7,
          `${thread} RouteAndQueueSubsystemLogger: Contact [${c.contactId}] released by Agent [${agent}], dispositionReason=HANDLED`,
        );
        line(
          e.t + 8,
          'SS_RM',
          7,
          `Rsrc=${agent}, RsrcMgrEvent=MRD_STATE_CHANGE, MRD=Chat, oldState=ACTIVE, newState=READY, reasonCode=-1`,
        );
        break;
      case 'rating':
        line(
          e.t,
          'SS_CHAT',
          7,
          `[Smack Packet Reader (1)] ChatSubsystemLogger: createXMPPSession: PacketExtensionProvider.parseExtension:${xmppSocialContact(c)}`,
        );
        line(
          e.t + 11,
          'SS_ROUTEANDQUEUE',
          7,
          `[Smack Listener Processor (1)] RouteAndQueueSubsystemLogger: com.cisco.wf.subsystems.routeandqueue.aggregator.historical.HistoricalManager : Writing Historical Record: TRDR: ContactID=${c.contactId}, rating=${c.rating}, ratingTime=${gregorianCalendar(e.t + 11 - rng.int(3))}`,
        );
        break;
      case 'abandon':
        line(
          e.t,
          'SS_ROUTEANDQUEUE',
          7,
          `${thread} RouteAndQueueSubsystemLogger: Contact [${c.contactId}] dequeued from CSQ [${c.csq.tag}]: customer left the chat room, dispositionReason=ABANDONED`,
        );
        break;
      default:
        break;
    }
  };
  runWriter(sink, ctx.budget, chatStream(ctx), timeline, render);
  return sink.files;
}

export function writeMadm(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'madm');
  const clock = new LocalClock(IST);
  const sink = rolledSink(ctx, 'MADM', 1);
  let seq = 7_214_000 + rng.int(100_000);
  const line = (t: number, sub: string, sev: number, text: string): void => {
    sink.write(`${seq++}: ${clock.uccx(t)} IST %MADM-${sub}-${sev}-UNK:${text}`);
  };
  const timeline = newTimeline();
  const exec = (): string => `[http-bio-443-exec-${rng.range(1, 25)}]`;
  periodic(timeline, ctx.startA + 30_311, 60_000, undefined, (t) => {
    line(
      t,
      'UCCX_WEBSERVICES',
      7,
      `[http-bio-443-exec-2] ServiceLogger: Request Url: https://${UCCX_HOST}/adminapi/systemConfig/status`,
    );
    line(
      t + 7,
      'LIB_DATABASE',
      7,
      `[http-bio-443-exec-2] DBAccess: getConnection: pool db_cra active=${rng.range(1, 6)} idle=${rng.range(4, 9)}`,
    );
  });
  const pacer = new Pacer(sink, ctx.budget, ctx.startA, ctx.window, 330);
  pacer.drive(timeline, rng, ctx.startA, (t) => {
    const r = rng.next();
    const th = exec();
    if (r < 0.4) {
      line(
        t,
        'ADM_CFG',
        7,
        `${th} CSQConfigWebHelper: load CSQ list, 6 CSQs found (Chat_Billing, Chat_Cards, Chat_Loans, Chat_General, Voice_Billing, Voice_Cards)`,
      );
      line(t + 13, 'ADM_CFG', 7, `${th} CSQConfigWebHelper: user admin opened page Contact Service Queues`);
    } else if (r < 0.7)
      line(
        t,
        'LIB_DATABASE',
        7,
        `${th} DBAccess: executeQuery: select * from resource where resourcegroupid = ${rng.range(1, 12)}`,
      );
    else if (r < 0.95)
      line(
        t,
        'LIB_AXL',
        7,
        `AXLHelper: getUser returned ${rng.range(1, 9)} users for query ${rng.pick(ctx.world.uccxAgents).id.slice(0, 4)}*`,
      );
    else
      line(
        t,
        'LIB_DATABASE',
        4,
        `DBAccess: slow query (${rng.range(1000, 4000)} ms): select * from contactservicequeue`,
      );
  });
  const render = (e: ChatEvent): void => {
    const c = e.chat;
    switch (e.kind) {
      case 'config': {
        const th = exec();
        const url = `https://${UCCX_HOST}/uccx-webservices/chat/config/${c.widget.id}`;
        line(e.t + 31, 'UCCX_WEBSERVICES', 7, `${th} ServiceLogger: Request Url: ${url}`);
        line(e.t + 31, 'UCCX_WEBSERVICES', 7, `${th} ServiceLogger: Match Found for ${url}`);
        line(
          e.t + 31,
          'UCCX_WEBSERVICES',
          7,
          `${th} ServiceLogger: ChatResource: Received a chat config GET request for chat widget id : ${c.widget.id}`,
        );
        line(
          e.t + 33,
          'LIB_DATABASE',
          7,
          `${th} DBAccess: executeQuery: select * from chatbubble where widgetid = ${c.widget.id}`,
        );
        line(
          e.t + 37,
          'UCCX_WEBSERVICES',
          7,
          `${th} ServiceLogger: ChatResource: Returning chat config for chat widget id : ${c.widget.id} (${c.widget.name}), response status 200`,
        );
        break;
      }
      case 'notify': {
        const th = exec();
        line(
          e.t - 3,
          'UCCX_WEBSERVICES',
          7,
          `${th} ServiceLogger: Request Url: https://${UCCX_HOST}/uccx-webservices/contact`,
        );
        line(e.t, 'UCCX_WEBSERVICES', 7, `${th} ServiceLogger: New incoming contact : ${contactXml(c)}`);
        line(e.t + 1, 'UCCX_WEBSERVICES', 7, `${th} ServiceLogger: ${contactEvent(c)}`);
        line(
          e.t + 4,
          'UCCX_WEBSERVICES',
          7,
          `${th} ServiceLogger: ContactResource: Contact ${c.contactId} accepted, response status 200`,
        );
        if (c.index === ctx.known.contactIndex) markKnown(ctx.known.contactAt, sink, c.contactId);
        break;
      }
      default:
        break;
    }
  };
  runWriter(sink, ctx.budget, chatStream(ctx), timeline, render);
  return sink.files;
}
