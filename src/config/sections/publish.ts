import { z } from 'zod';

/** Hosting providers whose S3 dialects differ; the profile fills in what each needs (src/publish/providers.ts). */
export const S3_PROVIDERS = ['aws', 'r2', 'b2', 'wasabi', 'minio', 'garage', 'generic'] as const;

const cacheControl = z
  .strictObject({
    /** Fingerprinted assets (their name changes with their content). */
    assets: z.string().default('public, max-age=31536000, immutable'),
    /** Permalinks and older archive pages: they change only on an edit or deletion. */
    pages: z.string().default('public, max-age=600'),
    /** Timelines' first pages, indexes and feeds: they change with every post. */
    timelines: z.string().default('public, max-age=60'),
  })
  .prefault({});

const s3 = z
  .strictObject({
    provider: z.enum(S3_PROVIDERS).default('aws'),
    bucket: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'an S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens',
      )
      .optional(),
    /** A folder inside the bucket, e.g. "status/"; empty means the bucket's root. */
    prefix: z
      .string()
      .regex(/^([^/].*\/)?$/, 'empty, or a folder ending in / without a leading /')
      .default(''),
    endpoint: z.url({ protocol: /^https?$/ }).optional(),
    region: z.string().min(1).optional(),
    forcePathStyle: z.boolean().optional(),
    /** Without these, the AWS SDK's usual sources are used (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles). */
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    sessionToken: z.string().min(1).optional(),
    /** Uploads at once. */
    concurrency: z.number().int().min(1).max(64).default(8),
    /** One request may take this long before it is abandoned and retried. */
    timeoutSeconds: z.number().min(1).max(600).default(30),
    /** Tries per file before the publish stops and leaves it for the next run. */
    attempts: z.number().int().min(1).max(20).default(6),
    cacheControl,
  })
  .prefault({});

export const publishSection = z
  .strictObject({
    target: z.enum(['local', 's3']).default('local'),
    /** Publishing waits this long after the last change, so a burst of posts is uploaded once. */
    debounceSeconds: z.number().min(0).max(3600).default(3),
    local: z
      .strictObject({
        /** A folder to mirror the site into (e.g. a web server's root); empty means the output folder is the site. */
        dir: z.string().default(''),
      })
      .prefault({}),
    s3,
  })
  .prefault({})
  .superRefine((p, ctx) => {
    if (p.target !== 's3') return;
    if (!p.s3.bucket)
      ctx.addIssue({ code: 'custom', path: ['s3', 'bucket'], message: 'publishing to S3 needs a bucket' });
    const needsEndpoint = ['r2', 'minio', 'garage', 'generic'].includes(p.s3.provider);
    if (needsEndpoint && !p.s3.endpoint)
      ctx.addIssue({
        code: 'custom',
        path: ['s3', 'endpoint'],
        message: `provider ${p.s3.provider} needs the endpoint address`,
      });
    if (p.s3.provider === 'b2' && !p.s3.region && !p.s3.endpoint)
      ctx.addIssue({
        code: 'custom',
        path: ['s3', 'region'],
        message: "Backblaze B2 needs the bucket's region (or the endpoint)",
      });
    if (Boolean(p.s3.accessKeyId) !== Boolean(p.s3.secretAccessKey))
      ctx.addIssue({
        code: 'custom',
        path: ['s3', p.s3.accessKeyId ? 'secretAccessKey' : 'accessKeyId'],
        message:
          'give both accessKeyId and secretAccessKey, or neither (to use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)',
      });
  });

export type PublishConfig = z.infer<typeof publishSection>;
export type S3Config = PublishConfig['s3'];

export const publishExamples: Record<string, string> = {
  'publish.target': 'target: s3',
  'publish.local.dir': 'dir: /var/www/status',
  'publish.s3.bucket': 'bucket: our-status-site',
  'publish.s3.endpoint': 'endpoint: https://<account-id>.r2.cloudflarestorage.com',
  'publish.s3.region': 'region: us-west-004',
  'publish.s3.provider': `provider: r2   (one of ${S3_PROVIDERS.join(', ')})`,
  'publish.s3.prefix': 'prefix: status/',
  'publish.s3.accessKeyId': 'accessKeyId: ${S3_KEY_ID}',
  'publish.s3.secretAccessKey': 'secretAccessKey: ${S3_SECRET}',
};
