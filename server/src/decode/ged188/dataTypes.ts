/**
 * GED-188 data types (identical in protocol versions 9 and 24). Integers are big-endian; a Java
 * log prints each byte signed, so a dump's bytes are read with `b & 0xFF` first.
 */
import type { DataTypeSpec, ScalarType, WireType } from './types';

export const DATA_TYPES: readonly DataTypeSpec[] = [
  { type: 'CHAR', size: 1, signed: true, meaning: 'signed 8-bit integer' },
  { type: 'UCHAR', size: 1, signed: false, meaning: 'unsigned 8-bit integer' },
  { type: 'SHORT', size: 2, signed: true, meaning: 'signed 16-bit integer' },
  { type: 'USHORT', size: 2, signed: false, meaning: 'unsigned 16-bit integer' },
  { type: 'INT', size: 4, signed: true, meaning: 'signed 32-bit integer' },
  { type: 'UINT', size: 4, signed: false, meaning: 'unsigned 32-bit integer' },
  { type: 'BOOL', size: 2, signed: false, meaning: '16-bit boolean: 0 = false, 1 = true' },
  { type: 'TIME', size: 4, signed: false, meaning: 'seconds since 1970-01-01 00:00 UTC' },
  { type: 'STRING', meaning: 'ASCII text; in floating fields the maximum size counts the NUL terminator' },
  { type: 'UNSPEC', meaning: 'opaque bytes' },
  { type: 'MHDR', size: 8, meaning: 'message header: MessageLength UINT + MessageType UINT' },
  { type: 'NAMEDVAR', meaning: 'named call variable: name and value, each NUL-terminated (tag 82)' },
  { type: 'NAMEDARRAY', meaning: 'named array element: index UCHAR, name and value, NUL-terminated (tag 83)' },
  { type: 'TASKID', size: 12, meaning: 'TaskGroupHigh INT + TaskGroupLow INT + SequenceNumber INT' },
  { type: 'APPPATHID', size: 5, meaning: 'application path id, self-tagged: Tag UCHAR + AppPathID INT' },
];

const BY_TYPE = new Map<WireType, DataTypeSpec>(DATA_TYPES.map((t) => [t.type, t]));

export function dataType(type: WireType): DataTypeSpec | undefined {
  return BY_TYPE.get(type);
}

/** Byte size of a fixed-size scalar type. */
export function scalarSize(type: ScalarType | 'TASKID'): number {
  return BY_TYPE.get(type)?.size ?? 4;
}

/** GED-188 header size, and the largest message (header included) a CTI Server accepts. */
export const HEADER_SIZE = 8;
/** 4329 bytes up to protocol 17; 12500 bytes from protocol 24. */
export const MAX_MESSAGE_SIZE = 12500;
export const MAX_MESSAGE_SIZE_OLD = 4329;
