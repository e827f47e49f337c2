import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileNoise, DEFAULT_NOISE_PATTERNS, judgeStatus, type NoiseVerdict } from '../../src/core/noise';

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
