#!/usr/bin/env node
// Webhook delivery throughput on loopback, bounded in size, all measured in one run:
//   ceiling     the same messages signed (standardwebhooks) and POSTed by a plain loop with the
//               same concurrency (WEBHOOK_CONCURRENCY): what sending alone costs here
//   many keys   BENCH_EVENTS notices of distinct keys XADDed to the event stream, to the moment
//               the receiver has them all: consumer group, MongoDB queue, claims, signing, sending
//   one key     the same count about one key: its deliveries go one at a time, in order
// BENCH_ROUNDS (3) interleaved rounds; medians, and ratios against the ceiling. Not part of npm test.
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { up, down } = require('../scripts/services');
const { benchEnv, storeName } = require('./bench-env');

const ROOT = path.resolve(__dirname, '..');
const EVENTS = Number(process.env.BENCH_EVENTS || 2000);
const ONE_KEY_EVENTS = Number(process.env.BENCH_ONE_KEY_EVENTS || 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONCURRENCY = 64;
const { createRpcClient, sendRpc, createRedis } = require(
  path.join(ROOT, 'dist/libs/connections/src'),
);
const { KeyServicePattern } = require(path.join(ROOT, 'dist/libs/contracts/src'));
const { WebhookSender, WebhookTarget } = require(path.join(ROOT, 'dist/libs/webhooks/src'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function receiver() {
  let expected = 0;
  let seen = new Set();
  let done = () => undefined;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(204).end();
      seen.add(request.headers['webhook-id']);
      if (seen.size >= expected) done();
    });
  });
  return {
    server,
    expect(count) {
      expected = count;
      seen = new Set();
      return new Promise((resolve) => (done = resolve));
    },
  };
}

function notice(accountId, keyId, n) {
  return {
    eventId: `bench-${randomUUID()}`,
    streamId: `notice-${keyId}`,
    version: n,
    type: 'KeyUnused',
    schemaVersion: 1,
    occurredAt: new Date().toISOString(),
    actor: { type: 'system' },
    data: { keyId, accountId, name: `key ${n}`, hint: 'kg_sk_…', lastUsedAt: null, unusedDays: 30 },
  };
}

async function main() {
  const state = await up({ mode: 'test' });
  const env = {
    ...benchEnv(state),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    WEBHOOK_POLL_MS: '200',
  };
  const hooks = receiver();
  await new Promise((listening) => hooks.server.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${hooks.server.address().port}/hooks`;
  const keyService = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/apps/key-service/src/main.js')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const client = createRpcClient(env.REDIS_URL);
  const redis = createRedis(env.REDIS_URL, 'webhooks-bench');
  try {
    await client.connect();
    let opened;
    for (let i = 0; !opened; i++)
      opened = await sendRpc(client, KeyServicePattern.OpenAccount, { name: 'bench' }, 2000).catch(
        (e) => (i > 100 ? Promise.reject(e) : null),
      );
    const accountId = opened.account.id;
    const { secret } = await sendRpc(
      client,
      KeyServicePattern.AddWebhook,
      { accountId, url, events: ['key.unused'] },
      5000,
    );

    const sender = new WebhookSender(new WebhookTarget(true), 10_000);
    const ceiling = async () => {
      const all = hooks.expect(EVENTS);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < EVENTS) {
            const n = next++;
            await sender.send(
              { url, secrets: [secret] },
              {
                id: `msg_${randomUUID()}`,
                type: 'key.unused',
                timestamp: new Date().toISOString(),
                data: { n },
              },
            );
          }
        }),
      );
      await all;
      return EVENTS / ((performance.now() - started) / 1000);
    };
    const throughStream = async (count, keyOf) => {
      const all = hooks.expect(count);
      const started = performance.now();
      const pipeline = redis.pipeline();
      for (let n = 0; n < count; n++)
        pipeline.xadd(
          env.KEYGATE_EVENT_STREAM,
          '*',
          'event',
          JSON.stringify(notice(accountId, keyOf(n), n)),
        );
      await pipeline.exec();
      await all;
      return count / ((performance.now() - started) / 1000);
    };

    const runs = { ceiling: [], 'many keys': [], 'one key': [] };
    await throughStream(50, (n) => `key_warm_${n}`); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      runs.ceiling.push(await ceiling());
      runs['many keys'].push(await throughStream(EVENTS, (n) => `key_${round}_${n}`));
      runs['one key'].push(await throughStream(ONE_KEY_EVENTS, () => `key_one_${round}`));
    }
    console.log(
      `\nWebhook delivery on loopback (${storeName(state)}), ${EVENTS} events (one key: ${ONE_KEY_EVENTS}), ${ROUNDS} interleaved rounds, medians`,
    );
    const c = median(runs.ceiling);
    for (const [name, list] of Object.entries(runs))
      console.log(
        `${name.padEnd(10)} ${Math.round(median(list)).toString().padStart(6)} events/s  ${
          name === 'ceiling' ? '' : `${(median(list) / c).toFixed(2)} of the ceiling  `
        }(rounds ${list.map((x) => Math.round(x)).join(', ')})`,
      );
  } finally {
    client.close();
    redis.disconnect();
    keyService.kill('SIGTERM');
    await new Promise((resolve) => keyService.once('exit', resolve));
    hooks.server.close();
    await down(state);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
