// A client-server API homeserver for tests, on 127.0.0.1: what matrix-bot-sdk calls, behaving as the spec says
// (bearer tokens, long-polling /sync with since tokens, transaction-id idempotency, M_LIMIT_EXCEEDED).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HomeserverState, type User } from './state.ts';
import { buildSync, hasNews } from './sync.ts';

type Json = Record<string, unknown>;
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

export interface TestHomeserver {
  url: string;
  hs: HomeserverState;
  /** Lets a user log in with m.login.password. */
  setPassword(userId: string, password: string): void;
  /** The next `n` requests of a user (default: anyone) get 429 M_LIMIT_EXCEEDED with retry_after_ms. */
  rateLimit(n: number, retryAfterMs: number, userId?: string): void;
  requests: string[];
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    throw new HttpError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
}

export async function startHomeserver(domain = 'localhost'): Promise<TestHomeserver> {
  const hs = new HomeserverState(domain);
  let limited = 0;
  let retryAfter = 0;
  let limitedUser: string | undefined;
  const requests: string[] = [];
  const passwords = new Map<string, string>();
  const media = new Map<string, { type: string; bytes: Buffer }>();

  const auth = (req: IncomingMessage, url: URL): User => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('access_token');
    if (!token) throw new HttpError(401, 'M_MISSING_TOKEN', 'Missing access token.');
    const user = hs.userByToken(token);
    if (!user) throw new HttpError(401, 'M_UNKNOWN_TOKEN', 'Unrecognised access token.', { soft_logout: false });
    return user;
  };
  const room = (id: string) => {
    const r = hs.rooms.get(id);
    if (!r) throw new HttpError(404, 'M_NOT_FOUND', 'Unknown room.');
    return r;
  };
  const member = (id: string, user: User) => {
    const r = room(id);
    if (r.members.get(user.id) !== 'join') throw new HttpError(403, 'M_FORBIDDEN', `${user.id} is not in room ${id}.`);
    return r;
  };

  async function route(req: IncomingMessage, url: URL): Promise<Json> {
    const m = req.method ?? 'GET';
    const p = url.pathname
      .replace(/^\/_matrix\/client\/(v3|r0|v1)/, '/c')
      .split('/')
      .map(decodeURIComponent);
    const path = p.join('/');
    if (path === '/_matrix/client/versions')
      return {
        versions: ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', ...(hs.authenticatedMedia ? ['v1.11'] : [])],
      };
    if (path === '/c/login' && m === 'POST') {
      const b = await body(req);
      const who = (b.identifier as Json | undefined)?.user as string | undefined;
      const u = [...hs.users.values()].find((x) => x.id === who || x.id === `@${who}:${domain}`);
      if (!u || b.password !== passwords.get(u.id))
        throw new HttpError(403, 'M_FORBIDDEN', 'Invalid username or password');
      return { user_id: u.id, access_token: u.token, device_id: u.deviceId };
    }
    const download = (server?: string, mediaId?: string) => {
      const item = media.get(`${server}/${mediaId}`);
      if (!item) throw new HttpError(404, 'M_NOT_FOUND', 'Not found');
      return { __raw: item } as unknown as Json;
    };
    if (url.pathname.startsWith('/_matrix/media/v3/download/')) {
      if (hs.authenticatedMedia) throw new HttpError(404, 'M_NOT_FOUND', 'Not found');
      return download(p[5], p[6]);
    }
    const user = auth(req, url);
    if (path.startsWith('/c/media/download/')) return download(p[4], p[5]);
    if (limited > 0 && (!limitedUser || limitedUser === user.id)) {
      limited--;
      throw new HttpError(429, 'M_LIMIT_EXCEEDED', 'Too many requests', { retry_after_ms: retryAfter });
    }
    if (path === '/c/account/whoami') return { user_id: user.id, device_id: user.deviceId };
    if (path === '/c/keys/upload' && m === 'POST') {
      const r = hs.keys.upload(user, await body(req));
      if ('conflict' in r) throw new HttpError(400, 'M_UNKNOWN', String(r.conflict));
      return r;
    }
    if (path === '/c/keys/query' && m === 'POST') return hs.keys.query(await body(req));
    if (path === '/c/keys/claim' && m === 'POST') return hs.keys.claim(await body(req));
    if (p[1] === 'c' && p[2] === 'sendToDevice' && m === 'PUT') {
      const txnKey = `toDevice|${p[4]}`;
      if (user.txns.has(txnKey)) return {};
      user.txns.set(txnKey, '');
      return hs.keys.send(user, p[3]!, await body(req));
    }
    if (url.pathname === '/_matrix/media/v3/upload' && m === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const mediaId = `m${media.size + 1}`;
      media.set(`${domain}/${mediaId}`, {
        type: String(req.headers['content-type'] ?? 'application/octet-stream'),
        bytes: Buffer.concat(chunks),
      });
      return { content_uri: `mxc://${domain}/${mediaId}` };
    }
    if (path === '/c/joined_rooms')
      return { joined_rooms: [...hs.rooms.values()].filter((r) => r.members.get(user.id) === 'join').map((r) => r.id) };
    if (p[1] === 'c' && p[2] === 'user' && p[4] === 'account_data') {
      if (m === 'PUT') {
        user.accountData.set(p[5]!, await body(req));
        return {};
      }
      const data = user.accountData.get(p[5]!);
      if (!data) throw new HttpError(404, 'M_NOT_FOUND', 'Account data not found.');
      return data;
    }
    if (p[1] === 'c' && p[2] === 'user' && p[4] === 'filter') {
      if (m === 'POST') {
        user.filters.push(await body(req));
        return { filter_id: String(user.filters.length - 1) };
      }
      const f = user.filters[Number(p[5])];
      if (!f) throw new HttpError(404, 'M_NOT_FOUND', 'No such filter.');
      return f;
    }
    if (path === '/c/sync') {
      const since = Number((url.searchParams.get('since') ?? 's0').slice(1)) || 0;
      const timeout = Math.min(Number(url.searchParams.get('timeout') ?? 0), 30_000);
      const until = Date.now() + timeout;
      while (!hasNews(hs, user, since) && Date.now() < until) await hs.waitForChange(until - Date.now());
      return buildSync(hs, user, since);
    }
    if (path === '/c/createRoom' && m === 'POST') {
      const b = await body(req);
      const r = hs.createRoom(user.id, typeof b.name === 'string' ? { name: b.name } : {});
      for (const s of (b.initial_state as { type: string; state_key?: string; content: Json }[] | undefined) ?? [])
        hs.append(r, user.id, s.type, s.content, s.state_key ?? '');
      for (const invitee of (b.invite as string[] | undefined) ?? [])
        hs.setMembership(r, user.id, invitee, 'invite', undefined, b.is_direct === true);
      return { room_id: r.id };
    }
    if (p[1] === 'c' && p[2] === 'join' && m === 'POST') return join(p[3]!, user);
    if (p[1] === 'c' && p[2] === 'rooms') {
      const roomId = p[3]!;
      const action = p[4];
      if (action === 'join' && m === 'POST') return join(roomId, user);
      if (action === 'leave' && m === 'POST') {
        const r = room(roomId);
        if (!r.members.has(user.id)) throw new HttpError(403, 'M_FORBIDDEN', 'Not in room.');
        hs.setMembership(r, user.id, user.id, 'leave', (await body(req)).reason as string | undefined);
        return {};
      }
      if (action === 'invite' && m === 'POST') {
        const r = member(roomId, user);
        hs.setMembership(r, user.id, (await body(req)).user_id as string, 'invite');
        return {};
      }
      if (action === 'send' && m === 'PUT') {
        const r = member(roomId, user);
        const txnKey = `${roomId}|${p[6]}`;
        const seen = user.txns.get(txnKey);
        if (seen) return { event_id: seen };
        const e = hs.append(r, user.id, p[5]!, await body(req), undefined, { unsigned: { transaction_id: p[6] } });
        user.txns.set(txnKey, e.event_id);
        return { event_id: e.event_id };
      }
      if (action === 'redact' && m === 'PUT') {
        const r = member(roomId, user);
        const txnKey = `${roomId}|redact|${p[6]}`;
        const seen = user.txns.get(txnKey);
        if (seen) return { event_id: seen };
        const b = await body(req);
        const e = hs.append(r, user.id, 'm.room.redaction', b.reason ? { reason: b.reason } : {}, undefined, {
          redacts: p[5]!,
        });
        user.txns.set(txnKey, e.event_id);
        return { event_id: e.event_id };
      }
      if (action === 'state') {
        const r = member(roomId, user);
        if (m === 'PUT') return { event_id: hs.append(r, user.id, p[5]!, await body(req), p[6] ?? '').event_id };
        if (!p[5]) return [...r.state.values()] as unknown as Json;
        const e = r.state.get(`${p[5]}\u0000${p[6] ?? ''}`);
        if (!e) throw new HttpError(404, 'M_NOT_FOUND', 'Event not found.');
        return e.content;
      }
      if (action === 'joined_members') {
        const r = member(roomId, user);
        return {
          joined: Object.fromEntries(
            [...r.members]
              .filter(([, mm]) => mm === 'join')
              .map(([u]) => [u, { display_name: hs.users.get(u)?.displayname ?? u }]),
          ),
        };
      }
      if (action === 'relations') {
        const r = member(roomId, user);
        const chunk = r.events
          .map((e) => e.event)
          .filter((e) => {
            const rel = e.content['m.relates_to'] as { event_id?: string; rel_type?: string } | undefined;
            return rel?.event_id === p[5] && (!p[6] || rel?.rel_type === p[6]) && (!p[7] || e.type === p[7]);
          });
        return { chunk: chunk.reverse() };
      }
      if (action === 'members')
        return { chunk: [...room(roomId).state.values()].filter((e) => e.type === 'm.room.member') };
    }
    if (p[1] === 'c' && p[2] === 'presence' && p[4] === 'status') {
      if (!hs.presenceEnabled) throw new HttpError(403, 'M_FORBIDDEN', 'Presence is disabled on this server.');
      if (m === 'PUT') {
        if (p[3] !== user.id) throw new HttpError(403, 'M_FORBIDDEN', 'Not your presence.');
        const b = await body(req);
        hs.setPresence(user, b.presence as User['presence']['presence'], b.status_msg as string | undefined);
        return {};
      }
      const who = hs.users.get(p[3]!);
      if (!who) throw new HttpError(404, 'M_NOT_FOUND', 'No such user.');
      return {
        presence: who.presence.presence,
        ...(who.presence.status_msg !== undefined ? { status_msg: who.presence.status_msg } : {}),
      };
    }
    if (p[1] === 'c' && p[2] === 'profile') {
      const who = hs.users.get(p[3]!);
      if (!who) throw new HttpError(404, 'M_NOT_FOUND', 'Profile not found.');
      if (m === 'PUT' && p[4] === 'avatar_url') {
        if (who.id !== user.id) throw new HttpError(403, 'M_FORBIDDEN', 'Not your profile.');
        const b = await body(req);
        if (typeof b.avatar_url === 'string' && b.avatar_url) who.avatarUrl = b.avatar_url;
        else delete who.avatarUrl;
        // As Synapse does: a new membership event in every room they are in carries the change.
        for (const r of hs.rooms.values())
          if (r.members.get(who.id) === 'join') hs.setMembership(r, who.id, who.id, 'join');
        return {};
      }
      const avatar = who.avatarUrl ? { avatar_url: who.avatarUrl } : {};
      if (p[4] === 'displayname') return { displayname: who.displayname };
      if (p[4] === 'avatar_url') return avatar;
      return { displayname: who.displayname, ...avatar };
    }
    throw new HttpError(404, 'M_UNRECOGNIZED', `Unrecognized request: ${m} ${url.pathname}`);
  }

  function join(roomIdOrAlias: string, user: User): Json {
    const r = room(roomIdOrAlias);
    const now = r.members.get(user.id);
    if (now === 'ban') throw new HttpError(403, 'M_FORBIDDEN', 'You are banned.');
    if (now !== 'invite' && now !== 'join')
      throw new HttpError(403, 'M_FORBIDDEN', 'You are not invited to this room.');
    if (now !== 'join') hs.setMembership(r, user.id, user.id, 'join');
    return { room_id: r.id };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    route(req, url).then(
      (json) => {
        const raw = (json as { __raw?: { type: string; bytes: Buffer } }).__raw;
        if (raw)
          return void res
            .writeHead(200, { 'content-type': raw.type, 'content-length': raw.bytes.length })
            .end(raw.bytes);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      },
      (err: unknown) => {
        const e = err instanceof HttpError ? err : new HttpError(500, 'M_UNKNOWN', String(err));
        res
          .writeHead(e.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errcode: e.errcode, error: e.message, ...e.extra }));
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    hs,
    requests,
    rateLimit: (n, ms, userId) => {
      limited = n;
      retryAfter = ms;
      limitedUser = userId;
    },
    setPassword: (userId, password) => {
      passwords.set(userId, password);
    },
    stop: () =>
      new Promise<void>((r) => {
        hs.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
