import { z } from 'zod';

export const publishSection = z.strictObject({
  target: z.literal('local').default('local'),
  local: z.strictObject({
    /** A folder to mirror the site into (e.g. a web server's root); empty means the output folder is the site. */
    dir: z.string().default(''),
  }).prefault({}),
}).prefault({});

export const publishExamples: Record<string, string> = {
  'publish.target': 'target: local',
  'publish.local.dir': 'dir: /var/www/status',
};
