import type { NewPost, Person, RenderTarget } from './model.ts';
import type { StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import type { AttachmentRef, NetworkName } from './types.ts';
import { resolveMentions } from './mentions.ts';
import { relayMentions } from './relay.ts';
import { digestLine, queueForFollowers } from './follows.ts';
import { joinUrl, permalinkPath } from './paths.ts';
import { searchTargets, sitemapTarget, sortedTargets, targetsForPlacements } from './targets.ts';
import { capText, cleanText, extractTags, slugify } from './text.ts';
import { videoLinks } from './embeds.ts';

export interface PostInput {
  author: Person;
  kind: NewPost['kind'];
  text: string;
  network: NetworkName;
  at: number;
  presence?: NewPost['presence'];
  roomId?: number | null;
  action?: boolean | undefined;
  sourceKey?: string | null;
  nativeMentions?: readonly string[] | undefined;
  attachments?: readonly AttachmentRef[];
  replyTo?: number | null;
  replyUrl?: string | null;
  /** An echo: the post it shows. */
  echoOf?: number | null;
}

/** Stores a post with its tags and mentions, queues its renders and the mention notices. */
export async function publishPost(tx: StoreTx, input: PostInput, rules: IngestRules, now: number): Promise<number> {
  const text = capText(cleanText(input.text));
  const tags = extractTags(text);
  const mentioned = await resolveMentions(tx, text, input.network, input.nativeMentions);
  const slug = slugify(text);
  const { id, placements } = await tx.createPost(
    {
      personId: input.author.id,
      kind: input.kind,
      text,
      presence: input.presence ?? null,
      roomId: input.roomId ?? null,
      network: input.network,
      at: input.at,
      action: input.action ?? false,
      sourceKey: input.sourceKey ?? null,
      slug,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      ...(rules.embeds ? { videos: videoLinks(text) } : {}),
      replyTo: input.replyTo ?? null,
      replyUrl: input.replyUrl ?? null,
      echoOf: input.echoOf ?? null,
    },
    tags,
    mentioned.map((p) => p.id),
  );
  // Its network's timeline is a secondary view: it waits for the batch, with the search index and sitemap.
  const secondary = placements.filter((p) => p.timeline.startsWith('network:'));
  const primary = placements.filter((p) => !p.timeline.startsWith('network:'));
  const targets: RenderTarget[] = [{ kind: 'post', id }, ...targetsForPlacements(primary, rules.pageSize)];
  // A reply: the post it answers lists it, and their conversation's page shows it.
  if (input.replyTo) targets.push(...(await conversationTargets(tx, input.replyTo)));
  // A new tag joins the tags list at once; a known tag's count there may wait for the batch.
  const tagList: RenderTarget[] = tags.length ? [{ kind: 'index', which: 'tags' }] : [];
  const newTag = primary.some((p) => p.timeline.startsWith('tag:') && p.seq === 1);
  if (newTag) targets.push(...tagList);
  await tx.queueRender(targets);
  // Its share of the search index, sitemap, network timeline and tags list may wait a little: posts that come
  // together write them once.
  await tx.queueRender(
    [
      ...searchTargets(id, text),
      sitemapTarget(id),
      ...targetsForPlacements(secondary, rules.pageSize),
      ...(newTag ? [] : tagList),
    ],
    rules.batchMs ? now + rules.batchMs : undefined,
  );
  await relayMentions(tx, { id, slug, text }, input.author, mentioned, rules, now);
  const url = joinUrl(rules.siteUrl, permalinkPath(id, slug));
  const who = `@${input.author.handle}`;
  const line = (via: string) => digestLine(who, text, url, via, rules.lang);
  await queueForFollowers(tx, [who, ...tags.map((t) => `#${t}`)], input.author.handle, input.author.id, line, now);
  return id;
}

/** Changes a post's text: same id and URL, new tags and mentions. */
export async function editPost(
  tx: StoreTx,
  postId: number,
  network: NetworkName,
  rawText: string,
  at: number,
  rules: IngestRules,
): Promise<void> {
  const text = capText(cleanText(rawText));
  const tags = extractTags(text);
  const mentioned = await resolveMentions(tx, text, network);
  const old = await tx.post(postId);
  const before = old?.text ?? '';
  if (rules.embeds) await tx.setVideos(postId, videoLinks(text));
  const placements = await tx.editPost(
    postId,
    text,
    at,
    tags,
    mentioned.map((p) => p.id),
  );
  await tx.queueRender([
    { kind: 'post', id: postId },
    ...targetsForPlacements(placements, rules.pageSize),
    { kind: 'index', which: 'tags' },
    // The words it is found by: those it had and those it has.
    ...searchTargets(postId, before, text),
    sitemapTarget(postId),
    ...(await conversationTargets(tx, old?.replyTo ?? postId)),
  ]);
}

export async function removePost(tx: StoreTx, postId: number, rules: IngestRules): Promise<void> {
  const old = await tx.post(postId);
  const text = old?.text ?? '';
  // Its conversation loses it (the one it was in, and its own, which its replies now start).
  const conversation = await conversationTargets(tx, old?.replyTo ?? postId);
  const { placements, replies } = await tx.deletePost(postId);
  await tx.queueRender([
    { kind: 'post', id: postId },
    ...targetsForPlacements(placements, rules.pageSize),
    ...replies.postIds.map((id) => ({ kind: 'post', id }) as const),
    ...targetsForPlacements(replies.placements, rules.pageSize),
    { kind: 'index', which: 'tags' },
    // It may have been in a sorted view (starred, voted on, echoed).
    ...sortedTargets(placements),
    ...searchTargets(postId, text),
    sitemapTarget(postId),
    ...conversation,
    { kind: 'thread', root: postId },
    ...replies.postIds.map((id) => ({ kind: 'thread', root: id }) as const),
  ]);
}

/** A post's parent lists its replies, and the thread's page shows them all: both render when a reply comes or goes. */
export async function conversationTargets(tx: StoreTx, parentId: number): Promise<RenderTarget[]> {
  return [
    { kind: 'post', id: parentId },
    { kind: 'thread', root: await tx.threadRoot(parentId) },
  ];
}
