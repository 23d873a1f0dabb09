/**
 * The English month and weekday names that Java and Cisco's loggers print, in calendar order (index 0 =
 * January, 0 = Sunday). Shared by the decoders, the grammars and the benchmark corpus's writer.
 */

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** `Jan` ... `Dec`. */
export const MONTH_ABBREVIATIONS = MONTH_NAMES.map((m) => m.slice(0, 3));

/** `Sun` ... `Sat`. */
export const WEEKDAY_ABBREVIATIONS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
