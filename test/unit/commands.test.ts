import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HELP, parseCommand, type Command } from '../../src/core/commands.ts';

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
    ['delete twelve', { name: 'invalid', usage: HELP.delete }],
    ['delete P7', { name: 'deletePrivate', id: 7 }],
    [
      'private @bob @carol@their.site see you at 8',
      { name: 'private', to: ['@bob', '@carol@their.site'], text: 'see you at 8' },
    ],
    ['private @bob', { name: 'invalid', usage: HELP.private }],
    ['private hello', { name: 'invalid', usage: HELP.private }],
    ['reply p3 yes', { name: 'replyPrivate', id: 3, text: 'yes' }],
    ['reply 3 yes', { name: 'reply', target: '3', text: 'yes' }],
    [
      'reply https://x.site/posts/1-a.html nice',
      { name: 'reply', target: 'https://x.site/posts/1-a.html', text: 'nice' },
    ],
    ['star 4', { name: 'star', id: 4, on: true }],
    ['unvote #4', { name: 'vote', id: 4, value: 0 }],
    [
      'star https://b.site/posts/1-a.html',
      { name: 'rateByUrl', url: 'https://b.site/posts/1-a.html', what: 'star', value: 1 },
    ],
    ['unstar https://b.site/p/1', { name: 'rateByUrl', url: 'https://b.site/p/1', what: 'star', value: 0 }],
    ['down https://b.site/p/1', { name: 'rateByUrl', url: 'https://b.site/p/1', what: 'vote', value: -1 }],
    ['unvote https://b.site/p/1', { name: 'rateByUrl', url: 'https://b.site/p/1', what: 'vote', value: 0 }],
    // Echoes, flags and pins are for this site's posts only.
    ['echo https://b.site/p/1', { name: 'invalid', usage: HELP.echo }],
    ['up https://b.site/p/1 extra', { name: 'invalid', usage: HELP.vote }],
    ['follow #garden', { name: 'follow', source: '#garden' }],
    ['block @x@their.site', { name: 'block', who: '@x@their.site' }],
    ['unblock', { name: 'invalid', usage: HELP.unblock }],
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
