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

/** Records the outcome and returns where the post sits, so its pages can be rendered again. */
export async function settle(db: Db, postId: number, n: number, outcome: AttachmentOutcome): Promise<PostPlacement[]> {
  if (outcome.state === 'pending') {
    await db.run('UPDATE attachments SET tries = tries + 1 WHERE post_id = ? AND n = ?', [postId, n]);
    return [];
  }
  await db.run('UPDATE attachments SET state = ?, path = ? WHERE post_id = ? AND n = ?', [
    outcome.state,
    outcome.state === 'mirrored' ? outcome.path : null,
    postId,
    n,
  ]);
  return db.all<PostPlacement>('SELECT timeline, seq FROM timeline_entries WHERE post_id = ?', [postId]);
}
