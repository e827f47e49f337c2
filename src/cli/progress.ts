// Progress bars for long work, only on a terminal; elsewhere a line now and then.
import { createRequire } from 'node:module';

export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): { update: (done: number, total: number) => void; stop: () => void } {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  if (!stream.isTTY) {
    let lastPct = -1;
    return {
      update: (done, total) => {
        const pct = total ? Math.floor((done / total) * 10) * 10 : 100;
        if (pct !== lastPct && total > 5000) {
          lastPct = pct;
          stream.write(`${label}: ${pct}% (${done}/${total})\n`);
        }
      },
      stop: () => undefined,
    };
  }
  // Only a terminal shows a bar: the library is loaded for it alone.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
