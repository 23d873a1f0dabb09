import type { Decoded } from '../result';
import { isBubbleChatConfig, readBubbleChatConfig, type BubbleChatConfig } from './bubbleChat';
import { isEceChatInitialize, readEceChatInitialize, type EceChatInitialize } from './eceInitialize';
import { parseJson, type ParsedJson } from './parse';
import { prettyJson, type PrettyJson } from './pretty';

export type { BubbleChatConfig } from './bubbleChat';
export type { EceChatInitialize } from './eceInitialize';
export { ECE_AVAILABILITY_NOTES, ECE_INITIALIZE_FIELDS, ECE_RESPONSE_TYPES } from './eceInitializeFields';
export { findJsonSpans, type JsonSpan } from './locate';
export { parseJson, type JsonStop, type ParsedJson } from './parse';
export type { PrettyJson } from './pretty';

/** What an embedded JSON text is, as far as it was read. */
export type DecodedJson =
  | (JsonCommon & { kind: 'bubble-chat-config'; bubbleChat: BubbleChatConfig })
  | (JsonCommon & { kind: 'ece-chat-initialize'; eceInitialize: EceChatInitialize })
  | (JsonCommon & { kind: 'json' });

interface JsonCommon {
  /** The parse: syntax tree (partial if cut off or invalid), completeness and where it stopped. */
  parsed: ParsedJson;
  /** The value printed with 2-space indentation (cut for huge values; `pretty.truncated` says so). */
  pretty: PrettyJson;
  /** A few words on the top-level value, e.g. `object, 8 properties`. */
  summary: string;
}

/**
 * Decodes the JSON value opening at `source[start]` (reading no further than `end`): parses it with
 * recovery, then recognises the bubble chat widget configuration and the ECE chat entry point
 * `initialize` response by their shape. Positions in `parsed.stop` and in the problems refer to
 * `source`. Never throws.
 */
export function decodeJson(source: string, start = 0, end = source.length): Decoded<DecodedJson> {
  const parsed = parseJson(source, start, end);
  const { root, text } = parsed;
  const common: JsonCommon = { parsed, pretty: prettyJson(root, text), summary: summarize(parsed) };
  let value: DecodedJson;
  if (root && isBubbleChatConfig(root)) {
    value = { ...common, kind: 'bubble-chat-config', bubbleChat: readBubbleChatConfig(root, text) };
  } else if (root && isEceChatInitialize(root)) {
    value = { ...common, kind: 'ece-chat-initialize', eceInitialize: readEceChatInitialize(root, text) };
  } else {
    value = { ...common, kind: 'json' };
  }
  return { value, problems: parsed.problems };
}

function summarize(parsed: ParsedJson): string {
  const root = parsed.root;
  if (!root) return 'nothing could be read';
  const count = root.children?.length ?? 0;
  const what =
    root.type === 'object'
      ? `object, ${count} ${count === 1 ? 'property' : 'properties'}`
      : root.type === 'array'
        ? `array, ${count} ${count === 1 ? 'item' : 'items'}`
        : root.type;
  return parsed.complete ? what : `${what} read before it stopped`;
}
