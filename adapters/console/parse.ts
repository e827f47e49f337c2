// What a line typed on the terminal means. Pure: no I/O, tested without a terminal.
import type { ChatEvent } from '../../src/core/types.ts';

export interface ConsoleIdentity {
  network: string;
  handle: string;
  name: string;
  room: string;
}

export type ConsoleInput =
  | { kind: 'event'; event: ChatEvent }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'nothing' }
  | { kind: 'error'; message: string };

export const CONSOLE_HELP = [
  'Type a line to post it in the room; or:',
  '  /status TEXT   set your status        /away [TEXT]  set away',
  '  /back          back from away         /me TEXT      an action in the room',
  '  /bot COMMAND   talk to the bot (try: /bot help)',
  '  /help          this help              /quit         stop Meshline',
].join('\n');

export function parseConsoleLine(line: string, who: ConsoleIdentity, at: number): ConsoleInput {
  const base = {
    network: who.network,
    account: 'local',
    sender: { id: who.handle, display: who.name, verified: true },
    at,
  };
  const text = line.trim();
  if (!text) return { kind: 'nothing' };
  const m = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  if (!m) return { kind: 'event', event: { ...base, kind: 'message', room: { id: who.room, name: who.room }, text } };
  const [, cmd, rest] = [m[0], m[1]!.toLowerCase(), m[2]!.trim()];
  switch (cmd) {
    case 'status':
      return rest
        ? { kind: 'event', event: { ...base, kind: 'status', presence: 'available', text: rest } }
        : { kind: 'error', message: 'usage: /status TEXT' };
    case 'away':
      return { kind: 'event', event: { ...base, kind: 'status', presence: 'away', text: rest } };
    case 'back':
      return { kind: 'event', event: { ...base, kind: 'status', presence: 'available', text: '' } };
    case 'me':
      return rest
        ? {
            kind: 'event',
            event: { ...base, kind: 'message', room: { id: who.room, name: who.room }, text: rest, action: true },
          }
        : { kind: 'error', message: 'usage: /me TEXT' };
    case 'bot':
    case 'dm':
    case 'msg':
      return { kind: 'event', event: { ...base, kind: 'direct', text: rest || 'help' } };
    case 'help':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    default:
      return { kind: 'error', message: `unknown command /${cmd}; /help lists them` };
  }
}
