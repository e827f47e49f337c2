// Migrations 12 on (stars and votes on followed posts, the reader site's tables and columns), kept apart from the
// earlier ones only for the length of one file; src/store/migrations.ts applies them all in order.
import type { Migration } from './migrations.ts';

export const LATER: readonly Migration[] = [
  {
    version: 12,
    name: 'stars and votes on followed posts',
    sql: `
-- Local people's stars and votes on followed posts, for the mesh timeline's sorted views: they go with the post (when
-- no source carries it) and with the person.
CREATE TABLE remote_stars (
  post_id INTEGER NOT NULL REFERENCES remote_posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
CREATE TABLE remote_votes (
  post_id INTEGER NOT NULL REFERENCES remote_posts(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, value INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (post_id, person_id)) WITHOUT ROWID;
CREATE INDEX remote_stars_person ON remote_stars(person_id);
CREATE INDEX remote_votes_person ON remote_votes(person_id);
-- People name a followed post by its address.
CREATE INDEX remote_posts_url ON remote_posts(url) WHERE url IS NOT NULL;
`,
  },
  {
    version: 13,
    name: 'attachment sizes',
    sql: `
-- A mirrored file's size (feed enclosures) and an image's width and height (pages reserve its place).
ALTER TABLE attachments ADD COLUMN bytes INTEGER;
ALTER TABLE attachments ADD COLUMN width INTEGER;
ALTER TABLE attachments ADD COLUMN height INTEGER;
`,
  },
  {
    version: 14,
    name: 'profiles',
    sql: `
-- What a person says of themselves (\`bio\`), whether their page lists their identities, and their avatar: where the
-- network serves it (a data: address when it comes inline), the network whose grant fetching it needs, and the
-- mirrored copy's site path (NULL while waiting, or for none).
ALTER TABLE people ADD COLUMN bio TEXT;
ALTER TABLE people ADD COLUMN show_identities INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN avatar_url TEXT;
ALTER TABLE people ADD COLUMN avatar_access TEXT;
ALTER TABLE people ADD COLUMN avatar TEXT;
`,
  },
  {
    version: 15,
    name: 'replies by parent',
    sql: `
-- A post's replies are read for its page and its conversation's, and looked up when it is deleted.
CREATE INDEX posts_reply_to ON posts(reply_to) WHERE reply_to IS NOT NULL;
`,
  },
  {
    version: 16,
    name: 'network timelines',
    sql: `
-- Each network's posts on a timeline of its own (network:<name>), in the order they were stored.
INSERT INTO timeline_entries (timeline, seq, post_id)
  SELECT 'network:' || network, row_number() OVER (PARTITION BY network ORDER BY id), id FROM posts;
INSERT OR REPLACE INTO timeline_heads (timeline, last_seq)
  SELECT 'network:' || network, count(*) FROM posts GROUP BY network;
`,
  },
  {
    version: 17,
    name: 'video embeds',
    sql: `
-- Videos a post links (src/core/embeds.ts): shown as a thumbnail mirrored into the site (\`thumb\`, its site path),
-- the player loaded only when a reader asks. 'none': no thumbnail could be had; the card is a link.
CREATE TABLE embeds (
  post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE, n INTEGER NOT NULL,
  provider TEXT NOT NULL, video_id TEXT NOT NULL, url TEXT NOT NULL, origin TEXT, thumb TEXT,
  width INTEGER, height INTEGER,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'mirrored', 'none')),
  tries INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (post_id, n)) WITHOUT ROWID;
CREATE INDEX embeds_pending ON embeds(state) WHERE state = 'pending';
`,
  },
  {
    version: 18,
    name: 'timeline counts',
    sql: `
-- How many entries each timeline has, kept by triggers whatever writes the entries (a post stored, deleted or
-- forgotten, a tag renamed): counting a timeline of a million posts took a tenth of a second at every new post.
CREATE TABLE timeline_counts (timeline TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO timeline_counts (timeline, n) SELECT timeline, count(*) FROM timeline_entries GROUP BY timeline;
CREATE TRIGGER timeline_counts_add AFTER INSERT ON timeline_entries BEGIN
  INSERT OR IGNORE INTO timeline_counts (timeline, n) VALUES (NEW.timeline, 0);
  UPDATE timeline_counts SET n = n + 1 WHERE timeline = NEW.timeline;
END;
-- An emptied timeline's row goes: its key names a tag or a person, and forget leaves no trace of either.
CREATE TRIGGER timeline_counts_remove AFTER DELETE ON timeline_entries BEGIN
  UPDATE timeline_counts SET n = n - 1 WHERE timeline = OLD.timeline;
  DELETE FROM timeline_counts WHERE timeline = OLD.timeline AND n <= 0;
END;
CREATE TRIGGER timeline_counts_move AFTER UPDATE OF timeline ON timeline_entries BEGIN
  UPDATE timeline_counts SET n = n - 1 WHERE timeline = OLD.timeline;
  DELETE FROM timeline_counts WHERE timeline = OLD.timeline AND n <= 0;
  INSERT OR IGNORE INTO timeline_counts (timeline, n) VALUES (NEW.timeline, 0);
  UPDATE timeline_counts SET n = n + 1 WHERE timeline = NEW.timeline;
END;
`,
  },
  {
    version: 19,
    name: 'manifest generations',
    sql: `
-- The full render that last produced each file: what the newest one did not produce is removed by a query, so a
-- full render keeps no list of the site's files in memory (a million files would be a few hundred megabytes).
ALTER TABLE manifest ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 20,
    name: 'search lists',
    sql: `
-- Each search term's newest shown posts as the JSON list a shard file holds (src/store/search.ts), made when a shard
-- is rendered and dropped by these triggers whenever the term's postings or one of its posts' visibility change:
-- a shard of 500 common words is then read as 500 rows, not 250,000 postings, at every post that has one of them.
CREATE TABLE search_lists (term TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
CREATE TRIGGER search_lists_add AFTER INSERT ON search_terms BEGIN
  DELETE FROM search_lists WHERE term = NEW.term;
END;
CREATE TRIGGER search_lists_remove AFTER DELETE ON search_terms BEGIN
  DELETE FROM search_lists WHERE term = OLD.term;
END;
CREATE TRIGGER search_lists_hide AFTER UPDATE OF hidden ON posts WHEN OLD.hidden IS NOT NEW.hidden BEGIN
  DELETE FROM search_lists WHERE term IN (SELECT term FROM search_terms WHERE post_id = NEW.id);
END;
`,
  },
];
