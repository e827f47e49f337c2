// Matrix parsing without a homeserver: room events in, ChatEvents out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mentionsOf,
  parsePresence,
  parseRoomEvent,
  reactionKey,
  stripReplyFallback,
  type MatrixContext,
  type RoomEvent,
} from '../../adapters/matrix/parse.ts';

const ROOM = '!friends:localhost';
const DM = '!dm:localhost';
const ctx: MatrixContext = {
  network: 'matrix',
  account: '@bot:localhost',
  isDirect: (r) => r === DM,
  roomKey: (r) => (r === ROOM ? '#friends:localhost' : undefined),
  displayName: (u) => (u === '@alice:localhost' ? 'Alice' : u),
  mediaUrl: (mxc) => mxc.replace('mxc://', 'http://hs/_matrix/media/v3/download/'),
};
const ev = (type: string, content: Record<string, unknown>, extra: Partial<RoomEvent> = {}): RoomEvent => ({
  event_id: '$e1',
  type,
  sender: '@alice:localhost',
  origin_server_ts: 5,
  content,
  ...extra,
});

test('room events', () => {
  const room = { id: '#friends:localhost' };
  const cases: [string, RoomEvent, unknown][] = [
    [
      'text',
      ev('m.room.message', { msgtype: 'm.text', body: 'hi <b>' }),
      {
        kind: 'message',
        text: 'hi <b>',
        room,
        msgId: '$e1',
        sender: { id: '@alice:localhost', display: 'Alice', verified: true },
        at: 5,
        mentions: [],
      },
    ],
    [
      'emote',
      ev('m.room.message', { msgtype: 'm.emote', body: 'waves' }),
      { kind: 'message', text: 'waves', action: true },
    ],
    ['notice ignored', ev('m.room.message', { msgtype: 'm.notice', body: 'bot talk' }), null],
    [
      'formatted_body is never used',
      ev('m.room.message', {
        msgtype: 'm.text',
        body: 'plain',
        format: 'org.matrix.custom.html',
        formatted_body: '<script>x</script>',
      }),
      { text: 'plain' },
    ],
    [
      'reply',
      ev('m.room.message', {
        msgtype: 'm.text',
        body: '> <@bob:localhost> original\n\nmy answer',
        'm.relates_to': { 'm.in_reply_to': { event_id: '$orig' } },
      }),
      { text: 'my answer', replyTo: '$orig' },
    ],
    [
      // Issue 17: a message in a thread answers the thread's root.
      'thread',
      ev('m.room.message', {
        msgtype: 'm.text',
        body: 'in the thread',
        'm.relates_to': { rel_type: 'm.thread', event_id: '$root' },
      }),
      { text: 'in the thread', replyTo: '$root' },
    ],
    [
      'edit',
      ev('m.room.message', {
        msgtype: 'm.text',
        body: '* fixed',
        'm.new_content': { msgtype: 'm.text', body: 'fixed' },
        'm.relates_to': { rel_type: 'm.replace', event_id: '$orig' },
      }),
      { kind: 'edit', target: '$orig', text: 'fixed', room },
    ],
    ['redaction', ev('m.room.redaction', {}, { redacts: '$orig' }), { kind: 'retraction', target: '$orig', room }],
    ['redaction v11', ev('m.room.redaction', { redacts: '$orig' }), { kind: 'retraction', target: '$orig' }],
    [
      'reaction',
      ev('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$orig', key: '👍️' } }),
      { kind: 'reaction', target: '$orig', key: 'up' },
    ],
    [
      'image',
      ev('m.room.message', { msgtype: 'm.image', body: 'cat.png', url: 'mxc://localhost/abc' }),
      {
        text: '',
        attachments: [{ kind: 'image', url: 'http://hs/_matrix/media/v3/download/localhost/abc', name: 'cat.png' }],
      },
    ],
    [
      'file',
      ev('m.room.message', { msgtype: 'm.file', body: 'notes.pdf', url: 'mxc://localhost/def' }),
      { attachments: [{ kind: 'file', name: 'notes.pdf' }] },
    ],
    [
      'encrypted image',
      ev('m.room.message', {
        msgtype: 'm.image',
        body: 'cat.png',
        info: { mimetype: 'Image/PNG' },
        file: {
          v: 'v2',
          url: 'mxc://localhost/enc',
          key: { alg: 'A256CTR', k: 'a2V5', ext: true },
          iv: 'aXY',
          hashes: { sha256: 'aGFzaA' },
        },
      }),
      {
        attachments: [
          {
            kind: 'image',
            url: 'http://hs/_matrix/media/v3/download/localhost/enc',
            name: 'cat.png',
            encryption: { algorithm: 'aes-256-ctr', key: 'a2V5', iv: 'aXY', sha256: 'aGFzaA', type: 'image/png' },
          },
        ],
      },
    ],
    [
      'encrypted file of an unknown scheme: not taken',
      ev('m.room.message', {
        msgtype: 'm.file',
        body: 'x.bin',
        file: {
          url: 'mxc://localhost/enc',
          key: { alg: 'A128GCM', k: 'a2V5' },
          iv: 'aXY',
          hashes: { sha256: 'aGFzaA' },
        },
      }),
      { attachments: [] },
    ],
    ['own echo', ev('m.room.message', { msgtype: 'm.text', body: 'x' }, { sender: '@bot:localhost' }), null],
    ['elsewhere', { ...ev('m.room.message', { msgtype: 'm.text', body: 'x' }) }, 'OTHER'],
  ];
  for (const [name, e, want] of cases) {
    const got = parseRoomEvent(want === 'OTHER' ? '!other:localhost' : ROOM, e, ctx);
    if (want === null || want === 'OTHER') {
      assert.equal(got, null, name);
      continue;
    }
    const picked = Object.fromEntries(
      Object.keys(want as object).map((k) => [k, (got as unknown as Record<string, unknown>)?.[k]]),
    );
    const deep = JSON.parse(JSON.stringify(picked));
    for (const [k, v] of Object.entries(want as Record<string, unknown>)) {
      if (v && typeof v === 'object' && !Array.isArray(v))
        deep[k] = Object.fromEntries(Object.keys(v).map((kk) => [kk, deep[k]?.[kk]]));
      if (Array.isArray(v) && v.length && typeof v[0] === 'object')
        deep[k] = (deep[k] as Record<string, unknown>[]).map((x, i) =>
          Object.fromEntries(Object.keys(v[i]).map((kk) => [kk, x[kk]])),
        );
    }
    assert.deepEqual(deep, want, name);
  }
});

test('direct messages run commands; edits, reactions and files in DMs are not posts', () => {
  assert.deepEqual(parseRoomEvent(DM, ev('m.room.message', { msgtype: 'm.text', body: ' join ' }), ctx), {
    network: 'matrix',
    account: '@bot:localhost',
    sender: { id: '@alice:localhost', display: 'Alice', verified: true },
    at: 5,
    msgId: '$e1',
    kind: 'direct',
    text: 'join',
  });
  assert.equal(
    parseRoomEvent(
      DM,
      ev('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$x', key: '⭐' } }),
      ctx,
    ),
    null,
  );
  assert.equal(
    parseRoomEvent(DM, ev('m.room.message', { msgtype: 'm.image', body: 'x', url: 'mxc://a/b' }), ctx),
    null,
  );
});

test('helpers: reaction keys, reply fallbacks, mentions, presence', () => {
  const reactions = ['⭐', '🌟', '👍', '+1', '👎', '🎉'];
  assert.deepEqual(reactions.map(reactionKey), ['star', 'star', 'up', 'up', 'down', '🎉']);
  assert.equal(stripReplyFallback('> <@a:b> quoted\n> more\n\nanswer\nline 2'), 'answer\nline 2');
  assert.equal(stripReplyFallback('not a reply'), 'not a reply');
  assert.deepEqual(
    mentionsOf({
      'm.mentions': { user_ids: ['@a:b'] },
      formatted_body: '<a href="https://matrix.to/#/%40c%3Ad">C</a> <a href="https://matrix.to/#/@a:b">A</a>',
    }),
    ['@a:b', '@c:d'],
  );
  assert.deepEqual(parsePresence({ presence: 'unavailable', status_msg: ' Lunch ' }), {
    presence: 'away',
    text: 'Lunch',
  });
  assert.deepEqual(parsePresence({ presence: 'online' }), { presence: 'available', text: '' });
  assert.equal(parsePresence({}), null);
});
