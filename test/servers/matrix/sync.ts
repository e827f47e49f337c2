// /sync for one user: what happened in their rooms after a stream position, shaped as the spec says.
import type { HomeserverState, MatrixEvent, User } from './state.ts';

const strip = (e: MatrixEvent) => ({ type: e.type, state_key: e.state_key, sender: e.sender, content: e.content });

export function buildSync(hs: HomeserverState, user: User, since: number) {
  const join: Record<string, unknown> = {};
  const invite: Record<string, unknown> = {};
  const leave: Record<string, unknown> = {};
  for (const room of hs.rooms.values()) {
    const membership = room.members.get(user.id);
    if (!membership) continue;
    const fresh = room.events.filter((e) => e.pos > since);
    if (!fresh.length) continue;
    if (membership === 'invite') {
      invite[room.id] = {
        invite_state: { events: [...room.state.values()].filter((e) => e.type !== 'm.room.power_levels').map(strip) },
      };
    } else if (membership === 'join') {
      // Events from before the user joined are not theirs to see, except the state they join into.
      const joinedAt =
        [...room.events]
          .reverse()
          .find(
            (e) =>
              e.event.type === 'm.room.member' &&
              e.event.state_key === user.id &&
              e.event.content.membership === 'join',
          )?.pos ?? 0;
      const visible = fresh.filter((e) => e.pos >= joinedAt).map((e) => withAge(e.event));
      join[room.id] = {
        timeline: { events: visible, limited: false, prev_batch: `p${since}` },
        state: { events: since < joinedAt ? [...room.state.values()].map(withAge) : [] },
        ephemeral: { events: [] },
        account_data: { events: [] },
      };
    } else {
      const own = fresh
        .filter((e) => e.event.type === 'm.room.member' && e.event.state_key === user.id)
        .map((e) => withAge(e.event));
      if (own.length) leave[room.id] = { timeline: { events: own } };
    }
  }
  const presence =
    hs.presenceEnabled && hs.presenceInSync
      ? [...hs.users.values()]
          .filter((u) => u.presence.pos > since && u.id !== user.id && hs.sharesRoom(u.id, user.id))
          .map((u) => ({
            type: 'm.presence',
            sender: u.id,
            content: {
              presence: u.presence.presence,
              ...(u.presence.status_msg !== undefined ? { status_msg: u.presence.status_msg } : {}),
              displayname: u.displayname,
            },
          }))
      : [];
  return {
    next_batch: `s${hs.position}`,
    rooms: { join, invite, leave },
    presence: { events: presence },
    account_data: { events: [] },
    ...hs.keys.forSync(user, since),
  };
}

function withAge(e: MatrixEvent): MatrixEvent {
  return { ...e, unsigned: { ...(e.unsigned ?? {}), age: Date.now() - e.origin_server_ts } };
}

/** True when there is something for this user after `since` (for long-polling). */
export function hasNews(hs: HomeserverState, user: User, since: number): boolean {
  const s = buildSync(hs, user, since);
  return (
    Object.keys(s.rooms.join).length +
      Object.keys(s.rooms.invite).length +
      Object.keys(s.rooms.leave).length +
      s.presence.events.length +
      s.to_device.events.length +
      s.device_lists.changed.length >
    0
  );
}
