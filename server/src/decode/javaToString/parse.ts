/**
 * A tolerant recursive-descent reader for Java `toString()` dumps. No library reads this
 * "format": it has no quoting, so values may hold spaces, commas, `=` and URLs. The rules below
 * are pragmatic and documented where they are applied:
 *
 * - an object is `ClassName`, an optional `@hash`, an optional single space, then `[` or `(`, and
 *   its body must start like a field (`name=`) or like a nested object, otherwise it is text;
 * - inside an object, a `,` followed by optional white space and `identifier=` starts the next
 *   field; any other comma belongs to the value;
 * - inside a list, every `,` at bracket depth 0 separates items;
 * - a value that looked like an object or a list but is followed by something other than a
 *   separator or a closing bracket is read again as plain text;
 * - dumps wrap over several lines of a record, so white space includes line breaks;
 * - a dump cut off by the end of the text keeps what was read and reports what was missing.
 */

import type { Decoded } from '../result';
import type { JavaEntry, JavaList, JavaObject, JavaScalar, JavaValue } from './types';

/** Deeper nesting is read as text: no real dump nests this deep, and it bounds recursion. */
const MAX_DEPTH = 32;

/** How far past its start one dump may be read; a hover never needs more. */
export const MAX_DUMP_CHARS = 256 * 1024;

// `Name`, `pkg.Name`, `pkg.Name@1bbee47`, each optionally followed by one space, then the bracket.
// Every repetition is bounded and the segment classes are separated by `.`, so this cannot backtrack badly.
const HEAD = /([A-Za-z_$][\w$]{0,127}(?:\.[A-Za-z_$][\w$]{0,127}){0,31})(?:@([0-9a-fA-F]{1,16}))?( ?)([[(])/y;
const FIELD_NAME = /([A-Za-z_$][\w$]{0,127})=/y;
const FIELD_SEPARATOR = /,\s{0,64}[A-Za-z_$][\w$]{0,127}=/y;
const LEADING_SPACE = /\s{0,64}/y;

interface Head {
  start: number;
  className: string;
  simpleName: string;
  hash?: string;
  /** Offset of the opening bracket. */
  open: number;
  bracket: '[' | '(';
}

type Context = 'field' | 'item';

const CLOSERS: Record<string, string> = { '[': ']', '(': ')' };

class Reader {
  readonly problems: string[] = [];

  constructor(
    private readonly text: string,
    private readonly limit: number,
  ) {}

  /** The class-name head at `pos`, if the text there starts an object dump. */
  objectStartAt(pos: number): Head | undefined {
    const head = this.headAt(pos);
    if (!head) return undefined;
    const afterOpen = head.open + 1;
    const next = this.text[this.skipSpace(afterOpen)];
    // `Name@hash[]` is an object with no fields; `Name []` without a hash is just text.
    if ((next === ']' || next === ')') && head.hash !== undefined) return head;
    return this.bodyLooksLikeObject(afterOpen, 0) ? head : undefined;
  }

  parseObject(head: Head, depth: number): JavaObject {
    const closer = CLOSERS[head.bracket];
    const obj: JavaObject = {
      kind: 'object',
      className: head.className,
      simpleName: head.simpleName,
      bracket: head.bracket,
      entries: [],
      closed: false,
      start: head.start,
      end: head.open + 1,
    };
    if (head.hash !== undefined) obj.hash = head.hash;
    const label = head.hash !== undefined ? `${head.simpleName}@${head.hash}` : head.simpleName;
    let pos = this.skipSpace(head.open + 1);
    while (true) {
      if (pos >= this.limit) {
        this.problems.push(`expected '${closer}' to close ${label}, found end of text`);
        obj.end = Math.min(pos, this.limit);
        return obj;
      }
      const c = this.text[pos];
      if (c === ']' || c === ')') {
        if (c !== closer) this.problems.push(`expected '${closer}' to close ${label}, found '${c}'`);
        obj.closed = true;
        obj.end = pos + 1;
        return obj;
      }
      const entryStart = pos;
      FIELD_NAME.lastIndex = pos;
      const name = FIELD_NAME.exec(this.text);
      const valueStart = name ? FIELD_NAME.lastIndex : pos;
      const value = this.parseValue(valueStart, depth + 1, 'field');
      const entry: JavaEntry = { value, start: entryStart, end: value.end };
      if (name) entry.name = name[1];
      obj.entries.push(entry);
      pos = this.skipSpace(value.end);
      if (pos < this.limit && this.text[pos] === ',') {
        pos = this.skipSpace(pos + 1);
      } else if (pos < this.limit && this.text[pos] !== ']' && this.text[pos] !== ')') {
        // Only reachable after a nested value that ended early; keep going rather than loop.
        this.problems.push(`expected ',' or '${closer}' after ${entry.name ?? 'a value'}, found '${this.text[pos]}'`);
        pos = Math.max(pos + 1, entryStart + 1);
      }
    }
  }

  private parseList(open: number, depth: number): JavaList {
    const list: JavaList = { kind: 'list', items: [], closed: false, start: open, end: open + 1 };
    let pos = this.skipSpace(open + 1);
    if (this.text[pos] === ']') {
      list.closed = true;
      list.end = pos + 1;
      return list;
    }
    while (true) {
      if (pos >= this.limit) {
        this.problems.push(`expected ']' to close a list, found end of text`);
        list.end = Math.min(pos, this.limit);
        return list;
      }
      const item = this.parseValue(pos, depth + 1, 'item');
      list.items.push(item);
      const after = this.skipSpace(item.end);
      const c = this.text[after];
      if (after >= this.limit) {
        pos = after;
      } else if (c === ',') {
        pos = this.skipSpace(after + 1);
      } else if (c === ']' || c === ')') {
        if (c === ')') this.problems.push(`expected ']' to close a list, found ')'`);
        list.closed = true;
        list.end = after + 1;
        return list;
      } else {
        this.problems.push(`expected ',' or ']' in a list, found '${c}'`);
        pos = Math.max(after + 1, pos + 1);
      }
    }
  }

  private parseValue(pos: number, depth: number, context: Context): JavaValue {
    if (depth <= MAX_DEPTH && pos < this.limit) {
      const problemCount = this.problems.length;
      const head = this.objectStartAt(pos);
      let structured: JavaObject | JavaList | undefined;
      if (head) structured = this.parseObject(head, depth);
      else if (this.text[pos] === '[') structured = this.parseList(pos, depth);
      if (structured) {
        if (!structured.closed || this.followsValue(structured.end)) return structured;
        // It looked structured but is not followed by a separator: it is text that contains brackets.
        this.problems.length = problemCount;
      }
    }
    return this.scalar(pos, context);
  }

  private scalar(pos: number, context: Context): JavaScalar {
    let end = this.scanScalar(pos, context, true);
    // An opening bracket in the text that never closes would swallow the rest; read it again flat.
    if (end < 0) end = this.scanScalar(pos, context, false);
    return { kind: 'scalar', text: this.text.slice(pos, end), start: pos, end };
  }

  /**
   * End of a plain-text value starting at `pos`: the next separator or unmatched closing bracket
   * at depth 0, or the limit. With `trackDepth`, brackets inside the text must balance; returns -1
   * if they never do.
   */
  private scanScalar(pos: number, context: Context, trackDepth: boolean): number {
    let depth = 0;
    for (let i = pos; i < this.limit; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x5b /* [ */ || c === 0x28 /* ( */) {
        if (trackDepth) depth++;
      } else if (c === 0x5d /* ] */ || c === 0x29 /* ) */) {
        if (depth > 0) depth--;
        else return i;
      } else if (c === 0x2c /* , */ && depth === 0) {
        if (context === 'item') return i;
        FIELD_SEPARATOR.lastIndex = i;
        if (FIELD_SEPARATOR.test(this.text)) return i;
      }
    }
    return trackDepth && depth > 0 ? -1 : this.limit;
  }

  /** True if what follows a structured value at `pos` is a separator, a closer or the end. */
  private followsValue(pos: number): boolean {
    const at = this.skipSpace(pos);
    if (at >= this.limit) return true;
    const c = this.text[at];
    return c === ',' || c === ']' || c === ')';
  }

  private headAt(pos: number): Head | undefined {
    HEAD.lastIndex = pos;
    const m = HEAD.exec(this.text);
    if (!m || HEAD.lastIndex > this.limit) return undefined;
    const className = m[1];
    const simpleName = className.slice(className.lastIndexOf('.') + 1);
    // Java class names start with a capital letter; this keeps `foo [k=v]` prose out.
    if (!/^[A-Z]/.test(simpleName)) return undefined;
    const head: Head = {
      start: pos,
      className,
      simpleName,
      open: HEAD.lastIndex - 1,
      bracket: m[4] as '[' | '(',
    };
    if (m[2] !== undefined) head.hash = m[2];
    return head;
  }

  /** Does the body starting at `pos` open with `name=` or with a nested object (checked two levels deep)? */
  private bodyLooksLikeObject(pos: number, level: number): boolean {
    const at = this.skipSpace(pos);
    FIELD_NAME.lastIndex = at;
    if (FIELD_NAME.test(this.text) && FIELD_NAME.lastIndex <= this.limit) return true;
    if (level >= 2) return false;
    const nested = this.headAt(at);
    return nested !== undefined && this.bodyLooksLikeObject(nested.open + 1, level + 1);
  }

  private skipSpace(pos: number): number {
    if (pos >= this.limit) return pos;
    LEADING_SPACE.lastIndex = pos;
    LEADING_SPACE.test(this.text);
    return Math.min(LEADING_SPACE.lastIndex, this.limit);
  }
}

/** Offset limit for a dump starting at `start` in `text`. */
function limitFor(text: string, start: number, maxChars = MAX_DUMP_CHARS): number {
  return Math.min(text.length, start + maxChars);
}

/**
 * Reads the Java object dump that starts exactly at `start` (its class name). Returns undefined
 * when the text there does not start an object dump (`Name [k=...`, `Name@hash[...`, `Name(...`).
 * A cut-off dump gives the part that was read, `closed: false`, and a problem.
 */
export function parseJavaToString(text: string, start = 0, maxChars = MAX_DUMP_CHARS): Decoded<JavaObject> | undefined {
  if (start < 0 || start >= text.length) return undefined;
  const reader = new Reader(text, limitFor(text, start, maxChars));
  const head = reader.objectStartAt(start);
  if (!head) return undefined;
  const value = reader.parseObject(head, 0);
  return { value, problems: reader.problems };
}

// A candidate class name: a word not preceded by a name character, then the head shape.
const CANDIDATE = /(?<![\w$.])[A-Za-z_$][\w$.]{0,255}(?:@[0-9a-fA-F]{1,16})? ?[[(]/g;

/** Upper bound on dumps reported for one text; a hover over a record needs far fewer. */
export const MAX_DUMPS = 200;

/**
 * Every top-level Java object dump in `text`, in order. Objects nested in a dump are part of it,
 * not reported again. Linear in the text length (each dump is read once; scanning resumes after it).
 */
export function findJavaToStringDumps(text: string, maxDumps = MAX_DUMPS): Decoded<JavaObject>[] {
  const found: Decoded<JavaObject>[] = [];
  const candidate = new RegExp(CANDIDATE.source, 'g');
  let m: RegExpExecArray | null;
  while (found.length < maxDumps && (m = candidate.exec(text)) !== null) {
    const dump = parseJavaToString(text, m.index);
    if (dump) {
      found.push(dump);
      candidate.lastIndex = Math.max(dump.value.end, m.index + 1);
    }
  }
  return found;
}
