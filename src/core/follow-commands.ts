// `follow`, `unfollow`, `following`, `block`, `unblock` by direct message: a friend follows someone here, a #tag or a
// source elsewhere (which the whole site then follows), and stops hearing from whom they block.
import type { Person } from './model.ts';
import { handleKey, tagKey } from './names.ts';
import type { StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import { parseSource, SOURCE_FORMS } from './source.ts';
import { meshRenders } from './targets.ts';

interface Ctx {
  tx: StoreTx;
  rules: Pick<IngestRules, 'pageSize'>;
}

/** `@handle` or `#tag` of this site, or undefined when the text names something elsewhere. */
function local(text: string): { target: string } | { error: string } | undefined {
  const m = /^([@#])([^@\s]+)$/u.exec(text);
  if (!m) return undefined;
  const key = m[1] === '@' ? handleKey(m[2]!) : tagKey(m[2]!);
  return key ? { target: `${m[1]}${key}` } : { error: `"${text}" names nobody` };
}

export async function follow(ctx: Ctx, person: Person, what: 'follow' | 'unfollow', text: string): Promise<string> {
  const { tx } = ctx;
  const here = local(text);
  if (here && 'error' in here) return `${here.error}.`;
  if (here) {
    if (what === 'unfollow')
      return (await tx.unfollow(person.id, here.target))
        ? `You no longer follow ${here.target}.`
        : `You do not follow ${here.target}.`;
    if (here.target.startsWith('@')) {
      const who = await tx.personByHandle(here.target.slice(1));
      if (!who) return `Nobody here is called ${here.target}.`;
      if (who.id === person.id) return 'That is you.';
    }
    await tx.follow(person.id, here.target);
    return `You follow ${here.target}: its new posts reach you here, a few at a time.`;
  }
  const source = parseSource(text);
  if ('error' in source) return `${source.error}. Follow takes @someone or #tag here, or ${SOURCE_FORMS}.`;
  const by = `person:${person.id}`;
  if (what === 'follow') {
    await tx.follow(person.id, source.id);
    if (await tx.addSource(source.id, by))
      return `Following ${source.id}: its posts show on the site's mesh page, and reach you here.`;
    return `This site follows ${source.id} already; its new posts reach you here now.`;
  }
  const mine = await tx.unfollow(person.id, source.id);
  const row = (await tx.sources()).find((s) => s.id === source.id);
  if (!row) return mine ? `You no longer follow ${source.id}.` : `This site does not follow ${source.id}.`;
  if (row.addedBy !== by)
    return `You no longer hear of ${source.id}; the site still follows it: someone else added it.`;
  await tx.queueRender(meshRenders(ctx.rules.pageSize)(await tx.dropSource(source.id)));
  return `No longer following ${source.id}.`;
}

export async function following(tx: StoreTx, person: Person): Promise<string> {
  const sources = (await tx.sources()).map((s) => s.id);
  const mine = await tx.followsOf(person.id);
  const site = sources.length ? `This site follows: ${sources.join(', ')}.` : 'This site follows nothing elsewhere.';
  const you = mine.length ? ` You follow: ${mine.join(', ')}.` : ' You follow nothing yet ("follow @someone").';
  return site + you;
}

export async function block(tx: StoreTx, person: Person, on: boolean, text: string): Promise<string> {
  const m = /^@?([^@\s]+)(?:@(\S+))?$/u.exec(text);
  const handle = m && handleKey(m[1]!);
  if (!m || !handle) return `Usage: ${on ? 'block' : 'unblock'} @someone or @someone@their.site`;
  const target = m[2] ? `${handle}@${m[2].toLowerCase()}` : handle;
  const changed = await tx.setBlock(person.id, target, on);
  if (on) return changed ? `You no longer hear from @${target}.` : `You blocked @${target} already.`;
  return changed ? `You hear from @${target} again.` : `You had not blocked @${target}.`;
}
