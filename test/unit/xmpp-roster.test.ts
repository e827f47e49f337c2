// Whom the allow-list lets friend the bot at all (who may opt in is the core's decision).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSubscription } from '../../adapters/xmpp/roster.ts';

test('subscription policy: anyone, allow-list of domains and JIDs, manual', () => {
  const cases: [string, 'anyone' | 'allow-list' | 'manual', string[], string][] = [
    ['a@x.org', 'anyone', [], 'approve'],
    ['a@x.org', 'allow-list', ['x.org'], 'approve'],
    ['A@X.org', 'allow-list', ['x.org'], 'approve'],
    ['a@evil-x.org', 'allow-list', ['x.org'], 'deny'],
    ['b@y.org', 'allow-list', ['x.org', 'b@y.org'], 'approve'],
    ['c@y.org', 'allow-list', ['x.org', 'b@y.org'], 'deny'],
    ['a@x.org', 'manual', ['x.org'], 'ask'],
  ];
  for (const [from, policy, allow, want] of cases)
    assert.equal(decideSubscription(from, policy, allow), want, `${from} ${policy}`);
});
