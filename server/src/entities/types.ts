/**
 * Entities are the IDs engineers follow across logs: a chat contact, a chat session, a room, an
 * agent under each of its names, an InvokeID... An occurrence is one place a line names one.
 * Recognition is by context only (a bare number is never an agent); the rules are data
 * (server/src/entities/defs/), the extractor applies them.
 */

import type { EntityKind } from './vocabulary';

export type { AgentNameKind, EntityKind } from './vocabulary';

export interface EntityOccurrence {
  kind: EntityKind;
  /**
   * Normalised key, unique across kinds: `contact:0D66B2241000016500235A740A4E5BA6`,
   * `agent:icm:6420`, `agent:uccx:Jabber@ge.nt1`, `invokeId:133121` (always decimal)...
   */
  key: string;
  /** The text as written (`0x20801`, `Jabber@ge.nt1`). */
  text: string;
  /** [start, end) offsets in the text given to the extractor. */
  start: number;
  end: number;
  /** True where the entity is born: SOCIAL_CONTACT_CREATED, MEDIA_LOGIN_REQ, the request of an InvokeID. */
  birth?: boolean;
}

/** Two keys that name the same thing, and the evidence. */
export interface EntityLink {
  a: string;
  b: string;
  /** Human sentence: "ICMAgentID 5033 and AgentInfo 1005 in one MEDIA_LOGIN_REQ". */
  why: string;
}

export interface Extraction {
  occurrences: EntityOccurrence[];
  links: EntityLink[];
}
