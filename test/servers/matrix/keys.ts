// End-to-end encryption's server side: device keys, one-time keys, to-device messages and device-list changes,
// kept on the same stream as room events so /sync hands each out once, after `since`.
import type { HomeserverState, User } from './state.ts';

type Json = Record<string, unknown>;

export interface ToDevice {
  pos: number;
  user: string;
  device: string;
  event: { type: string; sender: string; content: Json };
}

export class KeyServer {
  /** user → device → signed device keys. */
  readonly deviceKeys = new Map<string, Map<string, Json>>();
  private readonly oneTime = new Map<string, Map<string, unknown>>();
  private readonly fallback = new Map<string, Map<string, unknown>>();
  readonly toDevice: ToDevice[] = [];
  private readonly changes: { pos: number; user: string }[] = [];

  constructor(private readonly hs: HomeserverState) {}

  private slot<T>(m: Map<string, Map<string, T>>, key: string): Map<string, T> {
    let s = m.get(key);
    if (!s) m.set(key, (s = new Map()));
    return s;
  }

  /**
   * Like Synapse, a one-time key id still unclaimed may not be uploaded again with other contents (a device that
   * lost its keys).
   */
  upload(user: User, b: Json): Json | { conflict: string } {
    const dev = `${user.id}|${user.deviceId}`;
    for (const [k, v] of Object.entries((b.one_time_keys ?? {}) as Json)) {
      const old = this.oneTime.get(dev)?.get(k);
      if (old !== undefined && JSON.stringify(old) !== JSON.stringify(v))
        return {
          conflict: `One time key ${k} already exists. Old key: ${JSON.stringify(old)}; new key: ${JSON.stringify(v)}`,
        };
    }
    if (b.device_keys) {
      this.slot(this.deviceKeys, user.id).set(user.deviceId, b.device_keys as Json);
      this.changes.push({ pos: this.hs.bump(), user: user.id });
    }
    for (const [k, v] of Object.entries((b.one_time_keys ?? {}) as Json)) this.slot(this.oneTime, dev).set(k, v);
    for (const [k, v] of Object.entries((b.fallback_keys ?? {}) as Json)) this.slot(this.fallback, dev).set(k, v);
    return { one_time_key_counts: this.counts(user) };
  }

  counts(user: User): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const k of this.oneTime.get(`${user.id}|${user.deviceId}`)?.keys() ?? []) {
      const alg = k.split(':')[0]!;
      counts[alg] = (counts[alg] ?? 0) + 1;
    }
    return counts;
  }

  unusedFallbackTypes(user: User): string[] {
    return [
      ...new Set([...(this.fallback.get(`${user.id}|${user.deviceId}`)?.keys() ?? [])].map((k) => k.split(':')[0]!)),
    ];
  }

  query(b: Json): Json {
    const out: Record<string, Json> = {};
    for (const [userId, wanted] of Object.entries((b.device_keys ?? {}) as Record<string, string[]>)) {
      const all = this.deviceKeys.get(userId) ?? new Map<string, Json>();
      out[userId] = Object.fromEntries([...all].filter(([d]) => !wanted.length || wanted.includes(d)));
    }
    return { device_keys: out, failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} };
  }

  /** One one-time key per asked device, used up; the fallback key when none is left. */
  claim(b: Json): Json {
    const out: Record<string, Record<string, Json>> = {};
    for (const [userId, devices] of Object.entries((b.one_time_keys ?? {}) as Record<string, Record<string, string>>)) {
      for (const [device, alg] of Object.entries(devices)) {
        const dev = `${userId}|${device}`;
        const pick = (m: Map<string, unknown> | undefined, remove: boolean) => {
          const k = [...(m?.keys() ?? [])].find((x) => x.startsWith(`${alg}:`));
          if (!k) return undefined;
          const v = m!.get(k);
          if (remove) m!.delete(k);
          return { [k]: v };
        };
        const key = pick(this.oneTime.get(dev), true) ?? pick(this.fallback.get(dev), false);
        if (key) (out[userId] ??= {})[device] = key;
      }
    }
    return { one_time_keys: out, failures: {} };
  }

  send(sender: User, type: string, b: Json): Json {
    for (const [userId, devices] of Object.entries((b.messages ?? {}) as Record<string, Record<string, Json>>)) {
      for (const [device, content] of Object.entries(devices)) {
        const targets = device === '*' ? [...(this.deviceKeys.get(userId)?.keys() ?? [])] : [device];
        for (const d of targets)
          this.toDevice.push({
            pos: this.hs.bump(),
            user: userId,
            device: d,
            event: { type, sender: sender.id, content },
          });
      }
    }
    return {};
  }

  /** What /sync adds for this user's device after `since`. */
  forSync(user: User, since: number) {
    const changed = new Set(
      this.changes
        .filter((c) => c.pos > since && (c.user === user.id || this.hs.sharesRoom(c.user, user.id)))
        .map((c) => c.user),
    );
    // Someone newly sharing a room with us is a device-list change too: their devices must now get room keys.
    for (const room of this.hs.rooms.values()) {
      if (room.members.get(user.id) !== 'join') continue;
      for (const { pos, event } of room.events)
        if (
          pos > since &&
          event.type === 'm.room.member' &&
          event.content.membership === 'join' &&
          event.state_key !== user.id
        )
          changed.add(event.state_key!);
    }
    return {
      to_device: {
        events: this.toDevice
          .filter((t) => t.pos > since && t.user === user.id && t.device === user.deviceId)
          .map((t) => t.event),
      },
      device_lists: { changed: [...changed], left: [] },
      device_one_time_keys_count: this.counts(user),
      device_unused_fallback_key_types: this.unusedFallbackTypes(user),
    };
  }
}
