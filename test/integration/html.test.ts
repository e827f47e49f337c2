// Every kind of page the site has passes an HTML5 validator, hostile posts included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { corpus } from '../../bench/corpus.ts';
import { importFile } from '../../src/cli/import.ts';
import { renderSite } from '../../src/app/context.ts';
import { Ingest } from '../../src/core/ingest.ts';
import { tempDir, testApp } from '../helpers.ts';

test('pages are valid HTML5', async () => {
  const dir = tempDir();
  const app = await testApp(dir, { site: { pageSize: 5 } });
  const file = join(dir, 'e.jsonl');
  writeFileSync(
    file,
    [...corpus({ posts: 30, people: 3, rooms: 2, seed: 5 })].map((e) => JSON.stringify(e)).join('\n'),
  );
  await importFile(app, file, { enableRooms: true });
  const ingest = new Ingest(app.store, app.rules());
  const who = { id: 'user0@example.org', display: 'Person 0', verified: true };
  const base = { network: 'bench', account: 'bot', sender: who } as const;
  await ingest.handle({
    ...base,
    kind: 'message',
    at: 9e12,
    room: { id: 'room0' },
    msgId: 'h1',
    text:
      '<b>bold?</b> "quotes" <script>x</script> **strong** `code` > quote\n' +
      '- a\n- b @person1 #tag https://example.org/?a=1&b=2',
  });
  await ingest.handle({
    ...base,
    kind: 'message',
    at: 9e12 + 1,
    room: { id: 'room0' },
    msgId: 'h2',
    text: 'waves',
    action: true,
  });
  await ingest.handle({ ...base, kind: 'reaction', at: 9e12 + 2, target: 'h1', key: '⭐' });
  await renderSite(app, { full: true });
  const out = join(dir, 'output');
  const permalink = (await app.store.db.get<{ id: number; slug: string }>(
    "SELECT id, slug FROM posts WHERE source_key = 'bench|h1'",
  ))!;
  const pages = [
    'index.html',
    'page/1.html',
    'people/index.html',
    'tags/index.html',
    'rooms/index.html',
    'people/person0/index.html',
    'people/person0/page/1.html',
    'rooms/room0/index.html',
    'tags/tag/index.html',
    `posts/${permalink.id}-${permalink.slug}.html`,
  ];
  // long-title counts characters as written (&lt; is four); PageRenderer caps titles by the characters shown.
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });
  for (const page of pages) {
    const report = await validator.validateString(readFileSync(join(out, page), 'utf8'), page);
    const problems = report.results.flatMap((r) =>
      r.messages.map((m) => `${page}:${m.line}: ${m.ruleId}: ${m.message}`),
    );
    assert.deepEqual(problems, [], problems.join('\n'));
  }
});
