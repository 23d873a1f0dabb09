/**
 * Browser console export of the bubble chat widget:
 *
 *   Mon Aug 06 2018 09:33:34 GMT+0530 (India Standard Time):CISCO_BUBBLE_CHAT:Feedback submitted ... ccp-chat-components.js:1:14634
 *   GET https://sm-fqdn/ccp/bubblechat?wid=1[HTTP/1.1 200 OK 289ms]
 *   { "feedId": "100000", ... }
 */
import { embeddedJson, group, include, javaRules, valueRules, type Repository } from './common';
import { anyOf, matchRule } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S, SEVERITY } from './scopes';

const r = String.raw;

const HTTP_STATUS_CLASSES = [
  { digits: '[12]\\d\\d', severity: SEVERITY.info, label: '1xx/2xx (fine)' },
  { digits: '3\\d\\d', severity: SEVERITY.warning, label: '3xx (redirect)' },
  { digits: '[45]\\d\\d', severity: SEVERITY.error, label: '4xx/5xx (failed)' },
];

function consoleRules(): Repository {
  const repo: Repository = {
    'console-line': matchRule('Line start: JavaScript Date string with zone name, then the widget component tag', [
      '^',
      {
        scope: S.timestamp,
        group: [
          `${R.WEEKDAY}[ \\t]${R.MONTH}[ \\t]${R.DAY}[ \\t]${R.YEAR}[ \\t]${R.TIME_S}`,
          {
            optional: true,
            group: [
              r`[ \t]`,
              {
                scope: S.timezone,
                group: [R.GMT_OFFSET, r`(?:[ \t]\([A-Za-z][A-Za-z .'-]{0,63}\))?`],
              },
            ],
          },
        ],
      },
      {
        optional: true,
        group: [
          { re: ':', scope: S.punctuation },
          {
            optional: true,
            group: [
              { re: r`[A-Z][A-Z0-9_]{0,63}`, scope: S.component },
              { re: ':', scope: S.punctuation },
            ],
          },
        ],
      },
    ]),
    'http-request': matchRule('Network request line: method before the URL', [
      r`(?<![\w])`,
      { re: anyOf('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'), scope: S.httpMethod },
      r`[ \t]{1,4}(?=(?:https?|wss?)://)`,
    ]),
    'source-reference': matchRule('Script location the console adds at the end: ccp-chat-components.js:1:14634', [
      r`(?<![\w./-])`,
      {
        scope: S.sourceReference,
        group: [
          { re: r`[\w.-]{1,128}\.(?:js|mjs|cjs|ts|jsx|tsx|html?)`, scope: S.sourceFile },
          { re: ':', scope: S.punctuation },
          { re: r`\d{1,9}`, scope: S.line },
          {
            optional: true,
            group: [
              { re: ':', scope: S.punctuation },
              { re: r`\d{1,9}`, scope: S.column },
            ],
          },
        ],
      },
      r`(?![\w])`,
    ]),
  };
  const statusNames: string[] = [];
  HTTP_STATUS_CLASSES.forEach(({ digits, severity, label }, i) => {
    const name = `http-status-${i}`;
    statusNames.push(name);
    repo[name] = matchRule(`Network response [HTTP/1.1 200 OK 289ms], status ${label}`, [
      {
        scope: S.httpStatus,
        group: [
          { re: r`\[`, scope: S.bracketBegin },
          { re: r`HTTP/\d(?:\.\d)?`, scope: S.protocol },
          r`[ \t]{1,4}`,
          { re: digits, scope: `${S.statusCode} ${severity}` },
          {
            optional: true,
            group: [r`[ \t]{1,4}`, { re: r`[A-Za-z][A-Za-z' -]{0,63}?`, scope: `${S.statusReason} ${severity}` }],
          },
          {
            optional: true,
            group: [r`[ \t]{1,4}`, { re: r`\d{1,9}`, scope: S.duration }, { re: 'ms', scope: S.unit }],
          },
          { re: r`\]`, scope: S.bracketEnd },
        ],
      },
    ]);
  });
  repo['http-status'] = group('Network responses, one rule per status class', statusNames);
  return repo;
}

export function chatConsoleGrammar(): Grammar {
  const repository: Repository = {
    ...valueRules(),
    ...javaRules(),
    ...consoleRules(),
    // a JSON body continues on indented lines and closing-bracket lines; any other line is a new entry
    'embedded-json': embeddedJson(r`^(?=[ \t]|[}\]])`),
    body: group('Tokens of a console line', [
      'embedded-json',
      'http-request',
      'http-status',
      'source-reference',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco chat widget browser console',
    scopeName: 'text.log.cisco.chat-console',
    comment:
      'Browser console of the bubble chat widget: Date():CISCO_BUBBLE_CHAT:message, network lines, JSON responses',
    patterns: [include('console-line'), include('body')],
    repository,
  };
}
