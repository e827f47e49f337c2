// The S3 publish target (@aws-sdk/client-s3): one PUT per changed file, one DELETE per removed file, a listing
// only when asked to verify. Retries are the caller's (the one backoff helper), so the SDK's own are off.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config/sections/publish.ts';
import { MeshlineError, NetworkError, errorMessage } from '../core/errors.ts';
import { SourceGone } from './target.ts';
import { cacheClass, contentType } from './headers.ts';
import { s3Settings } from './providers.ts';
import type { PublishTarget } from './target.ts';

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'InternalError',
  'ServiceUnavailable',
]);

/** An S3 failure as Meshline's errors: throttling, 5xx, timeouts and dropped connections are worth retrying. */
export function s3Error(what: string, err: unknown): MeshlineError {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  const status = e.$metadata?.httpStatusCode;
  const transient =
    (status !== undefined && (status >= 500 || status === 429 || status === 408)) ||
    TRANSIENT_NAMES.has(e.name ?? '') ||
    TRANSIENT_CODES.has(e.code ?? '') ||
    /socket hang up|aborted|timed? ?out/i.test(e.message ?? '');
  const hint =
    status === 403
      ? ' (check publish.s3 credentials and the bucket policy)'
      : e.name === 'NoSuchBucket' || status === 404
        ? ' (check publish.s3.bucket, endpoint and region)'
        : '';
  const label = [e.name && e.name !== 'Error' ? e.name : '', status ? `HTTP ${status}` : ''].filter(Boolean).join(', ');
  return transient
    ? new NetworkError(`${what}: ${label || errorMessage(err)}`, { cause: err })
    : new MeshlineError(`${what}: ${label ? `${label}: ` : ''}${errorMessage(err)}${hint}`, { cause: err });
}

export class S3Target implements PublishTarget {
  readonly name: string;
  readonly concurrency: number;
  readonly attempts: number;
  requests = 0;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    private readonly outputDir: string,
    private readonly cfg: S3Config,
  ) {
    if (!cfg.bucket) throw new MeshlineError('publish.s3.bucket is not set');
    this.bucket = cfg.bucket;
    this.prefix = cfg.prefix;
    this.name = `s3://${cfg.bucket}/${cfg.prefix}`;
    this.concurrency = cfg.concurrency;
    this.attempts = cfg.attempts;
    const s = s3Settings(cfg);
    this.client = new S3Client({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
      forcePathStyle: s.forcePathStyle,
      ...(s.credentials ? { credentials: s.credentials } : {}),
      requestChecksumCalculation: s.checksums,
      responseChecksumValidation: s.checksums,
      maxAttempts: 1,
      requestHandler: {
        requestTimeout: cfg.timeoutSeconds * 1000,
        connectionTimeout: Math.min(10_000, cfg.timeoutSeconds * 1000),
        httpAgent: { keepAlive: true, maxSockets: cfg.concurrency },
        httpsAgent: { keepAlive: true, maxSockets: cfg.concurrency },
      },
    });
  }

  private async send<T>(what: string, fn: () => Promise<T>): Promise<T> {
    this.requests++;
    try {
      return await fn();
    } catch (err) {
      throw s3Error(what, err);
    }
  }

  async put(path: string): Promise<number> {
    const body = await readFile(join(this.outputDir, path)).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new SourceGone(`${path} is no longer in the site folder`, { cause: err }) : err;
    });
    await this.send(`PUT ${path}`, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + path,
          Body: body,
          ContentType: contentType(path),
          CacheControl: this.cfg.cacheControl[cacheClass(path)],
          // The host checks the bytes it got against this, so a connection cut mid-body never leaves a torn file.
          ContentMD5: createHash('md5').update(body).digest('base64'),
        }),
      ),
    );
    return body.length;
  }

  /** The bucket serves folders' index.html and, for a missing address, the site's 404.html (publish.s3.website). */
  async prepare(): Promise<string | undefined> {
    if (!this.cfg.website) return undefined;
    const config = {
      IndexDocument: { Suffix: 'index.html' },
      ErrorDocument: { Key: `${this.prefix}404.html` },
    };
    try {
      await this.send('PUT website', () =>
        this.client.send(new PutBucketWebsiteCommand({ Bucket: this.bucket, WebsiteConfiguration: config })),
      );
      return `website: index.html, error document ${this.prefix}404.html`;
    } catch (err) {
      const status = ((err as MeshlineError).cause as { $metadata?: { httpStatusCode?: number } })?.$metadata
        ?.httpStatusCode;
      if (status === 501 || status === 405 || status === 400)
        return 'website configuration: not offered by this host (set publish.s3.website: false to skip)';
      throw err;
    }
  }

  async delete(path: string): Promise<void> {
    await this.send(`DELETE ${path}`, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + path })),
    );
  }

  async list(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await this.send('LIST', () =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix || undefined, ContinuationToken: token }),
        ),
      );
      for (const o of page.Contents ?? [])
        if (o.Key) out.set(o.Key.slice(this.prefix.length), (o.ETag ?? '').replaceAll('"', ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** For doctor: can we reach the bucket with these credentials? */
  async check(): Promise<void> {
    await this.send('HEAD bucket', () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  close(): void {
    this.client.destroy();
  }
}
