// The inbox on this site (docs/MESH.md, "Private posts"): each sealed copy of a private post for another site, and the
// signed list of their names. Only ciphertext; what is no longer there goes.
import type { RenderStore } from '../core/jobs.ts';
import { INBOX_DIR, INBOX_INDEX, SIGNATURE_SUFFIX } from '../core/paths.ts';
import type { SiteReader } from '../core/views.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { FeedSigner } from '../mesh/identity.ts';

export async function renderInbox(
  writer: SiteWriter,
  reader: SiteReader,
  store: Pick<RenderStore, 'manifestPathsUnder'>,
  signer: FeedSigner | undefined,
): Promise<void> {
  const entries = await reader.inbox();
  const keep = new Set<string>();
  const put = async (path: string, text: string) => {
    keep.add(path);
    await writer.put(path, text);
  };
  for (const e of entries) await put(`${INBOX_DIR}${e.name}.json`, e.sealed);
  if (entries.length && signer) {
    const index = `${JSON.stringify({ meshline: 1, entries: entries.map((e) => e.name) })}\n`;
    await put(INBOX_INDEX, index);
    await put(INBOX_INDEX + SIGNATURE_SUFFIX, signer.sign(index));
  }
  for (const path of await store.manifestPathsUnder(INBOX_DIR)) if (!keep.has(path)) await writer.remove(path);
}
