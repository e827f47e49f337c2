// The write transaction's memory between transactions (see tx.ts).
import type { Identity, Person, Room, TimelineKey } from '../core/model.ts';

/**
 * What the hot path remembers between transactions. Valid while this connection is the only writer:
 * the store clears it when SQLite's data_version says another connection committed, and after a rollback.
 */
export class WriteCache {
  heads = new Map<TimelineKey, { seq: number; dirty: boolean }>();
  identities = new Map<string, Identity | null>();
  identitiesByPerson = new Map<number, Identity[]>();
  peopleById = new Map<number, Person | null>();
  handles = new Map<string, number | null>();
  roomsByKey = new Map<string, Room | null>();
  lastStatus = new Map<number, string | null>();
  /** Recent mention notices per person (times), for the hourly limit. */
  notices = new Map<number, number[]>();
  /** Who follows what inside the site (target → people), loaded on first need: most sites have none. */
  follows: Map<string, number[]> | undefined;
  /** Whom each person blocked, loaded per person on first need. */
  blocks = new Map<number, Set<string>>();
  nextPostId: number | undefined;
  nextPersonId: number | undefined;
}
