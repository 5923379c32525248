#!/usr/bin/env node
// Key service end to end over the Redis RPC transport, bounded in time:
//   - baseline: the health RPC (transport only), sequential
//   - key creations per second with 8 in flight, for BENCH_SECONDS (default 10)
//   - one command (rotate, no grace) sequentially: p50/p99
// Prints medians and ratios against the baseline measured in this same run. Not part of npm test.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { up, down } = require('../scripts/services');
const { benchEnv, storeName } = require('./bench-env');

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const { createRpcClient, sendRpc } = require(path.join(ROOT, 'dist/libs/connections/src'));
const { KeyServicePattern } = require(path.join(ROOT, 'dist/libs/contracts/src'));

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};
const ms = (ns) => Number(ns) / 1e6;

async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return ms(process.hrtime.bigint() - start);
}

async function main() {
  const state = await up({ mode: 'test' });
  const env = { ...process.env, ...benchEnv(state) };
  const service = spawn(process.execPath, [path.join(ROOT, 'dist/apps/key-service/src/main.js')], {
    env,
    stdio: 'inherit',
  });
  const client = createRpcClient(state.redisUrl);
  try {
    await client.connect();
    const send = (pattern, payload) => sendRpc(client, pattern, payload, 15000);
    for (let i = 0; ; i++) {
      try {
        await send(KeyServicePattern.Health, {});
        break;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const baseline = [];
    for (let i = 0; i < 500; i++)
      baseline.push(await timed(() => send(KeyServicePattern.Health, {})));

    const accounts = [];
    for (let i = 0; i < 8; i++)
      accounts.push(
        (await send(KeyServicePattern.OpenAccount, { name: `bench-${i}`, plan: 'enterprise' }))
          .account.id,
      );
    const createLatencies = [];
    const deadline = Date.now() + SECONDS * 1000;
    const started = Date.now();
    let created = 0;
    await Promise.all(
      accounts.map(async (accountId) => {
        while (Date.now() < deadline && created < 8 * 1000) {
          createLatencies.push(
            await timed(() =>
              send(KeyServicePattern.CreateKey, {
                accountId,
                name: 'bench',
                rules: [{ resource: '*', actions: ['read'] }],
              }),
            ),
          );
          created++;
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;

    const opened = await send(KeyServicePattern.OpenAccount, {
      name: 'rotate',
      plan: 'enterprise',
    });
    const keyId = opened.applicationKeys[0].key.id;
    const rotateLatencies = [];
    const rotateDeadline = Date.now() + SECONDS * 1000;
    while (Date.now() < rotateDeadline && rotateLatencies.length < 1000) {
      rotateLatencies.push(
        await timed(() =>
          send(KeyServicePattern.RotateKey, { accountId: opened.account.id, keyId }),
        ),
      );
    }

    const base = summary(baseline);
    const create = summary(createLatencies);
    const rotate = summary(rotateLatencies);
    const f = (x) => x.toFixed(2);
    console.log(`\nKey service over Redis RPC (loopback, ${storeName(state)})`);
    console.log(
      `baseline  health RPC      n=${base.n}  p50 ${f(base.p50)} ms  p99 ${f(base.p99)} ms`,
    );
    console.log(
      `create    8 in flight     ${(created / elapsed).toFixed(1)} keys/s  p50 ${f(create.p50)} ms  p99 ${f(create.p99)} ms  (p50 = ${f(create.p50 / base.p50)}x baseline)`,
    );
    console.log(
      `rotate    sequential      n=${rotate.n}  p50 ${f(rotate.p50)} ms  p99 ${f(rotate.p99)} ms  (p50 = ${f(rotate.p50 / base.p50)}x baseline)`,
    );
  } finally {
    await client.close();
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    await down(state);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
