import * as z from 'zod';

// A channel is written as "#name" or as { name, publish, policy }.
const channel = z.preprocess(
  (v) => (typeof v === 'string' ? { name: v } : v),
  z.strictObject({
    name: z.string().regex(/^[#&]/, 'a channel name starts with # or &'),
    /** Publish this channel's talk: the operator's decision, never the bot's. */
    publish: z.boolean().default(false),
    /** opted-in: only people who joined Meshline; everyone: all talk in the channel. */
    policy: z.enum(['opted-in', 'everyone']).default('opted-in'),
  }),
);

const network = z.strictObject({
  /** Names this network in identities and page URLs; lower-case letters, digits, - and _. */
  name: z.string().regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(6697),
  tls: z.boolean().default(true),
  nick: z.string().regex(/^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/, 'a valid IRC nick'),
  altNicks: z.array(z.string()).default([]),
  sasl: z.strictObject({ account: z.string().min(1), password: z.string().min(1) }).optional(),
  channels: z.array(channel).default([]),
  /** Let people without a services account opt in by nick (anyone can take a free nick). */
  allowUnverified: z.boolean().default(false),
  statusDebounceSeconds: z.number().min(0).max(3600).optional(),
  lineBytes: z.number().int().min(50).max(450).default(400),
  burst: z.number().int().min(1).max(20).default(4),
  gapMs: z.number().int().min(100).max(10_000).default(600),
  /**
   * Without away-notify, how often to ask WHO of the bot's channels; and, on any server, how often to ask WHOIS
   * (five at a time, in turn) of opted-in people who share no channel with the bot.
   */
  whoisPollSeconds: z.number().min(1).max(86_400).default(120),
});

export const ircSection = z
  .strictObject({
    networks: z.array(network).default([]),
  })
  .prefault({});

export const ircExamples: Record<string, string> = {
  'irc.networks[0].name': 'name: libera',
  'irc.networks[0].host': 'host: irc.libera.chat',
  'irc.networks[0].nick': 'nick: meshline',
  'irc.networks[0].channels[0].name': 'channels: ["#ourgroup", { name: "#other", publish: true }]',
};
