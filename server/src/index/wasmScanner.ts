/**
 * The compiled byte scanner (server/wasm/scanner.ts, built to server/out/scanner.wasm) as the index
 * uses it: a set of literals, an input area inside the module's memory that files are read into (or
 * decoded pieces copied into), and the hits of one scan: offset, literal and line feeds before it.
 * The module is compiled once per thread; each scanner has an instance (and memory) of its own.
 * Nothing here throws: when the module is missing or cannot be run, `create` answers a reason
 * instead of a scanner, and a scan that traps marks the scanner broken and reports it, so the caller
 * goes on with the JavaScript path for that file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  memory: WasmMemory;
  patTable(): number;
  patBytes(): number;
  patBytesCap(): number;
  dataStart(): number;
  maxPatterns(): number;
  stoppedAt(): number;
  lines(): number;
  compile(n: number): number;
  scan(input: number, len: number, from: number, skipEnd: number, out: number, cap: number): number;
  pairTable(): number;
  maxPairLiterals(): number;
  compilePairs(n: number): number;
  find(input: number, len: number, from: number, out: number, cap: number): number;
  countLines(input: number, from: number, to: number): number;
}

/** Where the build puts the module: beside the bundles (server/out), or there seen from the sources. */
function wasmCandidates(): string[] {
  return [
    path.join(__dirname, 'scanner.wasm'),
    path.join(__dirname, '..', 'scanner.wasm'),
    path.join(__dirname, '..', '..', 'out', 'scanner.wasm'),
  ];
}

let compiled: WasmModule | string | undefined;

/** The compiled module, or why there is none. */
export function scannerModule(): WasmModule | string {
  if (compiled !== undefined) return compiled;
  const file = wasmCandidates().find((c) => fs.existsSync(c));
  if (!file) return (compiled = 'the compiled scanner (scanner.wasm) is not beside the server');
  try {
    compiled = new Wasm.Module(fs.readFileSync(file));
  } catch (e) {
    compiled = `the compiled scanner could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
  return compiled;
}

/** Bytes read past the input by the 16-byte loads (`find` reads up to 16 + 15 + PAIR_SPAN past a position). */
const PAD = 128;
/** The byte pair of a literal is taken from its first PAIR_SPAN bytes (the module checks the same bound). */
const PAIR_SPAN = 64;
const PAGE = 65_536;

export class LiteralScanner {
  /** The input area: write (or read a file) into it, then `scan` a prefix of it. */
  readonly input: Uint8Array;
  /** Hits of the last scan: offset, literal, line feeds before it, three per hit. */
  hits: Int32Array;
  /** Set when a scan trapped: the scanner is not used again. */
  broken: string | undefined;
  /** Line feeds in the part scanned by the last call. */
  lineFeeds = 0;
  /** Whether `find` can be used: one to four literals, searched by two bytes of each. */
  pairs = false;
  private readonly outStart: number;
  private readonly outCap: number;

  private constructor(
    private readonly x: Exports,
    readonly literalLengths: Int32Array,
    inputCap: number,
    outCap: number,
  ) {
    const start = x.dataStart();
    this.outStart = (start + inputCap + PAD + 15) & ~15;
    this.outCap = outCap;
    const need = this.outStart + outCap * 12;
    const have = x.memory.buffer.byteLength;
    if (need > have) x.memory.grow(Math.ceil((need - have) / PAGE));
    this.input = new Uint8Array(x.memory.buffer, start, inputCap);
    this.hits = new Int32Array(x.memory.buffer, this.outStart, outCap * 3);
  }

  /**
   * A scanner for `literals` with room for `inputCap` bytes of input and `outCap` hits per call; a
   * reason instead when it cannot be had (no module, too many or too long literals, an empty one).
   */
  static create(literals: readonly Uint8Array[], inputCap: number, outCap = 1 << 16): LiteralScanner | string {
    const mod = scannerModule();
    if (typeof mod === 'string') return mod;
    try {
      const x = new Wasm.Instance(mod, {}).exports as unknown as Exports;
      if (literals.length > x.maxPatterns()) return `too many literals for the compiled scanner (${literals.length})`;
      const s = new LiteralScanner(
        x,
        new Int32Array(literals.map((l) => l.length)),
        inputCap,
        Math.max(outCap, literals.length + 1),
      );
      const mem = new DataView(x.memory.buffer);
      const bytes = new Uint8Array(x.memory.buffer);
      const table = x.patTable();
      const base = x.patBytes();
      let off = 0;
      for (let i = 0; i < literals.length; i++) {
        const l = literals[i]!;
        if (l.length === 0 || off + l.length > x.patBytesCap()) return 'a literal the compiled scanner cannot hold';
        bytes.set(l, base + off);
        mem.setUint32(table + i * 8, off, true);
        mem.setUint32(table + i * 8 + 4, l.length, true);
        off += l.length;
      }
      if (x.compile(literals.length) !== 0) return 'the compiled scanner refused its literals';
      if (literals.length <= x.maxPairLiterals()) {
        const pairs = x.pairTable();
        literals.forEach((l, k) => {
          const [o1, o2] = rarestPair(l);
          mem.setInt32(pairs + k * 16, o1, true);
          mem.setInt32(pairs + k * 16 + 4, l[o1]!, true);
          mem.setInt32(pairs + k * 16 + 8, o2, true);
          mem.setInt32(pairs + k * 16 + 12, l[o2]!, true);
        });
        s.pairs = x.compilePairs(literals.length) === 0;
      }
      return s;
    } catch (e) {
      return `the compiled scanner could not start: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /**
   * Scans input[0, len) from `from`; hits ending at or before `skipEnd` are left out. Returns the
   * number of hits in `hits` (at most the output's room: `more` then says where to go on from), or -1
   * when the scan trapped (the scanner is broken from then on).
   */
  scan(len: number, from = 0, skipEnd = 0): { count: number; more: number } {
    if (this.broken) return { count: -1, more: -1 };
    try {
      // The 16-byte loads read up to PAD bytes past `len`: inside the memory, and masked off.
      if (!(len >= 0 && len <= this.input.length)) throw new Error(`input of ${len} bytes`);
      const count = this.x.scan(this.input.byteOffset, len, from, skipEnd, this.outStart, this.outCap);
      this.lineFeeds = this.x.lines();
      return { count, more: this.x.stoppedAt() };
    } catch (e) {
      this.broken = e instanceof Error ? e.message : String(e);
      return { count: -1, more: -1 };
    }
  }

  /**
   * The same hits as `scan` with no line feeds counted (their third number is 0), by the byte-pair
   * search: only for a scanner made with `pairs` set (one to four literals). Hits are in the order of
   * their offsets; -1 when the scan trapped.
   */
  find(len: number, from = 0): { count: number; more: number } {
    if (this.broken || !this.pairs) return { count: -1, more: -1 };
    try {
      if (!(len >= 0 && len <= this.input.length)) throw new Error(`input of ${len} bytes`);
      const count = this.x.find(this.input.byteOffset, len, from, this.outStart, this.outCap);
      this.lineFeeds = 0;
      return { count, more: this.x.stoppedAt() };
    } catch (e) {
      this.broken = e instanceof Error ? e.message : String(e);
      return { count: -1, more: -1 };
    }
  }

  /** Line feeds in input[from, to). */
  countLines(from: number, to: number): number {
    return this.x.countLines(this.input.byteOffset, from, to);
  }
}

/**
 * How common a byte is in logs, higher for more common (a rough order, in the spirit of memchr's
 * table of byte frequencies): the byte-pair search tests a literal's two rarest bytes first, so that
 * few positions need a full compare.
 */
function byteRank(b: number): number {
  if (b === 0x20 || b === 0x09) return 255;
  if (b === 0x0a || b === 0x0d) return 250;
  if (b >= 0x30 && b <= 0x32) return 240; // 0 1 2: in every time stamp
  if (b >= 0x33 && b <= 0x39) return 220;
  if ('etaoinsrlcdu'.includes(String.fromCharCode(b))) return 230;
  if (b >= 0x61 && b <= 0x7a) return 200;
  if (':.-/=,_[]()'.includes(String.fromCharCode(b))) return 210;
  if ('AEIOSTCRNDLMP'.includes(String.fromCharCode(b))) return 150;
  if (b >= 0x41 && b <= 0x5a) return 120;
  if (b > 0x20 && b < 0x7f) return 100;
  return 20;
}

/**
 * The offsets (under PAIR_SPAN) of a literal's two rarest bytes, the rarer first: two different byte
 * values when the literal has them; the same offset twice for a literal of one byte.
 */
export function rarestPair(literal: Uint8Array): [number, number] {
  const span = Math.min(literal.length, PAIR_SPAN);
  let first = 0;
  for (let i = 1; i < span; i++) if (byteRank(literal[i]!) < byteRank(literal[first]!)) first = i;
  let second = -1;
  const better = (i: number, than: number): boolean => {
    const differs = literal[i] !== literal[first];
    const thanDiffers = literal[than] !== literal[first];
    if (differs !== thanDiffers) return differs;
    return byteRank(literal[i]!) < byteRank(literal[than]!);
  };
  for (let i = 0; i < span; i++) if (i !== first && (second < 0 || better(i, second))) second = i;
  return [first, second < 0 ? first : second];
}
