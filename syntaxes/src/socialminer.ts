/**
 * SocialMiner runtime and ccppublicapps logs:
 *
 *   0000001142: 10.78.91.166: Aug 06 2018 09:32:38.768 +0530: %CCBU__CCPPUBLICAPPS-6-CHAT_CREATED:
 *   %[Contact=<https://...>][Room=socialminer_chat.16@conference.127.0.0.1][Session=3F8B...]: Chat created
 *
 * `%[name=value][name=value]` parameter blocks may nest brackets (Java toString dumps) and run over
 * several lines; a record ends at the next line that starts with `[sequence: ]host: Mon dd yyyy time`.
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
import { compose, matchRule } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S } from './scopes';

const r = String.raw;

function socialMinerRecord(): Repository[string] {
  const { regex, captures } = compose([
    '^',
    { optional: true, group: [{ re: r`\d{1,12}`, scope: S.sequence }, { re: ':', scope: S.punctuation }, r`[ \t]{1,4}`] },
    r`(?:`,
    { re: R.IPV4, scope: S.ipAddress },
    '|',
    { re: R.HOSTNAME, scope: S.host },
    ')',
    { re: ':', scope: S.punctuation },
    r`[ \t]{1,4}`,
    {
      scope: S.timestamp,
      group: [
        `${R.MONTH}[ \\t]{1,2}${R.DAY}[ \\t]{1,2}${R.YEAR}[ \\t]{1,2}${R.TIME_MS}`,
        { optional: true, group: [r`[ \t]{1,4}`, { re: R.ZONE_OFFSET + '|' + R.ZONE_ABBR, scope: S.timezone }] },
      ],
    },
    { re: ':', scope: S.punctuation, optional: true },
  ]);
  return {
    comment: 'One log record: optional sequence, host, timestamp with offset, then everything up to the next record',
    name: S.record,
    begin: regex,
    beginCaptures: captures,
    while: untilNextRecord(R.SOCIALMINER_RECORD_START),
    patterns: [include('body')],
  };
}

function parameterRules(): Repository {
  return {
    'parameters-start': matchRule('The % that opens a %[name=value] parameter block', [
      { re: '%', scope: S.parametersPercent },
      r`(?=\[[A-Za-z_][\w.]{0,63}=)`,
    ]),
    parameter: {
      comment: '[name=value]: one parameter; the value may hold nested [..] and run over lines',
      name: S.parameter,
      begin: compose([
        { re: r`\[`, scope: S.parameterBegin },
        { re: r`[A-Za-z_][\w.]{0,63}`, scope: S.parameterName },
        { re: '=', scope: S.assignment },
      ]).regex,
      beginCaptures: compose([
        { re: r`\[`, scope: S.parameterBegin },
        { re: r`[A-Za-z_][\w.]{0,63}`, scope: S.parameterName },
        { re: '=', scope: S.assignment },
      ]).captures,
      end: r`\]`,
      endCaptures: { '0': { name: S.parameterEnd } },
      contentName: S.parameterValue,
      patterns: [include('body'), include('brackets')],
    },
    brackets: {
      comment: 'Plain [..] inside a parameter value, kept balanced so the parameter ends at its own ]',
      name: S.brackets,
      begin: r`\[`,
      beginCaptures: { '0': { name: S.bracketBegin } },
      end: r`\]`,
      endCaptures: { '0': { name: S.bracketEnd } },
      patterns: [include('body'), include('brackets')],
    },
  };
}

export function socialMinerGrammar(): Grammar {
  const repository: Repository = {
    ...messageCodeRules({ thread: false }),
    ...valueRules(),
    ...javaRules(),
    ...parameterRules(),
    record: socialMinerRecord(),
    'embedded-xml': embeddedXml(untilNextRecord(R.SOCIALMINER_RECORD_START)),
    'embedded-json': embeddedJson(untilNextRecord(R.SOCIALMINER_RECORD_START)),
    body: group('Everything that can appear in a record, first rule first at equal positions', [
      'embedded-xml',
      'embedded-json',
      'message-code',
      'parameters-start',
      'parameter',
      'java',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco SocialMiner log',
    scopeName: 'text.log.cisco.socialminer',
    comment: 'SocialMiner logs: [sequence: ]host: timestamp offset: %CCBU__FACILITY-LEVEL-MNEMONIC: %[name=value]...: message',
    patterns: [include('record'), include('body')],
    repository,
  };
}
