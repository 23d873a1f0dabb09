import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ctiTraceExplainer, messageForFunction } from '../../server/src/explain/ctiTrace';
import type { ExplainContext, ExplainMatch } from '../../server/src/explain/types';
import {
  CTISVR_AVAILABILITY_TRACE,
  CTISVR_LOGIN_TRACE,
  CTISVR_MSGTYPE_LINES,
  LOGIN_REQ_RECORD,
  LOGIN_RESP_RECORD,
  OPC_AVAILABILITY_TRACE,
  OPC_SET_AGENT_STATE,
  READY_IND_RECORD,
} from './fixtures/ged188Samples';
import { plain } from './helpers/markdown';

const ctx: ExplainContext = {
  uri: 'file:///logs/ctisvr_190819.txt',
  recordLine: 0,
  findLines: () => [],
  lineText: () => undefined,
};

function spans(record: string): string[] {
  return ctiTraceExplainer.find(record, ctx).map((m) => record.slice(m.start, m.end));
}

function matchAt(record: string, text: string): ExplainMatch {
  const start = record.indexOf(text);
  assert.ok(start >= 0, `${text} not in record`);
  const m = ctiTraceExplainer.find(record, ctx).find((x) => x.start === start);
  assert.ok(m, `no match at ${text}`);
  return m;
}

function hoverAt(record: string, text: string): string {
  return plain(matchAt(record, text).render(ctx));
}

describe('CTI trace explainer: finding fields', () => {
  const sendArmMsg = CTISVR_LOGIN_TRACE.slice(1, 5).join('\n');

  it('finds every known pair of the wrapped SendARMMsg login line, values on the next line included', () => {
    assert.deepEqual(spans(sendArmMsg), [
      'SendARMMsg',
      'InvokeID = 591309094',
      'MRDID = 5000',
      'ICMAgentID =\n5033',
      'AgentMode = 0',
      'IsAvailable = 0',
      'MaxTaskLimit = 1',
      'AgentInfo = 1005',
      'ApplicationPathID = 5001',
      'PeripheralID = 0',
      'AgentID =',
    ]);
  });

  it("does not take the next record's timestamp as an empty value", () => {
    const record =
      'AgentID =\n20:27:32:607 cglA-ctisvr Trace: ProcessARMMediaLoginRespMsg -- InvokeID = 591309094, Status = 0,';
    assert.deepEqual(spans(record), ['AgentID =', 'ProcessARMMediaLoginRespMsg', 'InvokeID = 591309094', 'Status = 0']);
    assert.match(hoverAt(record, 'AgentID ='), /\*\*AgentID\*\* = \(empty\)/);
  });

  it('finds the sessionID of Process lines and the message the function stands for', () => {
    assert.deepEqual(spans(CTISVR_LOGIN_TRACE[0]!), ['ProcessMediaLoginReq', 'sessionID 4']);
    assert.deepEqual(spans(CTISVR_AVAILABILITY_TRACE.slice(1, 3).join('\n')), [
      'SendARMMsg',
      'InvokeID = 80171',
      'MRDID = 5000',
      'ICMAgentID = 6420',
      'MaxTasks = 2',
      'SessionID = 6',
    ]);
  });

  it('reads the OPC SetAgentState line field by field', () => {
    assert.deepEqual(spans(OPC_SET_AGENT_STATE), [
      'SetAgentState',
      'ASTID=6420',
      'Periph#=15003',
      'MRDomainID=5000',
      'SGSTID=6928',
      'SG#=70518(0x11376)',
      'OldState=AS_NOT_READY',
      'NewState=AS_NOT_ACTIVE',
      'Duration=0',
      'CurLine=-1',
      'ReasonCode=0',
      'AgentObj=0x44535b8',
    ]);
  });

  it('reads ctisvr MsgType lines with hex InvokeIDs', () => {
    assert.deepEqual(spans(CTISVR_MSGTYPE_LINES[1]!), [
      'MsgType:MAKE_AGENT_READY_IND',
      'InvokeID:0xa234',
      'MRDID:5001',
      'ICMAgentID:5001',
      'MakeRoutable:True',
    ]);
  });

  it('leaves the ECE listener dumps to the dump explainer', () => {
    for (const record of [LOGIN_REQ_RECORD, LOGIN_RESP_RECORD, READY_IND_RECORD]) {
      const dumpStart = record.search(/(?:MEDIA_LOGIN|MAKE_AGENT)/);
      for (const m of ctiTraceExplainer.find(record, ctx)) assert.ok(m.end <= dumpStart, record.slice(m.start, m.end));
    }
    assert.deepEqual(spans(READY_IND_RECORD), []);
  });

  it('ignores names it does not know', () => {
    assert.deepEqual(
      spans('ProcessId:4584 <@> PID:1 <@> UID:1005 <@> HttpSessionId:IrltMMd3T0prrkbhAwK8wkL5 <@> Trace: x'),
      [],
    );
  });

  it('finds standalone status and state names', () => {
    const record =
      'MEDIA_LOGIN_REQ failed: E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH after E_CTI_TIMEOUT; agent in AS_TALKING';
    assert.deepEqual(spans(record), [
      'MEDIA_LOGIN_REQ',
      'E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH',
      'E_CTI_TIMEOUT',
      'AS_TALKING',
    ]);
  });
});

describe('CTI trace explainer: the hovers', () => {
  it('converts decimal InvokeIDs to hex and back', () => {
    const login = CTISVR_LOGIN_TRACE[1]!;
    assert.match(hoverAt(login, 'InvokeID = 591309094'), /Decimal 591309094 · hex 0x233EA926/);
    assert.match(hoverAt(CTISVR_MSGTYPE_LINES[1]!, 'InvokeID:0xa234'), /Decimal 41524 · hex 0xA234/);
  });

  it('explains the ids of the login', () => {
    const record = CTISVR_LOGIN_TRACE.slice(1, 5).join('\n');
    assert.match(hoverAt(record, 'MRDID = 5000'), /Media Routing Domain ID: The MRD's id in CCE configuration/);
    assert.match(
      hoverAt(record, 'ICMAgentID =\n5033'),
      /\*\*ICMAgentID\*\* = `5033`\n\nAgent's SkillTargetID: The agent's SkillTargetID in CCE/,
    );
    assert.match(
      hoverAt(record, 'IsAvailable = 0'),
      /Named by the CTI Server trace of MEDIA_LOGIN_REQ[^\n]*\n\nfalse$/,
    );
    assert.match(hoverAt(record, 'AgentMode = 0'), /0 = NOT ROUTABLE \(per protocol 25; ROUTABLE per protocol 14\)/);
    assert.match(hoverAt(record, 'AgentMode = 0'), /The guides conflict/);
    assert.match(hoverAt(record, 'AgentInfo = 1005'), /undocumented floating tag 107/);
    assert.match(hoverAt(record, 'ApplicationPathID = 5001'), /E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH/);
  });

  it('reads Status with the CTI table, and the ARM table on ARM lines', () => {
    const record = CTISVR_LOGIN_TRACE.slice(5).join('\n');
    const text = hoverAt(record, 'Status = 0');
    assert.match(text, /As a CTI status: E_CTI_NO_ERROR: no error/);
    assert.match(text, /As an ARM status: success \(assumed: 0 is not in the published list\)/);
    assert.match(
      hoverAt('Trace: CLOSE_REQ Status = 16', 'Status = 16'),
      /^\*\*Status\*\* = `16`[\s\S]*As a CTI status: E_CTI_TIMEOUT$/,
    );
  });

  it('explains the agent states OPC prints and their protocol numbers', () => {
    const ready = hoverAt(OPC_SET_AGENT_STATE, 'NewState=AS_NOT_ACTIVE');
    assert.match(
      ready,
      /AS_NOT_ACTIVE = AGENT_STATE_NOT_ACTIVE \(14\): ready with no active task\. For a non-voice MRD \(chat, email\) this is the READY state/,
    );
    assert.match(
      ready,
      /OPC prints agent states as AS_\* names; the CTI protocol numbers the same states as AGENT_STATE_\* values/,
    );
    assert.match(hoverAt(OPC_SET_AGENT_STATE, 'OldState=AS_NOT_READY'), /AS_NOT_READY = AGENT_STATE_NOT_READY \(2\)/);
    assert.match(hoverAt('state AS_LOGGED_OFF', 'AS_LOGGED_OFF'), /AS_LOGGED_OFF = AGENT_STATE_LOGOUT \(1\)/);
    assert.match(hoverAt('AgentState=3', 'AgentState=3'), /3 = AGENT_STATE_AVAILABLE: ready for a call \(voice\)/);
  });

  it('checks the hex a value carries in parentheses', () => {
    assert.match(
      hoverAt(OPC_SET_AGENT_STATE, 'SG#=70518(0x11376)'),
      /70518 = 0x11376 \(the hex in parentheses agrees\)/,
    );
    assert.match(
      hoverAt('SG#=70518(0x11377)', 'SG#=70518(0x11377)'),
      /The hex in parentheses \(0x11377 = 70519\) differs from the decimal value \(70518 = 0x11376\)/,
    );
  });

  it('explains OPC pointers, peripheral numbers and skill groups', () => {
    assert.match(hoverAt(OPC_SET_AGENT_STATE, 'AgentObj=0x44535b8'), /Memory address of OPC's agent object/);
    assert.match(
      hoverAt(OPC_SET_AGENT_STATE, 'Periph#=15003'),
      /Peripheral number: The agent's number on its peripheral/,
    );
    assert.match(hoverAt(OPC_SET_AGENT_STATE, 'SGSTID=6928'), /Skill group SkillTargetID/);
    assert.match(hoverAt(OPC_SET_AGENT_STATE, 'CurLine=-1'), /-1 = none/);
  });

  it('explains message types, Process functions, sessions and booleans', () => {
    const msgType = hoverAt(CTISVR_MSGTYPE_LINES[1]!, 'MsgType:MAKE_AGENT_READY_IND');
    assert.match(msgType, /MAKE_AGENT_READY_IND: MessageType 157 \(client → CTI Server\) — ARM: agent made ready/);
    assert.match(hoverAt(CTISVR_MSGTYPE_LINES[1]!, 'MakeRoutable:True'), /\n\ntrue$/);
    assert.match(hoverAt(CTISVR_AVAILABILITY_TRACE[3]!, 'ProcessMakeAgentReadyInd'), /Trace of MAKE_AGENT_READY_IND\./);
    assert.match(
      hoverAt(CTISVR_LOGIN_TRACE[0]!, 'sessionID 4'),
      /CTI Server client session: In CTI Server and OPC traces: the CTI Server's number for one client connection/,
    );
    assert.match(hoverAt(OPC_AVAILABILITY_TRACE[0]!, 'MakeAgentRoutableInd'), /MessageType 154/);
    assert.equal(messageForFunction('ProcessARMMediaLoginRespMsg')?.name, 'MEDIA_LOGIN_RESP');
    assert.equal(messageForFunction('ProcessMediaLoginReq')?.name, 'MEDIA_LOGIN_REQ');
    assert.equal(messageForFunction('ProcessSomethingElse'), undefined);
  });

  it('explains standalone status names with their table', () => {
    assert.match(hoverAt('E_CTI_TIMEOUT', 'E_CTI_TIMEOUT'), /CTI failure status \(E_CTI_\*\): E_CTI_TIMEOUT = 16/);
    const arm = hoverAt('x E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH', 'E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH');
    assert.match(arm, /= 27 — the MRD\/peripheral pair is not in the session's application path/);
    assert.match(arm, /Which wire field carries these codes/);
  });

  it('keeps log text inert', () => {
    const record = 'Trace: Status = [x](command:evil) AgentInfo=<img AgentID=![a](http://x) MsgType:<b>';
    for (const m of ctiTraceExplainer.find(record, ctx)) {
      const md = m.render(ctx);
      assert.ok(!/(?<!\\)\]\(/.test(md.replace(/`[^`]*`/g, '')), md);
      assert.ok(!/<img|<b>/.test(md.replace(/`[^`]*`/g, '')), md);
    }
    assert.deepEqual(spans(record), ['AgentInfo=<img', 'AgentID=![a]']);
  });

  it('leaves pairs of other products whose values do not fit the field', () => {
    assert.deepEqual(spans('"status":"ok", State=IN_SESSION, Duration=fast, MsgType:hello, AgentObj=7'), []);
    assert.deepEqual(spans('Status=0 State=AS_TALKING Duration=12'), ['Status=0', 'State=AS_TALKING', 'Duration=12']);
  });
});

describe('CTI trace explainer never throws (property tests)', () => {
  const piece = fc.constantFrom(
    'InvokeID',
    'Status',
    'MRDID',
    'SG#',
    'NewState',
    'MsgType',
    'sessionID',
    ' = ',
    '=',
    ':',
    ' ',
    '\n',
    '0x',
    '12',
    '-1',
    '(0x1F)',
    'AS_NOT_ACTIVE',
    'E_CTI_',
    'ProcessMakeAgentReadyInd - ',
    'Sending MEDIA_LOGIN_REQ -> 0 0 0 8 ',
    '<@>',
  );

  it('find and render on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const m of ctiTraceExplainer.find(text, ctx)) {
          assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
          assert.equal(typeof m.render(ctx), 'string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('find and render on text made of trace pieces; matches never overlap', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const text = pieces.join('');
        const found = ctiTraceExplainer.find(text, ctx);
        for (let i = 0; i < found.length; i++) {
          const m = found[i]!;
          assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
          if (i > 0) assert.ok(found[i - 1]!.end <= m.start);
          assert.equal(typeof m.render(ctx), 'string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a huge record is read and rendered', () => {
    const record = (OPC_SET_AGENT_STATE + '\n').repeat(3000);
    const found = ctiTraceExplainer.find(record, ctx);
    assert.ok(found.length > 0 && found.length <= 500);
  });
});
