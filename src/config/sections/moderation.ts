import * as z from 'zod';

export const moderationSection = z
  .strictObject({
    /** Distinct people who flag a post before it is hidden for the admins to review (hide / unhide). */
    flagThreshold: z.number().int().min(1).max(100).default(3),
  })
  .prefault({});

export const moderationExamples: Record<string, string> = {
  'moderation.flagThreshold': 'flagThreshold: 3',
};
