#!/usr/bin/env node
// Admission on one Redis server, a one-master Redis Cluster and a three-master Redis Cluster
// (no replicas), all started on loopback in one run:
//   1. the admission script alone: BENCH_LOADERS (2) processes, each with BENCH_IN_FLIGHT (32)
//      steps on the way, every step 8 calls of one of BENCH_ACCOUNTS (3,000) accounts (a busy
//      gateway's batch), for BENCH_SECONDS (5);
//   2. the gateway: a key service and a gateway on each deployment, and wrk sending calls of
//      BENCH_HTTP_ACCOUNTS (12) accounts' keys in turn (one account is one slot: many spread).
// BENCH_ROUNDS (3) interleaved rounds, medians, ratios against the single server of the same run.
// Two cores run the servers, the loaders and the apps: a Cluster cannot add cores here, so this
// shows what the Cluster client costs and that spreading accounts costs nothing; what more masters
// give on machines with cores to spare is in docs/scaling.md. Not part of npm test.
'use strict';
const { spawn, fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { randomInt } = require('node:crypto');
const { request } = require('undici');
const services = require('../scripts/services');
const { benchEnv } = require('./bench-env');
const { LOAD_GENERATOR, throughput, median } = require('./load-generator');

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const LOADERS = Number(process.env.BENCH_LOADERS || 2);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT || 32);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS || 3000);
const HTTP_ACCOUNTS = Number(process.env.BENCH_HTTP_ACCOUNTS || 12);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const CALLS_PER_STEP = Number(process.env.BENCH_CALLS_PER_STEP || 8);
const dist = (lib) => require(path.join(ROOT, 'dist/libs', lib, 'src'));

/** One loader process: admission steps on `url` until `seconds` are up; prints how many ran. */
async function loader(url, seconds, namespace) {
  const { createRedis } = dist('connections');
  const { QuotaLedger, newStepId, withoutLimits } = dist('usage');
  const redis = createRedis(url, 'bench-admission-loader');
  const ledger = new QuotaLedger(redis, namespace);
  const limits = { quota: 1e12, rateLimits: [] };
  const calls = withoutLimits(Array.from({ length: CALLS_PER_STEP }, (_, i) => `key_${i % 4}`));
  const until = Date.now() + seconds * 1000;
  let steps = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (Date.now() < until) {
        const now = Date.now();
        await ledger.admitMany(`acc_${randomInt(ACCOUNTS)}`, calls, limits, now, newStepId(now));
        steps += 1;
      }
    }),
  );
  redis.disconnect();
  process.send({ steps });
}

/** Steps per second of the admission script on `url`, from LOADERS processes at once. */
async function admissionRate(url, namespace) {
  const counts = await Promise.all(
    Array.from(
      { length: LOADERS },
      () =>
        new Promise((resolve, reject) => {
          const child = fork(__filename, ['load', url, String(SECONDS), namespace]);
          child.once('message', ({ steps }) => resolve(steps));
          child.once('exit', (code) => code !== 0 && reject(new Error(`loader exited ${code}`)));
        }),
    ),
  );
  return counts.reduce((a, b) => a + b, 0) / SECONDS;
}

const children = [];
function start(file, env) {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

/** A key service and a gateway on `redisUrl`; answers the gateway's URL and keys of many accounts. */
async function gatewayOn(state, redisUrl, upstreamUrl) {
  const { createRpcClient, sendRpc } = dist('connections');
  const env = { ...benchEnv({ ...state, redisUrl }), UPSTREAM_URL: upstreamUrl };
  const port = await services.freePort();
  start(path.join(ROOT, 'dist/apps/key-service/src/main.js'), env);
  start(path.join(ROOT, 'dist/apps/gateway/src/main.js'), { ...env, PORT: String(port) });
  await services.waitForPort(port, 'gateway');
  const client = createRpcClient(redisUrl);
  await client.connect();
  const keys = [];
  try {
    for (let a = 0; a < HTTP_ACCOUNTS; a++) {
      let opened = null;
      for (let i = 0; !opened; i++)
        opened = await sendRpc(
          client,
          'accounts.open',
          { name: `bench ${a}`, plan: 'enterprise' },
          5000,
        ).catch((error) => (i > 50 ? Promise.reject(error) : null));
      keys.push({ 'x-auth-token': opened.applicationKeys[1].secret });
    }
  } finally {
    await client.close();
  }
  const url = `http://127.0.0.1:${port}/api/v1/content/product`;
  for (const headers of keys)
    for (let i = 0; ; i++) {
      const { statusCode, body } = await request(url, { headers });
      await body.dump();
      if (statusCode === 200) break;
      if (i > 100) throw new Error(`gateway on ${redisUrl} answered ${statusCode}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  return { url, keys };
}

async function main() {
  // The RPC clients opened here would log each connection.
  require('@nestjs/common').Logger.overrideLogger(['error', 'warn']);
  const state = await services.up({ mode: 'test' });
  const dir = fs.mkdtempSync(path.join(state.base, 'clusters-'));
  const deployments = { 'one server': state.redisUrl };
  const started = [];
  try {
    for (const masters of [1, 3]) {
      const cluster = await services.startRedisCluster(path.join(dir, `m${masters}`), {
        masters,
        replicas: 0,
      });
      started.push(...cluster.started);
      deployments[`Cluster, ${masters} master${masters > 1 ? 's' : ''}`] = cluster.url;
    }
    const names = Object.keys(deployments);
    const f = (x, d = 2) => Number(x).toFixed(d);

    const scripts = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const name of names)
        scripts[name].push(await admissionRate(deployments[name], `bench-${round}`));
    console.log(
      `\nThe admission script alone: ${LOADERS} loaders x ${IN_FLIGHT} steps in flight, ${CALLS_PER_STEP} calls a step, ${ACCOUNTS} accounts, ${SECONDS} s, ${ROUNDS} interleaved rounds (medians)`,
    );
    console.log('deployment            steps/s   calls/s   / one server (per round)');
    const base = scripts['one server'];
    for (const name of names)
      console.log(
        `${name.padEnd(20)} ${f(median(scripts[name]), 0).padStart(8)}  ${f(median(scripts[name]) * CALLS_PER_STEP, 0).padStart(8)}   ${f(median(scripts[name]) / median(base))} (${scripts[name].map((r, i) => f(r / base[i])).join(', ')})`,
      );

    const upstreamPort = await services.freePort();
    start(path.join(ROOT, 'examples/sample-upstream/server.js'), { PORT: String(upstreamPort) });
    await services.waitForPort(upstreamPort, 'upstream');
    const gateways = {};
    for (const name of names)
      gateways[name] = await gatewayOn(
        state,
        deployments[name],
        `http://127.0.0.1:${upstreamPort}`,
      );
    const calls = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++)
      for (const name of names)
        calls[name].push(
          await throughput(
            gateways[name].url,
            {},
            {
              connections: CONNECTIONS,
              seconds: SECONDS,
              rotate: gateways[name].keys,
            },
          ),
        );
    console.log(
      `\nThe gateway (GET /api/v1/content/product, ${HTTP_ACCOUNTS} accounts' keys in turn): ${LOAD_GENERATOR}, ${CONNECTIONS} connections x ${SECONDS} s, ${ROUNDS} interleaved rounds (medians)`,
    );
    console.log('deployment             req/s   p50 ms  p99 ms   / one server (per round)');
    const gwBase = calls['one server'];
    for (const name of names) {
      const rps = calls[name].map((r) => r.rps);
      console.log(
        `${name.padEnd(20)} ${f(median(rps), 0).padStart(7)}  ${f(median(calls[name].map((r) => r.p50)), 1).padStart(7)} ${f(median(calls[name].map((r) => r.p99)), 1).padStart(7)}   ${f(median(rps) / median(gwBase.map((r) => r.rps)))} (${rps.map((r, i) => f(r / gwBase[i].rps)).join(', ')})`,
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    for (const node of started) if (services.isAlive(node.pid)) process.kill(node.pid, 'SIGKILL');
    await services.down(state);
  }
}

if (process.argv[2] === 'load')
  loader(process.argv[3], Number(process.argv[4]), process.argv[5]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
