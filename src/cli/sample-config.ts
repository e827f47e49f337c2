// What `meshline init` writes: every option, commented, with its default. Meshline's own sections are written here
// (keep them in step with src/config/sections); each network and publish target brings its own.
import type { Modules } from '../config/index.ts';

const HEAD = `# Meshline configuration. Every value shown is the default; delete what you do not change.
# Any string may use \${ENV_VAR} or \${ENV_VAR:-fallback}, so secrets can stay in the environment.

site:
  title: Meshline
  description: What our friends are up to, from their status lines and group chats.
  # Public address of the site. Feeds need absolute links, so set this before you publish.
  url: http://127.0.0.1:8080/
  lang: en
  # Times on pages are shown in this zone (IANA name).
  timeZone: UTC
  # Posts per archive page, and per feed.
  pageSize: 50
  feedSize: 50
  # A new post's share of the search index and sitemap waits up to this long, so posts close
  # together write (and upload) those files once; 0 writes them with the post.
  batchSeconds: 60
  # Where the generated site is written.
  outputDir: output
  # Your own nunjucks templates (copy templates/ and edit); default: the built-in ones.
  # templatesDir: my-templates
  # A private site: every page, feed and file encrypted, read in the browser with the passphrase
  # (docs/PRIVATE.md). Keep the passphrase in the environment, never in this file.
  # private:
  #   passphrase: "\${GROUP_PASSPHRASE}"
  #   iterations: 600000

store:
  # One SQLite file holds people, posts, the outbox and the site manifest.
  path: data/meshline.db

preview:
  # Serves the output folder while \`meshline run\` runs.
  enabled: true
  host: 127.0.0.1
  port: 8080

ingest:
  # Only the last status within this window is posted, so a flapping client posts once.
  statusDebounceSeconds: 30
  # Status texts (regular expressions, case-insensitive) that are never posted, besides the
  # built-in list of auto-away texts ("Auto away", "Idle for 10 minutes", …).
  noisePatterns: []
  replaceDefaultNoise: false
  # Mention notices one person gets per hour at most.
  noticesPerHour: 6
  # New posts of what a friend follows ("follow @someone", "follow #tag") reach them as one notice
  # at most this often.
  followDigestMinutes: 10
  # Renders wait this long after a change so a burst of messages renders once.
  renderDelayMs: 200
  # Friending the bot (an XMPP roster subscription, a Matrix direct-chat invite) opts in at once.
  # Off: it explains what would be published and asks for "join".
  friendingOptsIn: false

schedule:
  # Cron line for the nightly full render that repairs drift in the site folder.
  verify: "17 3 * * *"

`;

const PUBLISH = `publish:
  # local: the output folder is the site (or is mirrored into local.dir); s3: upload to S3-compatible hosting.
  target: local
  # Publishing waits this long after the last change, so a burst of posts is sent once.
  debounceSeconds: 3
`;

const MEDIA = `
media:
  # Copy images sent with messages into the site (media/), so pages do not load them from other hosts.
  mirror: true
  maxBytes: 5242880           # larger images are shown as links
  timeoutSeconds: 20
  # Never fetch from loopback or private networks unless this is true: a chat message must not probe your LAN.
  allowPrivateAddresses: false

mesh:
  # Sources this site follows (docs/MESH.md): Meshline sites, their people and tags, any RSS/Atom/JSON Feed, twtxt.
  follow: []
  # follow: ["https://their.site/", "@alice@their.site", "#garden@their.site", { source: "https://x.org/", key: "..." }]
  # Sites (URLs or hosts) and remote people (@person@host) whose posts are never shown.
  block: []
  pullMinutes: 15             # each source is pulled this often, at its own jittered time
  timeoutSeconds: 20
  maxBytes: 2097152           # a larger feed is refused
  maxRedirects: 3
  # Never pull from loopback or private networks unless this is true.
  allowPrivateAddresses: false
  # Followed posts on the home timeline too, not only on the mesh timeline.
  homeTimeline: false

moderation:
  # After this many people flag a post ("flag ID"), it is hidden until an admin decides (hide / unhide).
  flagThreshold: 3
`;

/** The whole sample: Meshline's sections, the publish targets', `plugins:` when there are some, then each network. */
export function sampleConfig(modules: Modules, plugins: readonly string[] = []): string {
  const targets = modules.targets.map((t) => t.sample).join('');
  const list = plugins.length
    ? `\n# Packages or paths (relative to this file) that bring networks and publish targets.\nplugins: ` +
      `${JSON.stringify(plugins)}\n`
    : '';
  return [HEAD, PUBLISH, targets, MEDIA, list, ...modules.networks.map((n) => `\n${n.sample}`)].join('');
}
