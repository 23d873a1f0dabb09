/**
 * Flow B as one time-ordered stream: ECE agents logging in to the chat MRD through the listener,
 * becoming available and unavailable, logging out, and the listener's heartbeats, all numbered
 * with the one InvokeID counter of the listener's ARM connection. The ECE, ctisvr, opc and tool
 * writers each read a copy and render what they would log, so the same login carries the same
 * InvokeID everywhere.
 */
import { MinHeap } from './heap';
import { Rng } from './prng';
import type { EceAgent, World } from './world';

export type AgentEventKind = 'heartbeat' | 'health' | 'login' | 'available' | 'unavailable' | 'logout';

export interface AgentEvent {
  t: number;
  kind: AgentEventKind;
  agent?: EceAgent;
  /** InvokeIDs the listener used for this event (two for available: routable, then ready). */
  invokeIds: number[];
  /** HttpSessionId of the agent's console session. */
  httpSession?: string;
  /** Logged-in agents after the event (health lines). */
  loggedIn: number;
  /** Seconds in the previous state (opc Duration=). */
  duration: number;
  /** Listener worker thread numbers printed in the thread column. */
  thread: number;
}

type AgentState = 'off' | 'notReady' | 'available';

interface AgentTrack {
  t: number;
  seq: number;
  agent: EceAgent;
  state: AgentState;
  since: number;
  shiftEnd: number;
  httpSession: string;
}

export interface AgentStreamOptions {
  seed: string;
  start: number;
  /** Window length, ms: shifts are laid out over it. */
  window: number;
  world: World;
}

export class AgentStream {
  private readonly rng: Rng;
  private readonly heap = new MinHeap<AgentTrack>();
  private seq = 0;
  private invokeId: number;
  private nextHeartbeat: number;
  private nextHealth: number;
  private loggedIn = 0;
  private thread = 2230;
  private readonly queue: AgentEvent[] = [];

  constructor(private readonly options: AgentStreamOptions) {
    this.rng = new Rng(options.seed, 'agents');
    this.invokeId = 80_000 + this.rng.int(5000);
    this.nextHeartbeat = options.start + 7_500;
    this.nextHealth = options.start + 30_003;
    for (const agent of options.world.eceAgents) {
      const first =
        agent.index === 0 ? options.start + 120_000 : options.start + this.rng.next() * options.window * 0.25;
      this.heap.push({ t: first, seq: this.seq++, agent, state: 'off', since: first, shiftEnd: 0, httpSession: '' });
    }
  }

  peekTime(): number {
    this.fill();
    return this.queue[0].t;
  }

  next(): AgentEvent {
    this.fill();
    return this.queue.shift()!;
  }

  private fill(): void {
    while (this.queue.length === 0) {
      const agentT = this.heap.peek()!.t;
      const t = Math.min(agentT, this.nextHeartbeat, this.nextHealth);
      if (t === this.nextHeartbeat) {
        this.queue.push(this.event(t, 'heartbeat', undefined, [this.invokeId++], 0));
        this.nextHeartbeat += 30_000 + this.rng.int(4);
      } else if (t === this.nextHealth) {
        this.queue.push(this.event(t, 'health', undefined, [], 0));
        this.nextHealth += 60_000;
      } else this.step(this.heap.pop()!);
    }
  }

  private step(track: AgentTrack): void {
    const rng = this.rng;
    const { t } = track;
    const duration = Math.round((t - track.since) / 1000);
    switch (track.state) {
      case 'off':
        track.httpSession = rng.alnum(24);
        track.shiftEnd = t + this.options.window * (0.55 + rng.next() * 0.2);
        this.loggedIn++;
        this.queue.push(this.event(t, 'login', track, [this.invokeId++], duration));
        track.state = 'notReady';
        track.t = t + rng.range(20_000, 300_000);
        break;
      case 'notReady':
        if (t >= track.shiftEnd) {
          this.logout(track, duration);
          break;
        }
        this.queue.push(this.event(t, 'available', track, [this.invokeId++, this.invokeId++], duration));
        track.state = 'available';
        track.t = t + rng.exp(12 * 60_000) + 10_000;
        break;
      case 'available':
        if (t >= track.shiftEnd) {
          this.logout(track, duration);
          break;
        }
        this.queue.push(this.event(t, 'unavailable', track, [this.invokeId++], duration));
        track.state = 'notReady';
        track.t = t + rng.exp(4 * 60_000) + 5_000;
        break;
    }
    track.since = t;
    track.seq = this.seq++;
    this.heap.push(track);
  }

  private logout(track: AgentTrack, duration: number): void {
    this.loggedIn--;
    this.queue.push(this.event(track.t, 'logout', track, [this.invokeId++], duration));
    track.state = 'off';
    track.t += this.options.window * (0.1 + this.rng.next() * 0.2);
  }

  private event(
    t: number,
    kind: AgentEventKind,
    track: AgentTrack | undefined,
    invokeIds: number[],
    duration: number,
  ): AgentEvent {
    if (track) this.thread = 2230 + ((this.thread - 2229) % 40);
    return {
      t,
      kind,
      ...(track ? { agent: track.agent, httpSession: track.httpSession } : {}),
      invokeIds,
      loggedIn: this.loggedIn,
      duration,
      thread: this.thread,
    };
  }
}
