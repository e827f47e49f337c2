// The shape of one line of an import file: exactly the ChatEvent adapters emit.
import * as z from 'zod';
import type { ChatEvent } from '../core/types.ts';

const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const base = {
  network: z.string().min(1),
  account: z.string().default('import'),
  sender: z.strictObject({ id: z.string().min(1), display: z.string().min(1), verified: z.boolean().default(true) }),
  // Up to the last millisecond of year 9999: later times cannot be written as dates in pages and feeds.
  at: z.union([
    z.number().int().nonnegative().max(LATEST, 'a time in milliseconds since 1970, before the year 10000'),
    z.iso
      .datetime({ offset: true })
      .transform((s) => Date.parse(s))
      .refine((t) => t <= LATEST, 'before the year 10000'),
  ]),
  msgId: z.string().min(1).optional(),
};
const room = z.strictObject({ id: z.string().min(1), name: z.string().optional() });

export const chatEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('status'),
    presence: z.enum(['available', 'away', 'offline']),
    text: z.string(),
    snapshot: z.boolean().optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('message'),
    room,
    text: z.string(),
    action: z.boolean().optional(),
    mentions: z.array(z.string()).optional(),
    replyTo: z.string().optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('direct'), text: z.string() }),
  z.strictObject({
    ...base,
    kind: z.literal('edit'),
    target: z.string().min(1),
    text: z.string(),
    room: room.optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('retraction'), target: z.string().min(1), room: room.optional() }),
  z.strictObject({
    ...base,
    kind: z.literal('reaction'),
    target: z.string().min(1),
    key: z.string().min(1),
    room: room.optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('subscription'), state: z.enum(['subscribe', 'unsubscribe']) }),
]);

export type ParsedLine = { ok: true; event: ChatEvent } | { ok: false; error: string };

export function parseEventLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return { ok: false, error: `not JSON (${(err as Error).message})` };
  }
  const r = chatEventSchema.safeParse(json);
  if (r.success) return { ok: true, event: r.data as ChatEvent };
  const issue = r.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || 'event'}: ${issue.message}` };
}
