// What people do to posts by direct message (issue 16): star, vote up or down, echo, flag; admins pin and hide (room
// operators pin in their room). Each changes only the pages that show the post.
import type { StoreTx } from './ports.ts';
import type { Command } from './commands.ts';
import type { ConsentContext as CommandContext } from './consent.ts';
import type { Person, Post, RenderTarget } from './model.ts';
import { publishPost, removePost } from './publish-post.ts';
import { searchTargets, sitemapTarget, sortedTargets, targetsForPlacements } from './targets.ts';
import { localPostId } from './paths.ts';

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
  if (!post || (post.hidden && !admin)) return `There is no post #${cmd.id}.`;
  switch (cmd.name) {
    case 'star': {
      if (!(await tx.star(post.id, person.id, cmd.on)))
        return cmd.on ? `You starred #${post.id} already.` : `You had not starred #${post.id}.`;
      await rerender(ctx, post);
      return cmd.on ? `Starred #${post.id}.` : `Unstarred #${post.id}.`;
    }
    case 'vote': {
      if (post.personId === person.id) return 'Your own posts get their votes from others.';
      if (!(await tx.vote(post.id, person.id, cmd.value)))
        return cmd.value === 0 ? `You had not voted on #${post.id}.` : `You voted that way on #${post.id} already.`;
      await rerender(ctx, post);
      return cmd.value === 0
        ? `Your vote on #${post.id} is taken back.`
        : `Voted #${post.id} ${cmd.value > 0 ? 'up' : 'down'}.`;
    }
    case 'echo': {
      const mine = await tx.echoOf(post.id, person.id);
      if (!cmd.on) {
        if (mine === undefined) return `You had not echoed #${post.id}.`;
        await removePost(tx, mine, ctx.rules);
        await rerender(ctx, post);
        return `Your echo of #${post.id} is gone.`;
      }
      if (mine !== undefined) return `You echoed #${post.id} already (#${mine}).`;
      if (post.echoOf) return `#${post.id} is an echo: echo #${post.echoOf} itself.`;
      const input = {
        author: person,
        kind: 'note',
        text: cmd.comment,
        network: ctx.event.network,
        at: ctx.event.at,
        echoOf: post.id,
      } as const;
      const id = await publishPost(tx, input, ctx.rules, ctx.now);
      await rerender(ctx, post);
      return `Echoed #${post.id} on your page as #${id}.`;
    }
    case 'flag': {
      const { changed, count } = await tx.flag(
        post.id,
        person.id,
        cmd.on ? cmd.reason || 'no reason given' : null,
        ctx.now,
      );
      if (!changed) return cmd.on ? `You flagged #${post.id} already.` : `You had not flagged #${post.id}.`;
      if (cmd.on && count >= ctx.rules.flagThreshold && !post.hidden) {
        await tx.setMark(post.id, 'hidden', true);
        await rerender(ctx, post, [
          { kind: 'head', timeline: 'home' },
          ...searchTargets(post.id, post.text),
          sitemapTarget(post.id),
        ]);
        await tellAdmins(ctx, `#${post.id} is hidden: ${count} people flagged it. "unhide ${post.id}" shows it again.`);
      }
      return cmd.on ? `Flagged #${post.id}; the admins will look at it.` : `Your flag on #${post.id} is taken back.`;
    }
    case 'mark': {
      const roomOperator = cmd.mark === 'pinned' && post.roomId !== null && (await roomOperatedBy(ctx, post.roomId));
      if (!admin && !roomOperator) return 'Only admins pin and hide posts (room operators pin in their room).';
      if (!(await tx.setMark(post.id, cmd.mark, cmd.on)))
        return `#${post.id} is ${cmd.on ? '' : 'not '}${cmd.mark} already.`;
      const heads: RenderTarget[] = [
        { kind: 'head', timeline: 'home' },
        ...searchTargets(post.id, post.text),
        sitemapTarget(post.id),
      ];
      if (post.roomId !== null) heads.push({ kind: 'head', timeline: `room:${post.roomId}` });
      await rerender(ctx, post, heads);
      const word = cmd.mark === 'pinned' ? (cmd.on ? 'Pinned' : 'Unpinned') : cmd.on ? 'Hid' : 'Unhid';
      return `${word} #${post.id}.`;
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
  if (!post) return `No post this site follows is at ${cmd.url}.`;
  const changed =
    cmd.what === 'star'
      ? await ctx.tx.starFollowed(post.id, person.id, cmd.value === 1)
      : await ctx.tx.voteFollowed(post.id, person.id, cmd.value);
  if (!changed)
    return cmd.value === 0
      ? `You had not ${cmd.what === 'star' ? 'starred' : 'voted on'} that post.`
      : `You ${cmd.what === 'star' ? 'starred' : 'voted that way on'} it already.`;
  await ctx.tx.queueRender([
    ...targetsForPlacements(post.placements, ctx.rules.pageSize),
    ...sortedTargets(post.placements),
  ]);
  if (cmd.what === 'star') return cmd.value === 1 ? 'Starred it.' : 'Unstarred it.';
  return cmd.value === 0 ? 'Your vote on it is taken back.' : `Voted it ${cmd.value > 0 ? 'up' : 'down'}.`;
}
