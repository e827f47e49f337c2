// A deterministic set of hostile events for issue 11's end-to-end guard: every trick a stranger or a mistake can
// put in a text, a name, a handle, a tag or a room, in the shape `meshline import` reads.
import type { ChatEvent } from '../../src/core/types.ts';

/** Payloads that would run script, load something from `canary`, or break a page or a feed if they got through. */
export function payloads(canary: string): string[] {
  const run = `window.__pwned=1;fetch('${canary}/exec')`;
  return [
    `<script>${run}</script>`,
    `<img src=x onerror="${run}">`,
    `<img src="${canary}/img.png">`,
    `<svg onload="${run}"><script>${run}</script></svg>`,
    `<iframe src="javascript:${run}"></iframe>`,
    `[click](javascript:${run}) [data](data:text/html,<script>${run}</script>) <javascript:${run}>`,
    `![pic](${canary}/md.png) [ok](https://example.org/"onmouseover="${run})`,
    `<a href="javascript:${run}">a</a> <a href=" jAvAsCrIpT:${run}">b</a>`,
    `<style>body{display:none;background:url(${canary}/css)}</style><link rel=stylesheet href="${canary}/x.css">`,
    `<div style="background:url(${canary}/style)">x</div><base href="${canary}/">`,
    `<meta http-equiv="refresh" content="0;url=${canary}/refresh">`,
    `&lt;script&gt;${run}&lt;/script&gt; &#60;script&#62; &amp;amp; &#0; &#x0; &nbsp;`,
    'a]]>b]]>c',
    `]]>]]><x:script xmlns:x="http://www.w3.org/1999/xhtml">${run}</x:script>`,
    `<?xml-stylesheet type="text/xsl" href="${canary}/x.xsl"?><!DOCTYPE x [<!ENTITY e SYSTEM "${canary}/dtd">]>&e;`,
    `{{ 7*7 }} {% raw %}{{ site }}{% endraw %} {{ range.constructor("${run}")() }}`,
    'NUL\u0000 BEL\u0007 ESC\u001b[31m DEL\u007f C1\u0085\u009b',
    'bidi \u202Eexe.txt\u202C \u2066iso\u2069 \u200F rlm',
    'lone \uD800 high, lone \uDFFF low, pair 😀, \uFFFE\uFFFF',
    'if a<b && c>d then I <3 tea',
    '<b>bold</b> <i>it</i> *md* **strong** `code` > quote',
    '\r\n\u2028\u2029 line breaks',
    '😀'.repeat(120),
    'e\u0301'.repeat(100),
  ];
}

const NAMES = [
  'Index.HTML',
  'index',
  'page',
  'feed.xml',
  '..',
  '.',
  '../../etc/passwd',
  'a/b',
  '%2e%2e',
  'CON',
  'assets',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'Eve\u0000\u0007\u001b',
  '\u202Eevil',
  '田中花子',
  'محمد علي',
  'Søren',
  'Łukasz',
  '😀',
  '\uD800',
  ' ',
  '{{ 7*7 }}',
  'x'.repeat(300),
  '𐐀'.repeat(80),
];

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** At least `count` events: people with hostile names join, then talk, set statuses, post, edit, react, rename. */
export function hostileCorpus(canary: string, count = 10_000): ChatEvent[] {
  const rnd = mulberry32(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const texts = payloads(canary);
  const huge = `${pick(texts)} ${'A'.repeat(100_000)}`;
  const tags = [
    '#index',
    '#page',
    '#assets',
    `#${'𐐀'.repeat(64)}`,
    '#ok',
    '#über',
    '#a_b',
    `#${'x'.repeat(70)}`,
    '#...',
  ];
  const out: ChatEvent[] = [];
  let at = Date.UTC(2026, 0, 1);
  const base = (i: number) => ({
    network: 'hostile',
    account: 'bot',
    at: (at += 1000),
    sender: {
      id: `u${i}@example.org`,
      display: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${i}` : ''),
      verified: true,
    },
  });
  const people = 60;
  for (let i = 0; i < people; i++) out.push({ ...base(i), kind: 'direct', text: 'join', msgId: `join-${i}` });
  for (const [i, h] of ['../x', 'index.html', 'Page', '田中', 'a/b', '😀', 'ok.fine', '.well-known'].entries()) {
    out.push({ ...base(i), kind: 'direct', text: `handle ${h}`, msgId: `handle-${i}` });
  }
  const rooms = ['#<script>alert(1)</script>', '#../../rooms', '#index.html', '#日本語', '#\u202Eroom\u0000'];
  const mentioned = ['u1', 'index_html', 'søren', '田中花子', 'nobody'];
  const reactionKeys = ['👍', '<b>x</b>', ']]>', '\u202E'];
  for (let n = 0; out.length < count; n++) {
    const who = Math.floor(rnd() * people);
    const text = `${pick(texts)} ${pick(tags)} @${pick(mentioned)} n${n}`;
    const r = rnd();
    if (r < 0.45) {
      const room = pick(rooms);
      out.push({ ...base(who), kind: 'message', room: { id: room.toLowerCase(), name: room }, text, msgId: `m${n}` });
    } else if (r < 0.75)
      out.push({ ...base(who), kind: 'status', presence: pick(['away', 'available'] as const), text });
    else if (r < 0.85) out.push({ ...base(who), kind: 'direct', text: `post ${text}`, msgId: `p${n}` });
    else if (r < 0.92 && n > 10)
      out.push({ ...base(who), kind: 'edit', target: `m${n - 5}`, text: pick(texts), msgId: `e${n}` });
    else if (r < 0.98 && n > 10)
      out.push({ ...base(who), kind: 'reaction', target: `m${n - 3}`, key: pick(reactionKeys) });
    else out.push({ ...base(who), kind: 'status', presence: 'away', text: huge });
  }
  return out;
}
