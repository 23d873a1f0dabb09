import type { Node } from 'jsonc-parser';
import { rawOf } from './nodes';

export interface PrettyJson {
  /** The value printed with 2-space indentation, cut at the limits. */
  text: string;
  /** True when lines were left out because of the limits. */
  truncated: boolean;
  /** Lines printed (not counting the closing note). */
  lines: number;
}

export interface PrettyLimits {
  maxLines: number;
  maxChars: number;
  /** Longest line kept; longer values are cut with an ellipsis. */
  maxLineChars: number;
}

export const PRETTY_DEFAULTS: PrettyLimits = { maxLines: 80, maxChars: 8000, maxLineChars: 400 };

/**
 * Prints a (possibly partial) syntax tree as 2-space indented JSON. Strings are shown decoded
 * (`Tel\u00e9fono` becomes `"Teléfono"`), numbers as written. Stops at the limits and says so in the
 * last line.
 */
export function prettyJson(root: Node | undefined, text: string, limits: PrettyLimits = PRETTY_DEFAULTS): PrettyJson {
  const out: string[] = [];
  let chars = 0;
  let truncated = false;

  const push = (line: string): boolean => {
    if (truncated) return false;
    const cut = line.length > limits.maxLineChars ? line.slice(0, limits.maxLineChars) + '…' : line;
    if (out.length >= limits.maxLines || chars + cut.length > limits.maxChars) {
      truncated = true;
      return false;
    }
    out.push(cut);
    chars += cut.length + 1;
    return true;
  };

  const write = (node: Node | undefined, indent: string, lead: string, comma: string): void => {
    if (truncated) return;
    if (!node) {
      push(`${indent}${lead}…${comma}`);
      return;
    }
    if (node.type === 'object' || node.type === 'array') {
      const [open, close] = node.type === 'object' ? ['{', '}'] : ['[', ']'];
      const children = node.children ?? [];
      if (children.length === 0) {
        push(`${indent}${lead}${open}${close}${comma}`);
        return;
      }
      if (!push(`${indent}${lead}${open}`)) return;
      const inner = indent + '  ';
      children.forEach((child, i) => {
        const sep = i < children.length - 1 ? ',' : '';
        if (child.type === 'property') {
          const key = child.children?.[0];
          const keyText = key ? JSON.stringify(String(key.value)) : '""';
          write(child.children?.[1], inner, `${keyText}: `, sep);
        } else {
          write(child, inner, '', sep);
        }
      });
      push(`${indent}${close}${comma}`);
      return;
    }
    push(`${indent}${lead}${scalar(node, text)}${comma}`);
  };

  write(root, '', '', '');
  const lines = out.length;
  if (truncated) out.push(`… (cut here: longer than ${limits.maxLines} lines or ${limits.maxChars} characters)`);
  return { text: out.join('\n'), truncated, lines };
}

function scalar(node: Node, text: string): string {
  switch (node.type) {
    case 'string':
      // Long strings are cut before stringifying so a huge value costs no more than a short one.
      return JSON.stringify(String(node.value).slice(0, 2000));
    case 'number':
      return rawOf(text, node);
    default:
      return String(node.value);
  }
}
