// Group chats (XEP-0045): what the bot knows of each room it sits in, and the stanzas to join and unlock one.
import { xml, type Element } from '@xmpp/xml';
import { bare, type Occupant } from './parse.ts';

export const MUC = 'http://jabber.org/protocol/muc';
const OWNER = 'http://jabber.org/protocol/muc#owner';

export interface RoomConfig {
  jid: string;
  nick: string;
  create: boolean;
}

export class Rooms {
  private readonly occupants = new Map<string, Map<string, Occupant>>();
  private readonly joined = new Set<string>();
  constructor(readonly configs: readonly RoomConfig[]) {}

  isRoom = (jid: string) => this.configs.some((r) => r.jid === jid);
  ownNick = (room: string) => this.configs.find((r) => r.jid === room)?.nick;
  occupant = (room: string, nick: string) => this.occupants.get(room)?.get(nick);
  joinedCount = () => this.joined.size;

  /** Joining asks for no history: what was said before is either stored already or was never ours to publish. */
  joinStanzas(): Element[] {
    return this.configs.map((r) =>
      xml('presence', { to: `${r.jid}/${r.nick}` }, xml('x', { xmlns: MUC }, xml('history', { maxstanzas: '0' }))),
    );
  }

  /** The instant-room form: a room we created stays locked until its owner submits it. */
  static unlock(room: string): Element {
    return xml(
      'iq',
      { type: 'set', to: room, id: `unlock-${room}` },
      xml('query', { xmlns: OWNER }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' })),
    );
  }

  occupantChanged(o: Occupant & { room: string; unavailable: boolean; codes: string[] }): void {
    let m = this.occupants.get(o.room);
    if (!m) this.occupants.set(o.room, (m = new Map()));
    if (o.unavailable) m.delete(o.nick);
    else
      m.set(o.nick, {
        nick: o.nick,
        affiliation: o.affiliation,
        ...(o.jid ? { jid: o.jid } : {}),
        ...(o.occupantId ? { occupantId: o.occupantId } : {}),
      });
    if (o.codes.includes('110')) o.unavailable ? this.joined.delete(o.room) : this.joined.add(o.room);
  }

  /** Rooms where this bare JID is owner or admin: they may turn publishing on or off. */
  operatedBy(jid: string): string[] {
    const out: string[] = [];
    for (const [room, m] of this.occupants) {
      for (const o of m.values())
        if (o.jid && bare(o.jid) === jid && (o.affiliation === 'owner' || o.affiliation === 'admin')) out.push(room);
    }
    return [...new Set(out)];
  }

  reset(): void {
    this.occupants.clear();
    this.joined.clear();
  }
}
