import type { Node } from 'jsonc-parser';
import { booleanOf, elementsOf, numberOf, propertiesOf, propertyOf, rawOf, shortText, textOf } from './nodes';

/**
 * The configuration of a UCCX bubble chat widget, as UCCX serves it to SocialMiner and SocialMiner
 * to the browser (`GET /ccp/bubblechat?wid=N`; UCCX reads it from its `chatbubble` table).
 */
export interface BubbleChatConfig {
  name?: string;
  /** Widget id (the `wid` of the widget URL), as written. */
  id?: string;
  feedId?: string;
  postChatRatingEnabled?: boolean;
  proactiveChat?: boolean;
  contextServiceFieldSets?: string;
  /** Caption shown above the problem statements. */
  problemStatementCaption?: string;
  /** Each problem statement the customer can pick and the CSQ (by its tag) the chat is routed to. */
  problemStatements: Array<{ statement: string; csq: string }>;
  /** Form fields in order; `written` keeps the JSON spelling when it used escapes (`Tel\u00e9fono`). */
  formFields: Array<{ name: string; written?: string }>;
  /** Message templates with the `${...}` placeholders each one uses. */
  messages: Array<{ key: string; text: string; placeholders: string[] }>;
  /** Colour settings of `chatForm.bubbleStyle` (key, `#RRGGBB` value as written). */
  colours: Array<{ key: string; value: string }>;
  fontFace?: string;
  /** Other texts of `bubbleStyle` (title, button text, captions). */
  styleTexts: Array<{ key: string; text: string }>;
  /** Anything not part of the known shape: JSON path and a short rendering of the value. */
  unexpected: Array<{ path: string; value: string }>;
}

const TOP_KEYS = new Set([
  'feedId',
  'postChatRatingEnabled',
  'messages',
  'contextServiceFieldSets',
  'chatForm',
  'proactiveChat',
  'name',
  'id',
]);
const SHAPE_KEYS = ['feedId', 'postChatRatingEnabled', 'messages', 'chatForm', 'proactiveChat'];
const PLACEHOLDER = /\$\{[A-Za-z0-9_.-]{1,64}\}/g;
const COLOUR_KEY = /colou?r/i;
const HEX_COLOUR = /^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$/;

/**
 * True when the object has the widget configuration's shape: three of its characteristic keys
 * (`feedId`, `postChatRatingEnabled`, `messages`, `chatForm`, `proactiveChat`), so a configuration
 * cut off before `chatForm` is still recognised.
 */
export function isBubbleChatConfig(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  const keys = new Set(propertiesOf(root).map((p) => p.key));
  return SHAPE_KEYS.filter((k) => keys.has(k)).length >= 3;
}

/** Reads the widget configuration from a (possibly partial) tree; `text` is the text it was parsed from. */
export function readBubbleChatConfig(root: Node, text: string): BubbleChatConfig {
  const config: BubbleChatConfig = {
    problemStatements: [],
    formFields: [],
    messages: [],
    colours: [],
    styleTexts: [],
    unexpected: [],
  };
  const unexpected = (path: string, node: Node | undefined): void => {
    // A property without a value is where a cut-off text ended; the stop position reports it.
    if (!node) return;
    config.unexpected.push({ path, value: shortText(text, node) });
  };

  for (const { key, value } of propertiesOf(root)) {
    if (!TOP_KEYS.has(key)) unexpected(key, value);
  }
  config.name = textOf(text, propertyOf(root, 'name'));
  const id = propertyOf(root, 'id');
  if (id && (id.type === 'number' || id.type === 'string')) config.id = shortText(text, id);
  config.feedId = scalarString(text, propertyOf(root, 'feedId'));
  config.postChatRatingEnabled = booleanOf(propertyOf(root, 'postChatRatingEnabled'));
  config.proactiveChat = booleanOf(propertyOf(root, 'proactiveChat'));
  config.contextServiceFieldSets = textOf(text, propertyOf(root, 'contextServiceFieldSets'));

  for (const { key, value } of propertiesOf(propertyOf(root, 'messages'))) {
    const message = textOf(text, value);
    if (message === undefined) {
      unexpected(`messages.${key}`, value);
      continue;
    }
    config.messages.push({ key, text: message, placeholders: [...new Set(message.match(PLACEHOLDER) ?? [])] });
  }

  const chatForm = propertyOf(root, 'chatForm');
  for (const { key, value } of propertiesOf(chatForm)) {
    if (key === 'bubbleStyle') readBubbleStyle(value, text, config, unexpected);
    else if (key === 'formFields') readFormFields(value, text, config, unexpected);
    else if (key === 'problemStatements') readProblemStatements(value, text, config, unexpected);
    else unexpected(`chatForm.${key}`, value);
  }
  return config;
}

type Unexpected = (path: string, node: Node | undefined) => void;

function readBubbleStyle(node: Node | undefined, text: string, config: BubbleChatConfig, unexpected: Unexpected): void {
  if (node?.type !== 'object') return unexpected('chatForm.bubbleStyle', node);
  for (const { key, value } of propertiesOf(node)) {
    const str = textOf(text, value);
    if (str === undefined) unexpected(`chatForm.bubbleStyle.${key}`, value);
    else if (key === 'fontFace') config.fontFace = str;
    else if (COLOUR_KEY.test(key) || HEX_COLOUR.test(str.trim())) config.colours.push({ key, value: str });
    else config.styleTexts.push({ key, text: str });
  }
}

function readFormFields(node: Node | undefined, text: string, config: BubbleChatConfig, unexpected: Unexpected): void {
  if (node?.type !== 'array') return unexpected('chatForm.formFields', node);
  elementsOf(node).forEach((element, i) => {
    const name = textOf(text, element);
    if (name === undefined) return unexpected(`chatForm.formFields[${i}]`, element);
    const written = rawOf(text, element).slice(1, -1);
    config.formFields.push(written.includes('\\') ? { name, written } : { name });
  });
}

function readProblemStatements(
  node: Node | undefined,
  text: string,
  config: BubbleChatConfig,
  unexpected: Unexpected,
): void {
  if (node?.type !== 'object') return unexpected('chatForm.problemStatements', node);
  for (const { key, value } of propertiesOf(node)) {
    if (key === 'caption' && textOf(text, value) !== undefined) config.problemStatementCaption = textOf(text, value);
    else if (key === 'statements' && value?.type === 'array') {
      elementsOf(value).forEach((element, i) => {
        const path = `chatForm.problemStatements.statements[${i}]`;
        for (const p of propertiesOf(element)) {
          if (p.key !== 'statement' && p.key !== 'csqTag') unexpected(`${path}.${p.key}`, p.value);
        }
        const statement = textOf(text, propertyOf(element, 'statement'));
        const csq = textOf(text, propertyOf(element, 'csqTag'));
        if (statement === undefined && csq === undefined) return unexpected(path, element);
        config.problemStatements.push({ statement: statement ?? '(missing)', csq: csq ?? '(missing)' });
      });
    } else unexpected(`chatForm.problemStatements.${key}`, value);
  }
}

/** A string or number as text (feed ids are strings in the seed, but nothing forbids a number). */
function scalarString(text: string, node: Node | undefined): string | undefined {
  if (node?.type === 'string') return String(node.value);
  if (node?.type === 'number') return numberOf(node) !== undefined ? rawOf(text, node) : undefined;
  return undefined;
}
