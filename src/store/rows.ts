// Row shapes and their mapping to core models.
import type { Identity, Person, Post, Room } from '../core/model.ts';

export interface PersonRow {
  id: number;
  handle: string;
  name: string;
  opted_in: number;
  notify: string | null;
  created_at: number;
}
export interface IdentityRow {
  network: string;
  ext_id: string;
  account: string;
  person_id: number;
  display: string;
  verified: number;
  last_seen: number;
}
export interface RoomRow {
  id: number;
  network: string;
  ext_id: string;
  name: string;
  slug: string;
  enabled: number;
  policy: string;
}
export interface PostRow {
  id: number;
  person_id: number;
  kind: string;
  text: string;
  presence: string | null;
  room_id: number | null;
  network: string;
  at: number;
  edited_at: number | null;
  action: number;
  source_key: string | null;
  slug: string;
  reply_to: number | null;
  reply_url: string | null;
  echo_of: number | null;
  pinned: number;
  hidden: number;
}

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  handle: r.handle,
  name: r.name,
  optedIn: r.opted_in === 1,
  notify: r.notify,
  createdAt: r.created_at,
});

export const toIdentity = (r: IdentityRow): Identity => ({
  personId: r.person_id,
  network: r.network,
  account: r.account,
  id: r.ext_id,
  display: r.display,
  verified: r.verified === 1,
  lastSeen: r.last_seen,
});

export const toRoom = (r: RoomRow): Room => ({
  id: r.id,
  network: r.network,
  extId: r.ext_id,
  name: r.name,
  slug: r.slug,
  enabled: r.enabled === 1,
  policy: r.policy === 'everyone' ? 'everyone' : 'opted-in',
});

export const toPost = (r: PostRow): Post => ({
  id: r.id,
  personId: r.person_id,
  kind: r.kind as Post['kind'],
  text: r.text,
  presence: r.presence as Post['presence'],
  roomId: r.room_id,
  network: r.network,
  at: r.at,
  editedAt: r.edited_at,
  action: r.action === 1,
  sourceKey: r.source_key,
  slug: r.slug,
  replyTo: r.reply_to,
  replyUrl: r.reply_url,
  echoOf: r.echo_of,
  pinned: r.pinned === 1,
  hidden: r.hidden === 1,
});

export const POST_COLUMNS =
  'p.id, p.person_id, p.kind, p.text, p.presence, p.room_id, p.network, p.at, p.edited_at, p.action, p.source_key, ' +
  'p.slug, p.reply_to, p.reply_url, p.echo_of, p.pinned, p.hidden';

/**
 * POST_COLUMNS as one JSON array a row, for `json_group_array`: a read of hundreds of posts comes as one text, which
 * JSON.parse makes into arrays far faster than the driver makes an object per row (postRowsOf).
 */
export const POST_JSON = `json_array(${POST_COLUMNS})`;

type Cell = string | number | null;

/** The rows of a `json_group_array(POST_JSON)`. */
export function postRowsOf(json: string | null | undefined): PostRow[] {
  const out: PostRow[] = [];
  for (const a of JSON.parse(json ?? '[]') as Cell[][]) out.push(postRowAt(a, 0));
  return out;
}

export function postRowAt(a: readonly Cell[], i: number): PostRow {
  return {
    id: a[i] as number,
    person_id: a[i + 1] as number,
    kind: a[i + 2] as string,
    text: a[i + 3] as string,
    presence: a[i + 4] as string | null,
    room_id: a[i + 5] as number | null,
    network: a[i + 6] as string,
    at: a[i + 7] as number,
    edited_at: a[i + 8] as number | null,
    action: a[i + 9] as number,
    source_key: a[i + 10] as string | null,
    slug: a[i + 11] as string,
    reply_to: a[i + 12] as number | null,
    reply_url: a[i + 13] as string | null,
    echo_of: a[i + 14] as number | null,
    pinned: a[i + 15] as number,
    hidden: a[i + 16] as number,
  };
}
