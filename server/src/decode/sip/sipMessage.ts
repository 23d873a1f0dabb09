/**
 * SIP messages as CUCM (SDL traces) and CVP print them over several lines: a request line
 * (`INVITE sip:7100@10.20.30.11:5060 SIP/2.0`) or status line (`SIP/2.0 200 OK`), then headers up to a
 * blank line, then the body. Pure: text in, the messages found out, never throwing.
 */
import meanings from './sipMeanings.json';
import type { Decoded } from '../result';

export interface SipMessage {
  kind: 'request' | 'response';
  method?: string;
  requestUri?: string;
  status?: number;
  reason?: string;
  /** Headers in order (first 60), names as written. */
  headers: Array<{ name: string; value: string }>;
  /** Lines of the body after the blank line (first 40). */
  body: string[];
  /** [start, end) in the text searched: the start line through the last header or body line. */
  start: number;
  end: number;
}

const METHODS = Object.keys(meanings.methods).join('|');
const START = new RegExp(
  `^(?:(${METHODS}) (sips?:[^\\s]{1,512}) SIP/2\\.0|SIP/2\\.0 (\\d{3})(?: ([^\\r\\n]{0,120}))?)[ \\t]{0,8}\\r?$`,
  'gm',
);
const HEADER = /^([A-Za-z][\w-]{0,63})[ \t]{0,4}:[ \t]{0,8}([^\r\n]{0,2000})/;
const MAX_HEADERS = 60;
const MAX_BODY = 40;
const MAX_MESSAGES = 20;

export function findSipMessages(text: string): Decoded<SipMessage>[] {
  const found: Decoded<SipMessage>[] = [];
  const re = new RegExp(START.source, 'gm');
  let m: RegExpExecArray | null;
  while (found.length < MAX_MESSAGES && (m = re.exec(text)) !== null) {
    const problems: string[] = [];
    const msg: SipMessage = m[1]
      ? { kind: 'request', method: m[1], requestUri: m[2], headers: [], body: [], start: m.index, end: re.lastIndex }
      : {
          kind: 'response',
          status: Number(m[3]),
          ...(m[4] ? { reason: m[4].trim() } : {}),
          headers: [],
          body: [],
          start: m.index,
          end: re.lastIndex,
        };
    let at = re.lastIndex;
    let inBody = false;
    while (at < text.length) {
      if (text[at] === '\r') at++;
      if (text[at] !== '\n') break;
      const lineStart = at + 1;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      if (!inBody) {
        if (line.trim() === '') {
          inBody = true;
          at = lineEnd;
          continue;
        }
        const h = HEADER.exec(line);
        if (!h) break;
        if (msg.headers.length < MAX_HEADERS) msg.headers.push({ name: h[1]!, value: h[2]!.trim() });
      } else {
        // A body ends at a blank line or at what looks like a new log line (digits then a separator).
        if (line.trim() === '' || /^\d{6,}\.\d{3} \|/.test(line)) break;
        if (msg.body.length < MAX_BODY) msg.body.push(line);
      }
      msg.end = lineEnd;
      at = lineEnd;
    }
    const length = header(msg, 'Content-Length');
    if (length !== undefined && Number(length) > 0 && msg.body.length === 0)
      problems.push(`expected a body of ${length} bytes (Content-Length), found none in the log`);
    found.push({ value: msg, problems });
    re.lastIndex = Math.max(re.lastIndex, msg.end);
  }
  return found;
}

/** A header's value (first one), by case-insensitive name or its compact form. */
export function header(msg: SipMessage, name: string): string | undefined {
  const compact: Record<string, string> = {
    'call-id': 'i',
    from: 'f',
    to: 't',
    via: 'v',
    contact: 'm',
    'content-length': 'l',
    'content-type': 'c',
  };
  const lower = name.toLowerCase();
  return msg.headers.find((h) => h.name.toLowerCase() === lower || h.name.toLowerCase() === compact[lower])?.value;
}

export function describeMethod(method: string): string | undefined {
  return (meanings.methods as Record<string, string>)[method];
}

export function describeStatus(status: number): string {
  const exact = (meanings.statuses as Record<string, string>)[String(status)];
  const cls = (meanings.statusClasses as Record<string, string>)[String(Math.floor(status / 100))];
  return [exact, cls].filter(Boolean).join('. ') || 'not a SIP status';
}
