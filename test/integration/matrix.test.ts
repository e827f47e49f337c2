// The Matrix adapter through matrix-bot-sdk, unchanged, against the test homeserver in test/servers/matrix/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHomeserver } from '../servers/matrix/homeserver';
import { BOT, matrixPerson, matrixSite, optedIn, until } from '../servers/matrix/clients';

const server = await startHomeserver();
after(() => server.stop());

const texts = async (app: Awaited<ReturnType<typeof matrixSite>>['app']) =>
  (await app.store.db.all<{ text: string }>('SELECT text FROM posts ORDER BY id')).map((r) => r.text);

test('Matrix: a DM invite is joined, "join" opts in, status_msg is posted, room talk of opted-in people only, edits, redactions and reactions', async () => {
  const alice = await matrixPerson(server, 'alice', 'Alice');
  const bob = await matrixPerson(server, 'bob', 'Bob');
  const carol = await matrixPerson(server, 'carol', 'Carol');
  const roomId = await alice.createRoom({ invite: [BOT, bob.mxid, carol.mxid], name: 'Friends' });
  const { dir, app, runtime } = await matrixSite(server, { rooms: [{ id: roomId, publish: true }] });
  try {
    await bob.joinRoom(roomId);
    await carol.joinRoom(roomId);
    await optedIn(server, alice);
    await optedIn(server, bob);
    await alice.setPresenceStatus('online', 'Reading <b>books</b> #books');
    const page = join(dir, 'output', 'people', 'alice', 'index.html');
    await until('the status on her page', () => existsSync(page) && readFileSync(page, 'utf8').includes('Reading &lt;b&gt;books&lt;/b&gt;') || undefined);

    const first = await alice.sendMessage(roomId, { msgtype: 'm.text', body: 'hello <script>alert(1)</script>', format: 'org.matrix.custom.html', formatted_body: '<script>alert(1)</script>' });
    await carol.sendText(roomId, 'I never opted in');
    const typo = await alice.sendText(roomId, 'a typo hree');
    await until('two posts', async () => (await texts(app)).length === 3 || undefined);
    await alice.sendMessage(roomId, { msgtype: 'm.text', body: '* a typo here', 'm.new_content': { msgtype: 'm.text', body: 'a typo here' }, 'm.relates_to': { rel_type: 'm.replace', event_id: typo } });
    await until('the edit', async () => (await texts(app)).includes('a typo here') || undefined);
    await bob.sendEvent(roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: first, key: '👍' } });
    await until('the reaction', async () => ((await app.store.db.get<{ n: number }>("SELECT count(*) AS n FROM reactions WHERE key = 'up'"))?.n ?? 0) === 1 || undefined);
    await alice.redactEvent(roomId, typo);
    await until('the redaction', async () => !(await texts(app)).includes('a typo here') || undefined);
    await runtime.clock.idle();
    assert.deepEqual(await texts(app), ['Reading <b>books</b> #books', 'hello <script>alert(1)</script>']);
    const room = readFileSync(join(dir, 'output', 'rooms', roomId.slice(1).split(':')[0]!.toLowerCase(), 'index.html'), 'utf8');
    assert.match(room, /hello &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(room, /never opted in/);
  } finally {
    alice.stop();
    bob.stop();
    carol.stop();
    await runtime.stop();
  }
});
