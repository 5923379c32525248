// The floor of any Node HTTP service here: node:http answering a small JSON, nothing else.
'use strict';
const http = require('node:http');
const body = JSON.stringify({ ok: true, service: 'raw node:http' });
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
