// Video links a post carries, as a reader's page can show them: YouTube, Vimeo and PeerTube, each by its id. Pure.
// The page shows a thumbnail mirrored into the site and loads the player only when the reader asks (README
// "Video"): nothing is fetched from the video's host before that.

export type VideoProvider = 'youtube' | 'vimeo' | 'peertube';

export interface VideoLink {
  provider: VideoProvider;
  id: string;
  /** The video's page, as written in the post. */
  url: string;
  /** PeerTube: the instance's origin (https://host). */
  origin?: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const PEERTUBE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[1-9A-HJ-NP-Za-km-z]{16,24})$/;

/** What one address is, if a video this knows. */
export function videoOf(address: string): VideoLink | undefined {
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const host = u.hostname.toLowerCase().replace(/^(www|m)\./, '');
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const id = u.searchParams.get('v') ?? (['shorts', 'embed', 'live'].includes(parts[0] ?? '') ? parts[1] : undefined);
    return id && YOUTUBE_ID.test(id) ? { provider: 'youtube', id, url: address } : undefined;
  }
  if (host === 'youtu.be') {
    const id = parts[0];
    return id && YOUTUBE_ID.test(id) ? { provider: 'youtube', id, url: address } : undefined;
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = parts.find((p) => /^\d{5,12}$/.test(p));
    return id ? { provider: 'vimeo', id, url: address } : undefined;
  }
  // PeerTube instances are anyone's: known by their paths, /w/<short id> and /videos/watch/<uuid>.
  const id =
    parts[0] === 'w' && parts.length === 2
      ? parts[1]
      : parts[0] === 'videos' && parts[1] === 'watch'
        ? parts[2]
        : undefined;
  return id && PEERTUBE_ID.test(id) ? { provider: 'peertube', id, url: address, origin: u.origin } : undefined;
}

/** The videos a text links, in order, each once, at most three. */
export function videoLinks(text: string): VideoLink[] {
  const seen = new Set<string>();
  const out: VideoLink[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    const v = videoOf(m[0].replace(/[.,;:!?]+$/, ''));
    if (!v || seen.has(`${v.provider}:${v.id}`)) continue;
    seen.add(`${v.provider}:${v.id}`);
    out.push(v);
    if (out.length === 3) break;
  }
  return out;
}

/** Where the player is: loaded into the page only when the reader asks. YouTube's without its tracking cookies. */
export function playerUrl(v: VideoLink): string {
  if (v.provider === 'youtube') return `https://www.youtube-nocookie.com/embed/${v.id}?autoplay=1`;
  if (v.provider === 'vimeo') return `https://player.vimeo.com/video/${v.id}?autoplay=1`;
  return `${v.origin}/videos/embed/${v.id}?autoplay=1`;
}

/** Where the thumbnail is learned: YouTube's address is known, Vimeo and PeerTube say it in JSON. */
export function thumbnailSource(
  v: VideoLink,
): { image: string } | { json: string; field: 'thumbnail_url' | 'thumbnailPath' } {
  if (v.provider === 'youtube') return { image: `https://i.ytimg.com/vi/${v.id}/hqdefault.jpg` };
  if (v.provider === 'vimeo')
    return {
      json: `https://vimeo.com/api/oembed.json?url=${encodeURIComponent(`https://vimeo.com/${v.id}`)}`,
      field: 'thumbnail_url',
    };
  return { json: `${v.origin}/api/v1/videos/${v.id}`, field: 'thumbnailPath' };
}
