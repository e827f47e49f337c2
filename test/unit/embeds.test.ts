// Issue 17: the video links a post carries, by provider and id; where their players and thumbnails are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playerUrl, thumbnailSource, videoLinks, videoOf } from '../../src/core/embeds.ts';

test('videoOf knows YouTube, Vimeo and PeerTube addresses, and nothing else', () => {
  const cases: [string, { provider: string; id: string } | undefined][] = [
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://youtu.be/dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://m.youtube.com/shorts/dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://www.youtube.com/watch?v=short', undefined],
    ['https://vimeo.com/76979871', { provider: 'vimeo', id: '76979871' }],
    ['https://vimeo.com/channels/staffpicks/76979871', { provider: 'vimeo', id: '76979871' }],
    ['https://vimeo.com/about', undefined],
    [
      'https://tube.example/w/9c9de5e8-0a1e-484a-b099-e80766180a6d',
      { provider: 'peertube', id: '9c9de5e8-0a1e-484a-b099-e80766180a6d' },
    ],
    ['https://tube.example/w/kkGMgK9ZtnKfYAgnEtQxbv', { provider: 'peertube', id: 'kkGMgK9ZtnKfYAgnEtQxbv' }],
    [
      'https://tube.example/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d',
      { provider: 'peertube', id: '9c9de5e8-0a1e-484a-b099-e80766180a6d' },
    ],
    ['https://example.org/w/hello', undefined],
    ['javascript:alert(1)//youtu.be/dQw4w9WgXcQ', undefined],
    ['not a url', undefined],
  ];
  for (const [url, want] of cases) {
    const v = videoOf(url);
    assert.deepEqual(v && { provider: v.provider, id: v.id }, want, url);
  }
});

test('videoLinks takes each video once, in order, at most three, without trailing punctuation', () => {
  const text =
    'look https://youtu.be/dQw4w9WgXcQ, and https://www.youtube.com/watch?v=dQw4w9WgXcQ again; ' +
    'https://vimeo.com/1234567. (https://tube.example/w/kkGMgK9ZtnKfYAgnEtQxbv) https://vimeo.com/7654321';
  assert.deepEqual(
    videoLinks(text).map((v) => [v.provider, v.id, v.url]),
    [
      ['youtube', 'dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ'],
      ['vimeo', '1234567', 'https://vimeo.com/1234567'],
      ['peertube', 'kkGMgK9ZtnKfYAgnEtQxbv', 'https://tube.example/w/kkGMgK9ZtnKfYAgnEtQxbv'],
    ],
  );
});

test('players and thumbnails: YouTube without cookies, Vimeo by oEmbed, PeerTube by its API', () => {
  const yt = videoOf('https://youtu.be/dQw4w9WgXcQ')!;
  assert.equal(playerUrl(yt), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
  assert.deepEqual(thumbnailSource(yt), { image: 'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg' });
  const vm = videoOf('https://vimeo.com/76979871')!;
  assert.equal(playerUrl(vm), 'https://player.vimeo.com/video/76979871?autoplay=1');
  assert.deepEqual(thumbnailSource(vm), {
    json: 'https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871',
    field: 'thumbnail_url',
  });
  const pt = videoOf('https://tube.example/w/kkGMgK9ZtnKfYAgnEtQxbv')!;
  assert.equal(playerUrl(pt), 'https://tube.example/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1');
  assert.deepEqual(thumbnailSource(pt), {
    json: 'https://tube.example/api/v1/videos/kkGMgK9ZtnKfYAgnEtQxbv',
    field: 'thumbnailPath',
  });
});
