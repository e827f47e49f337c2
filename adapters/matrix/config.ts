import * as z from 'zod';

const userId = z.string().regex(/^@[^:\s]+:\S+$/, 'a Matrix user id: @name:server');

// A room is written as "!id:server" / "#alias:server" or as { id, publish, policy }.
const room = z.preprocess(
  (v) => (typeof v === 'string' ? { id: v } : v),
  z.strictObject({
    id: z.string().regex(/^[!#][^:\s]+:\S+$/, 'a room id (!abc:server) or alias (#name:server)'),
    /** Publish this room's talk: the operator's decision, never the bot's. */
    publish: z.boolean().default(false),
    policy: z.enum(['opted-in', 'everyone']).default('opted-in'),
  }),
);

const account = z
  .strictObject({
    /** Names this account in identities and page URLs; lower-case letters, digits, - and _. */
    name: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
    homeserver: z.url({ protocol: /^https?$/ }),
    /** An access token; or userId + password, and Meshline logs in once and keeps the token. */
    accessToken: z.string().min(1).optional(),
    userId: userId.optional(),
    password: z.string().min(1).optional(),
    /**
     * Whose invites the bot accepts: anyone, or only from listed users (@a:b) and servers (b), or to listed rooms
     * (!id:server, #alias:server). Invites to rooms in `rooms` are always accepted; others are declined.
     */
    invites: z.enum(['anyone', 'allow-list']).default('anyone'),
    allow: z.array(z.string().min(1)).default([]),
    rooms: z.array(room).default([]),
    statusDebounceSeconds: z.number().min(0).max(3600).optional(),
    /** When the homeserver sends no presence in /sync, ask for opted-in people's presence this often. */
    presencePollSeconds: z.number().min(5).max(86_400).default(120),
    /**
     * End-to-end encryption needs the native @matrix-org/matrix-sdk-crypto-nodejs library. auto: use it when it is
     * installed, else decline encrypted rooms; off: always decline them; required: refuse to start without it.
     */
    encryption: z.enum(['auto', 'off', 'required']).default('auto'),
    /** Where the device's keys live (default: matrix-crypto/<name> next to the store). Losing it means a new device. */
    cryptoDir: z.string().min(1).optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.accessToken && !(a.userId && a.password))
      ctx.addIssue({
        code: 'custom',
        path: ['accessToken'],
        message: 'give an accessToken, or userId and password to log in with',
      });
    if (a.invites === 'allow-list' && !a.allow.length)
      ctx.addIssue({ code: 'custom', path: ['allow'], message: 'an allow-list of users or servers is needed' });
  });

export type MatrixAccountConfig = z.infer<typeof account>;

export const matrixSection = z
  .strictObject({
    accounts: z.array(account).default([]),
  })
  .prefault({});

export const matrixExamples: Record<string, string> = {
  'matrix.accounts[0].name': 'name: matrix',
  'matrix.accounts[0].homeserver': 'homeserver: https://matrix.example.org',
  'matrix.accounts[0].accessToken': 'accessToken: ${MATRIX_TOKEN}',
  'matrix.accounts[0].userId': 'userId: "@meshline:example.org"',
  'matrix.accounts[0].allow': 'allow: ["@you:example.org", example.org, "#friends:example.org"]',
  'matrix.accounts[0].encryption': 'encryption: auto   # auto | off | required',
  'matrix.accounts[0].rooms[0].id': 'rooms: ["#friends:example.org", { id: "!abc:example.org", publish: true }]',
};
