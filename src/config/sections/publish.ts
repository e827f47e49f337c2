import * as z from 'zod';

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

export const s3Section = z
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
    /**
     * On the first publish, set the bucket's website configuration: index.html for folders, the site's 404.html for
     * addresses it does not have. Hosts without it (R2, B2) are told apart and skipped; false leaves the bucket alone.
     */
    website: z.boolean().default(true),
    cacheControl,
  })
  .prefault({});

/** Problems with the S3 settings when S3 is the target (a bucket is not needed while it is not). */
export function s3Problems(s3: S3Config): { path: string[]; message: string }[] {
  const out: { path: string[]; message: string }[] = [];
  if (!s3.bucket) out.push({ path: ['bucket'], message: 'publishing to S3 needs a bucket' });
  if (['r2', 'minio', 'garage', 'generic'].includes(s3.provider) && !s3.endpoint)
    out.push({ path: ['endpoint'], message: `provider ${s3.provider} needs the endpoint address` });
  if (s3.provider === 'b2' && !s3.region && !s3.endpoint)
    out.push({ path: ['region'], message: "Backblaze B2 needs the bucket's region (or the endpoint)" });
  if (Boolean(s3.accessKeyId) !== Boolean(s3.secretAccessKey))
    out.push({
      path: [s3.accessKeyId ? 'secretAccessKey' : 'accessKeyId'],
      message:
        'give both accessKeyId and secretAccessKey, or neither (to use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)',
    });
  return out;
}

export const localSection = z
  .strictObject({
    /** A folder to mirror the site into (e.g. a web server's root); empty means the output folder is the site. */
    dir: z.string().default(''),
  })
  .prefault({});

/** The publish settings every target shares; each target's own section sits beside them, under its name. */
export interface PublishConfig {
  target: string;
  debounceSeconds: number;
}

interface TargetSection {
  name: string;
  section: z.ZodType;
  validate?(section: unknown): { path: readonly (string | number)[]; message: string }[];
}

export function publishSection(targets: readonly TargetSection[]) {
  const names = targets.map((t) => t.name) as [string, ...string[]];
  return z
    .strictObject({
      target: z.enum(names).default('local'),
      /** Publishing waits this long after the last change, so a burst of posts is uploaded once. */
      debounceSeconds: z.number().min(0).max(3600).default(3),
      ...Object.fromEntries(targets.map((t) => [t.name, t.section])),
    })
    .prefault({})
    .superRefine((p, ctx) => {
      const chosen = targets.find((t) => t.name === p.target);
      const section = (p as Record<string, unknown>)[p.target];
      for (const issue of chosen?.validate?.(section) ?? [])
        ctx.addIssue({ code: 'custom', path: [p.target, ...issue.path], message: issue.message });
    }) as unknown as z.ZodType<PublishConfig>;
}

export type S3Config = z.infer<typeof s3Section>;

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
