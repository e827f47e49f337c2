// irc-framework events → ChatEvent. Pure: the connection passes in what it knows (its nick, who has which account).
import type { ChatEvent, Sender } from '../../src/core/types.ts';
import { parseCtcp, stripFormatting } from './formatting.ts';
import { reactionKey } from '../../src/core/reactions.ts';

export interface IrcContext {
  network: string;
  /** The bot's own nick, to tell direct messages from channel talk. */
  botNick: string;
  /** The services account a nick is logged in to, where the server has said (account-tag, extended-join, WHOIS). */
  accountOf(nick: string): string | undefined;
  /** Whether a nick is in a channel now; unknown channels say no. */
  inChannel?(channel: string, nick: string): boolean;
  now(): number;
}

/** The fields of irc-framework's privmsg/action/away/back events that Meshline reads. */
export interface IrcEvent {
  nick: string;
  target?: string;
  message: string;
  time?: number;
  account?: string;
  tags?: Record<string, string>;
}

/** A services account is what the network vouches for; a bare nick is not. */
export function senderOf(e: IrcEvent, ctx: IrcContext): Sender {
  return idOf(e.nick, e.account || e.tags?.account || ctx.accountOf(e.nick));
}

/**
 * `alice: hi` and `alice, hi` are how IRC talks to someone: the one addressed, when they are in the channel, is
 * mentioned (by their id, so the core finds them whatever their handle is).
 */
export function addressed(text: string, channel: string, ctx: IrcContext): string[] {
  const nick = /^([A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*)[:,](\s|$)/.exec(text)?.[1];
  if (!nick || !ctx.inChannel?.(channel, nick)) return [];
  return [idOf(nick, ctx.accountOf(nick)).id];
}

function idOf(nick: string, account: string | undefined): Sender {
  return account && account !== '*'
    ? { id: `~${account.toLowerCase()}`, display: nick, verified: true }
    : { id: nick.toLowerCase(), display: nick, verified: false };
}

const isChannel = (target: string) => /^[#&!+]/.test(target);

function base(e: IrcEvent, ctx: IrcContext) {
  return {
    network: ctx.network,
    account: ctx.botNick,
    sender: senderOf(e, ctx),
    at: e.time ?? ctx.now(),
    ...(e.tags?.msgid ? { msgId: e.tags.msgid } : {}),
  };
}

/**
 * TAGMSG with the IRCv3 client tags `+draft/react` (the reaction) and `+draft/reply` (the msgid it answers), in a
 * channel: a reaction. Other tag messages (typing notices) are nothing to store.
 */
export function parseTagmsg(e: Omit<IrcEvent, 'message'>, ctx: IrcContext): ChatEvent | null {
  const react = e.tags?.['+draft/react'];
  const target = e.tags?.['+draft/reply'];
  if (!react || !target || !e.target || !isChannel(e.target)) return null;
  const { msgId: _, ...rest } = base({ ...e, message: '' }, ctx);
  return { ...rest, kind: 'reaction', target, key: reactionKey(react), room: { id: e.target } };
}

/** PRIVMSG (and CTCP ACTION) to a channel or to the bot. NOTICEs never come here: bots must not answer them. */
export function parsePrivmsg(e: IrcEvent, ctx: IrcContext, action = false): ChatEvent | null {
  const ctcp = action ? { kind: 'action' as const, text: e.message } : parseCtcp(e.message);
  if (ctcp.kind === 'other') return null;
  const text = stripFormatting(ctcp.text);
  const target = e.target ?? '';
  if (isChannel(target)) {
    const mentions = ctcp.kind === 'action' ? [] : addressed(text, target, ctx);
    // IRCv3 `+draft/reply`: the msgid of the message it answers, as the server gave it.
    const replyTo = e.tags?.['+draft/reply'];
    return {
      ...base(e, ctx),
      kind: 'message',
      room: { id: target.toLowerCase(), name: target },
      text,
      ...(ctcp.kind === 'action' ? { action: true } : {}),
      ...(mentions.length ? { mentions } : {}),
      ...(replyTo ? { replyTo } : {}),
    };
  }
  if (target.toLowerCase() !== ctx.botNick.toLowerCase()) return null;
  return ctcp.kind === 'action' ? null : { ...base(e, ctx), kind: 'direct', text };
}

/** AWAY with a text is a status; coming back is presence without text (recorded, not posted). */
export function parseAway(e: IrcEvent, ctx: IrcContext, away: boolean): ChatEvent | null {
  if (e.nick.toLowerCase() === ctx.botNick.toLowerCase()) return null;
  const { msgId: _ignored, ...rest } = base(e, ctx);
  return {
    ...rest,
    kind: 'status',
    presence: away ? 'away' : 'available',
    text: away ? stripFormatting(e.message) : '',
  };
}
