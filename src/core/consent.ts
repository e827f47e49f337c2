// Consent, the one path for every network and every way in: `join`, friending the bot, an admin's decision.
// Nobody is published before they ask; the operator's allow-list and admins decide who may; `deny` revokes.
import type { Person } from './model.ts';
import type { AdmissionRequest, StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import type { DirectEvent, Sender } from './types.ts';
import { toHandle } from './text.ts';
import { say } from './say.ts';

export interface ConsentContext {
  tx: StoreTx;
  event: Pick<DirectEvent, 'network' | 'account' | 'sender' | 'at' | 'operatorOf'>;
  person: Person | undefined;
  rules: IngestRules;
  now: number;
}

const siteOf = (rules: IngestRules) => rules.siteUrl.replace(/\/+$/, '');

/** What friending the bot says when it does not opt in by itself: what would be published, and how to agree. */
export function helloText(rules: IngestRules): string {
  return (
    `Hello! I am Meshline, the bot of ${siteOf(rules)}. If you send "join", your status lines and your ` +
    'messages in the rooms this site publishes appear there publicly, with feeds anyone can read. Nothing of ' +
    'yours is published before that. "optout" stops it, "forget yes" deletes it all. Send "help" for commands.'
  );
}

function welcomeText(person: Person, lang?: string): string {
  return say(
    lang,
    'Welcome, @{handle}! Your statuses and messages in published rooms now appear on the site. ' +
      'Send "help" for commands, "handle NAME" to choose your name there.',
    { handle: person.handle },
  );
}

/** Friending (roster subscription, DM invite): opts in only where the operator turned that on. */
export async function friended(ctx: ConsentContext): Promise<string> {
  if (ctx.rules.friendingOptsIn(ctx.event.network) || ctx.person?.optedIn) return optIn(ctx);
  return helloText(ctx.rules);
}

/** Opts the sender in, creating their person on first contact, when the network's admission allows. */
export async function optIn(ctx: ConsentContext): Promise<string> {
  const { tx, event, rules } = ctx;
  if (ctx.person?.optedIn) return say(rules.lang, 'You are already in, as @{handle}.', { handle: ctx.person.handle });
  if (!event.sender.verified && !rules.allowUnverified(event.network)) {
    return say(
      rules.lang,
      'Your identity is not verified on this network (log in to services first), so I cannot publish you.',
    );
  }
  const gate = await admit(ctx);
  if (gate !== true) return gate;
  // Consent is the person's, across networks: an identity an admin denied keeps all of them out.
  if (ctx.person && (await deniedIdentity(tx, ctx.person.id)))
    return say(rules.lang, 'An admin of this Meshline has not allowed publishing you here.');
  const person = ctx.person ?? (await createPersonFor(tx, event.network, event.account, event.sender, event.at));
  await enable(tx, person);
  return welcomeText(person, rules.lang);
}

async function enable(tx: StoreTx, person: Person): Promise<void> {
  await tx.setOptIn(person.id, true);
  await tx.queueRender([
    { kind: 'index', which: 'people' },
    { kind: 'head', timeline: `person:${person.id}` },
  ]);
}

export async function deniedIdentity(tx: StoreTx, personId: number): Promise<boolean> {
  for (const i of await tx.identitiesOf(personId)) if ((await tx.admission(i.network, i.id)) === 'denied') return true;
  return false;
}

/**
 * Whether the sender's identity may be published: an admin's decision, else the network's policy; where admins
 * decide, a request goes to them. Used by `join` and by `confirm` (linking is a way in too).
 */
export async function admit(ctx: Pick<ConsentContext, 'tx' | 'event' | 'rules'>): Promise<true | string> {
  const { tx, event, rules } = ctx;
  const { policy, admits, admins } = rules.admission(event.network);
  const decided = await tx.admission(event.network, event.sender.id);
  if (decided === 'denied')
    return say(ctx.rules.lang, 'An admin of this Meshline has not allowed publishing you here.');
  if (decided === 'approved' || policy === 'anyone') return true;
  if (policy === 'allow-list' && admits(event.sender.id)) return true;
  if (!admins.length)
    return say(ctx.rules.lang, 'This Meshline publishes only the people its operator listed; ask them to add you.');
  if (decided !== 'pending') {
    const request: AdmissionRequest = {
      network: event.network,
      account: event.account,
      id: event.sender.id,
      display: event.sender.display,
      verified: event.sender.verified,
      at: event.at,
    };
    await tx.setAdmission(event.network, event.sender.id, 'pending', request);
    const ask =
      `${event.sender.id} (${event.sender.display}) asks to join. ` +
      `Answer "approve ${event.sender.id}" or "deny ${event.sender.id}".`;
    for (const to of admins) await tx.queueDm({ network: event.network, account: event.account, to, text: ask });
  }
  return say(
    ctx.rules.lang,
    'Your request to join waits for an admin of this Meshline; I will tell you here when they decide.',
  );
}

async function createPersonFor(
  tx: StoreTx,
  network: string,
  account: string,
  sender: Sender,
  at: number,
): Promise<Person> {
  const person = await tx.createPerson(toHandle(sender.display || sender.id), sender.display || sender.id, at);
  const { id, display, verified } = sender;
  await tx.addIdentity({ personId: person.id, network, account, id, display, verified, lastSeen: at });
  return person;
}

export async function optOut(ctx: ConsentContext): Promise<string> {
  if (!ctx.person && (await ctx.tx.withdrawAdmission(ctx.event.network, ctx.event.sender.id))) {
    return say(ctx.rules.lang, 'Your request to join is withdrawn; nothing of yours is kept.');
  }
  if (!ctx.person?.optedIn) return say(ctx.rules.lang, 'You were not opted in; nothing is published of you.');
  await disable(ctx.tx, ctx.person);
  return say(
    ctx.rules.lang,
    'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.',
  );
}

async function disable(tx: StoreTx, person: Person): Promise<void> {
  await tx.setOptIn(person.id, false);
  await tx.queueRender([
    { kind: 'index', which: 'people' },
    { kind: 'head', timeline: `person:${person.id}` },
  ]);
}

/** `approve ID`, `deny ID`, `pending`, from an admin of the network they write on. */
export async function decide(
  ctx: ConsentContext,
  verb: 'approve' | 'deny' | 'pending',
  target: string,
): Promise<string> {
  const { tx, event, rules } = ctx;
  const { admins } = rules.admission(event.network);
  const admin = event.sender.verified && admins.includes(event.sender.id);
  if (!admin) return say(rules.lang, 'Only an admin of {network} can do that.', { network: event.network });
  const waiting = await tx.pendingAdmissions(event.network);
  if (verb === 'pending') {
    if (!waiting.length) return say(rules.lang, 'Nobody is waiting.');
    return say(rules.lang, 'Waiting: {list}', { list: waiting.map((r) => `${r.id} (${r.display})`).join(', ') });
  }
  const id =
    waiting.find((r) => r.id.toLowerCase() === target.toLowerCase())?.id ??
    ((await tx.identity(event.network, target)) ? target : target.toLowerCase());
  const request = await tx.setAdmission(event.network, id, verb === 'approve' ? 'approved' : 'denied');
  const identity = await tx.identity(event.network, id);
  const person = identity ? await tx.person(identity.personId) : undefined;
  const tell = (text: string, account = request?.account ?? identity?.account ?? event.account) =>
    tx.queueDm({ network: event.network, account, to: id, text });
  if (verb === 'deny') {
    if (person?.optedIn) await disable(tx, person);
    const refused = say(
      rules.lang,
      'An admin of this Meshline has not allowed publishing you; nothing new of yours will be.',
    );
    if (request || person?.optedIn) await tell(refused);
    return person
      ? say(rules.lang, 'Denied {id}. @{handle} is no longer published.', { id, handle: person.handle })
      : say(rules.lang, 'Denied {id}.', { id });
  }
  if (!request) return say(rules.lang, 'Approved {id}: "join" from there now opts them in.', { id });
  const sender = { id: request.id, display: request.display, verified: request.verified };
  const joined = person ?? (await createPersonFor(tx, event.network, request.account, sender, request.at));
  await enable(tx, joined);
  await tell(welcomeText(joined, rules.lang), request.account);
  return say(rules.lang, 'Approved {id}; they are in as @{handle}.', { id, handle: joined.handle });
}
