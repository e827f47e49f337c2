import type { Person } from './model.ts';
import type { StoreTx } from './ports.ts';
import type { NetworkName } from './types.ts';
import { extractMentions } from './text.ts';

/**
 * People a text mentions: `@handle` anywhere, plus mentions the network reported in its own form
 * (pills, references) as sender ids. Only opted-in people count: others have no page to link to.
 */
export async function resolveMentions(
  tx: StoreTx,
  text: string,
  network: NetworkName,
  nativeIds: readonly string[] = [],
): Promise<Person[]> {
  const found = new Map<number, Person>();
  for (const handle of extractMentions(text)) {
    const p = await tx.personByHandle(handle);
    if (p?.optedIn) found.set(p.id, p);
  }
  for (const id of nativeIds) {
    const ident = await tx.identity(network, id);
    if (!ident) continue;
    const p = await tx.person(ident.personId);
    if (p?.optedIn) found.set(p.id, p);
  }
  return [...found.values()];
}
