import * as assert from 'node:assert/strict';
import {
  describeDistance,
  findEpochFields,
  formatDuration,
  formatOffset,
  formatUtc,
  formatWallClock,
  readEpoch,
  timeKeyUnit,
} from '../../server/src/decode/epoch';
import { epochExplainer } from '../../server/src/explain/epoch';
import type { ExplainContext } from '../../server/src/explain/types';
import {
  MIVR_CONTACT_NOTIFICATION as MIVR_NOTIFICATION,
  RUNTIME_NOTIFICATION_HEAD as SM_NOTIFICATION,
} from './fixtures/seedRecords';
import { assertInert, plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

/** Context of a record logged at the given UTC instant in IST (+05:30). */
function istContext(instant?: number): ExplainContext {
  const ctx: ExplainContext = {
    uri: 'file:///logs/x.log',
    recordLine: 0,
    zoneOffsetMinutes: 330,
    zoneLabel: 'IST',
    findLines: () => [],
    lineText: () => undefined,
  };
  if (instant !== undefined) ctx.instant = instant;
  return ctx;
}

// Step 10 of the bubble chat document (UCCX MADM), as one record.
const MADM_NEW_CONTACT = `7199571: Aug 06 09:32:39.079 IST %MADM-UCCX_WEBSERVICES-7-UNK:[http-bio-443-exec-7]
ServiceLogger: New incoming contact : <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<contactXML>
<author>Jayant Suneja</author>
<id>0D66B2241000016500235A740A4E5BA6</id>
<notificationTag>ccx_chat_req</notificationTag>
<publishedDate>1533528158684</publishedDate>
<sourceType>chat</sourceType>
<statusTimestamp>1533528158756</statusTimestamp>
<tags>`;

const IST_093239_079 = Date.UTC(2018, 7, 6, 4, 2, 39, 79);
const IST_093238_940 = Date.UTC(2018, 7, 6, 4, 2, 38, 940);

describe('epoch decoder', () => {
  it('recognises time keys by name and rejects counters and durations', () => {
    for (const key of [
      'publishedDate',
      'statusTimestamp',
      'statusTimeStamp',
      'enqueueTime',
      'startTime',
      'endTime',
      'lastUpdated',
      'time',
    ]) {
      assert.equal(timeKeyUnit(key), 'ms', key);
    }
    for (const key of [
      'changeStamp',
      'queueWaitDuration',
      'handlingDuration',
      'sequenceNumber',
      'ouId',
      'id',
      'update',
      'timeout',
    ]) {
      assert.equal(timeKeyUnit(key), undefined, key);
    }
    assert.equal(timeKeyUnit('loginTimeSec'), 's');
  });

  it('reads epoch milliseconds only in the plausible range, and -1 as not set', () => {
    assert.deepEqual(readEpoch('publishedDate', '1533528158684'), {
      unit: 'ms',
      instant: 1533528158684,
      notSet: false,
    });
    assert.deepEqual(readEpoch('endTime', '-1'), { unit: 'ms', notSet: true });
    assert.equal(readEpoch('startTime', '123'), undefined);
    assert.equal(readEpoch('startTime', '9999999999999'), undefined);
    assert.equal(readEpoch('startTime', '15335281586840'), undefined);
    assert.equal(readEpoch('changeStamp', '1533528158684'), undefined);
    assert.equal(readEpoch('sequenceNumber', '1533528158684'), undefined);
    assert.deepEqual(readEpoch('loginTimeSec', '1533528158'), { unit: 's', instant: 1533528158000, notSet: false });
  });

  it('finds XML elements with their whole span', () => {
    const fields = findEpochFields(MADM_NEW_CONTACT);
    assert.deepEqual(
      fields.map((f) => [f.key, f.raw, f.syntax, MADM_NEW_CONTACT.slice(f.start, f.end)]),
      [
        ['publishedDate', '1533528158684', 'xml', '<publishedDate>1533528158684</publishedDate>'],
        ['statusTimestamp', '1533528158756', 'xml', '<statusTimestamp>1533528158756</statusTimestamp>'],
      ],
    );
    assert.equal(fields[0].instant, 1533528158684);
    assert.equal(MADM_NEW_CONTACT.slice(fields[0].valueStart, fields[0].valueEnd), '1533528158684');
  });

  it('finds key=value times in Java dumps and skips changeStamp', () => {
    const fields = findEpochFields(SM_NOTIFICATION);
    assert.deepEqual(
      fields.map((f) => [f.key, f.instant]),
      [
        ['enqueueTime', 1533528158834],
        ['lastUpdated', 1527579740301],
      ],
    );
    assert.equal(SM_NOTIFICATION.slice(fields[0].start, fields[0].end), 'enqueueTime=1533528158834');
  });

  it('reports endTime=-1 as not set and ignores durations', () => {
    const fields = findEpochFields(MIVR_NOTIFICATION);
    assert.deepEqual(
      fields.map((f) => [f.key, f.raw, f.notSet]),
      [
        ['startTime', '1533528159105', false],
        ['endTime', '-1', true],
        ['statusTimeStamp', '1533528158756', false],
      ],
    );
  });

  it('finds JSON keys and never a bare number', () => {
    const json = '{"startTime": 1533528159105, "id": 1533528159105, "endTime":"1533528160000"}';
    assert.deepEqual(
      findEpochFields(json).map((f) => [f.key, f.syntax, json.slice(f.start, f.end)]),
      [
        ['startTime', 'json', '"startTime": 1533528159105'],
        ['endTime', 'json', '"endTime":"1533528160000"'],
      ],
    );
    assert.deepEqual(findEpochFields('sequence 1533528158684 at 09:32:38.684, id=1533528158684'), []);
  });

  it('formats instants, zones and distances', () => {
    assert.equal(formatUtc(1533528158684), '2018-08-06T04:02:38.684Z');
    assert.equal(formatWallClock(1533528158684, 330), '2018-08-06 09:32:38.684');
    assert.equal(formatOffset(330), '+05:30');
    assert.equal(formatOffset(-240), '-04:00');
    assert.equal(formatOffset(0), '+00:00');
    assert.equal(describeDistance(1533528158684, 1533528158764), '80 ms before this line');
    assert.equal(describeDistance(1533528160184, 1533528158684), '1.500 s after this line');
    assert.equal(describeDistance(5, 5), 'the same instant as this line');
    assert.equal(formatDuration(192_345), '3 min 12.345 s');
    assert.equal(formatDuration(7_383_000), '2 h 3 min 3 s');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h 0 min');
  });
});

describe('epoch explainer', () => {
  it('keeps log text inert in the hover', () => {
    const ctx = istContext(IST_093239_079);
    const evil =
      '<b>startTime=1533528159105</b> [x](command:ccLogs.revealLine) <publishedDate>1533528158684</publishedDate> "endTime": -1';
    const matches = epochExplainer.find(evil, ctx);
    assert.deepEqual(
      matches.map((m) => evil.slice(m.start, m.end)),
      ['startTime=1533528159105', '<publishedDate>1533528158684</publishedDate>', '"endTime": -1'],
    );
    for (const m of matches) assertInert(m.render(ctx));
  });

  it('renders publishedDate in UTC, in IST and relative to the MADM line', () => {
    const ctx = istContext(IST_093239_079);
    const [published] = epochExplainer.find(MADM_NEW_CONTACT, ctx);
    const text = plain(published.render(ctx));
    assert.match(text, /\*\*publishedDate\*\* `1533528158684`: epoch time in milliseconds/);
    assert.match(text, /\| UTC \| 2018-08-06T04:02:38\.684Z \|/);
    assert.match(text, /\| Line's zone, IST \(UTC\+05:30\) \| 2018-08-06 09:32:38\.684 \|/);
    assert.match(text, /\| From this line \| 395 ms before this line \|/);
  });

  it('renders enqueueTime relative to the SocialMiner line, whose zone is written as an offset', () => {
    const ctx = { ...istContext(IST_093238_940), zoneLabel: '+0530' };
    const [enqueue] = epochExplainer.find(SM_NOTIFICATION, ctx);
    const text = plain(enqueue.render(ctx));
    assert.match(text, /\| Line's zone, UTC\+05:30 \| 2018-08-06 09:32:38\.834 \|/);
    assert.match(text, /\| From this line \| 106 ms before this line \|/);
  });

  it('renders -1 as not set, and leaves out what the context does not know', () => {
    const bare: ExplainContext = { uri: 'file:///x', recordLine: 0, findLines: () => [], lineText: () => undefined };
    const matches = epochExplainer.find(MIVR_NOTIFICATION, bare);
    assert.match(plain(matches[1].render(bare)), /\*\*endTime\*\* `-1`: not set/);
    const start = plain(matches[0].render(bare));
    assert.match(start, /2018-08-06T04:02:39\.105Z/);
    assert.doesNotMatch(start, /Line's zone|From this line/);
  });

  it('never throws on random or truncated input, and keeps spans inside the text', () => {
    const ctx = istContext(IST_093239_079);
    assertTotalOnRandomText(
      epochExplainer,
      ['time', 'Date', 'publishedDate', '=', '>', '<', '"', ':', ' ', '-', '1533528158684', '1', '\n', '</', 'x'],
      ctx,
    );
    for (const seed of [MADM_NEW_CONTACT, SM_NOTIFICATION, MIVR_NOTIFICATION]) {
      for (let cut = 0; cut <= seed.length; cut += 7)
        epochExplainer.find(seed.slice(0, cut), ctx).forEach((m) => m.render(ctx));
    }
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    const inputs = [
      'startTime=1533528158684,'.repeat(mb / 24),
      '='.repeat(mb),
      'a'.repeat(mb) + '=1533528158684',
      '9'.repeat(mb),
      ':'.repeat(mb),
      '<publishedDate>'.repeat(mb / 15),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
    ];
    for (const input of inputs) {
      exerciseOnHugeInput(epochExplainer, input, istContext());
    }
  });
});
