import { XML_LIMITS } from './limits';
import { parserName } from './names';

/**
 * A hand-written scan of XML found in a log record. It decides where the XML starts and ends,
 * repairs what logs do to it (a text cut off mid-element, a closing tag lost, stray `<`) and hands
 * fast-xml-parser a well-formed text. It builds no tree: the parser does.
 */
export interface XmlScan {
  /** [start, end) of the XML in the source. */
  start: number;
  end: number;
  /** True when the root element was closed. */
  complete: boolean;
  /** Well-formed text for the parser: the XML with its repairs, closing tags added at a cut. */
  repaired: string;
  /** Name of the first element. */
  root: string;
  /** `<?xml ...?>` as written, when present. */
  declaration?: string;
  /** Closing tags that matched an open element (`<a/>` counts): evidence that this is XML. */
  closedElements: number;
  /** Start tags read. */
  elements: number;
  /** Elements still open where reading stopped, outermost first. */
  openAtEnd: string[];
  /** Where reading stopped before the root closed, with the reason ("expected X, found Y"). */
  stop?: { offset: number; reason: string };
  /** Repairs and oddities, each at an offset of the source. */
  problems: Array<{ offset: number; message: string }>;
}

interface OpenElement {
  name: string;
  /** Text written directly in the element so far. */
  text: string;
  hasChildElement: boolean;
  /** Index in the output of the element's last text piece, for the lost-closing-tag repair. */
  lastTextOut: number;
}

interface StartTag {
  name: string;
  /** The tag rebuilt for the parser (reserved names prefixed). */
  rebuilt: string;
  selfClosing: boolean;
  end: number;
}

const NAME = /[A-Za-z_\u00C0-\uFFEF][A-Za-z0-9_.:\-\u00B7\u00C0-\uFFEF]{0,127}/y;
const SPACE = /[ \t\r\n]/;
const DECLARATION = '<?xml';

/** `<` then what a start tag begins with, or a declaration: a cheap test before a full scan. */
export function looksLikeXmlStart(text: string, at: number): boolean {
  if (text.startsWith(DECLARATION, at)) return true;
  NAME.lastIndex = at + 1;
  return text[at] === '<' && NAME.test(text);
}

/**
 * Scans the XML starting at `source[start]` (a `<?xml` declaration or a start tag), reading no
 * further than `limit`. Returns undefined when no XML starts there. Linear in the text read.
 */
export function scanXml(source: string, start: number, limit = source.length): XmlScan | undefined {
  const end = Math.min(limit, source.length, start + XML_LIMITS.maxChars);
  const out: string[] = [];
  const problems: XmlScan['problems'] = [];
  const stack: OpenElement[] = [];
  const note = (offset: number, message: () => string): void => {
    if (problems.length < XML_LIMITS.maxProblems) problems.push({ offset, message: message() });
  };
  let i = start;
  let declaration: string | undefined;
  let root = '';
  let closedElements = 0;
  let elements = 0;
  let markup = 0;
  let stop: XmlScan['stop'];

  if (source.startsWith(DECLARATION, i)) {
    const close = source.indexOf('?>', i);
    if (close < 0 || close + 2 > end) return undefined;
    declaration = source.slice(i, close + 2);
    out.push(declaration, '\n');
    i = close + 2;
    while (i < end && SPACE.test(source[i] ?? '')) i++;
  }
  const first = startTagAt(source, i, end);
  if (!first || first === 'cut') return undefined;

  const closeTop = (offset: number, how: 'matched' | 'implied' | 'lost'): void => {
    const top = stack.pop();
    if (!top) return;
    if (how === 'lost') {
      if (top.lastTextOut >= 0) out[top.lastTextOut] = (out[top.lastTextOut] ?? '').replace(/>\s*$/, '');
      note(
        offset,
        () => `expected </${top.name}>, found '>' at the end of its text: read as the closing tag, which was lost`,
      );
    }
    out.push(`</${parserName(top.name)}>`);
    if (how !== 'implied') closedElements++;
  };
  /** Logs copied from web pages lose `</x>` and keep its `>` (`<refURL>http://...>`): repaired here. */
  const lostClosingTag = (): boolean => {
    const top = stack[stack.length - 1];
    if (!top || top.hasChildElement) return false;
    const text = top.text.trim();
    return text.length > 1 && text.endsWith('>');
  };

  while (i < end) {
    if (root && stack.length === 0) break;
    if (++markup > XML_LIMITS.maxMarkup) {
      stop = { offset: i, reason: `expected at most ${XML_LIMITS.maxMarkup} tags, found more; the rest was not read` };
      break;
    }
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 || lt > end ? end : lt;
    if (textEnd > i) {
      const text = source.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) {
        top.text += text;
        top.lastTextOut = out.length;
        out.push(text);
      }
      i = textEnd;
      if (i >= end) break;
    }
    // Here source[i] === '<'.
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      if (close < 0 || close + 3 > end) {
        stop = { offset: i, reason: "expected '-->' closing the comment, found the end of the text" };
        break;
      }
      out.push(source.slice(i, close + 3));
      i = close + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', i)) {
      const close = source.indexOf(']]>', i + 9);
      if (close < 0 || close + 3 > end) {
        stop = { offset: i, reason: "expected ']]>' closing the CDATA section, found the end of the text" };
        break;
      }
      const top = stack[stack.length - 1];
      if (top) top.text += source.slice(i + 9, close);
      out.push(source.slice(i, close + 3));
      i = close + 3;
      continue;
    }
    if (source.startsWith('<!', i) || source.startsWith('<?', i)) {
      // DOCTYPE (entity definitions are not expanded from logs) and processing instructions: skipped.
      const close = source.indexOf('>', i + 2);
      if (close < 0 || close + 1 > end) {
        stop = { offset: i, reason: "expected '>' closing the markup declaration, found the end of the text" };
        break;
      }
      note(i, () => `skipped ${JSON.stringify(source.slice(i, Math.min(close + 1, i + 40)))}`);
      i = close + 1;
      continue;
    }
    if (source.startsWith('</', i)) {
      const close = endTagAt(source, i, end);
      if (close === 'cut') {
        stop = { offset: i, reason: "expected '>' closing the end tag, found the end of the text" };
        break;
      }
      if (!close) {
        strayLessThan(i);
        continue;
      }
      const depth = findOpen(stack, close.name);
      if (depth === stack.length - 1) {
        closeTop(i, 'matched');
      } else if (depth >= 0) {
        if (lostClosingTag()) closeTop(i, 'lost');
        while (stack.length - 1 > depth) {
          const inner = stack[stack.length - 1];
          note(
            i,
            () =>
              `expected </${inner?.name ?? ''}>, found </${close.name}>: <${inner?.name ?? ''}> read as closed here`,
          );
          closeTop(i, 'implied');
        }
        closeTop(i, 'matched');
      } else {
        note(
          i,
          () =>
            `expected </${stack[stack.length - 1]?.name ?? ''}>, found </${close.name}>, which closes nothing: skipped`,
        );
      }
      i = close.end;
      continue;
    }
    const tag = startTagAt(source, i, end);
    if (tag === 'cut') {
      stop = { offset: i, reason: `expected '>' closing the start tag, found the end of the text` };
      break;
    }
    if (!tag) {
      strayLessThan(i);
      continue;
    }
    if (lostClosingTag()) closeTop(i, 'lost');
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChildElement = true;
    if (!root) root = tag.name;
    elements++;
    out.push(tag.rebuilt);
    i = tag.end;
    if (tag.selfClosing) {
      closedElements++;
      if (stack.length === 0) break;
      continue;
    }
    stack.push({ name: tag.name, text: '', hasChildElement: false, lastTextOut: -1 });
    if (stack.length > XML_LIMITS.maxDepth) {
      stop = {
        offset: i,
        reason: `expected at most ${XML_LIMITS.maxDepth} levels of nesting, found more; the rest was not read`,
      };
      break;
    }
  }

  function strayLessThan(at: number): void {
    note(at, () => `expected a tag after '<', found ${JSON.stringify(source.slice(at, at + 12))}: read as text`);
    const top = stack[stack.length - 1];
    if (top) {
      top.text += '<';
      top.lastTextOut = out.length;
    }
    out.push('&lt;');
    i = at + 1;
  }

  const openAtEnd = stack.map((e) => e.name);
  const complete = openAtEnd.length === 0 && !stop;
  let spanEnd = i;
  if (!complete) {
    while (spanEnd > start && SPACE.test(source[spanEnd - 1] ?? '')) spanEnd--;
    if (!stop) {
      const innermost = openAtEnd[openAtEnd.length - 1] ?? '';
      const others = openAtEnd.length - 1;
      const more = others > 0 ? ` (and ${others} more closing ${others === 1 ? 'tag' : 'tags'})` : '';
      const found =
        i >= source.length || i >= limit ? 'the end of the text' : `more than ${XML_LIMITS.maxChars} characters`;
      stop = { offset: spanEnd, reason: `expected </${innermost}>${more}, found ${found}` };
    }
    for (let k = stack.length - 1; k >= 0; k--) out.push(`</${parserName(stack[k]?.name ?? '')}>`);
  }
  return {
    start,
    end: spanEnd,
    complete,
    repaired: out.join(''),
    root,
    ...(declaration !== undefined ? { declaration } : {}),
    closedElements,
    elements,
    openAtEnd,
    ...(stop ? { stop } : {}),
    problems,
  };
}

function findOpen(stack: OpenElement[], name: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]?.name === name) return k;
  return -1;
}

function nameAt(source: string, at: number): string | undefined {
  NAME.lastIndex = at;
  const m = NAME.exec(source);
  return m ? m[0] : undefined;
}

/** `<name attr="v" ...>` or `/>` at `at`; 'cut' when the text ends inside it; undefined when it is no tag. */
function startTagAt(source: string, at: number, end: number): StartTag | 'cut' | undefined {
  if (source[at] !== '<') return undefined;
  const name = nameAt(source, at + 1);
  if (!name) return undefined;
  const stopAt = Math.min(end, at + XML_LIMITS.maxTagChars);
  let i = at + 1 + name.length;
  let rebuilt = '<' + parserName(name);
  for (;;) {
    let spaced = false;
    while (i < stopAt && SPACE.test(source[i] ?? '')) {
      i++;
      spaced = true;
    }
    if (i >= stopAt) return stopAt === end ? 'cut' : undefined;
    const c = source[i];
    if (c === '>') return { name, rebuilt: rebuilt + '>', selfClosing: false, end: i + 1 };
    if (c === '/') {
      if (i + 1 >= stopAt) return stopAt === end ? 'cut' : undefined;
      return source[i + 1] === '>' ? { name, rebuilt: rebuilt + '/>', selfClosing: true, end: i + 2 } : undefined;
    }
    if (!spaced) return undefined;
    const attr = nameAt(source, i);
    if (!attr) return undefined;
    i += attr.length;
    while (i < stopAt && SPACE.test(source[i] ?? '')) i++;
    if (i >= stopAt) return stopAt === end ? 'cut' : undefined;
    if (source[i] !== '=') return undefined; // attributes without values are HTML, not XML
    i++;
    while (i < stopAt && SPACE.test(source[i] ?? '')) i++;
    if (i >= stopAt) return stopAt === end ? 'cut' : undefined;
    const quote = source[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = source.indexOf(quote, i + 1);
    if (close < 0 || close >= stopAt) return stopAt === end ? 'cut' : undefined;
    const value = source.slice(i + 1, close);
    if (value.includes('<')) return undefined;
    rebuilt += ` ${parserName(attr)}=${quote}${value}${quote}`;
    i = close + 1;
  }
}

/** `</name>` at `at`; 'cut' when the text ends inside it; undefined when it is no end tag. */
function endTagAt(source: string, at: number, end: number): { name: string; end: number } | 'cut' | undefined {
  const name = nameAt(source, at + 2);
  if (!name) return at + 2 >= end ? 'cut' : undefined;
  let i = at + 2 + name.length;
  while (i < end && i < at + 256 && SPACE.test(source[i] ?? '')) i++;
  if (i >= end) return 'cut';
  return source[i] === '>' ? { name, end: i + 1 } : undefined;
}
