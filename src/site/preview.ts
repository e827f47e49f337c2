// The local preview: the output folder over HTTP on loopback.
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';
import { ConfigError } from '../core/errors.ts';

export function startPreview(dir: string, host: string, port: number): Promise<{ server: Server; url: string }> {
  // dev mode reads files per request, so every render shows up on reload.
  const serve = sirv(dir, {
    dev: true,
    extensions: ['html'],
    setHeaders: (res, path) => {
      if (path.endsWith('.xml'))
        res.setHeader(
          'Content-Type',
          path.endsWith('atom.xml') ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
        );
      if (path.endsWith('feed.json')) res.setHeader('Content-Type', 'application/feed+json; charset=utf-8');
    },
  });
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found\n');
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
