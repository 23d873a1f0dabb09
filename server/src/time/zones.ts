/**
 * Time-zone abbreviations as logs print them. Abbreviations are ambiguous (IST is India, Ireland and
 * Israel; CST is US Central and China), so each resolves through a default table that users override
 * in the `ccLogs.timeZones` setting, and every use is recorded as an assumption the hover can show.
 */

/** Default offsets in minutes east of UTC. IST defaults to India (+05:30), as in the UCCX logs of the seeds. */
export const DEFAULT_ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  SAST: 120,
  CAT: 120,
  EAT: 180,
  WAT: 60,
  GST: 240,
  PKT: 300,
  NPT: 345,
  ICT: 420,
  WIB: 420,
  SGT: 480,
  HKT: 480,
  AWST: 480,
  PHT: 480,
  CST: -360,
  CDT: -300,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  EST: -300,
  EDT: -240,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BRT: -180,
  ART: -180,
  CLT: -240,
  COT: -300,
  PET: -300,
};

/** Abbreviations with more than one common meaning: a hover says which one was taken. */
export const AMBIGUOUS_ZONES: Readonly<Record<string, string>> = {
  IST: 'India +05:30, Irish +01:00 or Israel +02:00',
  CST: 'US Central −06:00 or China +08:00',
  BST: 'British Summer +01:00 or Bangladesh +06:00',
  AST: 'Atlantic −04:00 or Arabia +03:00',
  GST: 'Gulf +04:00 or South Georgia −02:00',
};

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Parses a numeric offset as logs and settings write it: `+0530`, `+05:30`, `-8`, `GMT+0000`,
 * `UTC-05:00`, `Z`. Returns minutes east of UTC, or undefined.
 */
export function parseOffset(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Z' || t === 'UTC' || t === 'GMT') return 0;
  const m = /^(?:GMT|UTC)?([+-\u2212])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const mins = m[3] ? Number(m[3]) : 0;
  if (hours > 14 || mins > 59) return undefined;
  const total = hours * 60 + mins;
  return m[1] === '+' ? total : -total;
}

/** Resolves an abbreviation with user overrides (values are offset strings like `+05:30`). */
export function resolveZone(
  abbreviation: string,
  overrides: Readonly<Record<string, string>> | undefined,
): { offsetMinutes: number; source: 'setting' | 'default' } | undefined {
  const key = abbreviation.toUpperCase();
  const override = overrides?.[key] ?? overrides?.[abbreviation];
  if (override !== undefined) {
    const parsed = parseOffset(override);
    if (parsed !== undefined) return { offsetMinutes: parsed, source: 'setting' };
  }
  const def = DEFAULT_ZONE_OFFSETS[key];
  return def === undefined ? undefined : { offsetMinutes: def, source: 'default' };
}
