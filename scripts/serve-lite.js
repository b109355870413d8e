#!/usr/bin/env node
// `npm run start:lite [-- --port N]`: serves build/lite (npm run build:lite) with a plain static file server,
// as any static host would: no Jupyter server, no COOP/COEP headers. Prints the URL. Also used by the tests.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.ipynb': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8'
};

/**
 * Starts a static server on `root`; resolves with the server and its base URL. `isolated` adds the COOP/COEP
 * headers that make the page cross-origin isolated (what a host like GitHub Pages cannot send): then the stop
 * button interrupts a long DSL call without restarting the kernel (README "Eigenlab in the browser").
 */
function serveStatic(root, port = 0, host = '127.0.0.1', options = {}) {
  const isolation = options.isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(base, rel);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!rel.endsWith('/')) {
        res.writeHead(301, { Location: `${rel}/` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', ...isolation });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({ server, url: `http://${host}:${server.address().port}/` })));
}

module.exports = { serveStatic };

if (require.main === module) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--port');
  const port = i >= 0 ? Number(args[i + 1]) : 8000;
  const isolated = args.includes('--isolated');
  const root = path.join(__dirname, '..', 'build', 'lite');
  if (!fs.existsSync(path.join(root, 'lab', 'index.html'))) {
    console.error('[lite] build/lite is missing: run npm run build:lite first');
    process.exit(1);
  }
  serveStatic(root, port, '127.0.0.1', { isolated }).then(({ url }) => {
    const how = isolated ? 'with COOP/COEP headers (cross-origin isolated)' : 'a plain static server';
    console.log(`\n  Eigenlab (browser): ${url}lab/\n  (${how}; Ctrl-C stops it)\n`);
  });
}
