// `follow`, `unfollow`, `following`, `block`, `unblock` by direct message: a friend follows someone here, a #tag or a
// source elsewhere (which the whole site then follows), and stops hearing from whom they block.
import type { Person } from './model.ts';
import { handleKey, tagKey } from './names.ts';
import type { StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import { parseSource, SOURCE_FORMS } from './source.ts';
import { meshRenders } from './targets.ts';
import { say } from './say.ts';

interface Ctx {
  tx: StoreTx;
  rules: Pick<IngestRules, 'pageSize' | 'lang'>;
}

/** `@handle` or `#tag` of this site, or undefined when the text names something elsewhere. */
function local(text: string): { target: string } | { nobody: true } | undefined {
  const m = /^([@#])([^@\s]+)$/u.exec(text);
  if (!m) return undefined;
  const key = m[1] === '@' ? handleKey(m[2]!) : tagKey(m[2]!);
  return key ? { target: `${m[1]}${key}` } : { nobody: true };
}

export async function follow(ctx: Ctx, person: Person, what: 'follow' | 'unfollow', text: string): Promise<string> {
  const { tx } = ctx;
  const lang = ctx.rules.lang;
  const here = local(text);
  if (here && 'nobody' in here) return say(lang, '"{text}" names nobody.', { text });
  if (here) {
    if (what === 'unfollow')
      return say(
        lang,
        (await tx.unfollow(person.id, here.target)) ? 'You no longer follow {what}.' : 'You do not follow {what}.',
        { what: here.target },
      );
    if (here.target.startsWith('@')) {
      const who = await tx.personByHandle(here.target.slice(1));
      if (!who) return say(lang, 'Nobody here is called {who}.', { who: here.target });
      if (who.id === person.id) return say(lang, 'That is you.');
    }
    await tx.follow(person.id, here.target);
    return say(lang, 'You follow {what}: its new posts reach you here, a few at a time.', { what: here.target });
  }
  const source = parseSource(text);
  if ('error' in source)
    return say(lang, '{problem}. Follow takes @someone or #tag here, or {forms}.', {
      problem: say(lang, source.say, source.vars),
      forms: SOURCE_FORMS,
    });
  const by = `person:${person.id}`;
  if (what === 'follow') {
    await tx.follow(person.id, source.id);
    const src = { what: source.id };
    if (await tx.addSource(source.id, by))
      return say(lang, 'Following {what}: its posts show on the mesh page of this site, and reach you here.', src);
    return say(lang, 'This site follows {what} already; its new posts reach you here now.', src);
  }
  const mine = await tx.unfollow(person.id, source.id);
  const row = (await tx.sources()).find((s) => s.id === source.id);
  const src = { what: source.id };
  if (!row) return say(lang, mine ? 'You no longer follow {what}.' : 'This site does not follow {what}.', src);
  if (row.addedBy !== by)
    return say(lang, 'You no longer hear of {what}; the site still follows it: someone else added it.', src);
  await tx.queueRender(meshRenders(ctx.rules.pageSize)(await tx.dropSource(source.id)));
  return say(lang, 'No longer following {what}.', src);
}

export async function following(tx: StoreTx, person: Person, lang?: string): Promise<string> {
  const sources = (await tx.sources()).map((s) => s.id);
  const mine = await tx.followsOf(person.id);
  const site = sources.length
    ? say(lang, 'This site follows: {list}.', { list: sources.join(', ') })
    : say(lang, 'This site follows nothing elsewhere.');
  const you = mine.length
    ? say(lang, 'You follow: {list}.', { list: mine.join(', ') })
    : say(lang, 'You follow nothing yet ("follow @someone").');
  return `${site} ${you}`;
}

export async function block(tx: StoreTx, person: Person, on: boolean, text: string, lang?: string): Promise<string> {
  const m = /^@?([^@\s]+)(?:@(\S+))?$/u.exec(text);
  const handle = m && handleKey(m[1]!);
  if (!m || !handle)
    return say(lang, 'Usage: {usage}', {
      usage: say(
        lang,
        on
          ? 'block @someone[@their.site]: no more notices from them'
          : 'unblock @someone[@their.site]: hear from them again',
      ),
    });
  const target = m[2] ? `${handle}@${m[2].toLowerCase()}` : handle;
  const changed = await tx.setBlock(person.id, target, on);
  if (on)
    return say(lang, changed ? 'You no longer hear from @{who}.' : 'You blocked @{who} already.', { who: target });
  return say(lang, changed ? 'You hear from @{who} again.' : 'You had not blocked @{who}.', { who: target });
}
