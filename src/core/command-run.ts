// Carries out a parsed command for the person (or stranger) who sent it, and says what happened.
import type { Identity, Person } from './model';
import type { StoreTx } from './ports';
import type { IngestRules } from './rules';
import type { DirectEvent, Sender } from './types';
import { helpText, parseCommand, type Command } from './commands';
import { editPost, publishPost, removePost } from './publish-post';
import { targetsForPlacements } from './targets';
import { personDir } from './paths';
import { toHandle } from './text';

export interface CommandContext {
  tx: StoreTx;
  event: Pick<DirectEvent, 'network' | 'account' | 'sender' | 'at' | 'operatorOf'>;
  identity: Identity | undefined;
  person: Person | undefined;
  rules: IngestRules;
  now: number;
}

/** Opts the sender in, creating their person on first contact. Shared by `join` and roster/invite signals. */
export async function optIn(ctx: CommandContext): Promise<string> {
  const { tx, event, rules } = ctx;
  if (ctx.person?.optedIn) return `You are already in, as @${ctx.person.handle}.`;
  if (!event.sender.verified && !rules.allowUnverified(event.network)) {
    return 'Your identity is not verified on this network (log in to services first), so I cannot publish you.';
  }
  const person = ctx.person ?? (await createPersonFor(tx, event.network, event.account, event.sender, event.at));
  await tx.setOptIn(person.id, true);
  await tx.queueRender([{ kind: 'index', which: 'people' }, { kind: 'head', timeline: `person:${person.id}` }]);
  return `Welcome, @${person.handle}! Your statuses and messages in published rooms now appear on the site. Send "help" for commands.`;
}

async function createPersonFor(tx: StoreTx, network: string, account: string, sender: Sender, at: number): Promise<Person> {
  const person = await tx.createPerson(toHandle(sender.display || sender.id), sender.display || sender.id, at);
  await tx.addIdentity({ personId: person.id, network, account, id: sender.id, display: sender.display, verified: sender.verified, lastSeen: at });
  return person;
}

export async function optOut(ctx: CommandContext): Promise<string> {
  if (!ctx.person?.optedIn) return 'You were not opted in; nothing is published of you.';
  await ctx.tx.setOptIn(ctx.person.id, false);
  await ctx.tx.queueRender([{ kind: 'index', which: 'people' }, { kind: 'head', timeline: `person:${ctx.person.id}` }]);
  return 'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.';
}

export async function runCommand(ctx: CommandContext, text: string): Promise<string> {
  const cmd = parseCommand(text);
  switch (cmd.name) {
    case 'help': return helpText();
    case 'unknown': return `I do not know "${cmd.word}". ${helpText()}`;
    case 'invalid': return `Usage: ${cmd.usage}`;
    case 'join': return optIn(ctx);
    case 'optout': return optOut(ctx);
    case 'confirm': return confirmLink(ctx, cmd.code);
    case 'publish': return publishRoom(ctx, cmd.room, cmd.on);
    default: break;
  }
  const person = ctx.person;
  if (!person) return 'I do not know you yet. Send "join" to opt in.';
  return runForPerson(ctx, person, cmd);
}

async function runForPerson(ctx: CommandContext, person: Person, cmd: Command): Promise<string> {
  const { tx, rules, event } = ctx;
  switch (cmd.name) {
    case 'whoami': {
      const ids = (await tx.identitiesOf(person.id)).map((i) => `${i.network}:${i.id}`).join(', ');
      const notify = person.notify === 'off' ? 'off' : person.notify ?? 'where you last wrote';
      return `@${person.handle} (${person.name}), ${person.optedIn ? 'opted in' : 'not opted in'}; identities: ${ids}; mention notices: ${notify}.`;
    }
    case 'forget': {
      if (!cmd.confirmed) return 'This deletes all your posts and everything Meshline knows of you, from the site too. Send "forget yes" to go ahead.';
      const gone = await tx.forgetPerson(person.id);
      await tx.queueRender([
        ...gone.postIds.map((id) => ({ kind: 'post', id }) as const),
        ...targetsForPlacements(gone.placements.filter((p) => p.timeline !== `person:${person.id}`), rules.pageSize),
        { kind: 'gone', prefix: personDir(person.handle) },
        { kind: 'index', which: 'people' },
        { kind: 'index', which: 'tags' },
      ]);
      return 'Forgotten: your posts and identities are deleted and the site is being updated.';
    }
    case 'notify': {
      if (cmd.target !== 'off' && !(await tx.identitiesOf(person.id)).some((i) => i.network === cmd.target)) {
        return `You have no identity on "${cmd.target}". Use one of your networks, or "off".`;
      }
      await tx.setNotify(person.id, cmd.target);
      return cmd.target === 'off' ? 'Mention notices are off.' : `Mention notices go to ${cmd.target}.`;
    }
    case 'link': {
      if (cmd.network === event.network && cmd.id === event.sender.id) return 'That is the identity you are writing from.';
      const code = rules.newCode();
      await tx.putLinkCode({ code, personId: person.id, network: cmd.network, account: '', extId: cmd.id, expiresAt: ctx.now + rules.linkCodeTtlMs });
      await tx.queueDm({ network: cmd.network, account: '', to: cmd.id, text: `@${person.handle} asks to link this identity to theirs on Meshline. If that is you, reply: confirm ${code}` });
      return `I sent a code to ${cmd.id} on ${cmd.network}. Reply "confirm CODE" from there within ${Math.round(rules.linkCodeTtlMs / 60000)} minutes.`;
    }
    default: break;
  }
  if (!person.optedIn) return 'You are not opted in. Send "join" first.';
  switch (cmd.name) {
    case 'post': {
      const id = await publishPost(tx, { author: person, kind: 'note', text: cmd.text, network: event.network, at: event.at }, rules, ctx.now);
      return `Posted #${id}.`;
    }
    case 'delete': case 'edit': {
      const post = await tx.post(cmd.id);
      if (!post || post.personId !== person.id) return `You have no post #${cmd.id}.`;
      if (cmd.name === 'delete') {
        await removePost(tx, post.id, rules);
        return `Deleted #${post.id}.`;
      }
      await editPost(tx, post.id, event.network, cmd.text, event.at, rules);
      return `Edited #${post.id}.`;
    }
    default: return helpText();
  }
}

/** A room's operator turns its publishing on or off; the network, not the bot, says who operates it. */
async function publishRoom(ctx: CommandContext, roomName: string, on: boolean): Promise<string> {
  const { tx, event } = ctx;
  const id = roomName.toLowerCase();
  const room = await tx.room(event.network, id);
  if (!room) return `I am not in ${roomName}; ask its operator to invite me, or the Meshline operator to add it.`;
  if (!event.operatorOf?.includes(id)) return `Only an operator of ${room.name} can change that.`;
  if (room.enabled === on) return `${room.name} is already ${on ? '' : 'not '}published.`;
  const updated = await tx.upsertRoom(event.network, room.extId, room.name, on, room.policy);
  await tx.queueRender([{ kind: 'index', which: 'rooms' }, { kind: 'head', timeline: `room:${updated.id}` }]);
  return on ? `${room.name} is now published: messages of people who opted in appear on the site.` : `${room.name} is no longer published; what was published stays.`;
}

async function confirmLink(ctx: CommandContext, code: string): Promise<string> {
  const { tx, event } = ctx;
  const link = await tx.takeLinkCode(code, event.network, event.sender.id, ctx.now);
  if (!link) return 'That code is unknown or expired.';
  const keep = await tx.person(link.personId);
  if (!keep) return 'The person who asked for this link is gone.';
  if (ctx.person && ctx.person.id === keep.id) return `Already linked to @${keep.handle}.`;
  if (ctx.person) {
    const dropHandle = ctx.person.handle;
    const moved = await tx.mergePeople(keep.id, ctx.person.id);
    await tx.queueRender([
      ...moved.postIds.map((id) => ({ kind: 'post', id }) as const),
      ...targetsForPlacements(moved.placements, ctx.rules.pageSize),
      { kind: 'gone', prefix: personDir(dropHandle) },
      { kind: 'index', which: 'people' },
    ]);
  } else {
    await tx.addIdentity({ personId: keep.id, network: event.network, account: event.account, id: event.sender.id, display: event.sender.display, verified: event.sender.verified, lastSeen: event.at });
  }
  return `Linked: this identity is now @${keep.handle}.`;
}
