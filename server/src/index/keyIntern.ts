/**
 * Local key ids of one segment: each distinct key string gets the next id, in the order first seen.
 * An open-addressing table of typed arrays with each key's hash kept beside it, instead of a `Map`:
 * the keys come fresh from the extractor for every posting (`prefix + value`, a string never looked up
 * before), and a `Map` lookup of such a string walked several scattered objects (bucket, entry, the
 * stored key) for each of the millions of postings of a bundle; here a lookup reads one slot and one
 * hash, and compares strings only when the hashes are equal. Keys crafted to share a hash (a log
 * is input from anywhere) cannot make it quadratic: a search that walks more than MAX_PROBES slots turns
 * the interner into a `Map` (the engine's seeded hash) for the rest of the segment, with the same ids.
 */
export class KeyInterner {
  /** Set once the table gave up on clustered hashes: every key's id, from then on the only lookup. */
  private map: Map<string, number> | undefined;
  /** Id + 1 of the key in each slot (0: empty); the length is a power of two, at most half full. */
  private slots = new Int32Array(1024);
  /** The hash of each key, by id. */
  private hashes = new Int32Array(512);
  /** The keys, by id. */
  readonly keys: string[] = [];

  /** `hash`: the hash of a key (a test hands one in that sends every key to one slot). */
  constructor(private readonly hash: (key: string) => number = hashOf) {}

  get size(): number {
    return this.keys.length;
  }

  /** The id of `key`, given it the first time it is seen. */
  id(key: string): number {
    if (this.map) return this.mapId(this.map, key);
    const h = this.hash(key);
    const slots = this.slots;
    const mask = slots.length - 1;
    const hashes = this.hashes;
    const keys = this.keys;
    let s = h & mask;
    for (let probes = 0; ; probes++) {
      const e = slots[s]!;
      if (e === 0) break;
      if (hashes[e - 1] === h && keys[e - 1] === key) return e - 1;
      if (probes === MAX_PROBES) return this.mapId(this.toMap(), key);
      s = (s + 1) & mask;
    }
    const id = keys.length;
    keys.push(key);
    if (id === hashes.length) {
      const more = new Int32Array(hashes.length * 2);
      more.set(hashes);
      this.hashes = more;
    }
    this.hashes[id] = h;
    slots[s] = id + 1;
    if (keys.length * 2 > slots.length) this.rehash(slots.length * 2);
    return id;
  }

  /** The keys so far in a `Map`, which takes over (the table is dropped). */
  private toMap(): Map<string, number> {
    const map = new Map<string, number>();
    this.keys.forEach((k, id) => map.set(k, id));
    this.map = map;
    this.slots = new Int32Array(0);
    this.hashes = new Int32Array(0);
    return map;
  }

  private mapId(map: Map<string, number>, key: string): number {
    let id = map.get(key);
    if (id === undefined) {
      id = this.keys.length;
      map.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.hashes;
    for (let id = 0; id < this.keys.length; id++) {
      let s = hashes[id]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.slots = slots;
  }
}

/** Slots a search may walk before the table gives way to a `Map` (at most half full, searches walk one or two). */
const MAX_PROBES = 64;

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) depend on every unit. */
function hashOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
