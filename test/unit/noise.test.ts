import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileNoise, DEFAULT_NOISE_PATTERNS, judgeStatus, type NoiseVerdict } from '../../src/core/noise.ts';

test('judgeStatus filters empty, auto-away and repeated statuses', () => {
  const noise = compileNoise([...DEFAULT_NOISE_PATTERNS, '^brb$']);
  const cases: [string, string | undefined, NoiseVerdict][] = [
    ['', undefined, 'empty'],
    ['   ', undefined, 'empty'],
    ['Auto away', undefined, 'auto-away'],
    ['auto-away after 10 minutes', undefined, 'auto-away'],
    ['Idle for 10 minutes', undefined, 'auto-away'],
    ['idle', undefined, 'auto-away'],
    ['AFK', undefined, 'auto-away'],
    ['brb', undefined, 'auto-away'],
    ['Out for lunch', 'out for lunch', 'repeat'],
    ['Out for lunch', 'Back at work', 'post'],
    ['away at the beach', undefined, 'post'],
  ];
  for (const [text, last, want] of cases) assert.equal(judgeStatus(text, last, noise), want, text);
});

// Issue 12: the texts common clients of each network set on their own are not news.
test('auto-away and default texts of common clients are not posted', () => {
  const noise = compileNoise(DEFAULT_NOISE_PATTERNS);
  const clients: [client: string, text: string][] = [
    ['Psi (XMPP)', 'Auto Status (idle)'],
    ['Gajim (XMPP)', 'Away as a result of being idle more than 5 min'],
    ['Gajim (XMPP)', 'Not available as a result of being idle more than 15 min'],
    ['Pidgin (XMPP, IRC)', "I'm not here right now"],
    ['Adium (XMPP)', "I'm away from my computer right now."],
    ['Thunderbird (XMPP, IRC)', "I'm currently away from the computer."],
    ['Kopete (XMPP)', 'I am gone right now, but I will be back later'],
    ['Miranda (XMPP)', "I've been away since 14:02."],
    ['Quassel (IRC), detached', 'Not here. No, really. not here!'],
    ['Konversation (IRC)', 'Gone away for now'],
    ['irssi screen_away (IRC)', 'not here ...'],
    ['WeeChat screen_away (IRC)', 'Detached from screen'],
    ['HexChat, mIRC (IRC)', 'Auto-away'],
    ['Conversations, Dino (XMPP)', 'Away'],
    ['Element (Matrix)', 'Idle'],
    ['generic', 'AFK'],
    ['XMPP show only', 'Extended away'],
  ];
  for (const [client, text] of clients)
    assert.equal(judgeStatus(text, undefined, noise), 'auto-away', `${client}: ${text}`);
  // Quassel's default away text is "Gone fishing.", but people say it and mean it.
  for (const text of ['Away at the beach', 'Gone fishing.', 'Busy writing a book']) {
    assert.equal(judgeStatus(text, undefined, noise), 'post', text);
  }
});
