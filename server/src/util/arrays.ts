/** Typed arrays that grow: the same kind of array, `capacity` long, holding the old one's elements first. */

export type GrowableArray = Uint8Array | Int16Array | Uint32Array | Float64Array;

export function grow<T extends GrowableArray>(a: T, capacity: number): T {
  const b = new (a.constructor as { new (n: number): T })(capacity);
  b.set(a);
  return b;
}
