/**
 * Enterprise Chat and Email (ECE) logs: fields separated by `<@>`.
 *
 *   2019-07-20 18:27:31.749 GMT+0000 <@> INFO <@> [14285:listener-...-0] <@> ProcessId:4584 <@> PID:1 <@>
 *   UID:1005 <@> HttpSessionId:IrltMMd3T0prrkbhAwK8wkL5 <@> com.ipcc.listener.arm.ARMLogger <@>
 *   <@> Sending MEDIA_LOGIN_REQ -> 0 0 0 27 0 0 0 -105 ... <@>
 *
 * A record runs until the next line that starts with a date and time; the level is the word between the
 * first two separators.
 */
import {
  embeddedJson,
  embeddedXml,
  group,
  include,
  javaRules,
  untilNextRecord,
  valueRules,
  type Repository,
} from './common';
import { anyOf, compose, matchRule } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S, SEVERITY, type Severity } from './scopes';

const r = String.raw;

/** log4j level words as ECE writes them, by severity class. */
const ECE_LEVELS: ReadonlyArray<{ words: string[]; severity: Severity }> = [
  { words: ['FATAL', 'SEVERE', 'ERROR', 'CRITICAL'], severity: 'error' },
  { words: ['WARNING', 'WARN'], severity: 'warning' },
  { words: ['INFO', 'NOTICE'], severity: 'info' },
  { words: ['DEBUG'], severity: 'debug' },
  { words: ['TRACE', 'FINEST', 'FINER', 'FINE', 'ALL'], severity: 'trace' },
];

function eceRecord(): Repository[string] {
  const { regex, captures } = compose([
    '^',
    {
      scope: S.timestamp,
      group: [
        `${R.ISO_DATE}[ T]${R.TIME_MS}`,
        {
          optional: true,
          group: [r`[ \t]{1,4}`, { re: anyOf(R.GMT_OFFSET, R.ZONE_OFFSET, R.ZONE_ABBR, 'Z'), scope: S.timezone }],
        },
      ],
    },
  ]);
  return {
    comment: 'One log record: timestamp, then every line up to the next timestamped line',
    name: S.record,
    begin: regex,
    beginCaptures: captures,
    while: untilNextRecord(R.ECE_RECORD_START),
    patterns: [include('body')],
  };
}

function eceRules(): Repository {
  const repo: Repository = {};
  for (const { words, severity } of ECE_LEVELS) {
    repo[`level-${severity}`] = matchRule(`The level field (${words.join(', ')}) between two separators`, [
      { re: '<@>', scope: S.fieldSeparator },
      r`[ \t]{1,8}`,
      { re: anyOf(...words), scope: SEVERITY[severity] },
      r`(?=[ \t]{1,8}<@>)`,
    ]);
  }
  repo.level = group(
    'The level field, one rule per severity class',
    ECE_LEVELS.map((l) => `level-${l.severity}`),
  );
  repo.separator = matchRule('The <@> field separator (dim)', [{ re: '<@>', scope: S.fieldSeparator }]);
  repo.thread = matchRule('The thread field, [id:name]', [
    r`(?<=<@>[ \t])`,
    {
      scope: S.thread,
      group: [
        { re: r`\[`, scope: S.threadBegin },
        { re: r`[^\[\]\r\n]{1,256}`, scope: S.threadName },
        { re: r`\]`, scope: S.threadEnd },
      ],
    },
    r`(?=[ \t]{1,8}<@>)`,
  ]);
  repo.field = matchRule('Name:value fields between separators (ProcessId:4584, PID:1, UID:12, HttpSessionId:...)', [
    r`(?<=<@>[ \t]|^)`,
    { re: r`[A-Za-z][A-Za-z0-9_]{0,63}`, scope: S.key },
    { re: ':', scope: S.punctuation },
    r`(?:`,
    { re: r`\d{1,20}(?=[ \t]|$)`, scope: `${S.value} ${S.integer}` },
    '|',
    { re: r`[^\s<]{1,256}`, scope: S.value },
    r`)?`,
    r`(?=[ \t]{0,8}<@>|[ \t]{0,8}$)`,
  ]);
  repo['byte-dump'] = {
    comment: 'The bytes of a CTI/ARM message after ->, as signed decimal bytes; may wrap onto the next line',
    name: S.byteDump,
    begin: r`(->)(?=[ \t]{1,4}-?\d)`,
    beginCaptures: { '1': { name: S.byteArrow } },
    end: r`(?=[^\s\d-])`,
    patterns: [matchRule('One byte', [{ re: r`(?<![\w-])-?\d{1,3}(?!\w)`, scope: S.byte }])],
  };
  repo.divider = matchRule('A ===== line that ECE prints between parts of a state dump', [
    '^',
    { re: '={3,256}', scope: S.divider },
    r`[ \t]{0,64}$`,
  ]);
  return repo;
}

export function eceGrammar(): Grammar {
  const repository: Repository = {
    ...valueRules(),
    ...javaRules(),
    ...eceRules(),
    record: eceRecord(),
    'embedded-xml': embeddedXml(untilNextRecord(R.ECE_RECORD_START)),
    'embedded-json': embeddedJson(untilNextRecord(R.ECE_RECORD_START)),
    body: group('Everything that can appear in a record, first rule first at equal positions', [
      'embedded-xml',
      'embedded-json',
      'level',
      'separator',
      'thread',
      'field',
      'byte-dump',
      'divider',
      'java',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco Enterprise Chat and Email log',
    scopeName: 'text.log.cisco.ece',
    comment: 'ECE logs: timestamp zone <@> LEVEL <@> [thread] <@> Name:value ... <@> class <@> <@> message <@>',
    patterns: [include('record'), include('body')],
    repository,
  };
}
