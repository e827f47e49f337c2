// What `meshline init` writes: every option, commented, with its default. Keep in step with src/config/sections.
export const SAMPLE_CONFIG = `# Meshline configuration. Every value shown is the default; delete what you do not change.
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
  # Where the generated site is written.
  outputDir: output
  # Your own nunjucks templates (copy templates/ and edit); default: the built-in ones.
  # templatesDir: my-templates

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
  # Renders wait this long after a change so a burst of messages renders once.
  renderDelayMs: 200
  # Friending the bot (an XMPP roster subscription, a Matrix direct-chat invite) opts in at once.
  # Off: it explains what would be published and asks for "join".
  friendingOptsIn: false

schedule:
  # Cron line for the nightly full render that repairs drift in the site folder.
  verify: "17 3 * * *"

publish:
  # local: the output folder is the site (or is mirrored into local.dir); s3: upload to S3-compatible hosting.
  target: local
  # Publishing waits this long after the last change, so a burst of posts is sent once.
  debounceSeconds: 3
  local:
    # Mirror the site into this folder too (a web server's root); empty: output/ is the site.
    dir: ""
  # s3:
  #   provider: aws            # aws, r2, b2, wasabi, minio, garage or generic: sets each host's quirks
  #   bucket: our-status-site
  #   prefix: ""               # a folder in the bucket, e.g. status/; Meshline owns everything under it
  #   region: eu-west-1        # default from the provider
  #   endpoint: https://...    # needed for r2, minio, garage, generic
  #   accessKeyId: \${S3_KEY_ID}        # or leave both out to use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
  #   secretAccessKey: \${S3_SECRET}
  #   concurrency: 8           # uploads at once
  #   timeoutSeconds: 30
  #   attempts: 6              # tries per file before the publish stops and waits for the next run
  #   cacheControl:
  #     assets: public, max-age=31536000, immutable   # fingerprinted CSS
  #     pages: public, max-age=600                    # permalinks, older archive pages
  #     timelines: public, max-age=60                 # timelines, indexes, feeds

media:
  # Copy images sent with messages into the site (media/), so pages do not load them from other hosts.
  mirror: true
  maxBytes: 5242880           # larger images are shown as links
  timeoutSeconds: 20
  # Never fetch from loopback or private networks unless this is true: a chat message must not probe your LAN.
  allowPrivateAddresses: false

console:
  # The terminal as a chat network. Default: on unless disabled here.
  # enabled: true
  handle: me
  name: Me
  room: lobby
  statusDebounceSeconds: 0

irc:
  # One entry per IRC network; none by default.
  networks: []
  # - name: libera                # names the network in identities; lower-case letters, digits, - _
  #   host: irc.libera.chat
  #   port: 6697
  #   tls: true
  #   nick: meshline
  #   altNicks: [meshline_]
  #   sasl: { account: meshline, password: "\${IRC_PASSWORD}" }
  #   channels: ["#ourgroup-chat", { name: "#ourgroup", publish: true, policy: opted-in }]
  #   allowUnverified: false      # let people without a services account opt in by nick
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   lineBytes: 400              # reply line length, bytes
  #   burst: 4                    # lines sent at once before throttling
  #   gapMs: 600                  # then one line per this many ms
  #   whoisPollSeconds: 120       # servers without away-notify: how often to ask WHO

xmpp:
  # One entry per XMPP account the bot logs in with; none by default.
  accounts: []
  # - name: jabber                # names the network in identities; lower-case letters, digits, - _
  #   jid: meshline@example.org
  #   password: "\${XMPP_PASSWORD}"
  #   service: xmpp://xmpp.example.org:5222   # default: the JID's domain through DNS SRV
  #   resource: meshline
  #   caFile: /etc/ssl/our-ca.pem # trust a private CA for this server
  #   subscriptions: anyone       # who may join: anyone, allow-list (with allow:) or manual (admins approve)
  #   allow: [example.org, friend@other.example]
  #   admins: [you@example.org]
  #   rooms: ["friends@conference.example.org", { jid: "den@conference.example.org", publish: true, policy: opted-in, create: false }]
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   pingSeconds: 60             # keep-alive; a ping without answer reconnects
  #   allowPlaintext: false       # true only for a trusted local server without TLS

matrix:
  # One entry per Matrix account the bot uses; none by default.
  accounts: []
  # - name: matrix                # names the network in identities; lower-case letters, digits, - _
  #   homeserver: https://matrix.example.org
  #   accessToken: "\${MATRIX_TOKEN}"   # or userId + password: Meshline logs in once and keeps the token
  #   userId: "@meshline:example.org"
  #   invites: anyone             # anyone, or allow-list (with allow:); other invites are declined with a reason
  #   allow: ["@you:example.org", example.org, "#club:example.org"]   # people, servers, rooms
  #   rooms: ["#friends:example.org", { id: "!abc:example.org", publish: true, policy: opted-in }]   # always joined
  #   encryption: auto            # auto: when the native crypto library is installed (README); off; required
  #   cryptoDir: data/matrix-crypto/matrix   # the device's keys: back it up with the database
  #   statusDebounceSeconds: 60   # overrides ingest.statusDebounceSeconds here
  #   presencePollSeconds: 120    # when the homeserver sends no presence in /sync
`;
