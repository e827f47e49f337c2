import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCtcp, splitForIrc, stripFormatting } from '../../adapters/irc/formatting.ts';

test('IRC formatting codes are stripped, text kept', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['\x02bold\x02 and \x1ditalic\x1d', 'bold and italic'],
    ['\x0304red\x03 \x0304,12on blue\x0f done', 'red on blue done'],
    ['\x033,5x\x03', 'x'],
    ['\x03 not a colour', ' not a colour'],
    ['\x0399 big', ' big'],
    ['\x04FF0000hex\x04', 'hex'],
    ['\x04FF0000,00FF00both', 'both'],
    ['\x1funder\x1f\x1estrike\x1e\x11mono\x11\x16rev', 'understrikemonorev'],
    ['12,34 digits stay', '12,34 digits stay'],
  ];
  for (const [input, want] of cases) assert.equal(stripFormatting(input), want, JSON.stringify(input));
});

test('CTCP: ACTION is an action, other requests are not posts', () => {
  const cases: [string, ReturnType<typeof parseCtcp>][] = [
    ['hello', { kind: 'text', text: 'hello' }],
    ['\x01ACTION waves\x01', { kind: 'action', text: 'waves' }],
    ['\x01action waves', { kind: 'action', text: 'waves' }],
    ['\x01ACTION\x01', { kind: 'action', text: '' }],
    ['\x01VERSION\x01', { kind: 'other', text: 'VERSION' }],
    ['\x01DCC SEND evil 1 2 3\x01', { kind: 'other', text: 'DCC SEND evil 1 2 3' }],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseCtcp(input), want, JSON.stringify(input));
});

test('replies split to the byte limit at spaces, never inside a character', () => {
  assert.deepEqual(splitForIrc('short', 400), ['short']);
  assert.deepEqual(splitForIrc('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(splitForIrc('line one\n\nline two', 100), ['line one', 'line two']);
  const emoji = '👋'.repeat(10); // 4 bytes each
  const parts = splitForIrc(emoji, 10);
  assert.deepEqual(parts, ['👋👋', '👋👋', '👋👋', '👋👋', '👋👋']);
  const long = 'x'.repeat(1000);
  const chunks = splitForIrc(long, 400);
  assert.equal(chunks.join(''), long);
  for (const c of chunks) assert.ok(Buffer.byteLength(c) <= 400);
});
