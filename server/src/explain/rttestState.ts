/**
 * Hovers for `rttest agent_status` output: the agent state token `[na-0:2,RA]` (state, active
 * tasks : task limit, flags), the `domain:` line it sits on, the `Agent` line and the `CL`/`L`
 * skill group lines.
 */

import type { Decoded } from '../decode/result';
import {
  DOMAIN_UNAVAILABLE_NOTE,
  findRttestLines,
  findRttestStates,
  parseRttestState,
  type AgentStateAbbreviation,
  type RttestLine,
  type RttestState,
} from '../decode/rttestState';
import { escapeMarkdown, inlineCode, table, type Cell, problemList } from '../render/markdown';
import type { ExplainMatch, Explainer } from './types';

function stateMeaning(state: AgentStateAbbreviation | undefined): string {
  if (!state) return 'not in the table';
  const names = state.opcName ? `${state.state}, OPC ${state.opcName}` : state.state;
  return `${state.meaning} (${names})${state.attested ? '' : '; abbreviation inferred, not seen in the documents'}`;
}

function stateRows(state: RttestState): Cell[][] {
  const rows: Cell[][] = [
    ['State', { raw: inlineCode(state.abbreviation) }, stateMeaning(state.state)],
    [
      'Tasks',
      { raw: inlineCode(`${state.activeTasks}:${state.taskLimit}`) },
      `${state.activeTasks} active task${state.activeTasks === 1 ? '' : 's'} of a concurrent task limit of ${state.taskLimit}`,
    ],
  ];
  for (const letter of state.flags) {
    const info = state.flagInfo.find((f) => f.letter === letter);
    rows.push(['Flag', { raw: inlineCode(letter) }, info ? `${info.name}: ${info.meaning}` : 'not in the table']);
  }
  if (state.flags.length === 0) rows.push(['Flags', '', 'none: not routable']);
  return rows;
}

function renderProblems(problems: string[]): string[] {
  return problems.length ? [problemList(problems)] : [];
}

function domainNote(state: RttestState): string[] {
  return state.flags.includes('D')
    ? [`**${escapeMarkdown('Known defect')}** ${escapeMarkdown(DOMAIN_UNAVAILABLE_NOTE)}`]
    : [];
}

export function renderRttestState(decoded: Decoded<RttestState>): string {
  const state = decoded.value;
  return [
    `**rttest agent state** ${inlineCode(state.text)}`,
    table(['Part', 'Value', 'Meaning'], stateRows(state)),
    ...domainNote(state),
    ...renderProblems(decoded.problems),
  ].join('\n\n');
}

export function renderRttestLine(decoded: Decoded<RttestLine>): string {
  const line = decoded.value;
  const out: string[] = [];
  const problems = [...decoded.problems];
  if (line.kind === 'agent') {
    out.push(`**rttest agent** ${inlineCode(line.name)}`);
    out.push(
      table(
        ['Item', 'Value', 'Meaning'],
        [
          [
            'SkillTargetID',
            { raw: inlineCode(String(line.skillTargetId)) },
            "the agent's SkillTargetID (ICMAgentID in CTI server traces, ASTID in OPC traces)",
          ],
          [
            'periph#',
            { raw: inlineCode(String(line.peripheralNumber)) },
            "the agent's peripheral number (Periph# in OPC traces)",
          ],
        ],
      ),
    );
  } else if (line.kind === 'domain') {
    out.push(`**rttest domain** ${inlineCode(line.name)} ${escapeMarkdown('(media routing domain)')}`);
    const rows: Cell[][] = [['MRD id', { raw: inlineCode(String(line.mrdId)) }, 'MRDID of the media routing domain']];
    const state = parseRttestState(line.stateText);
    if (state) {
      rows.push(...stateRows(state.value));
      problems.push(...state.problems);
    } else {
      rows.push(['State', { raw: inlineCode(line.stateText) }, 'not a state token this decoder knows']);
    }
    if (line.seconds !== undefined)
      rows.push([
        'Time in state',
        { raw: inlineCode(`${line.seconds} secs`) },
        `${line.seconds} seconds in this state`,
      ]);
    out.push(table(['Part', 'Value', 'Meaning'], rows));
    if (state) out.push(...domainNote(state.value));
  } else {
    out.push(`**rttest skill group line** ${inlineCode(line.marker)} ${inlineCode(line.name)}`);
    const rows: Cell[][] = [
      [
        'Line',
        { raw: inlineCode(line.marker) },
        'skill group line: one skill group of the agent in the domain above (the documents do not spell out CL and L)',
      ],
      ['State', { raw: inlineCode(line.abbreviation) }, stateMeaning(line.state)],
      [
        'Skill group',
        { raw: inlineCode(line.name) },
        line.looksDefault
          ? "name of the form <peripheral>.<domain>.default.<n>: looks like the domain's default skill group"
          : 'skill group name',
      ],
      [
        'SkillTargetID',
        { raw: inlineCode(String(line.skillTargetId)) },
        "the skill group's SkillTargetID (SGSTID in OPC traces)",
      ],
      [
        'periph#',
        { raw: inlineCode(String(line.peripheralNumber)) },
        "the skill group's peripheral number (SG# in OPC traces)",
      ],
    ];
    out.push(table(['Part', 'Value', 'Meaning'], rows));
  }
  out.push(...renderProblems(problems));
  return out.join('\n\n');
}

export const rttestStateExplainer: Explainer = {
  id: 'rttest-state',
  find(record: string): ExplainMatch[] {
    const lines = findRttestLines(record);
    const matches: ExplainMatch[] = lines.map((line) => ({
      start: line.start,
      end: line.end,
      render: () => renderRttestLine(line),
    }));
    // A token on a `domain:` line is explained with its line; other tokens on their own.
    const domainLines = lines.filter((l) => l.value.kind === 'domain');
    for (const token of findRttestStates(record)) {
      if (domainLines.some((l) => token.start >= l.start && token.end <= l.end)) continue;
      matches.push({ start: token.start, end: token.end, render: () => renderRttestState(token) });
    }
    return matches.sort((a, b) => a.start - b.start);
  },
};
