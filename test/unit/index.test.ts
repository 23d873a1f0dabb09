import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { entityAnchors, extractEntities } from '../../server/src/entities/extract';
import type { Extraction } from '../../server/src/entities/types';
import { matchHeaderAt, matchPatternAt } from '../../server/src/formats/compile';
import { builtinRegistry } from '../../server/src/formats/registry';
import { AliasGraph, MAX_GROUP } from '../../server/src/index/aliases';
import { ChunkDecoder } from '../../server/src/index/decode';
import { runIndexJob, type Extract, type IndexJobSpec, type JobSummary } from '../../server/src/index/indexer';
import { KeyTable } from '../../server/src/index/keyTable';
import { RecordSplitter, type RecordKind, type SplitOptions } from '../../server/src/index/records';
import {
  adoptSegment,
  BIRTH_BIT,
  columnLength,
  columnStart,
  findKey,
  instantAt,
  LINE_MASK,
  type SegmentPayload,
} from '../../server/src/index/segment';
import { indexSettingsFrom, DEFAULT_INDEX_SETTINGS } from '../../server/src/index/settings';
import { readSize } from '../../server/src/index/source';
import { LogModel } from '../../server/src/model/logModel';
import { samplePath, tempFolder } from './fixtures/index/helpers';

const noControl = { cancelled: () => false, gate: () => undefined };

async function indexFile(
  spec: Partial<IndexJobSpec> & { path?: string; text?: string },
  extract: Extract = extractEntities,
): Promise<{ summary: JobSummary; segments: SegmentPayload[] }> {
  const segments: SegmentPayload[] = [];
  const summary = await runIndexJob(
    { fileId: 1, fileName: spec.path ?? 'doc.log', time: {}, ...spec },
    { registry: builtinRegistry(), extract },
    (p) => segments.push(p),
    noControl,
  );
  return { summary, segments };
}

/** Postings of a job's segments as `key -> ["line:col:len(*birth)"]`. */
function postingsOf(segments: SegmentPayload[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of segments) {
    p.keys.forEach((key, k) => {
      for (let i = p.keyStart[k]; i < p.keyStart[k + 1]; i++) {
        const list = out.get(key) ?? [];
        list.push(
          `${p.lines[i] & LINE_MASK}:${columnStart(p.columns[i])}:${columnLength(p.columns[i])}${p.lines[i] & BIRTH_BIT ? '*' : ''}`,
        );
        out.set(key, list);
      }
    });
  }
  return out;
}

describe('index: key table', () => {
  it('interns keys once, finds them again and gives their text back', () => {
    const t = new KeyTable();
    const a = t.intern('contact:4B1E93C7100001650D5B1A000A301647');
    const b = t.intern('agent:icm:6420');
    const c = t.intern('agent:eceUser:Kim Min-su (김민수)');
    assert.equal(t.intern('agent:icm:6420'), b);
    assert.deepEqual([a, b, c], [0, 1, 2]);
    assert.equal(t.find('agent:icm:6420'), b);
    assert.equal(t.find('agent:icm:642'), -1);
    assert.equal(t.text(c), 'agent:eceUser:Kim Min-su (김민수)');
    assert.equal(t.size, 3);
  });

  it('keeps ids stable through growth, and searches parts of keys without case', () => {
    const t = new KeyTable();
    for (let i = 0; i < 50_000; i++) t.intern(`invokeId:${i * 7}`);
    for (let i = 0; i < 50_000; i += 997) assert.equal(t.find(`invokeId:${i * 7}`), i);
    t.intern('contact:4B1E93C7100001650D5B1A000A301647');
    assert.deepEqual(
      t.search('4b1e93c7', 10).map((id) => t.text(id)),
      ['contact:4B1E93C7100001650D5B1A000A301647'],
    );
    // A match never spans two keys.
    const u = new KeyTable();
    u.intern('mrd:12');
    u.intern('mrd:34');
    assert.deepEqual(u.search('12mrd', 5), []);
    assert.deepEqual(u.search('mrd:', 5), [0, 1]);
  });

  it('costs a few tens of bytes per key', () => {
    const t = new KeyTable();
    const n = 200_000;
    for (let i = 0; i < n; i++) t.intern(`invokeId:${100_000 + i}`);
    const perKey = t.memoryBytes() / n;
    console.log(`      key table: ${perKey.toFixed(1)} bytes per key (15-character keys)`);
    assert.ok(perKey < 64, `${perKey} bytes per key`);
  });
});

describe('index: aliases', () => {
  it('joins the names of one entity and keeps why', () => {
    const g = new AliasGraph();
    g.add(1, [{ a: 10, b: 11, why: 'ICMAgentID 6420 and AgentInfo 1005 in one MEDIA_LOGIN_REQ', line: 14 }]);
    g.add(2, [{ a: 11, b: 12, why: 'SkillTargetID 6420 and periph# 15003 in one rttest Agent line', line: 1 }]);
    assert.deepEqual(new Set(g.members(12)), new Set([10, 11, 12]));
    assert.deepEqual(g.members(13), [13]);
    const ev = g.evidence(g.members(10));
    assert.equal(ev.length, 2);
    assert.ok(ev.some((e) => e.why.includes('MEDIA_LOGIN_REQ') && e.fileId === 1 && e.line === 14));
  });

  it('forgets the links of a file that is gone, unless another file states them too', () => {
    const g = new AliasGraph();
    g.add(1, [{ a: 1, b: 2, why: 'x', line: 0 }]);
    g.add(2, [{ a: 2, b: 3, why: 'y', line: 0 }]);
    g.add(3, [{ a: 1, b: 2, why: 'x again', line: 5 }]);
    g.removeFile(2);
    assert.deepEqual(new Set(g.members(1)), new Set([1, 2]));
    assert.deepEqual(g.members(3), [3]);
    g.removeFile(1);
    assert.deepEqual(new Set(g.members(2)), new Set([1, 2]), 'file 3 still states 1-2');
    assert.equal(g.evidence([1, 2])[0].fileId, 3);
    g.removeFile(3);
    assert.deepEqual(g.members(1), [1]);
  });

  it('refuses links that would merge more keys than an entity has names', () => {
    const g = new AliasGraph();
    const links = [];
    for (let i = 1; i < MAX_GROUP + 10; i++) links.push({ a: 0, b: i, why: 'shared number', line: i });
    g.add(1, links);
    assert.equal(g.members(0).length, MAX_GROUP);
    assert.ok(g.refused >= 9);
  });
});

describe('index: chunked decoding', () => {
  const text = 'agent Kim Min-su (김민수) 😀 joined, café ✓\n';
  const bytes = Buffer.from(text.repeat(3), 'utf8');

  it('reads UTF-8 cut anywhere by chunk boundaries', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new ChunkDecoder();
      const s = d.decode(bytes.subarray(0, cut)) + d.decode(bytes.subarray(cut)) + d.decode(new Uint8Array(0), true);
      assert.equal(s, text.repeat(3), `cut at ${cut}`);
      assert.equal(d.encoding, 'utf-8');
    }
  });

  it('reads invalid UTF-8 as Latin-1 from there on, dropping no byte', () => {
    const latin = Buffer.from('Ger\u00e4t M\u00fcller\n', 'latin1');
    const d = new ChunkDecoder();
    const a = d.decode(Buffer.from('plain ascii\n'));
    const b = d.decode(latin, true);
    assert.equal(a + b, 'plain ascii\nGer\u00e4t M\u00fcller\n');
    assert.equal(d.encoding, 'latin1');
  });

  it('drops a UTF-8 byte-order mark and reads UTF-16LE after its mark', () => {
    const d = new ChunkDecoder();
    assert.equal(d.decode(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x0a]), true), 'A\n');
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hé\n', 'utf16le')]);
    const e = new ChunkDecoder();
    assert.equal(e.decode(u16.subarray(0, 3)) + e.decode(u16.subarray(3)) + e.decode(new Uint8Array(0), true), 'Hé\n');
    assert.equal(e.encoding, 'utf-16le');
  });

  it('never throws on random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), (b, cuts) => {
        const d = new ChunkDecoder();
        let at = 0;
        let out = '';
        for (const c of [...cuts].sort((x, y) => x - y)) {
          out += d.decode(b.subarray(at, Math.max(at, c)));
          at = Math.max(at, c);
        }
        out += d.decode(b.subarray(at), true);
        // Every line feed byte survives decoding (line numbers do not depend on the encoding).
        if (d.encoding !== 'utf-16le') assert.equal(out.split('\n').length, [...b].filter((x) => x === 10).length + 1);
      }),
    );
  });
});

describe('index: cutting records from a stream', () => {
  const listener = fs.readFileSync(samplePath('ece/eg_log_ECEAPP01_Listener.log'), 'utf8');
  const ctisvr = fs.readFileSync(samplePath('icm/ctisvr_190819.txt'), 'utf8');
  const ece = builtinRegistry().byId('ece')!;
  const icm = builtinRegistry().byId('icm_trace')!;

  function splitWith(
    text: string,
    format: typeof ece,
    cuts: number[],
    options: SplitOptions = {},
  ): { out: string[]; lines: number } {
    const out: string[] = [];
    const s = new RecordSplitter(
      {
        isStart: (t, a, b) => matchPatternAt(format, t, a, b) >= 0,
        isHeader: (t, a, b) => matchHeaderAt(format, t, a, b) >= 0,
      },
      {
        record: (t, l, k: RecordKind) => out.push(`${l} ${k} ${JSON.stringify(t)}`),
        header: (t, l) => out.push(`${l} header ${JSON.stringify(t)}`),
      },
      0,
      options,
    );
    let at = 0;
    for (const c of cuts) {
      s.push(text.slice(at, c));
      at = c;
    }
    s.push(text.slice(at));
    s.finish();
    return { out, lines: s.linesSeen };
  }

  function split(text: string, format = ece, cuts: number[] = []): string[] {
    return splitWith(text, format, cuts).out;
  }

  it('keeps multi-line records together and numbers their first lines', () => {
    const records = split(listener);
    const login = records.find((r) => r.includes('Sending MEDIA_LOGIN_REQ'))!;
    assert.match(login, /^11 record /);
    assert.equal(JSON.parse(login.slice(login.indexOf('"'))).split('\n').length, 5);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const whole = split(listener);
    fc.assert(
      fc.property(fc.array(fc.nat(listener.length), { maxLength: 12 }), (cuts) => {
        assert.deepEqual(
          split(
            listener,
            ece,
            [...cuts].sort((a, b) => a - b),
          ),
          whole,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('reads CRLF and lone CR line ends like LF', () => {
    const lf = split(listener);
    assert.deepEqual(split(listener.replace(/\n/g, '\r\n'), ece, [1000, 1001, 5000]), lf);
    assert.deepEqual(split(listener.replace(/\n/g, '\r')), lf);
  });

  it('hands on dumplog date headers apart from the records', () => {
    const out = split(ctisvr, icm);
    assert.match(out[0], /^0 header "Events from August 19, 2019:"/);
    assert.ok(out.slice(1).every((r) => !r.includes('Events from')));
  });

  /** The classic records (every line classified) that hold an anchor, and what the anchored splitter hands on. */
  function anchoredSplit(
    text: string,
    format: typeof ece,
    cuts: number[] = [],
  ): { all: string[]; anchored: string[]; lines: [number, number] } {
    const anchors = [...entityAnchors(format.id, format.def.entities), ...(format.headerAnchors ?? [])];
    const classic = splitWith(text, format, cuts);
    const jumped = splitWith(text, format, cuts, { anchors });
    const holds = (r: string) =>
      anchors.some((a) => JSON.parse(r.slice(r.indexOf('"'))).includes(a.replace(/\r\n/g, '\n')));
    return { all: classic.out.filter(holds), anchored: jumped.out, lines: [classic.lines, jumped.lines] };
  }

  it('with anchors, hands on exactly the records holding one, whatever the chunks and line ends', () => {
    for (const [text, format] of [
      [listener, ece],
      [ctisvr, icm],
    ] as const) {
      const whole = anchoredSplit(text, format);
      assert.ok(whole.anchored.length > 5, 'the samples hold anchors');
      assert.ok(whole.anchored.length < anchoredSplit(text, format).all.length + 1);
      assert.deepEqual(whole.anchored, whole.all);
      assert.equal(whole.lines[1], whole.lines[0]);
      if (format === icm) assert.match(whole.anchored[0], /^0 header "Events from/);
      fc.assert(
        fc.property(
          fc.array(fc.nat(text.length), { maxLength: 10 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          (cuts, eol) => {
            const t = text.replace(/\n/g, eol);
            const got = anchoredSplit(
              t,
              format,
              [...cuts].map((c) => Math.min(c, t.length)).sort((a, b) => a - b),
            );
            assert.deepEqual(got.anchored, whole.all);
            assert.deepEqual(got.lines, whole.lines);
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('with anchors, skips records that hold none, and reads a record whose anchor is on a continuation line', () => {
    const out: string[] = [];
    const s = new RecordSplitter(
      { isStart: (t, a) => t.startsWith('REC', a) },
      { record: (t, l, k) => out.push(`${l}${k[0]} ${t.replace(/\n/g, '|')}`), header: () => undefined },
      0,
      { anchors: ['ID='] },
    );
    s.push('junk\nID=0 before any record\nREC 1\nREC 2\n  more\n  ID=7\nREC 3\nREC 4 ID=9\n');
    s.push('  tail\nREC 5');
    s.finish();
    assert.deepEqual(out, ['0o junk|ID=0 before any record', '3r REC 2|  more|  ID=7', '7r REC 4 ID=9|  tail']);
    assert.equal(s.linesSeen, 10);
  });

  it('cuts records and lines that are too long, and keeps counting lines', () => {
    const out: Array<[number, RecordKind, number]> = [];
    const s = new RecordSplitter(
      { isStart: (t, a) => t.startsWith('REC', a) },
      { record: (t, l, k) => out.push([l, k, t.length]), header: () => undefined },
      0,
      { maxRecordChars: 100, maxRecordLines: 3 },
    );
    const long = 'x'.repeat(1000);
    s.push(`REC 1\na\nb\nc\nd\n${long.slice(0, 400)}`);
    s.push(`${long.slice(400)}\nREC 2\n`);
    s.finish();
    assert.deepEqual(
      out.map(([l, k]) => `${l}${k[0]}`),
      ['0r', '3p', '6r'],
    );
    // A piece may pass the limit by the line that crossed it, never more.
    assert.ok(out.every(([, , n]) => n <= 201));
    assert.equal(s.linesSeen, 7);
  });
});

describe('index: indexing a file', () => {
  it('finds the same postings reading only the records that hold an anchor as reading every record', async () => {
    for (const file of [
      'ece/eg_log_ECEAPP01_Listener.log',
      'ece/eg_log_ECEAPP01_ApplicationServer.log',
      'icm/ctisvr_190819.txt',
      'icm/opc_190819.txt',
      'icm/pg1a-agent-checks.txt',
      'socialminer/CCBU-runtime.2018-08-06T09-20-05.344.startup.log',
      'socialminer/CCBU-ccppublicapps.2018-08-06T09-20-11.105.startup.log',
      'uccx/Cisco001MADM012.log',
      'uccx/Cisco001MIVR045.log',
      'browser/console-export-2018-8-6_9-34-10.log',
    ]) {
      const every = await indexFile({ path: samplePath(file) });
      const segments: SegmentPayload[] = [];
      const summary = await runIndexJob(
        { fileId: 1, fileName: samplePath(file), path: samplePath(file), time: {} },
        { registry: builtinRegistry(), extract: extractEntities, anchors: entityAnchors },
        (p) => segments.push(p),
        noControl,
      );
      assert.ok(postingsOf(every.segments).size > 0, file);
      assert.deepEqual(postingsOf(segments), postingsOf(every.segments), file);
      assert.equal(summary.lines, every.summary.lines, file);
      assert.ok(summary.records <= every.summary.records, file);
    }
  });

  it('finds InvokeIDs with their request as birth, and columns that point at the text', async () => {
    const file = samplePath('icm/ctisvr_190819.txt');
    const { summary, segments } = await indexFile({ path: file });
    assert.equal(summary.formatId, 'icm_trace');
    assert.equal(summary.lines, fs.readFileSync(file, 'utf8').split('\n').length - 1);
    const postings = postingsOf(segments);
    const invoke = postings.get('invokeId:80230')!;
    assert.deepEqual(
      invoke.map((p) => p.split(':')[0] + (p.endsWith('*') ? '*' : '')),
      ['8*', '10'],
    );
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const p of invoke) {
      const [line, col, len] = p.replace('*', '').split(':').map(Number);
      assert.equal(lines[line].slice(col, col + len), '80230');
    }
    // The ARM agent is linked to its ECE user in the same SendARMMsg.
    const links = segments.flatMap((s) => s.links.map((l) => `${s.keys[l.a]}=${s.keys[l.b]}`));
    assert.ok(links.includes('agent:icm:6420=agent:eceUser:1005'), links.join(', '));
  });

  it('stamps postings with the record instant, using the zone-less offset setting and the header date', async () => {
    const { segments } = await indexFile({
      path: samplePath('icm/ctisvr_190819.txt'),
      time: { zonelessOffset: { minutes: 120, source: 'test' } },
    });
    const p = segments.find((s) => s.keys.includes('invokeId:80230'))!;
    const k = p.keys.indexOf('invokeId:80230');
    const seg = adoptSegment(p, new KeyTable()).segment;
    assert.ok(seg);
    const t = p.timeBase + p.times[p.keyStart[k]] * p.timeScale;
    assert.equal(new Date(t).toISOString(), '2019-08-19T13:31:52.172Z');
  });

  it('reads gzip files to the same index as the plain file', async () => {
    const tmp = tempFolder('ccidx-gz-');
    try {
      const plain = samplePath('uccx/Cisco001MIVR045.log');
      const gz = path.join(tmp.dir, 'Cisco001MIVR045.log.gz');
      fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(plain)));
      const a = await indexFile({ path: plain });
      const b = await indexFile({ path: gz, fileName: gz });
      assert.equal(b.summary.gzip, true);
      assert.equal(b.summary.formatId, 'uccx_engine');
      assert.deepEqual([...postingsOf(b.segments)], [...postingsOf(a.segments)]);
      assert.ok(postingsOf(a.segments).get('contact:4B1E93C7100001650D5B1A000A301647')!.length >= 6);
      // A truncated gzip gives what it holds, and says so.
      const cut = path.join(tmp.dir, 'cut.log.gz');
      const full = fs.readFileSync(gz);
      fs.writeFileSync(cut, full.subarray(0, Math.floor(full.length / 2)));
      const c = await indexFile({ path: cut, fileName: cut });
      assert.ok(
        c.summary.problems.some((p) => p.includes('gzip')),
        c.summary.problems.join(),
      );
      assert.ok(c.summary.lines > 0);
      // What a search of each reads, for sharing searches out: the text's length for gzip (from its trailer).
      const text = fs.readFileSync(plain);
      assert.equal(await readSize(gz, fs.statSync(gz).size), text.length);
      assert.equal(await readSize(plain, text.length), text.length);
      assert.equal(
        await readSize(cut, fs.statSync(cut).size),
        fs.statSync(cut).size,
        'a cut gzip has no trailer: its size',
      );
    } finally {
      tmp.remove();
    }
  });

  it('dates year-less stamps with a year the file states further in, as far as documents look for it', async () => {
    const tmp = tempFolder('ccidx-year-');
    try {
      // MIVR stamps print no year; this file says 2018 only after 600 KB (its GregorianCalendar dump).
      const sample = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');
      const undated = sample
        .split('\n')
        .filter(
          (l) =>
            !/YEAR=|\b(?:19|20)\d\d-\d\d-\d\d|[A-Z][a-z]{2} \d{1,2} (?:19|20)\d\d|publishedDate|statusTime|enqueueTime|startTime|lastUpdated|\btime=1\d{12}/.test(
              l,
            ),
        )
        .join('\n');
      let text = '';
      while (text.length < 600_000) text += undated + '\n';
      text += sample;
      const file = path.join(tmp.dir, 'Cisco001MIVR046.log');
      fs.writeFileSync(file, text);
      const fileDateMs = Date.UTC(2026, 0, 15);
      const { segments } = await indexFile({ path: file, fileName: file, time: { fileDateMs } });
      const years = new Set<number>();
      for (const seg of segments)
        for (let i = 0; i < seg.times.length; i++)
          if (seg.times[i] !== 0xffffffff)
            years.add(new Date(seg.timeBase + seg.times[i] * seg.timeScale).getUTCFullYear());
      assert.deepEqual([...years], [2018]);
      // The same year an open document of this text shows.
      const model = LogModel.build(text, {
        registry: builtinRegistry(),
        format: builtinRegistry().byId('uccx_engine')!,
        fileDate: new Date(fileDateMs),
      });
      assert.equal(model.timeContext.inferredYear?.year, 2018);
      // Without a year anywhere: the file's date, without waiting for more than the file.
      const { segments: plain } = await indexFile({ text: undated, time: { fileDateMs } });
      const plainYears = new Set<number>();
      for (const seg of plain)
        for (let i = 0; i < seg.times.length; i++)
          if (seg.times[i] !== 0xffffffff)
            plainYears.add(new Date(seg.timeBase + seg.times[i] * seg.timeScale).getUTCFullYear());
      assert.deepEqual([...plainYears], [2026]);
    } finally {
      tmp.remove();
    }
  });

  it('pauses within 64 KB of the sample it read before knowing the year, as between chunks', async () => {
    // 2 MB of year-less MIVR lines: the job reads all of it looking for a year before it indexes any.
    const sample = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8');
    const undated = sample
      .split('\n')
      .filter((l) => /^\d+: [A-Z][a-z]{2} \d\d /.test(l) && !/YEAR=|\b(?:19|20)\d\d-\d\d-\d\d/.test(l));
    const lines: string[] = [];
    while (lines.join('\n').length < 2_000_000) lines.push(...undated);
    const text = lines.join('\n');
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    let paused = true;
    let gates = 0;
    const segments: SegmentPayload[] = [];
    const job = runIndexJob(
      { fileId: 1, fileName: 'Cisco001MIVR047.log', time: {}, text, segmentLines: 50 },
      { registry: builtinRegistry(), extract: extractEntities },
      (p) => segments.push(p),
      { cancelled: () => false, gate: () => (paused ? (gates++, held) : undefined) },
    );
    for (let i = 0; i < 50 && gates === 0; i++) await new Promise((r) => setImmediate(r));
    assert.equal(gates, 1, 'the job reached a pause point');
    const linesBeforePause = Math.max(0, ...segments.map((s) => s.endLine));
    const piece = text.slice(0, 65_536 + 4096).split('\n').length;
    assert.ok(
      linesBeforePause > 0 && linesBeforePause <= piece,
      `${linesBeforePause} lines indexed before the pause, one piece is about ${piece}`,
    );
    paused = false;
    release();
    const summary = await job;
    assert.equal(summary.lines, lines.length);
    assert.equal(Math.max(...segments.map((s) => s.endLine)), lines.length);
  });

  it('indexes in segments that cover consecutive line ranges', async () => {
    const tmp = tempFolder('ccidx-seg-');
    try {
      const file = path.join(tmp.dir, 'Cisco001MADM013.log');
      fs.writeFileSync(file, fs.readFileSync(samplePath('uccx/Cisco001MADM012.log'), 'utf8').repeat(10));
      const { summary, segments } = await indexFile({
        path: file,
        fileName: file,
        segmentLines: 400,
        chunkBytes: 8192,
      });
      assert.ok(segments.length >= 4, `${segments.length} segments`);
      for (let i = 1; i < segments.length; i++) assert.equal(segments[i].firstLine, segments[i - 1].endLine);
      assert.equal(segments[segments.length - 1].endLine, summary.lines);
      const whole = await indexFile({ path: file, fileName: file });
      assert.deepEqual([...postingsOf(segments)].sort(), [...postingsOf(whole.segments)].sort());
      // The byte where a segment ends is where its next line starts.
      const bytes = fs.readFileSync(file);
      for (const s of segments.slice(0, -1))
        assert.equal(bytes.subarray(0, s.endByte).toString('utf8').split('\n').length - 1, s.endLine);
    } finally {
      tmp.remove();
    }
  });

  it('leaves binary files out and survives any bytes', async () => {
    const tmp = tempFolder('ccidx-bin-');
    try {
      const bin = path.join(tmp.dir, 'image.log');
      fs.writeFileSync(bin, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
      const r = await indexFile({ path: bin, fileName: bin });
      assert.match(r.summary.skipped ?? '', /binary/);
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (b) => {
          const f = path.join(tmp.dir, 'random.log');
          fs.writeFileSync(f, b);
          await indexFile({ path: f, fileName: f, chunkBytes: 97 });
        }),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 3000 }), async (text) => {
          await indexFile({ text });
        }),
        { numRuns: 40 },
      );
    } finally {
      tmp.remove();
    }
  });

  it('survives an extractor that throws or returns nonsense', async () => {
    let n = 0;
    const bad: Extract = (text) => {
      n++;
      if (n % 3 === 0) throw new Error('boom');
      return {
        occurrences: [
          { kind: 'contact', key: 'contact:X', text: 'X', start: -5, end: 2 },
          { kind: 'contact', key: 'contact:Y', text: 'Y', start: 0, end: text.length + 10 },
          { kind: 'contact', key: '', text: '', start: 0, end: 1 },
          { kind: 'contact', key: 'contact:OK', text: 'O', start: 0, end: 1 },
        ],
        links: [{ a: 'contact:OK', b: 'contact:OK', why: 'self' }],
      } as Extraction;
    };
    const { summary, segments } = await indexFile({ path: samplePath('uccx/Cisco001MIVR045.log') }, bad);
    assert.equal(summary.records, 77);
    const p = postingsOf(segments);
    assert.deepEqual([...p.keys()], ['contact:OK']);
    assert.equal(segments.flatMap((s) => s.links).length, 0);
  });

  it('resumes a grown file from its last record', async () => {
    const tmp = tempFolder('ccidx-grow-');
    try {
      const file = path.join(tmp.dir, 'Cisco001MIVR046.log');
      const lines = fs.readFileSync(samplePath('uccx/Cisco001MIVR045.log'), 'utf8').split('\n');
      fs.writeFileSync(file, lines.slice(0, 40).join('\n') + '\n');
      const first = await indexFile({ path: file, fileName: file });
      assert.equal(first.summary.lines, 40);
      fs.appendFileSync(file, lines.slice(40).join('\n'));
      const tail = await indexFile({ path: file, fileName: file, resume: first.summary.resume! });
      assert.equal(tail.summary.lines, lines.length - 1);
      const whole = await indexFile({ path: file, fileName: file });
      const merged = new Map<string, Set<string>>();
      for (const [k, v] of [...postingsOf(first.segments), ...postingsOf(tail.segments)])
        merged.set(k, new Set([...(merged.get(k) ?? []), ...v]));
      assert.deepEqual(
        [...merged].map(([k, v]) => [k, [...v].sort()]).sort(),
        [...postingsOf(whole.segments)].map(([k, v]) => [k, [...new Set(v)].sort()]).sort(),
      );
    } finally {
      tmp.remove();
    }
  });
});

describe('index: segments', () => {
  it('orders postings by global key id and finds them by binary search', () => {
    const keys = new KeyTable();
    keys.intern('zzz:first-global');
    const payload: SegmentPayload = {
      firstLine: 0,
      endLine: 10,
      endByte: 100,
      records: 3,
      keys: ['b:1', 'zzz:first-global', 'a:2'],
      keyStart: Uint32Array.from([0, 2, 3, 4]),
      lines: Uint32Array.from([1, 5, (2 | BIRTH_BIT) >>> 0, 7]),
      columns: Uint32Array.from([0, 0, 0, 0]),
      times: Uint32Array.from([0, 10, 20, 0xffffffff]),
      timeBase: 1000,
      timeScale: 1,
      links: [{ a: 0, b: 2, why: 'w', line: 1 }],
    };
    const { segment, links } = adoptSegment(payload, keys);
    assert.deepEqual([...segment.keyIds], [0, 1, 2]);
    assert.deepEqual(findKey(segment, 0), [0, 1]);
    assert.notEqual(segment.lines[0] & BIRTH_BIT, 0);
    const r = findKey(segment, keys.find('b:1'))!;
    assert.deepEqual([...segment.lines.subarray(r[0], r[1])], [1, 5]);
    assert.equal(instantAt(segment, r[0] + 1), 1010);
    assert.ok(Number.isNaN(instantAt(segment, findKey(segment, keys.find('a:2'))![0])));
    assert.equal(findKey(segment, 99), undefined);
    assert.deepEqual(links, [{ a: keys.find('b:1'), b: keys.find('a:2'), why: 'w', line: 1 }]);
  });
});

describe('index: settings', () => {
  it('takes valid values and falls back to the defaults for the rest', () => {
    const s = indexSettingsFrom({ include: ['**/*.log', 3, ''], exclude: 'nope', maxFileSizeMB: 10, maxTotalGB: -1 });
    assert.deepEqual(s.include, ['**/*.log']);
    assert.deepEqual(s.exclude, DEFAULT_INDEX_SETTINGS.exclude);
    assert.equal(s.maxFileSizeMB, 10);
    assert.equal(s.maxTotalGB, DEFAULT_INDEX_SETTINGS.maxTotalGB);
    assert.deepEqual(indexSettingsFrom(null), {
      ...DEFAULT_INDEX_SETTINGS,
      include: [...DEFAULT_INDEX_SETTINGS.include],
      exclude: [...DEFAULT_INDEX_SETTINGS.exclude],
    });
  });
});
