// The built-in publish targets, as modules: the same contract plugins' targets keep.
import { resolve } from 'node:path';
import { errorMessage } from '../core/errors.ts';
import { localSection, publishExamples, s3Problems, s3Section, S3_PROVIDERS } from '../config/sections/publish.ts';
import { LocalFolderTarget } from './local.ts';
import { defineTarget, type TargetModule } from './target.ts';

const examples = (name: string) =>
  Object.fromEntries(Object.entries(publishExamples).filter(([k]) => k.startsWith(`publish.${name}.`)));

export const localTarget = defineTarget({
  name: 'local',
  section: localSection,
  examples: examples('local'),
  paths: ['dir'],
  sample: `  local:
    # Mirror the site into this folder too (a web server's root); empty: output/ is the site.
    dir: ""
`,
  create: (c, { outputDir }) =>
    LocalFolderTarget.isSameFolder(outputDir, c.dir) ? null : new LocalFolderTarget(outputDir, resolve(c.dir)),
  probe: async (c) => (c.dir ? { name: 'publish', ok: true, detail: `mirrors the site into ${c.dir}` } : null),
});

export const s3Target = defineTarget({
  name: 's3',
  section: s3Section,
  examples: examples('s3'),
  validate: s3Problems,
  sample: `  # s3:
  #   provider: aws            # ${S3_PROVIDERS.join(', ')}: sets each host's quirks
  #   bucket: our-status-site
  #   prefix: ""               # a folder in the bucket, e.g. status/; Meshline owns everything under it
  #   region: eu-west-1        # default from the provider
  #   endpoint: https://...    # needed for r2, minio, garage, generic
  #   accessKeyId: \${S3_KEY_ID}        # or leave both out to use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
  #   secretAccessKey: \${S3_SECRET}
  #   concurrency: 8           # uploads at once
  #   timeoutSeconds: 30
  #   attempts: 6              # tries per file before the publish stops and waits for the next run
  #   website: true            # first publish: folders serve index.html, missing addresses the site's 404.html
  #   cacheControl:
  #     assets: public, max-age=31536000, immutable   # fingerprinted CSS
  #     pages: public, max-age=600                    # permalinks, older archive pages
  #     timelines: public, max-age=60                 # timelines, indexes, feeds
`,
  // The AWS SDK is loaded only when S3 is the target.
  create: async (c, { outputDir }) => new (await import('./s3.ts')).S3Target(outputDir, c),
  probe: async (c, { outputDir }) => {
    const { S3Target } = await import('./s3.ts');
    const { s3Settings } = await import('./providers.ts');
    const target = new S3Target(outputDir, c);
    try {
      await target.check();
      const s = s3Settings(c);
      const where = `${c.provider}, ${s.endpoint ?? 'AWS'}, region ${s.region}`;
      return { name: 'publish', ok: true, detail: `${target.name} is reachable (${where})` };
    } catch (err) {
      return { name: 'publish', ok: false, detail: `${target.name}: ${errorMessage(err)}` };
    } finally {
      target.close();
    }
  },
});

export const TARGETS: readonly TargetModule[] = [localTarget, s3Target];
