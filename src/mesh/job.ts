// Pulling the followed sources: each when it is due (jittered, later after failures) or all now (`meshline pull`),
// a few at a time; what changed is stored, rendered as the core says, and mentions of people here become notices.
import { pool } from '../core/pool.ts';
import type { MeshStore, RemoteChanges, SourceRow, SourceStore } from '../core/jobs.ts';
import type { StoreTx } from '../core/ports.ts';
import { digestLine, queueForFollowers } from '../core/follows.ts';
import { extractTags } from '../core/text.ts';
import { queueNotice, remoteNoticeText } from '../core/relay.ts';
import type { IngestRules } from '../core/rules.ts';
import { backoffDelay } from '../core/retry.ts';
import { meshRenders } from '../core/targets.ts';

export { meshRenders };
import type { MeshConfig } from '../config/sections/mesh.ts';
import type { FetchLimits } from '../net/fetch.ts';
import { logger } from '../log.ts';
import { blockList, siteOf, toBatch } from './ingest.ts';
import { readInboxes, sealPending, type InboxDeps } from './inbox.ts';
import { pullSource, type Opener, type Resolved } from './pull.ts';

const log = logger('mesh');

/** Sources fetched at once: enough to hide one slow site, few enough to be polite and light. */
const PARALLEL = 8;

export interface PullDeps {
  store: { sources: SourceStore; mesh: MeshStore; write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> };
  mesh: MeshConfig;
  rules: Pick<IngestRules, 'pageSize' | 'noticesPerHour' | 'siteUrl' | 'lang'>;
  /** This site's keys: private posts are sealed with them and opened for it. Without: no private posts move. */
  identity?: InboxDeps['identity'];
  /** A private site's group key: what other sites of the group sealed is opened with it. */
  open?: Opener;
}

export interface PullSummary {
  sources: number;
  changed: number;
  unchanged: number;
  failed: number;
  refused: number;
  added: number;
  edited: number;
  removed: number;
  notices: number;
  /** Lines queued for friends who follow a source. */
  followers: number;
  /** Private posts sealed for other sites, and people here told of one from elsewhere. */
  sealed: number;
  privateTold: number;
  /** When the next source is due, if any is followed. */
  nextAt: number | undefined;
}

export function fetchLimits(mesh: MeshConfig): FetchLimits {
  return {
    privateSetting: 'mesh.allowPrivateAddresses',
    allowPrivateAddresses: mesh.allowPrivateAddresses,
    timeoutMs: mesh.timeoutSeconds * 1000,
    maxBytes: mesh.maxBytes,
    maxRedirects: mesh.maxRedirects,
    sizeSetting: 'mesh.maxBytes',
  };
}

/** The next pull: the period give or take a fifth (sources spread out), or backing off after failures, to a day. */
export function nextPullAt(now: number, minutes: number, failures: number, random = Math.random): number {
  const period = minutes * 60_000;
  if (failures > 0)
    return now + Math.max(period, backoffDelay(failures, { initialMs: period, maxMs: 86_400_000, random }));
  return now + Math.round(period * (0.8 + 0.4 * random()));
}

function counted(sum: PullSummary, c: RemoteChanges): void {
  sum.added += c.added;
  sum.edited += c.edited;
  sum.removed += c.removed;
}

export async function pullSources(deps: PullDeps, opts: { all?: boolean; now?: number } = {}): Promise<PullSummary> {
  const now = opts.now ?? Date.now();
  const { store, mesh, rules } = deps;
  const renders = meshRenders(rules.pageSize);
  const sum: PullSummary = {
    sources: 0,
    changed: 0,
    unchanged: 0,
    failed: 0,
    refused: 0,
    added: 0,
    edited: 0,
    removed: 0,
    notices: 0,
    followers: 0,
    sealed: 0,
    privateTold: 0,
    nextAt: undefined,
  };
  const blocked = blockList(mesh.block);
  counted(sum, await store.mesh.purge(blocked, renders));
  const all = await store.sources.list();
  const due = all.filter((s) => opts.all || s.nextAt <= now);
  sum.sources = due.length;
  const limits = fetchLimits(mesh);
  await pool(due, PARALLEL, (row) => pullOne(deps, row, limits, blocked, now, sum));
  const rows = await store.sources.list();
  if (deps.identity) {
    const inbox = { store, identity: deps.identity, siteUrl: rules.siteUrl, lang: rules.lang, limits, open: deps.open };
    sum.sealed = await sealPending(inbox, rows);
    // The inboxes of the sites pulled this round.
    const pulled = new Set(due.map((d) => d.id));
    sum.privateTold = await readInboxes(
      inbox,
      rows.filter((r) => pulled.has(r.id) && r.okAt === r.fetchedAt),
    );
  }
  const later = rows.map((s) => s.nextAt);
  sum.nextAt = later.length ? Math.min(...later) : undefined;
  return sum;
}

async function pullOne(
  deps: PullDeps,
  row: SourceRow,
  limits: FetchLimits,
  blocked: ReturnType<typeof blockList>,
  now: number,
  sum: PullSummary,
): Promise<void> {
  const { store, mesh, rules } = deps;
  const r = await pullSource(row, limits, now, deps.open);
  const failures = r.record.ok ? 0 : row.failures + 1;
  await store.sources.recordPull(row.id, { ...r.record, nextAt: nextPullAt(now, mesh.pullMinutes, failures) });
  if (!r.record.ok) {
    if (r.record.result.startsWith('refused')) sum.refused++;
    else sum.failed++;
    log.warn(`${row.id}: ${r.record.result}`);
    // Gone from their site (left, forgotten): the copies of their posts here go too.
    if (r.gone && row.resolved) {
      const site = siteOf(JSON.parse(row.resolved) as Resolved).site;
      const batch = { source: row.id, site, items: [], keepOlderThan: null, home: mesh.homeTimeline };
      counted(sum, await store.mesh.ingest(batch, meshRenders(rules.pageSize)));
    }
    return;
  }
  if (!r.feed) {
    sum.unchanged++;
    return;
  }
  sum.changed++;
  const resolved = JSON.parse(r.record.resolved ?? row.resolved ?? '{}') as Resolved;
  const batch = toBatch(row.id, siteOf(resolved), r.feed, { siteUrl: rules.siteUrl, home: mesh.homeTimeline, blocked });
  const changes = await store.mesh.ingest(batch, meshRenders(rules.pageSize));
  counted(sum, changes);
  if (changes.added || changes.edited || changes.removed)
    log.info(`${row.id}: ${changes.added} new, ${changes.edited} edited, ${changes.removed} removed`);
  if (!changes.mentioned.length && !changes.fresh.length) return;
  await store.write(async (tx) => {
    for (const m of changes.mentioned) {
      const person = await tx.person(m.personId);
      const text = remoteNoticeText(m.author, m.text, m.url, m.reply, rules.lang);
      if (person && (await queueNotice(tx, person, text, undefined, rules, now, m.from))) sum.notices++;
    }
    for (const f of changes.fresh) {
      const line = () => digestLine(f.author, f.text, f.url);
      // Whichever source brought it first: those who follow its author or its tags there are told too.
      const host = f.from.slice(f.from.lastIndexOf('@') + 1);
      const targets = [row.id, `@${f.from}`, ...extractTags(f.text).map((t) => `#${t}@${host}`)];
      sum.followers += await queueForFollowers(tx, targets, f.from, undefined, line, now);
    }
  });
}
