/**
 * Lanes and summaries of timeline events, from data (`lanes.json`): which product and process or
 * host wrote a record (`SocialMiner ccppublicapps`, `UCCX MIVR`, `CTI Server cglA`), and a one-line
 * summary of it (message code or mnemonic and the decoded essence, then the IDs it names). The data
 * is checked when loaded: a bad pattern or template is reported and left out, never thrown.
 */
import rawLanes from './lanes.json';

export interface LaneRule {
  product: string;
  lane: string;
  fallback: string;
  fileName?: RegExp;
  host?: string;
  /** Templates of the record's code, the first one whose fields are all there wins. */
  code?: string[];
  names?: Record<string, string>;
  messageSeparator?: string;
  /** This format's summaries, tried before the shared ones. */
  summaries?: SummaryRule[];
}

export interface SummaryRule {
  pattern: RegExp;
  text: string;
}

export interface LaneData {
  formats: Map<string, LaneRule>;
  summaries: SummaryRule[];
  problems: string[];
}

/** Characters of a message the summary patterns look at. */
const SUMMARY_SCAN = 4096;
const MAX_MESSAGE = 100;

let loaded: LaneData | undefined;

export function laneData(): LaneData {
  return (loaded ??= checkLaneData(rawLanes as unknown));
}

/** Validates lane data (the shape of `lanes.json`); what is wrong is left out and listed in `problems`. */
export function checkLaneData(raw: unknown): LaneData {
  const problems: string[] = [];
  const formats = new Map<string, LaneRule>();
  const summaries: SummaryRule[] = [];
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const f = (typeof r.formats === 'object' && r.formats !== null ? r.formats : {}) as Record<string, unknown>;
  const compileSummaries = (list: unknown, where: string): SummaryRule[] => {
    const out: SummaryRule[] = [];
    for (const s of Array.isArray(list) ? list : []) {
      const d = s as Record<string, unknown>;
      if (typeof d?.pattern !== 'string' || typeof d.text !== 'string') {
        problems.push(`lanes: a summary${where} needs "pattern" and "text"`);
        continue;
      }
      try {
        out.push({ pattern: new RegExp(d.pattern), text: d.text });
      } catch (e) {
        problems.push(`lanes: bad summary pattern${where} ${d.pattern} (${(e as Error).message})`);
      }
    }
    return out;
  };
  for (const [id, v] of Object.entries(f)) {
    const d = v as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || typeof d.product !== 'string' || typeof d.lane !== 'string') {
      problems.push(`lanes: format ${id} needs "product" and "lane" strings`);
      continue;
    }
    let fileName: RegExp | undefined;
    if (typeof d.fileName === 'string') {
      try {
        fileName = new RegExp(d.fileName);
      } catch (e) {
        problems.push(`lanes: format ${id}: bad fileName pattern (${(e as Error).message})`);
        continue;
      }
    }
    const names: Record<string, string> = {};
    if (typeof d.names === 'object' && d.names !== null)
      for (const [k, n] of Object.entries(d.names as Record<string, unknown>))
        if (typeof n === 'string') names[k.toLowerCase()] = n;
    const codes = (Array.isArray(d.code) ? d.code : [d.code]).filter((c): c is string => typeof c === 'string');
    const own = compileSummaries(d.summaries, ` of format ${id}`);
    formats.set(id, {
      product: d.product,
      lane: d.lane,
      fallback: typeof d.fallback === 'string' ? d.fallback : d.product,
      ...(fileName ? { fileName } : {}),
      ...(typeof d.host === 'string' ? { host: d.host } : {}),
      ...(codes.length > 0 ? { code: codes } : {}),
      ...(own.length > 0 ? { summaries: own } : {}),
      ...(typeof d.messageSeparator === 'string' && d.messageSeparator.length > 0
        ? { messageSeparator: d.messageSeparator }
        : {}),
      names,
    });
  }
  summaries.push(...compileSummaries(r.summaries, ''));
  return { formats, summaries, problems };
}

/** Fills `{field}`, `{file.group}` and `{field|names}`; undefined when a field it names is empty. */
export function fillTemplate(
  template: string,
  fields: Readonly<Record<string, string | undefined>>,
  fileGroups: Readonly<Record<string, string | undefined>>,
  names: Readonly<Record<string, string>> = {},
): string | undefined {
  let missing = false;
  const out = template.replace(/\{([A-Za-z.]{1,40})(\|names)?\}/g, (_, name: string, mapped: string | undefined) => {
    const v = name.startsWith('file.') ? fileGroups[name.slice(5)] : fields[name];
    if (v === undefined || v === '') {
      missing = true;
      return '';
    }
    return mapped ? (names[v.toLowerCase()] ?? v) : v;
  });
  return missing ? undefined : out.replace(/\s+/g, ' ').trim();
}

export interface LaneOf {
  product: string;
  lane: string;
  host?: string;
  code?: string;
  messageSeparator?: string;
  summaries?: readonly SummaryRule[];
}

/** The lane of a record of format `formatId` in file `baseName` with head fields `fields`. */
export function laneOf(
  formatId: string | undefined,
  baseName: string,
  fields: Readonly<Record<string, string | undefined>>,
): LaneOf {
  const rule = formatId ? laneData().formats.get(formatId) : undefined;
  if (!rule) return { product: 'Log', lane: baseName };
  const groups = (rule.fileName?.exec(baseName.slice(0, 300))?.groups ?? {}) as Record<string, string | undefined>;
  const lane =
    fillTemplate(rule.lane, fields, groups, rule.names) ??
    fillTemplate(rule.fallback, fields, groups, rule.names) ??
    rule.product;
  const host = rule.host ? fillTemplate(rule.host, fields, groups, rule.names) : undefined;
  let code: string | undefined;
  for (const c of rule.code ?? []) if ((code = fillTemplate(c, fields, groups, rule.names)) !== undefined) break;
  return {
    product: rule.product,
    lane,
    ...(host ? { host } : {}),
    ...(code ? { code } : {}),
    ...(rule.messageSeparator ? { messageSeparator: rule.messageSeparator } : {}),
    ...(rule.summaries ? { summaries: rule.summaries } : {}),
  };
}

/** The message of a record: after its head, or its last non-blank part between separators. */
export function messageOf(message: string, text: string, lane: LaneOf): string {
  if (!lane.messageSeparator) return message;
  const parts = text.slice(0, SUMMARY_SCAN * 4).split(lane.messageSeparator);
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i].trim() !== '') return parts[i].trim();
  return message;
}

/**
 * The essence of a message: the first summary pattern's text (the lane's format's own summaries first; a
 * summary whose text is empty says the message has none), else its first words.
 */
export function essenceOf(message: string, lane?: Pick<LaneOf, 'summaries'>): string {
  const m = message.slice(0, SUMMARY_SCAN).replace(/\s+/g, ' ').trim();
  for (const s of [...(lane?.summaries ?? []), ...laneData().summaries]) {
    const found = s.pattern.exec(m);
    if (!found) continue;
    const text = s.text === '' ? '' : fillTemplate(s.text, found.groups ?? {}, {});
    if (text !== undefined && (text !== '' || s.text === '')) return text;
  }
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 1)}…` : m;
}
