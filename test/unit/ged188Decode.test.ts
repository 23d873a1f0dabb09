import assert from 'node:assert/strict';
import { decodeDump, decodeMessage, type ArmMessage, type DecodedField } from '../../server/src/decode/ged188';
import {
  bytesOf,
  hexList,
  LOGIN_REQ_DUMP,
  LOGIN_RESP_DUMP,
  READY_IND_DUMP,
  ROUTABLE_IND_DUMP,
} from './fixtures/ged188Samples';

function field(msg: ArmMessage, name: string): DecodedField {
  const f = msg.fixed.find((x) => x.name === name);
  assert.ok(f, `no field ${name} in ${msg.fixed.map((x) => x.label).join(', ')}`);
  return f;
}

/** [name, value, hex] for every fixed field, the shape a reader compares. */
function rows(msg: ArmMessage): Array<[string, number | boolean | string | null, string]> {
  return msg.fixed.map((f) => [f.label, f.value, f.hex]);
}

const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** A message from its type and body bytes, with a correct MessageLength. */
const message = (type: number, body: number[]): number[] => [...u32(body.length), ...u32(type), ...body];

describe('GED-188 decodeDump on the ECE listener dumps of TAC document 215324', () => {
  it('decodes MEDIA_LOGIN_REQ (wrapped over two lines) field by field', () => {
    const { value, problems } = decodeDump(LOGIN_REQ_DUMP);
    assert.deepEqual(problems, []);
    assert.equal(value.dump?.encoding, 'signed-decimal');
    assert.equal(value.byteCount, 35);
    assert.equal(value.header.messageLength, 27);
    assert.equal(value.header.messageType, 151);
    assert.equal(value.header.name, 'MEDIA_LOGIN_REQ');
    assert.equal(value.header.direction, 'toServer');
    assert.equal(value.lengthStatus, 'ok');
    assert.deepEqual(rows(value), [
      ['InvokeID', 133121, '0x00020801'],
      ['MRDID', 5000, '0x00001388'],
      ['ICMAgentID', 5033, '0x000013A9'],
      ['AgentMode', 0, '0x0000'],
      ['IsAvailable', false, '0x0000'],
      ['MaxTaskLimit', 1, '0x00000001'],
    ]);
    assert.deepEqual(
      value.fixed.map((f) => [f.bodyOffset, f.offset]),
      [
        [0, 8],
        [4, 12],
        [8, 16],
        [12, 20],
        [14, 22],
        [16, 24],
      ],
    );
    assert.equal(field(value, 'AgentMode').meaning, 'NOT ROUTABLE (per protocol 25; ROUTABLE per protocol 14)');
    assert.equal(field(value, 'IsAvailable').confidence, 'trace');
    assert.equal(field(value, 'InvokeID').confidence, 'observed');
  });

  it('reads tag 107 "1005" in the 1-byte floating encoding and says the 2-byte one does not fit', () => {
    const { value } = decodeDump(LOGIN_REQ_DUMP);
    assert.equal(value.floating.length, 1);
    const agentInfo = value.floating[0]!;
    assert.equal(agentInfo.tag, 107);
    assert.equal(agentInfo.tagName, 'undocumented tag 107 (named AgentInfo by the CTI Server trace)');
    assert.equal(agentInfo.length, 5);
    assert.equal(agentInfo.value, '1005');
    assert.equal(agentInfo.hex, '31 30 30 35 00');
    assert.equal(agentInfo.bodyOffset, 20);
    assert.equal(value.floatingChoice?.encoding, '1-byte');
    assert.deepEqual(value.floatingChoice?.fits, { '1-byte': true, '2-byte': false });
    assert.match(
      value.floatingChoice!.summary,
      /1-byte tag \+ 1-byte length \(protocol < 20\): this reading consumes the message exactly/,
    );
    assert.match(
      value.floatingChoice!.summary,
      /The 2-byte reading does not \(expected a tag number up to 313 at body offset 20, found 27397\)/,
    );
  });

  it('decodes MEDIA_LOGIN_RESP (wrapped inside the InvokeID) with its unnamed second word', () => {
    const { value, problems } = decodeDump(LOGIN_RESP_DUMP);
    assert.deepEqual(problems, []);
    assert.equal(value.header.name, 'MEDIA_LOGIN_RESP');
    assert.equal(value.header.direction, 'toClient');
    assert.deepEqual(rows(value), [
      ['InvokeID', 133121, '0x00020801'],
      ['unnamed UINT', 0, '0x00000000'],
    ]);
    assert.equal(value.fixed[1]!.name, undefined);
    assert.equal(value.fixed[1]!.confidence, 'unknown');
    assert.match(value.fixed[1]!.meaning!, /^perhaps ARM status/);
    assert.equal(value.floatingChoice?.encoding, 'none');
  });

  it('decodes MAKE_AGENT_ROUTABLE_IND to the values the CTI Server trace prints', () => {
    const { value, problems } = decodeDump(ROUTABLE_IND_DUMP);
    assert.deepEqual(problems, []);
    assert.equal(value.header.messageType, 154);
    assert.equal(value.header.name, 'MAKE_AGENT_ROUTABLE_IND');
    assert.deepEqual(rows(value), [
      ['InvokeID', 80171, '0x0001392B'],
      ['MRDID', 5000, '0x00001388'],
      ['ICMAgentID', 6420, '0x00001914'],
      ['MaxTasks', 2, '0x00000002'],
    ]);
    assert.equal(field(value, 'MaxTasks').confidence, 'trace');
  });

  it('decodes MAKE_AGENT_READY_IND with MakeRoutable true', () => {
    const { value, problems } = decodeDump(READY_IND_DUMP);
    assert.deepEqual(problems, []);
    assert.equal(value.header.messageType, 157);
    assert.deepEqual(rows(value), [
      ['InvokeID', 80172, '0x0001392C'],
      ['MRDID', 5000, '0x00001388'],
      ['ICMAgentID', 6420, '0x00001914'],
      ['MakeRoutable', true, '0x0001'],
    ]);
  });

  it('accepts the arrow prefix and checks the logged name against the bytes', () => {
    const ok = decodeDump('Sending MEDIA_LOGIN_REQ -> ' + LOGIN_REQ_DUMP);
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.value.dump?.loggedName, 'MEDIA_LOGIN_REQ');
    assert.equal(ok.value.dump?.loggedVerb, 'Sending');

    const misnamed = decodeDump('Sending MEDIA_LOGIN_RESP -> ' + LOGIN_REQ_DUMP);
    assert.deepEqual(misnamed.problems, [
      'expected MessageType 152 for MEDIA_LOGIN_RESP as the log line names it, found 151 (MEDIA_LOGIN_REQ (client → CTI Server))',
    ]);
    const wrongWay = decodeDump('Received MEDIA_LOGIN_REQ -> ' + LOGIN_REQ_DUMP);
    assert.deepEqual(wrongWay.problems, [
      'expected a message the CTI Server sends after "Received", found MEDIA_LOGIN_REQ (client → CTI Server)',
    ]);
  });
});

describe('GED-188 byte notations', () => {
  const loginBytes = bytesOf(LOGIN_REQ_DUMP);

  const notations: Array<[string, string, string]> = [
    ['upper-case hex', hexList(loginBytes), 'hex'],
    ['lower-case hex with 0x', loginBytes.map((b) => '0x' + b.toString(16).padStart(2, '0')).join(' '), 'hex'],
    ['hex wrapped over lines', hexList(loginBytes.slice(0, 16)) + '\n' + hexList(loginBytes.slice(16)), 'hex'],
    ['unspaced hex', hexList(loginBytes).replace(/ /g, ''), 'hex'],
    ['unsigned decimal', loginBytes.join(' '), 'unsigned-decimal'],
  ];
  for (const [label, text, encoding] of notations) {
    it(`reads the MEDIA_LOGIN_REQ bytes written as ${label}`, () => {
      const { value, problems } = decodeDump(text);
      assert.deepEqual(problems, []);
      assert.equal(value.dump?.encoding, encoding);
      assert.equal(value.header.name, 'MEDIA_LOGIN_REQ');
      assert.equal(field(value, 'InvokeID').value, 133121);
      assert.equal(field(value, 'ICMAgentID').value, 5033);
      assert.equal(value.floating[0]?.value, '1005');
    });
  }

  it('reads zero-padded digit pairs as hex and says decimal would also have parsed', () => {
    // 00 00 00 08 00 00 00 98 ...: MEDIA_LOGIN_RESP (0x98 = 152) in hex; also valid decimal.
    const { value, problems } = decodeDump('00 00 00 08 00 00 00 98 00 02 08 01 00 00 00 00');
    assert.deepEqual(problems, []);
    assert.equal(value.dump?.encoding, 'hex');
    assert.equal(value.header.name, 'MEDIA_LOGIN_RESP');
    assert.equal(
      value.dump?.ambiguity,
      'Every token is also valid as decimal bytes (all 0–127, so signed and unsigned readings agree); read as hex bytes because the tokens look like it.',
    );
  });

  it('names the notation "decimal" when every value is 0..127', () => {
    const { value } = decodeDump('0 0 0 4 0 0 0 5 0 0 0 9');
    assert.equal(value.dump?.encoding, 'decimal');
    assert.equal(value.header.name, 'HEARTBEAT_REQ');
    assert.equal(field(value, 'InvokeID').value, 9);
  });
});

describe('GED-188 decodeMessage on bytes', () => {
  const factories: Array<[string, (b: number[]) => ArrayLike<number>]> = [
    ['Buffer', (b) => Buffer.from(b)],
    ['Uint8Array', (b) => Uint8Array.from(b)],
  ];
  for (const [label, make] of factories) {
    describe(`given a ${label}`, () => {
      it('decodes the four seed messages', () => {
        const login = decodeMessage(make(bytesOf(LOGIN_REQ_DUMP)));
        assert.deepEqual(login.problems, []);
        assert.deepEqual(
          rows(login.value).map((r) => r[1]),
          [133121, 5000, 5033, 0, false, 1],
        );
        assert.equal(login.value.floating[0]?.value, '1005');
        assert.equal(login.value.dump, undefined);
        assert.deepEqual(
          rows(decodeMessage(make(bytesOf(LOGIN_RESP_DUMP))).value).map((r) => r[1]),
          [133121, 0],
        );
        assert.deepEqual(
          rows(decodeMessage(make(bytesOf(ROUTABLE_IND_DUMP))).value).map((r) => r[1]),
          [80171, 5000, 6420, 2],
        );
        assert.deepEqual(
          rows(decodeMessage(make(bytesOf(READY_IND_DUMP))).value).map((r) => r[1]),
          [80172, 5000, 6420, true],
        );
      });

      it('reads the 2-byte floating encoding of protocol 20 and later', () => {
        const fixed = [...u32(7), ...u32(5000), ...u32(5033), ...u16(1), ...u16(1), ...u32(3)];
        const floating = [...u16(107), ...u16(5), ...ascii('1005'), 0, ...u16(266), ...u16(4), ...u32(2)];
        const { value, problems } = decodeMessage(make(message(151, [...fixed, ...floating])));
        assert.deepEqual(problems, []);
        assert.equal(value.floatingChoice?.encoding, '2-byte');
        assert.deepEqual(value.floatingChoice?.fits, { '1-byte': false, '2-byte': true });
        assert.match(value.floatingChoice!.summary, /2-byte tag \+ 2-byte length \(protocol ≥ 20\)/);
        assert.match(
          value.floatingChoice!.summary,
          /The 1-byte reading does not \(expected a tag number from 1 at body offset 20, found 0\)/,
        );
        assert.deepEqual(
          value.floating.map((f) => [f.tag, f.tagName, f.length, f.value]),
          [
            [107, 'undocumented tag 107 (named AgentInfo by the CTI Server trace)', 5, '1005'],
            [266, 'MAX_BEYOND_TASK_LIMIT', 4, 2],
          ],
        );
        assert.equal(field(value, 'AgentMode').meaning, 'ROUTABLE (per protocol 25; NOT ROUTABLE per protocol 14)');
        assert.equal(field(value, 'IsAvailable').value, true);
      });
    });
  }

  it('says when both floating encodings fit, and keeps the 1-byte one', () => {
    // 01 02 00 00: tag 1 length 2 (1-byte) or tag 258 length 0 (2-byte).
    const fixed = [...u32(1), ...u32(5000), ...u32(5033), ...u16(0), ...u16(0), ...u32(1)];
    const { value, problems } = decodeMessage(message(151, [...fixed, 1, 2, 0, 0]));
    assert.deepEqual(problems, []);
    assert.deepEqual(value.floatingChoice?.fits, { '1-byte': true, '2-byte': true });
    assert.equal(value.floatingChoice?.encoding, '1-byte');
    assert.match(
      value.floatingChoice!.summary,
      /^Both the 1-byte and the 2-byte tag\/length readings consume the message exactly/,
    );
  });

  it('says when neither floating encoding fits, and shows the undecoded bytes', () => {
    const fixed = [...u32(1), ...u32(5000), ...u32(5033), ...u16(0), ...u16(0), ...u32(1)];
    const { value, problems } = decodeMessage(message(151, [...fixed, 107, 9, 0x31]));
    assert.deepEqual(problems, ['floating part: expected 9 data bytes for tag 107 at body offset 20, found only 1']);
    assert.deepEqual(value.floatingChoice?.fits, { '1-byte': false, '2-byte': false });
    assert.match(value.floatingChoice!.summary, /^Neither the 1-byte nor the 2-byte/);
    assert.deepEqual(value.undecoded, { bodyOffset: 20, hex: '6B 09 31' });
  });

  it('picks the protocol-19 AGENT_STATE_EVENT layout (with DepartmentID) when that reading fits', () => {
    const common = [
      ...u32(0), // MonitorID
      ...u32(5000), // PeripheralID
      ...u32(6), // SessionID
      ...u16(19), // PeripheralType MEDIA_ROUTING
      ...u16(14), // SkillGroupState
      ...u32(383), // StateDuration
      ...u32(70518), // SkillGroupNumber
      ...u32(6928), // SkillGroupID
      ...u16(0), // SkillGroupPriority
      ...u16(14), // AgentState NOT_ACTIVE
      ...u16(0), // EventReasonCode
      ...u32(5000), // MRDID
      ...u32(0), // NumTasks
      ...u16(1), // AgentMode
      ...u32(2), // MaxTaskLimit
      ...u32(6420), // ICMAgentID
      ...u32(1), // AgentAvailabilityStatus
      ...u16(0), // NumFltSkillGroups
    ];
    const agentId = [5, 5, ...ascii('1001'), 0];
    const v19 = decodeMessage(message(30, [...common, ...u32(1), ...agentId]));
    assert.deepEqual(v19.problems, []);
    assert.equal(v19.value.layout.status, 'documented');
    assert.equal(v19.value.layout.versions, '19');
    assert.equal(field(v19.value, 'DepartmentID').value, 1);
    assert.equal(
      field(v19.value, 'AgentState').meaning,
      'AGENT_STATE_NOT_ACTIVE: no active task; for a non-voice MRD this is the ready state',
    );
    assert.equal(field(v19.value, 'PeripheralType').meaning, 'MEDIA_ROUTING: Media Routing PG');
    assert.equal(
      field(v19.value, 'AgentAvailabilityStatus').meaning,
      'ICM AVAILABLE: available and routable: CCE may assign tasks',
    );
    assert.deepEqual(
      v19.value.floating.map((f) => [f.tagName, f.value]),
      [['AGENT_ID', '1001']],
    );

    const older = decodeMessage(message(30, [...common, ...agentId]));
    assert.deepEqual(older.problems, []);
    assert.equal(older.value.layout.versions, '< 19');
    assert.equal(
      older.value.fixed.some((f) => f.name === 'DepartmentID'),
      false,
    );
    assert.equal(older.value.floating[0]?.value, '1001');
  });

  it('honours a known protocol version', () => {
    const fixed = [...u32(7), ...u32(5000), ...u32(5033), ...u16(0), ...u16(0), ...u32(1)];
    const { value, problems } = decodeMessage(message(151, [...fixed, 107, 5, ...ascii('1005'), 0]), {
      protocolVersion: 24,
    });
    assert.equal(value.floatingChoice?.encoding, '2-byte');
    assert.deepEqual(problems, ['floating part: expected a tag number up to 313 at body offset 20, found 27397']);
  });

  it('decodes SYSTEM_EVENT times and bit masks', () => {
    const body = [...u32(0x05), ...u32(1563647251), ...u32(4), ...u32(5000), ...u32(0), ...u32(0), ...u16(0xffff)];
    const { value, problems } = decodeMessage(message(31, body));
    assert.deepEqual(problems, []);
    assert.equal(field(value, 'PGStatus').meaning, 'PGS_OPC_DOWN | PGS_PERIPHERAL_OFFLINE');
    assert.equal(field(value, 'ICMCentralControllerTime').meaning, '2019-07-20T18:27:31Z');
    assert.equal(field(value, 'SystemEventID').meaning, 'SYS_PERIPHERAL_OFFLINE: Arg1 = PeripheralID');
    assert.equal(field(value, 'EventDeviceType').meaning, 'DEVID_NONE');
  });
});

describe('GED-188 problems', () => {
  it('reports a dump truncated inside the floating part', () => {
    const cut = bytesOf(LOGIN_REQ_DUMP).slice(0, 30).join(' ');
    const { value, problems } = decodeDump(cut);
    assert.deepEqual(problems, [
      'expected 35 bytes (8-byte header + MessageLength 27), found 30: 5 missing, the dump is truncated',
    ]);
    assert.equal(value.lengthStatus, 'truncated');
    assert.equal(field(value, 'MaxTaskLimit').value, 1);
    assert.match(value.floatingChoice!.summary, /^The dump ends before the message does/);
  });

  it('reports a dump truncated inside the fixed part and marks the missing fields', () => {
    const cut = bytesOf(LOGIN_REQ_DUMP).slice(0, 20).join(' ');
    const { value, problems } = decodeDump(cut);
    assert.deepEqual(problems, [
      'expected 35 bytes (8-byte header + MessageLength 27), found 20: 15 missing, the dump is truncated',
    ]);
    assert.deepEqual(
      value.fixed.map((f) => [f.label, f.missing ?? false]),
      [
        ['InvokeID', false],
        ['MRDID', false],
        ['ICMAgentID', false],
        ['AgentMode', true],
        ['IsAvailable', true],
        ['MaxTaskLimit', true],
      ],
    );
  });

  it('reports a MessageLength too small for the fixed part', () => {
    const { problems } = decodeDump('0 0 0 4 0 0 0 -105 0 2 8 1');
    assert.deepEqual(problems, [
      'expected at least 20 body bytes for the fixed part of MEDIA_LOGIN_REQ, found MessageLength 4',
    ]);
  });

  it('reports bytes after the message', () => {
    const { value, problems } = decodeDump(READY_IND_DUMP.replace(' <@>', ' 7 7'));
    assert.deepEqual(problems, [
      'expected 22 bytes (8-byte header + MessageLength 14), found 24: 2 extra after the message',
    ]);
    assert.equal(value.lengthStatus, 'over-long');
    assert.equal(value.extraBytes, '07 07');
    assert.equal(field(value, 'MakeRoutable').value, true);
  });

  it('reports values outside a byte and uses their low 8 bits', () => {
    const { value, problems } = decodeDump('0 0 0 8 0 0 0 408 0 2 8 1 0 0 0 0');
    assert.deepEqual(problems, ['expected byte values in -128..255, found 408 (token 8) (their low 8 bits are used)']);
    assert.equal(value.header.messageType, 152);
  });

  it('reports a mix of Java signed bytes and values above 127', () => {
    const { problems } = decodeDump('0 0 0 8 0 0 0 152 0 -2 8 1 0 0 0 0');
    assert.deepEqual(problems, [
      'expected Java signed bytes (-128..127) or unsigned bytes (0..255), found both negative values and values above 127',
    ]);
  });

  it('skips tokens that are not numbers and says which', () => {
    const { value, problems } = decodeDump('0 0 0 8 0 0 0 -104 zz 0 2 8 1 0 0 0 0 ??');
    assert.deepEqual(problems, ['expected decimal byte values, found "zz", "??" (skipped)']);
    assert.equal(field(value, 'InvokeID').value, 133121);
  });

  it('reports an empty dump and an incomplete header', () => {
    assert.deepEqual(decodeDump('').problems, [
      'expected a list of byte values (decimal or hex), found none',
      'expected at least 8 header bytes (MessageLength, MessageType), found 0',
    ]);
    const short = decodeDump('0 0 0 27 0');
    assert.deepEqual(short.problems, ['expected at least 8 header bytes (MessageLength, MessageType), found 5']);
    assert.equal(short.value.header.messageLength, 27);
    assert.equal(short.value.lengthStatus, 'no-header');
  });

  it('reports an unknown MessageType (275) and shows its body as raw words', () => {
    const { value, problems } = decodeDump('0 0 0 8 0 0 1 19 0 1 57 45 0 0 0 7');
    assert.deepEqual(problems, [
      'expected a MessageType the CTI Server tables name, found 275 (not listed in the public tables)',
    ]);
    assert.equal(value.layout.status, 'unknown-type');
    assert.deepEqual(rows(value), [
      ['unnamed UINT', 80173, '0x0001392D'],
      ['unnamed UINT', 7, '0x00000007'],
    ]);
  });

  it('reports reserved and out-of-range MessageTypes', () => {
    assert.deepEqual(decodeDump('0 0 0 0 0 0 0 70').problems, [
      'expected a MessageType the CTI Server tables name, found 70 (reserved)',
    ]);
    assert.deepEqual(decodeDump('0 0 0 0 0 0 0 -16').problems, [
      'expected a MessageType the CTI Server tables name, found 240 (reserved (older tables: CALL_ATTRIBUTE_CHANGE_EVENT))',
    ]);
    assert.deepEqual(decodeDump('0 0 0 0 0 0 3 -24').problems, [
      'expected a MessageType the CTI Server tables name, found 1000 (beyond 282, the highest listed type)',
    ]);
  });

  it('reports a MessageLength beyond the largest CTI message', () => {
    const { value, problems } = decodeDump('0 1 0 0 0 0 0 5 0 0 0 1');
    assert.deepEqual(problems, [
      'expected MessageLength at most 12492 (12500-byte maximum message), found 65536',
      'expected 65544 bytes (8-byte header + MessageLength 65536), found 12: 65532 missing, the dump is truncated',
    ]);
    assert.equal(field(value, 'InvokeID').value, 1);
  });

  it('says the MEDIA_LOGOUT_IND layout is not public and shows raw 4-byte words', () => {
    const { value, problems } = decodeDump('0 0 0 12 0 0 0 -103 0 1 57 45 0 0 19 -120 0 0 25 20');
    assert.deepEqual(problems, []);
    assert.equal(value.header.name, 'MEDIA_LOGOUT_IND');
    assert.equal(value.layout.status, 'not-public');
    assert.equal(
      value.layout.note,
      'The byte layout of MEDIA_LOGOUT_IND is not public (no CTI Server guide or public implementation documents it): the fixed part is shown as raw 4-byte words.',
    );
    assert.deepEqual(rows(value), [
      ['unnamed UINT', 80173, '0x0001392D'],
      ['unnamed UINT', 5000, '0x00001388'],
      ['unnamed UINT', 6420, '0x00001914'],
    ]);
    assert.ok(value.fixed.every((f) => f.name === undefined && f.confidence === 'unknown'));
    assert.equal(value.fixed[0]!.description, 'every known ARM layout starts with the InvokeID here');
    assert.deepEqual(value.floating, []);
  });

  it('finds a floating part after an unknown fixed part when it reads exactly', () => {
    // MEDIA_LOGOUT_IND with FLT_ICM_DISP (259) in the 2-byte encoding, and an odd 2-byte word before it.
    const body = [...u32(80173), ...u32(5000), ...u32(6420), ...u16(3), ...u16(259), ...u16(4), ...u32(38)];
    const { value, problems } = decodeMessage(message(153, body));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      value.fixed.map((f) => [f.label, f.value]),
      [
        ['unnamed UINT', 80173],
        ['unnamed UINT', 5000],
        ['unnamed UINT', 6420],
        ['unnamed USHORT', 3],
      ],
    );
    assert.deepEqual(
      value.floating.map((f) => [f.tag, f.tagName, f.value]),
      [[259, 'FLT_ICM_DISP', 38]],
    );
    assert.equal(value.floatingChoice?.encoding, '2-byte');
    assert.match(value.floatingChoice!.summary, /seems to start at body offset 14/);
  });

  it('quotes a floating string byte for byte, escaping what is not printable', () => {
    const fixed = [...u32(1), ...u32(5000), ...u32(5033), ...u16(0), ...u16(0), ...u32(1)];
    const { value } = decodeMessage(message(151, [...fixed, 107, 6, 0x41, 0x0a, 0x5c, 0xff, 0x42, 0]));
    assert.equal(value.floating[0]?.value, 'A\\x0A\\\\\\xFFB');
    const noNul = decodeMessage(message(151, [...fixed, 107, 2, 0x41, 0x42]));
    assert.deepEqual(noNul.value.floating[0]?.notes, ['expected a NUL-terminated string, found no NUL']);
  });
});
