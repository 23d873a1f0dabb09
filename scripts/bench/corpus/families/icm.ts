/**
 * UCCE/ICM text: dumplog output of the CTI server (`cglA-ctisvr`) and the OPC (`PG1A-opc`), one file
 * per process and day with an `Events from ...` header, and console sessions of rttest, opctest and
 * procmon. The ECE agents' logins and availability carry the listener's InvokeIDs; Finesse voice
 * agents changing state make most of the volume. The PG clock reads the listener's GMT time plus
 * 2 hours and 60 ms of skew, and a message takes 8 ms on the wire (as in the samples).
 */
import { AgentStream, type AgentEvent } from '../agentStream';
import { LocalClock } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import { SYSTEM_B, type EceAgent, type VoiceAgent } from '../world';
import { markKnown, newTimeline, Pacer, periodic, runWriter, type WriterContext } from '../writer';

const PG_OFFSET = 120;
const SKEW_MS = 68;

const VOICE_CYCLE: Array<[string, string]> = [
  ['AVAILABLE', 'RESERVED'],
  ['RESERVED', 'TALKING'],
  ['TALKING', 'WORK_READY'],
  ['WORK_READY', 'AVAILABLE'],
];

interface DumplogWriter {
  sink: Sink;
  line(t: number, text: string): void;
}

function dumplog(ctx: WriterContext, process: string, node: string): DumplogWriter {
  const clock = new LocalClock(PG_OFFSET);
  let now = ctx.startB;
  let day = -1;
  const sink = new Sink({
    root: ctx.root,
    name: () => `icm/${process}_${clock.yymmdd(now)}.txt`,
    header: () => `${clock.dumplogHeader(now)}\n`,
  });
  return {
    sink,
    line(t, text) {
      now = t;
      const d = clock.parts(t).localDay;
      if (day !== -1 && d !== day) sink.roll();
      day = d;
      sink.write(`${clock.dumplog(t)} ${node}-${process} Trace: ${text}`);
    },
  };
}

function agentStream(ctx: WriterContext): AgentStream {
  return new AgentStream({ seed: ctx.seed, start: ctx.startB, window: ctx.window, world: ctx.world });
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Voice agents walking through their states, one step per call of `step`. */
class VoiceAgents {
  private readonly state: number[];
  constructor(
    private readonly agents: readonly VoiceAgent[],
    private readonly rng: Rng,
  ) {
    this.state = agents.map(() => rng.int(VOICE_CYCLE.length));
  }
  step(): { agent: VoiceAgent; from: string; to: string } {
    const i = this.rng.int(this.agents.length);
    const [from, to] = VOICE_CYCLE[this.state[i]];
    this.state[i] = (this.state[i] + 1) % VOICE_CYCLE.length;
    return { agent: this.agents[i], from, to };
  }
}

export function writeCtiServer(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'ctisvr');
  const w = dumplog(ctx, 'ctisvr', 'cglA');
  const timeline = newTimeline();
  const { mrdId, ctiSession, appPathId } = SYSTEM_B;
  periodic(
    timeline,
    ctx.startB + 15,
    60_000,
    () => rng.int(3),
    (t) =>
      w.line(
        t,
        `Session 3 (Finesse 10.48.22.80) and session ${ctiSession} (ECE_Listener 10.20.31.15) active; 2 CTI clients connected`,
      ),
  );
  const voice = new VoiceAgents(ctx.world.voiceAgents, rng);
  const pacer = new Pacer(w.sink, ctx.budget, ctx.startB, ctx.window, 560);
  pacer.drive(timeline, rng, ctx.startB, (t) => {
    if (rng.chance(0.003)) {
      const id = rng.range(900, 4000);
      w.line(
        t,
        `MsgType:QUERY_AGENT_STATE_REQ (InvokeID:${hex(id)} PeripheralID:5099 MRDID:1 ICMAgentID:-1 AgentID:29999 )`,
      );
      w.line(t + 1, `MsgType:FAILURE_CONF (InvokeID:${hex(id)} Status:E_CTI_INVALID_PERIPHERAL_ID )`);
      return;
    }
    const { agent, to } = voice.step();
    const s = `AGENT_STATE_${to}`;
    w.line(
      t,
      `MsgType:AGENT_STATE_EVENT (SessionID:3 MonitorID:0 PeripheralID:${SYSTEM_B.peripheralId} PeripheralType:PT_ENTERPRISE_AGENT SkillGroupState:${s} StateDuration:0 SkillGroupNumber:70520 SkillGroupID:6274 SkillGroupPriority:0 AgentState:${s} EventReasonCode:0 MRDID:1 NumTasks:${to === 'TALKING' ? 1 : 0} AgentMode:1 MaxTaskLimit:1 ICMAgentID:${agent.icmAgentId} AgentAvailabilityStatus:${to === 'AVAILABLE' ? 1 : 0} NumFltSkillGroups:1 CTIClientSignature:Finesse AgentID:${agent.agentId} AgentExtension:${agent.agentId} AgentInstrument:${agent.agentId} )`,
    );
  });
  const render = (e: AgentEvent): void => {
    const a = e.agent;
    if (!a) return;
    const t = e.t + SKEW_MS;
    switch (e.kind) {
      case 'login': {
        const id = e.invokeIds[0];
        w.line(t + 6, `ProcessMediaLoginReq - sessionID ${ctiSession}`);
        w.line(
          t + 6,
          `SendARMMsg -- InvokeID = ${id}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, AgentMode = 0\nIsAvailable = 0, MaxTaskLimit = ${a.maxTasks}, AgentInfo = ${a.userId}, ApplicationPathID = ${appPathId}, PeripheralID = 0, AgentID =`,
        );
        if (a.index === 0) markKnown(ctx.known.agentAt, w.sink, String(a.icmAgentId), `ICMAgentID = ${a.icmAgentId}`);
        w.line(
          t + 134,
          `ProcessARMMediaLoginRespMsg -- InvokeID = ${id}, Status = 0, AgentSkillTargetID = ${a.icmAgentId}`,
        );
        break;
      }
      case 'available': {
        const [routable, ready] = e.invokeIds;
        w.line(
          t,
          `MsgType:MAKE_AGENT_ROUTABLE_IND (InvokeID:${hex(routable)} MRDID:${mrdId} ICMAgentID:${a.icmAgentId} MaxTasks:${a.maxTasks} )`,
        );
        w.line(t, `ProcessMakeAgentRoutableInd - sessionID ${ctiSession}`);
        w.line(
          t,
          `SendARMMsg -- InvokeID = ${routable}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, MaxTasks = ${a.maxTasks}, SessionID = ${ctiSession}`,
        );
        w.line(
          t + 1,
          `MsgType:MAKE_AGENT_READY_IND (InvokeID:${hex(ready)} MRDID:${mrdId} ICMAgentID:${a.icmAgentId} MakeRoutable:True )`,
        );
        w.line(t + 1, `ProcessMakeAgentReadyInd - sessionID ${ctiSession}`);
        w.line(
          t + 1,
          `SendARMMsg -- InvokeID = ${ready}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, MakeRoutable = 1, SessionID = ${ctiSession}`,
        );
        break;
      }
      case 'unavailable':
        w.line(
          t,
          `MsgType:MAKE_AGENT_NOT_READY_IND (InvokeID:${hex(e.invokeIds[0])} MRDID:${mrdId} ICMAgentID:${a.icmAgentId} )`,
        );
        break;
      case 'logout':
        w.line(
          t,
          `MsgType:MEDIA_LOGOUT_IND (InvokeID:${hex(e.invokeIds[0])} MRDID:${mrdId} ICMAgentID:${a.icmAgentId} )`,
        );
        break;
      default:
        break;
    }
  };
  runWriter(w.sink, ctx.budget, agentStream(ctx), timeline, render);
  return w.sink.files;
}

export function writeOpc(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'opc');
  const w = dumplog(ctx, 'opc', 'PG1A');
  const timeline = newTimeline();
  const { mrdId, ctiSession, appPathId } = SYSTEM_B;
  let loggedIn = 0;
  periodic(timeline, ctx.startB + 2, 60_000, undefined, (t) =>
    w.line(t, `OPC status: PIM1 ACTIVE, CTI Server session count 2, ARM agents logged in ${loggedIn}`),
  );
  periodic(timeline, ctx.startB + 1, 300_000, undefined, (t) =>
    w.line(
      t,
      `ApplicationPath ${appPathId} (ECE_AppPath) MRDomainID=${mrdId} PeripheralID=${SYSTEM_B.peripheralId} Status=ACTIVE SessionID=${ctiSession}`,
    ),
  );
  const voice = new VoiceAgents(ctx.world.voiceAgents, rng);
  const pacer = new Pacer(w.sink, ctx.budget, ctx.startB, ctx.window, 200);
  pacer.drive(timeline, rng, ctx.startB, (t) => {
    const { agent, from, to } = voice.step();
    w.line(
      t,
      `SetAgentState: ASTID=${agent.icmAgentId} Periph#=${agent.periph} MRDomainID=1 SGSTID=6274 SG#=70520(0x11378) OldState=AS_${from} NewState=AS_${to} Duration=${rng.range(2, 400)} CurLine=0 ReasonCode=0 AgentObj=${agent.agentObj}`,
    );
  });
  const setState = (t: number, a: EceAgent, from: string, to: string, duration: number): void => {
    for (const [stid, num] of [
      [SYSTEM_B.sgStid, SYSTEM_B.sgNumber],
      [SYSTEM_B.defaultSgStid, SYSTEM_B.defaultSgNumber],
    ]) {
      w.line(
        t,
        `SetAgentState: ASTID=${a.icmAgentId} Periph#=${a.periph} MRDomainID=${mrdId} SGSTID=${stid} SG#=${num}(${hex(num)}) OldState=${from} NewState=${to} Duration=${duration} CurLine=-1 ReasonCode=0 AgentObj=${a.agentObj}`,
      );
    }
  };
  const render = (e: AgentEvent): void => {
    const a = e.agent;
    if (!a) return;
    const t = e.t + SKEW_MS;
    switch (e.kind) {
      case 'login':
        loggedIn++;
        w.line(
          t + 7,
          `MediaLoginReq - InvokeID = ${e.invokeIds[0]}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, AgentMode = 0, IsAvailable = 0, MaxTaskLimit = ${a.maxTasks}, ApplicationPathID = ${appPathId}, SessionID = ${ctiSession}`,
        );
        if (a.index === 0) markKnown(ctx.known.agentAt, w.sink, String(a.icmAgentId), `ICMAgentID = ${a.icmAgentId}`);
        setState(t + 8, a, 'AS_LOGGED_OFF', 'AS_NOT_READY', 0);
        w.line(
          t + 132,
          `MediaLoginResp - InvokeID = ${e.invokeIds[0]}, Status = 0, AgentSkillTargetID = ${a.icmAgentId}, SessionID = ${ctiSession}`,
        );
        break;
      case 'available':
        w.line(
          t,
          `MakeAgentRoutableInd - InvokeID = ${e.invokeIds[0]}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, MaxTasks = ${a.maxTasks}, SessionID = ${ctiSession}`,
        );
        w.line(
          t,
          `MakeAgentReadyInd - InvokeID = ${e.invokeIds[1]}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, MakeRoutable = 1, SessionID = ${ctiSession}`,
        );
        setState(t, a, 'AS_NOT_READY', 'AS_NOT_ACTIVE', e.duration);
        break;
      case 'unavailable':
        w.line(
          t,
          `MakeAgentNotReadyInd - InvokeID = ${e.invokeIds[0]}, MRDID = ${mrdId}, ICMAgentID = ${a.icmAgentId}, SessionID = ${ctiSession}`,
        );
        setState(t, a, 'AS_NOT_ACTIVE', 'AS_NOT_READY', e.duration);
        break;
      case 'logout':
        loggedIn--;
        setState(t, a, 'AS_NOT_READY', 'AS_LOGGED_OFF', e.duration);
        break;
      default:
        break;
    }
  };
  runWriter(w.sink, ctx.budget, agentStream(ctx), timeline, render);
  return w.sink.files;
}

/** rttest, opctest and procmon sessions saved as text, each asking about many agents (the followed one first). */
export function writeTools(ctx: WriterContext): FileStat[] {
  const rng = new Rng(ctx.seed, 'tools');
  const kinds = ['rttest', 'opctest', 'procmon'] as const;
  const sinks = kinds.map((kind) => new Sink({ root: ctx.root, name: (n) => `icm/${kind}_pg1a_agents_${n + 1}.txt` }));
  const agents = ctx.world.eceAgents;
  const written = (): number => sinks.reduce((s, k) => s + k.written, 0);
  let round = 0;
  while (written() < ctx.budget) {
    const k = round % 3;
    const sink = sinks[k];
    // The followed agent first, then the others in a shuffled order.
    const order = [agents[0], ...shuffled(agents.slice(1), rng)];
    if (k === 0) {
      sink.write('C:\\icm\\inst1\\ra\\logfiles>rttest /cust inst1 /node RouterA');
      for (const a of order) {
        sink.write(`rttest: agent_status /agent ${a.icmAgentId}`);
        if (a.index === 0) markKnown(ctx.known.agentAt, sink, String(a.icmAgentId), `/agent ${a.icmAgentId}`);
        const st = rng.pick(['na-0:2,RA', 'av-0:2,RA', 'na-0:2,RD', 'ac-1:2,RA', 'nr-0:2,R']);
        sink.write(
          `Agent ${a.enterpriseName} (${a.icmAgentId}, periph# ${a.periph})\n` +
            `  domain: Cisco_Voice (1), state = [nr-0:1,R], ${rng.range(10, 3000)} secs\n` +
            `    CL nr Voice_Billing (6274, periph# 70520)\n` +
            `    L nr CUCM_PIM1.Cisco_Voice.defa.88025 (6268, periph# 31858)\n` +
            `  domain: ECE_Chat (${SYSTEM_B.mrdId}), state = [${st}], ${rng.range(10, 3000)} secs\n` +
            `    CL na TEST_Chat (${SYSTEM_B.sgStid}, periph# ${SYSTEM_B.sgNumber})\n` +
            `    L na CUCM.ECE_Chat.default.11006 (${SYSTEM_B.defaultSgStid}, periph# ${SYSTEM_B.defaultSgNumber})`,
        );
      }
      sink.write('rttest: quit\n');
    } else if (k === 1) {
      sink.write('C:\\icm\\inst1\\ra\\logfiles>opctest /cust inst1 /node PG1A');
      for (const a of order) {
        sink.write(`opctest: dump_agent ${SYSTEM_B.peripheralId} ${a.periph}`);
        sink.write(
          `Agent: SkillTargetID=${a.icmAgentId} PeripheralID=${SYSTEM_B.peripheralId} Periph#=${a.periph} EnterpriseName=${a.enterpriseName} AgentObj=${a.agentObj}\n` +
            `  LoginName=${a.loginName}  Extension=${a.extension}  Instrument=${a.extension}  AgentInfo=${a.userId}\n` +
            `  MRDomain 1 (Cisco_Voice): State=AS_NOT_READY Routable=Y MaxTasks=1 ActiveTasks=0 ReasonCode=0 StateTime=15:21:41\n` +
            `    SG#=70520(0x11378) SGSTID=6274 State=AS_NOT_READY Priority=0\n` +
            `    SG#=31858(0x7c72) SGSTID=6268 State=AS_NOT_READY Priority=0 (default)\n` +
            `  MRDomain ${SYSTEM_B.mrdId} (ECE_Chat): State=AS_NOT_ACTIVE Routable=Y MaxTasks=${a.maxTasks} ActiveTasks=0 ReasonCode=0 StateTime=15:34:09 ApplicationPathID=${SYSTEM_B.appPathId} SessionID=${SYSTEM_B.ctiSession}\n` +
            `    SG#=${SYSTEM_B.sgNumber}(${hex(SYSTEM_B.sgNumber)}) SGSTID=${SYSTEM_B.sgStid} State=AS_NOT_ACTIVE Priority=0\n` +
            `    SG#=${SYSTEM_B.defaultSgNumber}(${hex(SYSTEM_B.defaultSgNumber)}) SGSTID=${SYSTEM_B.defaultSgStid} State=AS_NOT_ACTIVE Priority=0 (default)`,
        );
      }
      sink.write('opctest: quit\n');
    } else {
      sink.write('C:\\icm\\inst1\\pg1a\\logfiles>procmon inst1 PG1A pim1');
      sink.write('15:41:05 Trace: EMT Creating Mutex Global\\IMTConnect_DisconnectLock');
      for (const a of order) {
        sink.write(`>>>>dagent ${a.periph}`);
        sink.write(
          `Agent ${a.periph}: SkillTargetID=${a.icmAgentId} PeripheralID=${SYSTEM_B.peripheralId} LoginName=${a.loginName}\n` +
            `  Extension=${a.extension} Instrument=${a.extension} LineType=INBOUND\n` +
            `  AgentState=NOT_READY ReasonCode=0 StateDuration=${rng.range(10, 3000)} secs\n` +
            `  SkillGroups: 70520 (Voice_Billing) 31858 (default)\n` +
            `  Tasks: none`,
        );
      }
      sink.write('>>>>q\n');
    }
    sink.roll();
    round++;
  }
  for (const s of sinks) s.close();
  return sinks.flatMap((s) => s.files);
}

function shuffled<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
