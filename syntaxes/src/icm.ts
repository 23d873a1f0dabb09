/**
 * ICM/UCCE process traces as printed by dumplog (ctisvr, opc, pim, router), and the output of the
 * rttest / opctest / procmon tools.
 *
 *   15:34:09:841 PG1A-opc Trace: SetAgentState: ASTID=6420 Periph#=15003 ... OldState=AS_NOT_READY
 *   rttest: agent_status /agent 6420
 *   domain: ECE_Chat (5000), state = [na-0:2,RA], 383 secs
 *
 * Every line stands alone (continuation lines carry only key = value pairs), so no rule spans lines.
 */
import { group, headingRule, include, javaRules, valueRules, type Repository } from './common';
import { anyOf, compose, matchRule } from './compose';
import type { Grammar } from './model';
import * as R from './regex';
import { S, SEVERITY, type Severity } from './scopes';

const r = String.raw;

/** dumplog event classes, by severity class. */
const ICM_LEVELS: ReadonlyArray<{ words: string[]; severity: Severity }> = [
  { words: ['Fail', 'Failure', 'Error', 'Exception'], severity: 'error' },
  { words: ['Warning', 'Warn'], severity: 'warning' },
  { words: ['Info', 'Information'], severity: 'info' },
  { words: ['Trace'], severity: 'trace' },
];

/** `cglA-ctisvr`, `PG1A-opc`, `ra-rtr`: instance name, side letter, dash, process name. */
const processNameParts = [
  {
    scope: S.processName,
    group: [
      { re: r`[A-Za-z][A-Za-z0-9]{0,15}?`, scope: S.instance },
      { re: '[ABab]', scope: S.side },
      { re: '-', scope: S.processDash },
      { re: r`[A-Za-z][A-Za-z0-9_]{0,31}`, scope: S.process },
    ],
  },
];

/** Method name right after the level: `ProcessMediaLoginReq -`, `SendARMMsg --`, `SetAgentState:`. */
const METHOD_AFTER_LEVEL = r`[A-Z][A-Za-z0-9_]{1,127}(?=[ \t]{0,4}(?:--?(?:[ \t]|$)|:(?:[ \t]|$)))`;

function traceLineRules(): Repository {
  const repo: Repository = {};
  const levelNames: string[] = [];
  for (const { words, severity } of ICM_LEVELS) {
    const name = `trace-level-${severity}`;
    levelNames.push(name);
    repo[name] = matchRule(`The event class after the process name (${words.join(', ')}) and the method it names`, [
      r`\G[ \t]{1,8}`,
      { re: anyOf(...words), scope: SEVERITY[severity] },
      { re: ':', scope: S.levelColon },
      { optional: true, group: [r`[ \t]{1,8}`, { re: METHOD_AFTER_LEVEL, scope: S.method }] },
    ]);
  }
  const { regex, captures } = compose([
    '^',
    { optional: true, group: [{ re: r`\d{2}/\d{2}(?:/\d{2,4})?`, scope: S.date }, r`[ \t]{1,4}`] },
    { re: R.ICM_TIME, scope: S.timestamp },
    r`(?![\d:])`,
    { optional: true, group: [r`[ \t]{1,8}`, ...processNameParts, r`(?![\w-])`] },
  ]);
  repo['trace-line'] = {
    comment: 'A trace line: time (hh:mm:ss:mmm), process name, event class, then the message; ends with the line',
    begin: regex,
    beginCaptures: captures,
    end: '$',
    patterns: [...levelNames.map(include), include('trace-body')],
  };
  repo['events-header'] = matchRule('dumplog date header: Events from July 20, 2019', [
    '^',
    {
      scope: S.heading,
      group: [
        r`Events[ \t]{1,4}from[ \t]{1,4}`,
        {
          re: anyOf(`${R.MONTH_NAME}[ \\t]{1,4}\\d{1,2},[ \\t]{0,4}\\d{4}`, r`\d{1,2}/\d{1,2}/\d{2,4}`, R.ISO_DATE),
          scope: S.date,
        },
        r`[^\r\n]{0,256}`,
      ],
    },
  ]);
  return repo;
}

export function icmTraceGrammar(): Grammar {
  const repository: Repository = {
    ...valueRules(),
    ...javaRules(),
    ...traceLineRules(),
    heading: headingRule(),
    'trace-body': group('Message text of a trace line and its continuation lines', [
      'message-type',
      'agent-state',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco ICM process trace',
    scopeName: 'text.log.cisco.icm-trace',
    comment: 'dumplog output: hh:mm:ss:mmm <instance><side>-<process> Trace: Method - key = value, ...',
    patterns: [include('events-header'), include('heading'), include('trace-line'), include('trace-body')],
    repository,
  };
}

// ---- rttest / opctest / procmon -------------------------------------------------------------------

const TOOLS = anyOf(
  'rttest',
  'opctest',
  'procmon',
  'dumplog',
  'ctitest',
  'nettest',
  'mdsproctest',
  'rtrtrace',
  'opctrace',
  'vrutrace',
);

function toolRules(): Repository {
  return {
    'tool-prompt': matchRule('A tool prompt with the command typed at it: rttest: agent_status', [
      '^',
      {
        scope: S.prompt,
        group: [
          { re: TOOLS, scope: S.tool },
          { re: ':', scope: S.promptPunctuation },
        ],
      },
      r`[ \t]{1,8}`,
      { re: r`[A-Za-z_][\w]{0,63}`, scope: S.command, optional: true },
    ]),
    'tool-invocation': matchRule('A tool started from the shell: opctest /cust <inst> /node PG1A', [
      '^',
      { re: TOOLS, scope: S.tool },
      r`(?=[ \t]|$)`,
    ]),
    'windows-prompt': matchRule('A Windows shell prompt and the program it starts: C:\\icm\\...>procmon', [
      '^',
      {
        scope: S.prompt,
        group: [
          { re: r`[A-Za-z]:\\[^>\r\n]{0,256}`, scope: S.path },
          { re: '>', scope: S.promptPunctuation },
        ],
      },
      { re: r`[A-Za-z][\w.-]{0,63}`, scope: S.tool, optional: true },
    ]),
    'procmon-prompt': matchRule('The procmon prompt >>>> and the command typed at it', [
      '^',
      { re: '>{2,8}', scope: `${S.prompt} ${S.promptPunctuation}` },
      { re: r`[A-Za-z_]\w{0,63}`, scope: S.command, optional: true },
    ]),
    option: matchRule('A command-line option, /agent', [
      r`(?<=[ \t])`,
      { re: r`/[A-Za-z][\w]{0,31}`, scope: S.option },
      r`(?![\w/])`,
    ]),
    placeholder: matchRule('A placeholder such as <inst>', [
      { re: '<', scope: S.promptPunctuation },
      { re: r`[A-Za-z][\w-]{0,31}`, scope: S.placeholder },
      { re: '>', scope: S.promptPunctuation },
    ]),
    'agent-line': matchRule('rttest agent header: Agent CUCM.Agent_test (6420, periph# 15003)', [
      '^',
      { re: 'Agent', scope: S.agentKeyword },
      r`[ \t]{1,4}`,
      { re: r`[^\s(),]{1,256}`, scope: S.agentName },
    ]),
    'domain-line': matchRule('rttest media routing domain line: domain: ECE_Chat (5000), state = [...]', [
      r`^[ \t]{0,16}`,
      { re: 'domain', scope: S.key },
      { re: ':', scope: S.punctuation },
      r`[ \t]{1,8}`,
      { re: r`[^\s(),]{1,256}`, scope: S.domainName },
    ]),
    'group-line': matchRule('rttest skill group lines: CL na TEST_Chat (6928, periph# 70518)', [
      r`^[ \t]{0,16}`,
      { re: anyOf('CL', 'C', 'L'), scope: S.lineType },
      r`[ \t]{1,8}`,
      { re: '[a-z]{2}', scope: S.agentState },
      r`[ \t]{1,8}`,
      { re: r`[^\s(),]{1,256}`, scope: S.groupName },
    ]),
    'rttest-state': matchRule('rttest state token [na-0:2,RA]: state, active tasks : task limit, flags', [
      {
        scope: S.rttestState,
        group: [
          { re: r`\[`, scope: S.bracketBegin },
          { re: '[a-z]{2}', scope: S.agentState },
          { re: '-', scope: S.punctuation },
          { re: r`\d{1,4}`, scope: S.integer },
          { re: ':', scope: S.punctuation },
          { re: r`\d{1,4}`, scope: S.integer },
          {
            optional: true,
            group: [
              { re: ',', scope: S.punctuation },
              { re: '[A-Z]{1,8}', scope: S.stateFlags },
            ],
          },
          { re: r`\]`, scope: S.bracketEnd },
        ],
      },
    ]),
    'periph-number': matchRule('periph# before a peripheral number', [r`(?<![\w])`, { re: 'periph#', scope: S.key }]),
  };
}

export function icmToolsGrammar(): Grammar {
  const repository: Repository = {
    ...valueRules(),
    ...javaRules(),
    ...traceLineRules(),
    ...toolRules(),
    heading: headingRule(),
    'trace-body': group('Message text of a trace line', ['message-type', 'agent-state', 'key-value', 'value-tokens']),
    'tool-body': group('Tokens of tool output lines', [
      'option',
      'placeholder',
      'rttest-state',
      'periph-number',
      'message-type',
      'agent-state',
      'key-value',
      'value-tokens',
    ]),
  };
  return {
    name: 'Cisco ICM tool output',
    scopeName: 'text.log.cisco.icm-tools',
    comment: 'rttest / opctest / procmon sessions: prompts, commands, agent and skill group state lines',
    patterns: [
      include('heading'),
      include('tool-prompt'),
      include('tool-invocation'),
      include('windows-prompt'),
      include('procmon-prompt'),
      include('agent-line'),
      include('domain-line'),
      include('group-line'),
      include('trace-line'),
      include('tool-body'),
    ],
    repository,
  };
}
