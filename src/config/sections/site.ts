import * as z from 'zod';

export const siteSection = z
  .strictObject({
    title: z.string().min(1).default('Meshline'),
    description: z.string().default('What our friends are up to, from their status lines and group chats.'),
    /** Public address of the site; feeds need absolute links. */
    url: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080/'),
    lang: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/)
      .refine((lang) => {
        try {
          return Intl.getCanonicalLocales(lang).length === 1;
        } catch {
          return false;
        }
      }, 'not a language tag Intl knows (like en, de-CH, ja)')
      .default('en'),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'unknown time zone')
      .default('UTC'),
    pageSize: z.number().int().min(5).max(500).default(50),
    feedSize: z.number().int().min(1).max(500).default(50),
    /** Pages each sorted view (hot, best, worst, controversial) keeps. */
    sortPages: z.number().int().min(1).max(50).default(5),
    /**
     * A new post's share of the search index and the sitemap waits up to this long, so posts that come close together
     * write (and upload) those files once. 0 writes them with the post.
     */
    batchSeconds: z.number().int().min(0).max(3600).default(60),
    outputDir: z.string().min(1).default('output'),
    templatesDir: z.string().optional(),
    /**
     * A private site (docs/PRIVATE.md): every page, feed and file is encrypted with a key from this passphrase and
     * read in the browser; only a small page that asks for it, the style sheet and robots.txt are in clear.
     */
    private: z
      .strictObject({
        /** Write it as ${AN_ENVIRONMENT_VARIABLE}, so it is never in the file in clear. */
        passphrase: z.string().min(12, 'a passphrase of at least 12 characters'),
        /** PBKDF2-SHA-256 rounds for the key; each reader's browser does them once per visit. */
        iterations: z.number().int().min(600_000).max(10_000_000).default(600_000),
      })
      .optional(),
  })
  .prefault({});

export const siteExamples: Record<string, string> = {
  'site.url': 'url: https://status.example.org/',
  'site.timeZone': 'timeZone: Europe/Berlin',
  'site.lang': 'lang: en',
  'site.pageSize': 'pageSize: 50',
  'site.private': 'private: { passphrase: "${GROUP_PASSPHRASE}" }',
  'site.private.passphrase': 'passphrase: "${GROUP_PASSPHRASE}"',
};
