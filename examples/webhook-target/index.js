// @ts-check
// An example Meshline plugin: a publish target that sends the site to any HTTP endpoint that takes
// PUT <url>/<path> (the file's bytes) and DELETE <url>/<path>, and answers GET <url>/?list with a JSON object
// of path → MD5 hex (for `meshline publish --verify`). A small web app, a serverless function or a WebDAV
// folder with a listing script can be the other end. Use it with:
//
//   plugins: [./examples/webhook-target]
//   publish:
//     target: webhook
//     webhook: { url: https://example.org/site, token: "${WEBHOOK_TOKEN}" }
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { definePlugin, defineTarget, NetworkError, SourceGone, z } from 'meshline/plugin';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const section = z
  .strictObject({
    /** Where the site goes: files are sent to <url>/<path>. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** Sent as "Authorization: Bearer <token>" when set. */
    token: z.string().min(1).optional(),
    concurrency: z.number().int().min(1).max(32).default(4),
    attempts: z.number().int().min(1).max(20).default(4),
    timeoutSeconds: z.number().min(1).max(600).default(30),
  })
  .prefault({});

/** @implements {import('meshline/plugin').PublishTarget} */
class WebhookTarget {
  requests = 0;

  /**
   * @param {string} outputDir
   * @param {z.output<typeof section> & { url: string }} cfg
   */
  constructor(outputDir, cfg) {
    this.outputDir = outputDir;
    this.cfg = cfg;
    this.name = `webhook ${cfg.url}`;
    this.concurrency = cfg.concurrency;
    this.attempts = cfg.attempts;
  }

  /** @param {string} path @param {RequestInit} init */
  async send(path, init) {
    this.requests++;
    const url = `${this.cfg.url.replace(/\/$/, '')}/${path.split('/').map(encodeURIComponent).join('/')}`;
    const headers = { ...(this.cfg.token ? { authorization: `Bearer ${this.cfg.token}` } : {}), ...init.headers };
    let res;
    try {
      res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(this.cfg.timeoutSeconds * 1000) });
    } catch (err) {
      throw new NetworkError(`${init.method} ${url}: ${err instanceof Error ? err.message : err}`, { cause: err });
    }
    // 5xx and 429 are worth another try; any other refusal is not.
    if (!res.ok && !(init.method === 'DELETE' && res.status === 404)) {
      const transient = res.status >= 500 || res.status === 429;
      throw new NetworkError(`${init.method} ${url}: HTTP ${res.status}`, { transient });
    }
    return res;
  }

  /** @param {string} path */
  async put(path) {
    let body;
    try {
      body = await readFile(join(this.outputDir, path));
    } catch {
      throw new SourceGone(`${path} is no longer in the site folder`);
    }
    const type = TYPES[/** @type {keyof TYPES} */ (extname(path))] ?? 'application/octet-stream';
    await this.send(path, { method: 'PUT', body, headers: { 'content-type': type } });
    return body.length;
  }

  /** @param {string} path */
  async delete(path) {
    await this.send(path, { method: 'DELETE' });
  }

  async list() {
    this.requests++;
    const res = await fetch(`${this.cfg.url.replace(/\/$/, '')}/?list`, {
      headers: this.cfg.token ? { authorization: `Bearer ${this.cfg.token}` } : {},
    });
    if (!res.ok) throw new NetworkError(`listing ${this.cfg.url}: HTTP ${res.status}`);
    return new Map(Object.entries(/** @type {Record<string, string>} */ (await res.json())));
  }
}

export const webhookTarget = defineTarget({
  name: 'webhook',
  section,
  examples: { 'publish.webhook.url': 'url: https://example.org/site' },
  sample: `  # webhook:                   # from the webhook-target plugin
  #   url: https://example.org/site   # files go to <url>/<path> by PUT, and are removed by DELETE
  #   token: \${WEBHOOK_TOKEN}   # sent as a bearer token
  #   concurrency: 4
  #   attempts: 4
  #   timeoutSeconds: 30
`,
  validate: (c) => (c.url ? [] : [{ path: ['url'], message: 'publishing to a webhook needs its url' }]),
  create: (c, { outputDir }) => new WebhookTarget(outputDir, { ...c, url: /** @type {string} */ (c.url) }),
  probe: async (c, { outputDir }) => {
    const target = new WebhookTarget(outputDir, { ...c, url: /** @type {string} */ (c.url) });
    try {
      await target.list();
      return { name: 'publish', ok: true, detail: `${target.name} answers` };
    } catch (err) {
      return { name: 'publish', ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
  },
});

export default definePlugin({ name: 'webhook-target', targets: [webhookTarget] });
