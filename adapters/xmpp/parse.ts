// XMPP stanzas → ChatEvent. Pure: the connection passes in what it knows (rooms, occupants' real JIDs).
import { reactionKey } from '../../src/core/reactions.ts';
import type { Element } from '@xmpp/xml';
import type { AttachmentRef, ChatEvent, Presence, Sender } from '../../src/core/types.ts';
import { cleanText } from '../../src/core/text.ts';

export const NS = {
  delay: 'urn:xmpp:delay',
  mucUser: 'http://jabber.org/protocol/muc#user',
  correct: 'urn:xmpp:message-correct:0',
  retract1: 'urn:xmpp:message-retract:1',
  retract0: 'urn:xmpp:message-retract:0',
  fasten: 'urn:xmpp:fasten:0',
  sid: 'urn:xmpp:sid:0',
  oob: 'jabber:x:oob',
  occupantId: 'urn:xmpp:occupant-id:0',
  reactions: 'urn:xmpp:reactions:0',
  reply: 'urn:xmpp:reply:0',
  fallback: 'urn:xmpp:fallback:0',
} as const;

/**
 * XEP-0461: the message a reply answers (in a room, by the stanza-id the room gave it) and the body without the
 * quote a client adds for those that do not know replies (XEP-0428 fallback, in code points).
 */
export function replyOf(el: Element, body: string): { id: string | undefined; to: string; body: string } {
  const r = el.getChild('reply', NS.reply);
  const id = r?.attrs.id as string | undefined;
  const to = (r?.attrs.to as string | undefined) ?? '';
  const fallback = el.getChildren('fallback', NS.fallback).find((f) => f.attrs.for === NS.reply);
  const range = fallback?.getChild('body');
  if (!id || !range) return { id, to, body };
  const chars = Array.from(body);
  const start = Number(range.attrs.start ?? 0);
  const end = Number(range.attrs.end ?? chars.length);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > chars.length || start > end)
    return { id, to, body };
  return { id, to, body: (chars.slice(0, start).join('') + chars.slice(end).join('')).trim() };
}

/** What the room told us about one of its occupants (from their presence in the room). */
export interface Occupant {
  nick: string;
  jid?: string;
  occupantId?: string;
  affiliation: string;
}

export interface XmppContext {
  network: string;
  /** The bot's bare JID. */
  account: string;
  now(): number;
  isRoom(bareJid: string): boolean;
  occupant(room: string, nick: string): Occupant | undefined;
  /** The bot's own nick in a room, so its echoes are not taken for talk. */
  ownNick(room: string): string | undefined;
  /** The stored id of a room message the room gave this stanza-id (XEP-0444 reactions name messages by it). */
  messageBySid?(room: string, sid: string): string | undefined;
}

export const bare = (jid: string) => jid.replace(/\/.*$/, '').toLowerCase();
export const resourceOf = (jid: string) => (jid.includes('/') ? jid.slice(jid.indexOf('/') + 1) : '');

/** XEP-0203 delay: when the server says the stanza was first sent. */
export function delayedAt(el: Element): number | undefined {
  const stamp = el.getChild('delay', NS.delay)?.attrs.stamp;
  const t = stamp ? Date.parse(stamp) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** An occupant is the person behind them when the room reveals their real JID; otherwise only a nick in a room. */
export function occupantSender(room: string, nick: string, o: Occupant | undefined): Sender {
  if (o?.jid) return { id: bare(o.jid), display: nick, verified: true };
  const anon = o?.occupantId ? `occupant:${o.occupantId}` : `nick:${nick.toLowerCase()}`;
  return { id: `${room}/${anon}`, display: nick, verified: false };
}

/** The XEP-0424 target: v1 `<retract id>`, or v0 `<apply-to id><retract/></apply-to>`. */
function retractTarget(el: Element): string | undefined {
  const v1 = el.getChild('retract', NS.retract1)?.attrs.id;
  if (v1) return v1;
  const fasten = el.getChild('apply-to', NS.fasten);
  return fasten?.getChild('retract', NS.retract0) ? fasten.attrs.id : undefined;
}

/**
 * A chat or groupchat message. Ids are scoped by room and sender, so nobody can correct, retract or
 * pre-empt someone else's message by reusing its id. `live` is false for archive (MAM) results.
 */
export function parseMessage(
  el: Element,
  ctx: XmppContext,
  opts: { live: boolean; at?: number } = { live: true },
): ChatEvent | null {
  const from = el.attrs.from ?? '';
  const type = el.attrs.type ?? 'normal';
  if (el.getChild('error') || type === 'error') return null;
  const fromBare = bare(from);
  const delayed = delayedAt(el);
  const at = opts.at ?? delayed ?? ctx.now();
  if (type === 'groupchat' && ctx.isRoom(fromBare)) {
    const nick = resourceOf(from);
    if (!nick || nick === ctx.ownNick(fromBare)) return null;
    // History the room replays on join is already stored, or was said before anyone asked us to listen.
    if (opts.live && delayed !== undefined) return null;
    // Archived messages carry the real JID for those allowed to see it; live ones are matched to the occupant.
    const archivedJid = el.getChild('x', NS.mucUser)?.getChild('item')?.attrs.jid;
    const sender = occupantSender(
      fromBare,
      nick,
      archivedJid ? { nick, jid: archivedJid, affiliation: 'none' } : ctx.occupant(fromBare, nick),
    );
    const scoped = (id: string) => `${fromBare}|${sender.id}|${id}`;
    const base = {
      network: ctx.network,
      account: ctx.account,
      sender,
      at,
      room: { id: fromBare, name: fromBare.split('@')[0] ?? fromBare },
    };
    const retract = retractTarget(el);
    if (retract) return { ...base, kind: 'retraction', target: scoped(retract) };
    // XEP-0444: the set of reactions a person has on a message, named by the stanza-id the room gave it.
    const reactions = el.getChild('reactions', NS.reactions);
    if (reactions) {
      const target = ctx.messageBySid?.(fromBare, reactions.attrs.id ?? '');
      const key = reactions.getChildText('reaction');
      return target && key ? { ...base, kind: 'reaction', target, key: reactionKey(key) } : null;
    }
    const raw = el.getChildText('body');
    if (raw === null) return null;
    const reply = replyOf(el, raw);
    const body = reply.body;
    const replace = el.getChild('replace', NS.correct)?.attrs.id;
    const { text, attachments } = oobOf(el, cleanText(body));
    // By the stanza-id the room gave the message (as clients should in rooms), else by the id its author sent it
    // with, scoped to the author the reply names (an occupant here now).
    const author = resourceOf(reply.to) && ctx.occupant(fromBare, resourceOf(reply.to));
    const replyTo =
      reply.id &&
      (ctx.messageBySid?.(fromBare, reply.id) ??
        (author ? `${fromBare}|${occupantSender(fromBare, resourceOf(reply.to), author).id}|${reply.id}` : undefined));
    if (replace)
      return {
        ...base,
        kind: 'edit',
        target: scoped(replace),
        text,
        ...(el.attrs.id ? { msgId: scoped(`edit:${el.attrs.id}`) } : {}),
      };
    const id = el.attrs.id ?? el.getChild('stanza-id', NS.sid)?.attrs.id;
    const me = /^\/me /.test(text);
    return {
      ...base,
      kind: 'message',
      text: me ? text.slice(4) : text,
      ...(me ? { action: true } : {}),
      ...(id ? { msgId: scoped(id) } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(replyTo ? { replyTo } : {}),
    };
  }
  if (type === 'chat' || type === 'normal') {
    const body = el.getChildText('body');
    // Corrections and retractions of direct messages change nothing stored; delayed ones are offline replays.
    if (
      body === null ||
      el.getChild('replace', NS.correct) ||
      (opts.live && delayed !== undefined && type === 'normal')
    )
      return null;
    const sender: Sender = { id: fromBare, display: fromBare.split('@')[0]!, verified: true };
    return {
      network: ctx.network,
      account: ctx.account,
      sender,
      at,
      kind: 'direct',
      text: cleanText(body),
      ...(el.attrs.id ? { msgId: `${fromBare}|${el.attrs.id}` } : {}),
    };
  }
  return null;
}

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif)$/i;

/** XEP-0066 out-of-band links become attachments; a body that only repeats the link is dropped. */
export function oobOf(el: Element, body: string): { text: string; attachments: AttachmentRef[] } {
  const attachments: AttachmentRef[] = [];
  let text = body;
  for (const x of el.getChildren('x', NS.oob)) {
    const url = x.getChildText('url')?.trim();
    if (!url || !/^https?:\/\//i.test(url)) continue;
    const path = (() => {
      try {
        return new URL(url).pathname;
      } catch {
        return '';
      }
    })();
    const name = x.getChildText('desc')?.trim() || decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
    attachments.push({ kind: IMAGE_EXT.test(path) ? 'image' : 'file', url, name: cleanText(name).slice(0, 200) });
    if (text.trim() === url) text = '';
  }
  return { text, attachments };
}

/** Presence show → the core's three states. */
export function presenceOf(type: string | undefined, show: string | null | undefined): Presence {
  if (type === 'unavailable') return 'offline';
  return show === 'away' || show === 'xa' || show === 'dnd' ? 'away' : 'available';
}

/** A room presence: who the occupant is and what the room says about them. */
export function parseOccupant(el: Element):
  | (Occupant & {
      room: string;
      unavailable: boolean;
      codes: string[];
      show?: string;
      status: string;
      role: string;
    })
  | null {
  const x = el.getChild('x', NS.mucUser);
  if (!x) return null;
  const item = x.getChild('item');
  const from = el.attrs.from ?? '';
  return {
    room: bare(from),
    nick: resourceOf(from),
    affiliation: item?.attrs.affiliation ?? 'none',
    role: item?.attrs.role ?? 'none',
    ...(item?.attrs.jid ? { jid: item.attrs.jid } : {}),
    ...((id) => (id ? { occupantId: id } : {}))(el.getChild('occupant-id', NS.occupantId)?.attrs.id),
    unavailable: el.attrs.type === 'unavailable',
    codes: x.getChildren('status').map((s) => s.attrs.code ?? ''),
    ...(el.getChildText('show') ? { show: el.getChildText('show')! } : {}),
    status: cleanText(el.getChildText('status') ?? ''),
  };
}
