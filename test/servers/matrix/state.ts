// The test homeserver's state: users, rooms and one ordered stream of events. A sync token is a stream position,
// so "since" returns exactly what happened after it — no gaps, no repeats — as a homeserver must.
import { randomBytes } from 'node:crypto';
import { KeyServer } from './keys.ts';

export interface MatrixEvent {
  event_id: string;
  type: string;
  room_id: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  state_key?: string;
  redacts?: string;
  unsigned?: Record<string, unknown>;
}

export type Membership = 'invite' | 'join' | 'leave' | 'ban';

export interface Room {
  id: string;
  events: { pos: number; event: MatrixEvent }[];
  state: Map<string, MatrixEvent>;
  members: Map<string, Membership>;
}

export interface User {
  id: string;
  token: string;
  /** The one device the token belongs to. */
  deviceId: string;
  displayname: string;
  /** The mxc address of their avatar, when they set one (PUT /profile/{userId}/avatar_url). */
  avatarUrl?: string;
  presence: { presence: 'online' | 'unavailable' | 'offline'; status_msg?: string; pos: number };
  accountData: Map<string, Record<string, unknown>>;
  filters: Record<string, unknown>[];
  txns: Map<string, string>;
}

const id = (n = 12) => randomBytes(n).toString('base64url');

export class HomeserverState {
  readonly users = new Map<string, User>();
  readonly rooms = new Map<string, Room>();
  private pos = 0;
  private readonly waiters = new Set<() => void>();
  readonly keys = new KeyServer(this);

  /** presenceEnabled off: no presence at all (API refuses); presenceInSync off: only the API has it. */
  presenceInSync = true;
  /** Matrix 1.11: media only to accounts, at /_matrix/client/v1/media (the old unauthenticated path says 404). */
  authenticatedMedia = true;
  constructor(
    readonly domain: string,
    public presenceEnabled = true,
  ) {}

  get position(): number {
    return this.pos;
  }

  /** A new stream position for something that is not a room event (a to-device message, a key upload). */
  bump(): number {
    const p = ++this.pos;
    this.wake();
    return p;
  }

  addUser(localpart: string, displayname = localpart): User {
    const user: User = {
      id: `@${localpart}:${this.domain}`,
      token: `syt_${localpart}_${id()}`,
      deviceId: `${localpart.toUpperCase()}DEVICE`,
      displayname,
      presence: { presence: 'offline', pos: 0 },
      accountData: new Map(),
      filters: [],
      txns: new Map(),
    };
    this.users.set(user.id, user);
    return user;
  }

  userByToken(token: string): User | undefined {
    for (const u of this.users.values()) if (u.token === token) return u;
    return undefined;
  }

  createRoom(creator: string, opts: { name?: string } = {}): Room {
    const room: Room = { id: `!${id(9)}:${this.domain}`, events: [], state: new Map(), members: new Map() };
    this.rooms.set(room.id, room);
    this.append(room, creator, 'm.room.create', { creator, room_version: '10' }, '');
    this.setMembership(room, creator, creator, 'join');
    this.append(room, creator, 'm.room.power_levels', { users: { [creator]: 100 }, users_default: 0 }, '');
    if (opts.name) this.append(room, creator, 'm.room.name', { name: opts.name }, '');
    return room;
  }

  append(
    room: Room,
    sender: string,
    type: string,
    content: Record<string, unknown>,
    stateKey?: string,
    extra: Partial<MatrixEvent> = {},
  ): MatrixEvent {
    const event: MatrixEvent = {
      event_id: `$${id(16)}`,
      type,
      room_id: room.id,
      sender,
      content,
      origin_server_ts: Date.now(),
      ...(stateKey !== undefined ? { state_key: stateKey } : {}),
      ...extra,
    };
    room.events.push({ pos: ++this.pos, event });
    if (stateKey !== undefined) room.state.set(`${type}\u0000${stateKey}`, event);
    this.wake();
    return event;
  }

  setMembership(
    room: Room,
    sender: string,
    target: string,
    membership: Membership,
    reason?: string,
    isDirect = false,
  ): MatrixEvent {
    room.members.set(target, membership);
    const user = this.users.get(target);
    return this.append(
      room,
      sender,
      'm.room.member',
      {
        membership,
        ...(user ? { displayname: user.displayname } : {}),
        ...(user?.avatarUrl ? { avatar_url: user.avatarUrl } : {}),
        ...(reason ? { reason } : {}),
        ...(isDirect ? { is_direct: true } : {}),
      },
      target,
    );
  }

  setPresence(user: User, presence: User['presence']['presence'], statusMsg?: string): void {
    user.presence = { presence, ...(statusMsg !== undefined ? { status_msg: statusMsg } : {}), pos: ++this.pos };
    this.wake();
  }

  /** Users who share a joined room with `userId` (presence is visible to them). */
  sharesRoom(a: string, b: string): boolean {
    for (const r of this.rooms.values()) if (r.members.get(a) === 'join' && r.members.get(b) === 'join') return true;
    return false;
  }

  private closed = false;

  /** Ends every long-poll now: a stopped server must not keep the process alive for a sync's timeout. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Resolves when something happens, or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('homeserver stopped'));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
