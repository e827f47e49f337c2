import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConsoleLine } from '../../adapters/console/parse.ts';

const who = { network: 'console', handle: 'me', name: 'Me', room: 'lobby' };

test('console lines become the events adapters emit', () => {
  const cases: [string, unknown][] = [
    ['/status Out for lunch', { kind: 'status', presence: 'available', text: 'Out for lunch' }],
    ['/away', { kind: 'status', presence: 'away', text: '' }],
    ['/away gone fishing', { kind: 'status', presence: 'away', text: 'gone fishing' }],
    ['/back', { kind: 'status', presence: 'available', text: '' }],
    ['hello there', { kind: 'message', room: { id: 'lobby', name: 'lobby' }, text: 'hello there' }],
    ['/me waves', { kind: 'message', room: { id: 'lobby', name: 'lobby' }, text: 'waves', action: true }],
    ['/bot whoami', { kind: 'direct', text: 'whoami' }],
    ['/bot', { kind: 'direct', text: 'help' }],
  ];
  for (const [line, want] of cases) {
    const r = parseConsoleLine(line, who, 1000);
    assert.equal(r.kind, 'event', line);
    if (r.kind !== 'event') continue;
    const { network, account, sender, at, ...rest } = r.event;
    assert.deepEqual(rest, want, line);
    assert.deepEqual(
      { network, account, sender, at },
      { network: 'console', account: 'local', sender: { id: 'me', display: 'Me', verified: true }, at: 1000 },
    );
  }
  assert.equal(parseConsoleLine('   ', who, 1).kind, 'nothing');
  assert.equal(parseConsoleLine('/help', who, 1).kind, 'help');
  assert.equal(parseConsoleLine('/quit', who, 1).kind, 'quit');
  assert.equal(parseConsoleLine('/status', who, 1).kind, 'error');
  assert.equal(parseConsoleLine('/nope', who, 1).kind, 'error');
});
