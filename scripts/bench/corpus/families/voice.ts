/**
 * The voice side of a case bundle (flow C and D of the samples, at volume): CUCM SDL traces with SIP
 * messages over many lines, the Cisco JTAPI client with its { } CTI bodies, the CVP Call Server, the
 * router's dumplog with its call-context prefix, and Finesse webservices. Every call carries the ids
 * the index follows (GUID, router call key, GlobalCallID and CI, Finesse dialog, agent); one call
 * stream feeds every file, so the same call appears in each. Clocks: the site's +02:00 (CUCM and the
 * router print it without a zone), Finesse and CVP `+0200`, JTAPI `CEST`.
 */
import { LocalClock } from '../clock';
import { Rng } from '../prng';
import { Sink, type FileStat } from '../sink';
import type { WriterContext } from '../writer';

const SITE_OFFSET = 120;
const MiB = 1024 * 1024;

interface Call {
  t: number;
  index: number;
  guid: string;
  rck: number;
  gcid: number;
  ci: number;
  dialog: number;
  ani: string;
  agentPeriph: number;
  extension: number;
}

/** The calls of the simulated period, deterministic from the seed; `meanGap` sets the density. */
function* calls(ctx: WriterContext, meanGap: number): Generator<Call> {
  const rng = new Rng(ctx.seed, 'voice-calls');
  let t = ctx.startB;
  for (let index = 0; ; index++) {
    t += Math.max(1, Math.round(rng.exp(meanGap)));
    const agent = rng.int(200);
    yield {
      t,
      index,
      guid: rng.hex(32).toUpperCase(),
      rck: 1000 + index,
      gcid: 2_000_000 + index,
      ci: 48_000_000 + index * 4,
      dialog: 16_800_000 + index * 3,
      ani: `49695${String(rng.int(100_000)).padStart(5, '0')}`,
      agentPeriph: 1000 + agent,
      extension: 3000 + agent,
    };
  }
}

/** Runs `render` for calls until `sink` holds `budget` characters; calls arrive so the period is filled. */
function drive(ctx: WriterContext, sink: Sink, callBytes: number, render: (c: Call) => void): FileStat[] {
  const meanGap = ctx.window / Math.max(1, ctx.budget / callBytes);
  for (const c of calls(ctx, meanGap)) {
    if (sink.written >= ctx.budget) break;
    render(c);
  }
  sink.close();
  return sink.files;
}

export function writeCucmSdl(ctx: WriterContext): FileStat[] {
  const clock = new LocalClock(SITE_OFFSET);
  let seq = 1;
  /** The record being written: a file it opens begins with the FileHead of its moment. */
  let now = ctx.startB;
  const stamp = (t: number) => clock.dumplog(t).replace(/:(\d{3})$/, '.$1');
  const sink = new Sink({
    root: ctx.root,
    name: (n) => `cucm/SDL001_100_${String(n + 1).padStart(6, '0')}.txt`,
    rollBytes: 5 * MiB,
    // Every SDL file CUCM writes begins with a FileHead line: the date and the node's UTC offset of its
    // time-only stamps (the published form: `|FileHead |UTC:-05:00,Date: 2024/08/13, AppName: CCM, ...`).
    // Its line number is the one of the record that opened the file (already numbered), with `.000`.
    header: (n) =>
      `${String(seq - 1).padStart(8, '0')}.000 |${stamp(now)} |FileHead |UTC:+02:00,Date: ${clock.parts(now).ymd.replace(/-/g, '/')}, AppName: CCM, AppId: 100, AppNodeId: 1, AppVersion: CUCM Install=11.5.1.16900-16 Build=11.5.1.16900-16 (d3f126) memlog=20, HostName: cucm-sub1, HostIPAddress: 10.20.30.11, AppStartTime: 2019/08/02 04:11:37, FileNumber: ${n + 1}, TraceVer: 3.0`,
  });
  const head = (t: number, tag: string, sub = 1) =>
    `${String(seq++).padStart(8, '0')}.${String(sub).padStart(3, '0')} |${stamp(t)} |${tag.padEnd(9)}|`;
  const write = (t: number, record: string) => {
    now = t;
    sink.write(record);
  };
  return drive(ctx, sink, 1400, (c) => {
    write(
      c.t,
      `${head(c.t, 'AppInfo')}SIPTcp - wait_SdlReadRsp: Incoming SIP TCP message from 10.20.30.5 on port 5060 index ${c.index % 1000} with 512 bytes:\n` +
        `[${c.index},NET]\nINVITE sip:8800@10.20.30.11:5060 SIP/2.0\nVia: SIP/2.0/TCP 10.20.30.5:5060;branch=z9hG4bK${c.index.toString(16)}\n` +
        `From: <sip:${c.ani}@10.20.30.5>;tag=${c.index}\nTo: <sip:8800@10.20.30.11>\nCall-ID: ${c.guid}@10.20.30.5\nCSeq: 101 INVITE\nContent-Length: 0\n`,
    );
    write(
      c.t + 2,
      `${head(c.t + 2, 'AppInfo')}Digit analysis: match(pi="1", fqcn="${c.ani}", cn="${c.ani}",plv="5", dd="8800",dac="0")`,
    );
    write(
      c.t + 3,
      `${head(c.t + 3, 'SdlSig', 0)}CcSetupReq                             |restart0                       |Cdcc(1,100,219,7)                |Cdcc(1,100,219,6)                |1,100,14,1.1^*                   |[R:N-H:0,N:1,L:0,V:0,Z:0,D:0] CI=${c.ci} GlobalCallID_callId=${c.gcid} GlobalCallID_callManagerId=1`,
    );
    write(
      c.t + 15_000,
      `${head(c.t + 15_000, 'AppInfo')}StationD:    (0000031) DEBUG whatToDo: line=1 calls=0 limit=4, busy=2. GCI=(1, ${c.gcid}), cm_PL=(5, 0).`,
    );
    write(
      c.t + 15_001,
      `${head(c.t + 15_001, 'AppInfo')}StationD:    (0000031) INFO  sendCallAcceptReq: extension ${c.extension} ci=${c.ci + 2}.`,
    );
  });
}

export function writeJtapi(ctx: WriterContext): FileStat[] {
  const clock = new LocalClock(SITE_OFFSET);
  let seq = 1;
  const sink = new Sink({ root: ctx.root, name: (n) => `jtapi/CiscoJtapi${n + 1}.log`, rollBytes: 5 * MiB });
  const head = (t: number, facility: string, thread: string) =>
    `${seq++}: ${clock.uccx(t)} CEST %JTAPI-${facility}-7-UNK:(P1-10.20.30.11) [${thread}]`;
  return drive(ctx, sink, 900, (c) => {
    sink.write(
      `${head(c.t + 5, 'PROTOCOL', 'CTIManager-1')} received Event: com.cisco.cti.protocol.NewCallEvent {\n` +
        `eventSequence     = ${c.index}\ncallLegID         = ${c.ci}\nglobalCallManagerID = 1\nstate             = 1\ncallingParty      = ${c.ani}\ncalledParty       = 8800\n}`,
    );
    sink.write(`${head(c.t + 6, 'JTAPIIMPL', 'SS_TEL_CALL_THRD')} Call(P1-10.20.30.11) GCID=(1,${c.gcid})->ACTIVE`);
    sink.write(
      `${head(c.t + 15_010, 'JTAPIIMPL', 'SS_TEL_CALL_THRD')} Address[${c.extension}]: CallCtlConnEstablishedEv GCID=(1,${c.gcid})`,
    );
  });
}

export function writeCvp(ctx: WriterContext): FileStat[] {
  const clock = new LocalClock(SITE_OFFSET);
  let seq = 1;
  const sink = new Sink({
    root: ctx.root,
    name: (n) => `cvp/CVP.${clock.parts(ctx.startB).ymd}${n === 0 ? '' : `.${n}`}.log`,
    rollBytes: 10 * MiB,
  });
  const head = (t: number, facility: string, thread: string) =>
    `${seq++}: 10.20.30.61: ${clock.socialMiner(t)} +0200: %CVP_11_6_${facility}-7-CALL: {Thrd=${thread}}`;
  return drive(ctx, sink, 800, (c) => {
    sink.write(
      `${head(c.t, 'SIP', `DIALOG_CALLBACK.${c.index % 16}`)} CALLGUID = ${c.guid}, INVITE from sip:${c.ani}@10.20.30.5 to sip:8800@10.20.30.61`,
    );
    sink.write(
      `${head(c.t + 45, 'ICM', `pool-7-thread-${c.index % 8}`)} CALLGUID=${c.guid} NEW_CALL sent to ICM, DialedNumber=8800`,
    );
    sink.write(
      `${head(c.t + 14_900, 'ICM', `pool-7-thread-${c.index % 8}`)} CALLGUID=${c.guid} Received CONNECT from ICM, Label=${c.extension}, RouterCallKey=${c.rck}, RouterCallKeyDay=152619`,
    );
  });
}

export function writeRouter(ctx: WriterContext): FileStat[] {
  const clock = new LocalClock(SITE_OFFSET);
  let now = ctx.startB;
  let day = -1;
  const sink = new Sink({
    root: ctx.root,
    name: () => `icm/rtr_${clock.yymmdd(now)}.txt`,
    header: () => `${clock.dumplogHeader(now)}\n`,
  });
  const line = (t: number, text: string) => {
    now = t;
    const d = clock.parts(t).localDay;
    if (day !== -1 && d !== day) sink.roll();
    day = d;
    sink.write(`${clock.dumplog(t)} ra-rtr Trace: (65536 x 0 : 0 0) ${text}`);
  };
  return drive(ctx, sink, 330, (c) => {
    line(
      c.t + 50,
      `NewCall: CID=(152619,${c.rck}), DN=8800, ANI=${c.ani}, CED=, RCID=5001 , MRDID=1, CallAtVRU=0, OpCode=0.`,
    );
    line(
      c.t + 14_890,
      `RouteSelect: CID=(152619,${c.rck}), Label=${c.extension}, ASTID=${5000 + (c.agentPeriph % 1000)}`,
    );
  });
}

export function writeFinesse(ctx: WriterContext): FileStat[] {
  const clock = new LocalClock(SITE_OFFSET);
  let seq = 1;
  const sink = new Sink({
    root: ctx.root,
    name: (n) => `finesse/Desktop-webservices.${clock.fileStamp(ctx.startB + n)}.log`,
    rollBytes: 10 * MiB,
  });
  const head = (t: number, thread: string, level: number, mnemonic: string) =>
    `${String(seq++).padStart(10, '0')}: 10.20.31.41: ${clock.socialMiner(t)} +0200: %CCBU_${thread}-${level}-${mnemonic}:`;
  return drive(ctx, sink, 700, (c) => {
    sink.write(
      `${head(c.t + 14_950, 'CTIMessageEventExecutor-0', 6, 'DECODED_MESSAGE_FROM_CTI_SERVER')} %[cti_message=CTIBeginCallEvent[peripheralID=5000, connectionCallID=${c.dialog}, callKeyCallId=${c.rck}, callKeyPrefix=152619, ani=${c.ani}, dialedNumber=8800, user.media.id=${c.guid}]]: Decoded Message to Finesse from backend cti server`,
    );
    sink.write(
      `${head(c.t + 16_200, 'CTIMessageEventExecutor-0', 6, 'DECODED_MESSAGE_FROM_CTI_SERVER')} %[cti_message=CTIAgentStateEvent[agentID=${c.agentPeriph}, agentExtension=${c.extension}, agentState=TALKING]]: Decoded Message to Finesse from backend cti server`,
    );
  });
}
