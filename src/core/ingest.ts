// The one door every ChatEvent goes through: consent, dedupe, noise, debounce, commands → posts.
import { queueCounts } from './interact.ts';
import { reactionAction, reactionKey } from './reactions.ts';
import type { Identity, Person } from './model.ts';
import type { Store, StoreTx } from './ports.ts';
import type { IngestRules } from './rules.ts';
import type { ChatEvent, DirectEvent, MessageEvent, StatusEvent } from './types.ts';
import { runCommand, type CommandContext } from './command-run.ts';
import { friended, optOut } from './consent.ts';
import { judgeStatus } from './noise.ts';
import { editPost, publishPost, removePost } from './publish-post.ts';
import { capText, cleanName, cleanText, fnv1a, toHandle } from './text.ts';

export type IgnoreReason = 'no-consent' | 'room-disabled' | 'noise' | 'not-found' | 'not-author' | 'empty';

export type IngestOutcome =
  | { result: 'posted'; postId: number }
  | { result: 'pending'; dueAt: number }
  | { result: 'updated'; postId: number }
  | { result: 'deleted'; postId: number }
  | { result: 'reacted'; postId: number }
  | { result: 'replied'; reply: string }
  | { result: 'duplicate' }
  | { result: 'profiled' }
  | { result: 'ignored'; reason: IgnoreReason };

const ignored = (reason: IgnoreReason): IngestOutcome => ({ result: 'ignored', reason });

/** Key that makes an event count once, across restarts and reconnects. */
export function dedupeKey(ev: ChatEvent): string {
  if (ev.msgId) return `${ev.network}|${ev.kind === 'direct' ? 'dm' : 'msg'}|${ev.msgId}`;
  const body = 'text' in ev ? ev.text : 'target' in ev ? ev.target : '';
  const room = 'room' in ev && ev.room ? ev.room.id : '';
  return `${ev.network}|${ev.kind}|${ev.sender.id}|${room}|${ev.at}|${fnv1a(body)}`;
}

export class Ingest {
  constructor(
    private readonly store: Store,
    private readonly rules: IngestRules,
    private readonly now: () => number = Date.now,
    /** messages: false stores events without sending anyone anything (importing history). */
    private readonly opts: { messages?: boolean } = {},
  ) {}

  handle(ev: ChatEvent): Promise<IngestOutcome> {
    return this.store.write((tx) => this.handleIn(this.quiet(tx), ev));
  }

  /** The transaction itself, or one that drops direct messages (and digest lines) when this ingest sends none. */
  private quiet(tx: StoreTx): StoreTx {
    if (this.opts.messages !== false) return tx;
    return new Proxy(tx, {
      get: (target, key) => {
        if (key === 'queueDm' || key === 'queueDigest') return async () => undefined;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Several events in one transaction: how `import` reaches thousands of events a second. */
  handleMany(events: readonly ChatEvent[]): Promise<IngestOutcome[]> {
    return this.store.write(async (store) => {
      const tx = this.quiet(store);
      await tx.prefetchDedupe(events.map((ev) => dedupeKey(ev)));
      const out: IngestOutcome[] = [];
      for (const ev of events) out.push(await this.handleIn(tx, ev));
      return out;
    });
  }

  /** Posts the debounced statuses whose window has closed. */
  flushStatuses(): Promise<number[]> {
    return this.store.write(async (tx) => {
      const ids: number[] = [];
      for (const p of await tx.takeDueStatuses(this.now())) {
        const person = await tx.person(p.personId);
        if (!person?.optedIn) continue;
        if (judgeStatus(p.text, await tx.lastStatusText(person.id), this.rules.noise) !== 'post') continue;
        ids.push(
          await publishPost(
            tx,
            {
              author: person,
              kind: 'status',
              text: p.text,
              presence: p.presence,
              network: p.network,
              at: p.at,
              sourceKey: p.sourceKey,
            },
            this.rules,
            this.now(),
          ),
        );
      }
      return ids;
    });
  }

  private async handleIn(tx: StoreTx, raw: ChatEvent): Promise<IngestOutcome> {
    const ev = cleanEvent(raw);
    const identity = await tx.identity(ev.network, ev.sender.id);
    const owner = identity ? await tx.person(identity.personId) : undefined;
    // Anyone can take a free nick: an identity the network does not vouch for never acts for someone it does vouch for.
    if (owner && !ev.sender.verified && (await tx.identitiesOf(owner.id)).some((i) => i.verified)) {
      if (ev.kind !== 'direct') return ignored('no-consent');
      const reply =
        `This identity is linked to @${owner.handle}, who has verified ones: ` + 'log in to services to act as them.';
      await tx.queueDm({ network: ev.network, account: ev.account, to: ev.sender.id, text: reply });
      return { result: 'replied', reply };
    }
    const person = owner;
    // Strangers leave no trace: only direct messages and friending are looked at.
    if (!person?.optedIn && ev.kind !== 'direct' && ev.kind !== 'subscription' && ev.kind !== 'message')
      return ignored('no-consent');
    if (identity) await tx.touchIdentity(ev.network, ev.sender.id, ev.sender.display, ev.at);
    switch (ev.kind) {
      case 'direct':
        return this.direct(tx, ev, identity, person);
      case 'subscription': {
        // Once each: importing the same history again (or resuming a killed import) changes nothing.
        if (!(await tx.claimDedupe(dedupeKey(ev), ev.at))) return { result: 'duplicate' };
        const ctx = this.context(tx, ev, identity, person);
        const reply = ev.state === 'subscribe' ? await friended(ctx) : await optOut(ctx);
        await tx.queueDm({ network: ev.network, account: ev.account, to: ev.sender.id, text: reply });
        return { result: 'replied', reply };
      }
      case 'status':
        return this.status(tx, ev, person!);
      case 'profile': {
        // Only an identity the network vouches for speaks for the person's face.
        if (!ev.sender.verified) return ignored('no-consent');
        const changed = await tx.setAvatarSource(person!.id, ev.avatar);
        if (!changed) return { result: 'duplicate' };
        // Their initials show until the new one is mirrored; the old copy goes.
        await tx.queueRender([
          { kind: 'head', timeline: `person:${person!.id}` },
          ...(changed.gone ? [{ kind: 'gone', prefix: changed.gone } as const] : []),
        ]);
        return { result: 'profiled' };
      }
      case 'message':
        return this.message(tx, ev, person);
      case 'edit':
      case 'retraction':
      case 'reaction': {
        const post = await tx.postBySource(`${ev.network}|${ev.target}`);
        if (!post) return ignored('not-found');
        if (ev.kind === 'reaction') {
          // A star or a vote from someone who opted in is theirs, once, whatever network it came by.
          const action = person?.optedIn ? reactionAction(reactionKey(ev.key)) : undefined;
          const added = action
            ? 'star' in action
              ? await tx.star(post.id, person!.id, true)
              : post.personId !== person!.id && (await tx.vote(post.id, person!.id, action.vote))
            : await tx.addReaction(post.id, ev.key, `${ev.network}|${ev.sender.id}`);
          if (added && action) await queueCounts(tx, post.id, this.rules.pageSize);
          else if (added) await tx.queueRender([{ kind: 'post', id: post.id }]);
          return added ? { result: 'reacted', postId: post.id } : { result: 'duplicate' };
        }
        if (post.personId !== person!.id) return ignored('not-author');
        if (!(await tx.claimDedupe(dedupeKey(ev), ev.at))) return { result: 'duplicate' };
        if (ev.kind === 'edit') {
          await editPost(tx, post.id, ev.network, ev.text, ev.at, this.rules);
          return { result: 'updated', postId: post.id };
        }
        await removePost(tx, post.id, this.rules);
        return { result: 'deleted', postId: post.id };
      }
    }
  }

  private context(
    tx: StoreTx,
    ev: CommandContext['event'],
    identity: Identity | undefined,
    person: Person | undefined,
  ): CommandContext {
    return { tx, event: ev, identity, person, rules: this.rules, now: this.now() };
  }

  private async direct(
    tx: StoreTx,
    ev: DirectEvent,
    identity: Identity | undefined,
    person: Person | undefined,
  ): Promise<IngestOutcome> {
    if (ev.msgId && !(await tx.claimDedupe(dedupeKey(ev), ev.at))) return { result: 'duplicate' };
    const ctx = this.context(tx, ev, identity, person);
    const reply = await runCommand(ctx, ev.text);
    const final = ctx.forgotten ? { final: true } : {};
    await tx.queueDm({ network: ev.network, account: ev.account, to: ev.sender.id, text: reply, ...final });
    return { result: 'replied', reply };
  }

  private async status(tx: StoreTx, ev: StatusEvent, person: Person): Promise<IngestOutcome> {
    // Compared as it would be stored (capped), so a long status said again is the same status.
    const text = capText(cleanText(ev.text));
    if (ev.presence !== 'away' && !text) return ignored('empty'); // coming back is not news
    if (judgeStatus(text, undefined, this.rules.noise) !== 'post') return ignored('noise');
    if (!(await tx.claimDedupe(dedupeKey({ ...ev, text }), ev.at))) return { result: 'duplicate' };
    const window = this.rules.statusDebounceMs(ev.network);
    const sourceKey = ev.msgId ? `${ev.network}|${ev.msgId}` : null;
    if (window > 0) {
      if (await this.reReport(tx, ev, text, person)) return { result: 'duplicate' };
      const dueAt = this.now() + window;
      await tx.putPendingStatus({
        personId: person.id,
        network: ev.network,
        text,
        presence: ev.presence,
        at: ev.at,
        dueAt,
        sourceKey,
      });
      return { result: 'pending', dueAt };
    }
    if (judgeStatus(text, await tx.lastStatusText(person.id), this.rules.noise) !== 'post') return ignored('noise');
    const postId = await publishPost(
      tx,
      { author: person, kind: 'status', text, presence: ev.presence, network: ev.network, at: ev.at, sourceKey },
      this.rules,
      this.now(),
    );
    return { result: 'posted', postId };
  }

  /**
   * A status said again is not news: the one waiting keeps its time (a device or a network repeating it after
   * a restart), and a snapshot (state as it stands, time unknown) never displaces a waiting status nor repeats
   * the last one posted.
   */
  private async reReport(tx: StoreTx, ev: StatusEvent, text: string, person: Person): Promise<boolean> {
    const waiting = await tx.pendingStatus(person.id);
    if (waiting && waiting.text === text && waiting.presence === ev.presence) return true;
    if (!ev.snapshot) return false;
    if (waiting) return true;
    return judgeStatus(text, await tx.lastStatusText(person.id), this.rules.noise) === 'repeat';
  }

  private async message(tx: StoreTx, ev: MessageEvent, person: Person | undefined): Promise<IngestOutcome> {
    const room = await tx.room(ev.network, ev.room.id);
    if (!room?.enabled) return ignored('room-disabled');
    let author = person;
    if (!author?.optedIn) {
      if (room.policy !== 'everyone' || !ev.sender.verified) return ignored('no-consent');
      // The room's operator chose to publish everyone here; the author gets a page but is not opted in elsewhere.
      author = person ?? (await tx.createPerson(toHandle(ev.sender.display), ev.sender.display, ev.at));
      if (!person)
        await tx.addIdentity({
          personId: author.id,
          network: ev.network,
          account: ev.account,
          id: ev.sender.id,
          display: ev.sender.display,
          verified: true,
          lastSeen: ev.at,
        });
    }
    // Only web addresses are kept: anything else could not be fetched or linked safely.
    const attachments = (ev.attachments ?? []).filter((a) => /^https?:\/\//i.test(a.url)).slice(0, 10);
    if (!cleanText(ev.text) && !attachments.length) return ignored('empty');
    if (!(await tx.claimDedupe(dedupeKey(ev), ev.at))) return { result: 'duplicate' };
    const parent = ev.replyTo ? await tx.postBySource(`${ev.network}|${ev.replyTo}`) : undefined;
    const postId = await publishPost(
      tx,
      {
        author,
        kind: 'message',
        text: ev.text,
        network: ev.network,
        at: ev.at,
        roomId: room.id,
        action: ev.action,
        sourceKey: ev.msgId ? `${ev.network}|${ev.msgId}` : null,
        nativeMentions: ev.mentions,
        attachments,
        replyTo: parent?.id ?? null,
      },
      this.rules,
      this.now(),
    );
    return { result: 'posted', postId };
  }
}

const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Names that arrive with an event go through the one cleaning path before anything stores or shows them. */
function cleanEvent(ev: ChatEvent): ChatEvent {
  const sender = { ...ev.sender, display: cleanName(ev.sender.display) || cleanName(ev.sender.id) || 'friend' };
  const roomName = 'room' in ev && ev.room?.name !== undefined ? { name: cleanName(ev.room.name) } : {};
  const room = 'room' in ev && ev.room ? { room: { ...ev.room, ...roomName } } : {};
  const attachments =
    ev.kind === 'message' && ev.attachments
      ? { attachments: ev.attachments.map((a) => ({ ...a, name: cleanName(a.name, 200) || 'file' })) }
      : {};
  const key = ev.kind === 'reaction' ? { key: cleanName(ev.key, 32) || '?' } : {};
  // A time no date can show (a broken client, a hand-made import) would fail every page the post is on.
  const at = Number.isFinite(ev.at) ? Math.min(Math.max(0, ev.at), LATEST) : 0;
  return { ...ev, at, sender, ...room, ...attachments, ...key } as ChatEvent;
}
