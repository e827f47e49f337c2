// `meshline run`: adapters in, ingest, renders and publishing on the clock, the local preview.
import type { Server } from 'node:http';
import type { Adapter, ChatEvent } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import { cleanName } from '../core/text.ts';
import { Ingest, type IngestOutcome } from '../core/ingest.ts';
import { retry } from '../core/retry.ts';
import { logger } from '../log.ts';
import { Clock } from '../schedule/clock.ts';
import { pullSources, type PullDeps, type PullSummary } from '../mesh/job.ts';
import { meshDeps } from './mesh-deps.ts';
import { sendDigests } from '../core/follows.ts';
import { startPreview } from '../site/preview.ts';
import { setupAdapters, type RuntimeIo } from './adapters.ts';
import { renderSite, type AppContext } from './context.ts';
import { deliverDms } from './delivery.ts';
import { drainPublish, publishLine, publishSite, type PublishSummary } from './publish.ts';

const log = logger('run');

export interface RuntimeEvents {
  /** After each render, and each publish to a target; tests wait on them. */
  rendered?: (summary: { written: number; removed: number; ms: number }) => void;
  published?: (summary: PublishSummary) => void;
  outcome?: (ev: ChatEvent, outcome: IngestOutcome) => void;
  /** After each round of mesh pulls. */
  pulled?: (summary: PullSummary) => void;
}

export class Runtime {
  readonly clock = new Clock();
  private readonly stopping = new AbortController();
  private adapters = new Map<string, Adapter>();
  private ingest!: Ingest;
  private server: Server | undefined;
  previewUrl: string | undefined;
  private readonly kickRender: () => void;
  private readonly kickPublish: () => void;
  private verifyDue = false;
  /** Kept: the group's key, once derived, serves every pull. */
  private meshDeps: PullDeps | undefined;

  constructor(
    private readonly app: AppContext,
    private readonly io: RuntimeIo,
    private readonly events: RuntimeEvents = {},
  ) {
    this.kickRender = this.clock.debounced('render', app.config.ingest.renderDelayMs, () => this.renderAndPublish());
    this.kickPublish = this.clock.debounced('publish', app.config.publish.debounceSeconds * 1000, () => this.publish());
  }

  async start(progress?: (d: number, t: number) => void): Promise<void> {
    const { app } = this;
    const setup = await setupAdapters(app.config, this.io);
    for (const r of setup.rooms) await app.store.ensureRoom(r.network, r.id, cleanName(r.name), r.enabled, r.policy);
    await app.store.queueRender([{ kind: 'index', which: 'rooms' }]);
    this.ingest = new Ingest(app.store, app.rules(setup.networks));
    await this.flushStatuses();
    await this.renderAndPublish(progress);
    // Also what a killed run left in the outbox, even when nothing new was rendered.
    this.clock.run('publish', () => this.publish());
    if (app.config.preview.enabled) {
      const { server, url } = await startPreview(app.outputDir, app.config.preview.host, app.config.preview.port);
      this.server = server;
      this.previewUrl = url;
    }
    // Nightly: a full render repairs the output folder, and the publish after it lists the target and repairs that.
    this.clock.cron('verify', app.config.schedule.verify, async () => {
      this.verifyDue = true;
      await this.renderAndPublish(undefined, true);
    });
    for (const adapter of setup.adapters) {
      this.adapters.set(adapter.network, adapter);
      this.clock.run(`connect:${adapter.network}`, () => this.connect(adapter));
    }
    this.clock.run('dm', () => deliverDms(app.store, this.adapters));
    this.clock.run('mesh', () => this.pullMesh());
    this.clock.every('digest', app.config.ingest.followDigestMinutes * 60_000, () => this.sendDigests());
  }

  /** One notice per friend of the new posts they follow. */
  async sendDigests(): Promise<number> {
    const rules = this.app.rules();
    const sent = await this.app.store.write((tx) => sendDigests(tx, rules, Date.now()));
    if (sent) this.clock.run('dm', () => deliverDms(this.app.store, this.adapters));
    return sent;
  }

  /** Pulls the followed sources that are due, then sleeps until the next one is. */
  private async pullMesh(): Promise<void> {
    const { app } = this;
    const s = await pullSources((this.meshDeps ??= meshDeps(app)));
    if (s.added || s.edited || s.removed || s.sealed) this.kickRender();
    if (s.notices || s.privateTold) this.clock.run('dm', () => deliverDms(app.store, this.adapters));
    this.events.pulled?.(s);
    if (s.nextAt !== undefined) this.clock.at('mesh', s.nextAt, () => this.pullMesh());
  }

  // One network failing to connect never stops the others; it is retried with backoff.
  private async connect(adapter: Adapter): Promise<void> {
    const sink = {
      emit: async (ev: ChatEvent) => {
        await this.onEvent(ev);
      },
      loadState: (key: string) => this.app.store.setting(`adapter:${adapter.network}:${key}`),
      saveState: (key: string, value: string) => this.app.store.setSetting(`adapter:${adapter.network}:${key}`, value),
      every: (name: string, seconds: number, job: () => Promise<void> | void) =>
        this.clock.every(`${adapter.network}:${name}`, seconds * 1000, async () => job()),
      grantMediaAccess: (prefix: string, headers: Record<string, string>) =>
        this.app.mediaAccess.grant(adapter.network, prefix, headers),
      watched: () => this.app.store.optedInIds(adapter.network),
    };
    await retry(() => adapter.start(sink), {
      attempts: Infinity,
      initialMs: 1000,
      maxMs: 300_000,
      retryable: () => true,
      signal: this.stopping.signal,
      onRetry: (err, n, delay) =>
        log.warn(
          `${adapter.network}: connect attempt ${n} failed (${errorMessage(err)}); retrying in ` +
            `${Math.round(delay / 1000)} s`,
        ),
    });
  }

  /** Each running network's connection state, for doctor and tests. */
  statuses() {
    return [...this.adapters.values()].map((a) => a.status());
  }

  async onEvent(ev: ChatEvent): Promise<IngestOutcome> {
    const outcome = await this.ingest.handle(ev);
    log.debug(
      `${ev.network} ${ev.kind} → ${outcome.result}${outcome.result === 'ignored' ? ` (${outcome.reason})` : ''}`,
    );
    this.events.outcome?.(ev, outcome);
    if (outcome.result === 'pending') this.clock.at('statuses', outcome.dueAt, () => this.flushStatuses());
    if (outcome.result !== 'ignored' && outcome.result !== 'duplicate') this.kickRender();
    this.clock.run('dm', () => deliverDms(this.app.store, this.adapters));
    // A friend may have followed something: it is due now.
    if (ev.kind === 'direct') this.clock.at('mesh', Date.now() + 1000, () => this.pullMesh());
    return outcome;
  }

  private async flushStatuses(): Promise<void> {
    const posted = await this.ingest.flushStatuses();
    if (posted.length) this.kickRender();
    const next = await this.app.store.nextStatusDue();
    if (next !== undefined) this.clock.at('statuses', next, () => this.flushStatuses());
  }

  private async renderAndPublish(progress?: (d: number, t: number) => void, full = false): Promise<void> {
    const r = await renderSite(this.app, { full, progress });
    if (r.written || r.removed)
      log.info(
        `rendered ${r.full ? 'the whole site' : `${r.targets} changes`}: ${r.written} files written, ${r.removed} ` +
          `removed in ${r.ms} ms`,
      );
    this.events.rendered?.(r);
    if (r.written || r.removed || full) this.kickPublish();
    // Renders that wait (a batch of the search index and sitemap, a retry) run when due, even if nothing else comes.
    const next = await this.app.store.nextRenderAt();
    if (next !== undefined) this.clock.at('render-due', next, () => this.renderAndPublish());
    this.clock.run('dm', () => deliverDms(this.app.store, this.adapters));
  }

  private async publish(): Promise<void> {
    const target = this.app.target;
    if (!target) return void (await drainPublish(this.app.store, null));
    const verify = this.verifyDue;
    this.verifyDue = false;
    const p = (await publishSite(this.app.store, target, { verify })).publish;
    if (p.uploaded || p.deleted || p.failed) log.info(publishLine(target.name, p));
    this.events.published?.(p);
    // Failed files wait in the outbox; try again once their backoff is over.
    if (p.failed) this.clock.at('publish-retry', Date.now() + 30_000, () => this.publish());
  }

  async stop(): Promise<void> {
    // A network still failing to connect stops retrying, so the clock's stop need not wait for it.
    this.stopping.abort();
    for (const a of this.adapters.values())
      await a.stop().catch((err) => log.warn(`${a.network} did not stop cleanly`, err));
    await this.clock.stop();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
