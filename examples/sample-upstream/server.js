#!/usr/bin/env node
// A small in-memory content API in Flotiq's shape, for trying Keygate: what `npm start` forwards
// to when UPSTREAM_URL is unset. Each account (the gateway's X-Keygate-Account header) has its own
// content, seeded with products, categories and a blog post:
//   /api/v1/content/:type[/:id]              objects (list envelope, filters, hydrate=1|2)
//   /api/v1/internal/contenttype[/:name]     content type definitions
//   /api/v1/search                           full-text search (q, content_type[], hydrate)
//   /api/graphql                             GraphQL over the same objects
// Flotiq's JS SDK (@flotiq/flotiq-api-sdk) works against it unchanged. Nothing is persisted.
'use strict';
const http = require('node:http');
const { ContentStore, ContentError, hydrationLevel } = require('./content-store');
const { executeGraphql } = require('./graphql-api');

function createSampleUpstream() {
  const accounts = new Map(); // account id -> ContentStore
  const storeOf = (req) => {
    const account = String(req.headers['x-keygate-account'] || 'anonymous');
    if (!accounts.has(account)) accounts.set(account, new ContentStore());
    return accounts.get(account);
  };

  const send = (req, res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  const readJson = (req) =>
    new Promise((resolve, reject) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (text += c));
      req.on('error', reject);
      req.on('end', () => {
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          reject(new ContentError(400, 'The body must be JSON'));
        }
      });
    });

  async function graphqlRequest(req, url, store) {
    if (req.method === 'GET')
      return executeGraphql(store, {
        query: url.searchParams.get('query') ?? '',
        variables: JSON.parse(url.searchParams.get('variables') || 'null'),
        operationName: url.searchParams.get('operationName'),
      });
    if (req.method !== 'POST') throw new ContentError(405, 'GET or POST');
    if (String(req.headers['content-type']).startsWith('application/graphql')) {
      let query = '';
      for await (const chunk of req) query += chunk;
      return executeGraphql(store, { query });
    }
    return executeGraphql(store, await readJson(req));
  }

  async function contentTypeRequest(req, store, name) {
    if (!name && req.method === 'GET') return [200, store.listContentTypes(new URLSearchParams())];
    if (!name && req.method === 'POST') return [200, store.putContentType('', await readJson(req))];
    if (req.method === 'GET' || req.method === 'HEAD') return [200, store.getContentType(name)];
    if (req.method === 'DELETE') return [200, store.removeContentType(name)];
    if (req.method === 'PUT' || req.method === 'PATCH')
      return [200, store.putContentType(name, await readJson(req), req.method === 'PUT')];
    throw new ContentError(405, 'Method not allowed');
  }

  async function contentRequest(req, url, store, type, id) {
    const params = url.searchParams;
    if (!id) {
      if (req.method === 'GET' || req.method === 'HEAD') return [200, store.list(type, params)];
      if (req.method === 'POST') return [200, store.create(type, await readJson(req))];
      throw new ContentError(405, 'Method not allowed');
    }
    if (req.method === 'GET' || req.method === 'HEAD')
      return [200, store.get(type, id, hydrationLevel(params.get('hydrate')))];
    if (req.method === 'DELETE') return [200, store.remove(type, id)];
    if (req.method === 'PUT' || req.method === 'PATCH')
      return [200, store.update(type, id, await readJson(req), req.method === 'PUT')];
    throw new ContentError(405, 'Method not allowed');
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://upstream');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const store = storeOf(req);
    if (parts[0] === 'api' && parts[1] === 'graphql' && parts.length === 2)
      return send(req, res, 200, await graphqlRequest(req, url, store));
    if (parts[0] !== 'api' || parts[1] !== 'v1') throw new ContentError(404, 'Not found');
    let answer;
    if (parts[2] === 'search' && parts.length === 3 && ['GET', 'HEAD'].includes(req.method))
      answer = [200, store.search(url.searchParams)];
    else if (parts[2] === 'internal' && parts[3] === 'contenttype' && parts.length <= 5)
      answer = await contentTypeRequest(req, store, parts[4]);
    else if (parts[2] === 'content' && parts[3] && parts.length <= 5)
      answer = await contentRequest(req, url, store, parts[3], parts[4]);
    else throw new ContentError(404, 'Not found');
    return send(req, res, ...answer);
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      const status = error instanceof ContentError ? error.status : 500;
      send(req, res, status, {
        code: status,
        message: status === 500 ? 'Internal error' : error.message,
      });
    });
  });
}

module.exports = { createSampleUpstream };

if (require.main === module) {
  const port = Number(process.env.PORT || 3100);
  createSampleUpstream().listen(port, '127.0.0.1', () =>
    process.stdout.write(`sample upstream on http://127.0.0.1:${port}\n`),
  );
}
