import { existsSync } from 'node:fs';
import * as z from 'zod';

const bareJid = z.string().regex(/^[^@/\s]+@[^@/\s]+$/, 'a bare JID: user@domain');

// A room is written as "room@conference.example.org" or as { jid, publish, policy, create, nick }.
const room = z.preprocess(
  (v) => (typeof v === 'string' ? { jid: v } : v),
  z.strictObject({
    jid: bareJid,
    /** Publish this room's talk: the operator's decision, never the bot's. */
    publish: z.boolean().default(false),
    policy: z.enum(['opted-in', 'everyone']).default('opted-in'),
    /** Create the room (and unlock it) if it does not exist. */
    create: z.boolean().default(false),
    /** The bot's nick in the room; default: the account's local part. */
    nick: z.string().min(1).optional(),
  }),
);

const account = z
  .strictObject({
    /** Names this account in identities and page URLs; lower-case letters, digits, - and _. */
    name: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
    jid: bareJid,
    password: z.string().min(1),
    /** xmpp://host:port (STARTTLS) or xmpps://host:port (direct TLS); default: the JID's domain via DNS SRV. */
    service: z
      .string()
      .regex(/^xmpps?:\/\/[^/]+$/, 'xmpp://host:port or xmpps://host:port')
      .optional(),
    resource: z.string().min(1).default('meshline'),
    /** A CA (PEM file) to trust for this server, on top of the system's; for servers with a private CA. */
    caFile: z
      .string()
      .min(1)
      .refine((f) => existsSync(f), 'no such file')
      .optional(),
    /** Refuse to stay logged in over a connection without TLS unless this is true (loopback test servers). */
    allowPlaintext: z.boolean().default(false),
    /** Who may friend the bot: anyone, only listed domains or JIDs, or each request approved by an admin. */
    subscriptions: z.enum(['anyone', 'allow-list', 'manual']).default('anyone'),
    allow: z.array(z.string().min(1)).default([]),
    /** JIDs that may approve requests (`approve JID`, `deny JID`, `pending`) when subscriptions is manual. */
    admins: z.array(bareJid).default([]),
    rooms: z.array(room).default([]),
    statusDebounceSeconds: z.number().min(0).max(3600).optional(),
    /** Seconds between pings that keep the connection alive and notice when it is dead. */
    pingSeconds: z.number().min(5).max(3600).default(60),
  })
  .superRefine((a, ctx) => {
    if (a.subscriptions === 'manual' && !a.admins.length)
      ctx.addIssue({
        code: 'custom',
        path: ['admins'],
        message: 'manual subscriptions need at least one admin JID to approve them',
      });
    if (a.subscriptions === 'allow-list' && !a.allow.length)
      ctx.addIssue({ code: 'custom', path: ['allow'], message: 'an allow-list of domains or JIDs is needed' });
  });

export type XmppAccountConfig = z.infer<typeof account>;

export const xmppSection = z
  .strictObject({
    accounts: z.array(account).default([]),
  })
  .prefault({});

export const xmppExamples: Record<string, string> = {
  'xmpp.accounts[0].name': 'name: jabber',
  'xmpp.accounts[0].jid': 'jid: meshline@example.org',
  'xmpp.accounts[0].service': 'service: xmpp://xmpp.example.org:5222',
  'xmpp.accounts[0].caFile': 'caFile: /etc/ssl/our-ca.pem',
  'xmpp.accounts[0].admins': 'admins: [you@example.org]',
  'xmpp.accounts[0].allow': 'allow: [example.org, friend@other.example]',
  'xmpp.accounts[0].rooms[0].jid':
    'rooms: ["friends@conference.example.org", { jid: "den@conference.example.org", publish: true }]',
};
