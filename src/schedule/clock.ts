// The clock: debounced jobs, one-shot timers and cron jobs (node-schedule). A job never overlaps itself:
// a trigger while it runs makes it run once more afterwards.
import schedule from 'node-schedule';
import { logger } from '../log.ts';

const log = logger('clock');

type Job = () => Promise<unknown>;

interface Slot {
  running: boolean;
  again: boolean;
  timer?: NodeJS.Timeout | undefined;
  due?: number | undefined;
}

export class Clock {
  private readonly slots = new Map<string, Slot>();
  private readonly crons: schedule.Job[] = [];
  private readonly intervals = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  /** Returns a trigger: calling it runs the job `delayMs` after the last call. */
  debounced(name: string, delayMs: number, job: Job): () => void {
    return () => {
      if (this.stopped) return;
      const slot = this.slot(name);
      if (slot.timer) clearTimeout(slot.timer);
      slot.due = undefined;
      slot.timer = setTimeout(() => {
        slot.timer = undefined;
        this.run(name, job);
      }, delayMs);
    };
  }

  /**
   * Runs the job at a time. A pending request for the same name stays when it is due sooner: the job finds
   * what is due then and asks again for the next time, so a later request never starves an earlier one.
   */
  at(name: string, when: number, job: Job): void {
    if (this.stopped) return;
    const slot = this.slot(name);
    if (slot.timer && slot.due !== undefined && slot.due <= when) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.due = when;
    slot.timer = setTimeout(
      () => {
        slot.timer = undefined;
        slot.due = undefined;
        this.run(name, job);
      },
      Math.max(0, when - Date.now()),
    );
  }

  /** Runs the job every `ms`; a round still running when the next is due makes it run once more after. */
  every(name: string, ms: number, job: Job): () => void {
    const timer = setInterval(() => this.run(name, job), ms);
    this.intervals.add(timer);
    return () => {
      clearInterval(timer);
      this.intervals.delete(timer);
    };
  }

  cron(name: string, spec: string, job: Job): void {
    const j = schedule.scheduleJob(name, spec, () => this.run(name, job));
    if (!j) throw new Error(`invalid schedule "${spec}" for ${name}`);
    this.crons.push(j);
  }

  /** Runs a job now unless it is running, in which case it runs again right after. */
  run(name: string, job: Job): void {
    if (this.stopped) return;
    const slot = this.slot(name);
    if (slot.running) {
      slot.again = true;
      return;
    }
    slot.running = true;
    const p = (async () => {
      try {
        do {
          slot.again = false;
          await job().catch((err) => log.error(`${name} failed`, err));
        } while (slot.again && !this.stopped);
      } finally {
        slot.running = false;
      }
    })();
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Waits for the jobs that are running and pending timers' jobs to settle. */
  async idle(): Promise<void> {
    while (this.inFlight.size || [...this.slots.values()].some((s) => s.timer)) {
      await Promise.all([...this.inFlight]);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.slots.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = undefined;
    }
    for (const j of this.crons) j.cancel();
    for (const t of this.intervals) clearInterval(t);
    this.intervals.clear();
    await Promise.all([...this.inFlight]);
  }

  private slot(name: string): Slot {
    let s = this.slots.get(name);
    if (!s) this.slots.set(name, (s = { running: false, again: false }));
    return s;
  }
}
