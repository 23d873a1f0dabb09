/**
 * What every file writer shares: its budget, the loop that merges the flow it renders with its own
 * background lines in time order, and a pacer that sets how often background lines come so that
 * the writer's bytes and the simulated clock run out together.
 */
import { Timeline } from './heap';
import type { Rng } from './prng';
import type { Sink } from './sink';
import type { World } from './world';

export interface KnownPosition {
  file: string;
  line: number;
  character: number;
}

export interface Known {
  contactId: string;
  /** Chat index of the followed contact in the chat stream. */
  contactIndex: number;
  icmAgentId: number;
  /** Where writers printed the followed ids, by file. */
  contactAt: KnownPosition[];
  agentAt: KnownPosition[];
}

export interface WriterContext {
  root: string;
  seed: string;
  world: World;
  /** Start of flow A (UCCX, SocialMiner, browser) and of flow B (ECE, ICM), ms UTC. */
  startA: number;
  startB: number;
  /** Length of the simulated period, ms. */
  window: number;
  /** Bytes this writer writes. */
  budget: number;
  /** Mean time between chats, ms. */
  chatGapMs: number;
  known: Known;
}

export interface EventSource<E> {
  peekTime(): number;
  next(): E;
}

/** Runs a writer until its budget is written: the flow's events and the timeline's, in time order. */
export function runWriter<E>(
  sink: Sink,
  budget: number,
  source: EventSource<E> | undefined,
  timeline: Timeline,
  render: (e: E) => void,
): void {
  while (sink.written < budget) {
    const flowT = source ? source.peekTime() : Number.POSITIVE_INFINITY;
    if (timeline.nextTime <= flowT) {
      if (timeline.nextTime === Number.POSITIVE_INFINITY) break; // nothing left to write
      timeline.runNext();
    } else render(source!.next());
  }
  sink.close();
}

/**
 * Background traffic whose rate follows the budget: after each arrival it compares the share of the
 * budget written with the share of the simulated period gone, and slows down or speeds up.
 */
export class Pacer {
  private scale = 1;

  constructor(
    private readonly sink: Sink,
    private readonly budget: number,
    private readonly start: number,
    private readonly window: number,
    /** Expected bytes of one background arrival. */
    arrivalBytes: number,
  ) {
    this.baseGap = window / Math.max(1, budget / Math.max(1, arrivalBytes));
  }

  private readonly baseGap: number;

  /** Schedules `emit` as a Poisson process on the timeline, paced. */
  drive(timeline: Timeline, rng: Rng, first: number, emit: (t: number) => void): void {
    const tick = (t: number): void => {
      emit(t);
      timeline.at(t + this.gap(t, rng), tick);
    };
    timeline.at(first + this.gap(first, rng), tick);
  }

  gap(t: number, rng: Rng): number {
    const byBytes = this.sink.written / this.budget;
    const byTime = (t - this.start) / this.window;
    if (byBytes > byTime) this.scale = Math.min(this.scale * 1.03, 1e5);
    else this.scale = Math.max(this.scale / 1.03, 1e-4);
    return Math.max(1, rng.exp(this.baseGap * this.scale));
  }
}

/** Schedules `emit` every `period` ms (with a little jitter) from `first`. */
export function periodic(
  timeline: Timeline,
  first: number,
  period: number,
  jitter: (() => number) | undefined,
  emit: (t: number) => void,
): void {
  const tick = (t: number): void => {
    emit(t);
    timeline.at(t + period + (jitter ? jitter() : 0), tick);
  };
  timeline.at(first, tick);
}

/** The events of `inner` that `keep` accepts (one event of look-ahead). */
export function filtered<E extends { t: number }>(inner: { next(): E }, keep: (e: E) => boolean): EventSource<E> {
  let buffered: E | undefined;
  const fill = (): E => {
    while (!buffered) {
      const e = inner.next();
      if (keep(e)) buffered = e;
    }
    return buffered;
  };
  return {
    peekTime: () => fill().t,
    next: () => {
      const e = fill();
      buffered = undefined;
      return e;
    },
  };
}

export function newTimeline(): Timeline {
  return new Timeline();
}

/**
 * Notes where the id at the end of `context` stands in the first line of the record just written
 * (context defaults to the id itself; it tells a number from the same digits elsewhere in the line).
 */
export function markKnown(list: KnownPosition[], sink: Sink, id: string, context = id): void {
  const { path, line, text } = sink.lastRecord;
  const nl = text.indexOf('\n');
  const at = (nl < 0 ? text : text.slice(0, nl)).indexOf(context);
  if (at >= 0) list.push({ file: path, line, character: at + context.length - id.length });
}
