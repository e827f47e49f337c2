// Entry of a full render's worker thread: serves the job it is handed. Apart from render-worker.ts, which the command's
// own thread loads too (for the job's types and its fallback), so that only a worker runs this.
import { serveJobs } from './render-worker.ts';

serveJobs();
