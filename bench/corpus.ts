// A deterministic synthetic corpus: people who opt in, set statuses and talk in rooms with mentions and tags.
// Same seed and size, same events, byte for byte.
import type { ChatEvent } from '../src/core/types.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'lunch coffee train rain sun code music book walk meeting deadline garden bike cake movie beach snow office ' +
  'kitchen cat dog tea concert paper review release bug fix test deploy dinner sleep gym run market'
).split(' ');
const STATUSES = [
  'Out for lunch',
  'In a meeting',
  'Working from home',
  'On the train',
  'Reading',
  'Cooking dinner',
  'At the gym',
  'Walking the dog',
  'Deep in code',
  'On holiday',
];
const TAGS = [
  'food',
  'work',
  'travel',
  'music',
  'books',
  'weather',
  'code',
  'garden',
  'sport',
  'film',
  'cats',
  'release',
];

export interface CorpusOptions {
  posts: number;
  people?: number;
  rooms?: number;
  seed?: number;
  start?: number;
}

/** Yields everyone's `join` first, then `posts` events that each become one post. */
export function* corpus(opts: CorpusOptions): Generator<ChatEvent> {
  const rnd = mulberry32(opts.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const nPeople = opts.people ?? 200;
  const nRooms = opts.rooms ?? 8;
  let at = opts.start ?? Date.UTC(2025, 0, 1);
  const person = (i: number) => ({ id: `user${i}@example.org`, display: `Person ${i}`, verified: true });
  for (let i = 0; i < nPeople; i++) {
    const join = { kind: 'direct', text: 'join', msgId: `join-${i}` } as const;
    yield { ...join, network: 'bench', account: 'bot', sender: person(i), at: (at += 1000) };
  }
  for (let n = 0; n < opts.posts; n++) {
    at += 1000 + Math.floor(rnd() * 60_000);
    const who = person(Math.floor(rnd() * nPeople));
    const base = { network: 'bench', account: 'bot', sender: who, at, msgId: `m${n}` };
    if (rnd() < 0.3) {
      yield { ...base, kind: 'status', presence: rnd() < 0.3 ? 'away' : 'available', text: `${pick(STATUSES)} (${n})` };
      continue;
    }
    const words = Array.from({ length: 4 + Math.floor(rnd() * 14) }, () => pick(WORDS));
    if (rnd() < 0.4) words.splice(Math.floor(rnd() * words.length), 0, `#${pick(TAGS)}`);
    if (rnd() < 0.2) words.splice(Math.floor(rnd() * words.length), 0, `@person${Math.floor(rnd() * nPeople)}`);
    const room = `room${Math.floor(rnd() * nRooms)}`;
    yield { ...base, kind: 'message', room: { id: room, name: `#${room}` }, text: `${words.join(' ')} ${n}` };
  }
}

/** A post added after the corpus (run r, post i): the same in every bench, by a person the corpus opted in. */
export function extraPost(run: number, i: number, series = 'extra'): ChatEvent {
  return {
    kind: 'message',
    network: 'bench',
    account: 'bot',
    sender: { id: 'user7@example.org', display: 'Person 7', verified: true },
    at: Date.UTC(series === 'extra' ? 2040 : 2041, 0, 1) + run * 100 + i,
    room: { id: 'room3' },
    text: `one more thing #music @person8 ${series} ${run}-${i}`,
    msgId: `${series}-${run}-${i}`,
  };
}
