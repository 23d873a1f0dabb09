/**
 * UCCX engine (MIVR) and administration (MADM) logs, and the JTAPI client log (CiscoJtapi*.log): all write
 * the same line format, so one source builds the three grammars.
 *
 *   3722751: Aug 06 09:32:39.144 IST %MIVR-SS_CHAT-7-UNK:[pool-8-thread-15] ChatSubsystemLogger: ...
 *
 * A record runs until the next line that starts with `<sequence>: <Mon> <dd> <hh:mm:ss.mmm>`; the
 * lines in between (XML bodies, GregorianCalendar dumps) belong to it.
 */
import {
  embeddedJson,
  embeddedXml,
  group,
  include,
  javaRules,
  messageCodeRules,
  untilNextRecord,
  valueRules,
  type Repository,
} from './common';
import { compose } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S } from './scopes';

const r = String.raw;

function uccxRecord(): Repository[string] {
  const { regex, captures } = compose([
    '^',
    { re: r`\d{1,12}`, scope: S.sequence },
    { re: ':', scope: S.punctuation },
    r`[ \t]{1,4}`,
    {
      scope: S.timestamp,
      group: [
        `${R.MONTH}[ \\t]{1,2}${R.DAY}[ \\t]{1,2}${R.TIME_MS}`,
        { optional: true, group: [r`[ \t]{1,4}`, { re: R.ZONE_ABBR + '|' + R.ZONE_OFFSET, scope: S.timezone }] },
      ],
    },
  ]);
  return {
    comment: 'One log record: the sequence number and timestamp, then everything up to the next record',
    name: S.record,
    begin: regex,
    beginCaptures: captures,
    while: untilNextRecord(R.UCCX_RECORD_START),
    patterns: [include('body')],
  };
}

export function uccxGrammar(variant: { name: string; scopeName: string; product: string }): Grammar {
  const repository: Repository = {
    ...messageCodeRules({ thread: true }),
    ...valueRules(),
    ...javaRules(),
    record: uccxRecord(),
    'embedded-xml': embeddedXml(untilNextRecord(R.UCCX_RECORD_START)),
    'embedded-json': embeddedJson(untilNextRecord(R.UCCX_RECORD_START)),
    body: group('Everything that can appear in a record, first rule first at equal positions', [
      'embedded-xml',
      'embedded-json',
      'message-code',
      'java',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: variant.name,
    scopeName: variant.scopeName,
    comment: `${variant.product} log lines: sequence, timestamp, %${variant.product}-FACILITY-LEVEL-MNEMONIC:[thread], then the message`,
    patterns: [include('record'), include('body')],
    repository,
  };
}
