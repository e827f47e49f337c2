// What a pull of the followed sources needs from the opened app: the store, the mesh section, the rules, the site's
// keys (private posts) and, on a private site, the group's key (what other sites of the group sealed).
import { groupOpener } from '../site/private.ts';
import type { PullDeps } from '../mesh/job.ts';
import type { AppContext } from './context.ts';

export function meshDeps(app: AppContext): PullDeps {
  const secret = app.config.site.private;
  return {
    store: app.store,
    mesh: app.config.mesh,
    rules: app.rules(),
    identity: app.identity,
    ...(secret ? { open: groupOpener(secret.passphrase) } : {}),
  };
}
