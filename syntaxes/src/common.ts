/**
 * Rules shared by several log grammars. Each function returns repository entries; the build keeps
 * only the entries a grammar reaches, so a family can take the whole set.
 */
import { anyOf, beginWith, compose, matchRule, type Part } from './compose';
import type { BeginWhileRule, GroupRule, IncludeRule, MatchRule, Rule } from './model';
import * as R from './regex';
import { S, SEVERITY, type Severity } from './scopes';

const r = String.raw;
export type Repository = Record<string, Exclude<Rule, IncludeRule>>;

export const include = (name: string): Rule => ({
  include: name.startsWith('#') || name.includes('.') || name.startsWith('$') ? name : `#${name}`,
});

export function group(comment: string, names: string[]): GroupRule {
  return { comment, patterns: names.map(include) };
}

// ---- severity in a Cisco message code ------------------------------------------------------------

/** Cisco syslog-style levels: 0 emergency .. 3 error, 4 warning, 5 notice, 6 informational, 7 debug. */
export const CISCO_LEVELS: ReadonlyArray<{ digits: string; severity: Severity }> = [
  { digits: '[0-3]', severity: 'error' },
  { digits: '4', severity: 'warning' },
  { digits: '[56]', severity: 'info' },
  { digits: '7', severity: 'debug' },
];

/** The mnemonic takes the severity colour only where it should catch the eye. */
function mnemonicScope(severity: Severity): string {
  return severity === 'error' || severity === 'warning' ? `${S.mnemonic} ${SEVERITY[severity]}` : S.mnemonic;
}

/**
 * `%MIVR-SS_CHAT-7-UNK`, `%CCBU_____CCPAPI-6-REST_API_INFO`, `%CCBU__CCPPUBLICAPPS-6-` (mnemonic on
 * the next line). Product and facility are joined by `-` (UCCX) or by padding underscores
 * (SocialMiner). With `thread`, the UCCX `:[thread-name]` that follows the code is part of the match.
 */
export function messageCodeRules(options: { thread: boolean }): Repository {
  const repo: Repository = {};
  const names: string[] = [];
  for (const { digits, severity } of CISCO_LEVELS) {
    const parts: Part[] = [
      {
        scope: S.messageCode,
        group: [
          { re: '%', scope: S.codePercent },
          { re: '[A-Z][A-Z0-9]{0,31}', scope: S.product },
          {
            optional: true,
            group: [
              // `-` in UCCX codes, a run of padding underscores in SocialMiner codes
              { re: '_{1,16}|-', scope: S.codeDash },
              { re: '[A-Z][A-Z0-9_]{0,63}', scope: S.facility },
            ],
          },
          { re: '-', scope: S.codeDash },
          { re: digits, scope: `${S.severityDigit} ${SEVERITY[severity]}` },
          { re: '-', scope: S.codeDash },
          { re: '[A-Za-z][A-Za-z0-9_]{0,127}', scope: mnemonicScope(severity), optional: true },
        ],
      },
    ];
    if (options.thread) {
      parts.push({
        optional: true,
        group: [
          { re: ':', scope: S.punctuation },
          {
            optional: true,
            scope: S.thread,
            group: [
              { re: r`\[`, scope: S.threadBegin },
              { re: r`[^\[\]\r\n]{1,256}`, scope: S.threadName },
              { re: r`\]`, scope: S.threadEnd },
            ],
          },
        ],
      });
    }
    const name = `message-code-${severity}`;
    repo[name] = matchRule(
      `Cisco message code with level ${digits} (${severity}): %PRODUCT[-FACILITY]-LEVEL-MNEMONIC`,
      // the code must start where a word cannot continue, so `100%` or `a%B` never start one
      [r`(?<![\w%])`, ...parts],
    );
    names.push(name);
  }
  repo['message-code'] = group('Cisco message codes, one rule per severity class', names);
  return repo;
}

// ---- values that appear anywhere -----------------------------------------------------------------

/** A property name in key=value: letters, digits, `_ . # $ -`, not ending in `.` or `-`. */
const KEY = r`[A-Za-z_][\w.#$-]{0,63}(?<![.-])`;

const stringRule: MatchRule = matchRule('A double-quoted string on one line', [
  {
    scope: S.stringDouble,
    group: [{ re: '"', scope: S.stringBegin }, r`[^"\r\n]{0,4096}`, { re: '"', scope: S.stringEnd }],
  },
]);

export function valueRules(): Repository {
  return {
    url: matchRule('A URL (http, https, ws, ftp, file)', [{ re: R.URL, scope: S.url }]),
    'angle-url': matchRule('A URL in angle brackets, <https://host/path>', [
      { re: '<', scope: S.linkBegin },
      { re: R.URL, scope: S.url },
      { re: '>', scope: S.linkEnd },
    ]),
    jid: {
      comment:
        'XMPP addresses: a chat room (local@conference.domain) with an optional /resource (the nickname), or any local@domain/resource',
      patterns: [
        matchRule('Chat room JID with optional resource', [
          r`(?<![\w.+-])`,
          {
            scope: S.jid,
            group: [R.JID_LOCAL, { re: '@', scope: S.jidAt }, R.MUC_DOMAIN],
          },
          {
            optional: true,
            group: [
              { re: '/', scope: S.jidSlash },
              { re: R.JID_RESOURCE, scope: S.jidResource },
            ],
          },
        ]),
        matchRule('user@domain/resource', [
          r`(?<![\w.+-])`,
          { scope: S.jid, group: [R.EMAIL_LOCAL, { re: '@', scope: S.jidAt }, R.EMAIL_DOMAIN] },
          { re: '/', scope: S.jidSlash },
          { re: R.JID_RESOURCE, scope: S.jidResource },
        ]),
      ],
    },
    email: matchRule('An e-mail address (or a bare XMPP user address, which looks the same)', [
      r`(?<![\w.%+-])`,
      { scope: S.email, group: [R.EMAIL_LOCAL, { re: '@', scope: S.emailAt }, R.EMAIL_DOMAIN] },
      r`(?![\w-])`,
    ]),
    guid: matchRule('A GUID such as integrationAuthTokenGUID', [{ re: R.GUID, scope: S.guid }]),
    'hex-id': matchRule('32 hex digits: a contact id or a session id; an id, not a number', [
      { re: R.HEX32_ID, scope: S.hexId },
    ]),
    'ip-address': matchRule('An IPv4 address', [{ re: R.IPV4, scope: S.ipAddress }]),
    'message-type': matchRule('A CTI/ARM message type such as MEDIA_LOGIN_REQ or MAKE_AGENT_READY_IND', [
      { re: R.MESSAGE_TYPE, scope: S.messageType },
    ]),
    'agent-state': matchRule('An ICM agent state such as AS_NOT_READY', [{ re: R.AGENT_STATE, scope: S.agentState }]),
    'snake-constant': matchRule('Other SCREAMING_SNAKE names (CISCO_BUBBLE, PRINT_STATE)', [
      { re: R.SNAKE_CONSTANT, scope: S.constant },
    ]),
    'hex-number': matchRule('A hexadecimal number, 0x44535b8', [{ re: R.HEX_NUMBER, scope: S.hexNumber }]),
    duration: matchRule('A duration with its unit, 289ms, 411 secs', [
      r`(?<![\w.-])`,
      { re: r`\d{1,12}(?:\.\d{1,6})?`, scope: S.duration },
      r`[ \t]?`,
      { re: anyOf('ms', 'msec', 'millis', 'secs?', 'sec', 'mins?'), scope: S.unit },
      r`(?![\w])`,
    ]),
    number: {
      comment: 'Decimal numbers standing alone',
      patterns: [
        matchRule('A decimal fraction', [{ re: r`(?<![\w.-])-?\d{1,20}\.\d{1,20}(?![\w.]|-\w)`, scope: S.float }]),
        matchRule('A decimal integer', [{ re: R.NUMBER, scope: S.integer }]),
      ],
    },
    'boolean-null': {
      comment: 'Java/JSON literals',
      patterns: [
        matchRule('true / false', [{ re: r`(?<![\w.$-])(?:true|false)(?![\w$-])`, scope: S.boolean }]),
        matchRule('null', [{ re: r`(?<![\w.$-])null(?![\w$-])`, scope: S.null }]),
      ],
    },
    string: stringRule,
    'value-tokens': group('Tokens that can make up a value', [
      'angle-url',
      'url',
      'jid',
      'email',
      'guid',
      'hex-id',
      'ip-address',
      'java-exception',
      'java-class',
      'message-type',
      'agent-state',
      'snake-constant',
      'hex-number',
      'duration',
      'number',
      'boolean-null',
      'string',
    ]),
    'key-value': {
      comment:
        'key=value (also key = value): the key as a property name; the value runs to the next blank, comma, bracket or = and its tokens (ids, URLs, numbers) keep their own scopes',
      ...beginWith([
        r`(?<![\w.#$-])`,
        { re: KEY, scope: S.key },
        r`[ \t]{0,4}`,
        { re: '=', scope: S.assignment },
        r`(?!=)[ \t]{0,4}`,
      ]),
      // a URL or a quoted string inside the value is matched whole before this end is tried again
      end: r`(?=[\s,;\[\]{}()<>=]|$)`,
      contentName: S.value,
      patterns: [include('value-tokens')],
    },
  };
}

// ---- Java ------------------------------------------------------------------------------------------

export function javaRules(): Repository {
  return {
    'java-stack-frame': matchRule('A Java stack frame: at package.Class.method(File.java:123)', [
      '^',
      r`[ \t]{1,16}`,
      {
        scope: S.stackFrame,
        group: [
          { re: 'at', scope: S.stackAt },
          r`[ \t]{1,4}`,
          { re: r`(?:[\w$]{1,128}\.){1,40}`, scope: S.javaClass },
          { re: r`[\w$<>]{1,128}`, scope: S.method },
          r`\(`,
          { re: r`[^()\r\n]{0,256}`, scope: S.sourceReference },
          r`\)`,
        ],
      },
    ]),
    'java-exception': matchRule('An exception or error class name, stands out like an error', [
      r`(?<![\w.$])`,
      { re: `${R.JAVA_PACKAGE_SEGMENT}{0,32}${R.EXCEPTION_CLASS}`, scope: S.exception },
      r`(?![\w$])`,
    ]),
    'java-class': matchRule('A fully qualified Java class, com.cisco...Class, with an optional @hash', [
      r`(?<![\w.$])`,
      { scope: S.javaClass, group: [{ re: R.JAVA_PACKAGE, scope: S.javaPackage }, R.JAVA_CLASS] },
      {
        optional: true,
        group: [
          { re: '@', scope: S.objectHashAt },
          { re: '[0-9a-f]{1,16}', scope: S.objectHash },
        ],
      },
      r`(?![\w$])`,
    ]),
    'java-package-at-line-end': matchRule(
      'A package path cut at the end of a line (the class name follows on the next line)',
      [
        r`(?<![\w.$])`,
        { scope: S.javaClass, group: [{ re: R.JAVA_PACKAGE, scope: S.javaPackage }] },
        r`(?=[ \t]{0,16}$)`,
      ],
    ),
    'java-class-method': matchRule('Class.method, Class:method() or Class::method', [
      r`(?<![\w.$])`,
      { re: R.JAVA_CLASS, scope: S.javaClass },
      { re: anyOf('::', ':', r`\.`, '#'), scope: S.punctuation },
      { re: R.JAVA_METHOD, scope: S.method },
      r`(?=\(|:|\s|$)`,
    ]),
    'java-method-call': matchRule('method() with empty parentheses', [
      r`(?<![\w$])`,
      { re: R.JAVA_METHOD, scope: S.method },
      { re: r`\(\)`, scope: S.punctuation },
    ]),
    'java-logger': matchRule('A logger name followed by a colon, ChatSubsystemLogger:', [
      r`(?<![\w.$])`,
      { re: r`[A-Z][A-Za-z0-9_]{0,119}Logger`, scope: S.logger },
      r`(?=[ \t]{0,4}:)`,
    ]),
    'java-method-after-logger': matchRule(
      'The method a logger names right after its colon: ChatSubsystemLogger: createXMPPSession:',
      [r`(?<=Logger:[ \t])`, { re: R.JAVA_METHOD, scope: S.method }, r`(?=:)`],
    ),
    'java-tostring-class': matchRule('The class name of a toString() dump, ContactNotification [requestId=...', [
      r`(?<![\w.$])`,
      { re: R.JAVA_CLASS, scope: S.javaClass },
      r`(?=[ \t]?\[[A-Za-z_][\w.]{0,63}=)`,
    ]),
    java: group('Java names', [
      'java-stack-frame',
      'java-exception',
      'java-class',
      'java-package-at-line-end',
      'java-class-method',
      'java-method-call',
      'java-logger',
      'java-method-after-logger',
      'java-tostring-class',
    ]),
  };
}

// ---- embedded languages --------------------------------------------------------------------------

/**
 * Opening of an XML body: a declaration, or an element name followed by `>`, `/>` or an attribute.
 * `<https://...>` and `<@>` never qualify.
 */
const XML_START = anyOf(
  r`<\?xml(?=[\s?])`,
  r`<!\[CDATA\[`,
  r`<(?![A-Za-z]{1,16}:/)[A-Za-z_][\w.-]{0,63}(?::[A-Za-z_][\w.-]{0,63})?(?:[ \t]{1,8}[A-Za-z_][\w:.-]{0,63}[ \t]{0,4}=[ \t]{0,4}["']|[ \t]{0,8}/?>)`,
);

/**
 * Opening of a JSON object: `{ "key":`, or a `{` alone on its line (pretty-printed JSON). A `{` ending a
 * line after other text (`ProviderOpenRequest {`, `= UnicodeString {`) opens a Java-style block of
 * `key = value` lines, which the JSON grammar would paint as invalid: it stays plain log text.
 */
const JSON_START = anyOf(r`\{[ \t]{0,8}"[^"\r\n]{0,256}"[ \t]{0,8}:`, r`^[ \t]{0,16}\{[ \t]{0,8}$`);

/**
 * A `begin`/`while` region: unlike `begin`/`end`, the `while` test runs at the start of every line before
 * the embedded grammar sees it, so an unclosed tag or string can never run past the entry it belongs to.
 */
export function embeddedXml(continueWhile: string): BeginWhileRule {
  return {
    comment:
      'XML body (<?xml ...?>, <contactXML>, <SocialContact>) highlighted by the XML grammar until the entry ends',
    name: S.embeddedXml,
    begin: `(?=${XML_START})`,
    while: continueWhile,
    patterns: [include('text.xml')],
  };
}

export function embeddedJson(continueWhile: string): BeginWhileRule {
  return {
    comment: 'JSON object highlighted by the JSON grammar until the entry ends',
    name: S.embeddedJson,
    begin: `(?=${JSON_START})`,
    while: continueWhile,
    patterns: [include('source.json')],
  };
}

/** `while` condition: the next line does not start a new record. */
export const untilNextRecord = (recordStart: string): string => `^(?!${recordStart})`;

// ---- layout -------------------------------------------------------------------------------------

export function headingRule(): MatchRule {
  return matchRule('A `### note` heading line placed in a saved trace', [
    '^',
    { re: '#{1,6}', scope: S.headingPunctuation },
    r`[ \t]{1,4}`,
    { re: r`[^\r\n]{1,512}`, scope: S.heading },
  ]);
}

/** Re-export for family modules that build their own composite patterns. */
export { compose };
