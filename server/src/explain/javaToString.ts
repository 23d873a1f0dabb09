/**
 * Hovers for Java `toString()` dumps (`ContactEvent [operation=ADD, contactXML=ContactXML [...]]`,
 * `...Notification@1bbee47[enqueueTime=...,rule=...]`): the dump's fields as tables, nested
 * objects as their own sections, and lists of name/value objects (`UserExtensionField [name=X,
 * value=Y]`) as one Name | Value table. Epoch times among the fields are shown as dates.
 *
 * Calendar dumps are left to the calendar explainer, which checks them.
 */

import { readEpoch } from '../decode/epoch';
import {
  findJavaToStringDumps,
  nameValuePairs,
  objectLabel,
  scalarText,
  type JavaObject,
  type JavaValue,
} from '../decode/javaToString';
import type { Decoded } from '../decode/result';
import { escapeMarkdown, inlineCode, table, type Cell, problemList } from '../render/markdown';
import { instantSummary } from './epoch';
import type { ExplainContext, ExplainMatch, Explainer } from './types';

/** Limits that keep a hover readable (and cheap) for huge dumps. */
const MAX_ROWS = 200;
const MAX_SECTIONS = 30;
const MAX_CELL_CHARS = 300;
const MAX_PROBLEMS = 20;

const CALENDAR_CLASS = /(?:^|\.)(?:GregorianCalendar|BuddhistCalendar|JapaneseImperialCalendar)$/;

interface Budget {
  rows: number;
  sections: number;
  omitted: number;
}

export function renderJavaDump(dump: Decoded<JavaObject>, ctx: ExplainContext): string {
  const obj = dump.value;
  const out: string[] = [];
  let title = `**Java object** ${inlineCode(obj.className)}`;
  if (obj.hash !== undefined)
    title += ` ${escapeMarkdown('(identity hash')} ${inlineCode(obj.hash)}${escapeMarkdown(')')}`;
  if (!obj.closed) title += ` ${escapeMarkdown('(cut off)')}`;
  out.push(title);
  const budget: Budget = { rows: MAX_ROWS, sections: MAX_SECTIONS, omitted: 0 };
  renderObjectBody(obj, '', out, budget, ctx);
  if (budget.omitted > 0) out.push(escapeMarkdown(`… ${budget.omitted} more fields or sections not shown.`));
  if (dump.problems.length > 0) out.push(problemList(dump.problems, MAX_PROBLEMS));
  return out.join('\n\n');
}

/** Renders the fields of `obj` as a table, then one section per nested object or list of objects. */
function renderObjectBody(obj: JavaObject, path: string, out: string[], budget: Budget, ctx: ExplainContext): void {
  const rows: Cell[][] = [];
  const nested: { path: string; value: JavaValue; label: string }[] = [];
  obj.entries.forEach((entry, i) => {
    if (budget.rows <= 0) {
      budget.omitted++;
      return;
    }
    budget.rows--;
    const name = entry.name ?? `(value ${i + 1})`;
    const childPath = path ? `${path}.${name}` : name;
    const value = entry.value;
    if (value.kind === 'scalar') {
      rows.push([name, { raw: scalarCell(name, value, ctx) }]);
    } else if (value.kind === 'object') {
      const { inner, label } = unwrap(value);
      rows.push([name, { raw: `${inlineCode(label)} ${escapeMarkdown('(below)')}` }]);
      nested.push({ path: childPath, value: inner, label });
    } else if (value.items.every((item) => item.kind === 'scalar')) {
      const items = value.items.map((item) => inlineCode(truncate(scalarText(item) ?? '')));
      rows.push([name, { raw: items.length ? items.join(', ') : escapeMarkdown('(empty list)') }]);
    } else {
      rows.push([name, { raw: escapeMarkdown(`${value.items.length} items (below)`) }]);
      nested.push({ path: childPath, value, label: '' });
    }
  });
  out.push(table(['Field', 'Value'], rows));
  for (const child of nested) renderNested(child.path, child.value, child.label, out, budget, ctx);
}

function renderNested(
  path: string,
  value: JavaValue,
  label: string,
  out: string[],
  budget: Budget,
  ctx: ExplainContext,
): void {
  if (budget.sections <= 0) {
    budget.omitted++;
    return;
  }
  budget.sections--;
  if (value.kind === 'object') {
    out.push(
      `**${escapeMarkdown(path)}** ${inlineCode(label)}${value.closed ? '' : ' ' + escapeMarkdown('(cut off)')}`,
    );
    renderObjectBody(value, path, out, budget, ctx);
    return;
  }
  if (value.kind !== 'list') return;
  const pairs = nameValuePairs(value);
  if (pairs) {
    const first = value.items[0];
    const itemClass = first.kind === 'object' ? first.simpleName : '';
    out.push(`**${escapeMarkdown(path)}** ${escapeMarkdown(`(${pairs.length} × ${itemClass})`)}`);
    const rows = pairs
      .slice(0, Math.max(0, budget.rows))
      .map((p) => [p.name, { raw: inlineCode(truncate(p.value)) }] as Cell[]);
    budget.omitted += pairs.length - rows.length;
    budget.rows -= rows.length;
    out.push(table(['Name', 'Value'], rows));
    return;
  }
  value.items.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (item.kind === 'object') {
      const { inner, label: itemLabel } = unwrap(item);
      renderNested(itemPath, inner, itemLabel, out, budget, ctx);
    } else if (item.kind === 'list') {
      renderNested(itemPath, item, '', out, budget, ctx);
    } else if (budget.sections > 0) {
      budget.sections--;
      out.push(`**${escapeMarkdown(itemPath)}** ${inlineCode(truncate(scalarText(item) ?? ''))}`);
    }
  });
}

/** `ChatContact(Contact[...])`: a wrapper whose only entry is an unnamed object is shown as one. */
function unwrap(obj: JavaObject): { inner: JavaObject; label: string } {
  let inner = obj;
  let label = objectLabel(obj);
  for (let depth = 0; depth < 8; depth++) {
    const only = inner.entries.length === 1 ? inner.entries[0] : undefined;
    if (!only || only.name !== undefined || only.value.kind !== 'object') break;
    inner = only.value;
    label += ` > ${objectLabel(inner)}`;
  }
  return { inner, label };
}

function scalarCell(name: string, value: JavaValue, ctx: ExplainContext): string {
  const text = scalarText(value) ?? '';
  if (text.length === 0) return escapeMarkdown('(empty)');
  const epoch = readEpoch(name, text);
  if (epoch?.notSet) return `${inlineCode(text)} ${escapeMarkdown('(not set)')}`;
  if (epoch?.instant !== undefined) return `${inlineCode(text)} ${escapeMarkdown(instantSummary(epoch.instant, ctx))}`;
  return inlineCode(truncate(text));
}

function truncate(text: string): string {
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}… (${text.length} characters)` : text;
}

export const javaToStringExplainer: Explainer = {
  id: 'java-tostring',
  find(record: string): ExplainMatch[] {
    return findJavaToStringDumps(record)
      .filter((dump) => !CALENDAR_CLASS.test(dump.value.className))
      .map((dump) => ({
        start: dump.value.start,
        end: dump.value.end,
        render: (ctx: ExplainContext) => renderJavaDump(dump, ctx),
      }));
  },
};
