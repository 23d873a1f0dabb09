import assert from 'node:assert/strict';
import fc from 'fast-check';
import { armDumpExplainer, locateArmDumps } from '../../server/src/explain/armDump';
import type { ExplainContext, LineRef } from '../../server/src/explain/types';
import {
  CTISVR_AVAILABILITY_TRACE,
  CTISVR_LOGIN_TRACE,
  LOGIN_REQ_RECORD,
  LOGIN_RESP_RECORD,
  OPC_AVAILABILITY_TRACE,
  READY_IND_RECORD,
  ROUTABLE_IND_RECORD,
} from './fixtures/ged188Samples';
import { plain } from './helpers/markdown';

const URI = 'file:///logs/eg_log_ECEAPP01_Listener.log';

/** A document as lines, searched the way the server's findLines does: nearest to the record first. */
function contextFor(
  lines: string[],
  recordLine = 0,
  uri = URI,
): ExplainContext & { searches: RegExp[]; lineReads: number[] } {
  const searches: RegExp[] = [];
  const lineReads: number[] = [];
  return {
    uri,
    recordLine,
    searches,
    lineReads,
    findLines(pattern: RegExp, limit: number): LineRef[] {
      searches.push(pattern);
      const hits: LineRef[] = [];
      lines.forEach((text, line) => {
        if (pattern.test(text)) hits.push({ uri, line, text });
      });
      hits.sort((a, b) => Math.abs(a.line - recordLine) - Math.abs(b.line - recordLine));
      return hits.slice(0, limit);
    },
    lineText: (line: number) => {
      lineReads.push(line);
      return lines[line];
    },
  };
}

const noSearch: ExplainContext = { uri: URI, recordLine: 0, findLines: () => [], lineText: () => undefined };

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected one item, found ${items.length}`);
  return items[0]!;
}

function matchText(record: string): string {
  const m = only(armDumpExplainer.find(record, noSearch));
  return record.slice(m.start, m.end);
}

function hover(record: string, ctx: ExplainContext = noSearch): string {
  return only(armDumpExplainer.find(record, ctx)).render(ctx);
}

/** Every link target in a hover: the only allowed kind is the project's reveal command. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\((?!\\)([^)]*)\)/g)].map((m) => m[1]!);
}

/** The {uri, line} a reveal link carries. */
function revealArgs(link: string): { uri: string; line: number } {
  const m = /^command:ccLogs\.revealLine\?(.*)$/.exec(link);
  assert.ok(m, link);
  return (JSON.parse(decodeURIComponent(m[1]!)) as Array<{ uri: string; line: number }>)[0]!;
}

describe('ARM dump explainer: finding dumps', () => {
  it('takes the wrapped MEDIA_LOGIN_REQ dump from the message name to its last byte', () => {
    assert.equal(
      matchText(LOGIN_REQ_RECORD),
      'MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0\n1 107 5 49 48 48 53 0',
    );
  });

  it('follows the MEDIA_LOGIN_RESP dump wrapped inside its InvokeID', () => {
    assert.equal(matchText(LOGIN_RESP_RECORD), 'MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0\n2 8 1 0 0 0 0');
  });

  it('stops one-line dumps at <@>', () => {
    assert.equal(
      matchText(ROUTABLE_IND_RECORD),
      'MAKE_AGENT_ROUTABLE_IND -> 0 0 0 16 0 0 0 -102 0 1 57 43 0 0 19 -120 0 0 25 20 0 0 0 2',
    );
    assert.equal(
      matchText(READY_IND_RECORD),
      'MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1',
    );
  });

  it('finds hex dumps after the arrow', () => {
    const record = 'x <@> Received MEDIA_LOGIN_RESP -> 00 00 00 08 00 00 00 98 00 02 08 01 00 00 00 00 <@>';
    assert.equal(matchText(record), 'MEDIA_LOGIN_RESP -> 00 00 00 08 00 00 00 98 00 02 08 01 00 00 00 00');
    assert.match(plain(hover(record)), /Bytes: hex bytes\./);
  });

  it('does not swallow the next lines once the message is complete', () => {
    const record =
      READY_IND_RECORD.replace(' <@>', '') + '\n15 items follow\n2019-08-19 13:34:09.774 GMT+0000 <@> INFO';
    assert.equal(matchText(record), 'MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1');
  });

  it('does not continue into a line that does not start with a byte', () => {
    const record = 'Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1\n2019-07-20 18:27:32.037 GMT+0000 <@> INFO';
    assert.equal(matchText(record), 'MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 0 2 8 1');
    assert.match(plain(hover(record)), /expected 35 bytes \(8-byte header \+ MessageLength 27\), found 12: 23 missing/);
  });

  it('finds several dumps in one record and none after an empty arrow', () => {
    const spans = locateArmDumps(ROUTABLE_IND_RECORD + '\n' + READY_IND_RECORD);
    assert.deepEqual(
      spans.map((s) => [s.verb, s.name]),
      [
        ['Sending', 'MAKE_AGENT_ROUTABLE_IND'],
        ['Sending', 'MAKE_AGENT_READY_IND'],
      ],
    );
    assert.deepEqual(armDumpExplainer.find('Sending MEDIA_LOGIN_REQ -> <@>', noSearch), []);
    assert.deepEqual(
      armDumpExplainer.find(
        'AgentAvailabilityStatusHandler:agentIsAvailable() MAKE_AGENT_ROUTABLE_IND to ARM',
        noSearch,
      ),
      [],
    );
  });
});

describe('ARM dump explainer: the hover', () => {
  it('shows the title, the header, the fixed and floating fields, the encoding and the footnotes', () => {
    const text = plain(hover(LOGIN_REQ_RECORD));
    assert.ok(
      text.startsWith('**Sending MEDIA_LOGIN_REQ** · MessageType 151 · 35 bytes · length ✓'),
      text.slice(0, 120),
    );
    assert.ok(text.includes('| MessageLength | 27 | 0x0000001B | 27 bytes after the 8-byte header (35 in all) |'));
    assert.ok(text.includes('| MessageType | 151 | 0x00000097 | MEDIA_LOGIN_REQ (client → CTI Server) |'));
    assert.ok(text.includes('| Field | Type | Offset (body / msg) | Value | Hex | Meaning |'));
    assert.ok(
      text.includes(
        '| InvokeID‡ | UINT | 0 / 8 | 133121 | 0x00020801 | request id chosen by the client; the answer echoes it |',
      ),
    );
    assert.ok(text.includes('| ICMAgentID‡ | INT | 8 / 16 | 5033 | 0x000013A9 |'));
    assert.ok(
      text.includes(
        '| AgentMode† | USHORT | 12 / 20 | 0 | 0x0000 | NOT ROUTABLE (per protocol 25; ROUTABLE per protocol 14) |',
      ),
    );
    assert.ok(text.includes('| IsAvailable† | BOOL | 14 / 22 | false | 0x0000 |'));
    assert.ok(text.includes('| MaxTaskLimit† | UINT | 16 / 24 | 1 | 0x00000001 |'));
    assert.ok(text.includes('| 107 | undocumented tag 107 (named AgentInfo by the CTI Server trace)† | 5 | "1005" |'));
    assert.ok(text.includes('Bytes: Java signed decimal bytes (each read as b & 0xFF).'));
    assert.ok(
      text.includes(
        'Floating fields use 1-byte tag + 1-byte length (protocol < 20): this reading consumes the message exactly.',
      ),
    );
    assert.ok(text.includes('† named only by the CTI Server trace of the same message; no public guide documents it'));
    assert.ok(!text.includes('Problems'));
  });

  it('marks a bad length and lists the problems', () => {
    const record = 'Sending MAKE_AGENT_READY_IND -> 0 0 0 14 0 0 0 -99 0 1 57 44 0 0 19 -120 0 0 25 20 0 1 9 <@>';
    const text = plain(hover(record));
    assert.ok(
      text.startsWith('**Sending MAKE_AGENT_READY_IND** · MessageType 157 · 23 bytes · length ✗ (1 extra bytes)'),
    );
    assert.ok(
      text.includes(
        '**Problems**\n- expected 22 bytes (8-byte header + MessageLength 14), found 23: 1 extra after the message',
      ),
    );
    assert.ok(text.includes('Bytes after the message: 09'));
  });

  it('says when the layout is not public and shows raw words', () => {
    const text = plain(hover('Sending MEDIA_LOGOUT_IND -> 0 0 0 12 0 0 0 -103 0 1 57 45 0 0 19 -120 0 0 25 20 <@>'));
    assert.ok(
      text.includes(
        '| unnamed UINT | UINT | 0 / 8 | 80173 | 0x0001392D | every known ARM layout starts with the InvokeID here |',
      ),
    );
    assert.ok(text.includes('The byte layout of MEDIA_LOGOUT_IND is not public'));
  });

  it('keeps links, images and HTML from the log inert', () => {
    const hostile =
      'Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 [x](command:evil) <img src=x> ![a](http://x) 0 2 8 1 0 0 19 -120 0 0 19 -87 0 0 0 0 0 0 0 1 107 5 49 48 48 53 0 <@>';
    const md = hover(hostile);
    assert.deepEqual(linkTargets(md), []);
    assert.ok(!md.includes('<img'));
    assert.ok(!/(?<!\\)!\[a/.test(md));
    assert.ok(
      plain(md).includes(
        'expected decimal byte values, found "[x](command:evil)", "<img", "src=x>" and 1 more (skipped)',
      ),
    );

    // The same text inside the message: a floating string that reads `[x](command:evil) <img src=x>`.
    const payload = [...'[x](command:evil) <img src=x> ![a](http://x)'].map((c) => c.charCodeAt(0));
    const body = [
      0,
      0,
      0,
      1,
      0,
      0,
      19,
      -120,
      0,
      0,
      19,
      -87,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      107,
      payload.length + 1,
      ...payload,
      0,
    ];
    const record = `Sending MEDIA_LOGIN_REQ -> 0 0 0 ${body.length} 0 0 0 -105 ${body.join(' ')} <@>`;
    const md2 = hover(record);
    assert.deepEqual(linkTargets(md2), []);
    assert.ok(!md2.includes('<img'));
    assert.ok(plain(md2).includes('"[x](command:evil) <img src=x> ![a](http://x)"'));
  });
});

describe('ARM dump explainer: linking partners', () => {
  // The listener log, then the CTI Server and OPC traces, as one searchable document.
  const document = [
    ...LOGIN_REQ_RECORD.split('\n'), // lines 0-4
    ...LOGIN_RESP_RECORD.split('\n'), // lines 5-8
    ROUTABLE_IND_RECORD, // 9
    READY_IND_RECORD, // 10
    ...CTISVR_LOGIN_TRACE, // 11-17
    ...CTISVR_AVAILABILITY_TRACE, // 18-23
    ...OPC_AVAILABILITY_TRACE, // 24-27
  ];

  it('links MEDIA_LOGIN_REQ to its response, verified through the wrapped InvokeID', () => {
    const ctx = contextFor(document, 0);
    const md = hover(LOGIN_REQ_RECORD, ctx);
    assert.ok(plain(md).includes('Response: MEDIA_LOGIN_RESP at [line 8]'), plain(md).slice(-300));
    const response = linkTargets(md).map(revealArgs);
    assert.deepEqual(response, [{ uri: URI, line: 7 }]);
    // The response's dump is cut after `0 0 0 8 0 0 0 -104 0`: the line after it, and only that
    // line, was read for the remaining InvokeID bytes `2 8 1` (a response with `2 8 2` is not it, below).
    assert.deepEqual(ctx.lineReads, [8]);
  });

  it('puts the ids and the partner links in a summary above the tables', () => {
    const md = plain(hover(LOGIN_REQ_RECORD, contextFor(document, 0)));
    const lines = md.split('\n');
    const response = lines.findIndex((l) => l.includes('Response: MEDIA_LOGIN_RESP at [line 8]'));
    const firstTable = lines.findIndex((l) => l.startsWith('| Header'));
    assert.ok(response > 0 && response < firstTable, `the link on line ${response}, the first table on ${firstTable}`);
    assert.ok(response <= 4, `within the first lines (line ${response})`);
    assert.match(lines.slice(0, response).join('\n'), /InvokeID .* · ICMAgentID \d+/);
  });

  it('links MEDIA_LOGIN_RESP back to its request', () => {
    const md = hover(LOGIN_RESP_RECORD, contextFor(document, 5));
    assert.ok(plain(md).includes('Request: MEDIA_LOGIN_REQ at [line 4]'));
    assert.deepEqual(linkTargets(md).map(revealArgs), [{ uri: URI, line: 3 }]);
  });

  it('does not link a response with another InvokeID', () => {
    const other = document.map((l) => (l === '2 8 1 0 0 0 0 <@>' ? '2 8 2 0 0 0 0 <@>' : l));
    assert.deepEqual(linkTargets(hover(LOGIN_REQ_RECORD, contextFor(other, 0))), []);
    const oneLine = [
      ...LOGIN_REQ_RECORD.split('\n'),
      'x <@> Received MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0 2 8 2 0 0 0 0 <@>',
      'x <@> Received MEDIA_LOGIN_RESP -> 0 0 0 8 0 0 0 -104 0 2 8 1 0 0 0 0 <@>',
    ];
    assert.deepEqual(linkTargets(hover(LOGIN_REQ_RECORD, contextFor(oneLine, 0))).map(revealArgs), [
      { uri: URI, line: 6 },
    ]);
  });

  it('links MAKE_AGENT_ROUTABLE_IND to the CTI Server and OPC trace lines with its InvokeID', () => {
    const md = hover(ROUTABLE_IND_RECORD, contextFor(document, 9));
    const text = plain(md);
    assert.ok(text.includes('Trace with InvokeID 80171: `SendARMMsg` at [line 20]'), text.slice(-400));
    assert.ok(text.includes('Trace with InvokeID 80171: `MakeAgentRoutableInd` at [line 25]'));
    assert.deepEqual(
      linkTargets(md)
        .map(revealArgs)
        .map((a) => a.line),
      [19, 24],
    );
  });

  it('links a hex InvokeID trace line and drops lines of another MRD or agent', () => {
    const lines = [
      READY_IND_RECORD,
      'MsgType:MAKE_AGENT_READY_IND (InvokeID:0x1392c MRDID:5001 ICMAgentID:5001 MakeRoutable:True )',
      'MsgType:MAKE_AGENT_READY_IND (InvokeID:0x1392c MRDID:5000 ICMAgentID:6420 MakeRoutable:True )',
      'MsgType:MAKE_AGENT_READY_IND (InvokeID:0x1392cc MRDID:5000 ICMAgentID:6420 MakeRoutable:True )',
    ];
    const md = hover(READY_IND_RECORD, contextFor(lines, 0));
    assert.ok(plain(md).includes('Trace with InvokeID 80172: `MAKE_AGENT_READY_IND` at [line 3]'));
    assert.deepEqual(linkTargets(md).map(revealArgs), [{ uri: URI, line: 2 }]);
  });

  it('links a FAILURE_RESP answering an indication', () => {
    const lines = [READY_IND_RECORD, 'x <@> Received FAILURE_RESP -> 0 0 0 8 0 0 0 -66 0 1 57 44 0 0 0 27 <@>'];
    const md = hover(READY_IND_RECORD, contextFor(lines, 0));
    assert.ok(plain(md).includes('Failure: FAILURE_RESP with the same first word at [line 2]'));
  });

  it('keeps the decoded hover when a search fails', () => {
    const ctx: ExplainContext = {
      uri: URI,
      recordLine: 0,
      findLines: () => {
        throw new Error('index not ready');
      },
      lineText: () => {
        throw new Error('index not ready');
      },
    };
    assert.ok(plain(hover(LOGIN_REQ_RECORD, ctx)).includes('| InvokeID‡ | UINT | 0 / 8 | 133121 |'));
  });
});

describe('ARM dump explainer never throws (property tests)', () => {
  const piece = fc.constantFrom(
    'Sending ',
    'Received ',
    'MEDIA_LOGIN_REQ',
    'MEDIA_LOGIN_RESP',
    'FAILURE_RESP',
    ' -> ',
    '->',
    ' <@> ',
    '\n',
    '0 ',
    '-105 ',
    '27 ',
    '0x1B ',
    'ff ',
    '107 5 49 48 48 53 0',
    ' 0 0 0 27 0 0 0 -105 0 2 8 1',
  );

  it('find and render on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const m of armDumpExplainer.find(text, noSearch)) {
          assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
          assert.equal(typeof m.render(noSearch), 'string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('find and render on text made of dump pieces, with searching', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const ctx = contextFor(text.split('\n'), 0);
        for (const m of armDumpExplainer.find(text, ctx)) {
          assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
          const md = m.render(ctx);
          for (const target of linkTargets(md)) assert.match(target, /^command:ccLogs\.revealLine\?/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the seed records cut at any point', () => {
    for (const record of [LOGIN_REQ_RECORD, LOGIN_RESP_RECORD, ROUTABLE_IND_RECORD]) {
      for (let n = 0; n <= record.length; n++) {
        const cut = record.slice(0, n);
        for (const m of armDumpExplainer.find(cut, noSearch)) assert.equal(typeof m.render(noSearch), 'string');
      }
    }
  });

  it('a huge record is read and rendered', () => {
    const record = ('Sending MEDIA_LOGIN_REQ -> ' + '0 '.repeat(5000) + '\n').repeat(40);
    const matches = armDumpExplainer.find(record, noSearch);
    assert.ok(matches.length > 0);
    matches[0]!.render(noSearch);
  });
});
