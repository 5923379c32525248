#!/usr/bin/env node
// A small in-memory content API for trying Keygate: what `npm start` forwards to when UPSTREAM_URL
// is unset. Content objects live under /api/v1/content/:type[/:id], content type definitions
// under /api/v1/internal/contenttype[/:name]. Nothing is persisted.
'use strict';
const http = require('node:http');
const { randomUUID } = require('node:crypto');

function createSampleUpstream() {
  const objects = new Map(); // type -> Map(id -> object)
  const contentTypes = new Map([
    ['product', { name: 'product', label: 'Product' }],
    ['blogpost', { name: 'blogpost', label: 'Blog post' }],
  ]);

  const send = (res, status, body) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const readJson = (req) =>
    new Promise((resolve) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          resolve(null);
        }
      });
    });

  async function handle(req, res) {
    const url = new URL(req.url, 'http://upstream');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const account = req.headers['x-keygate-account'] || 'anonymous';
    if (parts[0] !== 'api' || parts[1] !== 'v1') return send(res, 404, { error: 'not found' });

    if (parts[2] === 'internal' && parts[3] === 'contenttype') {
      const name = parts[4];
      if (!name && req.method === 'GET')
        return send(res, 200, { data: [...contentTypes.values()], total: contentTypes.size });
      if (!name && req.method === 'POST') {
        const body = await readJson(req);
        if (!body || typeof body.name !== 'string')
          return send(res, 400, { error: 'name is required' });
        contentTypes.set(body.name, body);
        return send(res, 201, body);
      }
      if (!contentTypes.has(name))
        return send(res, 404, { error: `content type ${name} not found` });
      if (req.method === 'GET' || req.method === 'HEAD')
        return send(res, 200, contentTypes.get(name));
      if (req.method === 'DELETE') return (contentTypes.delete(name), send(res, 204));
      const body = await readJson(req);
      contentTypes.set(name, { ...contentTypes.get(name), ...body, name });
      return send(res, 200, contentTypes.get(name));
    }

    if (parts[2] !== 'content' || !parts[3]) return send(res, 404, { error: 'not found' });
    const type = parts[3];
    const key = `${account}/${type}`;
    if (!objects.has(key)) objects.set(key, new Map());
    const store = objects.get(key);
    const id = parts[4];
    if (!id) {
      if (req.method === 'GET' || req.method === 'HEAD')
        return send(res, 200, { data: [...store.values()], total: store.size });
      if (req.method === 'POST') {
        const body = await readJson(req);
        if (!body) return send(res, 400, { error: 'body must be JSON' });
        const object = { ...body, id: body.id || randomUUID() };
        store.set(object.id, object);
        return send(res, 201, object);
      }
      return send(res, 405, { error: 'method not allowed' });
    }
    if (!store.has(id) && req.method !== 'PUT')
      return send(res, 404, { error: `${type} ${id} not found` });
    if (req.method === 'GET' || req.method === 'HEAD') return send(res, 200, store.get(id));
    if (req.method === 'DELETE') return (store.delete(id), send(res, 204));
    const body = await readJson(req);
    if (!body) return send(res, 400, { error: 'body must be JSON' });
    store.set(id, req.method === 'PUT' ? { ...body, id } : { ...store.get(id), ...body, id });
    return send(res, 200, store.get(id));
  }

  return http.createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'internal error' }));
  });
}

module.exports = { createSampleUpstream };

if (require.main === module) {
  const port = Number(process.env.PORT || 3100);
  createSampleUpstream().listen(port, '127.0.0.1', () =>
    process.stdout.write(`sample upstream on http://127.0.0.1:${port}\n`),
  );
}
