/**
 * Shapes of the GED-188 (Cisco CTI Server protocol) tables. The tables themselves are plain data in
 * the sibling files; one generic walker (walker.ts) interprets them. Every table entry says how
 * sure we are of it, because most of the ARM part of the protocol is not publicly documented.
 */

/** Fixed-size scalar wire types (GED-188 "Data Types"); all multi-byte values are big-endian. */
export type ScalarType = 'CHAR' | 'UCHAR' | 'SHORT' | 'USHORT' | 'INT' | 'UINT' | 'BOOL' | 'TIME';

/** Every wire type the protocol names, scalar or composite. */
export type WireType = ScalarType | 'STRING' | 'UNSPEC' | 'TASKID' | 'APPPATHID' | 'NAMEDVAR' | 'NAMEDARRAY' | 'MHDR';

/**
 * How a fact is known:
 * - `documented`: in a public CTI Server Message Reference Guide (or a public implementation of it);
 * - `observed`: position and size verified on logged dumps, name corroborated by traces and related
 *   documented messages (high confidence);
 * - `trace`: named only by the CTI Server trace that prints the same message; no public guide has it;
 * - `inferred`: deduced from related public facts (a tag name, a neighbouring table), stated nowhere;
 * - `unknown`: the bytes are there but nothing public names them.
 */
export type Confidence = 'documented' | 'observed' | 'trace' | 'inferred' | 'unknown';

/** Who sends a message: the CTI client (ECE listener, Finesse...) or the CTI Server. */
export type Direction = 'toServer' | 'toClient' | 'either' | 'unknown';

export interface DataTypeSpec {
  type: WireType;
  /** Size in bytes; absent when variable (STRING[n], UNSPEC[n], NAMEDVAR...). */
  size?: number;
  signed?: boolean;
  meaning: string;
}

/** One number of the MessageType table. */
export interface MessageTypeSpec {
  id: number;
  name: string;
  direction: Direction;
  /** Short description (ARM and task messages). */
  summary?: string;
  /** Protocol version that introduced it, when the guides say so. */
  sinceVersion?: number;
  /** The name older tables ([V15], legnaxz, nsh-scala) give this number, when it differs. */
  olderName?: string;
  /** Anything else worth showing (conflicts, doubts). */
  note?: string;
  /** Absent: the number and name are in the public guides (`documented`). */
  confidence?: Confidence;
}

/**
 * A range of MessageType numbers no current table names: `reserved` where the guides say so,
 * `unlisted` where the guides simply skip the number.
 */
export interface UnassignedMessageRange {
  from: number;
  to: number;
  status: 'reserved' | 'unlisted';
  note?: string;
  /** Names older tables gave to numbers inside the range. */
  olderNames?: Readonly<Record<number, string>>;
}

export type MessageTypeRow = MessageTypeSpec | UnassignedMessageRange;

/** Ids of the value tables in enums.ts. */
export type EnumId =
  | 'AgentState'
  | 'AgentMode'
  | 'AgentAvailabilityStatus'
  | 'CtiStatus'
  | 'ArmStatus'
  | 'SystemEventID'
  | 'PGStatus'
  | 'PeripheralType'
  | 'ServiceMask'
  | 'AgentStateMask'
  | 'ConfigMsgMask'
  | 'Disposition'
  | 'TaskState'
  | 'CallDirection'
  | 'AgentWorkMode'
  | 'LocalConnectionState'
  | 'ConnectionDeviceIDType'
  | 'DeviceIDType'
  | 'SessionType'
  | 'Bool';

export interface EnumEntry {
  value: number;
  name: string;
  meaning?: string;
}

export interface EnumTable {
  id: EnumId;
  title: string;
  /** `values`: one entry per value; `bits`: entries are bit masks combined with OR. */
  kind: 'values' | 'bits';
  source: string;
  confidence: Confidence;
  /** Caveat shown with every value looked up in this table (for example a conflict between guides). */
  note?: string;
  entries: readonly EnumEntry[];
}

/** A fixed-part field of a message layout. */
export interface FieldSpec {
  /** Absent when nothing public names the field: it is then shown unnamed, never given a made-up name. */
  name?: string;
  type: ScalarType | 'TASKID';
  /** Value table that gives the meaning of the value. */
  enumId?: EnumId;
  /** A value table that probably applies (shown as "perhaps ..."). */
  possibleEnumId?: EnumId;
  /** Special values of this field, e.g. 0xFFFFFFFF = none. */
  specialValues?: Readonly<Record<number, string>>;
  /** Present only from this protocol version on (fields added at the end of a fixed part). */
  sinceVersion?: number;
  confidence: Confidence;
  /** Where the name/position comes from, in a few words. */
  source: string;
  /** Meaning of the field in plain words. */
  description?: string;
}

/** The byte layout of one message type. */
export interface LayoutSpec {
  messageType: number;
  /** `documented` for public layouts; `observed` for the ARM layouts reverse-engineered from dumps. */
  confidence: Confidence;
  source: string;
  note?: string;
  fixed: readonly FieldSpec[];
  /** Floating tags this message is known to carry (helps choose between encodings). */
  floatingTags?: readonly number[];
}

/** Value type of a floating field, when known. */
export type FloatingType = ScalarType | 'STRING' | 'UNSPEC' | 'NAMEDVAR' | 'NAMEDARRAY' | 'TASKID';

/** One floating-field tag. */
export interface TagSpec {
  tag: number;
  name: string;
  type?: FloatingType;
  /** Maximum data size in bytes (strings include their NUL), when known. */
  maxSize?: number;
  usedIn?: string;
  sinceVersion?: number;
  /** Last protocol version that had it (tags removed later). */
  untilVersion?: number;
  /** Older name (older public implementations) when different. */
  olderName?: string;
  /** Value table for numeric tags. */
  enumId?: EnumId;
  confidence: Confidence;
  note?: string;
}

/** Tag numbers public tables mark reserved or leave out. */
export interface ReservedTagRange {
  from: number;
  to: number;
  note: string;
}
