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
import { beginWith, compose, matchRule } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S } from './scopes';

const r = String.raw;

function socialMinerRecord(): Repository[string] {
  const { regex, captures } = compose([
    '^',
    {
      optional: true,
      group: [{ re: r`\d{1,12}`, scope: S.sequence }, { re: ':', scope: S.punctuation }, r`[ \t]{1,4}`],
    },
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

/**
 * How deep `[..]` nest inside a parameter value before brackets stop being tracked. Real dumps nest
 * three levels (Notification[rule=HttpNotificationRule[httpUrl=[...]]]); a fixed depth keeps the
 * tokenizer state small whatever the input.
 */
const MAX_BRACKET_DEPTH = 5;

/** What a parameter value or a nested [..] at `depth` may contain. */
function valueContent(depth: number) {
  const deeper = depth < MAX_BRACKET_DEPTH ? [`parameter-${depth + 1}`, `brackets-${depth + 1}`] : [];
  return [
    include('embedded-xml'),
    include('embedded-json'),
    include('message-code'),
    include('parameters-start'),
    ...deeper.slice(0, 1).map(include),
    include('java'),
    include('key-value'),
    include('value-tokens'),
    ...deeper.slice(1).map(include),
  ];
}

function parameterRules(): Repository {
  const repo: Repository = {
    'parameters-start': matchRule('The % that opens a %[name=value] parameter block', [
      { re: '%', scope: S.parametersPercent },
      r`(?=\[[A-Za-z_][\w.]{0,63}=)`,
    ]),
  };
  for (let depth = 1; depth <= MAX_BRACKET_DEPTH; depth++) {
    repo[`parameter-${depth}`] = {
      comment: `[name=value] at nesting depth ${depth}: one parameter; the value may hold nested [..] and run over lines`,
      name: S.parameter,
      ...beginWith([
        { re: r`\[`, scope: S.parameterBegin },
        { re: r`[A-Za-z_][\w.]{0,63}`, scope: S.parameterName },
        { re: '=', scope: S.assignment },
      ]),
      end: r`\]`,
      endCaptures: { '0': { name: S.parameterEnd } },
      contentName: S.parameterValue,
      patterns: valueContent(depth),
    };
    repo[`brackets-${depth}`] = {
      comment: `Plain [..] at nesting depth ${depth} inside a parameter value, kept balanced so the parameter ends at its own ]`,
      name: S.brackets,
      begin: r`\[`,
      beginCaptures: { '0': { name: S.bracketBegin } },
      end: r`\]`,
      endCaptures: { '0': { name: S.bracketEnd } },
      patterns: valueContent(depth),
    };
  }
  return repo;
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
      'parameter-1',
      'java',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco SocialMiner log',
    scopeName: 'text.log.cisco.socialminer',
    comment:
      'SocialMiner logs: [sequence: ]host: timestamp offset: %CCBU__FACILITY-LEVEL-MNEMONIC: %[name=value]...: message',
    patterns: [include('record'), include('body')],
    repository,
  };
}
