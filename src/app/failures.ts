// One page, feed or post that cannot be rendered or written is reported with its cause; the rest of the site is not
// held back by it.
import { errorMessage } from '../core/errors.ts';
import { logger } from '../log.ts';
import type { OutboxRef, RenderCommit } from '../core/jobs.ts';
import type { SiteWriter } from '../site/writer.ts';

const log = logger('render');

export interface RenderFailure {
  what: string;
  error: string;
}

export class Failures {
  readonly list: RenderFailure[] = [];

  /** Runs one unit of work; a failure is recorded and logged, never thrown. */
  async guard(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.add(what, err);
    }
  }

  /** Files the writer could not write since the last call. */
  fromWriter(writer: SiteWriter): void {
    for (const f of writer.failed.splice(0)) this.add(f.path, f.error);
  }

  add(what: string, err: unknown): void {
    // Template errors come nested over several lines; one line reads better in a list.
    const error = errorMessage(err)
      .replace(/\s*\n\s*/g, ' ')
      .replace(/(\(([^)]*)\) Template render error: \(\2\) )+/g, '($2) ');
    this.list.push({ what, error });
    log.error(`${what} was not rendered: ${error}`);
  }
}

/**
 * The one step every render ends a batch with: write what is queued, note what failed, and record the files
 * and the finished targets in one transaction. `done` decides, knowing whether anything failed, which targets
 * are finished. Returns how many files were written and removed.
 */
export async function commitStep(
  store: RenderCommit,
  writer: SiteWriter,
  failures: Failures,
  done: (failed: boolean) => readonly OutboxRef[] = () => [],
): Promise<{ written: number; removed: number; failed: boolean }> {
  const before = failures.list.length;
  await writer.flush();
  failures.fromWriter(writer);
  const { written, removed, seen } = writer.drain();
  const failed = failures.list.length > before;
  const gen = writer.gen;
  await store.commitRender(written, removed, done(failed), gen === undefined ? undefined : { gen, seen });
  return { written: written.length, removed: removed.length, failed };
}
