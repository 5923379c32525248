#!/usr/bin/env node
// Gateway throughput and latency on loopback, bounded in time, all measured in one run:
//   direct       the sample upstream called directly
//   bare proxy   the same call through bench/bare-proxy.js (the ceiling for a Node gateway here)
//   gateway      the same call through the Keygate gateway with a valid key
//   log on/off   two more gateways alike but for DECISION_LOG_ENABLED (per-minute counts, refusal
//                records), measured back to back in every round, in turn first
//   raw http     bench/raw-http.js: node:http answering a small JSON (the floor of a Node service)
//   auth-context GET /api/auth-context alone (verification only, no upstream)
//   scoped read  a product: [read] key's un-hydrated list read (streamed like the others)
//   scoped hydr. the same with hydrate=1 (answer read whole and checked), against bare hydr.
// Throughput with wrk when installed (apt-get install wrk: a C load generator leaves more of the two
// cores to the servers), autocannon otherwise; BENCH_CONNECTIONS (50) for BENCH_SECONDS (5), in
// BENCH_ROUNDS (3) interleaved rounds, medians reported, with the CPU time a call cost the process
// that served it. Concurrency-1 latency from sequential requests timed with hrtime.
// BENCH_TARGETS=name,name measures only those; BENCH_BASELINE=<checkout, built> runs that
// checkout's gateway beside this one, measured in the same rounds (baseline gw, baseline all).
// Not part of npm test.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { request } = require('undici');
const { LOAD_GENERATOR, throughput: load, median, cpuMsOf } = require('./load-generator');
const { up, down, freePort, waitForPort } = require('../scripts/services');
const { benchEnv, BENCH_METRICS_TOKEN } = require('./bench-env');

const ROOT = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL || 3000);
const { createRpcClient, sendRpc } = require(path.join(ROOT, 'dist/libs/connections/src'));

const children = [];
const byName = {};
function start(name, file, env) {
  // BENCH_PROFILE_DIR=<dir>: the gateways write V8 CPU profiles there (open them in Chrome DevTools).
  const profile =
    process.env.BENCH_PROFILE_DIR && name.startsWith('gateway')
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
  const child = spawn(process.execPath, [...profile, file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  byName[name] = child;
  return child;
}

async function sequentialLatency(url, headers) {
  const samples = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = process.hrtime.bigint();
    const { statusCode, body } = await request(url, { headers });
    await body.dump();
    if (statusCode !== 200) throw new Error(`${url}: ${statusCode}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

async function main() {
  // BENCH_REDIS=cluster: on a six-node Redis Cluster (three masters) instead of one server.
  const state = await up({ mode: 'test', redis: process.env.BENCH_REDIS || 'single' });
  const [upstreamPort, proxyPort, gatewayPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = { ...benchEnv(state), UPSTREAM_URL: `http://127.0.0.1:${upstreamPort}` };
  const client = createRpcClient(state.redisUrl);
  try {
    start('upstream', path.join(ROOT, 'examples/sample-upstream/server.js'), {
      PORT: String(upstreamPort),
    });
    const rawPort = await freePort();
    start('raw-http', path.join(__dirname, 'raw-http.js'), { PORT: String(rawPort) });
    start('bare-proxy', path.join(__dirname, 'bare-proxy.js'), {
      PORT: String(proxyPort),
      TARGET: env.UPSTREAM_URL,
    });
    start('key-service', path.join(ROOT, 'dist/apps/key-service/src/main.js'), env);
    start('gateway', path.join(ROOT, 'dist/apps/gateway/src/main.js'), {
      ...env,
      PORT: String(gatewayPort),
    });
    const unmeteredPort = await freePort();
    start('gateway without quota', path.join(ROOT, 'dist/apps/gateway/src/main.js'), {
      ...env,
      PORT: String(unmeteredPort),
      QUOTA_ENABLED: 'false',
    });
    // The decision log's cost: two gateways alike but for it, each serving only this comparison,
    // measured one after the other in every round, in turn first (so neither is always warmer).
    const [loggedPort, unloggedPort] = [await freePort(), await freePort()];
    for (const [port, enabled] of [
      [loggedPort, 'true'],
      [unloggedPort, 'false'],
    ])
      start(
        `gateway with DECISION_LOG_ENABLED=${enabled}`,
        path.join(ROOT, 'dist/apps/gateway/src/main.js'),
        {
          ...env,
          PORT: String(port),
          DECISION_LOG_ENABLED: enabled,
        },
      );
    // BENCH_BASELINE=<checkout, built>: its gateway too, beside this one on the same Redis and key
    // service, each of its targets ('baseline gw', 'baseline all') measured right beside this
    // gateway's, in turn first: a change's before and after in one run, round by round, instead of
    // two runs on a machine that drifts between them.
    const baselinePort = process.env.BENCH_BASELINE ? await freePort() : null;
    if (baselinePort)
      start(
        'gateway (baseline)',
        path.resolve(process.env.BENCH_BASELINE, 'dist/apps/gateway/src/main.js'),
        { ...env, PORT: String(baselinePort) },
      );
    await Promise.all([
      baselinePort && waitForPort(baselinePort, 'gateway (baseline)'),
      waitForPort(loggedPort, 'gateway with the decision log'),
      waitForPort(unloggedPort, 'gateway without the decision log'),
      waitForPort(upstreamPort, 'upstream'),
      waitForPort(proxyPort, 'bare proxy'),
      waitForPort(rawPort, 'raw http'),
      waitForPort(gatewayPort, 'gateway'),
      waitForPort(unmeteredPort, 'gateway without quota'),
    ]);
    await client.connect();
    let opened;
    for (let i = 0; !opened; i++) {
      opened = await sendRpc(
        client,
        'accounts.open',
        { name: 'bench', plan: 'enterprise' },
        2000,
      ).catch((e) => (i > 50 ? Promise.reject(e) : null));
    }
    const key = { 'x-auth-token': opened.applicationKeys[1].secret };
    const scopedKey = {
      'x-auth-token': (
        await sendRpc(
          client,
          'keys.create',
          {
            accountId: opened.account.id,
            name: 'product reader',
            rules: [{ resource: 'product', actions: ['read'] }],
          },
          5000,
        )
      ).secret,
    };
    // A key under every limit at once (a rate limit, credits, the quota), none of them reachable.
    const limitedKey = {
      'x-auth-token': (
        await sendRpc(
          client,
          'keys.create',
          {
            accountId: opened.account.id,
            name: 'limited reader',
            rules: [{ resource: '*', actions: ['read'] }],
            rateLimits: [{ limit: 1_000_000_000, windowSeconds: 1 }],
            credits: { remaining: 1_000_000_000 },
          },
          5000,
        )
      ).secret,
    };
    // A limit no bench can reach, so every call is admitted (and counted).
    for (const [port, headers] of [
      [gatewayPort, key],
      [unmeteredPort, key],
      [loggedPort, key],
      [unloggedPort, key],
      [gatewayPort, scopedKey],
      [gatewayPort, limitedKey],
      ...(baselinePort
        ? [
            [baselinePort, key],
            [baselinePort, limitedKey],
          ]
        : []),
    ])
      for (let i = 0; ; i++) {
        const { statusCode, body } = await request(`http://127.0.0.1:${port}/api/auth-context`, {
          headers,
        });
        await body.dump();
        if (statusCode === 200) break;
        if (i > 100) throw new Error(`gateway answered ${statusCode}`);
        await new Promise((r) => setTimeout(r, 100));
      }

    const path1 = '/api/v1/content/product';
    // Each target: its URL, the headers sent, and the process that serves it (whose CPU time per
    // call is measured beside the throughput).
    const logged = 'gateway with DECISION_LOG_ENABLED=true';
    const unlogged = 'gateway with DECISION_LOG_ENABLED=false';
    const targets = {
      direct: [`http://127.0.0.1:${upstreamPort}${path1}`, {}, 'upstream'],
      'bare proxy': [`http://127.0.0.1:${proxyPort}${path1}`, {}, 'bare-proxy'],
      gateway: [`http://127.0.0.1:${gatewayPort}${path1}`, key, 'gateway'],
      'all limits': [`http://127.0.0.1:${gatewayPort}${path1}`, limitedKey, 'gateway'],
      'no quota': [`http://127.0.0.1:${unmeteredPort}${path1}`, key, 'gateway without quota'],
      'log on': [`http://127.0.0.1:${loggedPort}${path1}`, key, logged],
      'log off': [`http://127.0.0.1:${unloggedPort}${path1}`, key, unlogged],
      'raw http': [`http://127.0.0.1:${rawPort}/`, {}, 'raw-http'],
      'auth-context': [`http://127.0.0.1:${gatewayPort}/api/auth-context`, key, 'gateway'],
      // A product: [read] key: its un-hydrated reads stream as the application key's do; its
      // hydrated reads are read whole and checked for embedded objects of other types.
      'scoped read': [`http://127.0.0.1:${gatewayPort}${path1}?limit=20`, scopedKey, 'gateway'],
      'scoped hydr.': [
        `http://127.0.0.1:${gatewayPort}${path1}?limit=20&hydrate=1`,
        scopedKey,
        'gateway',
      ],
      'bare hydr.': [`http://127.0.0.1:${proxyPort}${path1}?limit=20&hydrate=1`, {}, 'bare-proxy'],
      ...(baselinePort && {
        'baseline gw': [`http://127.0.0.1:${baselinePort}${path1}`, key, 'gateway (baseline)'],
        'baseline all': [
          `http://127.0.0.1:${baselinePort}${path1}`,
          limitedKey,
          'gateway (baseline)',
        ],
      }),
    };
    // BENCH_TARGETS=name,name: measure only these (the ratios print where both sides ran).
    const only = process.env.BENCH_TARGETS?.split(',').map((name) => name.trim());
    for (const name of Object.keys(targets)) if (only && !only.includes(name)) delete targets[name];
    const runs = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
    for (const [url, headers] of Object.values(targets)) await sequentialLatency(url, headers); // warm-up
    // Twins compared with each other run back to back, in turn first: the machine's speed drifts
    // within a round, and a twin always measured later would always pay for it.
    const twins = [
      ['log on', 'log off'],
      ['gateway', 'baseline gw'],
      ['all limits', 'baseline all'],
    ].filter(([a, b]) => targets[a] && targets[b]);
    const names = Object.keys(targets).filter((name) => !twins.some(([, b]) => b === name));
    for (let round = 0; round < ROUNDS; round++) {
      const order = names.flatMap((name) => {
        const pair = twins.find(([a]) => a === name);
        if (!pair) return [name];
        return round % 2 === 0 ? pair : [pair[1], pair[0]];
      });
      for (const [name, [url, headers, server]] of order.map((n) => [n, targets[n]])) {
        const cpuBefore = cpuMsOf(byName[server].pid);
        const loaded = await load(url, headers, { connections: CONNECTIONS, seconds: SECONDS });
        const cpuMs = cpuMsOf(byName[server].pid) - cpuBefore;
        runs[name].push({
          ...loaded,
          cpuUs: (1000 * cpuMs) / loaded.requests,
          c1: await sequentialLatency(url, headers),
        });
      }
    }
    const results = {};
    for (const [name, list] of Object.entries(runs)) {
      results[name] = {
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        c1: { p50: median(list.map((r) => r.c1.p50)), p99: median(list.map((r) => r.c1.p99)) },
        cpuUs: median(list.map((r) => r.cpuUs)),
      };
    }

    const f = (x, d = 2) => Number(x).toFixed(d);
    console.log(
      `\nGateway on loopback: ${LOAD_GENERATOR}, ${CONNECTIONS} connections x ${SECONDS} s, ${ROUNDS} interleaved rounds (medians), then ${SEQUENTIAL} sequential calls`,
    );
    console.log(
      'target        req/s     p50 ms  p99 ms   c=1 p50 ms  c=1 p99 ms   server CPU µs/call',
    );
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(12)}  ${f(r.rps, 0).padStart(7)}  ${f(r.p50, 1).padStart(7)} ${f(r.p99, 1).padStart(7)}   ${f(r.c1.p50, 3).padStart(9)}  ${f(r.c1.p99, 3).padStart(9)}   ${f(r.cpuUs, 1).padStart(8)}`,
      );
    }
    const ratio = (a, b) => f(results[a].rps / results[b].rps);
    const rounds = (a, b) => runs[a].map((r, i) => f(r.rps / runs[b][i].rps)).join(', ');
    // A line per comparison whose targets were both measured (BENCH_TARGETS may leave some out).
    const compare = (a, b, label, note) => {
      if (results[a] && results[b])
        console.log(`${label.padEnd(36)} ${ratio(a, b)}  (${note}per round ${rounds(a, b)})`);
    };
    // The other side of the same comparison: what a call costs the process serving it.
    const cpuRatio = (a, b) => f(results[b].cpuUs / results[a].cpuUs);
    const cpuRounds = (a, b) => runs[a].map((r, i) => f(runs[b][i].cpuUs / r.cpuUs)).join(', ');
    const compareCpu = (a, b, label) => {
      if (results[a] && results[b])
        console.log(
          `${label.padEnd(36)} ${cpuRatio(a, b)}  (${f(results[b].cpuUs, 1)} / ${f(results[a].cpuUs, 1)} µs; per round ${cpuRounds(a, b)})`,
        );
    };
    console.log('');
    compare('bare proxy', 'direct', 'bare proxy / direct throughput:', '');
    compare('gateway', 'bare proxy', 'gateway / bare proxy throughput:', 'target >= 0.70; ');
    if (results.gateway && results['bare proxy'])
      console.log(
        `gateway - bare proxy c=1 p50:        ${f(results.gateway.c1.p50 - results['bare proxy'].c1.p50, 3)} ms  (target <= 0.200)`,
      );
    compare(
      'scoped read',
      'gateway',
      'scoped read / gateway throughput:',
      'un-hydrated reads of a product: [read] key; ',
    );
    compare(
      'scoped hydr.',
      'bare hydr.',
      'scoped hydrated / bare hydrated:',
      'hydrate=1, answer checked; ',
    );
    compare('scoped hydr.', 'scoped read', 'scoped hydrated / scoped read:', '');
    compare('auth-context', 'raw http', 'auth-context / raw http throughput:', 'target >= 0.40; ');
    compare(
      'all limits',
      'bare proxy',
      'all limits / bare proxy throughput:',
      'a key under a rate limit, credits and the quota; target >= 0.80; ',
    );
    compare(
      'all limits',
      'gateway',
      'all limits / gateway throughput:',
      "what the rate limit and credits add to the quota's step; ",
    );
    if (results['log on'] && results['log off'] && results['bare proxy']) {
      const bare = results['bare proxy'];
      const points = (name) => (100 * results[name].rps) / bare.rps;
      // Per round: the two gateways' ratios to the bare proxy of that round, a difference in points.
      const pointsByRound = runs['log on'].map(
        (r, i) => (100 * (runs['log off'][i].rps - r.rps)) / runs['bare proxy'][i].rps,
      );
      console.log(
        `decision log cost:                   ${f(median(pointsByRound), 1)} points of the bare-proxy ratio (median of rounds; with it ${f(points('log on'), 1)}, without ${f(points('log off'), 1)}; target <= 3; per round ${pointsByRound.map((p) => f(p, 1)).join(', ')})`,
      );
    }
    compareCpu('gateway', 'bare proxy', 'CPU per call, bare proxy / gateway:');
    compareCpu('all limits', 'bare proxy', 'CPU per call, bare proxy / all limits:');
    compare('gateway', 'baseline gw', 'gateway / baseline gateway:', 'BENCH_BASELINE; ');
    compare('all limits', 'baseline all', 'all limits / baseline all limits:', 'BENCH_BASELINE; ');
    compare('baseline all', 'bare proxy', 'baseline all limits / bare proxy:', 'BENCH_BASELINE; ');
    compareCpu('gateway', 'baseline gw', 'CPU per call, baseline / gateway:');
    compareCpu('all limits', 'baseline all', 'CPU per call, baseline / all limits:');
    compare(
      'gateway',
      'no quota',
      'with quota / without throughput:',
      'target >= 0.85: admission costs < 15 %; ',
    );

    const metrics = await request(`http://127.0.0.1:${gatewayPort}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    });
    const text = await metrics.body.text();
    const metric = (name) => Number(new RegExp(`^${name} ([\\d.e+]+)$`, 'm').exec(text)?.[1]);
    const steps = metric('keygate_gateway_admission_batch_calls_count');
    console.log(
      `admission: ${f(metric('keygate_gateway_admission_batch_calls_sum') / steps, 1)} calls per Lua step on average (${steps} steps)`,
    );

    // The admission step alone: one Lua call, sequential, from this process.
    const { QuotaLedger } = require(path.join(ROOT, 'dist/libs/usage/src'));
    const { createRedis } = require(path.join(ROOT, 'dist/libs/connections/src'));
    const redis = createRedis(state.redisUrl, 'bench-admission');
    const ledger = new QuotaLedger(redis, 'keygate-bench-admission');
    const admissions = [];
    for (let i = 0; i < 10000; i++) {
      const started = process.hrtime.bigint();
      await ledger.admit(`acc_bench_${i % 100}`, 'key_bench', 1e9, Date.now());
      admissions.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await redis.quit();
    admissions.sort((a, b) => a - b);
    console.log(
      `admission step (Lua, 10,000 sequential): p50 ${f(admissions[5000], 3)} ms, p99 ${f(admissions[9900], 3)} ms`,
    );
  } finally {
    await client.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    await down(state);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
