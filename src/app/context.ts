// Opens what every command needs from the config: store, renderer, builder, ingest rules, publish target.
import { cardsNear, removeStaleCardFiles } from './card-file.ts';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { targetSectionOf, type Config } from '../config/index.ts';
import { compileNoise, DEFAULT_NOISE_PATTERNS } from '../core/noise.ts';
import { defaultRules, type Admission, type IngestRules } from '../core/rules.ts';
import { PageRenderer } from '../render/pages.ts';
import { ConfigError, errorMessage } from '../core/errors.ts';
import { logger } from '../log.ts';
import { SqliteStore } from '../store/index.ts';
import type { PublishTarget } from '../publish/target.ts';
import { SiteBuilder } from './build.ts';
import { SiteIdentity, siteKeyPath } from '../mesh/identity.ts';
import { privateKeyPath, siteKey } from '../site/private.ts';
import { maskNames } from '../core/paths.ts';
import { parseSource, type Source } from '../core/source.ts';
import { PACKAGE_ROOT } from './root.ts';
import { MediaAccess, mirrorPending } from './media.ts';
import type { NetworkRules } from '../core/network.ts';

export { PACKAGE_ROOT };
/** Bump when the renderer changes output for the same data, so the next start renders everything once. */
const RENDER_VERSION = '6';
const log = logger('render');
const ANYONE: Admission = { policy: 'anyone', admits: () => false, admins: [] };

export interface AppContext {
  config: Config;
  store: SqliteStore;
  pages: PageRenderer;
  builder: SiteBuilder;
  outputDir: string;
  target: PublishTarget | null;
  /** The site's key on the mesh: signs its JSON Feeds. */
  identity: SiteIdentity;
  /** Credentials connected networks granted for their private media (none in a CLI run). */
  mediaAccess: MediaAccess;
  /** Ingest rules; `all` applies to networks not named in `networks` (import uses it to turn debounce off). */
  rules(networks?: Record<string, NetworkRules>, all?: NetworkRules): IngestRules;
  buildFingerprint(): string;
  /** Templates whose compiled code failed on a page (PageRenderer.fellBack); none when nothing was rendered. */
  fellBack(): string[];
  close(): Promise<void>;
}

function hashDir(dir: string, h: ReturnType<typeof createHash>): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashDir(p, h);
    else h.update(name).update(readFileSync(p));
  }
}

export async function openApp(config: Config): Promise<AppContext> {
  const outputDir = resolve(config.site.outputDir);
  // Made by the first command, as the site's address is; read when first asked for, so a command that signs nothing
  // (an import) does not load Node's crypto for it.
  const keyPath = siteKeyPath(config.store.path);
  let identity = existsSync(keyPath) ? undefined : SiteIdentity.loadOrCreate(keyPath);
  // A key there at start is only ever read: one gone meanwhile is an error, never a new key that re-signs every feed.
  const identityNow = () => (identity ??= SiteIdentity.load(keyPath));
  const secret = config.site.private;
  // Deriving it costs a second or so of PBKDF2: kept beside the database, derived again when the passphrase changes.
  const sealKey = secret && siteKey(privateKeyPath(config.store.path), secret.passphrase, secret.iterations);
  // One site per process: addresses are masked for a private one, and plain again for any other.
  maskNames(sealKey?.namesKey);
  const store = await SqliteStore.open(config.store.path, config.site.title, logger('store'));
  removeStaleCardFiles(cardsNear(store.location));
  await store.pruneTombstones();
  const since = await store.since();
  // Made when first asked for: a command that renders nothing (import, a reply) does not load the templates.
  let pages: PageRenderer | undefined;
  let builder: SiteBuilder | undefined;
  const pagesNow = () => {
    if (!pages) {
      pages = openPages(config);
      pages.since = since;
    }
    return pages;
  };
  // The config was checked: every mesh.follow entry parses.
  await store.sources.syncConfig(
    config.mesh.follow.map((f) => ({ id: (parseSource(f.source) as Source).id, ...(f.key ? { key: f.key } : {}) })),
  );
  const noise = compileNoise([
    ...(config.ingest.replaceDefaultNoise ? [] : DEFAULT_NOISE_PATTERNS),
    ...config.ingest.noisePatterns,
  ]);
  let fingerprint: string | undefined;
  const target = await publishTarget(config, outputDir);
  store.queuesPublish = target !== null;
  return {
    config,
    store,
    get pages() {
      return pagesNow();
    },
    fellBack: () => (pages ? [...pages.fellBack] : []),
    outputDir,
    target,
    get identity() {
      return identityNow();
    },
    mediaAccess: new MediaAccess(),
    get builder() {
      return (builder ??= new SiteBuilder(store, pagesNow(), outputDir, identityNow(), sealKey));
    },
    rules: (networks = {}, all = {}) =>
      defaultRules({
        noise,
        statusDebounceMs: (n) =>
          networks[n]?.debounceMs ?? all.debounceMs ?? config.ingest.statusDebounceSeconds * 1000,
        allowUnverified: (n) => networks[n]?.allowUnverified ?? all.allowUnverified ?? false,
        admission: (n) => networks[n]?.admission ?? all.admission ?? ANYONE,
        friendingOptsIn: (n) => networks[n]?.friendingOptsIn ?? all.friendingOptsIn ?? config.ingest.friendingOptsIn,
        // Without the running networks (import: the operator's own file), any network name is taken as written.
        ...(Object.keys(networks).length
          ? {
              networks: Object.entries(networks).map(([name, r]) => ({
                name,
                kind: r.kind ?? name,
                ...(r.hidden ? { hidden: true } : {}),
              })),
            }
          : {}),
        pageSize: config.site.pageSize,
        noticesPerHour: config.ingest.noticesPerHour,
        flagThreshold: config.moderation.flagThreshold,
        siteUrl: config.site.url,
        batchMs: config.site.batchSeconds * 1000,
        embeds: config.media.embeds,
        lang: config.site.lang,
      }),
    // Read once: templates are loaded at start too, so a change to them takes a restart either way.
    buildFingerprint: () =>
      (fingerprint ??= (() => {
        // The site key too: a new one re-signs every feed.
        // The passphrase never, but the key's id: a new key re-seals every file.
        const site = { ...config.site, private: sealKey && { key: sealKey.id, iterations: sealKey.iterations } };
        const h = createHash('sha256')
          .update(RENDER_VERSION)
          .update(JSON.stringify(site))
          .update(identityNow().publicKey);
        // The folders' files, not the renderer: a render with nothing to do does not build one (~30 ms of start-up).
        for (const dir of templateDirs(config)) hashDir(dir, h);
        return h.digest('hex').slice(0, 16);
      })()),
    close: async () => {
      target?.close?.();
      await store.close();
    },
  };
}

const BUILT_IN_TEMPLATES = join(PACKAGE_ROOT, 'templates');

/** The template folders a site is rendered from, the theme's first (as PageRenderer.dirs has them). */
function templateDirs(config: Config): string[] {
  const theme = config.site.templatesDir;
  return theme ? [theme, BUILT_IN_TEMPLATES] : [BUILT_IN_TEMPLATES];
}

/** The page renderer, with every template compiled: a broken or missing one is a config mistake, named here. */
export function openPages(config: Config): PageRenderer {
  const theme = config.site.templatesDir;
  const where = theme ? 'site.templatesDir' : 'the built-in templates';
  const templatesDir = BUILT_IN_TEMPLATES;
  if (theme && !existsSync(theme))
    throw new ConfigError('site.templatesDir', `${theme} does not exist`, 'a folder with the templates you change');
  let pages: PageRenderer;
  try {
    pages = new PageRenderer({
      templatesDir,
      themeDir: theme,
      title: config.site.title,
      description: config.site.description,
      siteUrl: config.site.url,
      lang: config.site.lang,
      timeZone: config.site.timeZone,
      pageSize: config.site.pageSize,
      feedSize: config.site.feedSize,
      sortPages: config.site.sortPages,
      // Only the built-in templates are compiled ahead of time, by `npm run build`.
      ...(theme ? {} : { precompiled: join(PACKAGE_ROOT, 'dist', 'templates.cjs') }),
    });
  } catch (err) {
    throw new ConfigError(
      'site.templatesDir',
      `${theme ?? templatesDir} cannot be used: ${errorMessage(err)}`,
      `the templates you change, copied from ${templatesDir}`,
    );
  }
  if (pages.slowPath) log.info(`the templates render with nunjucks, more slowly: ${pages.slowPath}`);
  const problems = pages.checkTemplates();
  if (problems.length) {
    const list = problems.map((p) => `${p.path}: ${p.problem}`).join('; ');
    const fix = theme ? `mend the file, or remove it from ${theme} to use the built-in one` : 'reinstall Meshline';
    throw new ConfigError('site.templatesDir', theme ? list : `${where}: ${list}`, fix);
  }
  return pages;
}

/** The chosen target's module, from the built-in ones and the plugins'. */
export function chosenTarget(config: Config) {
  return config.modules.targets.find((t) => t.name === config.publish.target)!;
}

/** The configured target; null when the output folder itself is the site (nothing to send). */
async function publishTarget(config: Config, outputDir: string): Promise<PublishTarget | null> {
  const module = chosenTarget(config);
  return module.create(targetSectionOf(config, module), { outputDir });
}

/** Renders what is queued, or everything when the templates or site settings changed or the queue is huge. */
export async function renderSite(
  app: AppContext,
  opts: {
    full?: boolean | undefined;
    retryNow?: boolean;
    progress?: ((d: number, t: number) => void) | undefined;
  } = {},
) {
  // Attachments first: each one mirrored queues its post's pages, which this render then picks up.
  await mirrorPending(app);
  const fingerprint = app.buildFingerprint();
  const stale = (await app.store.setting('build')) !== fingerprint;
  const backlog = await app.store.outboxCount('render');
  const full = opts.full || stale || backlog > 5000;
  // Nothing queued (a cron job's render on a quiet day): done, without loading the templates.
  if (!full && backlog === 0) return { targets: 0, files: 0, written: 0, removed: 0, ms: 0, failed: [], full };
  const summary = full
    ? await app.builder.renderFull(opts.progress)
    : await app.builder.renderPending({ retryNow: opts.retryNow ?? false });
  // A full render that could not write everything is not done: the next render is a full one again.
  if (full && !summary.failed.length) await app.store.setSetting('build', fingerprint);
  return { ...summary, full };
}
