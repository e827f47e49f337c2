// `meshline import FILE.jsonl`: events in the adapters' own shape, one per line. Bad lines are reported
// with their number and skipped; good lines are stored in batches, one transaction each.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ChatEvent } from '../core/types.ts';
import { UsageError, errorMessage } from '../core/errors.ts';
import { Ingest, type IngestOutcome } from '../core/ingest.ts';
import type { AppContext } from '../app/context.ts';
import { parseEventLine } from './event-schema.ts';
import { cleanName } from '../core/text.ts';
import { stopwatch } from '../core/stopwatch.ts';

export interface ImportSummary {
  lines: number;
  bad: { line: number; error: string }[];
  outcomes: Partial<Record<IngestOutcome['result'], number>>;
  ms: number;
}

/** The file's size; a missing file or a folder is a mistake on the command line, said before anything opens. */
export function checkImportFile(file: string): number {
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    throw new UsageError(`cannot read ${file}: no such file`);
  }
  if (st.isDirectory())
    throw new UsageError(`${file} is a folder; give the JSON Lines file to import (one event a line)`);
  return st.size;
}

export async function importFile(
  app: AppContext,
  file: string,
  opts: {
    enableRooms?: boolean | undefined;
    notify?: boolean | undefined;
    batch?: number;
    progress?: (done: number, total: number) => void;
  } = {},
): Promise<ImportSummary> {
  const size = checkImportFile(file);
  // History is already settled: no debounce window, statuses land at their own time.
  // History is quiet: nobody gets replies or mention notices for what happened long ago, unless asked.
  const ingest = new Ingest(app.store, app.rules({}, { debounceMs: 0 }), Date.now, { messages: opts.notify ?? false });
  const summary: ImportSummary = { lines: 0, bad: [], outcomes: {}, ms: 0 };
  const elapsed = stopwatch();
  const seenRooms = new Set<string>();
  let batch: { line: number; event: ChatEvent }[] = [];
  let bytes = 0;
  const count = (o: IngestOutcome) => {
    summary.outcomes[o.result] = (summary.outcomes[o.result] ?? 0) + 1;
  };
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    try {
      (await ingest.handleMany(items.map((i) => i.event))).forEach(count);
    } catch {
      // One event broke the batch's transaction: store the others one by one and name the culprit.
      for (const { line, event } of items) {
        try {
          count(await ingest.handle(event));
        } catch (err) {
          summary.bad.push({ line, error: errorMessage(err) });
        }
      }
    }
    opts.progress?.(Math.min(bytes, size), size);
  };
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    summary.lines++;
    bytes += Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    const parsed = parseEventLine(line);
    if (!parsed.ok) {
      summary.bad.push({ line: summary.lines, error: parsed.error });
      continue;
    }
    const ev = parsed.event;
    if (opts.enableRooms && 'room' in ev && ev.room && !seenRooms.has(`${ev.network}|${ev.room.id}`)) {
      await flush();
      seenRooms.add(`${ev.network}|${ev.room.id}`);
      const existing = await app.store.write((tx) => tx.room(ev.network, ev.room!.id));
      const name = cleanName(ev.room.name ?? ev.room.id) || ev.room.id;
      const policy = existing?.policy ?? 'opted-in';
      if (!existing?.enabled) await app.store.ensureRoom(ev.network, ev.room.id, name, true, policy);
    }
    batch.push({ line: summary.lines, event: ev });
    if (batch.length >= (opts.batch ?? 4000)) await flush();
  }
  await flush();
  if (seenRooms.size) await app.store.queueRender([{ kind: 'index', which: 'rooms' }]);
  summary.ms = elapsed();
  return summary;
}
