import { createRequire } from 'node:module';
import * as z from 'zod';

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const ingestSection = z
  .strictObject({
    /** Only the last status within this many seconds is posted, so flapping clients post once. */
    statusDebounceSeconds: z.number().min(0).max(3600).default(30),
    /** Status texts matching these (case-insensitive) are not posted, on top of the built-in auto-away list. */
    noisePatterns: z.array(regex).default([]),
    replaceDefaultNoise: z.boolean().default(false),
    noticesPerHour: z.number().int().min(0).max(1000).default(6),
    /** New posts of what a friend follows (`follow @someone`) reach them as one notice at most this often. */
    followDigestMinutes: z.number().min(1).max(1440).default(10),
    /**
     * Friending the bot (an XMPP roster subscription, a Matrix direct-chat invite) opts a person in at once, as
     * Meshline did before. Off: it only explains what would be published and asks for "join".
     */
    friendingOptsIn: z.boolean().default(false),
    /** Renders wait this long after a change, so a burst of events renders once. */
    renderDelayMs: z.number().int().min(0).max(600_000).default(200),
  })
  .prefault({});

/** A cron line as node-schedule reads it (through cron-parser), checked here so `run` cannot die on it later. */
const DEFAULT_VERIFY = '17 3 * * *';
const cronLine = z.string().superRefine((line, ctx) => {
  // The default is known good; any other line is parsed, loading the parser only then (it slows every start).
  if (line === DEFAULT_VERIFY) return;
  try {
    const cronParser = createRequire(import.meta.url)('cron-parser') as typeof import('cron-parser');
    cronParser.parseExpression(line);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    ctx.addIssue({
      code: 'custom',
      message: `not a cron line (${why}): minute hour day month weekday, e.g. "17 3 * * *"`,
    });
  }
});

export const scheduleSection = z
  .strictObject({
    /** Cron line for the nightly full render that repairs any drift in the site folder. */
    verify: cronLine.default(DEFAULT_VERIFY),
  })
  .prefault({});

export const ingestExamples: Record<string, string> = {
  'ingest.statusDebounceSeconds': 'statusDebounceSeconds: 30',
  'ingest.noisePatterns': 'noisePatterns: ["^brb$", "^lunch$"]',
  'schedule.verify': 'verify: "17 3 * * *"',
};
