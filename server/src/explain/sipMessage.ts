/**
 * Hovers for SIP messages printed over several lines (CUCM SDL traces, CVP): what the request or the
 * answer means, and the headers that identify the call (From, To, Call-ID, CSeq), as a table.
 */
import { describeMethod, describeStatus, findSipMessages, header, type SipMessage } from '../decode/sip/sipMessage';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, problemList, table, type Cell } from '../render/markdown';
import type { ExplainMatch, Explainer } from './types';

const KEY_HEADERS = ['From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Via', 'Content-Type', 'Content-Length'];
const MAX_CELL = 200;

export function renderSipMessage(decoded: Decoded<SipMessage>): string {
  const msg = decoded.value;
  const out: string[] = [];
  if (msg.kind === 'request') {
    out.push(
      `**SIP request** ${inlineCode(msg.method ?? '')}: ${escapeMarkdown(describeMethod(msg.method ?? '') ?? '')}`,
    );
  } else {
    out.push(
      `**SIP response** ${inlineCode(`${msg.status} ${msg.reason ?? ''}`.trim())}: ${escapeMarkdown(describeStatus(msg.status ?? 0))}`,
    );
  }
  const rows: Cell[][] = [];
  if (msg.requestUri) rows.push(['Request-URI', { raw: inlineCode(msg.requestUri) }]);
  for (const name of KEY_HEADERS) {
    const value = header(msg, name);
    if (value !== undefined) rows.push([name, { raw: inlineCode(value.slice(0, MAX_CELL)) }]);
  }
  const vias = msg.headers.filter((h) => /^(?:via|v)$/i.test(h.name)).length;
  if (vias > 1) rows.push(['Via hops', vias]);
  rows.push(['Headers', msg.headers.length]);
  if (msg.body.length > 0) {
    const sdp = msg.body.filter((l) => /^[vosctmac]=/.test(l));
    const media = msg.body.find((l) => l.startsWith('m='));
    rows.push(['Body', sdp.length > 0 ? `SDP, ${msg.body.length} lines` : `${msg.body.length} lines`]);
    if (media) rows.push(['Media', { raw: inlineCode(media.slice(0, MAX_CELL)) }]);
  }
  out.push(table(['Part', 'Value'], rows));
  if (decoded.problems.length > 0) out.push(problemList(decoded.problems));
  return out.join('\n\n');
}

export const sipMessageExplainer: Explainer = {
  id: 'sip-message',
  find(record: string): ExplainMatch[] {
    if (!record.includes('SIP/2.0')) return [];
    return findSipMessages(record).map((decoded) => ({
      start: decoded.value.start,
      end: decoded.value.end,
      render: () => renderSipMessage(decoded),
    }));
  },
};
