/**
 * Hex colours written in logs, for LSP document colours: the bubble chat widget configuration
 * carries its colours as `"titleTextColor": "#0AB7D7"`, and Java `toString()` dumps of it as
 * `titleTextColor=#0AB7D7`.
 */

/** A colour in the text: [start, end) covers the `#...` digits; components are 0..1 as in LSP. */
export interface FoundColor {
  start: number;
  end: number;
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

export interface Rgba {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** Colours listed per text at most; a log full of them gains nothing from more. */
export const MAX_COLORS = 5000;

const HEX = '#(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})';
/** A whole quoted string that is a hex colour, anywhere: `"#0AB7D7"`. */
const QUOTED_HEX = new RegExp(`"(${HEX})"`, 'g');
/**
 * A hex colour after a key that names a colour (`…Color`, `…colour`, `background…`), with `:` or
 * `=` between, quoted or not. Every repetition is bounded, so the scan stays linear.
 */
const KEYED_HEX = new RegExp(
  `(?:colou?r|background)[A-Za-z0-9_-]{0,64}"?[ \\t]{0,8}[:=][ \\t]{0,8}"?[ \\t]{0,8}(${HEX})(?![0-9A-Za-z])`,
  'gi',
);

/** Finds `#RGB`, `#RRGGBB` and `#RRGGBBAA` colours, in text order, at most `limit` of them. */
export function findColors(text: string, limit = MAX_COLORS): FoundColor[] {
  if (!text.includes('#')) return [];
  const byStart = new Map<number, FoundColor>();
  for (const pattern of [QUOTED_HEX, KEYED_HEX]) {
    for (const m of text.matchAll(pattern)) {
      if (byStart.size >= limit) break;
      const hex = m[1] ?? '';
      const start = (m.index ?? 0) + m[0].length - hex.length - (pattern === QUOTED_HEX ? 1 : 0);
      if (!byStart.has(start)) byStart.set(start, { start, end: start + hex.length, ...parseHexColor(hex) });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** `#RGB`, `#RRGGBB` or `#RRGGBBAA` to 0..1 components; the caller has checked the form. */
export function parseHexColor(hex: string): Rgba {
  const digits = hex.replace(/^#/, '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const channel = (i: number): number => parseInt(full.slice(i, i + 2), 16) / 255;
  return { red: channel(0), green: channel(2), blue: channel(4), alpha: full.length === 8 ? channel(6) : 1 };
}

/**
 * How a picked colour is written back: `#RRGGBB` (upper case, as the widget configuration writes
 * it), first `#RRGGBBAA` when the colour is not opaque.
 */
export function colorPresentations(color: Rgba): string[] {
  const rgb = '#' + hex2(color.red) + hex2(color.green) + hex2(color.blue);
  const alpha = hex2(color.alpha);
  return alpha === 'FF' ? [rgb] : [rgb + alpha, rgb];
}

/** The one text a picked colour is written as: the first of `colorPresentations`. */
export function colorText(color: Rgba): string {
  return colorPresentations(color)[0] ?? '#000000';
}

function hex2(component: number): string {
  const value = Number.isFinite(component) ? Math.round(Math.min(1, Math.max(0, component)) * 255) : 0;
  return value.toString(16).toUpperCase().padStart(2, '0');
}
