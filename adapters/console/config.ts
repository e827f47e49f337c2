import * as z from 'zod';

export const consoleSection = z
  .strictObject({
    /** On unless set to false, so a fresh install has something to type into; turn it off where nobody types. */
    enabled: z.boolean().optional(),
    handle: z
      .string()
      .regex(/^[a-z0-9_][a-z0-9_.-]{0,31}$/, 'lower-case letters, digits, _ . -')
      .default('me'),
    name: z.string().min(1).default('Me'),
    room: z.string().min(1).default('lobby'),
    statusDebounceSeconds: z.number().min(0).max(3600).default(0),
  })
  .prefault({});

export const consoleExamples: Record<string, string> = {
  'console.handle': 'handle: alice',
  'console.enabled': 'enabled: false',
};
