// Commands people send the bot by direct message, the same on every network.
import { say } from './say.ts';

export type Command =
  | { name: 'help' }
  | { name: 'join' }
  | { name: 'optout' }
  | { name: 'forget'; confirmed: boolean }
  | { name: 'post'; text: string }
  | { name: 'reply'; target: string; text: string }
  | { name: 'private'; to: string[]; text: string }
  | { name: 'replyPrivate'; id: number; text: string }
  | { name: 'deletePrivate'; id: number }
  | { name: 'delete'; id: number }
  | { name: 'edit'; id: number; text: string }
  | { name: 'whoami' }
  | { name: 'link'; network: string; id: string }
  | { name: 'confirm'; code: string }
  | { name: 'notify'; target: string }
  | { name: 'publish'; room: string; on: boolean }
  | { name: 'handle'; handle: string }
  /** '' goes back to the name the network gives; a bio of '' has none. */
  | { name: 'name'; text: string }
  | { name: 'bio'; text: string }
  | { name: 'identities'; on: boolean }
  | { name: 'approve'; id: string }
  | { name: 'deny'; id: string }
  | { name: 'pending' }
  | { name: 'follow'; source: string }
  | { name: 'unfollow'; source: string }
  | { name: 'following' }
  | { name: 'star'; id: number; on: boolean }
  | { name: 'vote'; id: number; value: -1 | 0 | 1 }
  /** A star (1 on, 0 off) or vote on a post named by its address: a followed one, or one of this site's. */
  | { name: 'rateByUrl'; url: string; what: 'star' | 'vote'; value: -1 | 0 | 1 }
  | { name: 'echo'; id: number; comment: string; on: boolean }
  | { name: 'flag'; id: number; reason: string; on: boolean }
  | { name: 'mark'; id: number; mark: 'pinned' | 'hidden'; on: boolean }
  | { name: 'block'; who: string }
  | { name: 'unblock'; who: string }
  | { name: 'invalid'; usage: string }
  | { name: 'unknown'; word: string };

export const HELP: Record<
  Exclude<Command['name'], 'invalid' | 'unknown' | 'replyPrivate' | 'deletePrivate' | 'rateByUrl'>,
  string
> = {
  help: 'help: this list',
  join: 'join: publish my status and messages (opt in)',
  optout: 'optout: stop publishing me (posts stay)',
  forget: 'forget: delete everything of mine, from the store and the site',
  post: 'post TEXT: publish a post',
  reply: 'reply ID|URL|P<n> TEXT: answer a post here (its number), elsewhere (its address) or a private one',
  private: 'private @someone [@someone@their.site …] TEXT: a post for them only, never on the site',
  delete: 'delete ID|P<n>: delete one of my posts, or a private one (and its sealed copies)',
  edit: 'edit ID TEXT: change one of my posts',
  whoami: 'whoami: what Meshline knows about me',
  link: 'link NETWORK ID: prove that identity is mine too (a code is sent there)',
  confirm: 'confirm CODE: finish a link, from the other identity',
  notify: 'notify NETWORK|off: where to send mention notices',
  publish: 'publish ROOM on|off: publish a room you operate, or stop',
  handle: 'handle NAME: choose the name of my page and @mentions (old links keep working)',
  name: 'name [TEXT]: the name on my page and posts (alone: the one my network gives)',
  bio: 'bio [TEXT]: a line about me on my page (alone: none)',
  identities: 'identities on|off: show on my page where else I am (my IRC, XMPP and Matrix ids)',
  approve: 'approve ID: (admins) let someone who asked opt in',
  deny: 'deny ID: (admins) refuse someone, and stop publishing them',
  pending: 'pending: (admins) who is waiting for approval',
  follow: 'follow @someone|#tag|SOURCE: hear of new posts here, or of a site, @person@host, #tag@host or feed',
  unfollow: 'unfollow @someone|#tag|SOURCE: stop following it',
  following: 'following: what you and this site follow',
  star: 'star ID|URL (unstar ID|URL): mark a post you like, here or a followed one (by its address)',
  vote: 'up ID|URL, down ID|URL (unvote ID|URL): vote a post up or down, once',
  echo: 'echo ID [COMMENT] (unecho ID): show a post on your own page, with a comment',
  flag: 'flag ID [REASON] (unflag ID): tell the admins a post should not be here',
  mark: 'pin ID, unpin ID, hide ID, unhide ID: (admins; room operators pin in their room) head the timeline, or hide',
  block: 'block @someone[@their.site]: no more notices from them',
  unblock: 'unblock @someone[@their.site]: hear from them again',
};

const ADMIN_ONLY: readonly Command['name'][] = ['approve', 'deny', 'pending'];

/** Parses one direct message. A leading "!" or "/" is allowed, as people type it either way. */
export function parseCommand(input: string): Command {
  const text = input.trim().replace(/^[!/]/, '');
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!m) return { name: 'help' };
  const word = m[1]!.toLowerCase();
  const rest = m[2]!.trim();
  switch (word) {
    case 'help':
    case '?':
      return { name: 'help' };
    case 'join':
    case 'optin':
    case 'start':
      return { name: 'join' };
    case 'optout':
    case 'stop':
      return { name: 'optout' };
    case 'forget':
      return { name: 'forget', confirmed: /^(yes|confirm)$/i.test(rest) };
    case 'post':
      return rest ? { name: 'post', text: rest } : { name: 'invalid', usage: HELP.post };
    case 'private': {
      const p = /^((?:@\S+\s+)+)([\s\S]+)$/u.exec(rest);
      return p
        ? { name: 'private', to: p[1]!.trim().split(/\s+/), text: p[2]!.trim() }
        : { name: 'invalid', usage: HELP.private };
    }
    case 'reply': {
      const secret = /^P(\d{1,15})\s+([\s\S]+)$/i.exec(rest);
      if (secret) return { name: 'replyPrivate', id: Number(secret[1]), text: secret[2]!.trim() };
      const r = /^(#?\d{1,15}|https?:\/\/\S+)\s+([\s\S]+)$/i.exec(rest);
      return r
        ? { name: 'reply', target: r[1]!.replace(/^#/, ''), text: r[2]!.trim() }
        : { name: 'invalid', usage: HELP.reply };
    }
    case 'delete': {
      const secret = /^P(\d{1,15})$/i.exec(rest);
      if (secret) return { name: 'deletePrivate', id: Number(secret[1]) };
      const id = parseId(rest);
      return id === undefined || /\s/.test(rest) ? { name: 'invalid', usage: HELP.delete } : { name: 'delete', id };
    }
    case 'edit': {
      const e = /^#?(\d+)\s+([\s\S]+)$/.exec(rest);
      return e ? { name: 'edit', id: Number(e[1]), text: e[2]!.trim() } : { name: 'invalid', usage: HELP.edit };
    }
    case 'whoami':
      return { name: 'whoami' };
    case 'link': {
      const l = /^(\S+)\s+(\S+)$/.exec(rest);
      return l ? { name: 'link', network: l[1]!, id: l[2]! } : { name: 'invalid', usage: HELP.link };
    }
    case 'confirm':
      return /^\d{6}$/.test(rest) ? { name: 'confirm', code: rest } : { name: 'invalid', usage: HELP.confirm };
    case 'notify':
      return rest && !/\s/.test(rest)
        ? { name: 'notify', target: rest.toLowerCase() }
        : { name: 'invalid', usage: HELP.notify };
    case 'name':
    case 'bio':
      return { name: word, text: rest };
    case 'identities':
      return rest === 'on' || rest === 'off'
        ? { name: 'identities', on: rest === 'on' }
        : { name: 'invalid', usage: HELP.identities };
    case 'handle':
    case 'nick':
      if (!rest || /\s/.test(rest)) return { name: 'invalid', usage: HELP.handle };
      return { name: 'handle', handle: rest.replace(/^@/, '') };
    case 'approve':
    case 'deny':
      return rest && !/\s/.test(rest) ? { name: word, id: rest } : { name: 'invalid', usage: HELP[word] };
    case 'pending':
      return { name: 'pending' };
    case 'follow':
    case 'unfollow':
      return rest && !/\s/.test(rest) ? { name: word, source: rest } : { name: 'invalid', usage: HELP[word] };
    case 'following':
      return { name: 'following' };
    case 'star':
    case 'unstar':
    case 'up':
    case 'down':
    case 'unvote':
    case 'echo':
    case 'unecho':
    case 'flag':
    case 'unflag':
    case 'pin':
    case 'unpin':
    case 'hide':
    case 'unhide':
      return interaction(word, rest);
    case 'block':
    case 'unblock':
      return rest && !/\s/.test(rest) ? { name: word, who: rest } : { name: 'invalid', usage: HELP[word] };
    case 'publish': {
      const p = /^(\S+)\s+(on|off)$/i.exec(rest);
      return p
        ? { name: 'publish', room: p[1]!, on: p[2]!.toLowerCase() === 'on' }
        : { name: 'invalid', usage: HELP.publish };
    }
    default:
      return { name: 'unknown', word };
  }
}

/** star, up, echo, flag, pin and their undoing: a post's number, and for echo and flag some words. */
function interaction(word: string, rest: string): Command {
  const m = /^#?(\d{1,15})(?:\s+([\s\S]*))?$/.exec(rest);
  const undo = word.startsWith('un') && word !== 'up';
  const base = undo ? word.slice(2) : word;
  const url = /^https?:\/\/\S+$/i.exec(rest)?.[0];
  if (url && base === 'star') return { name: 'rateByUrl', url, what: 'star', value: undo ? 0 : 1 };
  if (url && (base === 'up' || base === 'down' || base === 'vote'))
    return { name: 'rateByUrl', url, what: 'vote', value: undo ? 0 : base === 'up' ? 1 : -1 };
  const usageOf: Record<string, keyof typeof HELP> = {
    star: 'star',
    up: 'vote',
    down: 'vote',
    vote: 'vote',
    echo: 'echo',
    flag: 'flag',
    pin: 'mark',
    hide: 'mark',
  };
  const words = m?.[2]?.trim() ?? '';
  if (
    !m ||
    ((undo || base === 'star' || base === 'up' || base === 'down' || base === 'pin' || base === 'hide') && words)
  )
    return { name: 'invalid', usage: HELP[usageOf[base]!] };
  const id = Number(m[1]);
  if (base === 'star') return { name: 'star', id, on: !undo };
  if (base === 'up' || base === 'down' || base === 'vote')
    return { name: 'vote', id, value: undo ? 0 : base === 'up' ? 1 : -1 };
  if (base === 'echo') return { name: 'echo', id, comment: words, on: !undo };
  if (base === 'flag') return { name: 'flag', id, reason: words, on: !undo };
  return { name: 'mark', id, mark: base === 'pin' ? 'pinned' : 'hidden', on: !undo };
}

function parseId(s: string): number | undefined {
  const m = /^#?(\d{1,15})$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

export function helpText(admin = false, lang?: string): string {
  const lines = Object.entries(HELP).filter(([name]) => admin || !ADMIN_ONLY.includes(name as Command['name']));
  return say(lang, 'Commands: {list}', { list: lines.map(([, line]) => say(lang, line)).join(' · ') });
}
