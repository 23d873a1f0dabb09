/**
 * Java-style objects the Cisco JTAPI client prints over several lines, as its CTI protocol messages:
 *
 *   ... received Event: com.cisco.cti.protocol.NewCallEvent {
 *   eventSequence     = 88211
 *   login = com.cisco.cti.protocol.UnicodeString {
 *   unicodedisplayName = MyCER
 *   }
 *   }
 *
 * Pure: the objects found in a text, their fields in order (nested objects as their own rows), with
 * problems for bodies that do not close. Bounded: at most 400 fields, nesting 8 deep.
 */
import type { Decoded } from './result';

export interface CtiObject {
  className: string;
  fields: Array<{ name: string; value: string; depth: number }>;
  start: number;
  end: number;
}

const OPEN = /([A-Za-z_$][\w.$]{0,200}) \{[ \t]{0,8}\r?$/gm;
const FIELD = /^[ \t]{0,16}([A-Za-z_][\w.]{0,63})[ \t]{0,24}=[ \t]{0,8}([^\r\n]{0,2000}?)[ \t]{0,8}\r?$/;
const CLOSE = /^[ \t]{0,16}\}[ \t]{0,8}\r?$/;
const MAX_FIELDS = 400;
const MAX_DEPTH = 8;
const MAX_OBJECTS = 20;

export function findCtiObjects(text: string): Decoded<CtiObject>[] {
  const out: Decoded<CtiObject>[] = [];
  const re = new RegExp(OPEN.source, 'gm');
  let m: RegExpExecArray | null;
  while (out.length < MAX_OBJECTS && (m = re.exec(text)) !== null) {
    const obj: CtiObject = { className: m[1]!, fields: [], start: m.index, end: re.lastIndex };
    const problems: string[] = [];
    let depth = 0;
    let at = re.lastIndex;
    let closed = false;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      if (nl < 0) break;
      const lineStart = nl + 1;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      at = lineEnd;
      obj.end = lineEnd;
      if (CLOSE.test(line)) {
        if (depth === 0) {
          closed = true;
          break;
        }
        depth--;
        continue;
      }
      const f = FIELD.exec(line);
      if (!f) {
        problems.push(`expected name = value or }, found ${JSON.stringify(line.slice(0, 60))}`);
        break;
      }
      const value = f[2]!;
      const nested = /^([A-Za-z_$][\w.$]{0,200}) \{$/.exec(value);
      if (obj.fields.length < MAX_FIELDS) obj.fields.push({ name: f[1]!, value: nested ? nested[1]! : value, depth });
      if (nested) {
        if (depth + 1 >= MAX_DEPTH) {
          problems.push(`expected at most ${MAX_DEPTH} nested objects, found more`);
          break;
        }
        depth++;
      }
    }
    if (!closed) problems.push('expected the closing } of the object, found the end of the record');
    out.push({ value: obj, problems });
    re.lastIndex = Math.max(re.lastIndex, obj.end);
  }
  return out;
}
