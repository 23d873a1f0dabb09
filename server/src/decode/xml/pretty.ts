import type { XmlElement, XmlNode } from './tree';

export interface PrettyXml {
  text: string;
  /** True when lines were left out because of the limits. */
  truncated: boolean;
  /** Lines printed (not counting the closing note). */
  lines: number;
}

export interface PrettyXmlLimits {
  maxLines: number;
  maxChars: number;
  maxLineChars: number;
}

export const PRETTY_XML_DEFAULTS: PrettyXmlLimits = { maxLines: 40, maxChars: 4000, maxLineChars: 300 };

/** Marks the innermost element that was still open where the log stopped. */
export const CUT_MARK = '<!-- … the log stops here -->';

/**
 * Re-indents a tree with 2 spaces: an element holding only text stays on one line. `cutAt` is the
 * chain of elements open where a cut-off text stopped; the mark goes inside the innermost one.
 */
export function prettyXml(
  root: XmlElement,
  declaration: string | undefined,
  cutAt: string[] = [],
  limits: PrettyXmlLimits = PRETTY_XML_DEFAULTS,
): PrettyXml {
  const out: string[] = [];
  let chars = 0;
  let truncated = false;
  const push = (line: string): void => {
    if (truncated) return;
    const cut = line.length > limits.maxLineChars ? line.slice(0, limits.maxLineChars) + '…' : line;
    if (out.length >= limits.maxLines || chars + cut.length > limits.maxChars) {
      truncated = true;
      return;
    }
    out.push(cut);
    chars += cut.length + 1;
  };
  const cutChain = openChain(root, cutAt);

  const write = (node: XmlNode, indent: string): void => {
    if (truncated) return;
    switch (node.kind) {
      case 'text':
        if (node.text) push(indent + escapeText(node.text));
        return;
      case 'comment':
        push(`${indent}<!--${node.text}-->`);
        return;
      case 'cdata':
        push(`${indent}<![CDATA[${node.text}]]>`);
        return;
      case 'element': {
        const open = `<${node.name}${node.attributes.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('')}`;
        const marked = cutChain[cutChain.length - 1] === node;
        if (node.children.length === 0 && !marked) {
          push(`${indent}${open}/>`);
          return;
        }
        const only = node.children[0];
        if (node.children.length === 1 && only?.kind === 'text' && !marked) {
          push(`${indent}${open}>${escapeText(only.text)}</${node.name}>`);
          return;
        }
        push(`${indent}${open}>`);
        for (const child of node.children) write(child, indent + '  ');
        if (marked) push(`${indent}  ${CUT_MARK}`);
        push(`${indent}</${node.name}>`);
      }
    }
  };

  if (declaration) push(declaration);
  write(root, '');
  const lines = out.length;
  if (truncated) out.push(`<!-- … cut here: longer than ${limits.maxLines} lines or ${limits.maxChars} characters -->`);
  return { text: out.join('\n'), truncated, lines };
}

/** The elements along the last-child path whose names follow `names` from the root. */
function openChain(root: XmlElement, names: string[]): XmlElement[] {
  const chain: XmlElement[] = [];
  let node: XmlElement | undefined = root;
  for (const name of names) {
    if (!node || node.name !== name) break;
    chain.push(node);
    const elements: XmlElement[] = node.children.filter((c): c is XmlElement => c.kind === 'element');
    node = elements[elements.length - 1];
  }
  return chain.length === names.length ? chain : [];
}

/** Text as readable as possible: only what would read as markup is escaped. */
function escapeText(text: string): string {
  return text.replace(/&(?=#?[A-Za-z0-9]{1,10};)/g, '&amp;').replace(/</g, '&lt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}
