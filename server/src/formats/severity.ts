/**
 * One severity scale for every product. Cisco prints syslog levels 0 (emergency) to 7 (debug) inside
 * its message codes; ECE prints words; browsers and ICM traces print little or nothing. Everything is
 * mapped onto the syslog numbers, with TRACE below DEBUG and UNKNOWN for lines that say nothing.
 */
export const enum Severity {
  Emergency = 0,
  Alert = 1,
  Critical = 2,
  Error = 3,
  Warning = 4,
  Notice = 5,
  Info = 6,
  Debug = 7,
  Trace = 8,
  Unknown = 255,
}

export const SEVERITY_NAMES: Record<string, Severity> = {
  emergency: Severity.Emergency,
  alert: Severity.Alert,
  critical: Severity.Critical,
  error: Severity.Error,
  warning: Severity.Warning,
  notice: Severity.Notice,
  info: Severity.Info,
  debug: Severity.Debug,
  trace: Severity.Trace,
  unknown: Severity.Unknown,
};

export function severityName(s: Severity): string {
  switch (s) {
    case Severity.Emergency:
      return 'emergency';
    case Severity.Alert:
      return 'alert';
    case Severity.Critical:
      return 'critical';
    case Severity.Error:
      return 'error';
    case Severity.Warning:
      return 'warning';
    case Severity.Notice:
      return 'notice';
    case Severity.Info:
      return 'info';
    case Severity.Debug:
      return 'debug';
    case Severity.Trace:
      return 'trace';
    default:
      return 'unknown';
  }
}

/** Parses a scale name (`error`, `warning`...) as written in format files. */
export function severityFromName(name: string): Severity | undefined {
  return SEVERITY_NAMES[name.toLowerCase()];
}
