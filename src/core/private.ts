// Private posts (docs/MESH.md, "Private posts"): `private @bob @carol@their.site TEXT` by direct message. Never a post,
// never on the site: people here get it by IM; for people elsewhere a sealed copy waits in this site's inbox for their
// site to pull. `reply P<n> TEXT` answers privately; `delete P<n>` removes it and its copies.
import { randomBytes } from 'node:crypto';
import type { Person } from './model.ts';
import { handleKey } from './names.ts';
import type { StoreTx } from './ports.ts';
import type { PrivatePost, PrivateReader } from './private-types.ts';
import { chooseRecipient } from './relay.ts';
import type { IngestRules } from './rules.ts';
import { siteRoot } from './source.ts';
import { capText, cleanText } from './text.ts';
import { say } from './say.ts';

export interface PrivateCtx {
  tx: StoreTx;
  rules: Pick<IngestRules, 'siteUrl' | 'lang'>;
  at: number;
}

/** Whom a private post may go to, sorted out: people here, and handles by site elsewhere. */
interface Addressed {
  local: Person[];
  remote: Map<string, string[]>;
  unknown: string[];
}

async function address(ctx: PrivateCtx, author: Person, to: readonly string[]): Promise<Addressed> {
  const host = new URL(ctx.rules.siteUrl).host.toLowerCase();
  const out: Addressed = { local: [], remote: new Map(), unknown: [] };
  for (const t of to) {
    const m = /^@?([^@\s]+)(?:@(\S+))?$/u.exec(t);
    const handle = m && handleKey(m[1]!);
    const there = m?.[2]?.toLowerCase();
    if (!handle) out.unknown.push(t);
    else if (!there || there === host) {
      const p = await ctx.tx.personByHandle(handle);
      if (!p?.optedIn) out.unknown.push(`@${handle}`);
      else if (p.id !== author.id && !out.local.some((x) => x.id === p.id)) out.local.push(p);
    } else {
      const root = siteRoot(there);
      if (!root) out.unknown.push(t);
      else out.remote.set(root, [...new Set([...(out.remote.get(root) ?? []), handle])]);
    }
  }
  return out;
}

/** Where a private message reaches someone: their chosen network, else where last seen (even with notices off). */
async function deliver(tx: StoreTx, to: Person, text: string, about: number | undefined): Promise<void> {
  const ids = await tx.identitiesOf(to.id);
  const chosen = chooseRecipient(to.notify === 'off' ? { ...to, notify: null } : to, ids);
  if (chosen)
    await tx.queueDm({
      network: chosen.network,
      account: chosen.account,
      to: chosen.id,
      text,
      ...(about ? { about } : {}),
    });
}

export function privateText(from: string, id: number, text: string, lang?: string): string {
  return say(lang, 'Private from {from} (P{id}): {text} — answer privately: reply P{id} TEXT', { from, id, text });
}

export async function sendPrivate(
  ctx: PrivateCtx,
  author: Person,
  to: readonly string[],
  text: string,
  replyTo?: PrivatePost,
): Promise<string> {
  const a = await address(ctx, author, to);
  const lang = ctx.rules.lang;
  if (a.unknown.length)
    return say(lang, 'Nobody here is called {who}; nothing was sent.', { who: a.unknown.join(', ') });
  if (!a.local.length && !a.remote.size) return say(lang, 'Say whom it is for: private @someone TEXT');
  const body = capText(cleanText(text));
  const readers: PrivateReader[] = [
    ...a.local.map((p) => ({ who: `person:${p.id}`, personId: p.id })),
    ...[...a.remote].flatMap(([site, handles]) =>
      handles.map((h) => ({ who: `${h}@${new URL(site).host}`, personId: null })),
    ),
  ];
  const id = (await ctx.tx.createPrivate({
    authorId: author.id,
    remoteAuthor: null,
    origin: null,
    originId: null,
    text: body,
    at: ctx.at,
    replyTo: replyTo?.id ?? null,
    recipients: readers,
  }))!;
  for (const p of a.local)
    await deliver(ctx.tx, p, privateText(`@${author.handle}`, id, body, ctx.rules.lang), author.id);
  for (const [site, handles] of a.remote)
    await ctx.tx.queueInbox({ name: randomBytes(16).toString('base64url'), postId: id, site, recipients: handles });
  const names = [...a.local.map((p) => `@${p.handle}`), ...readers.filter((r) => !r.personId).map((r) => `@${r.who}`)];
  const vars = { who: names.join(', '), id };
  return say(
    lang,
    a.remote.size
      ? 'Sent privately to {who} as P{id}. It is not on the site; their sites get it sealed for them when they next ' +
          'pull this one.'
      : 'Sent privately to {who} as P{id}. It is not on the site.',
    vars,
  );
}

/** `reply P<n>`: to its author and everyone it was for, but the one answering. */
export async function replyPrivate(ctx: PrivateCtx, person: Person, id: number, text: string): Promise<string> {
  const post = await ctx.tx.privatePost(id);
  const mine = `person:${person.id}`;
  if (!post || (post.authorId !== person.id && !post.recipients.some((r) => r.who === mine)))
    return say(ctx.rules.lang, 'You have no private post P{id}.', { id });
  const to = new Set<string>();
  if (post.authorId !== null && post.authorId !== person.id) {
    const author = await ctx.tx.person(post.authorId);
    if (author) to.add(`@${author.handle}`);
  }
  if (post.remoteAuthor) to.add(`@${post.remoteAuthor}`);
  for (const r of post.recipients) {
    if (r.who === mine) continue;
    if (r.personId === null) to.add(`@${r.who}`);
    else {
      const p = await ctx.tx.person(r.personId);
      if (p) to.add(`@${p.handle}`);
    }
  }
  return sendPrivate(ctx, person, [...to], text, post);
}

export async function deletePrivate(ctx: PrivateCtx, person: Person, id: number): Promise<string> {
  const post = await ctx.tx.privatePost(id);
  if (!post || post.authorId !== person.id) return say(ctx.rules.lang, 'You have no private post P{id}.', { id });
  if (await ctx.tx.removePrivate(id)) await ctx.tx.queueRender([{ kind: 'inbox' }]);
  return say(ctx.rules.lang, 'Deleted P{id}, and its sealed copies on this site.', { id });
}

export { deliver as deliverPrivate };
