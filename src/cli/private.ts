// `meshline feed-link`: a private site's feeds for members' feed readers, each at a random address (docs/PRIVATE.md).
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { UsageError } from '../core/errors.ts';
import { capabilityDir, FEED_FILES, joinUrl } from '../core/paths.ts';

export function privateCommands(program: Command, appOf: () => Promise<AppContext>, out: (s: string) => void): void {
  const link = program
    .command('feed-link')
    .description("a private site's home feeds for one member's feed reader, at an address only they know");
  const open = async () => {
    const app = await appOf();
    if (!app.config.site.private) {
      await app.close();
      throw new UsageError("this site is not private (site.private): its feeds are everyone's already");
    }
    return app;
  };
  const urlOf = (app: AppContext, token: string) => joinUrl(app.config.site.url, capabilityDir(token) + FEED_FILES.rss);

  link
    .command('add')
    .description('make a link for a member (NAME says whose, for revoking it later)')
    .argument('<name>')
    .action(async (name: string) => {
      const app = await open();
      try {
        const token = randomBytes(32).toString('base64url');
        if (!(await app.store.feedLinks.add(name, token)))
          throw new UsageError(`there is a link called ${name} already`);
        out(`${name}: ${urlOf(app, token)}`);
        out('it is published with the next render; whoever has the address reads the feed: give it to them privately');
      } finally {
        await app.close();
      }
    });

  link
    .command('list')
    .description("the members' links")
    .action(async () => {
      const app = await open();
      try {
        const list = await app.store.feedLinks.list();
        if (!list.length) out('no feed links (meshline feed-link add NAME)');
        for (const l of list) out(`${l.name}\t${urlOf(app, l.token)}`);
      } finally {
        await app.close();
      }
    });

  link
    .command('remove')
    .description('revoke a link: its feeds go from the site at the next render')
    .argument('<name>')
    .action(async (name: string) => {
      const app = await open();
      try {
        if (!(await app.store.feedLinks.remove(name))) throw new UsageError(`there is no link called ${name}`);
        out(`${name}'s link is revoked; its files go with the next render and publish`);
      } finally {
        await app.close();
      }
    });
}
