// What people do to posts by direct message (issue 16): star, vote up or down, echo, flag; admins pin and hide (room
// operators pin in their room). Each changes only the pages that show the post.
import type { StoreTx } from './ports.ts';
import type { Command } from './commands.ts';
import type { ConsentContext as CommandContext } from './consent.ts';
import type { Person, Post, RenderTarget } from './model.ts';
import { publishPost, removePost } from './publish-post.ts';
import { searchTargets, sitemapTarget, sortedTargets, targetsForPlacements } from './targets.ts';
import { localPostId } from './paths.ts';
import { say } from './say.ts';

type Interaction = Extract<Command, { name: 'star' | 'vote' | 'echo' | 'flag' | 'mark' }>;

/**
 * What a post's counts show on: its permalink, every page it is on, its timelines' sorted views (and `heads`, home's
 * when pins change). Commands and reactions alike.
 */
export async function queueCounts(tx: StoreTx, postId: number, pageSize: number, heads: RenderTarget[] = []) {
  const placements = await tx.placementsOf(postId);
  await tx.queueRender([
    { kind: 'post', id: postId },
    ...targetsForPlacements(placements, pageSize),
    ...sortedTargets(placements),
    ...heads,
  ]);
}

const rerender = (ctx: CommandContext, post: Post, heads: RenderTarget[] = []) =>
  queueCounts(ctx.tx, post.id, ctx.rules.pageSize, heads);

function isAdmin(ctx: CommandContext): boolean {
  const { sender, network } = ctx.event;
  return sender.verified && ctx.rules.admission(network).admins.includes(sender.id);
}

/** Admins of every network with some hear of a post hidden by flags. */
async function tellAdmins(ctx: CommandContext, text: string): Promise<void> {
  const networks = ctx.rules.networks?.map((n) => n.name) ?? [ctx.event.network];
  for (const network of networks)
    for (const admin of ctx.rules.admission(network).admins)
      await ctx.tx.queueDm({ network, account: '', to: admin, text });
}

export async function interact(ctx: CommandContext, person: Person, cmd: Interaction): Promise<string> {
  const { tx } = ctx;
  const admin = isAdmin(ctx);
  const post = await tx.post(cmd.id);
  if (!post || (post.hidden && !admin)) return say(ctx.rules.lang, 'There is no post #{id}.', { id: cmd.id });
  const id = { id: post.id };
  switch (cmd.name) {
    case 'star': {
      if (!(await tx.star(post.id, person.id, cmd.on)))
        return say(ctx.rules.lang, cmd.on ? 'You starred #{id} already.' : 'You had not starred #{id}.', id);
      await rerender(ctx, post);
      return say(ctx.rules.lang, cmd.on ? 'Starred #{id}.' : 'Unstarred #{id}.', id);
    }
    case 'vote': {
      if (post.personId === person.id) return say(ctx.rules.lang, 'Your own posts get their votes from others.');
      if (!(await tx.vote(post.id, person.id, cmd.value)))
        return say(
          ctx.rules.lang,
          cmd.value === 0 ? 'You had not voted on #{id}.' : 'You voted that way on #{id} already.',
          id,
        );
      await rerender(ctx, post);
      return say(
        ctx.rules.lang,
        cmd.value === 0 ? 'Your vote on #{id} is taken back.' : cmd.value > 0 ? 'Voted #{id} up.' : 'Voted #{id} down.',
        id,
      );
    }
    case 'echo': {
      const mine = await tx.echoOf(post.id, person.id);
      if (!cmd.on) {
        if (mine === undefined) return say(ctx.rules.lang, 'You had not echoed #{id}.', id);
        await removePost(tx, mine, ctx.rules);
        await rerender(ctx, post);
        return say(ctx.rules.lang, 'Your echo of #{id} is gone.', id);
      }
      if (mine !== undefined) return say(ctx.rules.lang, 'You echoed #{id} already (#{echo}).', { ...id, echo: mine });
      if (post.echoOf)
        return say(ctx.rules.lang, '#{id} is an echo: echo #{original} itself.', { ...id, original: post.echoOf });
      const input = {
        author: person,
        kind: 'note',
        text: cmd.comment,
        network: ctx.event.network,
        at: ctx.event.at,
        echoOf: post.id,
      } as const;
      const echo = await publishPost(tx, input, ctx.rules, ctx.now);
      await rerender(ctx, post);
      return say(ctx.rules.lang, 'Echoed #{id} on your page as #{echo}.', { ...id, echo });
    }
    case 'flag': {
      const { changed, count } = await tx.flag(
        post.id,
        person.id,
        cmd.on ? cmd.reason || 'no reason given' : null,
        ctx.now,
      );
      if (!changed)
        return say(ctx.rules.lang, cmd.on ? 'You flagged #{id} already.' : 'You had not flagged #{id}.', id);
      if (cmd.on && count >= ctx.rules.flagThreshold && !post.hidden) {
        await tx.setMark(post.id, 'hidden', true);
        await rerender(ctx, post, [
          { kind: 'head', timeline: 'home' },
          ...searchTargets(post.id, post.text),
          sitemapTarget(post.id),
        ]);
        await tellAdmins(
          ctx,
          say(ctx.rules.lang, '#{id} is hidden: {count} people flagged it. "unhide {id}" shows it again.', {
            ...id,
            count,
          }),
        );
      }
      return say(
        ctx.rules.lang,
        cmd.on ? 'Flagged #{id}; the admins will look at it.' : 'Your flag on #{id} is taken back.',
        id,
      );
    }
    case 'mark': {
      const pin = cmd.mark === 'pinned';
      const roomOperator = pin && post.roomId !== null && (await roomOperatedBy(ctx, post.roomId));
      if (!admin && !roomOperator)
        return say(ctx.rules.lang, 'Only admins pin and hide posts (room operators pin in their room).');
      if (!(await tx.setMark(post.id, cmd.mark, cmd.on)))
        return say(
          ctx.rules.lang,
          pin
            ? cmd.on
              ? '#{id} is pinned already.'
              : '#{id} is not pinned already.'
            : cmd.on
              ? '#{id} is hidden already.'
              : '#{id} is not hidden already.',
          id,
        );
      const heads: RenderTarget[] = [
        { kind: 'head', timeline: 'home' },
        ...searchTargets(post.id, post.text),
        sitemapTarget(post.id),
      ];
      if (post.roomId !== null) heads.push({ kind: 'head', timeline: `room:${post.roomId}` });
      await rerender(ctx, post, heads);
      return say(
        ctx.rules.lang,
        pin ? (cmd.on ? 'Pinned #{id}.' : 'Unpinned #{id}.') : cmd.on ? 'Hid #{id}.' : 'Unhid #{id}.',
        id,
      );
    }
  }
}

async function roomOperatedBy(ctx: CommandContext, roomId: number): Promise<boolean> {
  const ev = ctx.event;
  if (!ev.operatorOf?.length) return false;
  for (const ext of ev.operatorOf) if ((await ctx.tx.room(ev.network, ext))?.id === roomId) return true;
  return false;
}

/**
 * A star or vote on a post named by its address: one of this site's goes the usual way; a followed one is counted
 * in its own table and shown on the mesh pages it is on and their sorted views.
 */
export async function rateByUrl(
  ctx: CommandContext,
  person: Person,
  cmd: Extract<Command, { name: 'rateByUrl' }>,
): Promise<string> {
  const local = localPostId(cmd.url, ctx.rules.siteUrl);
  if (local !== null)
    return interact(
      ctx,
      person,
      cmd.what === 'star'
        ? { name: 'star', id: local, on: cmd.value === 1 }
        : { name: 'vote', id: local, value: cmd.value },
    );
  const post = await ctx.tx.followedPost(cmd.url);
  if (!post) return say(ctx.rules.lang, 'No post this site follows is at {url}.', { url: cmd.url });
  const changed =
    cmd.what === 'star'
      ? await ctx.tx.starFollowed(post.id, person.id, cmd.value === 1)
      : await ctx.tx.voteFollowed(post.id, person.id, cmd.value);
  if (!changed) {
    const star = cmd.what === 'star';
    if (cmd.value === 0)
      return say(ctx.rules.lang, star ? 'You had not starred that post.' : 'You had not voted on that post.');
    return say(ctx.rules.lang, star ? 'You starred it already.' : 'You voted that way on it already.');
  }
  await ctx.tx.queueRender([
    ...targetsForPlacements(post.placements, ctx.rules.pageSize),
    ...sortedTargets(post.placements),
  ]);
  if (cmd.what === 'star') return say(ctx.rules.lang, cmd.value === 1 ? 'Starred it.' : 'Unstarred it.');
  return say(
    ctx.rules.lang,
    cmd.value === 0 ? 'Your vote on it is taken back.' : cmd.value > 0 ? 'Voted it up.' : 'Voted it down.',
  );
}
