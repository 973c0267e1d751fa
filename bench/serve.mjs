// A small static server for the benchmark: every file is compressed ONCE when a site is
// made (gzip level 9, brotli quality 11) and served by content negotiation, with the
// right Content-Type. A site can also forward a path prefix to an HTTP backend (the
// console's API proxy), adding a header (the token), as a deployment's proxy does.
// Binds 127.0.0.1 only.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(name) {
  return TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

export function gzip9(buf) {
  return zlib.gzipSync(buf, { level: 9 });
}

export function brotli11(buf, name = '') {
  const text = /^(text\/|application\/json|image\/svg)/.test(contentType(name));
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

/// The encodings a request accepts, by q-value (RFC 9110): a Set of names with q > 0.
export function accepted(header) {
  const ok = new Set();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && !(parseFloat(q.slice(2)) > 0)) continue;
    ok.add(name);
  }
  return ok;
}

/// A site: URL path -> file, each with its precompressed forms.
/// `files` is [[urlPath, Buffer | filePath], ...]; "/" serves "/index.html".
export function makeSite(files) {
  const entries = new Map();
  let compressMs = 0;
  for (const [url, src] of files) {
    const raw = Buffer.isBuffer(src) ? src : fs.readFileSync(src);
    const t0 = performance.now();
    const gz = gzip9(raw);
    const br = brotli11(raw, url);
    compressMs += performance.now() - t0;
    entries.set(url, {
      type: contentType(url),
      identity: raw,
      // Only when it is smaller, as a real server would.
      gzip: gz.length < raw.length ? gz : null,
      br: br.length < raw.length ? br : null,
    });
  }
  return { entries, compressMs };
}

/// All files under `dir`, as [urlPath, filePath].
export function walk(dir, prefix = '/') {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...walk(p, `${prefix}${ent.name}/`));
    else if (ent.isFile()) out.push([`${prefix}${ent.name}`, p]);
  }
  return out;
}

function forward(req, res, backend, rest, addHeaders) {
  const url = new URL(rest, backend);
  const headers = { ...req.headers, ...addHeaders, host: url.host };
  delete headers.connection;
  const up = http.request(url, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  up.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(up);
}

/// Serves `site` on 127.0.0.1 (an ephemeral port unless `port` is given).
/// `proxy`: { prefix: '/vpcep/', backend: 'http://127.0.0.1:N/', headers: {...} }.
/// Resolves to { url, server, stats, close() }.
export function serve(site, { proxy = null, port = 0 } = {}) {
  const stats = { requests: 0, encodings: {}, acceptEncoding: new Set() };
  const server = http.createServer((req, res) => {
    stats.requests++;
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (proxy && pathname.startsWith(proxy.prefix)) {
      const rest = req.url.slice(proxy.prefix.length - 1); // keeps the leading "/" and the query
      return forward(req, res, proxy.backend, rest, proxy.headers ?? {});
    }
    const key = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const entry = site.entries.get(key);
    if (!entry || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(entry ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(entry ? 'method not allowed' : 'not found');
    }
    stats.acceptEncoding.add(String(req.headers['accept-encoding'] ?? ''));
    const ok = accepted(req.headers['accept-encoding']);
    let encoding = 'identity';
    if (entry.br && ok.has('br')) encoding = 'br';
    else if (entry.gzip && (ok.has('gzip') || ok.has('x-gzip'))) encoding = 'gzip';
    const body = entry[encoding];
    stats.encodings[encoding] = (stats.encodings[encoding] ?? 0) + 1;
    const headers = {
      'content-type': entry.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}`,
        server,
        stats,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
