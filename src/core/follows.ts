// Following inside the site (DotMesh's subscriptions): a friend follows @someone, a #tag or a source, and new posts
// reach them as one notice a round, within their hourly limit; whom they block they no longer hear from.
import type { Person } from './model.ts';
import { cutText } from './names.ts';
import type { StoreTx } from './ports.ts';
import { queueNotice } from './relay.ts';
import type { IngestRules } from './rules.ts';
import { say } from './say.ts';

/** Lines a notice holds; the rest are counted. */
const LINES = 5;

export function digestLine(who: string, text: string, url: string | null, via?: string, lang?: string): string {
  const by = via?.startsWith('#') ? say(lang, '{who} in {tag}', { who, tag: via }) : who;
  return `${by}: "${cutText(text.replace(/\s+/g, ' '), 100)}"${url ? ` ${url}` : ''}`;
}

export function digestText(lines: readonly string[], lang?: string): string {
  const list = lines.slice(0, LINES).join(' · ');
  return lines.length > LINES
    ? say(lang, 'New from what you follow: {list} (and {more} more)', { list, more: lines.length - LINES })
    : say(lang, 'New from what you follow: {list}', { list });
}

/**
 * Queues a line for each follower of one of `targets` (each told once), unless it is the author (`authorId`) or
 * someone who blocked them (`from`).
 */
export async function queueForFollowers(
  tx: StoreTx,
  targets: readonly string[],
  from: string,
  authorId: number | undefined,
  line: (via: string) => string,
  now: number,
): Promise<number> {
  const followers = await tx.followers(targets);
  const told = new Set<number>();
  for (const [target, people] of followers) {
    for (const p of people) {
      if (p === authorId || told.has(p) || (await tx.blocks(p)).has(from)) continue;
      told.add(p);
      await tx.queueDigest(p, line(target), now, authorId);
    }
  }
  return told.size;
}

/** Sends each person's waiting lines as one notice; what the hourly limit holds back waits for the next round. */
export async function sendDigests(tx: StoreTx, rules: Pick<IngestRules, 'noticesPerHour' | 'lang'>, now: number) {
  let sent = 0;
  for (const [personId, lines] of await tx.digests()) {
    const upTo = lines[lines.length - 1]!.at;
    const person: Person | undefined = await tx.person(personId);
    if (!person?.optedIn) {
      await tx.clearDigest(personId, upTo);
      continue;
    }
    const text = digestText(
      lines.map((l) => l.line),
      rules.lang,
    );
    if (await queueNotice(tx, person, text, undefined, rules, now)) {
      await tx.clearDigest(personId, upTo);
      sent++;
    }
  }
  return sent;
}
