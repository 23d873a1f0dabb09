/**
 * Enterprise Chat and Email logs, `<@>`-separated: the Listener (ARMLogger byte dumps of logins,
 * routable/ready indications and heartbeats, availability handling with ARMAgentData blocks, health
 * lines) and the ApplicationServer (agent console logins and availability, chat entry-point
 * requests answered with pretty-printed JSON over many lines).
 */
import { AgentStream, type AgentEvent } from '../agentStream';
import * as arm from '../armDump';
import { LocalClock } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import { SYSTEM_B } from '../world';
import { markKnown, newTimeline, Pacer, periodic, runWriter, type WriterContext } from '../writer';

function agentStream(ctx: WriterContext): AgentStream {
  return new AgentStream({ seed: ctx.seed, start: ctx.startB, window: ctx.window, world: ctx.world });
}

interface EceLine {
  level: 'INFO' | 'DEBUG' | 'WARN' | 'ERROR';
  thread: string;
  uid: number | string;
  session?: string;
  logger: string;
  method?: string;
  text: string;
}

function eceWriter(sink: Sink, processId: number): (t: number, l: EceLine) => void {
  const clock = new LocalClock(0);
  return (t, l) =>
    sink.write(
      `${clock.iso(t)} GMT+0000 <@> ${l.level} <@> [${l.thread}] <@> ProcessId:${processId} <@> PID:1 <@> UID:${l.uid} <@> HttpSessionId:${l.session ?? ''} <@> ${l.logger} <@> ${l.method ?? ''} <@> ${l.text} <@>`,
    );
}

const ARM_LOGGER = 'com.ipcc.listener.arm.ARMLogger';
const HANDLER = 'com.ipcc.listener.AgentAvailabilityStatusHandler';
const LOGIN = 'com.ipcc.listener.AgentLoginHandler';

/** A byte dump wrapped over lines the way the listener's log appender sometimes wraps it. */
function wrapDump(dump: string, rng: Rng): string {
  const parts = dump.split(' ');
  const cut = rng.range(8, parts.length - 2);
  return `${parts.slice(0, cut).join(' ')}\n${parts.slice(cut).join(' ')}`;
}

export function writeListener(ctx: WriterContext, fileName: string): FileStat[] {
  const rng = new Rng(ctx.seed, 'ece-listener');
  const sink = new Sink({ root: ctx.root, name: () => fileName });
  const write = eceWriter(sink, 5436);
  const mrd = SYSTEM_B.mrdId;
  const timeline = newTimeline();
  const armThread = (e: AgentEvent): string =>
    `${e.thread}:listener-event-pool-priority-arm-request-executor::-${e.thread - 1795}`;
  const armData = (e: AgentEvent, routable: boolean): string =>
    `ARMAgentData\n=====\nuserId=${e.agent!.userId} icmAgentId=${e.agent!.icmAgentId} mrdId=${mrd} peripheralId=${SYSTEM_B.peripheralId} maxTasks=${e.agent!.maxTasks} routable=${routable} ready=${routable}\n=====`;
  const pacer = new Pacer(sink, ctx.budget, ctx.startB, ctx.window, 330);
  pacer.drive(timeline, rng, ctx.startB, (t) => {
    const r = rng.next();
    if (r < 0.6) {
      write(t, {
        level: 'DEBUG',
        thread: '2230:listener-jms-consumer-1',
        uid: 12,
        logger: 'com.ipcc.listener.jms.ListenerMessageConsumer',
        text: `Received JMS message ${rng.pick(['AGENT_STATE_REFRESH', 'ACTIVITY_ASSIGNED', 'ACTIVITY_COMPLETED', 'QUEUE_DEPTH_CHANGED'])} from application server (correlation ${rng.hex(12).toLowerCase()})`,
      });
    } else if (r < 0.95) {
      write(t, {
        level: 'DEBUG',
        thread: '58:ListenerHealthMonitor',
        uid: 12,
        logger: 'com.ipcc.listener.ListenerHealthMonitor',
        text: `ARM send queue depth ${rng.int(4)}, JMS backlog ${rng.int(20)}, heap used ${rng.range(300, 900)} MB`,
      });
    } else {
      write(t, {
        level: 'WARN',
        thread: '71:Thread-9',
        uid: 12,
        logger: 'com.ipcc.listener.arm.ARMConnection',
        text: `ARM read took ${rng.range(1001, 2500)} ms (threshold 1000 ms)`,
      });
    }
  });
  const render = (e: AgentEvent): void => {
    const a = e.agent;
    switch (e.kind) {
      case 'heartbeat': {
        const id = e.invokeIds[0];
        write(e.t, {
          level: 'INFO',
          thread: '63:ARM-Heartbeat-Timer',
          uid: 12,
          logger: ARM_LOGGER,
          text: `Sending HEARTBEAT_REQ -> ${arm.heartbeat(5, id)}`,
        });
        const late = rng.chance(0.01);
        const back = e.t + (late ? rng.range(1001, 2000) : rng.range(7, 14));
        write(back, {
          level: 'INFO',
          thread: '71:Thread-9',
          uid: 12,
          logger: ARM_LOGGER,
          text: `Received HEARTBEAT_CONF -> ${arm.heartbeat(6, id)}`,
        });
        if (late)
          write(back + 1, {
            level: 'WARN',
            thread: '71:Thread-9',
            uid: 12,
            logger: 'com.ipcc.listener.arm.ARMConnection',
            text: `HEARTBEAT_CONF for InvokeID ${id} arrived after ${back - e.t} ms (threshold 1000 ms)`,
          });
        break;
      }
      case 'health':
        write(e.t, {
          level: 'DEBUG',
          thread: '58:ListenerHealthMonitor',
          uid: 12,
          logger: 'com.ipcc.listener.ListenerHealthMonitor',
          text: `CTI connection status CONNECTED (side A 10.20.30.41:42027, session ${SYSTEM_B.ctiSession}), pending ARM requests 0, logged-in agents ${e.loggedIn}`,
        });
        break;
      case 'login': {
        const id = e.invokeIds[0];
        const th = armThread(e);
        write(e.t, {
          level: 'INFO',
          thread: th,
          uid: a!.userId,
          session: e.httpSession!,
          logger: LOGIN,
          text: `Media login requested for user ${a!.userId}: icmAgentId=${a!.icmAgentId}, mrdId=${mrd}, agentMode=0, isAvailable=false, maxTaskLimit=${a!.maxTasks}`,
        });
        if (a!.index === 0) markKnown(ctx.known.agentAt, sink, String(a!.icmAgentId), `icmAgentId=${a!.icmAgentId}`);
        const req = arm.mediaLoginReq(id, mrd, a!.icmAgentId, a!.maxTasks, String(a!.userId));
        write(e.t + 6, {
          level: 'INFO',
          thread: th,
          uid: a!.userId,
          session: e.httpSession!,
          logger: ARM_LOGGER,
          text: `Sending MEDIA_LOGIN_REQ -> ${rng.chance(0.15) ? wrapDump(req, rng) : req}`,
        });
        write(e.t + 150, {
          level: 'INFO',
          thread: '71:Thread-9',
          uid: 12,
          logger: ARM_LOGGER,
          text: `Received MEDIA_LOGIN_RESP -> ${arm.mediaLoginResp(id, 0)}`,
        });
        write(e.t + 152, {
          level: 'INFO',
          thread: '71:Thread-9',
          uid: 12,
          logger: LOGIN,
          text: `Media login succeeded for user ${a!.userId} (icmAgentId=${a!.icmAgentId}, mrdId=${mrd}, invokeId=${id}, status=0)`,
        });
        break;
      }
      case 'available': {
        const [routableId, readyId] = e.invokeIds;
        const th = armThread(e);
        write(e.t - 5, {
          level: 'INFO',
          thread: '2230:listener-jms-consumer-1',
          uid: 12,
          logger: HANDLER,
          text: `Received availability change from application server: user ${a!.userId} status=AVAILABLE mrdId=${mrd}`,
        });
        write(e.t, {
          level: 'INFO',
          thread: th,
          uid: 12,
          logger: HANDLER,
          text: `\nAgentAvailabilityStatusHandler:agentIsAvailable() MAKE_AGENT_ROUTABLE_IND to ARM\narmLoginDataArraySize=1 ${armData(e, false)}`,
        });
        write(e.t, {
          level: 'INFO',
          thread: th,
          uid: 12,
          logger: ARM_LOGGER,
          text: `Sending MAKE_AGENT_ROUTABLE_IND -> ${arm.makeAgentRoutable(routableId, mrd, a!.icmAgentId, a!.maxTasks)}`,
        });
        write(e.t + 1, {
          level: 'INFO',
          thread: th,
          uid: 12,
          logger: ARM_LOGGER,
          text: `Sending MAKE_AGENT_READY_IND -> ${arm.makeAgentReady(readyId, mrd, a!.icmAgentId, true)}`,
        });
        write(e.t + 1, {
          level: 'INFO',
          thread: th,
          uid: 12,
          logger: HANDLER,
          text: `PRINT_STATE after sending MAKE_AGENT_READY_IND to ARM:\n${armData(e, true)}`,
        });
        break;
      }
      case 'unavailable':
        write(e.t - 5, {
          level: 'INFO',
          thread: '2230:listener-jms-consumer-1',
          uid: 12,
          logger: HANDLER,
          text: `Received availability change from application server: user ${a!.userId} status=UNAVAILABLE mrdId=${mrd}`,
        });
        write(e.t, {
          level: 'INFO',
          thread: armThread(e),
          uid: 12,
          logger: HANDLER,
          text: `AgentAvailabilityStatusHandler:agentIsUnavailable() MAKE_AGENT_NOT_READY_IND to ARM for user ${a!.userId} (icmAgentId=${a!.icmAgentId}, invokeId=${e.invokeIds[0]})`,
        });
        break;
      case 'logout':
        write(e.t, {
          level: 'INFO',
          thread: armThread(e),
          uid: a!.userId,
          session: e.httpSession!,
          logger: LOGIN,
          text: `Media logout requested for user ${a!.userId}: icmAgentId=${a!.icmAgentId}, mrdId=${mrd}, invokeId=${e.invokeIds[0]}`,
        });
        break;
    }
  };
  runWriter(sink, ctx.budget, agentStream(ctx), timeline, render);
  return sink.files;
}

const ENTRY_POINTS = [
  { id: 1001, queue: 1003 },
  { id: 1002, queue: 1004 },
  { id: 1005, queue: 1006 },
];

function entryPointJson(responseType: number): string {
  return `{
  "checkEligibility": {
    "responseType": ${responseType}
  },
  "maskingPatterns": {
    "maskingPattern": []
  },
  "isVideoChatLicensed": false,
  "isVideoChatEnabled": false,
  "videoChatMaxEscalation": 5,
  "isDirectAudioChatEnabled": true,
  "isChatAttachmentEnabled": false,
  "maxChatAttachmentSize": 3,
  "isBlackListType": false,
  "isOffRecordEnabled": false,
  "htmlTagMatcherRegex": "((?:[\\\\r\\\\n\\\\t]*(<[^>]*>)*[\\\\r\\\\n\\\\t]*)*)",
  "htmlTagMatcherIncr": 1,
  "isOneTagOff": true
}`;
}

export function writeApplicationServer(ctx: WriterContext, fileName: string): FileStat[] {
  const rng = new Rng(ctx.seed, 'ece-appserver');
  const sink = new Sink({ root: ctx.root, name: () => fileName });
  const write = eceWriter(sink, 3908);
  const timeline = newTimeline();
  const exec = (): string => {
    const n = rng.range(1, 40);
    return `${1175 + n}:http-nio-9001-exec-${n}`;
  };
  periodic(timeline, ctx.startB + 15_041, 60_000, undefined, (t) =>
    write(t, {
      level: 'DEBUG',
      thread: '44:ClusterHeartbeatThread',
      uid: -1,
      logger: 'com.egain.platform.framework.cluster.ClusterHeartbeat',
      method: 'run',
      text: 'Heartbeat sent to 2 cluster members (ECEAPP01, ECEAPP02)',
    }),
  );
  // Customers opening the chat entry points: most of this log.
  const pacer = new Pacer(sink, ctx.budget, ctx.startB, ctx.window, 1500);
  pacer.drive(timeline, rng, ctx.startB, (t) => {
    const th = exec();
    const session = rng.alnum(24);
    const r = rng.next();
    if (r < 0.01) {
      write(t, {
        level: 'ERROR',
        thread: th,
        uid: -1,
        session,
        logger: 'com.egain.live.rest.chat.EntryPointResource',
        method: 'initialize',
        text: `Entry point ${rng.range(1090, 1099)} not found or inactive; returning HTTP 404`,
      });
      return;
    }
    if (r < 0.02) {
      write(t, {
        level: 'WARN',
        thread: th,
        uid: -1,
        logger: 'com.egain.platform.framework.cache.CacheRefresher',
        method: 'refresh',
        text: `Cache refresh of department 999 took ${rng.range(1001, 4000)} ms`,
      });
      return;
    }
    const ep = rng.pick(ENTRY_POINTS);
    const type = rng.next() < 0.7 ? 0 : rng.chance(0.7) ? 1 : 2;
    const why =
      type === 0
        ? `agents available in MRD ${SYSTEM_B.mrdId}`
        : type === 1
          ? `no agent available in MRD ${SYSTEM_B.mrdId}`
          : 'queue depth reached (10 of 10)';
    write(t, {
      level: 'INFO',
      thread: th,
      uid: -1,
      session,
      logger: 'com.egain.live.rest.chat.EntryPointResource',
      method: 'initialize',
      text: `Request received: GET /system/egain/chat/entrypoint/initialize/${ep.id}`,
    });
    write(t + 9, {
      level: 'DEBUG',
      thread: th,
      uid: -1,
      session,
      logger: 'com.egain.live.chat.availability.ChatAvailabilityChecker',
      method: 'checkEligibility',
      text: `Entry point ${ep.id}, queue ${ep.queue}: ${why}; responseType=${type}`,
    });
    write(t + 14, {
      level: 'DEBUG',
      thread: th,
      uid: -1,
      session,
      logger: 'com.egain.live.rest.chat.EntryPointResource',
      method: 'initialize',
      text: `Response for entry point ${ep.id}:\n${entryPointJson(type)}`,
    });
  });
  const render = (e: AgentEvent): void => {
    const a = e.agent;
    if (!a) return;
    const th = exec();
    const s = e.httpSession!;
    switch (e.kind) {
      case 'login':
        write(e.t - 276, {
          level: 'INFO',
          thread: th,
          uid: a.userId,
          session: s,
          logger: 'com.egain.platform.module.session.LoginManager',
          method: 'login',
          text: `User ${a.userId} logged in to the agent console`,
        });
        write(e.t - 228, {
          level: 'INFO',
          thread: th,
          uid: a.userId,
          session: s,
          logger: 'com.egain.live.agent.MediaLoginPublisher',
          method: 'publish',
          text: `Requesting media login for user ${a.userId} in MRD ${SYSTEM_B.mrdId} through the listener`,
        });
        break;
      case 'available':
      case 'unavailable':
        write(e.t - 71, {
          level: 'INFO',
          thread: th,
          uid: a.userId,
          session: s,
          logger: 'com.egain.live.agent.AvailabilityService',
          method: 'setAvailability',
          text: `User ${a.userId} changed chat availability to ${e.kind === 'available' ? 'AVAILABLE' : 'UNAVAILABLE'} (MRD ${SYSTEM_B.mrdId})`,
        });
        break;
      case 'logout':
        write(e.t - 40, {
          level: 'INFO',
          thread: th,
          uid: a.userId,
          session: s,
          logger: 'com.egain.platform.module.session.LoginManager',
          method: 'logout',
          text: `User ${a.userId} logged out of the agent console`,
        });
        break;
      default:
        break;
    }
  };
  runWriter(sink, ctx.budget, agentStream(ctx), timeline, render);
  return sink.files;
}
