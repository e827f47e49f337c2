import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAway, parsePrivmsg, parseTagmsg, senderOf, type IrcContext } from '../../adapters/irc/parse.ts';

const ctx: IrcContext = {
  network: 'libera',
  botNick: 'Meshline',
  accountOf: (n) => (n === 'Carol' ? 'carol' : undefined),
  now: () => 42,
};

test('identity is the services account when the server tells it, else an unverified nick', () => {
  assert.deepEqual(senderOf({ nick: 'Alice', message: '' }, ctx), { id: 'alice', display: 'Alice', verified: false });
  assert.deepEqual(senderOf({ nick: 'Alice_', message: '', account: 'Alice' }, ctx), {
    id: '~alice',
    display: 'Alice_',
    verified: true,
  });
  assert.deepEqual(senderOf({ nick: 'Carol', message: '' }, ctx), { id: '~carol', display: 'Carol', verified: true });
  assert.deepEqual(senderOf({ nick: 'Dan', message: '', tags: { account: '*' } }, ctx), {
    id: 'dan',
    display: 'Dan',
    verified: false,
  });
});

test('channel talk, actions and direct messages', () => {
  const cases: [Parameters<typeof parsePrivmsg>[0], boolean, unknown][] = [
    [
      { nick: 'Alice', target: '#Friends', message: 'hi \x02all\x02', time: 1000, tags: { msgid: 'abc' } },
      false,
      {
        network: 'libera',
        account: 'Meshline',
        sender: { id: 'alice', display: 'Alice', verified: false },
        at: 1000,
        msgId: 'abc',
        kind: 'message',
        room: { id: '#friends', name: '#Friends' },
        text: 'hi all',
      },
    ],
    [
      { nick: 'Alice', target: '#friends', message: '\x01ACTION waves\x01' },
      false,
      {
        network: 'libera',
        account: 'Meshline',
        sender: { id: 'alice', display: 'Alice', verified: false },
        at: 42,
        kind: 'message',
        room: { id: '#friends', name: '#friends' },
        text: 'waves',
        action: true,
      },
    ],
    [
      { nick: 'Alice', target: '#friends', message: 'waves' },
      true,
      {
        network: 'libera',
        account: 'Meshline',
        sender: { id: 'alice', display: 'Alice', verified: false },
        at: 42,
        kind: 'message',
        room: { id: '#friends', name: '#friends' },
        text: 'waves',
        action: true,
      },
    ],
    [
      { nick: 'Carol', target: 'meshline', message: 'join' },
      false,
      {
        network: 'libera',
        account: 'Meshline',
        sender: { id: '~carol', display: 'Carol', verified: true },
        at: 42,
        kind: 'direct',
        text: 'join',
      },
    ],
    [{ nick: 'Alice', target: '#friends', message: '\x01VERSION\x01' }, false, null],
    [{ nick: 'Alice', target: 'someoneelse', message: 'hi' }, false, null],
    [{ nick: 'Alice', target: 'Meshline', message: '\x01ACTION pokes\x01' }, false, null],
  ];
  for (const [e, action, want] of cases) assert.deepEqual(parsePrivmsg(e, ctx, action), want, e.message);
});

test('away with text is a status, back is presence without text, the bot itself is ignored', () => {
  assert.deepEqual(parseAway({ nick: 'Alice', message: 'Out for \x0304lunch', time: 5 }, ctx, true), {
    network: 'libera',
    account: 'Meshline',
    sender: { id: 'alice', display: 'Alice', verified: false },
    at: 5,
    kind: 'status',
    presence: 'away',
    text: 'Out for lunch',
  });
  assert.deepEqual(parseAway({ nick: 'Alice', message: 'whatever' }, ctx, false), {
    network: 'libera',
    account: 'Meshline',
    sender: { id: 'alice', display: 'Alice', verified: false },
    at: 42,
    kind: 'status',
    presence: 'available',
    text: '',
  });
  assert.equal(parseAway({ nick: 'meshline', message: 'x' }, ctx, true), null);
});

// Issue 12: `alice: hi` is how IRC addresses someone.
test('a leading nick: or nick, in a channel is a mention of that nick, when they are there', () => {
  const here = {
    ...ctx,
    inChannel: (c: string, n: string) => c === '#friends' && ['alice', 'carol'].includes(n.toLowerCase()),
  };
  const cases: [string, string[] | undefined][] = [
    ['alice: hi', ['alice']],
    ['Carol, look', ['~carol']],
    ['alice:', ['alice']],
    ['Note: nobody', undefined],
    ['alice:hi', undefined],
    ['hi alice: there', undefined],
  ];
  for (const [message, want] of cases) {
    const ev = parsePrivmsg({ nick: 'Bob', target: '#friends', message }, here);
    assert.deepEqual(ev?.kind === 'message' ? ev.mentions : 'not a message', want, message);
  }
});

test('issue 16: a TAGMSG with +draft/react and +draft/reply in a channel is a reaction; other tags are not', () => {
  const tags = (t: Record<string, string>) => ({ nick: 'bob', target: '#friends', tags: t, time: 5 });
  const cases: [ReturnType<typeof tags>, unknown][] = [
    [tags({ '+draft/react': '👍', '+draft/reply': 'abc' }), { kind: 'reaction', target: 'abc', key: 'up' }],
    [tags({ '+draft/react': '⭐️', '+draft/reply': 'abc' }), { kind: 'reaction', target: 'abc', key: 'star' }],
    [tags({ '+draft/react': '🎉', '+draft/reply': 'abc' }), { kind: 'reaction', target: 'abc', key: '🎉' }],
    [tags({ '+typing': 'active' }), null],
    [tags({ '+draft/react': '👍' }), null],
    [{ ...tags({ '+draft/react': '👍', '+draft/reply': 'abc' }), target: 'meshline' }, null],
  ];
  for (const [e, want] of cases) {
    const got = parseTagmsg(e, ctx);
    assert.deepEqual(
      got && { kind: got.kind, target: (got as { target: string }).target, key: (got as { key: string }).key },
      want,
    );
  }
});

test('issue 17: a channel message with +draft/reply answers the message of that msgid', () => {
  const reply = parsePrivmsg(
    { nick: 'bob', target: '#friends', message: 'agreed', tags: { msgid: 'm2', '+draft/reply': 'm1' }, time: 5 },
    ctx,
  );
  assert.deepEqual(
    reply && { kind: reply.kind, msgId: reply.msgId, replyTo: (reply as { replyTo?: string }).replyTo },
    {
      kind: 'message',
      msgId: 'm2',
      replyTo: 'm1',
    },
  );
  const plain = parsePrivmsg({ nick: 'bob', target: '#friends', message: 'hi', tags: { msgid: 'm3' }, time: 5 }, ctx);
  assert.equal((plain as { replyTo?: string }).replyTo, undefined);
});
