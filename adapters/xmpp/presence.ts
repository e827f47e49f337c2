// One person, several sources of presence (phone, laptop, rooms they sit in): one status, without flicker. Pure.
import type { Presence } from '../../src/core/types.ts';

interface Source {
  presence: Presence;
  text: string;
  seq: number;
}
export interface Merged {
  presence: Presence;
  text: string;
}

export class PresenceMerger {
  private readonly people = new Map<string, { sources: Map<string, Source>; last?: Merged }>();
  private seq = 0;

  /**
   * A source (a resource, or a room the person is in) changed. Returns the person's status when it changed:
   * the newest source with a text wins, else the newest source; offline only when every source is gone. A source
   * going offline while others stay changes nothing that is reported.
   */
  update(person: string, source: string, presence: Presence, text: string): Merged | null {
    let p = this.people.get(person);
    if (!p) this.people.set(person, (p = { sources: new Map() }));
    if (presence === 'offline') p.sources.delete(source);
    else {
      const before = p.sources.get(source);
      // A device repeating what it said (a reconnect) is not news and must not pull the status back to it.
      if (before && before.presence === presence && before.text === text) return null;
      p.sources.set(source, { presence, text, seq: ++this.seq });
    }
    const all = [...p.sources.values()].sort((a, b) => b.seq - a.seq);
    const pick = all.find((s) => s.text) ?? all[0];
    const merged: Merged = pick ? { presence: pick.presence, text: pick.text } : { presence: 'offline', text: '' };
    if (p.last && p.last.presence === merged.presence && p.last.text === merged.text) return null;
    if (!p.last && merged.presence === 'offline') return null;
    const fallback = presence === 'offline' && merged.presence !== 'offline';
    p.last = merged;
    // A device going away leaves another's older status showing: the person set nothing, so it is not news.
    return fallback ? null : merged;
  }

  /** Forget a person's sources (they unsubscribed), or everything (the connection dropped). */
  clear(person?: string): void {
    if (person) this.people.delete(person);
    else for (const p of this.people.values()) p.sources.clear();
  }
}
