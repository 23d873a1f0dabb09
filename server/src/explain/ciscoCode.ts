/**
 * Hovers for Cisco message codes (`%MIVR-SS_CHAT-7-UNK`, `%CCBU__CCPPUBLICAPPS-6-CHAT_CREATED`):
 * product, facility, severity and mnemonic, with the flow step a known mnemonic marks.
 */

import { describeCiscoCode, findCiscoCodes, type CiscoCode } from '../decode/ciscoCode';
import { mnemonicMeaning } from '../decode/ciscoMnemonics';
import { describeFlowSteps } from '../decode/flowUrls';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, table, type Cell, problemList } from '../render/markdown';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

export function renderCiscoCode(decoded: Decoded<CiscoCode>): string {
  const code = decoded.value;
  const meaning = describeCiscoCode(code);
  const out: string[] = [`**Cisco message code** ${inlineCode(code.text.replace(/\s+/g, ' '))}`];
  const rows: Cell[][] = [];
  if (code.product !== undefined) {
    rows.push([
      'Product',
      { raw: inlineCode(code.product) },
      meaning.product ? `${meaning.product.name}: ${meaning.product.description}` : 'not in the table',
    ]);
  }
  const facilityMeaning = meaning.facility
    ? meaning.facility.meaning +
      (meaning.facility.fromName ? ' (meaning read from the name)' : '') +
      (meaning.facility.code !== code.facility ? ` (written ${code.facility}, usually ${meaning.facility.code})` : '')
    : 'not in the table';
  rows.push(['Facility', { raw: inlineCode(code.facility) }, facilityMeaning]);
  rows.push(['Severity', { raw: inlineCode(String(code.severity)) }, code.severityName]);
  const mnemonicText =
    code.mnemonic === ''
      ? 'missing'
      : meaning.mnemonic
        ? mnemonicMeaning(meaning.mnemonic, code.severity)
        : 'not in the table';
  rows.push([
    'Mnemonic',
    { raw: code.mnemonic ? inlineCode(code.mnemonic) : '' },
    mnemonicText + (code.wrapped ? ' (written on the next line)' : ''),
  ]);
  out.push(table(['Part', 'Value', 'Meaning'], rows));
  if (meaning.mnemonic?.flow) {
    out.push(
      describeFlowSteps(meaning.mnemonic.flow)
        .map((s) => `- ${escapeMarkdown(s)}`)
        .join('\n'),
    );
  }
  if (meaning.mnemonic?.advice)
    out.push(`**${escapeMarkdown('What it means')}** ${escapeMarkdown(meaning.mnemonic.advice)}`);
  if (decoded.problems.length > 0) out.push(problemList(decoded.problems));
  return out.join('\n\n');
}

export const ciscoCodeExplainer: Explainer = {
  id: 'cisco-code',
  find(record: string): ExplainMatch[] {
    return findCiscoCodes(record).map((decoded) => ({
      start: decoded.value.start,
      end: decoded.value.end,
      render: (_ctx: ExplainContext) => renderCiscoCode(decoded),
    }));
  },
};
