import * as assert from 'node:assert/strict';
import { findGregorianCalendars, parseGregorianCalendar } from '../../server/src/decode/gregorian';
import { gregorianExplainer } from '../../server/src/explain/gregorian';
import { javaToStringExplainer } from '../../server/src/explain/javaToString';
import type { ExplainContext } from '../../server/src/explain/types';
import { TRDR_RECORD as TRDR } from './fixtures/seedRecords';
import { assertInert, plainAnyEscape as plain } from './helpers/markdown';
import { exerciseOnHugeInput, assertTotalOnRandomText } from './helpers/explain';

const ctx: ExplainContext = {
  uri: 'file:///logs/Cisco001MIVR045.log',
  recordLine: 0,
  instant: Date.UTC(2018, 7, 6, 4, 3, 34, 299),
  zoneOffsetMinutes: 330,
  zoneLabel: 'IST',
  findLines: () => [],
  lineText: () => undefined,
};

describe('GregorianCalendar decoder', () => {
  it('reads the TRDR rating time across the wrapped lines, typo included', () => {
    const [cal] = findGregorianCalendars(TRDR);
    assert.deepEqual(cal.problems, []);
    const v = cal.value;
    assert.equal(TRDR.slice(v.start, v.start + 28), 'java.util.GregorianCalendar[');
    assert.equal(v.end, TRDR.length);
    assert.equal(v.time, 1533528214299);
    assert.equal(v.zoneId, 'GMT');
    assert.equal(v.zoneRawOffsetMs, 0);
    assert.equal(v.lenient, true);
    assert.equal(v.areFieldsSet, true);
    assert.deepEqual(v.fields, {
      ERA: 1,
      YEAR: 2018,
      MONTH: 7,
      WEEK_OF_YEAR: 32,
      WEEK_OF_MONTH: 2,
      DAY_OF_MONTH: 6,
      DAY_OF_YEAR: 218,
      DAY_OF_WEEK: 2,
      DAY_OF_WEEK_IN_MONTH: 1,
      AM_PM: 0,
      HOUR: 4,
      HOUR_OF_DAY: 4,
      MINUTE: 3,
      SECOND: 34,
      MILLISECOND: 299,
      ZONE_OFFSET: 0,
      DST_OFFSET: 0,
    });
    assert.equal(v.fieldsInstant, 1533528214299);
  });

  it('reports fields that disagree with time=', () => {
    const [cal] = findGregorianCalendars(
      TRDR.replace('MINUTE=3', 'MINUTE=4').replace('DAY_OF_WEEK=2,', 'DAY_OF_WEEK=3,'),
    );
    assert.deepEqual(cal.problems, [
      'expected the fields to give time=1533528214299 (2018-08-06 04:03:34.299 UTC+00:00), found 2018-08-06 04:04:34.299 UTC+00:00 (2018-08-06T04:04:34.299Z)',
      'expected DAY_OF_WEEK=2 (Monday) for 2018-8-6, found 3',
    ]);
  });

  it('applies ZONE_OFFSET and DST_OFFSET in the cross-check', () => {
    const kolkata =
      'java.util.GregorianCalendar[time=1533528214299,areFieldsSet=true,lenient=true,zone=sun.util.calendar.ZoneInfo[id="Asia/Kolkata",offset=19800000,dstSavings=0,useDaylight=false,transitions=7,lastRule=null],' +
      'YEAR=2018,MONTH=7,DAY_OF_MONTH=6,DAY_OF_WEEK=2,AM_PM=0,HOUR=9,HOUR_OF_DAY=9,MINUTE=33,SECOND=34,MILLISECOND=299,ZONE_OFFSET=19800000,DST_OFFSET=0]';
    const cal = parseGregorianCalendar(kolkata);
    assert.ok(cal);
    assert.deepEqual(cal.problems, []);
    assert.equal(cal.value.zoneId, 'Asia/Kolkata');
    assert.equal(cal.value.fieldsInstant, 1533528214299);
  });

  it('keeps a calendar cut off by the end of the record', () => {
    const cut = TRDR.slice(0, TRDR.indexOf('YEAR=2018'));
    const [cal] = findGregorianCalendars(cut);
    assert.equal(cal.value.time, 1533528214299);
    assert.equal(cal.value.closed, false);
    assert.equal(cal.value.fields.YEAR, undefined);
    assert.deepEqual(cal.problems, ["expected ']' to close GregorianCalendar, found end of text"]);
  });

  it('treats ? fields as not computed and survives text between the lines', () => {
    const broken = TRDR.replace('ERA=1,\n', 'ERA=1,\n```\n\n').replace('WEEK_OF_YEAR=32', 'WEEK_OF_YEAR=?');
    const [cal] = findGregorianCalendars(broken);
    assert.equal(cal.value.fields.YEAR, 2018);
    assert.equal(cal.value.fields.WEEK_OF_YEAR, undefined);
    assert.deepEqual(cal.problems, []);
  });

  it('ignores other classes and text without a calendar', () => {
    assert.deepEqual(findGregorianCalendars('FooCalendar[a=1] and ratingTime=null'), []);
    assert.equal(parseGregorianCalendar('ContactEvent [operation=ADD]'), undefined);
  });
});

describe('GregorianCalendar explainer', () => {
  it('keeps log text inert in the hover', () => {
    const evil =
      'java.util.GregorianCalendar[time=1533528214299,lenient=<img src=x>,zone=sun.util.calendar.ZoneInfo[id="<a href=x>[y](command:z)",offset=0],YEAR=2018,MONTH=7,DAY_OF_MONTH=6,HOUR_OF_DAY=4,MINUTE=3,SECOND=34,MILLISECOND=299,ZONE_OFFSET=0,DST_OFFSET=0]';
    const [m] = gregorianExplainer.find(evil, ctx);
    const md = m.render(ctx);
    assertInert(md);
    assert.match(plain(md), /\| Calendar's zone \| <a href=x>\[y\]\(command:z\), UTC\+00:00 \|/);
  });

  it('renders the rating time in UTC, IST, the calendar zone and the field check', () => {
    const matches = gregorianExplainer.find(TRDR, ctx);
    assert.equal(matches.length, 1);
    const text = plain(matches[0].render(ctx));
    assert.match(text, /^\*\*Java calendar\*\* `java\.util\.GregorianCalendar` `time=1533528214299`/);
    assert.match(text, /\| UTC \| 2018-08-06T04:03:34\.299Z \|/);
    assert.match(text, /\| Line's zone, IST \(UTC\+05:30\) \| 2018-08-06 09:33:34\.299 \|/);
    assert.match(text, /\| From this line \| the same instant as this line \|/);
    assert.match(text, /\| Calendar's zone \| GMT, UTC\+00:00 \|/);
    assert.match(text, /\| Date fields \| 2018 August 6 \(MONTH=7 is 0-based\), Monday \(DAY_OF_WEEK=2\) \|/);
    assert.match(text, /\| Time fields \| 04:03:34\.299 \|/);
    assert.match(text, /\| Fields agree with time= \| yes \|/);
  });

  it('is left to itself by the Java toString explainer', () => {
    assert.deepEqual(javaToStringExplainer.find(TRDR, ctx), []);
  });

  it('never throws on random or truncated input', () => {
    assertTotalOnRandomText(
      gregorianExplainer,
      [
        'java.util.',
        'GregorianCalendar[',
        'time=',
        '1533528214299',
        'YEAR=',
        'MONTH=',
        '7',
        '?',
        ',',
        ']',
        '[',
        'zone=',
        'ZoneInfo[id="GMT"',
        '\n',
        '-',
      ],
      ctx,
    );
    for (let cut = 0; cut <= TRDR.length; cut++)
      gregorianExplainer.find(TRDR.slice(0, cut), ctx).forEach((m) => m.render(ctx));
  });

  it('finishes on 1 MB records', () => {
    const mb = 1024 * 1024;
    for (const input of [
      'Calendar['.repeat(mb / 9),
      Array.from({ length: mb }, (_, i) => 'aZ=[](),: -_%@1\n<>/'.charAt((i * 7919 + (i >> 5)) % 21)).join(''),
      'GregorianCalendar[time='.repeat(mb / 23),
      'java.util.GregorianCalendar[YEAR=1,'.repeat(mb / 35),
      TRDR.repeat(mb / TRDR.length),
    ]) {
      exerciseOnHugeInput(gregorianExplainer, input, ctx);
    }
  });
});
