/**
 * The log documents the editor has open, each with its record model, rebuilt when its text changes.
 * The format comes from the document's language, or from sniffing when the language says nothing.
 *
 * A model is built in steps of a few milliseconds with the event loop free in between, so a 100 MB
 * document never holds the server for the third of a second its whole model takes. A request about
 * one position (hover, definition, references) does not wait for it: it is answered from a model of
 * the lines around that position, which holds the same records there.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseWindowUri } from '../../../protocol/largeFiles';
import type { CompiledFormat } from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';
import { detectFormat } from '../formats/sniff';
import { ModelBuilder, textBasis, type LogModel, type ModelOptions, type TextBasis } from '../model/logModel';
import { stripBom } from '../model/textDecoding';
import type { TimeOptions } from '../time/options';
import { timeOptionsOf, type Settings } from './settings';

interface Entry {
  version: number;
  settingsKey: string;
  text: string;
  options: ModelOptions;
  /** Worked out once for the text, shared by its whole model and its windows. */
  basis: TextBasis;
  /** The whole document's model, once built. */
  model?: LogModel;
  /** The build under way, shared by every request waiting for it. */
  building?: Promise<LogModel>;
  /** A model of the lines around the last position asked about, while the whole one is built. */
  window?: LogModel;
  /** Requests waiting for the whole build. */
  waiting: number;
}

/** What the request handlers ask of the document models. */
export type DocumentModels = Pick<LogModels, 'get' | 'near' | 'instantsAt' | 'answer'>;

/** Time one build step may take before the event loop gets a turn (requests in between wait no longer). */
const STEP_MS = 2;
/** Lines classified between two looks at the clock. */
const STEP_LINES = 1000;
/** A build nobody waits for runs once no request was answered for this long. */
const QUIET_MS = 20;
/** Longest a build waits in a row for requests that do not need it (one waiting on a slow search, say). */
const MAX_GIVE_WAY_MS = 100;
/** How long no request may have been answered before the deferred work of a large document's opening starts. */
const QUIET_AFTER_OPEN_MS = 150;
/** Longest that work waits for requests (a folding request waits for a whole model, for example). */
const MAX_QUIET_WAIT_MS = 3000;
/** Documents shorter than this are modelled at once: their whole build takes less than a window's. */
const WINDOW_MIN_CHARS = 4 << 20;
/**
 * Documents from this many characters on are large: what their opening needs but their first
 * requests do not (indexing, problems) waits until those requests are answered (`whenQuiet`).
 */
export const LARGE_DOCUMENT_CHARS = WINDOW_MIN_CHARS;
/** Lines classified each way around a position, and how far from a window's edge a position may be. */
const WINDOW_RADIUS = 1500;
const WINDOW_MARGIN = 750;
/** Lines above a line looked at for the head of its record when dating it before the whole model is built. */
const DATING_LINES_ABOVE = 200;

export class LogModels {
  private readonly cache = new Map<string, Entry>();
  /** Requests being answered (see `answer`), and when the last one was. */
  private answering = 0;
  private lastAnswered = -Infinity;

  constructor(
    private readonly registry: () => FormatRegistry,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    /** The days of the document's case with their years, for year-less logs (see `model/caseYear.ts`). */
    private readonly caseDaysFor?: (uri: string) => TimeOptions['caseDays'],
  ) {}

  /** The model of the whole document. */
  async get(doc: TextDocument): Promise<LogModel> {
    const entry = await this.entry(doc);
    if (entry.model) return entry.model;
    entry.building ??= this.build(doc.uri, entry);
    entry.waiting++;
    try {
      return await entry.building;
    } finally {
      entry.waiting--;
    }
  }

  /**
   * Answers a request. Whole-model builds in the background give way to requests that do not wait
   * for them: a hover that reads lines from disk gets the event loop back after each read instead
   * of after a build step.
   */
  async answer<T>(fn: () => Promise<T> | T): Promise<T> {
    this.answering++;
    try {
      return await fn();
    } finally {
      this.answering--;
      this.lastAnswered = performance.now();
    }
  }

  /**
   * Resolves once no request has been answered for `quietMs` and none is being answered (at the
   * earliest after `quietMs`, so that requests sent right after a `didOpen` are read first), or after
   * `maxMs` whatever happens. Work a large document's opening needs but its first requests do not
   * (indexing it, its problems) waits for this: on two cores it would otherwise take the CPU those
   * requests need.
   */
  async whenQuiet(quietMs = QUIET_AFTER_OPEN_MS, maxMs = MAX_QUIET_WAIT_MS): Promise<void> {
    const began = performance.now();
    let wait = quietMs;
    for (;;) {
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
      const now = performance.now();
      if (now - began >= maxMs) return;
      const since = now - this.lastAnswered;
      if (this.answering === 0 && since >= quietMs) return;
      wait = Math.min(maxMs - (now - began), this.answering > 0 ? quietMs : quietMs - since);
    }
  }

  /**
   * A model that holds the records around `line`: the whole document's once built, otherwise one of
   * the lines around it (the whole build goes on meanwhile). Documents whose records depend on lines
   * far above (dumplog date headers, mixed formats) always get the whole model.
   */
  async near(doc: TextDocument, line: number): Promise<LogModel> {
    const entry = await this.entry(doc);
    if (entry.model) return entry.model;
    if (entry.text.length < WINDOW_MIN_CHARS) return this.get(doc);
    entry.building ??= this.build(doc.uri, entry);
    const w = entry.window;
    const inside = (edge: number, end: number) => edge === end || Math.abs(line - edge) >= WINDOW_MARGIN;
    if (
      w &&
      line >= w.covered.from &&
      line < w.covered.to &&
      inside(w.covered.from, 0) &&
      inside(w.covered.to, entry.basis.lines.count)
    )
      return w;
    const builder = ModelBuilder.window(
      entry.text,
      entry.options,
      { from: line - WINDOW_RADIUS, to: line + WINDOW_RADIUS + 1 },
      entry.basis,
    );
    if (!builder) return entry.building;
    builder.step(Infinity);
    entry.window = builder.model();
    return entry.window;
  }

  /**
   * Instants (ms UTC, NaN when unknown) of the records holding `lines`. Before the whole model is
   * built, each record is read from the lines just above its line (a record whose head is further
   * up stays undated), so a hover does not wait for a 100 MB document to be modelled.
   */
  async instantsAt(doc: TextDocument, lines: readonly number[]): Promise<number[]> {
    const entry = await this.entry(doc);
    const whole = entry.model ?? (entry.text.length < WINDOW_MIN_CHARS ? await this.get(doc) : undefined);
    return lines.map((line) => {
      let model = whole;
      if (!model) {
        const builder = ModelBuilder.window(
          entry.text,
          entry.options,
          { from: line - DATING_LINES_ABOVE, to: line + 1 },
          entry.basis,
        );
        if (!builder) return NaN;
        builder.step(Infinity);
        model = builder.model();
      }
      const r = model.recordAt(line);
      return r < 0 ? NaN : model.instantOf(r);
    });
  }

  private async entry(doc: TextDocument): Promise<Entry> {
    const settings = await this.settingsFor(doc.uri);
    const key = JSON.stringify(settings);
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsKey === key) return cached;
    const text = stripBom(doc.getText());
    const options: ModelOptions = {
      registry: this.registry(),
      ...withFormat(this.formatFor(doc)),
      ...timeOptionsOf(settings),
      ...withCaseDays(this.caseDaysFor?.(doc.uri)),
      ...withDate(fileDate(doc.uri)),
    };
    const entry: Entry = {
      version: doc.version,
      settingsKey: key,
      text,
      options,
      basis: textBasis(text, options),
      waiting: 0,
    };
    this.cache.set(doc.uri, entry);
    return entry;
  }

  /**
   * Whether a build waits: while requests that do not wait for it are answered, and, when no request
   * waits for it, while requests keep coming (each step would delay the next one of a burst).
   */
  private givesWay(entry: Entry): boolean {
    if (this.answering > entry.waiting) return true;
    return entry.waiting === 0 && performance.now() - this.lastAnswered < QUIET_MS;
  }

  /** Builds the whole model in steps; a build whose document changed or closed meanwhile stops where it is. */
  private async build(uri: string, entry: Entry): Promise<LogModel> {
    try {
      const builder = new ModelBuilder(entry.text, entry.options, undefined, entry.basis);
      for (;;) {
        for (let waited = 0; this.givesWay(entry) && waited < MAX_GIVE_WAY_MS; waited += 2) {
          await new Promise<void>((resolve) => setTimeout(resolve, 2));
        }
        const began = performance.now();
        while (!builder.step(STEP_LINES) && performance.now() - began < STEP_MS);
        if (builder.done || this.cache.get(uri) !== entry) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const model = builder.model();
      if (builder.done) {
        entry.model = model;
        entry.window = undefined;
      }
      return model;
    } finally {
      // A build that failed is tried again by the next request rather than failing them all.
      entry.building = undefined;
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  formatFor(doc: TextDocument): CompiledFormat | undefined {
    const byLanguage = this.registry().byLanguage(doc.languageId);
    if (byLanguage) return byLanguage;
    // A slice of the whole text: asking for a range would first index every line of a 100 MB document.
    const sample = doc.getText().slice(0, 65_536);
    return detectFormat(this.registry(), doc.uri, sample)?.format;
  }
}

function withFormat(format: CompiledFormat | undefined): { format?: CompiledFormat } {
  return format ? { format } : {};
}

function withCaseDays(days: TimeOptions['caseDays']): { caseDays?: TimeOptions['caseDays'] } {
  return days ? { caseDays: days } : {};
}

function withDate(date: Date | undefined): { fileDate?: Date } {
  return date ? { fileDate: date } : {};
}

function fileDate(uri: string): Date | undefined {
  const file = parseWindowUri(uri)?.fileUri ?? uri; // a window onto a large file: that file's date
  if (!file.startsWith('file:')) return undefined;
  try {
    return fs.statSync(fileURLToPath(file)).mtime;
  } catch {
    return undefined;
  }
}
