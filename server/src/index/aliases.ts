/**
 * Which keys name the same thing: an agent is `agent:icm:6420` in ctisvr, `agent:periph:15003` in
 * opc and `agent:eceUser:1005` in ECE; the records that print two of them together are the evidence.
 * A union-find over key ids joins them; each set also keeps its members on a circular list so the
 * names of an entity come out without scanning all keys. Every link remembers why it was made.
 * Links come and go with the files that state them; removing a file rebuilds the sets.
 *
 * An entity holds at most one name of each kind (one contact id, one room, one ICM agent id...).
 * A name that links tie to two different names of one kind (a room number SocialMiner reused for
 * a second chat, a number shared by two agents) is a name of neither: all its links to that kind
 * are refused, whatever the order in which the files were read. Joining it to the first chat would
 * hand that chat every line of the later ones, and which chat is "first" would depend on which
 * worker finished first. A link that would still give an entity two names of one kind through a
 * chain of other links is refused too (in that rarer case, the links read first stand).
 */

export interface LinkInput {
  a: number;
  b: number;
  why: string;
  line: number;
}

export interface LinkEvidence {
  a: number;
  b: number;
  why: string;
  /** Where it was first stated. */
  fileId: number;
  line: number;
}

interface StoredLink extends LinkEvidence {
  /** Files that state this link. */
  sources: number[];
}

/** A set larger than this is a sign of a bad link (a shared number taken for a name): it is refused. */
export const MAX_GROUP = 64;

/** In `partners`: the key is linked to more than one name of that kind. */
const AMBIGUOUS = -1;
/**
 * Kinds of name told apart per key (the rules have about thirty; a slot is a small integer for key ids
 * below 2^22, so the map of partners hashes it without a number object). Beyond, kinds would share a
 * slot: a key linked to names of two such kinds would be taken as ambiguous, which refuses links and
 * never merges wrongly.
 */
const KIND_SLOTS = 256;

/**
 * Below this both key ids of a link fit in one number, `linkId` (exact in a double); beyond (never in
 * practice: the sets' arrays are indexed by key id), a string.
 */
const LINK_PAIR = 2 ** 26;

/** One id per pair of keys (`a` < `b`): a number, so that no string is made per link stated. */
type LinkId = number | string;

function linkId(a: number, b: number): LinkId {
  return b < LINK_PAIR ? a * LINK_PAIR + b : `${a},${b}`;
}

export class AliasGraph {
  private parent = new Int32Array(0);
  private next = new Int32Array(0);
  private size = new Uint16Array(0);
  private readonly links = new Map<LinkId, StoredLink>();
  private readonly byFile = new Map<number, LinkId[]>();
  private readonly byKey = new Map<number, LinkId[]>();
  /** For each linked key and kind (`partnerSlot`), the one name of that kind it is linked to (AMBIGUOUS when several). */
  private readonly partners = new Map<number, number>();
  /** Kinds of name seen, numbered for `partnerSlot`. */
  private readonly kindIds = new Map<string, number>();
  /** `kindIdOf` of each key once asked (-1: not yet). */
  private kindIdByKey = new Int32Array(0);
  private dirty = false;
  private refusedLinks = 0;

  /** @param kindOfKey the kind of name a key is (`contact`, `agent:icm`...): an entity has one of each. */
  constructor(private readonly kindOfKey: (key: number) => string = (key) => String(key)) {}

  /** Adds the links a file states (ids are key ids). */
  add(fileId: number, links: readonly LinkInput[]): void {
    let fileLinks = this.byFile.get(fileId);
    for (const l of links) {
      if (l.a === l.b || l.a < 0 || l.b < 0) continue;
      const a = Math.min(l.a, l.b);
      const b = Math.max(l.a, l.b);
      const id = linkId(a, b);
      const stored = this.links.get(id);
      if (stored) {
        if (!stored.sources.includes(fileId)) {
          stored.sources.push(fileId);
          (fileLinks ??= []).push(id);
        }
        continue;
      }
      this.links.set(id, { a, b, why: l.why, fileId, line: l.line, sources: [fileId] });
      (fileLinks ??= []).push(id);
      this.keyLink(a, id);
      this.keyLink(b, id);
      // A name that just became ambiguous may already be joined: the sets are rebuilt on the next query.
      const aAmbiguous = this.notePartner(a, b);
      const bAmbiguous = this.notePartner(b, a);
      if (aAmbiguous || bAmbiguous) this.dirty = true;
      if (!this.dirty) this.union(a, b);
    }
    if (fileLinks) this.byFile.set(fileId, fileLinks);
  }

  private keyLink(key: number, id: LinkId): void {
    const list = this.byKey.get(key);
    if (list) list.push(id);
    else this.byKey.set(key, [id]);
  }

  /** Forgets the links only this file stated. */
  removeFile(fileId: number): void {
    const ids = this.byFile.get(fileId);
    if (!ids) return;
    this.byFile.delete(fileId);
    for (const id of ids) {
      const l = this.links.get(id);
      if (!l) continue;
      l.sources = l.sources.filter((f) => f !== fileId);
      if (l.sources.length > 0) {
        if (l.fileId === fileId) l.fileId = l.sources[0];
        continue;
      }
      this.links.delete(id);
      for (const k of [l.a, l.b]) {
        const list = this.byKey.get(k)?.filter((x) => x !== id);
        if (list && list.length > 0) this.byKey.set(k, list);
        else this.byKey.delete(k);
      }
      this.dirty = true;
    }
  }

  /** All keys of the entity `key` belongs to, `key` first. */
  members(key: number): number[] {
    this.settle();
    if (key < 0 || key >= this.parent.length) return [key];
    const out = [key];
    for (let k = this.next[key]; k !== key && out.length <= MAX_GROUP; k = this.next[k]) out.push(k);
    return out;
  }

  /**
   * The same into `out` (at least MAX_GROUP + 1 long), returning how many: no new array per question, for
   * questions about many keys at once.
   */
  membersInto(key: number, out: Int32Array): number {
    this.settle();
    out[0] = key;
    if (key < 0 || key >= this.parent.length) return 1;
    let n = 1;
    for (let k = this.next[key]; k !== key && n <= MAX_GROUP; k = this.next[k]) out[n++] = k;
    return n;
  }

  /** Whether a file states a link between `a` and `b` (joined or refused: the sets already reflect it). */
  hasLink(a: number, b: number): boolean {
    return this.links.has(linkId(Math.min(a, b), Math.max(a, b)));
  }

  /** The evidence joining the members of one entity. */
  evidence(members: readonly number[]): LinkEvidence[] {
    const seen = new Set<LinkId>();
    const out: LinkEvidence[] = [];
    for (const k of members) {
      for (const id of this.byKey.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const l = this.links.get(id);
        if (l && members.includes(l.a) && members.includes(l.b))
          out.push({ a: l.a, b: l.b, why: l.why, fileId: l.fileId, line: l.line });
      }
    }
    return out;
  }

  get linkCount(): number {
    return this.links.size;
  }

  /** Links refused: they tied a name to two names of one kind, or would have merged too many keys. */
  get refused(): number {
    this.settle();
    return this.refusedLinks;
  }

  private settle(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const n = this.parent.length;
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.next[i] = i;
      this.size[i] = 1;
    }
    this.refusedLinks = 0;
    this.partners.clear();
    for (const l of this.links.values()) {
      this.notePartner(l.a, l.b);
      this.notePartner(l.b, l.a);
    }
    for (const l of this.links.values()) this.union(l.a, l.b);
  }

  /** The `partners` entry of `key` for names of the kind `other` is. */
  private partnerSlot(key: number, other: number): number {
    return key * KIND_SLOTS + (this.kindIdOf(other) % KIND_SLOTS);
  }

  /**
   * The number of the kind of name `key` is (kinds numbered as first seen), kept per key once asked (a
   * key's kind never changes; `settle` asks it for every link, again).
   */
  private kindIdOf(key: number): number {
    const known = key >= 0 && key < this.kindIdByKey.length ? this.kindIdByKey[key]! : -1;
    if (known >= 0) return known;
    const kind = this.kindOfKey(key);
    let id = this.kindIds.get(kind);
    if (id === undefined) this.kindIds.set(kind, (id = this.kindIds.size));
    if (key >= 0 && key < 1 << 26) {
      if (key >= this.kindIdByKey.length) {
        let n = Math.max(1024, this.kindIdByKey.length);
        while (n <= key) n *= 2;
        const more = new Int32Array(n).fill(-1);
        more.set(this.kindIdByKey);
        this.kindIdByKey = more;
      }
      this.kindIdByKey[key] = id;
    }
    return id;
  }

  /** Records that `key` is linked to `other`; true when this makes `key` ambiguous for that kind. */
  private notePartner(key: number, other: number): boolean {
    const slot = this.partnerSlot(key, other);
    const known = this.partners.get(slot);
    if (known === undefined) {
      this.partners.set(slot, other);
      return false;
    }
    if (known === other || known === AMBIGUOUS) return false;
    this.partners.set(slot, AMBIGUOUS);
    return true;
  }

  /** Whether `a` or `b` is linked to several names of the other's kind (then it names neither). */
  private ambiguous(a: number, b: number): boolean {
    return (
      this.partners.get(this.partnerSlot(a, b)) === AMBIGUOUS || this.partners.get(this.partnerSlot(b, a)) === AMBIGUOUS
    );
  }

  private ensure(key: number): void {
    if (key < this.parent.length) return;
    let n = Math.max(1024, this.parent.length);
    while (n <= key) n *= 2;
    const parent = new Int32Array(n);
    const next = new Int32Array(n);
    const size = new Uint16Array(n);
    parent.set(this.parent);
    next.set(this.next);
    size.set(this.size);
    for (let i = this.parent.length; i < n; i++) {
      parent[i] = i;
      next[i] = i;
      size[i] = 1;
    }
    this.parent = parent;
    this.next = next;
    this.size = size;
  }

  private find(k: number): number {
    let root = k;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[k] !== root) {
      const up = this.parent[k];
      this.parent[k] = root;
      k = up;
    }
    return root;
  }

  /** Whether the sets of `ra` and `rb` hold different names of the same kind. */
  private kindsClash(ra: number, rb: number): boolean {
    const kinds = new Map<number, number>();
    let k = ra;
    do {
      kinds.set(this.kindIdOf(k), k);
      k = this.next[k];
    } while (k !== ra);
    k = rb;
    do {
      const other = kinds.get(this.kindIdOf(k));
      if (other !== undefined && other !== k) return true;
      k = this.next[k];
    } while (k !== rb);
    return false;
  }

  private union(a: number, b: number): void {
    this.ensure(Math.max(a, b));
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.ambiguous(a, b) || this.size[ra] + this.size[rb] > MAX_GROUP || this.kindsClash(ra, rb)) {
      this.refusedLinks++;
      return;
    }
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    // Splicing two circular lists is swapping one successor of each.
    const t = this.next[a];
    this.next[a] = this.next[b];
    this.next[b] = t;
  }
}
