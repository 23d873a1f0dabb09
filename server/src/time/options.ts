/**
 * What the settings say about time, the one shape both the record model of open documents and the
 * indexer take: overrides of zone abbreviations, the year of stamps that print none, and the offset
 * of stamps that print no zone (with the sentence a hover gives as its source), and the days of the
 * file's case with their years (for year-less files that say no year anywhere, `model/caseYear.ts`).
 */
export interface TimeOptions {
  zoneOverrides?: Readonly<Record<string, string>>;
  settingsYear?: number;
  zonelessOffset?: { minutes: number; source: string };
  /** Days (`MM-DD`) the case's dated files print, with their year; plain data (it goes to index workers). */
  caseDays?: Readonly<Record<string, { year: number; source: string }>>;
}
