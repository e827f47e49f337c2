import * as z from 'zod';

export const storeSection = z
  .strictObject({
    path: z.string().min(1).default('data/meshline.db'),
  })
  .prefault({});

export const previewSection = z
  .strictObject({
    enabled: z.boolean().default(true),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
  })
  .prefault({});

export const storeExamples: Record<string, string> = {
  'store.path': 'path: data/meshline.db',
  'preview.port': 'port: 8080',
};
