// The site's indexes (people, tags, rooms) and, with the people list, the mesh's `/.well-known/meshline.json`.
import { personDir, roomDir, tagDir, WELL_KNOWN_PATH } from '../core/paths.ts';
import type { SiteReader } from '../core/views.ts';
import type { PageRenderer } from '../render/pages.ts';
import { wellKnown } from '../render/wellknown.ts';
import type { SiteWriter } from '../site/writer.ts';
import type { FeedSigner } from './build.ts';

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
  if (which === 'people') {
    const people = await reader.people();
    // The mesh's view of the same list: who is here, with their feeds.
    if (signer) {
      const site = {
        title: pages.opts.title,
        url: (p: string) => url(p, true),
        publicKey: signer.publicKey,
        keyChange: signer.keyChange,
      };
      await writer.put(WELL_KNOWN_PATH, wellKnown(site, people));
    }
    await writer.put(
      'people/index.html',
      pages.list(
        'people',
        'People',
        people.map((p) => ({ url: url(personDir(p.handle) + 'index.html'), label: p.name, note: `@${p.handle}` })),
      ),
    );
  }
  if (which === 'tags') {
    const tags = await reader.tags();
    await writer.put(
      'tags/index.html',
      pages.list(
        'tags',
        'Tags',
        tags.map((t) => ({
          url: url(tagDir(t.tag) + 'index.html'),
          label: `#${t.tag}`,
          note: `${t.count} ${t.count === 1 ? 'post' : 'posts'}`,
        })),
      ),
    );
  }
  if (which === 'rooms') {
    const rooms = await reader.rooms();
    await writer.put(
      'rooms/index.html',
      pages.list(
        'rooms',
        'Rooms',
        rooms.map((r) => ({ url: url(roomDir(r.slug) + 'index.html'), label: r.name, note: r.network })),
      ),
    );
  }
}
