/**
 * Flow A as one time-ordered stream of events: bubble chats arriving all day, many at once, each
 * going through widget load, session, social contact, notification to UCCX, queueing, an agent
 * joining, typing, leaving, feedback and rating. Every writer of flow A (browser, SocialMiner,
 * MADM, MIVR) reads its own copy of this stream and renders the events it would log.
 */
import { MinHeap } from './heap';
import { Rng } from './prng';
import { SYSTEM_A, World, type Customer, type UccxAgent } from './world';

export type ChatEventKind =
  | 'config'
  | 'session'
  | 'scCreated'
  | 'createSC'
  | 'notify'
  | 'queued'
  | 'accepted'
  | 'typing'
  | 'agentMessage'
  | 'keepalive'
  | 'leave'
  | 'released'
  | 'feedback'
  | 'rating'
  | 'abandon'
  | 'destroyed';

export interface Chat {
  index: number;
  contactId: string;
  session: string;
  room: number;
  requestId: string;
  customer: Customer;
  widget: { id: number; name: string };
  csq: { problem: string; tag: string };
  guid: string;
  agent: UccxAgent | undefined;
  /** 1–5, or undefined when the customer skipped the rating form. */
  rating: number | undefined;
  /** The rating could not be stored (503 from the SocialMiner API). */
  ratingFails: boolean;
  /** Instants in ms UTC. */
  publishedDate: number;
  statusTimestamp: number;
  startTime: number;
  /** Thread of the UCCX pool that handles the contact. */
  thread: number;
  /** Java identity hashes printed by toString() of the notification objects. */
  hashes: string[];
  typingCount: number;
  /** Browser long-poll event number. */
  eventId: number;
}

export interface ChatEvent {
  t: number;
  kind: ChatEventKind;
  chat: Chat;
  /** For `typing`: composing or paused. */
  detail?: string;
}

interface Pending {
  t: number;
  seq: number;
  chat: Chat;
  steps: Array<{ t: number; kind: ChatEventKind; detail?: string }>;
  next: number;
}

export interface ChatStreamOptions {
  seed: string;
  start: number;
  /** Mean time between two chats, ms. */
  meanGapMs: number;
  world: World;
  /** Index of the chat followed across files: always answered, rated and stored. */
  knownIndex: number;
}

export class ChatStream {
  private readonly rng: Rng;
  private readonly heap = new MinHeap<Pending>();
  private nextArrival: number;
  private nextIndex = 0;
  private seq = 0;
  private room = 40;
  private readonly usedIds = new Set<string>();

  constructor(private readonly options: ChatStreamOptions) {
    this.rng = new Rng(options.seed, 'chats');
    this.nextArrival = options.start + this.rng.exp(options.meanGapMs);
  }

  /** Time of the next event. */
  peekTime(): number {
    this.admit();
    return this.heap.peek()!.t;
  }

  next(): ChatEvent {
    this.admit();
    const p = this.heap.pop()!;
    const step = p.steps[p.next++];
    if (p.next < p.steps.length) {
      p.t = p.steps[p.next].t;
      p.seq = this.seq++;
      this.heap.push(p);
    }
    return { t: step.t, kind: step.kind, chat: p.chat, ...(step.detail ? { detail: step.detail } : {}) };
  }

  /** Starts every chat that arrives before the earliest pending event. */
  private admit(): void {
    while (this.heap.size === 0 || this.nextArrival <= this.heap.peek()!.t) {
      this.start(this.nextArrival);
      this.nextArrival += this.rng.exp(this.options.meanGapMs);
    }
  }

  private start(arrival: number): void {
    const rng = this.rng;
    const index = this.nextIndex++;
    const known = index === this.options.knownIndex;
    let contactId: string;
    do contactId = World.contactId(rng);
    while (this.usedIds.has(contactId));
    this.usedIds.add(contactId);
    const answered = known || rng.chance(0.9);
    const rated = known || (answered && rng.chance(0.7));
    const chat: Chat = {
      index,
      contactId,
      session: rng.hex(32),
      room: this.room++,
      requestId: rng.alnum(6),
      customer: World.customer(rng),
      widget: known ? SYSTEM_A.widgets[0] : rng.pick(SYSTEM_A.widgets),
      csq: rng.pick(SYSTEM_A.csqs),
      guid: World.guid(rng),
      agent: answered ? rng.pick(this.options.world.uccxAgents) : undefined,
      rating: rated ? rng.range(1, 5) : undefined,
      ratingFails: !known && rated && rng.chance(0.03),
      publishedDate: 0,
      statusTimestamp: 0,
      startTime: 0,
      thread: rng.range(1, 20),
      hashes: [rng.hex(7).toLowerCase(), rng.hex(7).toLowerCase(), rng.hex(6).toLowerCase()],
      typingCount: 0,
      eventId: 0,
    };
    const steps: Pending['steps'] = [];
    let t = arrival;
    const add = (dt: number, kind: ChatEventKind, detail?: string): void => {
      t += Math.max(1, Math.round(dt));
      steps.push(detail ? { t, kind, detail } : { t, kind });
    };
    add(0, 'config');
    add(rng.range(15_000, 60_000), 'session');
    chat.publishedDate = t;
    const sessionAt = t;
    add(rng.range(60, 90), 'scCreated');
    chat.statusTimestamp = t - rng.range(5, 12);
    add(rng.range(1, 5), 'createSC');
    add(rng.range(100, 200), 'notify');
    chat.startTime = t + rng.range(20, 60);
    add(rng.range(200, 320), 'queued');
    let end: number;
    if (chat.agent) {
      add(rng.range(3_000, 40_000), 'accepted');
      const messages = rng.range(2, 12);
      for (let i = 0; i < messages; i++) {
        add(rng.range(4_000, 40_000), 'typing', 'composing');
        add(rng.range(1_500, 8_000), 'typing', 'paused');
        add(rng.range(50, 900), 'agentMessage');
      }
      add(rng.range(5_000, 60_000), 'leave');
      add(rng.range(10, 40), 'released');
      if (chat.rating !== undefined) {
        add(rng.range(4_000, 12_000), 'feedback');
        if (!chat.ratingFails) add(rng.range(15, 40), 'rating');
      }
      end = t;
    } else {
      add(rng.range(60_000, 300_000), 'abandon');
      end = t;
    }
    // The widget keeps its session alive every 30 s until the session ends, 5 minutes after the chat.
    for (let k = sessionAt + 30_000 + rng.range(0, 900); k < end; k += 30_000) steps.push({ t: k, kind: 'keepalive' });
    steps.push({ t: end + 300_000 + rng.range(0, 2000), kind: 'destroyed' });
    steps.sort((a, b) => a.t - b.t);
    this.heap.push({ t: steps[0].t, seq: this.seq++, chat, steps, next: 0 });
  }
}
