import assert from 'node:assert/strict';
import {
  DATA_TYPES,
  describeEnumValue,
  describeTagName,
  ENUM_TABLES,
  enumEntryByName,
  FLOATING_TAGS,
  LAST_MESSAGE_TYPE,
  LAYOUTS,
  lookupMessageType,
  lookupTag,
  MESSAGE_TYPE_ROWS,
  messageTypeByName,
  dataType,
} from '../../server/src/decode/ged188';
import { OPC_AGENT_STATES, opcAgentState } from '../../server/src/decode/ged188/opcStates';
import { TRACE_FIELDS, traceField } from '../../server/src/decode/ged188/traceFields';

describe('GED-188 MessageType table', () => {
  it('has exactly one row for every number 1..282', () => {
    const seen = new Map<number, number>();
    for (const row of MESSAGE_TYPE_ROWS) {
      const [from, to] = 'id' in row ? [row.id, row.id] : [row.from, row.to];
      for (let n = from; n <= to; n++) seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    for (let n = 1; n <= LAST_MESSAGE_TYPE; n++) assert.equal(seen.get(n), 1, `MessageType ${n}`);
    assert.equal(seen.size, LAST_MESSAGE_TYPE);
  });

  it('names the ARM messages the ECE listener logs', () => {
    const named = (n: number): string | undefined => {
      const l = lookupMessageType(n);
      return l.kind === 'named' ? l.spec.name : undefined;
    };
    assert.deepEqual([151, 152, 153, 154, 157, 190].map(named), [
      'MEDIA_LOGIN_REQ',
      'MEDIA_LOGIN_RESP',
      'MEDIA_LOGOUT_IND',
      'MAKE_AGENT_ROUTABLE_IND',
      'MAKE_AGENT_READY_IND',
      'FAILURE_RESP',
    ]);
    assert.equal(messageTypeByName('MAKE_AGENT_READY_IND')?.id, 157);
    assert.equal(messageTypeByName('MAKE_AGENT_READY_IND')?.direction, 'toServer');
    assert.equal(messageTypeByName('MEDIA_LOGIN_RESP')?.direction, 'toClient');
  });

  it('keeps older names and says what is reserved or unlisted', () => {
    assert.equal(messageTypeByName('ROUTE_SELECT')?.id, 214);
    assert.equal(messageTypeByName('ROUTE_SELECT_EVENT')?.direction, 'toServer');
    const teamConfig = lookupMessageType(236);
    assert.equal(teamConfig.kind === 'named' && teamConfig.spec.olderName, 'TEAM_CONFIG_REQ');
    const r240 = lookupMessageType(240);
    assert.equal(r240.kind, 'reserved');
    assert.equal(r240.kind === 'reserved' && r240.olderName, 'CALL_ATTRIBUTE_CHANGE_EVENT');
    assert.equal(lookupMessageType(70).kind, 'reserved');
    assert.equal(lookupMessageType(275).kind, 'unlisted');
    assert.equal(lookupMessageType(0).kind, 'out-of-range');
    assert.equal(lookupMessageType(283).kind, 'out-of-range');
    const terminal = lookupMessageType(276);
    assert.equal(terminal.kind === 'named' && terminal.spec.confidence, 'inferred');
  });
});

describe('GED-188 data types, tags and value tables', () => {
  it('gives the documented sizes of the data types', () => {
    assert.deepEqual(
      ['CHAR', 'USHORT', 'UINT', 'BOOL', 'TIME', 'TASKID', 'APPPATHID'].map((t) => dataType(t as never)?.size),
      [1, 2, 4, 2, 4, 12, 5],
    );
    assert.ok(DATA_TYPES.every((t) => t.meaning.length > 0));
  });

  it('knows the floating tags with their types and limits, and tag 107 only by the trace', () => {
    assert.deepEqual([lookupTag(1)?.name, lookupTag(1)?.type, lookupTag(1)?.maxSize], ['CLIENT_ID', 'STRING', 64]);
    assert.equal(lookupTag(22)?.name, 'CALL_VAR_10');
    assert.equal(lookupTag(266)?.name, 'MAX_BEYOND_TASK_LIMIT');
    assert.equal(lookupTag(287)?.name, 'FLT_DEFAULT_DEVICE_PORT_ADDRESS');
    assert.equal(lookupTag(107)?.confidence, 'trace');
    assert.equal(describeTagName(107), 'undocumented tag 107 (named AgentInfo by the CTI Server trace)');
    assert.match(describeTagName(105), /^undocumented tag 105 \(reserved in every public table/);
    assert.equal(describeTagName(400), 'unknown tag 400');
    const tags = FLOATING_TAGS.map((t) => t.tag);
    assert.equal(new Set(tags).size, tags.length, 'no tag listed twice');
  });

  it('describes enumeration values, bit masks and unknown values', () => {
    assert.equal(
      describeEnumValue('AgentState', 14),
      'AGENT_STATE_NOT_ACTIVE: no active task; for a non-voice MRD this is the ready state',
    );
    assert.equal(describeEnumValue('CtiStatus', 0), 'E_CTI_NO_ERROR: no error');
    assert.equal(
      describeEnumValue('ArmStatus', 27),
      "E_ARM_STAT_LOGIN_NOT_ALLOWED_FOR_APP_PATH: the MRD/peripheral pair is not in the session's application path",
    );
    assert.equal(describeEnumValue('ServiceMask', 0x410), 'ALL_EVENTS | AGENT_REPORTING');
    assert.equal(describeEnumValue('PGStatus', 0), '0 = normal.');
    assert.equal(describeEnumValue('PGStatus', 0x41), 'PGS_OPC_DOWN | 0x40 (unknown bits)');
    assert.equal(describeEnumValue('AgentState', 99), '0x63 (unknown AgentState value)');
    assert.match(ENUM_TABLES.AgentMode.note!, /guides conflict/);
    assert.equal(enumEntryByName('E_CTI_TIMEOUT')?.entry.value, 16);
  });

  it('maps every OPC AS_* state to the protocol state of the same name', () => {
    for (const s of OPC_AGENT_STATES) {
      assert.equal(ENUM_TABLES.AgentState.entries.find((e) => e.value === s.ctiValue)?.name, s.ctiName, s.name);
    }
    assert.equal(opcAgentState('AS_NOT_ACTIVE')?.ctiValue, 14);
    assert.match(opcAgentState('AS_NOT_ACTIVE')!.meaning, /non-voice MRD \(chat, email\) this is the READY state/);
  });

  it('knows the trace field names as traces spell them', () => {
    assert.equal(traceField('SessionID')?.title, 'CTI Server client session');
    assert.equal(traceField('sessionid'), undefined);
    assert.equal(traceField('ASTID'), traceField('ICMAgentID'));
    assert.equal(traceField('Periph#')?.title, 'Peripheral number');
    const names = TRACE_FIELDS.flatMap((f) => f.names);
    assert.equal(new Set(names).size, names.length, 'no trace field name listed twice');
  });
});

describe('GED-188 layouts', () => {
  const size = (types: string[]): number => types.reduce((n, t) => n + (dataType(t as never)?.size ?? 0), 0);

  it('gives the ARM layouts the fixed sizes of the logged dumps', () => {
    const fixedSize = (type: number): number =>
      size(LAYOUTS.find((l) => l.messageType === type)!.fixed.map((f) => f.type));
    assert.deepEqual([151, 152, 154, 157].map(fixedSize), [20, 8, 16, 14]);
    assert.equal(size(LAYOUTS.find((l) => l.messageType === 3)!.fixed.map((f) => f.type)), 44);
  });

  it('never names a field nothing public names, and says where every name comes from', () => {
    for (const layout of LAYOUTS) {
      for (const f of layout.fixed) {
        if (!f.name) assert.equal(f.confidence, 'unknown', `unnamed field of ${layout.messageType}`);
        if (f.confidence === 'trace') assert.match(f.source, /trace/, `${layout.messageType} ${f.name}`);
        assert.ok(f.source.length > 0);
      }
      if (layout.messageType >= 151 && layout.messageType <= 210) assert.notEqual(layout.confidence, 'documented');
    }
  });
});
