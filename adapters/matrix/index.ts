// One Matrix account through matrix-bot-sdk: invites by policy, DMs for commands, room talk, presence as status.
// Parsing is in parse.ts; the sync token lives in the store (storage.ts).
import { LogService, LogLevel } from 'matrix-bot-sdk';
import { MeshlineMatrixClient } from './client.ts';
import type { Adapter, AdapterSink, AdapterStatus, ChatEvent, Recipient } from '../../src/core/types.ts';
import { MeshlineError, NetworkError, errorMessage } from '../../src/core/errors.ts';
import { retry } from '../../src/core/retry.ts';
import { logger } from '../../src/log.ts';
import { parsePresence, parseProfile, parseRoomEvent, type MatrixContext, type RoomEvent } from './parse.ts';
import { SinkStorage } from './storage.ts';
import { cryptoStoreFor } from './crypto.ts';
import type { MatrixAccountConfig } from './config.ts';

export type MatrixAdapterOptions = MatrixAccountConfig & { cryptoDir: string };

// matrix-bot-sdk's own log goes through Meshline's; a missing m.direct (404) on a fresh account is not an error.
const sdkLog = logger('matrix-sdk');
const sdkPart = (p: unknown) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p));
const sdkLine = (module: string, parts: unknown[]) => `${module}: ${parts.map(sdkPart).join(' ')}`;
LogService.setLevel(LogLevel.WARN);
LogService.setLogger({
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (module: string, ...parts: unknown[]) => sdkLog.warn(sdkLine(module, parts)),
  error: (module: string, ...parts: unknown[]) => {
    if (parts.some((p) => (p as { errcode?: string })?.errcode === 'M_NOT_FOUND')) return;
    sdkLog.warn(sdkLine(module, parts));
  },
});

type MatrixErr = { statusCode?: number; errcode?: string; retryAfterMs?: number };

/** Rate limits wait as long as the server says; 5xx and dropped connections back off; the rest is final. */
export function matrixCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  return retry(fn, {
    attempts: 6,
    initialMs: 500,
    maxMs: 30_000,
    retryable: (err) => {
      const e = err as MatrixErr;
      return (
        e.errcode === 'M_LIMIT_EXCEEDED' ||
        (e.statusCode ?? 0) >= 500 ||
        /ECONNRESET|ECONNREFUSED|socket hang up|ETIMEDOUT/.test(errorMessage(err))
      );
    },
    serverDelay: (err) => (err as MatrixErr).retryAfterMs,
  }).catch((err) => {
    throw new MeshlineError(`${what}: ${(err as MatrixErr).errcode ?? errorMessage(err)}`, { cause: err });
  });
}

export class MatrixAdapter implements Adapter {
  readonly network: string;
  private client: MeshlineMatrixClient | undefined;
  private sink: AdapterSink | undefined;
  private userId = '';
  private online = false;
  private stopped = false;
  private storage: SinkStorage | undefined;
  private readonly log;
  /** user id → their DM room with the bot, and the reverse. */
  private readonly dmByUser = new Map<string, string>();
  private readonly dmRooms = new Set<string>();
  /** room id → the configured key (id or alias) it was given as. */
  private readonly roomKeys = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private presenceSeen = false;
  private mediaBase = '';
  private mediaAuthenticated = false;
  private stopPoll: (() => void) | undefined;

  constructor(private readonly opts: MatrixAdapterOptions) {
    this.network = opts.name;
    this.log = logger(`matrix:${opts.name}`);
  }

  private get ctx(): MatrixContext {
    return {
      network: this.network,
      account: this.userId,
      isDirect: (r) => this.dmRooms.has(r),
      roomKey: (r) => this.roomKeys.get(r),
      displayName: (u) => this.names.get(u) ?? u.slice(1).split(':')[0]!,
      mediaUrl: (mxc) => {
        const m = /^mxc:\/\/([^/]+)\/([^/?#]+)$/.exec(mxc);
        return m ? `${this.mediaBase}${m[1]}/${m[2]}` : undefined;
      },
      mediaAccess: this.mediaAuthenticated ? this.network : undefined,
    };
  }

  async start(sink: AdapterSink): Promise<void> {
    this.sink = sink;
    this.stopped = false;
    const storage = new SinkStorage(sink);
    this.storage = storage;
    await storage.load();
    const token = this.opts.accessToken ?? (await sink.loadState('accessToken')) ?? (await this.login());
    const cryptoStore = cryptoStoreFor(this.opts);
    const client = new MeshlineMatrixClient(
      this.opts.homeserver,
      token,
      storage,
      cryptoStore,
      (name, args) => this.onSync(name, args),
      (u, c) => this.onPresence(u, c),
      (roomId, err) => this.log.warn(`encryption bookkeeping for ${roomId} failed: ${errorMessage(err)}`),
    );
    this.client = client;
    try {
      this.userId = await client.getUserId();
    } catch (err) {
      const e = err as MatrixErr;
      if (e.errcode === 'M_UNKNOWN_TOKEN' || e.statusCode === 401)
        throw new MeshlineError(
          `the homeserver refused the access token of ${this.network} (matrix.accounts[].accessToken)`,
          { cause: err },
        );
      throw new NetworkError(`cannot reach ${this.opts.homeserver}: ${errorMessage(err)}`, { cause: err });
    }
    await this.useMedia(client, token);
    await this.loadDirectRooms();
    for (const r of this.opts.rooms) {
      try {
        const id = await matrixCall(`join ${r.id}`, () => client.joinRoom(r.id));
        this.roomKeys.set(id, r.id);
      } catch (err) {
        this.log.error(
          `cannot join ${r.id} (${errorMessage(err)}); invite the bot there, or check matrix.accounts[].rooms`,
        );
      }
    }
    try {
      await client.start();
    } catch (err) {
      // The device already has keys on the server that this crypto store does not: a lost or swapped cryptoDir.
      if (
        /one time key \S+ already exists/i.test(
          `${(err as { body?: { error?: string } }).body?.error ?? ''} ${errorMessage(err)}`,
        )
      ) {
        throw new MeshlineError(
          `${this.network}: the homeserver holds other encryption keys for device ` +
            `${client.crypto?.clientDeviceId ?? '?'}, so ${this.opts.cryptoDir} is not the store it was set up ` +
            `with: point matrix.accounts[].cryptoDir at that store, or give Meshline a new access token (a new ` +
            `device)`,
          { cause: err },
        );
      }
      throw err;
    }
    this.online = true;
    this.stopPoll = sink.every('presence-poll', this.opts.presencePollSeconds, () => this.pollPresence());
    const e2ee = client.crypto
      ? `end-to-end encryption on (device ${client.crypto.clientDeviceId})`
      : 'no end-to-end encryption';
    this.log.info(`syncing as ${this.userId}, ${this.roomKeys.size} rooms, ${this.dmRooms.size} direct chats, ${e2ee}`);
  }

  private async login(): Promise<string> {
    const res = await fetch(new URL('/_matrix/client/v3/login', this.opts.homeserver), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: this.opts.userId },
        password: this.opts.password,
        initial_device_display_name: 'Meshline',
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; errcode?: string };
    if (!res.ok || !body.access_token)
      throw new MeshlineError(
        `login as ${this.opts.userId} failed: ${body.errcode ?? res.status} (matrix.accounts[].password)`,
      );
    await this.sink!.saveState('accessToken', body.access_token);
    return body.access_token;
  }

  // Homeservers speaking Matrix 1.11 serve new media only to accounts (authenticated media); older ones to anyone.
  private async useMedia(client: MeshlineMatrixClient, token: string): Promise<void> {
    const versions = await client
      .getServerVersions()
      .catch(() => ({ versions: [] as string[], unstable_features: {} as Record<string, boolean> }));
    const hs = this.opts.homeserver.replace(/\/$/, '');
    this.mediaAuthenticated =
      versions.versions.includes('v1.11') || versions.unstable_features?.['org.matrix.msc3916.stable'] === true;
    this.mediaBase = this.mediaAuthenticated
      ? `${hs}/_matrix/client/v1/media/download/`
      : `${hs}/_matrix/media/v3/download/`;
    if (this.mediaAuthenticated) this.sink!.grantMediaAccess(this.mediaBase, { authorization: `Bearer ${token}` });
  }

  private async loadDirectRooms(): Promise<void> {
    const direct = (await this.client!.getAccountData('m.direct').catch(() => ({}))) as Record<string, string[]>;
    for (const [user, rooms] of Object.entries(direct))
      for (const r of rooms) {
        this.dmRooms.add(r);
        this.dmByUser.set(user, r);
      }
  }

  private async onSync(name: string, args: unknown[]): Promise<void> {
    // A long-poll answered after stop() must not act (it could decline invites meant for the next run).
    if (this.stopped) return;
    const [roomId, event] = args as [string, RoomEvent & { content: Record<string, unknown> }];
    if (name === 'room.invite') return this.onInvite(roomId, event);
    if (name === 'room.leave') {
      this.dmRooms.delete(roomId);
      this.roomKeys.delete(roomId);
      return;
    }
    if (name === 'room.failed_decryption') {
      this.log.warn(`cannot decrypt ${event?.event_id} in ${roomId} (${errorMessage(args[2])}); it is not published`);
      return;
    }
    if (name !== 'room.event' || !event) return;
    if (event.type === 'm.room.member' && event.state_key && typeof event.content.displayname === 'string')
      this.names.set(event.state_key, event.content.displayname);
    // A member's own membership event carries their avatar (and its changes).
    if (event.type === 'm.room.member' && event.state_key && event.state_key === event.sender)
      await this.emit(parseProfile(event.state_key, event.content, this.ctx, event.origin_server_ts));
    await this.emit(parseRoomEvent(roomId, event, this.ctx));
  }

  /** Rooms the operator configured are always welcome; otherwise the inviter, their server or the room must be
   * allowed. */
  private inviteAllowed(
    inviter: string,
    roomId: string,
    state: { type: string; content?: Record<string, unknown> }[],
  ): boolean {
    const alias = state.find((e) => e.type === 'm.room.canonical_alias')?.content?.alias;
    const names = [roomId, ...(typeof alias === 'string' ? [alias] : [])].map((n) => n.toLowerCase());
    if (this.opts.rooms.some((r) => names.includes(r.id.toLowerCase()))) return true;
    if (this.opts.invites === 'anyone') return true;
    const server = inviter.slice(inviter.indexOf(':') + 1).toLowerCase();
    return this.opts.allow.some((a) => [inviter.toLowerCase(), server, ...names].includes(a.toLowerCase()));
  }

  private async onInvite(roomId: string, invite: RoomEvent & { content: Record<string, unknown> }): Promise<void> {
    const client = this.client!;
    const inviter = invite.sender;
    const state = client.inviteState.get(roomId) ?? [];
    const encrypted = state.some((e) => e.type === 'm.room.encryption');
    client.inviteState.delete(roomId);
    if (!this.inviteAllowed(inviter, roomId, state)) {
      this.log.info(`declined an invite to ${roomId} from ${inviter} (not on matrix.accounts[].allow)`);
      await matrixCall('decline', () =>
        client.leaveRoom(roomId, 'Meshline only joins rooms of the people its operator allows.'),
      );
      return;
    }
    if (encrypted && !client.crypto) {
      this.log.info(
        `declined an invite to encrypted ${roomId} from ${inviter}: ` +
          (this.opts.encryption === 'off' ? 'matrix.accounts[].encryption is off' : 'no end-to-end encryption library'),
      );
      await matrixCall('decline', () =>
        client.leaveRoom(
          roomId,
          'Meshline cannot read end-to-end encrypted rooms here. Invite it to an unencrypted room or direct chat ' +
            'instead.',
        ),
      );
      return;
    }
    await matrixCall(`join ${roomId}`, () => client.joinRoom(roomId));
    if (invite.content.is_direct === true) {
      this.dmRooms.add(roomId);
      this.dmByUser.set(inviter, roomId);
      await this.saveDirect();
      // A direct chat is friending the bot: the core answers with what opting in would mean.
      const sender = { id: inviter, display: this.ctx.displayName(inviter, inviter), verified: true };
      const base = { network: this.network, account: this.userId, at: Date.now(), sender };
      await this.emit({ ...base, kind: 'subscription', state: 'subscribe' });
    }
  }

  private async saveDirect(): Promise<void> {
    const direct: Record<string, string[]> = {};
    for (const [u, r] of this.dmByUser) direct[u] = [r];
    await matrixCall('save m.direct', () => this.client!.setAccountData('m.direct', direct)).catch((err) =>
      this.log.warn(errorMessage(err)),
    );
  }

  private async onPresence(userId: string, content: Record<string, unknown>): Promise<void> {
    if (this.stopped) return;
    this.presenceSeen = true;
    if (userId === this.userId) return;
    if (typeof content.displayname === 'string') this.names.set(userId, content.displayname);
    const p = parsePresence(content);
    if (p)
      await this.emit({
        network: this.network,
        account: this.userId,
        at: Date.now(),
        kind: 'status',
        presence: p.presence,
        text: p.text,
        sender: { id: userId, display: this.ctx.displayName(userId, ''), verified: true },
      });
  }

  // Some homeservers send no presence in /sync: then ask for the people in our rooms now and then.
  private async pollPresence(): Promise<void> {
    if (this.presenceSeen || !this.client || !this.online) return;
    const people = new Set<string>();
    for (const roomId of [...this.roomKeys.keys(), ...this.dmRooms]) {
      for (const u of await this.client.getJoinedRoomMembers(roomId).catch(() => [] as string[]))
        if (u !== this.userId) people.add(u);
    }
    for (const u of people) {
      try {
        const p = await this.client.getPresenceStatusFor(u);
        await this.onPresence(u, {
          presence: p.state,
          ...(p.statusMessage !== undefined ? { status_msg: p.statusMessage } : {}),
        });
        this.presenceSeen = false;
      } catch (err) {
        if ((err as MatrixErr).statusCode === 403 || (err as MatrixErr).errcode === 'M_FORBIDDEN') {
          this.log.warn('the homeserver has presence disabled: no status lines from Matrix');
          this.stopPoll?.();
          return;
        }
      }
    }
  }

  private async emit(ev: ChatEvent | null): Promise<void> {
    if (!ev || !this.sink) return;
    await this.sink.emit(ev);
  }

  /** Notices go to the person's DM room, made (as a direct chat) if there is none yet. */
  async sendDirect(to: Recipient, text: string): Promise<void> {
    const client = this.client;
    if (!client || !this.online) throw new NetworkError(`${this.network} is not connected`);
    let roomId = this.dmByUser.get(to.id);
    if (!roomId) {
      roomId = await matrixCall('create a direct chat', () =>
        client.createRoom({ invite: [to.id], is_direct: true, preset: 'trusted_private_chat' }),
      );
      this.dmRooms.add(roomId);
      this.dmByUser.set(to.id, roomId);
      await this.saveDirect();
    }
    await matrixCall('send a notice', () => client.sendNotice(roomId, text));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.storage) this.storage.frozen = true;
    this.online = false;
    this.stopPoll?.();
    this.client?.stop();
  }

  status(): AdapterStatus {
    return {
      network: this.network,
      connected: this.online,
      detail:
        `${this.userId || this.opts.userId || this.opts.homeserver}, ${this.roomKeys.size} rooms, ` +
        `${this.dmRooms.size} direct chats${this.presenceSeen ? '' : ', no presence seen yet'}`,
    };
  }
}
