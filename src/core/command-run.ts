// Carries out a parsed command for the person (or stranger) who sent it, and says what happened.
import type { Identity, Person } from './model.ts';
import { helpText, parseCommand, type Command } from './commands.ts';
import { say } from './say.ts';
import { admit, decide, deniedIdentity, optIn, optOut, type ConsentContext } from './consent.ts';
import { handleKey, handleProblemOf } from './names.ts';
import { resolveNetwork } from './networks.ts';
import { editPost, publishPost, removePost } from './publish-post.ts';
import { sortedTargets, targetsForChanges, targetsForPlacements } from './targets.ts';
import { block, follow, following } from './follow-commands.ts';
import { deletePrivate, replyPrivate, sendPrivate } from './private.ts';
import { interact, rateByUrl } from './interact.ts';
import { setBio, setName, showIdentities } from './profile.ts';
import { AVATAR_DIR, localPostId, personDir } from './paths.ts';

export { optIn, optOut } from './consent.ts';

export interface CommandContext extends ConsentContext {
  identity: Identity | undefined;
  /** Set when the sender was just forgotten: the reply is the last message they get. */
  forgotten?: boolean;
}

export async function runCommand(ctx: CommandContext, text: string): Promise<string> {
  const cmd = parseCommand(text);
  const { sender, network } = ctx.event;
  const admin = sender.verified && ctx.rules.admission(network).admins.includes(sender.id);
  const lang = ctx.rules.lang;
  switch (cmd.name) {
    case 'help':
      return helpText(admin, lang);
    case 'unknown':
      return say(lang, 'I do not know "{word}". {help}', { word: cmd.word, help: helpText(admin, lang) });
    case 'invalid':
      return say(lang, 'Usage: {usage}', { usage: say(lang, cmd.usage) });
    case 'join':
      return optIn(ctx);
    case 'optout':
      return optOut(ctx);
    case 'confirm':
      return confirmLink(ctx, cmd.code);
    case 'publish':
      return publishRoom(ctx, cmd.room, cmd.on);
    case 'approve':
    case 'deny':
      return decide(ctx, cmd.name, cmd.id);
    case 'pending':
      return decide(ctx, 'pending', '');
    default:
      break;
  }
  const person = ctx.person;
  if (!person && cmd.name === 'forget' && cmd.confirmed) {
    // Someone whose request waits for an admin may change their mind: nothing of theirs is kept then.
    const withdrawn = await ctx.tx.withdrawAdmission(network, sender.id);
    if (withdrawn) return say(ctx.rules.lang, 'Your request to join is withdrawn; nothing of yours is kept.');
  }
  if (!person) return say(ctx.rules.lang, 'I do not know you yet. Send "join" to opt in.');
  return runForPerson(ctx, person, cmd);
}

async function runForPerson(ctx: CommandContext, person: Person, cmd: Command): Promise<string> {
  const { tx, rules, event } = ctx;
  switch (cmd.name) {
    case 'whoami': {
      const ids = (await tx.identitiesOf(person.id)).map((i) => `${i.network}:${i.id}`).join(', ');
      const where = person.notify ?? say(rules.lang, 'where you last wrote');
      const vars = { handle: person.handle, name: person.name, ids, notify: where };
      return say(
        rules.lang,
        person.optedIn
          ? '@{handle} ({name}), opted in; identities: {ids}; mention notices: {notify}.'
          : '@{handle} ({name}), not opted in; identities: {ids}; mention notices: {notify}.',
        vars,
      );
    }
    case 'forget': {
      if (!cmd.confirmed) {
        return say(
          rules.lang,
          'This deletes all your posts and everything Meshline knows of you, from the site too. ' +
            'Send "forget yes" to go ahead.',
        );
      }
      const gone = await tx.forgetPerson(person.id);
      ctx.forgotten = true;
      await tx.queueRender([
        ...gone.postIds.map((id) => ({ kind: 'post', id }) as const),
        ...targetsForPlacements(
          gone.placements.filter((p) => p.timeline !== `person:${person.id}`),
          rules.pageSize,
        ),
        ...targetsForChanges(gone.touched, rules.pageSize),
        ...gone.handles.map((h) => ({ kind: 'gone', prefix: personDir(h) }) as const),
        // Their avatar's copy goes with them.
        { kind: 'gone', prefix: `${AVATAR_DIR}${person.id}-` },
        { kind: 'index', which: 'people' },
        { kind: 'index', which: 'tags' },
        // Sealed copies of their private posts leave the inbox too.
        { kind: 'inbox' },
        // Their posts leave the search index (rebuilt: their texts are gone from the store already).
        { kind: 'search-all' },
        // Their stars and votes, and their posts, leave the sorted views.
        ...sortedTargets([...gone.placements, ...gone.touched.placements]),
      ]);
      return say(rules.lang, 'Forgotten: your posts and identities are deleted and the site is being updated.');
    }
    case 'notify': {
      if (cmd.target === 'off') {
        await tx.setNotify(person.id, 'off');
        return say(rules.lang, 'Mention notices are off.');
      }
      const net = resolveNetwork(rules.networks, cmd.target, rules.lang);
      if ('error' in net) return net.error;
      if (!(await tx.identitiesOf(person.id)).some((i) => i.network === net.name)) {
        return say(
          rules.lang,
          'You have no identity on {network}. Link one first ("link {network} ID"), or say "notify off".',
          { network: net.name },
        );
      }
      await tx.setNotify(person.id, net.name);
      return say(rules.lang, 'Mention notices go to {network}.', { network: net.name });
    }
    case 'link': {
      const net = resolveNetwork(rules.networks, cmd.network, rules.lang);
      if ('error' in net) return net.error;
      if (net.name === event.network && cmd.id === event.sender.id)
        return say(rules.lang, 'That is the identity you are writing from.');
      const code = rules.newCode();
      const expiresAt = ctx.now + rules.linkCodeTtlMs;
      await tx.putLinkCode({ code, personId: person.id, network: net.name, account: '', extId: cmd.id, expiresAt });
      const ask = say(
        rules.lang,
        '@{handle} asks to link this identity to theirs on Meshline. If that is you, reply: confirm {code}',
        { handle: person.handle, code },
      );
      await tx.queueDm({ network: net.name, account: '', to: cmd.id, text: ask, about: person.id });
      const minutes = Math.round(rules.linkCodeTtlMs / 60000);
      return say(
        rules.lang,
        'I sent a code to {id} on {network}. Reply "confirm CODE" from there within {minutes} minutes.',
        { id: cmd.id, network: net.name, minutes },
      );
    }
    case 'handle':
      return changeHandle(ctx, person, cmd.handle);
    case 'name':
      return setName(ctx, person, cmd.text);
    case 'bio':
      return setBio(ctx, person, cmd.text);
    case 'identities':
      return showIdentities(ctx, person, cmd.on);
    case 'following':
      return following(tx, person, rules.lang);
    default:
      break;
  }
  if (!person.optedIn) return say(rules.lang, 'You are not opted in. Send "join" first.');
  switch (cmd.name) {
    case 'post': {
      const input = { author: person, kind: 'note', text: cmd.text, network: event.network, at: event.at } as const;
      const id = await publishPost(tx, input, rules, ctx.now);
      return say(rules.lang, 'Posted #{id}.', { id });
    }
    case 'delete':
    case 'edit': {
      const post = await tx.post(cmd.id);
      if (!post || post.personId !== person.id) return say(rules.lang, 'You have no post #{id}.', { id: cmd.id });
      if (cmd.name === 'delete') {
        await removePost(tx, post.id, rules);
        return say(rules.lang, 'Deleted #{id}.', { id: post.id });
      }
      await editPost(tx, post.id, event.network, cmd.text, event.at, rules);
      return say(rules.lang, 'Edited #{id}.', { id: post.id });
    }
    case 'follow':
    case 'unfollow':
      return follow(ctx, person, cmd.name, cmd.source);
    case 'block':
    case 'unblock':
      return block(tx, person, cmd.name === 'block', cmd.who, rules.lang);
    case 'reply':
      return reply(ctx, person, cmd.target, cmd.text);
    case 'private':
      return sendPrivate({ tx, rules, at: event.at }, person, cmd.to, cmd.text);
    case 'replyPrivate':
      return replyPrivate({ tx, rules, at: event.at }, person, cmd.id, cmd.text);
    case 'deletePrivate':
      return deletePrivate({ tx, rules, at: event.at }, person, cmd.id);
    case 'star':
    case 'vote':
    case 'echo':
    case 'flag':
    case 'mark':
      return interact(ctx, person, cmd);
    case 'rateByUrl':
      return rateByUrl(ctx, person, cmd);
    default:
      return helpText();
  }
}

/** A post answering one here (by number or permalink) or one on another site (by its address). */
async function reply(ctx: CommandContext, person: Person, target: string, text: string): Promise<string> {
  const { tx, rules, event } = ctx;
  const local = /^\d+$/.test(target) ? Number(target) : localPostId(target, rules.siteUrl);
  if (local === null) {
    try {
      new URL(target);
    } catch {
      return say(rules.lang, '"{target}" is not an address.', { target });
    }
  } else if (!(await tx.post(local))) return say(rules.lang, 'There is no post #{id}.', { id: local });
  const input = {
    author: person,
    kind: 'note',
    text,
    network: event.network,
    at: event.at,
    ...(local === null ? { replyUrl: target } : { replyTo: local }),
  } as const;
  const id = await publishPost(tx, input, rules, ctx.now);
  return say(rules.lang, 'Posted #{id}, in reply to {parent}.', { id, parent: local === null ? target : `#${local}` });
}

async function changeHandle(ctx: CommandContext, person: Person, wanted: string): Promise<string> {
  const { tx, rules } = ctx;
  const problem = handleProblemOf(wanted);
  if (problem)
    return say(rules.lang, 'That handle cannot be used: {problem}.', {
      problem: say(rules.lang, problem.say, problem.vars),
    });
  const handle = handleKey(wanted);
  if (handle === person.handle) return say(rules.lang, 'You are @{handle} already.', { handle });
  const holder = await tx.personByHandle(handle);
  if (holder ? holder.id !== person.id : await tx.handleTaken(handle))
    return say(rules.lang, '@{handle} is taken; choose another.', { handle });
  const changed = await tx.changeHandle(person.id, handle);
  await tx.queueRender([
    ...targetsForChanges(changed, rules.pageSize),
    { kind: 'head', timeline: `person:${person.id}` },
    { kind: 'gone', prefix: personDir(changed.old) },
    { kind: 'redirect', handle: changed.old },
    { kind: 'index', which: 'people' },
  ]);
  return say(rules.lang, 'You are @{handle} now; links to @{old} lead to your new page.', { handle, old: changed.old });
}

/** A room's operator turns its publishing on or off; the network, not the bot, says who operates it. */
async function publishRoom(ctx: CommandContext, roomName: string, on: boolean): Promise<string> {
  const { tx, event } = ctx;
  const lang = ctx.rules.lang;
  const id = roomName.toLowerCase();
  const room = await tx.room(event.network, id);
  if (!room)
    return say(lang, 'I am not in {room}; ask its operator to invite me, or the Meshline operator to add it.', {
      room: roomName,
    });
  if (!event.operatorOf?.includes(id))
    return say(lang, 'Only an operator of {room} can change that.', { room: room.name });
  if (room.enabled === on)
    return say(lang, on ? '{room} is already published.' : '{room} is already not published.', { room: room.name });
  const updated = await tx.upsertRoom(event.network, room.extId, room.name, on, room.policy);
  await tx.queueRender([
    { kind: 'index', which: 'rooms' },
    { kind: 'head', timeline: `room:${updated.id}` },
  ]);
  return say(
    lang,
    on
      ? '{room} is now published: messages of people who opted in appear on the site.'
      : '{room} is no longer published; what was published stays.',
    { room: room.name },
  );
}

async function confirmLink(ctx: CommandContext, code: string): Promise<string> {
  const { tx, event } = ctx;
  // A code proves the identity it reached only when the network vouches that the sender holds that identity.
  if (!event.sender.verified) {
    return say(
      ctx.rules.lang,
      'This identity is not verified on its network (log in to services first), so it cannot be linked.',
    );
  }
  // The identity must be one the operator lets in, as if it had sent "join"; the code is kept until then.
  const gate = await admit(ctx);
  if (gate !== true) return gate;
  const link = await tx.takeLinkCode(code, event.network, event.sender.id, ctx.now);
  if (!link) return say(ctx.rules.lang, 'That code is unknown or expired.');
  const keep = await tx.person(link.personId);
  if (!keep) return say(ctx.rules.lang, 'The person who asked for this link is gone.');
  if (ctx.person && ctx.person.id === keep.id)
    return say(ctx.rules.lang, 'Already linked to @{handle}.', { handle: keep.handle });
  if (ctx.person) {
    const dropHandle = ctx.person.handle;
    const moved = await tx.mergePeople(keep.id, ctx.person.id);
    // Merging keeps whoever was opted in, unless an admin denied one of the identities now together.
    if (await deniedIdentity(tx, keep.id)) await tx.setOptIn(keep.id, false);
    await tx.queueRender([
      ...targetsForChanges(moved, ctx.rules.pageSize),
      { kind: 'gone', prefix: personDir(dropHandle) },
      { kind: 'redirect', handle: dropHandle },
      { kind: 'head', timeline: `person:${keep.id}` },
      { kind: 'index', which: 'people' },
    ]);
  } else {
    await tx.addIdentity({
      personId: keep.id,
      network: event.network,
      account: event.account,
      id: event.sender.id,
      display: event.sender.display,
      verified: true,
      lastSeen: event.at,
    });
  }
  return say(ctx.rules.lang, 'Linked: this identity is now @{handle}.', { handle: keep.handle });
}
