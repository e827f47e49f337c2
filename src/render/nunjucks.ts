// nunjucks, loaded when a page is first made: commands that render nothing (import, replies) start without it.
import { createRequire } from 'node:module';
import type Nunjucks from 'nunjucks';

let lib: typeof Nunjucks | undefined;

export function loadNunjucks(): typeof Nunjucks {
  return (lib ??= createRequire(import.meta.url)('nunjucks') as typeof Nunjucks);
}
