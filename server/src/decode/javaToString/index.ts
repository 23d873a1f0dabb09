/** Java `toString()` dumps: tolerant reader and helpers. */
export type { JavaEntry, JavaList, JavaObject, JavaScalar, JavaSpan, JavaValue } from './types';
export { findJavaToStringDumps, parseJavaToString, MAX_DUMP_CHARS, MAX_DUMPS } from './parse';
export { entryValue, nameValuePairs, objectLabel, scalarText } from './query';
