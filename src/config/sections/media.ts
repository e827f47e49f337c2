import * as z from 'zod';

export const mediaSection = z
  .strictObject({
    /** Copy images sent with messages into the site, so pages do not depend on (or leak readers to) other hosts. */
    mirror: z.boolean().default(true),
    /** Larger images are shown as links. */
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    timeoutSeconds: z.number().min(1).max(300).default(20),
    /** Fetch from loopback and private addresses too. Off: a chat message must not make the bot probe your network. */
    allowPrivateAddresses: z.boolean().default(false),
    /**
     * Videos linked in posts (YouTube, Vimeo, PeerTube) as a card with a thumbnail mirrored into the site; the player
     * loads only when a reader asks for it. Off: they stay plain links.
     */
    embeds: z.boolean().default(true),
  })
  .prefault({});

export const mediaExamples: Record<string, string> = {
  'media.maxBytes': 'maxBytes: 5242880',
};
