// The site folder's clean-up after a full render (src/site/writer.ts pruneEmptyTree): empty folders and dead
// writers' temporary files go, everything else stays; folders are read as a stream, in pieces, not listed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneEmptyTree } from '../../src/site/writer.ts';
import { tempDir } from '../helpers.ts';

test("issue 18: pruning keeps files, hidden folders, removes empty folders and dead writers' temporary files", () => {
  const root = tempDir();
  const made = (path: string, text = 'x') => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  mkdirSync(join(root, 'a/b/c'), { recursive: true });
  mkdirSync(join(root, '.well-known'));
  made('d/.999999999.tmp');
  made('e/.999999999-3.tmp');
  made('e/keep.html');
  made(`f/.${process.pid}-1.tmp`);
  // More entries than one read of the folder brings (128), an empty folder and a dead temporary file among them.
  for (let i = 0; i < 1000; i++) made(`posts/${i}-post.html`, `post ${i}`);
  mkdirSync(join(root, 'posts/empty'));
  made('posts/.999999998.tmp');

  // a, a/b, a/b/c, d and its file, e's file, posts/empty and posts' temporary file.
  assert.equal(pruneEmptyTree(root), 8);
  assert.deepEqual(readdirSync(root).sort(), ['.well-known', 'e', 'f', 'posts']);
  assert.deepEqual(readdirSync(join(root, 'e')), ['keep.html']);
  assert.equal(existsSync(join(root, `f/.${process.pid}-1.tmp`)), true);
  assert.equal(readdirSync(join(root, 'posts')).length, 1000);
  // Nothing left to do: a second pass removes nothing; a folder that is not there is no error.
  assert.equal(pruneEmptyTree(root), 0);
  assert.equal(pruneEmptyTree(join(root, 'nowhere')), 0);
});
