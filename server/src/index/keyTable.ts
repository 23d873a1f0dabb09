/**
 * Interned entity keys (`contact:4B1E…`, `agent:icm:6420`): each distinct key gets a small number
 * once, and the postings store numbers only. Keys live as UTF-8 bytes in one arena with an
 * open-addressing hash table over them, so a million keys cost tens of megabytes, not the hundreds
 * a `Map<string, number>` with a string object per key would.
 */
import { lastAtOrBelow } from '../util/search';

const EMPTY = 0; // slots hold id + 1

export class KeyTable {
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  /** offsets[id] = first byte of key id; offsets[count] = end of the last key. */
  private offsets = new Uint32Array(1 << 10);
  private count = 0;
  private slots = new Uint32Array(1 << 11);
  private scratch = new Uint8Array(256);
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  /** Lazily built copy of the arena with ASCII letters folded to lower case, for searches. */
  private folded: { arena: Buffer; used: number } | undefined;

  get size(): number {
    return this.count;
  }

  /** The id of `key`, adding it when new. */
  intern(key: string): number {
    const n = this.encode(key);
    const h = hashBytes(this.scratch, n);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const s = this.slots[i];
      if (s === EMPTY) break;
      if (this.equals(s - 1, n)) return s - 1;
      i = (i + 1) & mask;
    }
    const id = this.count;
    this.append(n);
    this.slots[i] = id + 1;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  /** The id of `key`, or -1 when it was never interned. */
  find(key: string): number {
    const n = this.encode(key);
    const mask = this.slots.length - 1;
    let i = hashBytes(this.scratch, n) & mask;
    for (;;) {
      const s = this.slots[i];
      if (s === EMPTY) return -1;
      if (this.equals(s - 1, n)) return s - 1;
      i = (i + 1) & mask;
    }
  }

  /** Whether key `id` starts with `prefix` (ASCII), compared on its bytes without decoding it. */
  hasPrefix(id: number, prefix: string): boolean {
    if (id < 0 || id >= this.count) return false;
    const start = this.offsets[id];
    if (this.offsets[id + 1] - start < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (this.arena[start + i] !== prefix.charCodeAt(i)) return false;
    return true;
  }

  text(id: number): string {
    if (id < 0 || id >= this.count) return '';
    return this.decoder.decode(this.arena.subarray(this.offsets[id], this.offsets[id + 1]));
  }

  /**
   * Ids of keys containing `fragment` (ASCII letters compared without case), in id order, at most
   * `limit`. Scans the arena with the native byte search, so millions of keys take milliseconds.
   */
  search(fragment: string, limit: number): number[] {
    const needle = Buffer.from(fragment.toLowerCase(), 'utf8');
    if (needle.length === 0 || this.count === 0) return [];
    const hay = this.foldedArena();
    const found: number[] = [];
    let at = 0;
    while (found.length < limit) {
      const hit = hay.indexOf(needle, at);
      if (hit < 0) break;
      const id = this.idAtByte(hit);
      // A hit that runs past its key's end spans two keys: not a match of either.
      if (hit + needle.length <= this.offsets[id + 1]) found.push(id);
      at = this.offsets[id + 1];
    }
    return found;
  }

  /** Bytes held by the table's arrays. */
  memoryBytes(): number {
    return (
      this.arena.byteLength +
      this.offsets.byteLength +
      this.slots.byteLength +
      this.scratch.byteLength +
      (this.folded?.arena.byteLength ?? 0)
    );
  }

  private encode(key: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (key.length * 3 > this.scratch.length)
      this.scratch = new Uint8Array(Math.max(key.length * 3, this.scratch.length * 2));
    return this.encoder.encodeInto(key, this.scratch).written;
  }

  private equals(id: number, n: number): boolean {
    const start = this.offsets[id];
    if (this.offsets[id + 1] - start !== n) return false;
    const a = this.arena;
    const b = this.scratch;
    for (let k = 0; k < n; k++) if (a[start + k] !== b[k]) return false;
    return true;
  }

  private append(n: number): void {
    if (this.arenaUsed + n > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + n));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    this.arena.set(this.scratch.subarray(0, n), this.arenaUsed);
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count] = this.arenaUsed;
    this.arenaUsed += n;
    this.count++;
    this.offsets[this.count] = this.arenaUsed;
    this.folded = undefined;
  }

  private rehash(capacity: number): void {
    const slots = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let id = 0; id < this.count; id++) {
      const start = this.offsets[id];
      let i = hashBytes(this.arena, this.offsets[id + 1] - start, start) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
  }

  private foldedArena(): Buffer {
    if (this.folded && this.folded.used === this.arenaUsed) return this.folded.arena;
    const copy = Buffer.from(this.arena.subarray(0, this.arenaUsed));
    for (let i = 0; i < copy.length; i++) {
      const c = copy[i];
      if (c >= 65 && c <= 90) copy[i] = c + 32;
    }
    this.folded = { arena: copy, used: this.arenaUsed };
    return copy;
  }

  private idAtByte(byte: number): number {
    return lastAtOrBelow(this.offsets, byte, this.count);
  }
}

/** FNV-1a over `n` bytes from `start`. */
function hashBytes(bytes: Uint8Array, n: number, start = 0): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) {
    h ^= bytes[start + k];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
