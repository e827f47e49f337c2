// Attachments: the mirroring queue and its outcomes (the rows are written with their post, in tx.ts).
import type { PostPlacement } from '../core/ports.ts';
import type { MediaEncryption } from '../core/types.ts';
import type { Db } from './db.ts';

export type { PendingAttachment } from '../core/jobs.ts';
import type { AttachmentOutcome, PendingAttachment } from '../core/jobs.ts';

/**
 * Pending attachments, leaving those whose network has not granted access yet (it may be offline, or this a CLI
 * run).
 */
export async function pending(db: Db, limit: number, networks: readonly string[]): Promise<PendingAttachment[]> {
  const rows = await db.all<PendingAttachment & { encryption: string | null; access: string | null }>(
    `SELECT post_id AS postId, n, kind, url, name, tries, encryption, access FROM attachments
     WHERE state = 'pending' AND (access IS NULL OR access IN (SELECT value FROM json_each(?)))
     ORDER BY post_id, n LIMIT ?`,
    [JSON.stringify(networks), limit],
  );
  return rows.map(({ encryption, access, ...a }) => ({
    ...a,
    ...(encryption ? { encryption: JSON.parse(encryption) as MediaEncryption } : {}),
    ...(access ? { access } : {}),
  }));
}

/** Mirrored files whose size is not known (mirrored before migration 13). */
export function unsized(db: Db, limit: number) {
  return db.all<{ postId: number; n: number; kind: 'image' | 'file'; path: string }>(
    `SELECT post_id AS postId, n, kind, path FROM attachments WHERE state = 'mirrored' AND bytes IS NULL
     ORDER BY post_id, n LIMIT ?`,
    [limit],
  );
}

/** Records the outcome and returns where the post sits, so its pages can be rendered again. */
export async function settle(db: Db, postId: number, n: number, outcome: AttachmentOutcome): Promise<PostPlacement[]> {
  if (outcome.state === 'pending') {
    await db.run('UPDATE attachments SET tries = tries + 1 WHERE post_id = ? AND n = ?', [postId, n]);
    return [];
  }
  const m = outcome.state === 'mirrored' ? outcome : undefined;
  await db.run(
    'UPDATE attachments SET state = ?, path = ?, bytes = ?, width = ?, height = ? WHERE post_id = ? AND n = ?',
    [outcome.state, m?.path ?? null, m?.bytes ?? null, m?.width ?? null, m?.height ?? null, postId, n],
  );
  return db.all<PostPlacement>('SELECT timeline, seq FROM timeline_entries WHERE post_id = ?', [postId]);
}
