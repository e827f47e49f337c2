// The test homeserver behaves as matrix-bot-sdk expects: it is the Matrix peer of the tests, so it is tested too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LogService, LogLevel, MatrixClient, MemoryStorageProvider } from 'matrix-bot-sdk';
import { startHomeserver } from '../servers/matrix/homeserver.ts';
import { until } from '../helpers.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read as raw JSON, as a client would.
type Raw = Record<string, any>;

LogService.setLevel(LogLevel.ERROR);
const server = await startHomeserver();
after(() => server.stop());

test('matrix-bot-sdk as is: invite, join, a message both ways, no repeats on restart from saved token', async () => {
  const bot = server.hs.addUser('bot');
  const alice = server.hs.addUser('alice', 'Alice');
  const storage = new MemoryStorageProvider();
  const client = new MatrixClient(server.url, bot.token, storage);
  const seen: string[] = [];
  client.on('room.invite', (roomId: string) => void client.joinRoom(roomId));
  client.on('room.message', (_roomId: string, ev: { sender: string; content: { body?: string } }) => {
    if (ev.sender !== bot.id) seen.push(ev.content.body ?? '');
  });
  const aliceClient = new MatrixClient(server.url, alice.token, new MemoryStorageProvider());
  await client.start();
  try {
    const roomId = await aliceClient.createRoom({ invite: [bot.id] });
    await until('the bot in the room', async () => (await client.getJoinedRooms()).includes(roomId) || undefined);
    await aliceClient.sendText(roomId, 'hello bot');
    await until('the message', () => seen.includes('hello bot') || undefined);
    const reply = await client.sendText(roomId, 'hello Alice');
    const events = server.hs.rooms.get(roomId)!.events.map((e) => e.event);
    assert.equal(events.find((e) => e.event_id === reply)!.content.body, 'hello Alice');
    client.stop();

    await aliceClient.sendText(roomId, 'while you were away');
    const again = new MatrixClient(server.url, bot.token, storage);
    again.on('room.message', (_roomId: string, ev: { sender: string; content: { body?: string } }) => {
      if (ev.sender !== bot.id) seen.push(ev.content.body ?? '');
    });
    await again.start();
    await until('the missed message', () => seen.includes('while you were away') || undefined);
    await new Promise((r) => setTimeout(r, 300));
    again.stop();
    assert.deepEqual(seen, ['hello bot', 'while you were away']);
  } finally {
    client.stop();
  }
});

test('bad tokens: 401 M_UNKNOWN_TOKEN; a repeated transaction id gets the same event; 429 says when', async () => {
  const carol = server.hs.addUser('carol');
  const bad = await fetch(`${server.url}/_matrix/client/v3/account/whoami`, {
    headers: { authorization: 'Bearer nope' },
  });
  assert.equal(bad.status, 401);
  assert.equal(((await bad.json()) as { errcode: string }).errcode, 'M_UNKNOWN_TOKEN');
  const c = new MatrixClient(server.url, carol.token, new MemoryStorageProvider());
  const roomId = await c.createRoom();
  const put = () =>
    fetch(`${server.url}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/txn1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${carol.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'm.text', body: 'once' }),
    }).then((r) => r.json() as Promise<{ event_id: string }>);
  const first = await put();
  assert.equal((await put()).event_id, first.event_id);
  assert.equal(server.hs.rooms.get(roomId)!.events.filter((e) => e.event.content.body === 'once').length, 1);
  server.rateLimit(1, 250);
  const limited = await fetch(`${server.url}/_matrix/client/v3/joined_rooms`, {
    headers: { authorization: `Bearer ${carol.token}` },
  });
  assert.equal(limited.status, 429);
  assert.deepEqual(await limited.json(), {
    errcode: 'M_LIMIT_EXCEEDED',
    error: 'Too many requests',
    retry_after_ms: 250,
  });
});

test('relations list what points at an event; keys uploaded, queried, claimed once; to-device sent once', async () => {
  const dan = server.hs.addUser('dan');
  const erin = server.hs.addUser('erin');
  const dc = new MatrixClient(server.url, dan.token, new MemoryStorageProvider());
  const roomId = await dc.createRoom({ invite: [erin.id] });
  const target = await dc.sendText(roomId, 'react to me');
  await dc.sendEvent(roomId, 'm.reaction', {
    'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' },
  });
  await dc.sendMessage(roomId, {
    msgtype: 'm.text',
    body: '* edited',
    'm.new_content': { msgtype: 'm.text', body: 'edited' },
    'm.relates_to': { rel_type: 'm.replace', event_id: target },
  });
  const all = await dc.getRelationsForEvent(roomId, target);
  assert.deepEqual(all.chunk.map((e) => e.type).sort(), ['m.reaction', 'm.room.message']);
  assert.deepEqual(
    (await dc.getRelationsForEvent(roomId, target, 'm.annotation')).chunk.map((e) => e.content['m.relates_to']?.key),
    ['👍'],
  );

  const call = (path: string, token: string, b: unknown, method = 'POST') =>
    fetch(`${server.url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(b),
    }).then((r) => r.json() as Promise<Raw>);
  const up = await call('/keys/upload', erin.token, {
    device_keys: { user_id: erin.id, device_id: erin.deviceId, keys: { [`ed25519:${erin.deviceId}`]: 'k' } },
    one_time_keys: { 'signed_curve25519:AAA': { key: 'otk1' } },
    fallback_keys: { 'signed_curve25519:FB': { key: 'fb', fallback: true } },
  });
  assert.deepEqual(up.one_time_key_counts, { signed_curve25519: 1 });
  assert.deepEqual(
    Object.keys((await call('/keys/query', dan.token, { device_keys: { [erin.id]: [] } })).device_keys[erin.id]),
    [erin.deviceId],
  );
  const claim = () =>
    call('/keys/claim', dan.token, { one_time_keys: { [erin.id]: { [erin.deviceId]: 'signed_curve25519' } } }).then(
      (r) => r.one_time_keys[erin.id][erin.deviceId],
    );
  assert.deepEqual(await claim(), { 'signed_curve25519:AAA': { key: 'otk1' } });
  assert.deepEqual(
    await claim(),
    { 'signed_curve25519:FB': { key: 'fb', fallback: true } },
    'the fallback key once the one-time keys are gone',
  );

  const sync = (since?: string) =>
    fetch(`${server.url}/_matrix/client/v3/sync?timeout=0${since ? `&since=${since}` : ''}`, {
      headers: { authorization: `Bearer ${erin.token}` },
    }).then((r) => r.json() as Promise<Raw>);
  const before = await sync();
  await call(
    `/sendToDevice/m.room_key_request/t1`,
    dan.token,
    { messages: { [erin.id]: { '*': { hello: 1 } } } },
    'PUT',
  );
  await call(
    `/sendToDevice/m.room_key_request/t1`,
    dan.token,
    { messages: { [erin.id]: { '*': { hello: 1 } } } },
    'PUT',
  );
  const got = await sync(before.next_batch);
  assert.deepEqual(got.to_device.events, [{ type: 'm.room_key_request', sender: dan.id, content: { hello: 1 } }]);
  assert.deepEqual((await sync(got.next_batch)).to_device.events, []);
});
