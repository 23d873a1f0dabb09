import { builtinRegistry } from '../../../server/src/formats/registry';
import { detectFormat } from '../../../server/src/formats/sniff';
import { LogModel, type ModelOptions, type ParsedRecord } from '../../../server/src/model/logModel';

/** Builds a model of `text`, in the named format or the one detected from the text. */
export function modelOf(
  text: string,
  formatId?: string,
  options: Omit<ModelOptions, 'registry' | 'format'> = {},
): LogModel {
  const registry = builtinRegistry();
  const format = formatId ? registry.byId(formatId) : detectFormat(registry, '', text)?.format;
  if (formatId && !format) throw new Error(`no format ${formatId}`);
  return LogModel.build(text, { registry, ...(format ? { format } : {}), ...options });
}

/** The first record of `text`, parsed. */
export function firstRecord(
  text: string,
  formatId?: string,
  options: Omit<ModelOptions, 'registry' | 'format'> = {},
): ParsedRecord {
  const record = modelOf(text, formatId, options).parseRecord(0);
  if (!record) throw new Error(`no record in: ${text.slice(0, 80)}`);
  return record;
}

export function field(record: ParsedRecord, name: string): string | undefined {
  return record.fields.find((f) => f.name === name)?.text;
}

export function iso(record: ParsedRecord): string | undefined {
  return record.time ? new Date(record.time.instant).toISOString() : undefined;
}
