// Matrix room events → ChatEvent. Pure: the connection passes in what it knows (DM rooms, the bot's id, media URLs).
import { reactionKey } from '../../src/core/reactions.ts';
import type { AttachmentRef, ChatEvent, MediaEncryption, Presence, Sender } from '../../src/core/types.ts';

export interface RoomEvent {
  event_id: string;
  type: string;
  sender: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  redacts?: string;
  state_key?: string;
}

export interface MatrixContext {
  network: string;
  /** The bot's user id. */
  account: string;
  isDirect(roomId: string): boolean;
  /** The configured name (id or alias) of a room Meshline was set up with; talk elsewhere is not read. */
  roomKey(roomId: string): string | undefined;
  displayName(userId: string, roomId: string): string;
  /** mxc://server/id → an http(s) address the media job can fetch. */
  mediaUrl(mxc: string): string | undefined;
  /** The network whose account must fetch those addresses, when the homeserver serves media only to accounts. */
  mediaAccess?: string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export { reactionKey };

/** A reply's body starts with the quoted original ("> <@a:b> …" lines, then a blank line): not the reply's text. */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('>')) i++;
  if (lines[i] === '') i++;
  return lines.slice(i).join('\n');
}

/** User ids a message mentions: m.mentions, and pills (matrix.to links) in formatted_body. */
export function mentionsOf(content: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const u of (obj(content['m.mentions'])?.user_ids as unknown[] | undefined) ?? [])
    if (typeof u === 'string') out.add(u);
  const html = str(content.formatted_body) ?? '';
  for (const m of html.matchAll(/https:\/\/matrix\.to\/#\/((?:@|%40)[^"'?<>\s/]+)/gi)) {
    try {
      out.add(decodeURIComponent(m[1]!));
    } catch {
      /* a malformed link is not a mention */
    }
  }
  return [...out];
}

export function senderOf(e: RoomEvent, roomId: string, ctx: MatrixContext): Sender {
  return { id: e.sender, display: ctx.displayName(e.sender, roomId), verified: true };
}

export function parseRoomEvent(roomId: string, e: RoomEvent, ctx: MatrixContext): ChatEvent | null {
  if (e.sender === ctx.account) return null;
  const direct = ctx.isDirect(roomId);
  const key = ctx.roomKey(roomId);
  if (!direct && !key) return null;
  const base = {
    network: ctx.network,
    account: ctx.account,
    sender: senderOf(e, roomId, ctx),
    at: e.origin_server_ts,
    msgId: e.event_id,
  };
  const room = { id: key ?? roomId };
  const relates = obj(e.content['m.relates_to']);
  if (e.type === 'm.room.redaction') {
    const target = e.redacts ?? str(e.content.redacts);
    return target && !direct ? { ...base, kind: 'retraction', target, room } : null;
  }
  if (e.type === 'm.reaction') {
    const target = str(relates?.event_id);
    const key = str(relates?.key);
    return relates?.rel_type === 'm.annotation' && target && key && !direct
      ? { ...base, kind: 'reaction', target, key: reactionKey(key), room }
      : null;
  }
  if (e.type !== 'm.room.message') return null;
  const msgtype = str(e.content.msgtype);
  if (relates?.rel_type === 'm.replace') {
    const target = str(relates.event_id);
    const fresh = obj(e.content['m.new_content']);
    const body = str(fresh?.body) ?? str(e.content.body)?.replace(/^\* /, '');
    return target && body !== undefined && !direct ? { ...base, kind: 'edit', target, text: body, room } : null;
  }
  const body = stripReplyFallback(str(e.content.body) ?? '');
  if (direct) return msgtype === 'm.text' ? { ...base, kind: 'direct', text: body.trim() } : null;
  // A reply names the event it answers; a message in a thread (m.thread) without one answers the thread's root.
  const replyTo =
    str(obj(relates?.['m.in_reply_to'])?.event_id) ??
    (relates?.rel_type === 'm.thread' ? str(relates.event_id) : undefined);
  const common = {
    ...base,
    kind: 'message' as const,
    room,
    ...(replyTo ? { replyTo } : {}),
    mentions: mentionsOf(e.content),
  };
  switch (msgtype) {
    case 'm.text':
      return { ...common, text: body };
    case 'm.emote':
      return { ...common, text: body, action: true };
    case 'm.image':
    case 'm.file': {
      // In encrypted rooms the file is encrypted too; `file` says where it is and how to decrypt it.
      const file = obj(e.content.file);
      const mxc = str(file ? file.url : e.content.url);
      const url = mxc && ctx.mediaUrl(mxc);
      const encryption = file ? mediaEncryption(file, str(obj(e.content.info)?.mimetype)) : undefined;
      const attachments: AttachmentRef[] =
        url && (!file || encryption)
          ? [
              {
                kind: msgtype === 'm.image' ? 'image' : 'file',
                url,
                name: (str(e.content.filename) ?? body).slice(0, 200) || 'file',
                ...(encryption ? { encryption } : {}),
                ...(ctx.mediaAccess ? { access: ctx.mediaAccess } : {}),
              },
            ]
          : [];
      return { ...common, text: '', attachments };
    }
    default:
      return null; // m.notice is bots talking; others are not text
  }
}

/** An EncryptedFile (v2: AES-256-CTR, JWK key, SHA-256 of the ciphertext), or undefined if it is not one. */
export function mediaEncryption(
  file: Record<string, unknown>,
  mimetype: string | undefined,
): MediaEncryption | undefined {
  const key = obj(file.key);
  const sha256 = str(obj(file.hashes)?.sha256);
  const k = str(key?.k);
  const iv = str(file.iv);
  if (key?.alg !== 'A256CTR' || !k || !iv || !sha256 || (file.v !== undefined && file.v !== 'v2')) return undefined;
  return { algorithm: 'aes-256-ctr', key: k, iv, sha256, type: (mimetype ?? 'application/octet-stream').toLowerCase() };
}

/** m.presence → the core's states; status_msg is the status line. */
export function parsePresence(content: Record<string, unknown>): { presence: Presence; text: string } | null {
  const p = str(content.presence);
  if (!p) return null;
  return {
    presence: p === 'online' ? 'available' : p === 'unavailable' ? 'away' : 'offline',
    text: (str(content.status_msg) ?? '').trim(),
  };
}

/**
 * A member's avatar as their membership (or presence) says it: its mxc address as the media job fetches it, none when
 * the event names none. Only a joined member's own event speaks for them.
 */
export function parseProfile(
  userId: string,
  content: Record<string, unknown>,
  ctx: MatrixContext,
  at = Date.now(),
): ChatEvent | null {
  if (userId === ctx.account || (content.membership !== undefined && content.membership !== 'join')) return null;
  const mxc = str(content.avatar_url);
  const url = mxc ? ctx.mediaUrl(mxc) : undefined;
  if (mxc && !url) return null;
  return {
    network: ctx.network,
    account: ctx.account,
    sender: { id: userId, display: ctx.displayName(userId, ''), verified: true },
    at,
    kind: 'profile',
    avatar: url ? { url, ...(ctx.mediaAccess ? { access: ctx.mediaAccess } : {}) } : null,
  };
}
