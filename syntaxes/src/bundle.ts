/**
 * The logs of the rest of a contact-center case bundle, one grammar per language, all built here from
 * one record skeleton (a head, then everything up to the next record) and the shared value rules:
 *
 *   CCBU line shape (Finesse, CVP, CVP reporting, CUIC, Diagnostic Framework, ICM Cisco Log):
 *     [<PRI>][seq: ][host: ]Mon DD YYYY hh:mm:ss.mmm +zzzz: %FACILITY-sev-MNEMONIC: ...
 *   JTAPI client:  9364: Nov 23 07:09:02.973 COT %JTAPI-PROTOCOL-7-UNK:(P53-...) [thread] ... {  ...  }
 *   CUCM SDL/SDI:  03797210.000 |20:21:09.338 |SdlSig   |Signal |state |to |from |... (SIP messages below)
 *   Finesse desktop client log, Tomcat access log, CVP VXML Server CSV, ICM router, VOS syslog.
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
import { anyOf, compose, matchRule, type Part } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S, SEVERITY, type Severity } from './scopes';

const r = String.raw;

const LEVELS: ReadonlyArray<{ digits: string; severity: Severity }> = [
  { digits: '[0-3]', severity: 'error' },
  { digits: '4', severity: 'warning' },
  { digits: '[56]', severity: 'info' },
  { digits: '7', severity: 'debug' },
];

/** `%CVP_10_0_SIP-7-CALL`, `%CCBU_pool-21-thread-1-6-QUEUE STATISTICS POLLING ERROR`, `%ICM_Router_CallRouter-6-10500FF`. */
function ccbuCodeRules(): Repository {
  const repo: Repository = {};
  const names: string[] = [];
  for (const { digits, severity } of LEVELS) {
    const name = `ccbu-code-${severity}`;
    names.push(name);
    repo[name] = matchRule(`Cisco message code with level ${digits}: %PRODUCT_FACILITY-LEVEL-MNEMONIC`, [
      r`(?<![\w%])`,
      {
        scope: S.messageCode,
        group: [
          { re: '%', scope: S.codePercent },
          { re: '[A-Z][A-Z0-9]{1,15}', scope: S.product },
          { re: '_{1,10}|-', scope: S.codeDash },
          // greedy: the level is the last -digit- before a mnemonic (thread names hold -21-)
          { re: r`[A-Za-z0-9][\w.\-]{0,100}`, scope: S.facility },
          { re: '-', scope: S.codeDash },
          { re: digits, scope: `${S.severityDigit} ${SEVERITY[severity]}` },
          { re: '-', scope: S.codeDash },
          {
            re: r`(?:[A-Za-z](?:(?!-\d-)[^:\r\n%]){0,120}?|[0-9A-F]{1,16})(?=:|$)`,
            scope: severity === 'error' || severity === 'warning' ? `${S.mnemonic} ${SEVERITY[severity]}` : S.mnemonic,
          },
        ],
      },
    ]);
  }
  repo['ccbu-code'] = group('Cisco message codes, one rule per severity class', names);
  return repo;
}

/** `{Thrd=pool-7-thread-3}` (CVP), `[comp=Router-A][pname=rtr]` tags (Cisco Log). */
function tagRules(): Repository {
  return {
    'cvp-thread': matchRule('CVP thread: {Thrd=name}', [
      {
        scope: S.thread,
        group: [
          { re: r`\{Thrd=`, scope: S.threadBegin },
          { re: r`[^}\r\n]{1,120}`, scope: S.threadName },
          { re: r`\}`, scope: S.threadEnd },
        ],
      },
    ]),
  };
}

/** A Java-style object body over several lines: `com.cisco.cti.protocol.NewCallEvent {` ... `}`. */
function objectBodyRules(): Repository {
  return {
    'object-body': {
      comment: 'A { } body over several lines (JTAPI CTI messages): name = value lines, never JSON',
      name: 'meta.structure.object.cisco',
      begin: r`\{[ \t]{0,8}$`,
      beginCaptures: { '0': { name: S.bracketBegin } },
      end: r`^[ \t]{0,16}\}`,
      endCaptures: { '0': { name: S.bracketEnd } },
      patterns: [include('object-field'), include('java'), include('value-tokens')],
    },
    'object-field': matchRule('name = value inside a { } body', [
      '^[ \\t]{0,16}',
      { re: r`[A-Za-z_][\w.]{0,63}`, scope: S.key },
      r`[ \t]{0,24}`,
      { re: '=', scope: S.assignment },
    ]),
  };
}

/** SIP start lines and headers inside CUCM and CVP records. */
function sipRules(): Repository {
  const METHODS = anyOf(
    'INVITE',
    'ACK',
    'BYE',
    'CANCEL',
    'OPTIONS',
    'REGISTER',
    'PRACK',
    'UPDATE',
    'REFER',
    'SUBSCRIBE',
    'NOTIFY',
    'INFO',
    'PUBLISH',
    'MESSAGE',
  );
  return {
    'sip-request': matchRule('SIP request line: METHOD sip:uri SIP/2.0', [
      '^',
      { re: METHODS, scope: S.httpMethod },
      r`[ \t]{1,4}`,
      { re: r`sips?:[^\s]{1,512}`, scope: S.url },
      r`[ \t]{1,4}`,
      { re: r`SIP/2\.0`, scope: S.protocol },
    ]),
    'sip-status': matchRule('SIP status line: SIP/2.0 code reason', [
      '^',
      { re: r`SIP/2\.0`, scope: S.protocol },
      r`[ \t]{1,4}`,
      { re: r`\d{3}`, scope: S.statusCode },
      { optional: true, group: [r`[ \t]{1,4}`, { re: r`[^\r\n]{1,120}`, scope: S.statusReason }] },
    ]),
    'sip-header': matchRule('SIP header name at the start of a line: Via:, Call-ID:, CSeq:', [
      '^',
      {
        re: r`(?:Via|From|To|Call-ID|CSeq|Contact|Max-Forwards|Content-Length|Content-Type|Allow|Supported|User-Agent|Session-Expires|Min-SE|Date|Expires|Allow-Events|Remote-Party-ID|P-Asserted-Identity|Diversion|Call-Info|Require|Record-Route|Route|Reason)`,
        scope: S.key,
      },
      { re: ':', scope: S.punctuation },
    ]),
  };
}

const BODY = ['embedded-xml', 'embedded-json', 'ccbu-code', 'cvp-thread', 'java', 'key-value', 'value-tokens'];

interface Variant {
  name: string;
  scopeName: string;
  comment: string;
  /** Regex (no captures) a record's first line starts with. */
  recordStart: string;
  head: Part[];
  /** Rules tried before the shared body rules. */
  extra?: string[];
  /** Leave out embedded JSON (bodies whose `{` ends a line are not JSON). */
  noJson?: boolean;
}

function grammarOf(v: Variant): Grammar {
  const { regex, captures } = compose(['^', ...v.head]);
  const until = untilNextRecord(v.recordStart);
  const body = [...(v.extra ?? []), ...BODY.filter((b) => !(v.noJson && b === 'embedded-json'))];
  const repository: Repository = {
    ...ccbuCodeRules(),
    ...tagRules(),
    ...objectBodyRules(),
    ...sipRules(),
    ...valueRules(),
    ...javaRules(),
    record: {
      comment: 'One log record: its head, then everything up to the next record',
      name: S.record,
      begin: regex,
      beginCaptures: captures,
      while: until,
      patterns: [include('body')],
    },
    'embedded-xml': embeddedXml(until),
    'embedded-json': embeddedJson(until),
    body: group('Everything that can appear in a record, first rule first at equal positions', body),
  };
  return {
    name: v.name,
    scopeName: v.scopeName,
    comment: v.comment,
    patterns: [include('record'), include('body')],
    repository,
  };
}

// ---- heads ---------------------------------------------------------------------------------------

const CCBU_START = r`(?:<\d{1,3}>)?(?:\d{1,12}:[ \t]{1,4})?(?:(?:${R.IPV4}|${R.HOSTNAME}):[ \t]{1,4})?${R.MONTH}[ \t]{1,2}${R.DAY}[ \t]{1,2}${R.YEAR}[ \t]{1,2}${R.TIME_MS}`;

const ccbuHead: Part[] = [
  { optional: true, group: [{ re: r`<\d{1,3}>`, scope: S.constant }] },
  {
    optional: true,
    group: [{ re: r`\d{1,12}`, scope: S.sequence }, { re: ':', scope: S.punctuation }, r`[ \t]{1,4}`],
  },
  {
    optional: true,
    group: [
      r`(?:`,
      { re: R.IPV4, scope: S.ipAddress },
      '|',
      { re: R.HOSTNAME, scope: S.host },
      ')',
      { re: ':', scope: S.punctuation },
      r`[ \t]{1,4}`,
    ],
  },
  {
    scope: S.timestamp,
    group: [
      `${R.MONTH}[ \\t]{1,2}${R.DAY}[ \\t]{1,2}${R.YEAR}[ \\t]{1,2}${R.TIME_MS}`,
      { optional: true, group: [r`[ \t]{1,4}`, { re: R.ZONE_OFFSET + '|' + R.ZONE_ABBR, scope: S.timezone }] },
    ],
  },
  { re: ':', scope: S.punctuation, optional: true },
];

function ccbu(languageName: string, scope: string, product: string): Grammar {
  return grammarOf({
    name: languageName,
    scopeName: scope,
    comment: `${product}: [seq: ][host: ]timestamp offset: %FACILITY-LEVEL-MNEMONIC: message`,
    recordStart: CCBU_START,
    head: ccbuHead,
  });
}

const JTAPI_START = R.UCCX_RECORD_START;
const jtapiHead: Part[] = [
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
];

const SDL_START = r`\d{8}\.\d{3}[ \t]\|`;
const sdlHead: Part[] = [
  { re: r`\d{8}\.\d{3}`, scope: S.sequence },
  r`[ \t]`,
  { re: r`\|`, scope: S.fieldSeparator },
  { re: R.TIME_MS, scope: S.timestamp },
  r`[ \t]`,
  { re: r`\|`, scope: S.fieldSeparator },
  { re: r`(?:SdlErr|SdlExc|AlarmErr|AppErr)(?=[ \t|])`, scope: SEVERITY.error, optional: true },
  { re: r`(?:SdlSig(?:-[IO])?|Created|Stopped)(?=[ \t|])`, scope: SEVERITY.debug, optional: true },
  { re: r`(?:AppInfo|SdlInfo|AlarmInfo)(?=[ \t|])`, scope: SEVERITY.info, optional: true },
  r`[ \t]{0,8}`,
  { re: r`\|`, scope: S.fieldSeparator },
  {
    optional: true,
    group: [{ re: r`[A-Z][A-Za-z0-9_]{1,60}(?=[ \t]{0,60}\|)`, scope: S.messageType }],
  },
];

const DESKTOP_START = r`\d{4}-\d{2}-\d{2}T${R.TIME_MS}[ \t]?[+-]\d{2}:\d{2}:[ \t]`;
const desktopHead: Part[] = [
  // the browser's clock: a date, not the record's timestamp (the server's, further on)
  {
    scope: S.date,
    group: [r`\d{4}-\d{2}-\d{2}T${R.TIME_MS}[ \t]?`, { re: R.ZONE_OFFSET, scope: S.timezone }],
  },
  { re: ':', scope: S.punctuation },
  r`[ \t]`,
  // the client id; some releases leave it empty (`+00:00: : host:`)
  { optional: true, group: [{ re: r`[0-9A-Fa-f]{4,16}`, scope: S.constant }] },
  { re: ':', scope: S.punctuation },
  r`[ \t]`,
  { re: R.HOSTNAME, scope: S.host },
  { re: ':', scope: S.punctuation },
  r`[ \t]`,
  {
    scope: S.timestamp,
    group: [
      `${R.MONTH}[ \\t]{1,2}${R.DAY}[ \\t]{1,2}${R.YEAR}[ \\t]{1,2}${R.TIME_MS}`,
      r`[ \t]{1,4}`,
      { re: R.ZONE_OFFSET, scope: S.timezone },
    ],
  },
  { re: ':', scope: S.punctuation },
  { optional: true, group: [r`[ \t]{1,4}`, { re: r`[A-Za-z][\w.\-]{0,60}`, scope: S.component }] },
];

const ACCESS_START = r`[\w.:\-]{1,64}[ \t]`;
const accessHead: Part[] = [
  { re: r`[\w.:\-]{1,64}`, scope: S.ipAddress },
  { optional: true, group: [r`[ \t]`, { re: r`(?:\d{1,3}\.){3}\d{1,3}|[\w.:]{2,64}(?=[ \t]-)`, scope: S.ipAddress }] },
  r`[ \t]\S{1,64}[ \t]`,
  { re: r`\S{1,128}`, scope: S.value },
  { optional: true, group: [r`[ \t]`, { re: r`\d{1,5}(?=[ \t])`, scope: S.integer }] },
  {
    optional: true,
    group: [
      r`[ \t]`,
      {
        scope: S.timestamp,
        group: [
          r`\[\d{2}/${R.MONTH}/\d{4}:${R.TIME_S}(?:\.\d{3})?`,
          r`[ \t]`,
          { re: r`[+-]\d{4}`, scope: S.timezone },
          r`\]`,
        ],
      },
    ],
  },
  r`[ \t]"?`,
  { re: anyOf('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'), scope: S.httpMethod },
  r`[ \t]`,
  { re: r`/[^\s"]{0,2047}`, scope: S.url },
  {
    optional: true,
    group: [
      r`[ \t]`,
      { re: r`HTTP/\d(?:\.\d)?`, scope: S.protocol },
      r`"?`,
      { optional: true, group: [r`[ \t]`, { re: r`\d{3}(?=[ \t]|$)`, scope: S.statusCode }] },
    ],
  },
];

const VXML_START = r`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{10,14}\.\d{1,10}[.,]`;
const vxmlHead: Part[] = [
  { re: r`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{10,14}\.\d{1,10}`, scope: S.hexId },
  { optional: true, group: [r`\.`, { re: r`[\w\-]{1,80}`, scope: S.component }] },
  { re: ',', scope: S.fieldSeparator },
  {
    optional: true,
    group: [
      { re: r`[^,\r\n]{1,200}`, scope: S.value },
      { re: ',', scope: S.fieldSeparator },
      { re: r`\d{1,6}`, scope: S.integer },
      { re: ',', scope: S.fieldSeparator },
      { re: r`\d{1,4}`, scope: S.integer },
      { re: ',', scope: S.fieldSeparator },
      { re: r`[\w\-]{1,80}`, scope: S.component },
      { re: ',', scope: S.fieldSeparator },
    ],
  },
  { re: r`\d{2}/\d{2}/\d{4}[ \t]${R.TIME_S}(?:\.\d{3})?`, scope: S.timestamp },
  {
    optional: true,
    group: [
      { re: ',', scope: S.fieldSeparator },
      { re: r`[^,\r\n]{0,200}`, scope: S.method },
      { re: ',', scope: S.fieldSeparator },
      { re: r`[a-z_]{2,20}`, scope: S.lineType },
      { re: ',', scope: S.fieldSeparator },
      { re: r`[^,\r\n]{0,200}`, scope: S.key },
      { optional: true, group: [{ re: ',', scope: S.fieldSeparator }] },
    ],
  },
];

const ROUTER_START = r`(?:\d{2}/\d{2}/\d{4}[ \t])?${R.ICM_TIME}[ \t]|Events[ \t]from[ \t]`;
const routerHead: Part[] = [
  r`(?:`,
  {
    scope: S.heading,
    group: [r`Events[ \t]{1,4}from[ \t]{1,4}`, { re: r`[^\r\n]{1,120}`, scope: S.date }],
  },
  '|',
  { optional: true, group: [{ re: r`\d{2}/\d{2}/\d{4}`, scope: S.date }, r`[ \t]`] },
  { re: R.ICM_TIME, scope: S.timestamp },
  r`[ \t]{1,8}`,
  {
    scope: S.processName,
    group: [
      { re: r`[A-Za-z0-9]{1,31}`, scope: S.instance },
      { re: '-', scope: S.processDash },
      { re: r`[A-Za-z0-9_]{1,32}`, scope: S.process },
    ],
  },
  r`[ \t]{1,8}`,
  { re: r`Trace|Info|Event`, scope: SEVERITY.trace, optional: true },
  { re: r`Warning|Warn`, scope: SEVERITY.warning, optional: true },
  { re: r`Error|Fail|Failure`, scope: SEVERITY.error, optional: true },
  { re: ':', scope: S.levelColon },
  {
    optional: true,
    group: [
      r`[ \t]{1,4}`,
      {
        scope: S.brackets,
        group: [
          r`\(`,
          { re: r`\d{1,10}[ \t]x[ \t]\d{1,10}(?:[ \t]:[ \t]\d{1,10}[ \t]\d{1,10})?`, scope: S.constant },
          r`\)`,
        ],
      },
    ],
  },
  ')',
];

const VOS_START = r`${R.MONTH}[ \t]{1,2}${R.DAY}[ \t]${R.TIME_S}[ \t]`;
const vosHead: Part[] = [
  { re: `${R.MONTH}[ \\t]{1,2}${R.DAY}[ \\t]${R.TIME_S}`, scope: S.timestamp },
  r`[ \t]`,
  { re: R.HOSTNAME, scope: S.host },
  r`[ \t]`,
  { re: r`[a-z0-9]{2,12}`, scope: S.component },
  r`[ \t]`,
  { re: r`[0-7]`, scope: S.severityDigit },
  r`[ \t]`,
  { re: ':', scope: S.punctuation },
];

export function bundleGrammars(): Array<{ languageId: string; grammar: Grammar; json?: boolean }> {
  return [
    { languageId: 'cisco-finesse', grammar: ccbu('Cisco Finesse log', 'text.log.cisco.finesse', 'Finesse') },
    { languageId: 'cisco-cvp', grammar: ccbu('Cisco CVP Call Server log', 'text.log.cisco.cvp', 'CVP Call Server') },
    {
      languageId: 'cisco-cvp-reporting',
      grammar: ccbu('Cisco CVP Reporting Server log', 'text.log.cisco.cvp-reporting', 'CVP Reporting Server'),
    },
    { languageId: 'cisco-cuic', grammar: ccbu('Cisco CUIC log', 'text.log.cisco.cuic', 'CUIC') },
    {
      languageId: 'cisco-ucce-diagfw',
      grammar: ccbu('UCCE Diagnostic Framework log', 'text.log.cisco.ucce-diagfw', 'Diagnostic Framework'),
    },
    {
      languageId: 'cisco-icm-ciscolog',
      grammar: ccbu('UCCE/ICM Cisco Log format', 'text.log.cisco.icm-ciscolog', 'ICM Cisco Log'),
    },
    {
      languageId: 'cisco-jtapi',
      grammar: grammarOf({
        name: 'Cisco JTAPI client log',
        scopeName: 'text.log.cisco.jtapi',
        comment: 'JTAPI: seq: timestamp zone %JTAPI-FACILITY-LEVEL-MNEMONIC:(provider) [thread] message { body }',
        recordStart: JTAPI_START,
        head: jtapiHead,
        extra: ['object-body'],
        noJson: true,
      }),
    },
    {
      languageId: 'cisco-cucm',
      grammar: grammarOf({
        name: 'Cisco Unified CM SDL/SDI trace',
        scopeName: 'text.log.cisco.cucm',
        comment: 'CUCM: line number |time |tag |columns..., SIP messages on the lines below',
        recordStart: SDL_START,
        head: sdlHead,
        extra: ['sip-request', 'sip-status', 'sip-header'],
      }),
    },
    {
      languageId: 'cisco-finesse-desktop',
      grammar: grammarOf({
        name: 'Cisco Finesse desktop client log',
        scopeName: 'text.log.cisco.finesse-desktop',
        comment: 'Finesse desktop: browser stamp: client: host: server stamp: component: message',
        recordStart: DESKTOP_START,
        head: desktopHead,
      }),
    },
    {
      languageId: 'cisco-tomcat-access',
      grammar: grammarOf({
        name: 'Tomcat access log',
        scopeName: 'text.log.cisco.tomcat-access',
        comment: 'Tomcat access: client server ident user [port] [[stamp]] METHOD url protocol status bytes ms',
        recordStart: ACCESS_START,
        head: accessHead,
      }),
    },
    {
      languageId: 'cisco-cvp-vxml',
      grammar: grammarOf({
        name: 'Cisco CVP VXML Server activity and call log',
        scopeName: 'text.log.cisco.cvp-vxml',
        comment: 'CVP VXML Server CSV: session,time,element,category,action,description',
        recordStart: VXML_START,
        head: vxmlHead,
      }),
    },
    {
      languageId: 'cisco-icm-router',
      grammar: grammarOf({
        name: 'UCCE/ICM router trace',
        scopeName: 'text.log.cisco.icm-router',
        comment: 'Router dumplog: time node-rtr Trace: (call context) message',
        recordStart: ROUTER_START,
        head: routerHead,
      }),
    },
    {
      languageId: 'cisco-vos',
      grammar: grammarOf({
        name: 'Cisco VOS platform syslog',
        scopeName: 'text.log.cisco.vos',
        comment: 'VOS syslog: Mon DD hh:mm:ss host facility severity : application line',
        recordStart: VOS_START,
        head: vosHead,
      }),
    },
  ];
}
