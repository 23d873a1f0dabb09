/**
 * Small text helpers written as loops instead of regular expressions whose trailing `\s*` or `[A-Z]+`
 * would be tried again from every starting position (quadratic on a long run of those characters).
 * Plain functions over strings, at the bottom of the import graph.
 */

/** `MakeAgentReadyInd` -> `MAKE_AGENT_READY_IND`; `ARMMediaLogin` -> `ARM_MEDIA_LOGIN`. */
export function snakeOf(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .toUpperCase();
}

/** `text` without any of `chars` at its end. */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without one trailing `marker` and the white space on either side of it; unchanged without one. */
export function withoutTrailingMarker(text: string, marker: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith(marker) ? trimmed.slice(0, trimmed.length - marker.length).trimEnd() : text;
}

/** Line breaks with the white space around them folded to one space, ends trimmed (a wrapped value on one line). */
export function foldLineBreaks(text: string): string {
  if (!text.includes('\n')) return text.trim();
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(' ');
}
