/**
 * Fuzzing every decoder and every explainer over random text and mutated real records (the samples
 * and the hostile fixtures, cut, spliced, with characters changed and log syntax, controls and line
 * breaks thrown in). Properties: nothing throws, every span lies inside its text, every hover
 * renders, and its rendered Markdown holds no live element but the reveal command.
 *
 * `npm test` runs a bounded count with a fixed seed (the same inputs every run); `npm run fuzz` runs
 * many more (CC_FUZZ_RUNS, CC_FUZZ_SEED choose them; a failure prints the seed and path to replay).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { findCiscoCodes, parseCiscoCode, describeCiscoCode } from '../../server/src/decode/ciscoCode';
import { colorPresentations, findColors } from '../../server/src/decode/colors';
import { findEpochFields, readEpoch } from '../../server/src/decode/epoch';
import { decodeFlowUrl, findFlowUrls } from '../../server/src/decode/flowUrls';
import { decodeDump } from '../../server/src/decode/ged188/decodeDump';
import { tokenizeDump } from '../../server/src/decode/ged188/byteList';
import { decodeMessage } from '../../server/src/decode/ged188/walker';
import { findGregorianCalendars, parseGregorianCalendar } from '../../server/src/decode/gregorian';
import { findJavaToStringDumps, parseJavaToString } from '../../server/src/decode/javaToString/parse';
import { decodeJson } from '../../server/src/decode/json';
import { findJsonSpans } from '../../server/src/decode/json/locate';
import {
  findRttestLines,
  findRttestStates,
  parseRttestLine,
  parseRttestState,
} from '../../server/src/decode/rttestState';
import { decodeXml, findXmlSpans } from '../../server/src/decode/xml';
import { EXPLAINERS } from '../../server/src/explain';
import type { ExplainContext } from '../../server/src/explain/types';
import { hoverAt } from '../../server/src/lsp/hover';
import { modelOf } from './helpers/model';
import { liveElements } from './helpers/rendered';

const RUNS = Number(process.env.CC_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.CC_FUZZ_SEED ?? 21);
const PARAMS = { numRuns: RUNS, seed: SEED };

const ROOT = path.join(__dirname, '..', '..');
/** Real records: every non-empty line of the samples and of the hostile fixtures, and whole small files. */
const CORPUS: string[] = (() => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(log|txt)$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(ROOT, 'samples'));
  walk(path.join(ROOT, 'test', 'unit', 'fixtures', 'hostile'));
  const out: string[] = [];
  for (const f of files.sort()) {
    const text = fs.readFileSync(f, 'utf8');
    const lines = text.split('\n').filter((l) => l.trim().length > 0);
    out.push(...lines);
    // Multi-line records (pretty JSON, XML, wrapped dumps): runs of a few lines together.
    for (let i = 0; i + 6 < lines.length; i += 7) out.push(lines.slice(i, i + 6).join('\n'));
  }
  return out;
})();

/** Pieces of log syntax and of hostile payloads that mutations splice in. */
const PIECES = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '<',
  '>',
  '</',
  '/>',
  '<?xml version="1.0"?>',
  '&#13;',
  '&amp;',
  '=',
  ':',
  ',',
  ';',
  '\\',
  '\\r',
  '\\u2028',
  '%0D',
  '%0A',
  '%E2%80%A8',
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u0000',
  '\u001b[31m',
  '\u202e',
  '\t',
  '`',
  '```',
  '|',
  '![x](http://e/i.png)',
  '[l](http://e)',
  '<img src=x onerror=a()>',
  '[c](command:workbench.action.terminal.new)',
  '-> ',
  ' 0 0 0 27 0 0 0 -105 0 2 ',
  '0x',
  '-1',
  '1533528159105',
  '9999999999999999999999',
  'ContactNotification [',
  'GregorianCalendar[time=',
  'MsgType:',
  'InvokeID:0x',
  '%MIVR-SS_CHAT-7-UNK:',
  'https://uccx1.example.com/uccx-webservices/chat/config/',
  '?wid=',
  'state = [',
  'é',
  '💥',
];

const realRecord = fc.constantFrom(...CORPUS);
const piece = fc.constantFrom(...PIECES);

/** One mutation of a text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cutStart' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(piece, fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
    times: fc.integer({ min: 2, max: 50 }),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), other: realRecord }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'cut':
      return text.slice(0, at);
    case 'cutStart':
      return text.slice(at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    case 'repeat':
      return text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at);
    case 'splice':
      return text.slice(0, at) + m.other;
  }
}

/** Random text and mutated real records, both. */
const input: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
  { weight: 1, arbitrary: fc.array(piece, { maxLength: 60 }).map((p) => p.join('')) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(realRecord, fc.array(mutation, { minLength: 1, maxLength: 6 }))
      .map(([t, ms]) => ms.reduce(mutate, t)),
  },
);

function assertSpan(start: number, end: number, length: number, what: string): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: integer offsets`);
  assert.ok(start >= 0 && start <= end && end <= length, `${what}: span ${start}-${end} inside 0-${length}`);
}

function assertDecoded(d: { problems: unknown } | undefined): void {
  if (!d) return;
  assert.ok(Array.isArray(d.problems) && d.problems.every((p) => typeof p === 'string'), 'problems are strings');
}

function context(text: string): ExplainContext {
  return {
    uri: 'file:///tmp/fuzz.log',
    formatId: 'uccx_engine',
    instant: 1533528159144,
    zoneOffsetMinutes: 330,
    zoneLabel: 'IST',
    recordLine: 3,
    // A search that finds the record's own lines, as a document holding it would.
    findLines: (pattern, limit) =>
      text
        .split('\n')
        .map((t, i) => ({ uri: 'file:///tmp/fuzz.log', line: i + 3, text: t }))
        .filter((l) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(l.text))
        .slice(0, Math.max(0, limit)),
    lineText: (line) => text.split('\n')[line - 3],
  };
}

describe(`fuzz: every decoder and explainer (seed ${SEED}, ${RUNS} runs each)`, function () {
  this.timeout(Math.max(60_000, RUNS * 200));

  it('the corpus holds records of every format and the hostile samples', () => {
    assert.ok(CORPUS.length > 200, `${CORPUS.length} records`);
    assert.ok(CORPUS.some((r) => r.includes('evil.example')));
  });

  it('decoders never throw and keep their spans inside the text', () => {
    fc.assert(
      fc.property(input, (text) => {
        for (const c of findCiscoCodes(text)) {
          assertDecoded(c);
          describeCiscoCode(c.value);
        }
        assertDecoded(parseCiscoCode(text));
        for (const c of findColors(text)) {
          assertSpan(c.start, c.end, text.length, 'colour');
          colorPresentations(c);
        }
        for (const f of findEpochFields(text)) assertSpan(f.start, f.end, text.length, 'epoch');
        readEpoch('startTime', text.slice(0, 20));
        for (const u of findFlowUrls(text)) assertSpan(u.start, u.end, text.length, 'flow URL');
        assertDecoded(decodeFlowUrl(text));
        assertDecoded(decodeDump(text));
        tokenizeDump(text);
        assertDecoded(decodeMessage(Array.from(text.slice(0, 600), (ch) => ch.charCodeAt(0) & 0xff)));
        for (const g of findGregorianCalendars(text)) assertDecoded(g);
        assertDecoded(parseGregorianCalendar(text));
        for (const j of findJavaToStringDumps(text)) assertDecoded(j);
        assertDecoded(parseJavaToString(text));
        for (const s of findJsonSpans(text)) {
          assertSpan(s.start, s.end, text.length, 'JSON');
          assertDecoded(decodeJson(text, s.start, s.end));
        }
        assertDecoded(decodeJson(text));
        for (const s of findXmlSpans(text)) {
          assertSpan(s.start, s.end, text.length, 'XML');
          assertDecoded(decodeXml(text, s.start, s.end));
        }
        assertDecoded(decodeXml(text));
        for (const r of findRttestStates(text)) assertSpan(r.start, r.end, text.length, 'rttest state');
        for (const r of findRttestLines(text)) assertSpan(r.start, r.end, text.length, 'rttest line');
        assertDecoded(parseRttestState(text));
        assertDecoded(parseRttestLine(text));
      }),
      PARAMS,
    );
  });

  it('explainers never throw, keep spans inside the record, and render nothing live', () => {
    fc.assert(
      fc.property(input, (text) => {
        const ctx = context(text);
        for (const explainer of EXPLAINERS) {
          for (const m of explainer.find(text, ctx)) {
            assertSpan(m.start, m.end, text.length, explainer.id);
            const markdown = m.render(ctx);
            assert.equal(typeof markdown, 'string');
            assert.deepEqual(liveElements(markdown), [], `${explainer.id} rendered a live element`);
          }
        }
      }),
      PARAMS,
    );
  });

  it('hovers over mutated records of every format, record heads included, render nothing live', () => {
    const formats = ['uccx_engine', 'uccx_admin', 'socialminer', 'ece', 'icm_trace', 'icm_tools', 'chat_console'];
    fc.assert(
      fc.property(input, fc.constantFrom(...formats), fc.nat(), (text, formatId, seed) => {
        const model = modelOf(text, formatId, { settingsYear: 2018 });
        for (let k = 0; k < 4 && model.lines.count > 0; k++) {
          const line = (seed + k * 7) % model.lines.count;
          const length = model.lines.lineText(line).length;
          const character = length === 0 ? 0 : (seed * (k + 1)) % (length + 1);
          const hover = hoverAt('file:///tmp/fuzz.log', model, { line, character }, EXPLAINERS);
          if (!hover) continue;
          const markdown = (hover.contents as { value: string }).value;
          assert.deepEqual(liveElements(markdown), [], `${formatId} ${line}:${character}`);
        }
      }),
      PARAMS,
    );
  });
});
