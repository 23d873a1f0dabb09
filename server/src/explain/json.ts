import { decodeJson, ECE_AVAILABILITY_NOTES, findJsonSpans, type JsonSpan, type JsonStop } from '../decode/json';
import type { BubbleChatConfig, EceChatInitialize } from '../decode/json';
import { codeBlock, revealLineLink, escapeMarkdown, heading, inlineCode, table, type Cell } from '../render/markdown';
import { spanExplainer } from './spanExplainer';
import type { ExplainContext, Explainer } from './types';

/** Rows shown per table or list; a widget configuration is far smaller, hostile input is not. */
const MAX_ROWS = 40;
const PLACEHOLDER = /\$\{[A-Za-z0-9_.-]{1,64}\}/g;
/** How far back before the JSON the entry point is looked for. */
const REQUEST_LOOKBACK = 2048;
/** The request path (`/entrypoint/initialize/1001`) or a log's own words (`entry point 1001`). */
const ENTRY_POINT = /(?:\/entrypoint\/initialize\/|entry ?point[ :#=]{1,3})(\d{1,12})/gi;

/**
 * JSON written in a record: the bubble chat widget configuration (SocialMiner/UCCX, browser
 * console), the ECE chat entry point `initialize` response, or any other object or array.
 */
export const jsonExplainer: Explainer = spanExplainer('json', 'JSON', findJsonSpans, renderJsonHover);

/** Hover Markdown for the JSON text at `span` of `record`. */
export function renderJsonHover(record: string, span: JsonSpan, ctx: ExplainContext): string {
  const { value } = decodeJson(record, span.start, span.end);
  const parts: string[] = [];
  const complete = value.parsed.complete;
  if (value.kind === 'bubble-chat-config') parts.push(...renderBubbleChat(value.bubbleChat, complete));
  else if (value.kind === 'ece-chat-initialize') {
    parts.push(...renderEceInitialize(value.eceInitialize, entryPointBefore(record, span.start), complete));
  } else {
    parts.push(`${heading(complete ? 'JSON' : 'JSON (incomplete)')} ${escapeMarkdown(value.summary)}`);
    if (!complete && value.parsed.root) parts.push('The part that parsed:');
    if (value.parsed.root) parts.push(codeBlock(value.pretty.text, 'json'));
    if (value.pretty.truncated) parts.push(escapeMarkdown(`Showing the first ${value.pretty.lines} lines.`));
  }
  if (value.parsed.stop) parts.push(renderStop(value.parsed.stop, ctx));
  return parts.join('\n\n');
}

function renderBubbleChat(config: BubbleChatConfig, complete: boolean): string[] {
  const parts: string[] = [heading(`Bubble chat widget configuration${complete ? '' : ' (incomplete)'}`)];
  const identity: string[] = [];
  if (config.name !== undefined) identity.push(`widget ${inlineCode(config.name)}`);
  if (config.id !== undefined) identity.push(`id ${inlineCode(config.id)}`);
  if (config.feedId !== undefined) identity.push(`feed ${inlineCode(config.feedId)}`);
  if (identity.length) parts.push(capitalize(identity.join(' · ')));

  const flags: string[] = [];
  if (config.postChatRatingEnabled !== undefined)
    flags.push(`Post-chat rating: **${onOff(config.postChatRatingEnabled)}**`);
  if (config.proactiveChat !== undefined) flags.push(`Proactive chat: **${onOff(config.proactiveChat)}**`);
  if (config.fontFace !== undefined) flags.push(`Font: ${inlineCode(config.fontFace)}`);
  if (flags.length) parts.push(flags.join(' · '));

  if (config.styleTexts.length) {
    parts.push(
      table(
        ['Style text', 'Value'],
        limitRows(
          config.styleTexts.map((s) => [s.key, s.text]),
          2,
        ),
      ),
    );
  }
  if (config.problemStatements.length || config.problemStatementCaption !== undefined) {
    const caption =
      config.problemStatementCaption !== undefined ? `: ${escapeMarkdown(config.problemStatementCaption)}` : '';
    parts.push(`${heading('Problem statements')}${caption}`);
    if (config.problemStatements.length) {
      parts.push(
        table(
          ['Problem statement', 'CSQ'],
          limitRows(
            config.problemStatements.map((p) => [p.statement, p.csq]),
            2,
          ),
        ),
      );
    }
  }
  if (config.formFields.length) {
    const shown = config.formFields
      .slice(0, MAX_ROWS)
      .map((f) =>
        f.written !== undefined
          ? `- ${escapeMarkdown(f.name)} (written ${inlineCode(f.written)})`
          : `- ${escapeMarkdown(f.name)}`,
      );
    if (config.formFields.length > MAX_ROWS)
      shown.push(`- ${escapeMarkdown(`… ${config.formFields.length - MAX_ROWS} more`)}`);
    parts.push(`${heading('Form fields')}\n\n${shown.join('\n')}`);
  }
  if (config.messages.length) {
    const rows = config.messages.map((m): Cell[] => [m.key, { raw: withPlaceholders(m.text) }]);
    parts.push(table(['Message', 'Text'], limitRows(rows, 2)));
    const placeholders = [...new Set(config.messages.flatMap((m) => m.placeholders))];
    if (placeholders.length) {
      parts.push(
        `Placeholders: ${placeholders
          .slice(0, MAX_ROWS)
          .map((p) => inlineCode(p))
          .join(', ')}`,
      );
    }
  }
  if (config.colours.length) {
    parts.push(
      table(
        ['Colour', 'Value'],
        limitRows(
          config.colours.map((c): Cell[] => [c.key, { raw: inlineCode(c.value) }]),
          2,
        ),
      ),
    );
  }
  if (config.contextServiceFieldSets) {
    parts.push(`Context Service field sets: ${inlineCode(config.contextServiceFieldSets)}`);
  }
  parts.push(...renderUnexpected(config.unexpected));
  return parts;
}

function renderEceInitialize(response: EceChatInitialize, entryPoint: string | undefined, complete: boolean): string[] {
  const title =
    'ECE chat entry point initialize response' +
    (entryPoint ? ` (entry point ${entryPoint})` : '') +
    (complete ? '' : ' (incomplete)');
  const parts: string[] = [heading(title)];
  if (response.responseType !== undefined) {
    parts.push(
      `Availability: ${inlineCode(`responseType = ${response.responseType}`)}: ${escapeMarkdown(response.availability ?? '')}`,
    );
  }
  if (response.fields.length) {
    const rows = response.fields.map((f): Cell[] => [
      { raw: inlineCode(f.path) },
      { raw: inlineCode(f.value) },
      { raw: escapeMarkdown(f.meaning) + (f.documented ? '' : ' *(from the name only)*') },
    ]);
    parts.push(table(['Field', 'Value', 'Meaning'], limitRows(rows, 3)));
  }
  if (response.responseType !== undefined)
    parts.push(ECE_AVAILABILITY_NOTES.map((n) => `- ${escapeMarkdown(n)}`).join('\n'));
  parts.push(...renderUnexpected(response.unexpected));
  return parts;
}

function renderUnexpected(items: Array<{ path: string; value: string }>): string[] {
  if (!items.length) return [];
  const rows = items.map((u): Cell[] => [{ raw: inlineCode(u.path) }, u.value]);
  return [heading('Other fields'), table(['Path', 'Value'], limitRows(rows, 2))];
}

function renderStop(stop: JsonStop, ctx: ExplainContext): string {
  const line = ctx.recordLine + stop.line;
  const where = `line ${line + 1}, column ${stop.column + 1}`;
  return `Stopped at ${revealLineLink(where, { uri: ctx.uri, line })}: ${escapeMarkdown(stop.reason)}`;
}

/** Message text escaped, with each `${...}` placeholder shown as inline code. */
function withPlaceholders(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    out += escapeMarkdown(text.slice(last, at)) + inlineCode(m[0]);
    last = at + m[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}

function limitRows(rows: Cell[][], columns: number): Cell[][] {
  if (rows.length <= MAX_ROWS) return rows;
  const more: Cell[] = [`… ${rows.length - MAX_ROWS} more`, ...Array<Cell>(columns - 1).fill('')];
  return [...rows.slice(0, MAX_ROWS), more];
}

/** The entry point id written just before the JSON (the last one, nearest the JSON), if any. */
function entryPointBefore(record: string, start: number): string | undefined {
  const before = record.slice(Math.max(0, start - REQUEST_LOOKBACK), start);
  let id: string | undefined;
  for (const m of before.matchAll(ENTRY_POINT)) id = m[1];
  return id;
}

function onOff(flag: boolean): string {
  return flag ? 'on' : 'off';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
