// The local preview: the output folder over HTTP on loopback.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { ConfigError } from '../core/errors.ts';
import { contentType } from '../publish/headers.ts';
import { NOT_FOUND_PAGE } from '../core/paths.ts';

export function startPreview(dir: string, host: string, port: number): Promise<{ server: Server; url: string }> {
  // dev mode reads files per request, so every render shows up on reload.
  const serve = sirv(dir, {
    dev: true,
    // Validators, so feed readers and following sites can ask "changed since?" of the preview too.
    etag: true,
    extensions: ['html'],
    // `/.well-known/meshline.json` is how other sites find this one.
    dotfiles: true,
    // The types a published site is served with (src/publish/headers.ts), so the preview shows what readers get.
    setHeaders: (res, path) => res.setHeader('Content-Type', contentType(path.replace(/^\//, ''))),
  });
  // A missing address gets the site's own 404 page, as the S3 website's error document (and most hosts) give it.
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      readFile(join(dir, NOT_FOUND_PAGE)).then(
        (page) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(req.method === 'HEAD' ? undefined : page);
        },
        () => {
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end('Not found\n');
        },
      );
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        reject(
          new ConfigError(
            'preview.port',
            `cannot listen on ${host}:${port} ` +
              `(${err.code === 'EADDRINUSE' ? 'in use: is Meshline already running?' : 'not allowed'})`,
            `port: ${port + 1}`,
          ),
        );
      } else reject(err);
    });
    server.listen(port, host, () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({ server, url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/` });
    });
  });
}
