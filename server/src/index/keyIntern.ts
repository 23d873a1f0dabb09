/**
 * Local key ids of one segment: each distinct key string gets the next id, in the order first seen.
 * An open-addressing table of typed arrays with each key's hash kept beside it, instead of a `Map`:
 * the keys come fresh from the extractor for every posting (`prefix + value`, a string never looked up
 * before), and a `Map` lookup of such a string walked several scattered objects (bucket, entry, the
 * stored key) for each of the millions of postings of a bundle; here a lookup reads one slot and one
 * hash, and compares strings only when the hashes are equal.
 */
export class KeyInterner {
  /** Id + 1 of the key in each slot (0: empty); the length is a power of two, at most half full. */
  private slots = new Int32Array(1024);
  /** The hash of each key, by id. */
  private hashes = new Int32Array(512);
  /** The keys, by id. */
  readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The id of `key`, given it the first time it is seen. */
  id(key: string): number {
    const h = hashOf(key);
    const slots = this.slots;
    const mask = slots.length - 1;
    const hashes = this.hashes;
    const keys = this.keys;
    let s = h & mask;
    for (;;) {
      const e = slots[s]!;
      if (e === 0) break;
      if (hashes[e - 1] === h && keys[e - 1] === key) return e - 1;
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

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) depend on every unit. */
function hashOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
