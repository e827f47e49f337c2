// The site's indexes (people, tags, rooms) and, with the people list, the mesh's `/.well-known/meshline.json`.
import { personDir, roomDir, tagDir, WELL_KNOWN_PATH } from '../core/paths.ts';
import type { SiteReader } from '../core/views.ts';
import type { ListItem, PageRenderer } from '../render/pages.ts';
import { wellKnown } from '../render/wellknown.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { FeedSigner } from '../mesh/identity.ts';

export interface IndexContext {
  writer: SiteWriter;
  reader: SiteReader;
  pages: PageRenderer;
  signer: FeedSigner | undefined;
}

export async function renderIndex(
  { writer, reader, pages, signer }: IndexContext,
  which: 'people' | 'tags' | 'rooms',
): Promise<void> {
  const url = (p: string, absolute = false) => pages.fmt.url(p, absolute);
  const index = (dir: string) => url(`${dir}index.html`);
  const list = async (): Promise<{ heading: string; items: ListItem[] }> => {
    if (which === 'people') {
      const people = await reader.people();
      // The mesh's view of the same list: who is here, with their feeds.
      if (signer) {
        const site = {
          title: pages.opts.title,
          url: (p: string) => url(p, true),
          publicKey: signer.publicKey,
          keyChange: signer.keyChange,
          ...(signer.box ? { box: { key: signer.box.publicKey, signature: signer.boxKeySignature! } } : {}),
        };
        await writer.put(WELL_KNOWN_PATH, wellKnown(site, people));
      }
      const items = people.map((p) => ({ url: index(personDir(p.handle)), label: p.name, note: `@${p.handle}` }));
      return { heading: pages.i18n.t('list.people'), items };
    }
    if (which === 'tags') {
      const items = (await reader.tags()).map((t) => ({
        url: index(tagDir(t.tag)),
        label: `#${t.tag}`,
        note: pages.i18n.t('list.posts', { n: t.count }),
      }));
      return { heading: pages.i18n.t('list.tags'), items };
    }
    const items = (await reader.rooms()).map((r) => ({ url: index(roomDir(r.slug)), label: r.name, note: r.network }));
    return { heading: pages.i18n.t('list.rooms'), items };
  };
  const { heading, items } = await list();
  await writer.put(`${which}/index.html`, pages.list(which, heading, items));
}
