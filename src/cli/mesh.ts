// `meshline follow`, `unfollow`, `following`: what this site follows on the mesh (docs/MESH.md).
import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { UsageError } from '../core/errors.ts';
import type { SourceRow } from '../core/jobs.ts';
import { fingerprintOf } from '../mesh/identity.ts';
import { parseSource, SOURCE_FORMS } from '../core/source.ts';

const when = (at: number | null) => (at ? new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never');

/** One line of `following`: the source, who added it, its last pull and its key. */
export function sourceLine(s: SourceRow): string {
  const by = s.addedBy === 'config' ? 'mesh.follow' : s.addedBy === 'cli' ? 'command line' : s.addedBy;
  const pulled = s.fetchedAt ? `pulled ${when(s.fetchedAt)}: ${s.result ?? '?'}` : 'not pulled yet';
  const key = s.key ? `key ${fingerprintOf(s.key)}` : 'no key pinned yet';
  const offered = s.keyOffered ? `; refused a new key ${fingerprintOf(s.keyOffered)}` : '';
  const next = s.nextAt ? `\tnext ${when(s.nextAt)}${s.failures ? ` (after ${s.failures} failures)` : ''}` : '';
  return `${s.id}\t(${by})\t${pulled}\t${key}${offered}${next}`;
}

function parsed(text: string) {
  const s = parseSource(text);
  if ('error' in s) throw new UsageError(`${s.error} (follow takes ${SOURCE_FORMS})`);
  return s;
}

export function meshCommands(program: Command, appOf: () => Promise<AppContext>, out: (s: string) => void): void {
  program
    .command('follow')
    .description(`follow a source: ${SOURCE_FORMS}`)
    .argument('<source>')
    .option('--key <base64>', "pin the site's public key now (as its meshline doctor shows it, in base64)")
    .action(async (text: string, opts: { key?: string }) => {
      const source = parsed(text);
      if (opts.key !== undefined && !/^[A-Za-z0-9+/]{43}=$/.test(opts.key))
        throw new UsageError('--key takes the standard base64 of a 32-byte Ed25519 public key');
      const app = await appOf();
      try {
        const added = await app.store.sources.add(source.id, 'cli', opts.key);
        if (added) out(`following ${source.id}; it is pulled on the next run`);
        else if (opts.key && (await app.store.sources.pin(source.id, opts.key)))
          out(`${source.id} is checked with key ${fingerprintOf(opts.key)} from now on`);
        else out(`already following ${source.id}`);
      } finally {
        await app.close();
      }
    });

  program
    .command('unfollow')
    .description('stop following a source')
    .argument('<source>')
    .action(async (text: string) => {
      const source = parsed(text);
      const app = await appOf();
      try {
        const row = (await app.store.sources.list()).find((s) => s.id === source.id);
        if (!row) throw new UsageError(`not following ${source.id} (meshline following lists what is followed)`);
        if (row.addedBy === 'config')
          throw new UsageError(`${source.id} is followed by mesh.follow in the config: remove it there`);
        const { meshRenders } = await import('../mesh/job.ts');
        const gone = await app.store.mesh.dropSource(source.id, meshRenders(app.config.site.pageSize));
        out(
          `no longer following ${source.id}` +
            (gone.removed ? `; ${gone.removed} of its posts go at the next render` : ''),
        );
      } finally {
        await app.close();
      }
    });

  program
    .command('pull')
    .description('fetch every followed source now, then render')
    .action(async () => {
      const [{ pullSources }, { renderSite }] = await Promise.all([
        import('../mesh/job.ts'),
        import('../app/context.ts'),
      ]);
      const app = await appOf();
      try {
        const { meshDeps } = await import('../app/mesh-deps.ts');
        const s = await pullSources(meshDeps(app), { all: true });
        if (!s.sources) out('following nothing yet (meshline follow SOURCE, or mesh.follow in the config)');
        else
          out(
            `pulled ${s.sources} sources: ${s.changed} changed, ${s.unchanged} unchanged, ${s.failed} failed, ` +
              `${s.refused} refused; ${s.added} new posts, ${s.edited} edited, ${s.removed} removed` +
              (s.notices ? `; ${s.notices} mention notices queued` : ''),
          );
        for (const row of await app.store.sources.list())
          if (row.result && !row.result.startsWith('unchanged') && row.fetchedAt && row.failures > 0)
            out(`  ${row.id}: ${row.result}`);
        const r = await renderSite(app, { retryNow: true });
        out(`rendered: ${r.written} files written, ${r.removed} removed in ${r.ms} ms`);
        if (s.failed || s.refused) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });

  program
    .command('rotate-key')
    .description("replace the site's key with a new one that the old key signs over, so followers move with it")
    .action(async () => {
      const { SiteIdentity, siteKeyPath } = await import('../mesh/identity.ts');
      const app = await appOf();
      const path = siteKeyPath(app.config.store.path);
      await app.close();
      const { before, after } = SiteIdentity.rotate(path);
      out(`site key ${before.fingerprint} → ${after.fingerprint} (${path}; the old one kept beside it)`);
      out('the next render signs every feed with the new key; followers accept it because the old key signed it');
    });

  program
    .command('following')
    .description('list the sources this site follows, with their last pull and key')
    .action(async () => {
      const app = await appOf();
      try {
        const list = await app.store.sources.list();
        if (!list.length) out('following nothing yet (meshline follow SOURCE, or mesh.follow in the config)');
        for (const s of list) out(sourceLine(s));
      } finally {
        await app.close();
      }
    });
}
