// S3 for tests: s3rver in a child process on 127.0.0.1, and an HTTP proxy in front of it that counts requests and
// injects faults (500s, slow answers, dropped connections) on a fixed, repeatable pattern.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';

export interface RunningS3 {
  port: number;
  /** Where s3rver keeps the objects on disk. */
  dir: string;
  endpoint: string;
  /** The bucket "site" as a static website, for browsers. */
  websiteUrl: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3rver(): Promise<RunningS3> {
  const dir = mkdtempSync(join(tmpdir(), 'meshline-s3rver-'));
  let port = 0;
  let child: ReturnType<typeof spawn>;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      child = spawn(process.execPath, [new URL('./s3rver-main.cjs', import.meta.url).pathname, dir, String(port)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
      });
      let out = '';
      child.stdout!.on('data', (b) => {
        out += b;
        const m = /listening (\d+)/.exec(out);
        if (m) {
          port = Number(m[1]);
          resolve();
        }
      });
      child.stderr!.on('data', (b) => (out += b));
      child.once('exit', (code) => reject(new Error(`s3rver exited (${code}): ${out}`)));
    });
  await launch();
  const halt = () =>
    new Promise<void>((r) => {
      child.once('exit', () => r());
      child.kill();
    });
  return {
    get port() {
      return port;
    },
    dir,
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get websiteUrl() {
      return `http://site.s3-website.localhost:${port}/`;
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Fault = 'ok' | '500' | 'slow' | 'drop';

export interface S3Proxy {
  endpoint: string;
  /** Every request that reached the proxy, as "METHOD /path?query". */
  requests: string[];
  /** Faults for the next requests, in order, repeating; ['ok'] turns them off. */
  faults: Fault[];
  slowMs: number;
  stop(): Promise<void>;
}

export async function startS3Proxy(upstreamPort: number): Promise<S3Proxy> {
  let n = 0;
  const proxy: Omit<S3Proxy, 'endpoint' | 'stop'> = { requests: [], faults: ['ok'], slowMs: 3000 };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const up = request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
      (ur) => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  };
  const server: Server = createServer((req, res) => {
    proxy.requests.push(`${req.method} ${req.url}`);
    const fault = proxy.faults[n++ % proxy.faults.length]!;
    if (fault === '500') {
      req.resume();
      req.on('end', () => {
        res.writeHead(500, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected</Message></Error>',
        );
      });
    } else if (fault === 'drop') {
      req.once('data', () => req.socket.destroy());
      req.on('end', () => req.socket.destroy());
    } else if (fault === 'slow') {
      setTimeout(() => forward(req, res), proxy.slowMs);
    } else forward(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return Object.assign(proxy, {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  }) as S3Proxy;
}

/** The `publish.s3` section that sends a site to the test s3rver (or a proxy in front of it) under `prefix`. */
export function s3rverSection(endpoint: string, prefix = '', extra: Record<string, unknown> = {}) {
  return {
    provider: 'generic',
    bucket: 'site',
    ...(prefix ? { prefix } : {}),
    endpoint,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    ...extra,
  };
}

/** An independent client for checking what the bucket holds. */
export function bucketClient(endpoint: string) {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    client,
    async list(): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: 'site', ContinuationToken: token }));
        for (const o of page.Contents ?? []) out.set(o.Key!, o.ETag!.replaceAll('"', ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
    head: (key: string) => client.send(new HeadObjectCommand({ Bucket: 'site', Key: key })),
    async text(key: string): Promise<string> {
      const r = await client.send(new GetObjectCommand({ Bucket: 'site', Key: key }));
      return r.Body!.transformToString();
    },
  };
}
