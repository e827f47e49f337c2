// One XMPP account through @xmpp/client: roster friending, presence as status, group chats, direct commands.
// Parsing is in parse.ts, presence merging in presence.ts, room state in muc.ts, subscription policy in roster.ts.
import { trustAccountCa } from './ca.ts';
import { client, xml, type XmppClient } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import type { Adapter, AdapterSink, AdapterStatus, ChatEvent, Recipient } from '../../src/core/types.ts';
import type { XmppAccountConfig } from './config.ts';
import { NetworkError, errorMessage } from '../../src/core/errors.ts';
import { cleanText } from '../../src/core/text.ts';
import { Reconnector } from '../../src/core/retry.ts';
import { logger } from '../../src/log.ts';
import { catchUpRoom } from './archive.ts';
import { mamResult } from './mam.ts';
import { Rooms } from './muc.ts';
import { bare, parseMessage, parseOccupant, presenceOf, resourceOf, type XmppContext } from './parse.ts';
import { PresenceMerger } from './presence.ts';
import { VcardAvatars } from './avatar.ts';
import { decideSubscription } from './roster.ts';

const ROSTER = 'jabber:iq:roster';

export class XmppAdapter implements Adapter {
  readonly network: string;
  private xmpp: XmppClient | undefined;
  private sink: AdapterSink | undefined;
  private online = false;
  private stopping = false;
  private readonly reconnector = new Reconnector({
    initialMs: 1000,
    maxMs: 120_000,
    connect: async () => {
      if (this.stopping || !this.xmpp || this.xmpp.status !== 'disconnect') return;
      await this.xmpp.reconnect.reconnect();
    },
    log: (delay, n) => this.log.warn(`disconnected; reconnecting in ${Math.round(delay / 1000)} s (attempt ${n})`),
  });
  private readonly log;
  private readonly account: string;
  private readonly rooms: Rooms;
  private readonly merger = new PresenceMerger();
  private readonly avatars = new VcardAvatars();
  private readonly roster = new Map<string, string>();
  /** Rooms that hide who is who from Meshline, warned about once. */
  private readonly hidingRooms = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private stopPing: (() => void) | undefined;
  private refused: string | undefined;
  /** Archive results of the queries in flight, by query id; they are stored in order once a page is complete. */
  private readonly mamPages = new Map<string, ReturnType<typeof mamResult>[]>();

  constructor(private readonly opts: XmppAccountConfig) {
    this.network = opts.name;
    this.account = opts.jid.toLowerCase();
    this.log = logger(`xmpp:${opts.name}`);
    const local = this.account.split('@')[0]!;
    this.rooms = new Rooms(
      opts.rooms.map((r) => ({ jid: r.jid.toLowerCase(), nick: r.nick ?? local, create: r.create })),
    );
  }

  private get ctx(): XmppContext {
    return {
      network: this.network,
      account: this.account,
      now: Date.now,
      isRoom: this.rooms.isRoom,
      occupant: this.rooms.occupant,
      ownNick: this.rooms.ownNick,
      messageBySid: (room, sid) => this.bySid.get(`${room}|${sid}`),
    };
  }

  /** Recent room messages by the stanza-id the room gave them, for the reactions that name them so (XEP-0444). */
  private readonly bySid = new Map<string, string>();

  /** Resolves once logged in; rejects if the first login fails (the runtime retries with backoff). */
  async start(sink: AdapterSink): Promise<void> {
    this.sink = sink;
    this.stopping = false;
    this.reconnector.reset();
    const [local, domain] = this.account.split('@') as [string, string];
    trustAccountCa(domain, this.opts.service, this.opts.caFile);
    const xmpp = client({
      ...(this.opts.service ? { service: this.opts.service } : {}),
      domain,
      resource: this.opts.resource,
      username: local,
      password: this.opts.password,
    });
    this.xmpp = xmpp;
    // Reconnects use the shared backoff helper instead of the library's fixed delay.
    xmpp.reconnect.stop();
    xmpp.on('error', (err) => this.log.warn(`connection error: ${err.condition ?? errorMessage(err)}`));
    xmpp.on('stanza', (el) => {
      const archived = el.is('message') ? mamResult(el) : null;
      if (archived && this.mamPages.has(archived.queryId))
        return void this.mamPages.get(archived.queryId)!.push(archived);
      if (!this.stopping)
        this.queue = this.queue.then(() => this.onStanza(el)).catch((err) => this.log.error('stanza failed', err));
    });
    xmpp.on('online', () => {
      this.queue = this.queue
        .then(() => this.onOnline())
        .catch((err) => this.log.error('setting up the session failed', err));
    });
    xmpp.on('disconnect', () => this.onDisconnect());
    try {
      await xmpp.start();
    } catch (err) {
      await xmpp.stop().catch(() => undefined);
      throw new NetworkError(`cannot log in as ${this.account}: ${errorMessage(err)}`, {
        cause: err,
        transient: !/not-authorized|certificate/i.test(errorMessage(err)),
      });
    }
  }

  private async onOnline(): Promise<void> {
    const xmpp = this.xmpp!;
    if (!xmpp.socket?.secure && !this.opts.allowPlaintext) {
      this.log.error(
        `the connection to ${this.opts.service ?? this.account.split('@')[1]} is not encrypted; set ` +
          `xmpp.accounts[].allowPlaintext only for a trusted local server`,
      );
      this.refused = 'refused: the connection is not encrypted (allowPlaintext is false)';
      await this.shutdown();
      return;
    }
    this.reconnector.connected();
    // The roster first: prosody pushes subscription changes only to resources that asked for it.
    const result = await xmpp.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: ROSTER })));
    this.roster.clear();
    for (const item of result.getChild('query', ROSTER)?.getChildren('item') ?? [])
      this.roster.set(bare(item.attrs.jid ?? ''), item.attrs.subscription ?? 'none');
    await xmpp.send(xml('presence', {}, xml('status', {}, 'Meshline: send "help" for commands')));
    for (const p of this.rooms.joinStanzas()) await xmpp.send(p);
    this.stopPing?.();
    this.stopPing = this.sink?.every('ping', this.opts.pingSeconds, () => this.ping());
    this.online = true;
    this.log.info(
      `online as ${xmpp.jid?.toString()}, ${this.roster.size} contacts, joining ${this.rooms.configs.length} rooms`,
    );
  }

  private async ping(): Promise<void> {
    if (!this.online || !this.xmpp) return;
    try {
      // A ping must be answered before the next is due (at most 15 s), or the connection is taken for dead.
      await this.xmpp.iqCaller.request(
        xml('iq', { type: 'get', to: this.account.split('@')[1] }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
        Math.min(15_000, this.opts.pingSeconds * 1000),
      );
    } catch (err) {
      this.log.warn(
        `ping failed (${errorMessage(err) || `no answer within ${Math.min(15, this.opts.pingSeconds)} s`}); ` +
          `reconnecting`,
      );
      await this.xmpp.disconnect().catch(() => undefined);
    }
  }

  private onDisconnect(): void {
    this.online = false;
    this.rooms.reset();
    this.merger.clear();
    if (this.stopping) return;
    // A failed attempt both disconnects and rejects: one reconnect loop counts it once.
    this.reconnector.lost();
  }

  private async onStanza(el: Element): Promise<void> {
    if (el.is('presence')) return this.onPresence(el);
    if (el.is('message')) {
      const ev = parseMessage(el, this.ctx);
      if (ev?.kind === 'direct') {
        const operatorOf = this.rooms.operatedBy(ev.sender.id);
        return this.emit(operatorOf.length ? { ...ev, operatorOf } : ev);
      }
      await this.emit(ev);
      this.rememberSid(el, ev);
      await this.advanceCursor(el);
    }
  }

  private rememberSid(el: Element, ev: ChatEvent | null): void {
    if (ev?.kind !== 'message' || !ev.msgId) return;
    const room = ev.room.id;
    const sid = el.getChildren('stanza-id', 'urn:xmpp:sid:0').find((s) => bare(s.attrs.by ?? '') === room)?.attrs.id;
    if (!sid) return;
    if (this.bySid.size >= 10_000) this.bySid.delete(this.bySid.keys().next().value!);
    this.bySid.set(`${room}|${sid}`, ev.msgId);
  }

  /** A live room message with the room's stanza-id moves that room's archive cursor, once it is stored. */
  private async advanceCursor(el: Element): Promise<void> {
    const room = bare(el.attrs.from ?? '');
    if (el.attrs.type !== 'groupchat' || !this.rooms.isRoom(room) || el.getChild('delay', 'urn:xmpp:delay')) return;
    const sid = el.getChildren('stanza-id', 'urn:xmpp:sid:0').find((s) => bare(s.attrs.by ?? '') === room)?.attrs.id;
    if (sid) await this.sink?.saveState(`mam:${room}`, sid);
  }

  /** After (re)joining a room: what was said while we were away, from its archive (see archive.ts). */
  private async catchUp(room: string): Promise<void> {
    if (!this.xmpp || !this.sink) return;
    const fetched = await catchUpRoom(room, {
      iq: this.xmpp.iqCaller,
      sink: this.sink,
      pages: this.mamPages,
      store: (message, at) =>
        this.emit(parseMessage(message, this.ctx, { live: false, ...(at !== undefined ? { at } : {}) })),
    }).catch((err) => {
      this.log.warn(
        `${room} has no archive we can read (${errorMessage(err)}); messages sent while Meshline was away are not ` +
          `fetched`,
      );
      return 0;
    });
    if (fetched) this.log.info(`${room}: ${fetched} messages from the archive since Meshline was last there`);
  }

  private async onPresence(el: Element): Promise<void> {
    const from = el.attrs.from ?? '';
    const who = bare(from);
    const type = el.attrs.type;
    const occupant = parseOccupant(el);
    if (occupant) {
      this.rooms.occupantChanged(occupant);
      if (occupant.codes.includes('110') && !occupant.unavailable)
        this.checkWhoIsWho(occupant.room, occupant.codes, occupant.role);
      if (occupant.codes.includes('110') && occupant.codes.includes('201')) await this.created(occupant.room);
      // Right here, inside the stanza queue: live messages wait behind the catch-up, so posts keep their order.
      else if (occupant.codes.includes('110') && !occupant.unavailable) await this.catchUp(occupant.room);
      // An occupant's status in the room is one more source for the person, when the room says who they are.
      if (occupant.jid && !occupant.codes.includes('110')) {
        await this.statusFrom(
          bare(occupant.jid),
          `room:${occupant.room}`,
          presenceOf(type, occupant.show),
          occupant.status,
          occupant.nick,
        );
      }
      return;
    }
    if (type === 'error' || who === this.account) return;
    if (type === 'subscribe') return this.subscribeRequest(who);
    if (type === 'unsubscribe' || type === 'unsubscribed') {
      await this.xmpp?.send(xml('presence', { to: who, type: 'unsubscribed' }));
      this.merger.clear(who);
      if (this.roster.get(who) === 'gone') return;
      this.roster.set(who, 'gone');
      return this.emit(this.event(who, { kind: 'subscription', state: 'unsubscribe' }));
    }
    if (type === 'subscribed' || type === 'probe') return;
    const avatar = await this.avatars.fromPresence(who, el, this.xmpp!.iqCaller).catch((err) => {
      this.log.warn(`no vCard photo from ${who}: ${errorMessage(err)}`);
      return undefined;
    });
    if (avatar !== undefined) await this.emit(this.event(who, { kind: 'profile', avatar }));
    await this.statusFrom(
      who,
      resourceOf(from) || 'default',
      presenceOf(type, el.getChildText('show')),
      (el.getChildText('status') ?? '').trim(),
      who.split('@')[0]!,
    );
  }

  private async statusFrom(
    who: string,
    source: string,
    presence: ReturnType<typeof presenceOf>,
    text: string,
    display: string,
  ): Promise<void> {
    const merged = this.merger.update(who, source, presence, cleanText(text));
    if (merged)
      await this.emit({
        ...this.event(who, { kind: 'status', presence: merged.presence, text: merged.text }),
        sender: { id: who, display, verified: true },
      });
  }

  /**
   * Friending is only seeing each other's presence: who may opt in is the core's decision (admins answer there), so
   * a request is accepted unless the allow-list refuses it outright.
   */
  private async subscribeRequest(who: string): Promise<void> {
    const decision = decideSubscription(who, this.opts.subscriptions, this.opts.allow);
    if (decision === 'deny' && !this.opts.admins.length) {
      this.log.info(`subscription from ${who} refused by the allow-list`);
      await this.xmpp?.send(xml('presence', { to: who, type: 'unsubscribed' }));
      return;
    }
    await this.xmpp?.send(xml('presence', { to: who, type: 'subscribed' }));
    await this.xmpp?.send(xml('presence', { to: who, type: 'subscribe' }));
    this.roster.set(who, 'both');
    await this.emit(this.event(who, { kind: 'subscription', state: 'subscribe' }));
  }

  /**
   * In a semi-anonymous room only moderators see occupants' real JIDs; without them nobody's messages there can be
   * tied to a person who opted in, so they are all dropped: say so once, and what the room's owner can change.
   */
  private checkWhoIsWho(room: string, codes: readonly string[], role: string): void {
    const hidden = !codes.includes('100') && role !== 'moderator';
    if (!hidden) return void this.hidingRooms.delete(room);
    if (this.hidingRooms.has(room)) return;
    this.hidingRooms.add(room);
    this.log.warn(
      `${room} hides occupants' real JIDs from Meshline (semi-anonymous, and Meshline is not a moderator): ` +
        "nobody's messages there can be published. Its owner can make the room non-anonymous (whois: anyone) or make " +
        'Meshline a moderator or admin.',
    );
  }

  private async created(room: string): Promise<void> {
    const cfg = this.rooms.configs.find((r) => r.jid === room);
    if (cfg?.create) {
      await this.xmpp?.iqCaller.request(Rooms.unlock(room));
      // Its archive starts now: after a restart, what was said meanwhile is fetched from its start.
      await this.sink?.saveState(`mam:${room}`, '');
      this.log.info(`created room ${room}`);
    } else {
      this.log.error(
        `room ${room} did not exist; leaving it (set create: true in its xmpp.accounts[].rooms entry to create it)`,
      );
      await this.xmpp?.send(xml('presence', { to: `${room}/${cfg?.nick ?? 'meshline'}`, type: 'unavailable' }));
    }
  }

  private event<K extends Pick<ChatEvent, 'kind'> & Record<string, unknown>>(who: string, rest: K) {
    return {
      network: this.network,
      account: this.account,
      at: Date.now(),
      sender: { id: who, display: who.split('@')[0]!, verified: true },
      ...rest,
    } as unknown as ChatEvent;
  }

  private async emit(ev: ChatEvent | null): Promise<void> {
    if (!ev || !this.sink) return;
    await this.sink
      .emit(ev)
      .catch((err) => this.log.error(`could not store a ${ev.kind} from ${ev.sender.display}`, err));
  }

  private async chat(to: string, text: string): Promise<void> {
    await this.xmpp?.send(
      xml(
        'message',
        { to, type: 'chat', id: `ml-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` },
        xml('body', {}, text),
      ),
    );
  }

  async sendDirect(to: Recipient, text: string): Promise<void> {
    if (!this.online) throw new NetworkError(`${this.network} is not connected`);
    await this.chat(to.id, text);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.online = false;
    // Let what arrived be stored before the runtime closes the store; nothing new is taken after this.
    await this.queue;
    await this.shutdown();
  }

  /** Leaves the server; also used from inside the stanza queue, so it must not wait for the queue. */
  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.reconnector.stop();
    this.online = false;
    this.stopPing?.();
    this.stopPing = undefined;
    await this.xmpp?.send(xml('presence', { type: 'unavailable' })).catch(() => undefined);
    await this.xmpp?.stop().catch((err) => this.log.warn(`did not stop cleanly: ${errorMessage(err)}`));
  }

  status(): AdapterStatus {
    if (this.refused) return { network: this.network, connected: false, detail: `${this.account}: ${this.refused}` };
    const hiding = this.hidingRooms.size ? `; hiding who is who: ${[...this.hidingRooms].join(', ')}` : '';
    return {
      network: this.network,
      connected: this.online,
      detail:
        `${this.account}, ${this.roster.size} contacts, ` +
        `${this.rooms.joinedCount()}/${this.rooms.configs.length} rooms joined${hiding}`,
    };
  }
}
