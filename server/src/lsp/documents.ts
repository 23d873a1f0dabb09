/**
 * The log documents the editor has open, each with its record model, rebuilt when its text changes.
 * The format comes from the document's language, or from sniffing when the language says nothing.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompiledFormat } from '../formats/compile';
import type { FormatRegistry } from '../formats/registry';
import { detectFormat } from '../formats/sniff';
import { LogModel } from '../model/logModel';
import { stripBom } from '../model/textDecoding';
import { formatOffset } from '../time/zones';
import type { Settings } from './settings';

interface Entry {
  version: number;
  settingsKey: string;
  model: LogModel;
}

export class LogModels {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly registry: () => FormatRegistry,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
  ) {}

  async get(doc: TextDocument): Promise<LogModel> {
    const settings = await this.settingsFor(doc.uri);
    const key = JSON.stringify(settings);
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsKey === key) return cached.model;
    const model = LogModel.build(stripBom(doc.getText()), {
      registry: this.registry(),
      ...withFormat(this.formatFor(doc)),
      zoneOverrides: settings.timeZones,
      ...(settings.defaultYear !== undefined ? { settingsYear: settings.defaultYear } : {}),
      ...(settings.zonelessOffsetMinutes !== undefined
        ? { zonelessOffset: { minutes: settings.zonelessOffsetMinutes, source: `setting ccLogs.zonelessOffset = ${formatOffset(settings.zonelessOffsetMinutes)}` } }
        : {}),
      ...withDate(fileDate(doc.uri)),
    });
    this.cache.set(doc.uri, { version: doc.version, settingsKey: key, model });
    return model;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  formatFor(doc: TextDocument): CompiledFormat | undefined {
    const byLanguage = this.registry().byLanguage(doc.languageId);
    if (byLanguage) return byLanguage;
    // A slice of the whole text: asking for a range would first index every line of a 100 MB document.
    const sample = doc.getText().slice(0, 65_536);
    return detectFormat(this.registry(), doc.uri, sample)?.format;
  }
}

function withFormat(format: CompiledFormat | undefined): { format?: CompiledFormat } {
  return format ? { format } : {};
}

function withDate(date: Date | undefined): { fileDate?: Date } {
  return date ? { fileDate: date } : {};
}

function fileDate(uri: string): Date | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fs.statSync(fileURLToPath(uri)).mtime;
  } catch {
    return undefined;
  }
}
