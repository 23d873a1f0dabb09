/**
 * Explains the GED-188 / ARM byte dumps ECE's listener logs (`Sending MEDIA_LOGIN_REQ -> 0 0 0 27
 * ...`): decodes them with the table-driven decoder and links each message to its partner (the
 * response with the same InvokeID, or the CTI Server / OPC trace lines that print that InvokeID).
 */
import { decodeDump, messageTypeByName, type ArmMessage, type ByteEncoding, type DecodedField } from '../decode/ged188';
import type { Decoded } from '../decode/result';
import { revealLineLink, escapeMarkdown, heading, inlineCode, table, type Cell } from '../render/markdown';
import type { ExplainContext, ExplainMatch, Explainer, LineRef } from './types';

/** Bounds on the work done for one record. */
export const ARM_DUMP_LIMITS = {
  /** Characters of a record scanned for dumps. */
  maxScanChars: 512 * 1024,
  /** Dumps explained in one record. */
  maxDumps: 64,
  /** Lines one dump may continue over. */
  maxContinuationLines: 400,
  /** Characters of one dump's text. */
  maxDumpChars: 100_000,
  /** Candidate partner lines decoded per search. */
  maxCandidates: 20,
  /** Trace lines linked per message. */
  maxTraceLinks: 6,
} as const;

/** `Sending MEDIA_LOGIN_REQ ->` / `Received MEDIA_LOGIN_RESP ->`. */
const ARROW = /\b(Sending|Received)[ \t]{1,4}([A-Z][A-Z0-9_]{2,63})[ \t]{0,4}->/g;
/** One byte token in any notation (signed/unsigned decimal, hex with or without 0x, an unspaced hex run). */
const BYTE_TOKEN = /^(?:[+-]?\d{1,4}|(?:0[xX])?[0-9A-Fa-f]{1,2}|(?:0[xX])?(?:[0-9A-Fa-f]{2}){2,6250})$/;
/** A continuation line starts with a byte token. */
const CONTINUATION_START = /^[ \t]{0,16}(?:[+-]?\d{1,4}|(?:0[xX])?[0-9A-Fa-f]{1,2})(?=[ \t\r]|<@>|$)/;

/** Where a dump sits in a record. */
export interface ArmDumpSpan {
  verb: 'Sending' | 'Received';
  name: string;
  /** Offset of the message name; the match runs from here. */
  start: number;
  /** End of the last byte token. */
  end: number;
  /** The byte list (possibly over several lines), without the ` <@>` terminator. */
  dumpText: string;
}

function countTokens(text: string): number {
  let n = 0;
  for (const t of text.split(/[\s,;]+/)) if (t && BYTE_TOKEN.test(t)) n++;
  return n;
}

/** Offset just past the last non-space character of `text[from, to)`, or `from`. */
function trimEnd(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}

/**
 * Finds the dumps of a record. A dump runs to ` <@>` or the end of its line, and continues on the
 * next lines while the message is still incomplete and the next line starts with a byte.
 */
export function locateArmDumps(record: string): ArmDumpSpan[] {
  const text = record.length > ARM_DUMP_LIMITS.maxScanChars ? record.slice(0, ARM_DUMP_LIMITS.maxScanChars) : record;
  const spans: ArmDumpSpan[] = [];
  ARROW.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ARROW.exec(text)) !== null && spans.length < ARM_DUMP_LIMITS.maxDumps) {
    const verb = m[1] as 'Sending' | 'Received';
    const name = m[2]!;
    const nameStart = m.index + m[0].indexOf(name, verb.length);
    let p = m.index + m[0].length;
    let dumpText = '';
    let lastEnd = -1;
    let expected = -1;
    for (let lines = 0; lines <= ARM_DUMP_LIMITS.maxContinuationLines; lines++) {
      const nl = text.indexOf('\n', p);
      const lineEnd = nl < 0 ? text.length : nl;
      const stopAt = text.indexOf('<@>', p);
      const terminated = stopAt >= 0 && stopAt < lineEnd;
      const segEnd = terminated ? stopAt : lineEnd;
      const segment = text.slice(p, segEnd);
      if (countTokens(segment) > 0) {
        dumpText += (dumpText ? '\n' : '') + segment;
        lastEnd = trimEnd(text, p, segEnd);
      }
      if (terminated || nl < 0 || dumpText.length > ARM_DUMP_LIMITS.maxDumpChars) break;
      const have = countTokens(dumpText);
      if (expected < 0 && have >= 8) {
        const d = decodeDump(dumpText).value;
        if (d.expectedSize !== undefined) expected = d.expectedSize;
      }
      if (expected >= 0 && have >= expected) break;
      const next = nl + 1;
      if (!CONTINUATION_START.test(text.slice(next, next + 64))) break;
      p = next;
    }
    ARROW.lastIndex = Math.max(ARROW.lastIndex, lastEnd);
    if (lastEnd < 0) continue; // an arrow with no bytes after it
    spans.push({ verb, name, start: nameStart, end: lastEnd, dumpText });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Partner lines

/** How a byte is printed in a given notation, as a regular-expression fragment. */
function byteToken(b: number, encoding: ByteEncoding): string {
  switch (encoding) {
    case 'signed-decimal':
      return String(b > 127 ? b - 256 : b);
    case 'unsigned-decimal':
      return String(b);
    case 'decimal':
      return b > 127 ? `(?:${b}|${b - 256})` : String(b);
    case 'hex': {
      const h = b.toString(16);
      return `(?:0[xX])?0?${h.length === 1 ? h : `[${h[0]}${h[0]!.toUpperCase()}][${h[1]}${h[1]!.toUpperCase()}]`}`;
    }
  }
}

function u32Bytes(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** First 4-byte word of the body: the InvokeID in every known ARM layout. */
function invokeIdOf(msg: ArmMessage): number | undefined {
  const first = msg.fixed[0];
  if (!first || first.missing || first.bodyOffset !== 0 || first.size !== 4 || typeof first.value !== 'number')
    return undefined;
  if (first.name && first.name !== 'InvokeID') return undefined;
  return first.value >>> 0;
}

function dumpAfterArrow(line: string): string {
  const arrow = line.indexOf('->');
  let rest = arrow >= 0 ? line.slice(arrow + 2) : line;
  const stop = rest.indexOf('<@>');
  if (stop >= 0) rest = rest.slice(0, stop);
  return rest;
}

/**
 * Lines holding a dump of `partnerName` whose InvokeID is `invokeId`. The candidate lines are
 * found with a cheap pattern and verified by decoding; when a candidate's dump is cut by a line
 * break before the InvokeID ends, the next line must start with the missing bytes.
 */
function findDumpPartners(
  ctx: ExplainContext,
  partnerName: string,
  partnerType: number,
  invokeId: number,
  encoding: ByteEncoding,
): LineRef[] {
  const found: LineRef[] = [];
  const candidates = ctx.findLines(
    new RegExp(`(?:Sending|Received)[ \\t]{1,4}${partnerName}[ \\t]{0,4}->`),
    ARM_DUMP_LIMITS.maxCandidates,
  );
  const want = [...u32Bytes(partnerType), ...u32Bytes(invokeId)]; // bytes 4..11 of the partner
  for (const ref of candidates) {
    const tokens = dumpAfterArrow(ref.text)
      .split(/[\s,;]+/)
      .filter((t) => t.length > 0);
    const decoded = decodeDump(dumpAfterArrow(ref.text)).value;
    if (tokens.length >= 12) {
      if (decoded.header.messageType === partnerType && invokeIdOf(decoded) === invokeId) found.push(ref);
      continue;
    }
    // Cut dump: the bytes present must agree, and the next line must start with the rest.
    const have = Math.min(tokens.length, 12);
    let agrees = true;
    for (let i = 4; i < have && agrees; i++) {
      const re = new RegExp(`^${byteToken(want[i - 4]!, encoding)}$`);
      agrees = re.test(tokens[i]!);
    }
    if (!agrees) continue;
    const rest: string[] = [];
    for (let i = have; i < 12; i++) rest.push(i < 4 ? '\\S{1,4}' : byteToken(want[i - 4]!, encoding));
    const pattern = new RegExp(`^[ \\t]{0,16}${rest.join('[ \\t]{1,4}')}(?![0-9A-Za-z])`);
    const next = ref.uri === ctx.uri ? ctx.lineText(ref.line + 1) : undefined;
    if (next !== undefined && pattern.test(next.slice(0, 4096))) found.push(ref);
  }
  return found;
}

interface TraceLink {
  ref: LineRef;
  label: string;
}

function fieldNumber(line: string, name: string): number | undefined {
  const m = new RegExp(`\\b${name}[ \\t]{0,3}[=:][ \\t]{0,3}(0x[0-9A-Fa-f]{1,8}|-?\\d{1,10})\\b`).exec(line);
  if (!m) return undefined;
  return m[1]!.startsWith('0x') ? parseInt(m[1]!.slice(2), 16) : Number(m[1]);
}

/** A short name for a trace line: the function it prints (`SendARMMsg`) or its MsgType. */
function traceLabel(line: string): string {
  // ECE lines: name the logging class (`AgentLoginHandler`), not the first `Key:` of the head.
  if (line.includes('<@>')) {
    const cls = line
      .slice(0, 4096)
      .split('<@>')
      .map((p) => p.trim())
      .find((p) => /^[a-z][\w$]{0,60}(?:\.[\w$]{1,60}){2,12}$/.test(p));
    if (cls) return cls.slice(cls.lastIndexOf('.') + 1);
  }
  const msgType = /MsgType:([A-Z][A-Z0-9_]{2,63})/.exec(line);
  if (msgType) return msgType[1]!;
  const fn = /\b([A-Z][A-Za-z0-9_]{2,63})[ \t]{0,2}(?:--?|:)[ \t]/.exec(line.replace(/^.{0,80}?Trace:[ \t]{0,4}/, ''));
  return fn ? fn[1]! : 'trace line';
}

/** Any InvokeID field of a trace line: the family of the searches for one InvokeID. */
const INVOKE_ID_FIELD = /InvokeID[ \t]{0,3}[=:]/i;

/** CTI Server / OPC trace lines printing this InvokeID (decimal `InvokeID = n` or hex `InvokeID:0x...`). */
function findTraceLines(ctx: ExplainContext, msg: ArmMessage, invokeId: number): TraceLink[] {
  const hex = invokeId.toString(16);
  const pattern = new RegExp(`InvokeID[ \\t]{0,3}[=:][ \\t]{0,3}(?:${invokeId}|0[xX]0{0,7}${hex})(?![0-9A-Za-z])`, 'i');
  const mrd = msg.fixed.find((f) => f.name === 'MRDID')?.value;
  const agent = msg.fixed.find((f) => f.name === 'ICMAgentID')?.value;
  const links: TraceLink[] = [];
  for (const ref of ctx.findLines(pattern, ARM_DUMP_LIMITS.maxCandidates, INVOKE_ID_FIELD)) {
    if (ref.text.includes('->')) continue; // another dump, not a trace line
    // Other sessions reuse small InvokeIDs: drop lines whose MRD or agent differ.
    const lineMrd = fieldNumber(ref.text, 'MRDID');
    const lineAgent = fieldNumber(ref.text, 'ICMAgentID');
    if (typeof mrd === 'number' && lineMrd !== undefined && lineMrd !== mrd) continue;
    if (typeof agent === 'number' && lineAgent !== undefined && lineAgent !== agent) continue;
    links.push({ ref, label: traceLabel(ref.text) });
    if (links.length >= ARM_DUMP_LIMITS.maxTraceLinks) break;
  }
  return links;
}

function lineLink(ref: LineRef): string {
  return revealLineLink(`line ${ref.line + 1}`, { uri: ref.uri, line: ref.line });
}

/** Names of the messages that answer `name` (REQ -> RESP/CONF) or that it answers. */
function partnerNames(name: string): Array<{ role: 'Response' | 'Request'; name: string }> {
  const out: Array<{ role: 'Response' | 'Request'; name: string }> = [];
  const req = /^(.{1,60})_REQ$/.exec(name);
  if (req) {
    for (const suffix of ['_RESP', '_CONF']) {
      const partner = req[1] + suffix;
      if (messageTypeByName(partner)) out.push({ role: 'Response', name: partner });
    }
  }
  const resp = /^(.{1,60})_(?:RESP|CONF)$/.exec(name);
  if (resp && messageTypeByName(resp[1] + '_REQ')) out.push({ role: 'Request', name: resp[1] + '_REQ' });
  return out;
}

function renderLinks(msg: ArmMessage, ctx: ExplainContext, encoding: ByteEncoding): string[] {
  const lines: string[] = [];
  const name = msg.header.name;
  const invokeId = invokeIdOf(msg);
  if (!name || invokeId === undefined) return lines;
  for (const partner of partnerNames(name)) {
    const spec = messageTypeByName(partner.name)!;
    for (const ref of findDumpPartners(ctx, partner.name, spec.id, invokeId, encoding).slice(0, 3)) {
      lines.push(`${partner.role}: ${escapeMarkdown(partner.name)} at ${lineLink(ref)}`);
    }
  }
  if (name.endsWith('_IND')) {
    for (const ref of findDumpPartners(ctx, 'FAILURE_RESP', 190, invokeId, encoding).slice(0, 3)) {
      lines.push(`Failure: FAILURE\\_RESP with the same first word at ${lineLink(ref)} (its layout is not public)`);
    }
  }
  for (const link of findTraceLines(ctx, msg, invokeId)) {
    lines.push(`Trace with InvokeID ${invokeId}: ${inlineCode(link.label)} at ${lineLink(link.ref)}`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const MARKS: Partial<Record<DecodedField['confidence'], string>> = { trace: '†', observed: '‡', inferred: '§' };

const FOOTNOTES: Record<string, string> = {
  '†': 'named only by the CTI Server trace of the same message; no public guide documents it',
  '‡': 'position and size verified on logged dumps; no public guide documents this layout',
  '§': 'inferred from related public facts',
};

function fieldRow(f: DecodedField, marks: Set<string>): Cell[] {
  const mark = MARKS[f.confidence] ?? '';
  if (mark) marks.add(mark);
  const meaning = [f.meaning, f.description].filter((s): s is string => !!s).join('; ');
  const offset = f.bodyOffset === undefined ? `${f.offset}` : `${f.bodyOffset} / ${f.offset}`;
  return [f.label + mark, f.type, offset, f.display, f.hex, meaning];
}

function lengthMark(msg: ArmMessage): string {
  switch (msg.lengthStatus) {
    case 'ok':
      return 'length ✓';
    case 'truncated':
      return `length ✗ (${msg.byteCount} of ${msg.expectedSize} bytes)`;
    case 'over-long':
      return `length ✗ (${msg.byteCount - (msg.expectedSize ?? 0)} extra bytes)`;
    case 'no-header':
      return 'length ✗ (no header)';
  }
}

/** Fields a person follows a message by, shown in the summary line above the tables. */
const SUMMARY_FIELDS = new Set(['InvokeID', 'MRDID', 'ICMAgentID', 'AgentInfo', 'Status', 'ErrorCode']);

/** One line: the ids the message carries (InvokeID, MRDID, ICMAgentID, AgentInfo...). */
function idSummary(msg: ArmMessage): string {
  const parts: string[] = [];
  for (const f of msg.fixed) if (SUMMARY_FIELDS.has(f.label) && !f.missing) parts.push(`${f.label} ${f.display}`);
  for (const f of msg.floating) {
    // Undocumented tags are named by the trace that prints them: `... (named AgentInfo by ...)`.
    const name = /named (\w+) by/.exec(f.tagName)?.[1] ?? f.tagName;
    if (SUMMARY_FIELDS.has(name)) parts.push(`${name} ${f.display}`);
  }
  return parts.map((p) => escapeMarkdown(p)).join(' · ');
}

/**
 * The hover Markdown for one decoded dump: the heading, then a summary (the ids it carries and the
 * links to its partners, so they are read without scrolling), then the tables and notes.
 */
export function renderArmDump(
  decoded: Decoded<ArmMessage>,
  verb: string,
  loggedName: string,
  links: readonly string[] = [],
): string {
  const msg = decoded.value;
  const out: string[] = [];
  const typeText = msg.header.messageType === undefined ? '' : ` · MessageType ${msg.header.messageType}`;
  out.push(
    `${heading(`${verb} ${loggedName}`)}${escapeMarkdown(typeText)} · ${escapeMarkdown(`${msg.byteCount} bytes`)} · ${escapeMarkdown(lengthMark(msg))}`,
  );
  const summary = idSummary(msg);
  if (summary || links.length > 0) out.push([summary, ...links].filter((l) => l !== '').join('  \n'));
  const spec = msg.header.lookup?.kind === 'named' ? msg.header.lookup.spec : undefined;
  if (spec?.summary) out.push(escapeMarkdown(spec.summary));

  const marks = new Set<string>();
  out.push(
    table(
      ['Header', 'Value', 'Hex', 'Meaning'],
      msg.header.fields.map((f) => [f.label, f.display, f.hex, f.meaning ?? '']),
    ),
  );
  if (msg.fixed.length > 0) {
    out.push(
      table(
        ['Field', 'Type', 'Offset (body / msg)', 'Value', 'Hex', 'Meaning'],
        msg.fixed.map((f) => fieldRow(f, marks)),
      ),
    );
  }
  if (msg.floating.length > 0) {
    out.push(
      table(
        ['Tag', 'Name', 'Length', 'Value'],
        msg.floating.map((f) => {
          const mark = MARKS[f.confidence] ?? '';
          if (mark) marks.add(mark);
          const extra = [f.meaning, ...f.notes].filter((s): s is string => !!s);
          return [f.tag, f.tagName + mark, f.length, extra.length ? `${f.display} (${extra.join('; ')})` : f.display];
        }),
      ),
    );
  }
  const notes: string[] = [];
  if (msg.dump) notes.push(`Bytes: ${msg.dump.encodingText}.${msg.dump.ambiguity ? ' ' + msg.dump.ambiguity : ''}`);
  if (msg.floatingChoice) notes.push(msg.floatingChoice.summary);
  if (msg.layout.note) notes.push(msg.layout.note);
  if (msg.undecoded) notes.push(`Undecoded bytes from body offset ${msg.undecoded.bodyOffset}: ${msg.undecoded.hex}`);
  if (msg.extraBytes) notes.push(`Bytes after the message: ${msg.extraBytes}`);
  if (notes.length > 0) out.push(notes.map((n) => escapeMarkdown(n)).join('  \n'));
  if (decoded.problems.length > 0) {
    out.push(`${heading('Problems')}\n${decoded.problems.map((p) => `- ${escapeMarkdown(p)}`).join('\n')}`);
  }
  if (marks.size > 0) {
    out.push(
      [...marks]
        .sort()
        .map((m) => `${m} ${escapeMarkdown(FOOTNOTES[m]!)}`)
        .join('  \n'),
    );
  }
  return out.join('\n\n');
}

export const armDumpExplainer: Explainer = {
  id: 'arm-dump',
  find(record: string): ExplainMatch[] {
    if (typeof record !== 'string' || !record.includes('->')) return [];
    return locateArmDumps(record).map((span) => ({
      start: span.start,
      end: span.end,
      render(ctx: ExplainContext): string {
        const decoded = decodeDump(span.dumpText, { loggedVerb: span.verb, loggedName: span.name });
        let links: string[] = [];
        try {
          links = renderLinks(decoded.value, ctx, decoded.value.dump?.encoding ?? 'signed-decimal');
        } catch {
          // Linking is a bonus: a failing search must not cost the decoded hover.
        }
        return renderArmDump(decoded, span.verb, span.name, links);
      },
    }));
  },
};
