import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, type Command } from '../../src/core/commands.ts';

test('parseCommand understands every command, with or without a ! prefix', () => {
  const cases: [string, Command][] = [
    ['help', { name: 'help' }],
    ['!join', { name: 'join' }],
    ['/optout', { name: 'optout' }],
    ['forget', { name: 'forget', confirmed: false }],
    ['forget yes', { name: 'forget', confirmed: true }],
    ['post Hello #world', { name: 'post', text: 'Hello #world' }],
    ['post', { name: 'invalid', usage: 'post TEXT: publish a post' }],
    ['delete 12', { name: 'delete', id: 12 }],
    ['delete #12', { name: 'delete', id: 12 }],
    ['delete twelve', { name: 'invalid', usage: 'delete ID: delete one of my posts' }],
    ['edit 3 new text here', { name: 'edit', id: 3, text: 'new text here' }],
    ['whoami', { name: 'whoami' }],
    ['link irc alice', { name: 'link', network: 'irc', id: 'alice' }],
    ['confirm 123456', { name: 'confirm', code: '123456' }],
    ['confirm 12', { name: 'invalid', usage: 'confirm CODE: finish a link, from the other identity' }],
    ['notify Matrix', { name: 'notify', target: 'matrix' }],
    ['notify off', { name: 'notify', target: 'off' }],
    ['publish #friends on', { name: 'publish', room: '#friends', on: true }],
    ['publish #friends OFF', { name: 'publish', room: '#friends', on: false }],
    ['publish #friends', { name: 'invalid', usage: 'publish ROOM on|off: publish a room you operate, or stop' }],
    ['handle 田中花子', { name: 'handle', handle: '田中花子' }],
    ['/handle @Søren', { name: 'handle', handle: 'Søren' }],
    [
      'handle two words',
      { name: 'invalid', usage: 'handle NAME: choose the name of my page and @mentions (old links keep working)' },
    ],
    ['approve Bob@X.org', { name: 'approve', id: 'Bob@X.org' }],
    ['/deny bob@x.org', { name: 'deny', id: 'bob@x.org' }],
    [' pending ', { name: 'pending' }],
    ['approve', { name: 'invalid', usage: 'approve ID: (admins) let someone who asked opt in' }],
    ['dance', { name: 'unknown', word: 'dance' }],
    ['', { name: 'help' }],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseCommand(input), want, input);
});
