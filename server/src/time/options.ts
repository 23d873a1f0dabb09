/**
 * What the settings say about time, the one shape both the record model of open documents and the
 * indexer take: overrides of zone abbreviations, the year of stamps that print none, and the offset
 * of stamps that print no zone (with the sentence a hover gives as its source).
 */
export interface TimeOptions {
  zoneOverrides?: Readonly<Record<string, string>>;
  settingsYear?: number;
  zonelessOffset?: { minutes: number; source: string };
}
