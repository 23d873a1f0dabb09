/** GED-188 (Cisco CTI Server protocol) decoding: tables, byte-list reading, message walker. */
export { decodeDump, type DumpOptions } from './decodeDump';
export {
  decodeMessage,
  describeLookup,
  type ArmMessage,
  type DecodedField,
  type DecodeOptions,
  type DumpInfo,
  type FloatingChoice,
  type LayoutStatus,
  type MessageHeader,
} from './walker';
export type { DecodedFloatingField, TagWidth } from './floating';
export {
  byteReadings,
  tokenizeDump,
  describeEncoding,
  BYTE_LIST_LIMITS,
  type ByteEncoding,
  type ByteReading,
} from './byteList';
export { DATA_TYPES, HEADER_SIZE, MAX_MESSAGE_SIZE, MAX_MESSAGE_SIZE_OLD, dataType } from './dataTypes';
export { ENUM_TABLES, describeEnumValue, enumEntry, enumEntryByName } from './enums';
export { LAYOUTS, layoutFor } from './layouts';
export {
  MESSAGE_TYPE_ROWS,
  LAST_MESSAGE_TYPE,
  describeDirection,
  lookupMessageType,
  messageTypeByName,
  type MessageTypeLookup,
} from './messageTypes';
export {
  FLOATING_TAGS,
  RESERVED_TAG_RANGES,
  LAST_KNOWN_TAG,
  describeTagName,
  lookupTag,
  reservedTagRange,
} from './tags';
export { OPC_AGENT_STATES, OPC_STATE_MAPPING_NOTE, opcAgentState, type OpcAgentState } from './opcStates';
export { TRACE_FIELDS, TRACE_FUNCTIONS, traceField, type TraceFieldSpec, type TraceValueKind } from './traceFields';
export type * from './types';
