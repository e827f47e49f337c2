// XMPP parsing without a server: stanzas in, ChatEvents out; and merging presence from several devices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Parser, type Element } from '@xmpp/xml';
import { parseMessage, parseOccupant, presenceOf, type XmppContext } from '../../adapters/xmpp/parse.ts';
import { PresenceMerger } from '../../adapters/xmpp/presence.ts';

function el(s: string): Element {
  let out: Element | undefined;
  const p = new Parser();
  p.on('element', (e) => (out = e));
  p.write(`<stream:stream xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">${s}`);
  if (!out) throw new Error(`no element in ${s}`);
  return out;
}

/** The parts of `got` that `want` names, so a case lists only what it is about. */
function pick(got: unknown, want: unknown): unknown {
  if (!want || typeof want !== 'object' || !got || typeof got !== 'object') return got;
  if (Array.isArray(want)) return Array.isArray(got) ? got.map((g, i) => pick(g, want[i])) : got;
  return Object.fromEntries(
    Object.keys(want).map((k) => [k, pick((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k])]),
  );
}
const partial = (got: unknown, want: unknown, msg: string) => assert.deepEqual(pick(got, want), want, msg);

const ROOM = 'friends@conference.localhost';
const ctx: XmppContext = {
  network: 'jabber',
  account: 'bot@localhost',
  now: () => 1000,
  isRoom: (j) => j === ROOM,
  occupant: (_r, nick) =>
    nick === 'Alice'
      ? { nick, jid: 'alice@localhost/phone', affiliation: 'owner' }
      : nick === 'Anon'
        ? { nick, occupantId: 'xyz', affiliation: 'none' }
        : undefined,
  ownNick: () => 'meshline',
};

test('messages: groupchat, action, correction, retraction (v1 and v0), history, chat, errors', () => {
  const cases: [string, unknown][] = [
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="m1"><body>hello &lt;b&gt;</body></message>`,
      {
        kind: 'message',
        text: 'hello <b>',
        sender: { id: 'alice@localhost', display: 'Alice', verified: true },
        room: { id: ROOM, name: 'friends' },
        msgId: `${ROOM}|alice@localhost|m1`,
        at: 1000,
      },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="m2"><body>/me waves</body></message>`,
      { kind: 'message', text: 'waves', action: true },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Anon" id="m3"><body>who am I</body></message>`,
      { sender: { id: `${ROOM}/occupant:xyz`, display: 'Anon', verified: false } },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Bob" id="m4"><body>x</body></message>`,
      { sender: { id: `${ROOM}/nick:bob`, verified: false } },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="m5"><body>fixed</body>` +
        '<replace xmlns="urn:xmpp:message-correct:0" id="m1"/></message>',
      { kind: 'edit', target: `${ROOM}|alice@localhost|m1`, text: 'fixed', msgId: `${ROOM}|alice@localhost|edit:m5` },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="r1"><retract xmlns="urn:xmpp:message-retract:1" id="m1"/>` +
        '<body>retracted</body></message>',
      { kind: 'retraction', target: `${ROOM}|alice@localhost|m1` },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="r2"><apply-to xmlns="urn:xmpp:fasten:0" id="m2">` +
        '<retract xmlns="urn:xmpp:message-retract:0"/></apply-to></message>',
      { kind: 'retraction', target: `${ROOM}|alice@localhost|m2` },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="h1"><body>old</body>` +
        '<delay xmlns="urn:xmpp:delay" stamp="2026-01-01T00:00:00Z"/></message>',
      null,
    ],
    [`<message type="groupchat" from="${ROOM}/meshline" id="e1"><body>my echo</body></message>`, null],
    [`<message type="groupchat" from="${ROOM}" id="s1"><body>room subject</body></message>`, null],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="o1"><body>look</body>` +
        '<x xmlns="jabber:x:oob"><url>https://example.org/a.png</url></x></message>',
      { text: 'look', attachments: [{ kind: 'image', url: 'https://example.org/a.png', name: 'a.png' }] },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="o2"><body>javascript</body>` +
        '<x xmlns="jabber:x:oob"><url>javascript:alert(1)</url></x></message>',
      { text: 'javascript', attachments: undefined },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="o3"><body>https://up.example/x/notes.pdf</body>` +
        '<x xmlns="jabber:x:oob"><url>https://up.example/x/notes.pdf</url><desc>Notes</desc></x></message>',
      { text: '', attachments: [{ kind: 'file', url: 'https://up.example/x/notes.pdf', name: 'Notes' }] },
    ],
    [
      `<message type="groupchat" from="${ROOM}/Alice" id="c1"><body>bell\u0007 tab\tnl\nend</body></message>`,
      { text: 'bell tab\tnl\nend' },
    ],
    [
      `<message type="chat" from="Carol@Localhost/laptop" id="d1"><body> join </body></message>`,
      { kind: 'direct', text: 'join', sender: { id: 'carol@localhost', verified: true }, msgId: 'carol@localhost|d1' },
    ],
    [
      '<message type="chat" from="carol@localhost/laptop">' +
        '<composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      null,
    ],
    [`<message type="error" from="carol@localhost/laptop"><body>x</body><error type="cancel"/></message>`, null],
  ];
  for (const [xml, want] of cases) {
    const got = parseMessage(el(xml), ctx);
    if (want === null) assert.equal(got, null, xml);
    else partial(got, want, xml);
  }
  const archived = parseMessage(
    el(`<message type="groupchat" from="${ROOM}/Alice" id="h1"><body>missed</body></message>`),
    ctx,
    { live: false, at: 5 },
  );
  partial(archived, { kind: 'message', text: 'missed', at: 5 }, 'archive');
});

test('room presence says who an occupant is', () => {
  const p = parseOccupant(
    el(
      `<presence from="${ROOM}/Alice"><show>away</show><status>At lunch</status>` +
        '<x xmlns="http://jabber.org/protocol/muc#user">' +
        '<item affiliation="owner" role="moderator" jid="alice@localhost/phone"/><status code="110"/></x></presence>',
    ),
  );
  assert.deepEqual(p, {
    room: ROOM,
    nick: 'Alice',
    affiliation: 'owner',
    role: 'moderator',
    jid: 'alice@localhost/phone',
    unavailable: false,
    codes: ['110'],
    show: 'away',
    status: 'At lunch',
  });
  assert.equal(parseOccupant(el('<presence from="alice@localhost/phone"/>')), null);
  assert.equal(presenceOf(undefined, 'xa'), 'away');
  assert.equal(presenceOf(undefined, null), 'available');
  assert.equal(presenceOf('unavailable', 'away'), 'offline');
});

test('presence of several devices: one status, no flicker, offline only when all are gone', () => {
  const m = new PresenceMerger();
  const steps: [string, 'available' | 'away' | 'offline', string, unknown][] = [
    ['phone', 'available', 'At work', { presence: 'available', text: 'At work' }],
    ['laptop', 'available', 'At work', null], // the same status from a second device: nothing new
    ['laptop', 'away', '', null], // a device without a text does not hide the text
    ['phone', 'offline', '', null], // the laptop (away, no text) is left: nobody set anything
    ['phone', 'available', 'At home', { presence: 'available', text: 'At home' }],
    ['phone', 'available', 'At home', null],
    ['laptop', 'offline', '', null],
    ['phone', 'offline', '', { presence: 'offline', text: '' }],
  ];
  for (const [src, presence, text, want] of steps)
    assert.deepEqual(m.update('alice', src, presence, text), want, `${src} ${presence} ${text}`);
  assert.equal(
    new PresenceMerger().update('bob', 'x', 'offline', ''),
    null,
    'going offline before anything was known is not news',
  );
});

// Issue 12: laptop sets A, phone sets B later; the phone going offline posted A again, and its return B again.
test("a device going offline does not bring back another device's older status", () => {
  const m = new PresenceMerger();
  const steps: [string, 'available' | 'away' | 'offline', string, unknown][] = [
    ['laptop', 'available', 'A', { presence: 'available', text: 'A' }],
    ['phone', 'available', 'B', { presence: 'available', text: 'B' }],
    ['phone', 'offline', '', null],
    ['phone', 'available', 'B', { presence: 'available', text: 'B' }], // B again: the core finds it was posted
    ['laptop', 'away', 'C', { presence: 'away', text: 'C' }],
  ];
  for (const [src, presence, text, want] of steps)
    assert.deepEqual(m.update('alice', src, presence, text), want, `${src} ${text}`);
});

test('issue 16: a XEP-0444 reaction names a room message by its stanza-id; an unknown one is nothing', () => {
  const known = { ...ctx, messageBySid: (room: string, sid: string) => (sid === 'S1' ? `${room}|x|m1` : undefined) };
  const react = (sid: string, key: string) =>
    el(
      `<message from="${ROOM}/dan" type="groupchat"><reactions xmlns="urn:xmpp:reactions:0" id="${sid}">` +
        `<reaction>${key}</reaction></reactions></message>`,
    );
  partial(parseMessage(react('S1', '👍'), known), { kind: 'reaction', target: `${ROOM}|x|m1`, key: 'up' }, 'up');
  partial(parseMessage(react('S1', '⭐'), known), { kind: 'reaction', key: 'star' }, 'star');
  assert.equal(parseMessage(react('S9', '👍'), known), null);
  assert.equal(parseMessage(react('S1', '👍'), ctx), null);
});

test('issue 17: a XEP-0461 reply answers a room message by stanza-id or by its author; its quote goes', () => {
  const known = { ...ctx, messageBySid: (room: string, sid: string) => (sid === 'S1' ? `${room}|x|m1` : undefined) };
  const reply = (id: string, to: string, body: string, end?: number) =>
    el(
      `<message from="${ROOM}/Alice" type="groupchat" id="r1"><body>${body}</body>` +
        `<reply xmlns="urn:xmpp:reply:0" id="${id}" to="${to}"/>` +
        (end === undefined
          ? ''
          : `<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${end}"/></fallback>`) +
        '</message>',
    );
  const quoted = '&gt; Anon: beans?\nYes, beans 🌱';
  partial(
    parseMessage(reply('S1', `${ROOM}/Anon`, quoted, 15), known),
    { replyTo: `${ROOM}|x|m1`, text: 'Yes, beans 🌱' },
    'by sid',
  );
  // Not known by stanza-id: by the id its author (an occupant now) sent it with, as that message was stored.
  const original = parseMessage(
    el(`<message from="${ROOM}/Anon" type="groupchat" id="o7"><body>beans?</body></message>`),
    known,
  );
  partial(
    parseMessage(reply('o7', `${ROOM}/Anon`, 'Yes', undefined), known),
    { replyTo: (original as { msgId: string }).msgId, text: 'Yes' },
    'by author',
  );
  // A fallback range outside the body leaves the body whole.
  partial(parseMessage(reply('S1', `${ROOM}/Anon`, 'short', 99), known), { text: 'short' }, 'bad range');
  const unknown = parseMessage(reply('zz', `${ROOM}/Nobody`, 'Yes', undefined), known);
  assert.equal((unknown as { replyTo?: string }).replyTo, undefined);
});
