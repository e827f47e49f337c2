// What each S3-compatible host needs from the client. Pure: config in, S3Client settings out.
import type { S3Config } from '../config/sections/publish.ts';

export interface S3ClientSettings {
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  /** 'WHEN_REQUIRED' leaves out the newer CRC checksum headers, which R2, B2 and most other hosts reject. */
  checksums: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

interface Profile {
  region: string;
  pathStyle: boolean;
  checksums: S3ClientSettings['checksums'];
  endpoint?: (region: string) => string;
}

const PROFILES: Record<S3Config['provider'], Profile> = {
  aws: { region: 'us-east-1', pathStyle: false, checksums: 'WHEN_SUPPORTED' },
  // R2 ignores the region but the SDK needs one; "auto" is what Cloudflare documents.
  r2: { region: 'auto', pathStyle: true, checksums: 'WHEN_REQUIRED' },
  b2: {
    region: 'us-west-004',
    pathStyle: false,
    checksums: 'WHEN_REQUIRED',
    endpoint: (r) => `https://s3.${r}.backblazeb2.com`,
  },
  wasabi: {
    region: 'us-east-1',
    pathStyle: false,
    checksums: 'WHEN_REQUIRED',
    endpoint: (r) => `https://s3.${r}.wasabisys.com`,
  },
  minio: { region: 'us-east-1', pathStyle: true, checksums: 'WHEN_REQUIRED' },
  garage: { region: 'garage', pathStyle: true, checksums: 'WHEN_REQUIRED' },
  generic: { region: 'us-east-1', pathStyle: true, checksums: 'WHEN_REQUIRED' },
};

export function s3Settings(c: S3Config): S3ClientSettings {
  const p = PROFILES[c.provider];
  const region = c.region ?? p.region;
  const endpoint = c.endpoint ?? p.endpoint?.(region);
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: c.forcePathStyle ?? p.pathStyle,
    checksums: p.checksums,
    ...(c.accessKeyId && c.secretAccessKey
      ? {
          credentials: {
            accessKeyId: c.accessKeyId,
            secretAccessKey: c.secretAccessKey,
            ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
          },
        }
      : {}),
  };
}
