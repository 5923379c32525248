#!/usr/bin/env node
// How soon a key GitHub reports leaked is refused everywhere: for BENCH_LEAKS keys (40), the time
// from posting the signed report to the Panel app's /github/secret-scanning until both of two
// gateways answer 401 for the key. Built apps from dist/, a P-256 key pair made here standing in
// for GitHub's. Beside it, in the same run, the same measure for a revoke through the Panel API
// by RPC (the path the leak takes after its report is checked). Not part of npm test.
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { generateKeyPairSync, sign } = require('node:crypto');
const { request } = require('undici');
const { up, down, freePort, waitForPort } = require('../scripts/services');
const { benchEnv, storeName } = require('./bench-env');

const ROOT = path.resolve(__dirname, '..');
const LEAKS = Number(process.env.BENCH_LEAKS || 40);
const { createRpcClient, sendRpc } = require(path.join(ROOT, 'dist/libs/connections/src'));
const { KeyServicePattern } = require(path.join(ROOT, 'dist/libs/contracts/src'));
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const children = [];
function start(name, file, env) {
  const child = spawn(process.execPath, [path.join(ROOT, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function json(method, url, body, headers = {}) {
  const answer = await request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await answer.body.text();
  return { status: answer.statusCode, body: text ? JSON.parse(text) : null };
}

async function statusOf(url, secret) {
  const answer = await request(url, { headers: { 'x-auth-token': secret } });
  await answer.body.dump();
  return answer.statusCode;
}

async function main() {
  const state = await up({ mode: 'test' });
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keys = http.createServer((_q, response) =>
    response.end(
      JSON.stringify({
        public_keys: [
          {
            key_identifier: 'bench-key',
            key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            is_current: true,
          },
        ],
      }),
    ),
  );
  await new Promise((listening) => keys.listen(0, '127.0.0.1', listening));
  const [upstreamPort, panelPort, g1, g2] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    ...benchEnv(state),
    UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}`,
    GITHUB_SECRET_SCANNING_KEYS_URL: `http://127.0.0.1:${keys.address().port}/keys`,
    // The bench polls refused keys from one address: the brute-force throttle would answer 429.
    AUTH_FAILURE_LIMIT: '100000000',
  };
  let client;
  try {
    start('upstream', 'examples/sample-upstream/server.js', { PORT: String(upstreamPort) });
    start('key-service', 'dist/apps/key-service/src/main.js', env);
    start('panel', 'dist/apps/panel/src/main.js', { ...env, PANEL_PORT: String(panelPort) });
    for (const port of [g1, g2])
      start('gateway', 'dist/apps/gateway/src/main.js', { ...env, PORT: String(port) });
    await Promise.all([
      waitForPort(upstreamPort, 'upstream'),
      waitForPort(panelPort, 'panel'),
      waitForPort(g1, 'gateway 1'),
      waitForPort(g2, 'gateway 2'),
    ]);
    const panel = `http://127.0.0.1:${panelPort}`;
    const gateways = [g1, g2].map((port) => `http://127.0.0.1:${port}/api/v1/content/product`);
    client = createRpcClient(env.REDIS_URL);
    await client.connect();
    const send = (pattern, payload) => sendRpc(client, pattern, payload, 5000);
    let account;
    for (let i = 0; !account; i++)
      account = (
        await send(KeyServicePattern.OpenAccount, { name: 'leaky', plan: 'enterprise' }).catch(
          (e) => (i > 100 ? Promise.reject(e) : null),
        )
      )?.account;
    const refusedEverywhere = async (secret, started) => {
      for (;;) {
        const statuses = await Promise.all(gateways.map((url) => statusOf(url, secret)));
        if (statuses.every((s) => s === 401)) return performance.now() - started;
        if (performance.now() - started > 120_000) throw new Error(`still ${statuses} after 120 s`);
      }
    };
    const newKey = async () => {
      const created = await send(KeyServicePattern.CreateKey, {
        accountId: account.id,
        name: 'bench',
        rules: [{ resource: 'product', actions: ['read'] }],
      });
      while (
        (await Promise.all(gateways.map((url) => statusOf(url, created.secret)))).some(
          (s) => s !== 200,
        )
      );
      return created;
    };

    const leak = [];
    const revoke = [];
    for (let i = 0; i < LEAKS; i++) {
      const reported = await newKey();
      const body = JSON.stringify([
        {
          token: reported.secret,
          type: 'keygate_api_key',
          url: 'https://github.com/o/r/blob/main/.env',
          source: 'content',
        },
      ]);
      let started = performance.now();
      const answer = await json('POST', `${panel}/github/secret-scanning`, body, {
        'github-public-key-identifier': 'bench-key',
        'github-public-key-signature': sign('sha256', Buffer.from(body), privateKey).toString(
          'base64',
        ),
      });
      if (answer.status !== 200 || answer.body[0].label !== 'true_positive')
        throw new Error(`report: ${answer.status} ${JSON.stringify(answer.body)}`);
      leak.push(await refusedEverywhere(reported.secret, started));

      const revoked = await newKey();
      started = performance.now();
      await send(KeyServicePattern.RevokeKey, { accountId: account.id, keyId: revoked.key.id });
      revoke.push(await refusedEverywhere(revoked.secret, started));
    }
    const line = (name, list) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `${name.padEnd(16)} p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted.at(-1).toFixed(1)} ms`;
    };
    console.log(
      `\nReport to refused on both of two gateways (${storeName(state)}), ${LEAKS} keys each, interleaved`,
    );
    console.log(line('GitHub report', leak));
    console.log(line('revoke (RPC)', revoke));
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `report / revoke (medians): ${(median(leak) / median(revoke)).toFixed(2)}  (target: p99 under 60 s)`,
    );
  } finally {
    client?.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null,
      ),
    );
    keys.close();
    await down(state);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
