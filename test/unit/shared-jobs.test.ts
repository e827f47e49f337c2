// The full render's board: every piece is taken once, by one thread, whichever end gets there first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeBoard, pieceSize, take, WINDOW, type Piece } from '../../src/app/shared-jobs.ts';
import type { TimelineMeta } from '../../src/core/views.ts';
import type { TimelineKey } from '../../src/core/model.ts';

const meta = (key: TimelineKey, lastSeq: number) =>
  ({ key, lastSeq, dir: '', kind: 'home', title: '' }) as TimelineMeta;

const cases: { name: string; posts: number; metas: TimelineMeta[]; newest: [TimelineKey, number[]][] }[] = [
  { name: 'an empty site', posts: 0, metas: [], newest: [] },
  { name: 'one window', posts: 10, metas: [meta('home', 10)], newest: [['home', [0, 5, 10]]] },
  {
    name: 'three windows, a followed site’s pages apart',
    posts: 2 * WINDOW + 1,
    metas: [meta('home', 2 * WINDOW + 1), meta('mesh', 40)],
    newest: [['home', [0, WINDOW, 2 * WINDOW, 2 * WINDOW + 1]]],
  },
];

for (const c of cases)
  test(`issue 18: the board of ${c.name} starts with the site's own files and ends with the fronts`, () => {
    const board = makeBoard(c.posts, c.metas, 5, new Map(c.newest));
    assert.deepEqual(board.pieces[0], { kind: 'site' });
    const fronts = board.pieces.filter((p) => p.kind === 'front');
    assert.equal(fronts.length, c.metas.length);
    assert.deepEqual(board.pieces.slice(board.pieces.length - fronts.length), fronts);
    assert.equal(board.pieces.filter((p) => p.kind === 'window').length, Math.ceil(c.posts / WINDOW));
    // Every page of every timeline is in exactly one piece.
    const pages = board.pieces.flatMap((p) => (p.kind === 'window' || p.kind === 'pages' ? p.runs : []));
    const count = pages.reduce((n, r) => n + r.last - r.first + 1, 0);
    assert.equal(
      count,
      c.metas.reduce((n, m) => n + Math.ceil(m.lastSeq / 5), 0),
    );
  });

test('issue 18: two threads taking from either end take every piece once', () => {
  const board = makeBoard(5 * WINDOW, [meta('home', 5 * WINDOW), meta('mesh', 12)], 5, new Map([['home', []]]));
  const got: [string, number, Piece][] = [];
  for (let turn = 0; ; turn++) {
    const end = turn % 3 === 0 ? 'back' : 'front';
    const t = take(board, end);
    if (!t) {
      const other = take(board, end === 'front' ? 'back' : 'front');
      if (!other) break;
      got.push([end === 'front' ? 'back' : 'front', other.n, other.piece]);
      continue;
    }
    got.push([end, t.n, t.piece]);
  }
  assert.deepEqual(
    got.map(([, n]) => n).sort((a, b) => a - b),
    board.pieces.map((_, n) => n),
  );
  assert.equal(got[0]![2].kind, 'front');
  assert.ok(got.some(([end, , p]) => end === 'front' && p.kind === 'site'));
  assert.ok(board.pieces.every((p) => pieceSize(p) >= 1));
});
