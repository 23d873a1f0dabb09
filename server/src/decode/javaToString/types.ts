/**
 * The tree a Java `toString()` dump is read into. Java prints objects in several shapes:
 * `Name [k=v, ...]` (Eclipse-generated), `pkg.Name@1bbee47[k=v,...]` (Apache ToStringBuilder),
 * `Name(k=v, ...)` (Lombok) and collections as `[a, b]`. All of them become the same tree.
 * Every node keeps its [start, end) offsets in the text it was read from.
 */

export interface JavaSpan {
  start: number;
  end: number;
}

/** A value printed as plain text (a string, a number, an enum constant, `null`...), as written. */
export interface JavaScalar extends JavaSpan {
  kind: 'scalar';
  text: string;
}

/** A collection printed as `[a, b, ...]`. */
export interface JavaList extends JavaSpan {
  kind: 'list';
  items: JavaValue[];
  /** False when the text ended before the closing `]`. */
  closed: boolean;
}

/** An object printed as `ClassName [..]`, `ClassName@hash[..]` or `ClassName(..)`. */
export interface JavaObject extends JavaSpan {
  kind: 'object';
  /** The class name as written, with its package if printed (`com.cisco...Notification`). */
  className: string;
  /** The last segment of the class name (`Notification`). */
  simpleName: string;
  /** The identity hash printed after `@`, if any (`1bbee47`). */
  hash?: string;
  /** The opening bracket used. */
  bracket: '[' | '(';
  entries: JavaEntry[];
  /** False when the text ended before the closing bracket. */
  closed: boolean;
}

/** One entry of an object: `name=value`, or a bare value such as the `Contact[..]` in `ChatContact(Contact[..])`. */
export interface JavaEntry extends JavaSpan {
  name?: string;
  value: JavaValue;
}

export type JavaValue = JavaScalar | JavaList | JavaObject;
