// Entry of a full render's worker thread. Plain JavaScript: a worker starts without the TypeScript loader the
// main thread has, so it registers it first and then loads the job (render-worker-main.ts serves it).
import { register } from 'tsx/esm/api';

register();
await import('./render-worker-main.ts');
