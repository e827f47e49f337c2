// Mention notices: who gets a direct message about a post, on which network, how often.
import type { Identity, Person, Post } from './model.ts';
import type { StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import { cutText } from './names.ts';
import { joinUrl, permalinkPath } from './paths.ts';
import { say } from './say.ts';

const HOUR = 3_600_000;

/** The identity to reach a person on: their chosen network, else the one they were last seen on. */
export function chooseRecipient(person: Person, identities: readonly Identity[]): Identity | undefined {
  if (person.notify === 'off') return undefined;
  const candidates = person.notify ? identities.filter((i) => i.network === person.notify) : identities;
  return [...candidates].sort((a, b) => b.lastSeen - a.lastSeen)[0];
}

export function noticeText(
  author: Person,
  post: Pick<Post, 'id' | 'slug' | 'text'>,
  siteUrl: string,
  lang?: string,
): string {
  const excerpt = cutText(post.text, 140);
  const url = joinUrl(siteUrl, permalinkPath(post.id, post.slug));
  return say(lang, '@{handle} mentioned you: "{text}" {url}', { handle: author.handle, text: excerpt, url });
}

/** Queues one notice, within the person's hourly limit, where they want it; returns whether it was queued. */
export async function queueNotice(
  tx: StoreTx,
  person: Person,
  text: string,
  about: number | undefined,
  rules: Pick<IngestRules, 'noticesPerHour'>,
  now: number,
  /** Who it is from (`handle`, or `handle@host`): nothing from someone the person blocked. */
  from?: string,
): Promise<boolean> {
  if (!person.optedIn) return false;
  if (from !== undefined && (await tx.blocks(person.id)).has(from)) return false;
  if ((await tx.notificationsSince(person.id, now - HOUR)) >= rules.noticesPerHour) return false;
  const to = chooseRecipient(person, await tx.identitiesOf(person.id));
  if (!to) return false;
  await tx.queueDm({ network: to.network, account: to.account, to: to.id, text, ...(about ? { about } : {}) });
  await tx.recordNotification(person.id, now);
  return true;
}

/** A followed site's post that mentions someone here (@handle@this.site). */
export function remoteNoticeText(
  author: string,
  text: string,
  url: string | null,
  reply = false,
  lang?: string,
): string {
  const vars = { who: author, text: cutText(text, 140) };
  const said = say(lang, reply ? '{who} replied to you: "{text}"' : '{who} mentioned you: "{text}"', vars);
  return url ? `${said} ${url}` : said;
}

/** Queues notices for mentioned people; returns how many were queued. */
export async function relayMentions(
  tx: StoreTx,
  post: Pick<Post, 'id' | 'slug' | 'text'>,
  author: Person,
  mentioned: readonly Person[],
  rules: IngestRules,
  now: number,
): Promise<number> {
  let queued = 0;
  for (const person of mentioned) {
    if (person.id === author.id) continue;
    const text = noticeText(author, post, rules.siteUrl, rules.lang);
    if (await queueNotice(tx, person, text, author.id, rules, now, author.handle)) queued++;
  }
  return queued;
}
