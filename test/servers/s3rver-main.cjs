// Runs s3rver in its own process (its list pagination needs NODE_OPTIONS=--openssl-legacy-provider, which
// test/servers/s3.ts sets). Serves the bucket "site" as a static website. Prints the port once listening.
'use strict';
const S3rver = require('s3rver');

const [directory, port] = process.argv.slice(2);
const website = `<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <IndexDocument><Suffix>index.html</Suffix></IndexDocument>
  <ErrorDocument><Key>404.html</Key></ErrorDocument>
</WebsiteConfiguration>`;

new S3rver({
  address: '127.0.0.1',
  port: Number(port || 0),
  directory,
  silent: true,
  // <bucket>.s3-website.localhost:<port> is the website endpoint; Chromium resolves *.localhost to loopback.
  serviceEndpoint: 'localhost',
  configureBuckets: [{ name: 'site', configs: [website] }],
})
  .run()
  .then(
    (addr) => {
      process.stdout.write(`listening ${addr.port}\n`);
    },
    (err) => {
      process.stderr.write(`s3rver failed: ${err.stack}\n`);
      process.exit(1);
    },
  );
