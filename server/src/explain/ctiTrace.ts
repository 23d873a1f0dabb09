/**
 * Explains CTI Server (ctisvr) and OPC trace text: each `Name = value` / `Name:value` / `Name=value`
 * pair with a known name (InvokeID in decimal and hex, MRDID, ICMAgentID/ASTID, agent states,
 * status codes...), `sessionID n`, trace function names that stand for messages
 * (ProcessMakeAgentReadyInd), message names, and standalone E_CTI_*, E_ARM_STAT_*, AS_* names.
 * It works on any record text, but leaves ARM byte dumps to the dump explainer.
 */
import {
  describeDirection,
  describeEnumValue,
  ENUM_TABLES,
  enumEntryByName,
  layoutFor,
  messageTypeByName,
  OPC_STATE_MAPPING_NOTE,
  opcAgentState,
  TRACE_FUNCTIONS,
  traceField,
  type MessageTypeSpec,
  type TraceFieldSpec,
} from '../decode/ged188';
import { escapeMarkdown, heading, inlineCode } from '../render/markdown';
import { locateArmDumps } from './armDump';
import type { ExplainMatch, Explainer } from './types';
import { snakeOf } from '../util/text';

export const CTI_TRACE_LIMITS = {
  /** Characters of a record scanned. */
  maxScanChars: 256 * 1024,
  /** Matches returned for one record. */
  maxMatches: 500,
} as const;

/**
 * `Name = value`, `Name:value`, `Name=value`; the value may sit on the next line right after the
 * separator (traces wrap there). `SG#=70518(0x11376)` keeps its hex part.
 */
const PAIR =
  /(?<![A-Za-z0-9_#.$-])([A-Za-z][A-Za-z0-9_]{0,40}#?)([ \t]{0,2}[=:][ \t]{0,2}(?:\r?\n[ \t]{0,8})?)([^\s,()]{0,64}(?:\(0[xX][0-9A-Fa-f]{1,16}\))?)/g;
const SESSION = /\bsessionID[ \t]{1,2}(\d{1,10})\b/gi;
const CODE_NAME =
  /\b(?:E_CTI_[A-Z0-9_]{2,60}|E_INVALID_CONFIG_MSG_MASK|E_ARM_STAT_[A-Z0-9_]{2,60}|AS_[A-Z_]{2,30}|AGENT_STATE_[A-Z_]{2,30})\b/g;
const MESSAGE_NAME = /\b[A-Z][A-Z0-9]{1,30}(?:_[A-Z0-9]{1,30}){1,8}\b/g;
const FUNCTION_NAME = /\b([A-Z][A-Za-z0-9]{4,80})(?=[ \t]{0,2}(?:--?[ \t]|:[ \t]))/g;

interface Found {
  start: number;
  end: number;
  render: () => string;
}

function hex(v: number): string {
  return '0x' + (v >>> 0).toString(16).toUpperCase();
}

/** Integer from `5000`, `-1`, `0xa234`, `70518(0x11376)`; undefined otherwise. */
function parseInteger(text: string): number | undefined {
  const t = text.replace(/\(0[xX][0-9A-Fa-f]{1,16}\)$/, '').replace(/[.;:]$/, '');
  if (/^[+-]?\d{1,15}$/.test(t)) return Number(t);
  if (/^0[xX][0-9A-Fa-f]{1,13}$/.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return undefined;
}

/** `ProcessARMMediaLoginRespMsg` -> `MEDIA_LOGIN_RESP`, when that is a message name. */
export function messageForFunction(name: string): MessageTypeSpec | undefined {
  const core = name
    .replace(/^Process/, '')
    .replace(/^ARM(?=[A-Z])/, '')
    .replace(/Msg$/, '');
  if (core.length < 4) return undefined;
  const snake = snakeOf(core);
  return messageTypeByName(snake);
}

function describeMessage(spec: MessageTypeSpec): string[] {
  const lines = [
    `${escapeMarkdown(spec.name)}: MessageType ${spec.id} (${escapeMarkdown(describeDirection(spec.direction))})` +
      (spec.summary ? ` — ${escapeMarkdown(spec.summary)}` : ''),
  ];
  if (spec.olderName) lines.push(`Older protocol tables call it ${escapeMarkdown(spec.olderName)}.`);
  if (spec.note) lines.push(escapeMarkdown(spec.note));
  const layout = layoutFor(spec.id);
  if (layout?.confidence === 'observed')
    lines.push('Its bytes are decoded in ECE listener dumps (layout reverse-engineered from logged examples).');
  else if (spec.id >= 151 && spec.id <= 210 && !layout) lines.push('Its byte layout is not public.');
  return lines;
}

function agentStateLines(value: string): string[] {
  const opc = opcAgentState(value);
  if (opc) {
    return [
      `${escapeMarkdown(opc.name)} = ${escapeMarkdown(opc.ctiName)} (${opc.ctiValue}): ${escapeMarkdown(opc.meaning)}.`,
      escapeMarkdown(OPC_STATE_MAPPING_NOTE),
    ];
  }
  const n = parseInteger(value);
  if (n !== undefined) return [escapeMarkdown(`${n} = ${describeEnumValue('AgentState', n)}`)];
  const named = enumEntryByName(value);
  if (named)
    return [
      escapeMarkdown(
        `${named.entry.name} = ${named.entry.value}${named.entry.meaning ? ': ' + named.entry.meaning : ''}`,
      ),
    ];
  return [`${inlineCode(value)} is not a known agent state name.`];
}

function statusLines(value: string, armContext: boolean): string[] {
  const n = parseInteger(value);
  if (n === undefined) return [`Expected a number, found ${inlineCode(value)}.`];
  const lines = [escapeMarkdown(`As a CTI status: ${describeEnumValue('CtiStatus', n)}`)];
  if (armContext) {
    lines.push(escapeMarkdown(`As an ARM status: ${describeEnumValue('ArmStatus', n)}`));
    lines.push(escapeMarkdown('Which of the two tables an ARM answer uses is not public.'));
  }
  return lines;
}

function valueLines(spec: TraceFieldSpec, value: string, record: string): string[] {
  if (value === '') return ['(no value printed)'];
  switch (spec.kind) {
    case 'invokeId': {
      const n = parseInteger(value);
      if (n === undefined) return [`Expected a decimal or 0x hex number, found ${inlineCode(value)}.`];
      return [`Decimal ${n} · hex ${escapeMarkdown(hex(n))}`];
    }
    case 'number': {
      const n = parseInteger(value);
      if (n === undefined) return [`Expected a number, found ${inlineCode(value)}.`];
      const inParens = /\((0[xX][0-9A-Fa-f]{1,16})\)$/.exec(value);
      if (inParens) {
        const h = parseInt(inParens[1]!.slice(2), 16);
        return h === n
          ? [escapeMarkdown(`${n} = ${hex(n)} (the hex in parentheses agrees)`)]
          : [
              escapeMarkdown(
                `The hex in parentheses (${hex(h)} = ${h}) differs from the decimal value (${n} = ${hex(n)}).`,
              ),
            ];
      }
      return [];
    }
    case 'bool': {
      const b = parseBool(value);
      return b === undefined ? [`Expected 0/1 or True/False, found ${inlineCode(value)}.`] : [`${b}`];
    }
    case 'agentState':
      return agentStateLines(value);
    case 'status':
      return statusLines(value, /ARM|Media|MakeAgent|Task/.test(record));
    case 'enum': {
      const n = parseInteger(value);
      if (!spec.enumId) return [];
      if (n === undefined) return [`Expected a number, found ${inlineCode(value)}.`];
      const lines = [escapeMarkdown(`${n} = ${describeEnumValue(spec.enumId, n)}`)];
      const note = ENUM_TABLES[spec.enumId].note;
      if (note) lines.push(escapeMarkdown(note));
      return lines;
    }
    case 'messageType': {
      const m = messageTypeByName(value);
      if (m) return describeMessage(m);
      const n = parseInteger(value);
      return [
        n === undefined ? `${inlineCode(value)} is not a known message name.` : escapeMarkdown(`MessageType ${n}`),
      ];
    }
    case 'seconds': {
      const n = parseInteger(value);
      if (n === undefined) return [`Expected a number of seconds, found ${inlineCode(value)}.`];
      return n >= 60
        ? [escapeMarkdown(`${n} s = ${Math.floor(n / 3600)}h ${Math.floor((n % 3600) / 60)}m ${n % 60}s`)]
        : [];
    }
    case 'pointer':
    case 'text':
      return [];
  }
}

/** Trusted table text in which `backticks` mark code. */
function prose(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? inlineCode(part) : escapeMarkdown(part)))
    .join('');
}

/**
 * Whether a value can belong to the field. Other products print `Status=ok` or `State=IN_SESSION`;
 * those are not CTI fields, so a value of the wrong kind means the pair is not ours.
 */
function valueFits(spec: TraceFieldSpec, value: string): boolean {
  if (value === '') return true;
  switch (spec.kind) {
    case 'invokeId':
    case 'number':
    case 'seconds':
    case 'status':
    case 'enum':
      return parseInteger(value) !== undefined;
    case 'bool':
      return parseBool(value) !== undefined;
    case 'agentState': {
      if (opcAgentState(value)) return true;
      const n = parseInteger(value);
      if (n !== undefined) return ENUM_TABLES.AgentState.entries.some((e) => e.value === n);
      return enumEntryByName(value)?.table.id === 'AgentState';
    }
    case 'messageType':
      return messageTypeByName(value) !== undefined || parseInteger(value) !== undefined;
    case 'pointer':
      return /^0[xX][0-9A-Fa-f]{1,16}$/.test(value);
    case 'text':
      return true;
  }
}

function renderPair(name: string, value: string, spec: TraceFieldSpec, record: string): string {
  const parts = [`${heading(name)} = ${value === '' ? '(empty)' : inlineCode(value)}`];
  const about = spec.title.toLowerCase() === name.toLowerCase() ? spec.meaning : `${spec.title}: ${spec.meaning}`;
  parts.push(prose(about));
  const lines = valueLines(spec, value, record);
  if (lines.length > 0) parts.push(lines.join('  \n'));
  if (spec.note) parts.push(escapeMarkdown(spec.note));
  return parts.join('\n\n');
}

function renderCodeName(name: string): string | undefined {
  const opc = opcAgentState(name);
  if (opc) return [heading(name), agentStateLines(name).join('  \n')].join('\n\n');
  const named = enumEntryByName(name);
  if (!named) return undefined;
  const line = `${named.table.title}: ${named.entry.name} = ${named.entry.value}${named.entry.meaning ? ` — ${named.entry.meaning}` : ''}`;
  const parts = [heading(name), escapeMarkdown(line)];
  if (named.table.note) parts.push(escapeMarkdown(named.table.note));
  return parts.join('\n\n');
}

function overlaps(a: { start: number; end: number }, list: ReadonlyArray<{ start: number; end: number }>): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

function findAll(record: string): Found[] {
  const text = record.length > CTI_TRACE_LIMITS.maxScanChars ? record.slice(0, CTI_TRACE_LIMITS.maxScanChars) : record;
  const dumps = text.includes('->') ? locateArmDumps(text) : [];
  const found: Found[] = [];
  const add = (f: Found): void => {
    if (found.length >= CTI_TRACE_LIMITS.maxMatches || f.end <= f.start) return;
    if (overlaps(f, dumps) || overlaps(f, found)) return;
    found.push(f);
  };

  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    if (m[0].length === 0) PAIR.lastIndex++;
    const name = m[1]!;
    const spec = traceField(name);
    if (!spec) {
      // `Trace: Status = 0`: the unknown pair's value may be the next known name.
      PAIR.lastIndex = m.index + name.length;
      continue;
    }
    const sep = m[2]!;
    let value = m[3]!;
    let end = m.index + m[0].length;
    // A wrapped line's next timestamp is not the value (`AgentID =` then `20:27:32:607 ...`).
    if (sep.includes('\n') && (value === '' || /^\d{1,2}:\d{2}/.test(value))) {
      value = '';
      end = m.index + name.length + sep.indexOf('\n');
      while (end > m.index + name.length && /\s/.test(text.charAt(end - 1))) end--;
    }
    value = value.replace(/[.;:]$/, '');
    if (value === '' && !/[=:]/.test(text.slice(m.index + name.length, end))) continue;
    if (!valueFits(spec, value)) continue;
    add({ start: m.index, end, render: () => renderPair(name, value, spec, text) });
    if (found.length >= CTI_TRACE_LIMITS.maxMatches) break;
  }

  SESSION.lastIndex = 0;
  for (let m = SESSION.exec(text); m !== null; m = SESSION.exec(text)) {
    const value = m[1]!;
    const spec = traceField('SessionID')!;
    add({ start: m.index, end: m.index + m[0].length, render: () => renderPair('sessionID', value, spec, text) });
  }

  CODE_NAME.lastIndex = 0;
  for (let m = CODE_NAME.exec(text); m !== null; m = CODE_NAME.exec(text)) {
    const name = m[0];
    const rendered = renderCodeName(name);
    if (rendered !== undefined) add({ start: m.index, end: m.index + name.length, render: () => rendered });
  }

  FUNCTION_NAME.lastIndex = 0;
  for (let m = FUNCTION_NAME.exec(text); m !== null; m = FUNCTION_NAME.exec(text)) {
    const name = m[1]!;
    const fixed = TRACE_FUNCTIONS[name];
    const message = fixed ? undefined : messageForFunction(name);
    if (!fixed && !message) continue;
    const render = (): string => {
      const parts = [heading(name)];
      if (fixed) parts.push(escapeMarkdown(fixed));
      if (message) parts.push(`Trace of ${escapeMarkdown(message.name)}.`, describeMessage(message).join('  \n'));
      return parts.join('\n\n');
    };
    add({ start: m.index, end: m.index + name.length, render });
  }

  MESSAGE_NAME.lastIndex = 0;
  for (let m = MESSAGE_NAME.exec(text); m !== null; m = MESSAGE_NAME.exec(text)) {
    const name = m[0];
    const spec = messageTypeByName(name);
    if (!spec) continue;
    add({
      start: m.index,
      end: m.index + name.length,
      render: () => [heading(name), describeMessage(spec).join('  \n')].join('\n\n'),
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

export const ctiTraceExplainer: Explainer = {
  id: 'cti-trace',
  find(record: string): ExplainMatch[] {
    if (typeof record !== 'string' || record.length === 0) return [];
    return findAll(record).map((f) => ({ start: f.start, end: f.end, render: () => f.render() }));
  },
};
