/**
 * Hovers for URLs that mark a step of a known flow (`/ccp/ui/BubbleChat.html?...&wid=1`,
 * `/uccx-webservices/chat/config/1`, `/system/egain/chat/entrypoint/initialize/1001`...): which
 * step of which flow, what the call does, and the ids it carries. The URL is shown as code, never
 * as a link.
 */

import { describeFlowSteps, findFlowUrls, type FlowUrl } from '../decode/flowUrls';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, problemList, table, type Cell } from '../render/markdown';
import type { ExplainMatch, Explainer } from './types';

export function renderFlowUrl(decoded: Decoded<FlowUrl>): string {
  const url = decoded.value;
  const entry = url.entry;
  const out: string[] = [
    `**${escapeMarkdown(entry.title)}** ${inlineCode(url.path)}`,
    describeFlowSteps(entry.where)
      .map((s) => `- ${escapeMarkdown(s)}`)
      .join('\n'),
    escapeMarkdown(entry.does),
    escapeMarkdown(`From ${entry.client} to ${entry.server}.`),
  ];
  const rows: Cell[][] = [];
  if (url.host !== undefined) rows.push(['host', { raw: inlineCode(url.host) }, 'server addressed']);
  for (const id of url.pathIds) rows.push([id.name, { raw: inlineCode(id.value) }, id.meaning ?? '']);
  for (const p of url.query) rows.push([p.name, { raw: inlineCode(p.value) }, p.meaning ?? 'query parameter']);
  if (rows.length > 0) out.push(table(['Id', 'Value', 'Meaning'], rows));
  if (decoded.problems.length > 0) out.push(problemList(decoded.problems));
  return out.join('\n\n');
}

export const flowUrlExplainer: Explainer = {
  id: 'flow-url',
  find(record: string): ExplainMatch[] {
    return findFlowUrls(record).map((found) => ({
      start: found.start,
      end: found.end,
      render: () => renderFlowUrl(found),
    }));
  },
};
