// The `meshline` command.
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, MeshlineError, UsageError, errorMessage } from '../core/errors.ts';
import { PACKAGE_ROOT } from '../app/root.ts';
import { DEFAULT_CONFIG_PATH } from '../config/default-path.ts';
import type { AppContext } from '../app/context.ts';
import { logger, setLogFormat, setLogLevel } from '../log.ts';
import { progressBar } from './progress.ts';
import { meshCommands } from './mesh.ts';
import { privateCommands } from './private.ts';
import { sampleConfig } from './sample-config.ts';

const log = logger('meshline');
const out = (s: string) => process.stdout.write(s + '\n');

const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const program = new Command('meshline')
  .description('Turns IM status lines and group chats into a microblog: a static site with RSS, Atom and JSON feeds.')
  .version(VERSION, '-V, --version', 'print the version')
  .exitOverride()
  .option('-c, --config <file>', `config file (default: ${DEFAULT_CONFIG_PATH} if present, else built-in defaults)`)
  .option('-q, --quiet', 'only warnings and errors')
  .option('--log-format <format>', 'text (default) or json: one JSON object a line, for log shippers')
  .hook('preAction', (cmd) => {
    const opts = cmd.opts<{ quiet?: boolean; logFormat?: string }>();
    if (opts.quiet) setLogLevel('warn');
    if (opts.logFormat !== undefined && opts.logFormat !== 'text' && opts.logFormat !== 'json') {
      throw new UsageError(`--log-format takes text or json, not "${opts.logFormat}"`);
    }
    if (opts.logFormat) setLogFormat(opts.logFormat);
  })
  .showHelpAfterError();

// Commands import what they use when they run: `--version` and `--help` load nothing else.
const configOf = async () => (await import('../config/index.ts')).loadConfig(program.opts().config);
const appOf = async (): Promise<AppContext> => (await import('../app/context.ts')).openApp((await configOf()).config);
const renderSite = async (...args: Parameters<typeof import('../app/context.ts').renderSite>) =>
  (await import('../app/context.ts')).renderSite(...args);
const bar = (label: string) => progressBar(label, process.stderr, program.opts().quiet);
/** Set by `run`, whose action returns while the process goes on. */
let stays = false;

program
  .command('init')
  .description('write a commented config file with every option')
  .option('-f, --force', 'overwrite an existing file')
  .option('-p, --plugin <package-or-path...>', 'plugins to load, with their sections in the file')
  .action(async (opts: { force?: boolean; plugin?: string[] }) => {
    const { BUILTIN } = await import('../config/index.ts');
    const { loadPlugins } = await import('../config/plugins.ts');
    const path = program.opts().config ?? DEFAULT_CONFIG_PATH;
    if (existsSync(path) && !opts.force) throw new UsageError(`${path} exists; use --force to overwrite it`);
    const plugins = opts.plugin ?? [];
    const modules = plugins.length ? await loadPlugins(plugins, dirname(resolve(path)), BUILTIN) : BUILTIN;
    writeFileSync(path, sampleConfig(modules, plugins));
    out(`wrote ${path}; edit it, then run: meshline run --config ${path}`);
    // The site's key on the mesh, made now so its fingerprint can be given to other sites before the first run.
    const { SiteIdentity, siteKeyPath } = await import('../mesh/identity.ts');
    const keyPath = siteKeyPath((await configOf()).config.store.path);
    const id = SiteIdentity.loadOrCreate(keyPath);
    out(`site key: ${id.fingerprint} (${keyPath}; back it up with the database)`);
  });

program
  .command('run')
  .description('connect to the networks, publish as things happen, serve the preview')
  .action(async () => {
    stays = true;
    const { config, source } = await configOf();
    const { Runtime } = await import('../app/runtime.ts');
    const app = await (await import('../app/context.ts')).openApp(config);
    // The templates are checked now, so a broken theme is said before any network connects.
    void app.pages;
    let stopping = false;
    const runtime = new Runtime(app, { input: process.stdin, output: process.stdout, quit: () => void stop() });
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      log.info('stopping');
      await runtime.stop();
      await app.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    log.info(`config: ${source}; database: ${config.store.path}; site folder: ${app.outputDir}`);
    const progress = bar('rendering');
    await runtime.start(progress.update);
    progress.stop();
    if (runtime.previewUrl) log.info(`the site is at ${runtime.previewUrl} (preview server)`);
  });

program
  .command('render')
  .description('render queued changes into the site folder')
  .option('--full', 'render every page and feed, and remove files the site no longer has')
  .action(async (opts: { full?: boolean }) => {
    // The full render's two threads load their code while this one loads the config and opens the database.
    if (opts.full) (await import('../app/worker-start.ts')).startEarly(2);
    const app = await appOf();
    const progress = bar('rendering');
    const r = await renderSite(app, { full: opts.full, retryNow: true, progress: progress.update });
    progress.stop();
    out(
      `${r.full ? 'full render' : 'rendered changes'}: ${r.files} files produced, ${r.written} written, ` +
        `${r.removed} removed in ${r.ms} ms`,
    );
    if (r.failed.length) {
      out(`${r.failed.length} not rendered (the rest is):`);
      for (const f of r.failed.slice(0, 20)) out(`  ${f.what}: ${f.error}`);
      if (r.failed.length > 20) out(`  … and ${r.failed.length - 20} more (see the log)`);
      process.exitCode = 1;
    }
    await app.close();
  });

program
  .command('publish')
  .description('render, then send changed files to the publish target')
  .option('--verify', 'also list the target and repair drift: missing, changed or stray files')
  .action(async (opts: { verify?: boolean }) => {
    const { publishLine, publishSite } = await import('../app/publish.ts');
    const app = await appOf();
    await renderSite(app);
    if (!app.target) {
      out(`nothing to send: ${app.outputDir} is the site (set publish.target: s3, or publish.local.dir to mirror it)`);
      await app.close();
      return;
    }
    const progress = bar(opts.verify ? 'verifying' : 'publishing');
    const r = await publishSite(app.store, app.target, {
      verify: opts.verify ?? false,
      retryNow: true,
      progress: progress.update,
    });
    progress.stop();
    const p = r.publish;
    if (r.verify) {
      const v = r.verify;
      const why = r.first && !opts.verify ? ' (first publish there: compared with the site)' : '';
      out(
        `verified ${app.target.name}${why}: ${v.listed} objects listed; fixed ${v.missing} missing, ${v.changed} ` +
          `changed, ${v.stray} stray`,
      );
    }
    out(publishLine(app.target.name, p));
    if (p.holding.length) {
      out(`not published yet, holding the rest back (run publish again; the next run retries them):`);
      for (const h of p.holding) out(`  ${h}`);
    }
    await app.close();
    if (p.failed || p.waiting) process.exitCode = 1;
  });

program
  .command('import')
  .description('store events from a JSON Lines file (the shape adapters emit), e.g. to backfill history')
  .argument('<file>', 'one JSON event per line')
  .option('--rooms', 'enable publishing of every room that appears in the file')
  .option(
    '--notify',
    'send the messages the events would cause (command replies, mention notices); off: history is quiet',
  )
  .action(async (file: string, opts: { rooms?: boolean; notify?: boolean }) => {
    // Each command loads what it needs, so the others start without it.
    const { checkImportFile, importFile } = await import('./import.ts');
    checkImportFile(file);
    const app = await appOf();
    const progress = bar('importing');
    const s = await importFile(app, file, { enableRooms: opts.rooms, notify: opts.notify, progress: progress.update });
    progress.stop();
    for (const b of s.bad.slice(0, 20)) process.stderr.write(`${file}:${b.line}: ${b.error}\n`);
    if (s.bad.length > 20) process.stderr.write(`… and ${s.bad.length - 20} more bad lines\n`);
    const outcomes =
      Object.entries(s.outcomes)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'nothing';
    out(
      `imported ${s.lines} lines in ${s.ms} ms: ${outcomes}; ${s.bad.length} bad lines skipped. Run "meshline ` +
        `render" to update the site.`,
    );
    await app.close();
    if (s.bad.length) process.exitCode = 1;
  });

program
  .command('people')
  .description('list the people Meshline knows, with their identities')
  .action(async () => {
    const app = await appOf();
    const people = await app.store.listPeople();
    if (!people.length) out('nobody yet');
    for (const p of people)
      out(
        `@${p.handle}\t${p.name}\t${p.optedIn ? 'opted in' : 'not opted in'}\t${p.posts} ` +
          `posts\t${p.identities.join(' ')}`,
      );
    await app.close();
  });

meshCommands(program, appOf, out);
privateCommands(program, appOf, out);

program
  .command('doctor')
  .description('check config, database, templates, output folder and networks')
  .action(async () => {
    const { config, source } = await configOf();
    const { doctor } = await import('./doctor.ts');
    const checks = await doctor(config, source);
    for (const c of checks) out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(10)} ${c.detail}`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  });

program
  .parseAsync(process.argv)
  .then(() => {
    // A one-shot command's action has finished its work and closed what it opened: exiting now spares the ~20 ms a
    // process spends handing its heap back page by page at a natural exit (README, Benchmark).
    if (!stays) process.exit();
  })
  .catch((err: unknown) => {
    // Help and --version are not errors; every other word commander refuses is a command-line mistake: 2.
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`meshline: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`meshline: ${errorMessage(err)}\n`);
    // A stack trace helps a developer, not the person running Meshline: only when asked for.
    if (process.env.MESHLINE_LOG === 'debug') process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    else if (!(err instanceof MeshlineError))
      process.stderr.write('meshline: (MESHLINE_LOG=debug shows where this happened)\n');
    process.exit(1);
  });
