import * as z from 'zod';
import { parseSource } from '../../core/source.ts';

// A followed source is written as text, or as { source, key } to pin the site's key from the start (docs/MESH.md).
const follow = z.preprocess(
  (v) => (typeof v === 'string' ? { source: v } : v),
  z
    .strictObject({
      source: z.string(),
      /** The site's public key (standard base64 of the raw 32 bytes), compared with what the site publishes. */
      key: z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, 'the standard base64 of a 32-byte Ed25519 public key')
        .optional(),
    })
    .superRefine((f, ctx) => {
      const parsed = parseSource(f.source);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', path: ['source'], message: parsed.error });
    }),
);

export const meshSection = z
  .strictObject({
    /** Sources followed for the whole site; friends and the CLI add more (`follow`). */
    follow: z.array(follow).default([]),
    /** Sites (URLs or hosts) and remote people (@person@host) whose posts are never shown. */
    block: z.array(z.string().min(1)).default([]),
    /** How often every source is pulled, each at its own jittered time. */
    pullMinutes: z.number().min(1).max(1440).default(15),
    timeoutSeconds: z.number().min(1).max(300).default(20),
    /** A feed or site document larger than this is refused. */
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(2 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(10).default(3),
    /** Never pull from loopback or private networks unless this is true (as media.allowPrivateAddresses). */
    allowPrivateAddresses: z.boolean().default(false),
    /** Show followed posts on the home timeline too, not only on the mesh timeline. */
    homeTimeline: z.boolean().default(false),
  })
  .prefault({});

export type MeshConfig = z.infer<typeof meshSection>;

export const meshExamples: Record<string, string> = {
  'mesh.follow[0]': 'follow: ["https://their.site/", "@alice@their.site", "#garden@their.site"]',
  'mesh.follow[0].source': 'source: https://their.site/',
  'mesh.follow[0].key': 'key: 3q2+7w...=   (as their meshline doctor shows it)',
};
