// One IRC network through irc-framework: connect, follow AWAY and channel talk, send replies. Parsing is in parse.ts.
import IRC, { type Client } from 'irc-framework';
import type { Adapter, AdapterSink, AdapterStatus, ChatEvent, Recipient } from '../../src/core/types.ts';
import { NetworkError, errorMessage } from '../../src/core/errors.ts';
import { Reconnector } from '../../src/core/retry.ts';
import { logger } from '../../src/log.ts';
import { splitForIrc } from './formatting.ts';
import { Members } from './members.ts';
import { parseAway, parsePrivmsg, parseTagmsg, type IrcContext, type IrcEvent } from './parse.ts';

export interface IrcOptions {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  nick: string;
  altNicks: string[];
  sasl?: { account: string; password: string } | undefined;
  channels: string[];
  /** Bytes of text per line sent, leaving room for the prefix the server adds. */
  lineBytes: number;
  /** Lines sent at once before the throttle starts, and the gap between lines after that (ms). */
  burst: number;
  gapMs: number;
  /** How often to ask WHO of the bot's channels (without away-notify) and WHOIS of opted-in people elsewhere. */
  whoisPollSeconds: number;
}

/** WHOIS asked per round of watching people elsewhere: well under any server's flood limit. */
const WATCH_PER_ROUND = 5;

export class IrcAdapter implements Adapter {
  readonly network: string;
  private client: Client | undefined;
  private sink: AdapterSink | undefined;
  private registered = false;
  private stopping = false;
  private readonly log;
  private readonly reconnector = new Reconnector({
    initialMs: 1000,
    maxMs: 120_000,
    connect: () => {
      if (!this.stopping) this.client?.connect(this.connectOptions());
    },
    log: (delay, n) => this.log.warn(`disconnected; reconnecting in ${Math.round(delay / 1000)} s (attempt ${n})`),
  });
  private readonly accounts = new Map<string, string>();
  private readonly nickOfAccount = new Map<string, string>();
  private readonly outbox: { target: string; line: string }[] = [];
  private tokens: number;
  private pump: NodeJS.Timeout | undefined;
  /** The AWAY text last seen of each nick (lower-case). */
  private readonly lastAway = new Map<string, string>();
  private stopPolling: (() => void) | undefined;
  /** Channel operators as the server last told us (NAMES and MODE), channel → lower-case nicks. */
  private readonly ops = new Map<string, Set<string>>();
  private readonly members = new Members();
  private stopWatching: (() => void) | undefined;
  private watchTurn = 0;
  /** The services account the bot is logged in to, or why SASL failed. */
  private login: { account: string } | { failed: string } | undefined;

  constructor(private readonly opts: IrcOptions) {
    this.network = opts.name;
    this.tokens = opts.burst;
    this.log = logger(`irc:${opts.name}`);
  }

  private get ctx(): IrcContext {
    return {
      network: this.network,
      botNick: this.client?.user.nick ?? this.opts.nick,
      now: Date.now,
      accountOf: (n) => this.accounts.get(n.toLowerCase()),
      inChannel: (c, n) => this.members.has(c, n),
    };
  }

  /** Resolves once registered on the server; rejects if the first connection fails (the runtime retries). */
  start(sink: AdapterSink): Promise<void> {
    this.sink = sink;
    this.stopping = false;
    this.reconnector.reset();
    return new Promise((resolve, reject) => {
      const client = new IRC.Client();
      this.client = client;
      let nickTries = 0;
      client.on('registered', () => {
        this.registered = true;
        this.reconnector.connected();
        this.log.info(`connected to ${this.opts.host}:${this.opts.port} as ${client.user.nick}`);
        for (const ch of this.opts.channels) client.join(ch);
        this.startPolling();
        resolve();
      });
      client.on('userlist', (e: { channel: string; users: { nick: string; modes?: string[] }[] }) => {
        this.members.names(
          e.channel,
          e.users.map((u) => u.nick),
        );
        const ops = new Set<string>();
        for (const u of e.users) {
          if (u.modes?.some((m) => m === 'o' || m === 'q' || m === 'a')) ops.add(u.nick.toLowerCase());
        }
        this.ops.set(e.channel.toLowerCase(), ops);
        this.whoChannel(e.channel);
      });
      client.on('mode', (e: { target: string; modes: { mode: string; param?: string }[] }) => {
        const ops = this.ops.get(e.target.toLowerCase());
        for (const m of e.modes) {
          if (!ops || !m.param || !/^[+-][oqa]$/.test(m.mode)) continue;
          if (m.mode.startsWith('+')) ops.add(m.param.toLowerCase());
          else ops.delete(m.param.toLowerCase());
        }
      });
      client.on('loggedin', (e: { account: string }) => {
        this.login = { account: e.account };
        this.log.info(`logged in to services account ${e.account}`);
      });
      // Carrying on without the account is better than not being there at all; the operator is told why.
      client.on('sasl failed', (e: { reason: string; message?: string }) => {
        this.login = { failed: e.message ?? e.reason.replaceAll('_', ' ') };
        this.log.error(
          `SASL login as ${this.opts.sasl?.account} failed (${this.login.failed}); check irc.networks[].sasl for ` +
            `${this.network}; continuing without an account`,
        );
      });
      client.on('nick in use', () => {
        const next = this.opts.altNicks[nickTries++] ?? `${this.opts.nick}_${nickTries}`;
        client.changeNick(next);
      });
      client.on(
        'privmsg',
        (e: IrcEvent) => this.remember(e) && this.emit(this.withOps(parsePrivmsg(e, this.ctx), e.nick)),
      );
      client.on('action', (e: IrcEvent) => this.remember(e) && this.emit(parsePrivmsg(e, this.ctx, true)));
      // IRCv3 reactions (+draft/react on a TAGMSG, where the server passes client tags: inspircd's ircv3_ctctags).
      client.on('tagmsg', (e: IrcEvent) => this.emit(parseTagmsg(e, this.ctx)));
      client.on('away', (e: IrcEvent & { self?: boolean }) => {
        if (!e.self) this.awayChanged(e, e.message);
      });
      client.on('back', (e: IrcEvent & { self?: boolean }) => {
        if (!e.self) this.awayChanged(e, '');
      });
      client.on('join', (e: { nick: string; channel: string; account?: string | false }) => {
        this.members.joined(e.channel, e.nick);
        if (e.account) this.setAccount(e.nick, e.account);
      });
      client.on('part', (e: { nick: string; channel: string }) => this.members.left(e.channel, e.nick));
      client.on('kick', (e: { kicked: string; channel: string }) => this.members.left(e.channel, e.kicked));
      client.on('quit', (e: { nick: string }) => this.members.quit(e.nick));
      client.on('account', (e: { nick: string; account?: string | false }) =>
        this.setAccount(e.nick, e.account || undefined),
      );
      client.on('nick', (e: { nick: string; new_nick: string }) => {
        this.members.renamed(e.nick, e.new_nick);
        const away = this.lastAway.get(e.nick.toLowerCase());
        this.lastAway.delete(e.nick.toLowerCase());
        if (away !== undefined) this.lastAway.set(e.new_nick.toLowerCase(), away);
        const account = this.accounts.get(e.nick.toLowerCase());
        this.accounts.delete(e.nick.toLowerCase());
        if (account) this.setAccount(e.new_nick, account);
      });
      client.on('socket close', () => {
        const wasUp = this.registered;
        this.registered = false;
        this.login = undefined;
        this.members.clear();
        if (this.stopping) return;
        if (!wasUp && this.reconnector.attempts === 0) {
          reject(new NetworkError(`cannot connect to ${this.opts.host}:${this.opts.port}`));
          return;
        }
        this.reconnector.lost();
      });
      client.connect(this.connectOptions());
    });
  }

  private connectOptions() {
    return {
      host: this.opts.host,
      port: this.opts.port,
      tls: this.opts.tls,
      nick: this.opts.nick,
      username: this.opts.nick,
      gecos: 'Meshline',
      auto_reconnect: false,
      ...(this.opts.sasl ? { account: this.opts.sasl } : {}),
    };
  }

  /**
   * An AWAY change, from away-notify or from polling: posted only when the text changed. What polling finds the
   * first time is a snapshot: the state as it stands, set at some unknown time (maybe already posted).
   */
  private awayChanged(e: IrcEvent, text: string, polled = false): void {
    const key = e.nick.toLowerCase();
    const before = this.lastAway.get(key);
    this.lastAway.set(key, text);
    if (before === text || (before === undefined && !text)) return;
    const ev = parseAway({ ...e, message: text }, this.ctx, text !== '');
    this.emit(ev?.kind === 'status' && polled && before === undefined ? { ...ev, snapshot: true } : ev);
  }

  // The state when we arrive comes from WHO on each channel (who is away, and accounts where WHOX gives them) and WHOIS
  // of those away (for the text); without away-notify, that round repeats on a timer.
  private startPolling(): void {
    this.stopPolling?.();
    this.stopPolling = undefined;
    this.stopWatching?.();
    if (!this.sink) return;
    // People who opted in but share no channel with the bot: away-notify never tells about them, so ask WHOIS.
    this.stopWatching = this.sink.every('watch', this.opts.whoisPollSeconds, () => this.watchElsewhere());
    if (this.client?.network.cap.isEnabled('away-notify')) return;
    this.log.info(`no away-notify: asking WHO every ${this.opts.whoisPollSeconds} s`);
    this.stopPolling = this.sink.every('who-poll', this.opts.whoisPollSeconds, () => {
      for (const ch of this.ops.keys()) this.whoChannel(ch);
    });
  }

  /** WHOIS, a few per round so the server never sees a flood, of opted-in people in none of the bot's channels. */
  private async watchElsewhere(): Promise<void> {
    if (!this.registered || !this.sink) return;
    const ids = await this.sink.watched();
    const nicks = ids
      .map((id) => (id.startsWith('~') ? this.nickOfAccount.get(id.slice(1)) : id))
      .filter((n): n is string => !!n && ![...this.ops.keys()].some((ch) => this.members.has(ch, n)));
    // Round-robin across rounds, so everyone is asked in turn however many there are.
    const start = this.watchTurn % Math.max(1, nicks.length);
    const turn = [...nicks.slice(start), ...nicks.slice(0, start)].slice(0, WATCH_PER_ROUND);
    this.watchTurn += turn.length;
    for (const nick of turn) this.whoisAway(nick);
  }

  private whoChannel(channel: string): void {
    const client = this.client;
    if (!client || !this.registered) return;
    client.who(channel, (e) => {
      for (const u of e.users as { nick: string; away?: boolean; account?: string }[]) {
        if (u.nick.toLowerCase() === client.user.nick.toLowerCase()) continue;
        if (u.account) this.setAccount(u.nick, u.account);
        if (u.away) this.whoisAway(u.nick);
        else this.awayChanged({ nick: u.nick, message: '' }, '', true);
      }
    });
  }

  private readonly asking = new Set<string>();

  private whoisAway(nick: string): void {
    if (this.asking.has(nick.toLowerCase())) return;
    this.asking.add(nick.toLowerCase());
    this.client?.whois(nick, (w) => {
      this.asking.delete(nick.toLowerCase());
      if (typeof w.account === 'string') this.setAccount(nick, w.account);
      if (w.error || w.nick === undefined) return;
      this.awayChanged({ nick, message: '' }, typeof w.away === 'string' ? w.away : '', true);
    });
  }

  /** Direct messages say which channels the sender operates, so room commands can be checked by the core. */
  private withOps(ev: ChatEvent | null, nick: string): ChatEvent | null {
    if (ev?.kind !== 'direct') return ev;
    const operatorOf = [...this.ops].filter(([, ops]) => ops.has(nick.toLowerCase())).map(([channel]) => channel);
    return operatorOf.length ? { ...ev, operatorOf } : ev;
  }

  private setAccount(nick: string, account: string | undefined): void {
    if (account) {
      this.accounts.set(nick.toLowerCase(), account);
      this.nickOfAccount.set(account.toLowerCase(), nick);
    } else this.accounts.delete(nick.toLowerCase());
  }

  private remember(e: IrcEvent): true {
    const account = e.account || e.tags?.account;
    if (account && account !== '*') this.setAccount(e.nick, account);
    return true;
  }

  private emit(ev: ChatEvent | null): void {
    if (!ev || !this.sink) return;
    this.sink.emit(ev).catch((err) => this.log.error(`could not store a ${ev.kind} from ${ev.sender.display}`, err));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.reconnector.stop();
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.stopPolling?.();
    this.stopPolling = undefined;
    if (this.pump) clearInterval(this.pump);
    this.pump = undefined;
    this.client?.quit('Meshline stopping');
    this.registered = false;
  }

  /** Replies go out as NOTICEs (bots must not trigger other bots), split to the line limit and throttled. */
  async sendDirect(to: Recipient, text: string): Promise<void> {
    if (!this.registered || !this.client) throw new NetworkError(`${this.network} is not connected`);
    const nick = to.id.startsWith('~') ? this.nickOfAccount.get(to.id.slice(1)) : to.id;
    if (!nick) throw new NetworkError(`no nick known for account ${to.id.slice(1)} on ${this.network}`);
    for (const line of splitForIrc(text, this.lineLimit(nick))) this.outbox.push({ target: nick, line });
    this.drain();
  }

  /**
   * The bytes a NOTICE's text may have: the server relays ":nick!user@host NOTICE target :text\r\n" in 512 bytes,
   * so what is left after that frame (the host counted at its longest where the server has not said it), capped
   * by `lineBytes`. Lines go out as they are split here: irc-framework's own splitting (at 350) is bypassed.
   */
  private lineLimit(target: string): number {
    const user = this.client?.user;
    const host = user?.host || 'x'.repeat(63);
    const prefix = `:${user?.nick ?? this.opts.nick}!${user?.username || this.opts.nick}@${host}`;
    const frame = Buffer.byteLength(`${prefix} NOTICE ${target} :\r\n`);
    return Math.max(50, Math.min(this.opts.lineBytes, 512 - frame));
  }

  // A token bucket: a burst goes out at once, then one line per gap, so the server never kills us for flooding.
  private drain(): void {
    this.spend();
    this.pump ??= setInterval(() => {
      this.tokens = Math.min(this.opts.burst, this.tokens + 1);
      this.spend();
      if (!this.outbox.length && this.tokens === this.opts.burst) {
        clearInterval(this.pump);
        this.pump = undefined;
      }
    }, this.opts.gapMs);
  }

  private spend(): void {
    while (this.outbox.length && this.tokens > 0) {
      this.tokens--;
      this.sendOne();
    }
  }

  private sendOne(): void {
    const next = this.outbox.shift();
    if (!next || !this.client) return;
    try {
      this.client.raw('NOTICE', next.target, next.line);
    } catch (err) {
      this.log.warn(`could not send to ${next.target}: ${errorMessage(err)}`);
    }
  }

  status(): AdapterStatus {
    const login = !this.login
      ? ''
      : 'account' in this.login
        ? `, account ${this.login.account}`
        : `, SASL failed: ${this.login.failed}`;
    return {
      network: this.network,
      connected: this.registered,
      detail: `${this.opts.host}:${this.opts.port} as ${this.client?.user.nick ?? this.opts.nick}${login}`,
    };
  }
}
