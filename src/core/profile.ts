// What people say of themselves by direct message: `name`, `bio`, `identities on|off` (README "Profiles"). Each
// renders what shows it: a name every page of their posts, a bio or their identities only their page.
import type { ConsentContext as CommandContext } from './consent.ts';
import type { Person } from './model.ts';
import { cleanName, cleanText } from './text.ts';
import { cutText } from './names.ts';
import { targetsForChanges } from './targets.ts';
import { say } from './say.ts';

/** A bio is a line or two, as Mastodon's is. */
export const MAX_BIO_CHARS = 300;
const MAX_NAME_CHARS = 64;

export async function setName(ctx: CommandContext, person: Person, text: string): Promise<string> {
  // Alone, the name goes back to the one the network gives.
  const name = cleanName(text, MAX_NAME_CHARS) || cleanName(ctx.event.sender.display, MAX_NAME_CHARS);
  if (!name) return 'Send "name" and the name you want on your page.';
  if (name === person.name) return say(ctx.rules.lang, 'Your name is {name} already.', { name });
  const changes = await ctx.tx.setName(person.id, name);
  await ctx.tx.queueRender([
    ...targetsForChanges(changes, ctx.rules.pageSize),
    { kind: 'head', timeline: `person:${person.id}` },
    { kind: 'index', which: 'people' },
  ]);
  return say(ctx.rules.lang, 'Your name is {name} now, on your page and your posts.', { name });
}

export async function setBio(ctx: CommandContext, person: Person, text: string): Promise<string> {
  const bio = cutText(cleanText(text).replace(/\s+/g, ' ').trim(), MAX_BIO_CHARS) || null;
  if (!(await ctx.tx.setBio(person.id, bio)))
    return say(ctx.rules.lang, bio ? 'Your bio says that already.' : 'You have no bio.');
  await ctx.tx.queueRender([{ kind: 'head', timeline: `person:${person.id}` }]);
  return say(ctx.rules.lang, bio ? 'Your bio is on your page now.' : 'Your bio is gone from your page.');
}

export async function showIdentities(ctx: CommandContext, person: Person, on: boolean): Promise<string> {
  if (!(await ctx.tx.setShowIdentities(person.id, on)))
    return on ? 'Your page lists your identities already.' : 'Your page does not list your identities.';
  await ctx.tx.queueRender([{ kind: 'head', timeline: `person:${person.id}` }]);
  return on
    ? 'Your page lists your identities now (the ones the networks vouch for).'
    : 'Your page no longer lists your identities.';
}
