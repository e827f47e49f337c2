// Numbered migrations, applied in order at start, each in its own transaction. Never edit a released one: add the next.
import { createHmac } from 'node:crypto';
import type { Db } from './db.ts';
import { repairNames } from './repair-names.ts';
import { searchTerms } from '../core/search-terms.ts';
import { LATER } from './migrations-later.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, run after `sql` in the same transaction. */
  run?: (db: Db) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'people, posts, timelines, outbox, manifest',
    sql: `
CREATE TABLE people (
  id INTEGER PRIMARY KEY, handle TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  opted_in INTEGER NOT NULL DEFAULT 0, notify TEXT, created_at INTEGER NOT NULL);
CREATE TABLE identities (
  network TEXT NOT NULL, ext_id TEXT NOT NULL, account TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  display TEXT NOT NULL, verified INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  PRIMARY KEY (network, ext_id));
CREATE INDEX identities_person ON identities(person_id);
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY, network TEXT NOT NULL, ext_id TEXT NOT NULL, name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL, policy TEXT NOT NULL CHECK (policy IN ('opted-in','everyone')),
  UNIQUE (network, ext_id));
-- AUTOINCREMENT: an id is never given twice, so a permalink never points at a different post.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('status','message','note')), text TEXT NOT NULL, presence TEXT,
  room_id INTEGER REFERENCES rooms(id), network TEXT NOT NULL, at INTEGER NOT NULL, edited_at INTEGER,
  action INTEGER NOT NULL DEFAULT 0, source_key TEXT UNIQUE, slug TEXT NOT NULL);
CREATE INDEX posts_person_kind ON posts(person_id, kind, id);
CREATE TABLE post_tags (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE, tag TEXT NOT NULL,
  PRIMARY KEY (post_id, tag)) WITHOUT ROWID;
CREATE INDEX post_tags_tag ON post_tags(tag);
CREATE TABLE post_mentions (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
CREATE INDEX post_mentions_person ON post_mentions(person_id);
CREATE TABLE reactions (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE, key TEXT NOT NULL, reactor TEXT NOT NULL,
  PRIMARY KEY (post_id, key, reactor)) WITHOUT ROWID;
-- Positions never move once given, so an archive page keeps its posts (see DESIGN: stable pages).
CREATE TABLE timeline_entries (
  timeline TEXT NOT NULL, seq INTEGER NOT NULL, post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  PRIMARY KEY (timeline, seq)) WITHOUT ROWID;
CREATE INDEX timeline_entries_post ON timeline_entries(post_id);
CREATE TABLE timeline_heads (timeline TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE dedupe (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE pending_status (
  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE, network TEXT NOT NULL, text TEXT NOT NULL,
  presence TEXT NOT NULL, at INTEGER NOT NULL, due_at INTEGER NOT NULL, source_key TEXT);
CREATE TABLE link_codes (
  code TEXT PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  network TEXT NOT NULL, account TEXT NOT NULL, ext_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE notifications (person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, at INTEGER NOT NULL);
CREATE INDEX notifications_person ON notifications(person_id, at);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('render','dm','publish')), key TEXT NOT NULL,
  payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0,
  -- Bumped when the same work is asked for again while it is being done, so finishing the old request keeps the
  -- new one.
  gen INTEGER NOT NULL DEFAULT 0, UNIQUE (kind, key));
CREATE TABLE manifest (path TEXT PRIMARY KEY, hash TEXT NOT NULL, size INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'attachments',
    sql: `
-- Images and files sent with a message. The row is also the mirroring queue: 'pending' until fetched into the
-- site ('mirrored', with its site path) or given up on ('link': shown as a link to where it came from).
CREATE TABLE attachments (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE, n INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image','file')), url TEXT NOT NULL, name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','mirrored','link')), path TEXT, tries INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (post_id, n)) WITHOUT ROWID;
CREATE INDEX attachments_pending ON attachments(state) WHERE state = 'pending';
`,
  },
  {
    version: 3,
    name: 'replies',
    sql: `
-- The post a message answers, when it is on the site; a reply outlives its parent.
ALTER TABLE posts ADD COLUMN reply_to INTEGER REFERENCES posts(id) ON DELETE SET NULL;
`,
  },
  {
    version: 4,
    name: 'encrypted and private attachments',
    sql: `
-- How to decrypt a file the network serves encrypted (JSON: MediaEncryption), and the network whose account
-- alone may fetch it (Matrix's authenticated media). Unless mirrored, such a file has no address a reader
-- could use, so it is shown by name only.
ALTER TABLE attachments ADD COLUMN encryption TEXT;
ALTER TABLE attachments ADD COLUMN access TEXT;
`,
  },
  {
    version: 5,
    name: 'admissions, handle redirects, keyed dedupe',
    sql: `
-- An admin's decision on who may opt in, per network identity: keyed by a keyed hash of the identity, so a denial
-- outlives forget without keeping the identifier; 'request' holds who asked (JSON) only while it is pending.
CREATE TABLE admissions (
  key TEXT PRIMARY KEY, network TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('pending','approved','denied')),
  request TEXT, at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX admissions_pending ON admissions(network) WHERE state = 'pending';
-- Handles a person had before choosing another: their old pages become redirects, and nobody else takes them.
CREATE TABLE handle_redirects (
  handle TEXT PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE) WITHOUT ROWID;
CREATE INDEX handle_redirects_person ON handle_redirects(person_id);
-- Dedupe keys name people (a JID, a nick) and fingerprint their texts: from now on only keyed hashes are kept,
-- with a secret of this installation.
INSERT OR IGNORE INTO settings (key, value) VALUES ('install_secret', lower(hex(randomblob(32))));
`,
    run: async (db) => {
      const row = await db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'install_secret'");
      const secret = row!.value;
      const rows = await db.all<{ key: string; at: number }>('SELECT key, at FROM dedupe');
      await db.run('DELETE FROM dedupe');
      await db.runMany(
        'INSERT OR IGNORE INTO dedupe (key, at)',
        rows.map((r) => [keyedHash(secret, r.key), r.at]),
      );
    },
  },
  {
    version: 6,
    name: 'names that can be folders',
    sql: '',
    run: repairNames,
  },
  {
    version: 7,
    name: 'followed sources',
    sql: `
-- What this site follows on the mesh (docs/MESH.md), by the one spelling src/mesh/source.ts gives it. \`added_by\`:
-- config, cli, or person:<id> for a friend's \`follow\`. \`key\` is the site key pinned at the first pull (or given in
-- the config); a site that later publishes another one is refused, its new key kept in \`key_offered\` for the
-- operator.
CREATE TABLE sources (
  id TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at INTEGER NOT NULL,
  key TEXT, key_offered TEXT, resolved TEXT, etag TEXT, last_modified TEXT,
  fetched_at INTEGER, ok_at INTEGER, result TEXT,
  failures INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`,
  },
  {
    version: 8,
    name: 'posts from followed sources',
    sql: `
-- People and posts of followed sources (docs/MESH.md), kept apart from the site's own: consent, notices, forget and
-- handles never read them, and nothing remote can be shown as local. \`site\`: the Meshline site's root, or the
-- origin of any other feed; a post is known by its id there, whichever followed source brought it.
CREATE TABLE remote_people (
  id INTEGER PRIMARY KEY, site TEXT NOT NULL, handle TEXT NOT NULL, name TEXT NOT NULL, url TEXT,
  meshline INTEGER NOT NULL DEFAULT 0, UNIQUE (site, handle));
CREATE TABLE remote_posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES remote_people(id) ON DELETE CASCADE,
  site TEXT NOT NULL, remote_id TEXT NOT NULL, url TEXT, text TEXT NOT NULL, at INTEGER NOT NULL, edited_at INTEGER,
  -- What it answers: the address there, and the local post when it is one of this site's.
  reply_url TEXT, reply_to INTEGER REFERENCES posts(id) ON DELETE SET NULL,
  UNIQUE (site, remote_id));
CREATE INDEX remote_posts_author ON remote_posts(author_id);
CREATE INDEX remote_posts_reply ON remote_posts(reply_to) WHERE reply_to IS NOT NULL;
-- Which followed sources carry a post: it goes when none does (dropped by its feed, or unfollowed).
CREATE TABLE remote_carried (
  source TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  post_id INTEGER NOT NULL REFERENCES remote_posts(id) ON DELETE CASCADE,
  PRIMARY KEY (source, post_id)) WITHOUT ROWID;
CREATE INDEX remote_carried_post ON remote_carried(post_id);
-- Positions on the mesh timeline, remote people's, and home (mesh.homeTimeline), from the same heads as local ones.
CREATE TABLE remote_entries (
  timeline TEXT NOT NULL, seq INTEGER NOT NULL,
  post_id INTEGER NOT NULL REFERENCES remote_posts(id) ON DELETE CASCADE,
  PRIMARY KEY (timeline, seq)) WITHOUT ROWID;
CREATE INDEX remote_entries_post ON remote_entries(post_id);
-- Local people a remote post mentions (@handle@this.site): their notices, and links to their pages.
CREATE TABLE remote_mentions (
  post_id INTEGER NOT NULL REFERENCES remote_posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
CREATE INDEX remote_mentions_person ON remote_mentions(person_id);
-- A local post answering a post on another site: its address there (reply_to stays for posts here).
ALTER TABLE posts ADD COLUMN reply_url TEXT;
-- What a friend follows inside the site (DotMesh's subscriptions): \`@handle\`, \`#tag\`, or a followed source's id.
CREATE TABLE follows (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, target TEXT NOT NULL,
  PRIMARY KEY (person_id, target)) WITHOUT ROWID;
CREATE INDEX follows_target ON follows(target);
-- New posts waiting to reach their followers, one notice per person per round.
CREATE TABLE follow_digest (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, line TEXT NOT NULL, at INTEGER NOT NULL,
  -- The local person the line is about: forget takes it with them.
  about INTEGER REFERENCES people(id) ON DELETE CASCADE);
CREATE INDEX follow_digest_person ON follow_digest(person_id, at);
-- Posts removed (deleted, forgotten) from a timeline, by id: its JSON Feed lists them (docs/MESH.md), so sites that
-- follow it remove their copies even of posts long gone from the feed. Kept a year.
CREATE TABLE tombstones (
  timeline TEXT NOT NULL, post_id INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (timeline, post_id)) WITHOUT ROWID;
CREATE TRIGGER posts_tombstone BEFORE DELETE ON posts BEGIN
  INSERT OR IGNORE INTO tombstones (timeline, post_id, at)
  SELECT timeline, OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM timeline_entries WHERE post_id = OLD.id;
END;
-- Whom a friend no longer hears from (\`handle\` here, \`handle@host\` elsewhere): no notices, no digest lines.
CREATE TABLE person_blocks (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, target TEXT NOT NULL,
  PRIMARY KEY (person_id, target)) WITHOUT ROWID;
`,
  },
  {
    version: 9,
    name: 'private posts',
    sql: `
-- Private posts (docs/MESH.md, "Private posts"): never in posts, never on a page or in a feed. Written here
-- (author_id) or received from another site (origin: its root; origin_id: the post's number there).
CREATE TABLE private_posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER REFERENCES people(id) ON DELETE CASCADE, remote_author TEXT,
  origin TEXT, origin_id INTEGER, text TEXT NOT NULL, at INTEGER NOT NULL,
  reply_to INTEGER REFERENCES private_posts(id) ON DELETE SET NULL,
  UNIQUE (origin, origin_id));
-- Who may read it: people here (person_id) and elsewhere (\`handle@host\`).
CREATE TABLE private_recipients (
  post_id INTEGER NOT NULL REFERENCES private_posts(id) ON DELETE CASCADE, who TEXT NOT NULL,
  person_id INTEGER REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (post_id, who)) WITHOUT ROWID;
CREATE INDEX private_recipients_person ON private_recipients(person_id) WHERE person_id IS NOT NULL;
-- A private post's sealed copy for another site, published as inbox/<name>.json on this site while the post lasts;
-- \`sealed\` is NULL until the mesh job has that site's box key. The name is random: it says nothing of either end.
CREATE TABLE inbox_out (
  name TEXT PRIMARY KEY, post_id INTEGER NOT NULL REFERENCES private_posts(id) ON DELETE CASCADE,
  site TEXT NOT NULL, recipients TEXT NOT NULL, sealed TEXT, tries INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX inbox_out_post ON inbox_out(post_id);
-- Entries of followed sites' inboxes already looked at (opened or not ours).
CREATE TABLE inbox_seen (site TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (site, name)) WITHOUT ROWID;
-- A private site's feeds for its members' feed readers (docs/PRIVATE.md): each at a random address, in clear, until
-- revoked.
CREATE TABLE feed_links (
  name TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL) WITHOUT ROWID;
`,
  },
  {
    version: 10,
    name: 'interactions',
    sql: `
-- Stars and votes: one of each per person per post, whatever network they use (people, not identities).
CREATE TABLE stars (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
CREATE TABLE votes (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, value INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
-- Flags: distinct people saying a post should not be here; past moderation.flagThreshold it is hidden for review.
CREATE TABLE flags (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, reason TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
-- An echo is a post of the echoer that shows another: it goes when the original goes.
ALTER TABLE posts ADD COLUMN echo_of INTEGER REFERENCES posts(id) ON DELETE CASCADE;
CREATE INDEX posts_echo_of ON posts(echo_of) WHERE echo_of IS NOT NULL;
-- Pinned posts head the home timeline (and their room's); hidden ones are on no page (admins decide, or flags).
ALTER TABLE posts ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
CREATE INDEX posts_pinned ON posts(pinned) WHERE pinned = 1;
`,
  },
  {
    version: 11,
    name: 'search terms',
    sql: `
-- The words each post is found by (src/core/search-terms.ts), for the search index the site publishes.
CREATE TABLE search_terms (
  term TEXT NOT NULL, post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  PRIMARY KEY (term, post_id)) WITHOUT ROWID;
CREATE INDEX search_terms_post ON search_terms(post_id);
`,
    run: async (db) => {
      for (let after = 0; ; ) {
        const rows = await db.all<{ id: number; text: string }>(
          'SELECT id, text FROM posts WHERE id > ? ORDER BY id LIMIT 5000',
          [after],
        );
        if (!rows.length) break;
        await db.runMany(
          'INSERT OR IGNORE INTO search_terms (term, post_id)',
          rows.flatMap((r) => searchTerms(r.text).map((t) => [t, r.id])),
        );
        after = rows[rows.length - 1]!.id;
      }
    },
  },
  ...LATER,
];

/** A dedupe or admission key as stored: HMAC-SHA-256 under the installation's secret, 128 bits. */
export function keyedHash(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key).digest('base64url').slice(0, 22);
}

/** Where migrations report what they did: the store takes no logger of its own (it imports only the core). */
export interface MigrationLog {
  info(msg: string): void;
  warn(msg: string): void;
}

const SILENT: MigrationLog = { info: () => undefined, warn: () => undefined };

export async function migrate(db: Db, log: MigrationLog = SILENT): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ' +
      'INTEGER NOT NULL)',
  );
  const row = await db.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const current = row?.v ?? 0;
  const newest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  if (current > newest) log.warn(`database is at schema ${current}, newer than this Meshline knows (${newest})`);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await db.transaction(async () => {
      await db.exec(m.sql);
      await m.run?.(db);
      await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        Date.now(),
      ]);
    });
    log.info(`applied migration ${m.version}: ${m.name}`);
  }
  // Before migration 5, deleted rows (forgotten people's texts) stayed readable in free pages: rewrite the file once.
  if (current > 0 && current < 5) {
    log.info('rewriting the database once, so what was deleted before is gone from the file (VACUUM)');
    await db.exec('VACUUM');
  }
  return newest;
}
