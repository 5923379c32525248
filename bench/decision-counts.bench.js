#!/usr/bin/env node
// What counting admitted calls by use (the decision log's per-minute counts, ADR 13) adds to one
// admission step: the same single-call steps with and without them, from one process, in
// interleaved rounds (each round's order swapped), against a Redis the bench starts itself.
// BENCH_STEPS (4000) steps per round and side, BENCH_ROUNDS (5) rounds. Not part of npm test.
'use strict';
const path = require('node:path');
const { up, down } = require('../scripts/services');

const ROOT = path.resolve(__dirname, '..');
const STEPS = Number(process.env.BENCH_STEPS || 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

async function main() {
  const state = await up({ mode: 'test', redis: 'single' });
  const { QuotaLedger, callLabel } = require(path.join(ROOT, 'dist/libs/usage/src'));
  const { createRedis } = require(path.join(ROOT, 'dist/libs/connections/src'));
  const redis = createRedis(state.redisUrl, 'bench-decision-counts');
  try {
    const sides = {
      'with counts': new QuotaLedger(redis, 'bench-counts-on'),
      'without counts': new QuotaLedger(redis, 'bench-counts-off', { countUses: false }),
    };
    const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
    const call = { id: 'key_bench', rateLimits: [], label: callLabel('product', 'read') };
    const limits = { quota: 1e12, rateLimits: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = Object.entries(sides);
      if (round % 2 === 1) order.reverse();
      for (const [name, ledger] of order)
        for (let i = 0; i < STEPS; i++) {
          const now = Date.now();
          const stepId = `${Math.floor(now / 60_000)}.${name}-${round}-${i}`;
          const started = process.hrtime.bigint();
          await ledger.admitMany(`acc_bench_${i % 100}`, [call], limits, now, stepId);
          samples[name].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
    }
    const at = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
    const p50 = {};
    console.log(`\nAdmission steps of one call: ${STEPS} x ${ROUNDS} interleaved rounds a side`);
    for (const [name, list] of Object.entries(samples)) {
      list.sort((a, b) => a - b);
      p50[name] = at(list, 0.5);
      console.log(
        `${name.padEnd(15)} p50 ${at(list, 0.5).toFixed(3)} ms  p99 ${at(list, 0.99).toFixed(3)} ms`,
      );
    }
    console.log(
      `with / without counts, p50: ${(p50['with counts'] / p50['without counts']).toFixed(2)}`,
    );
  } finally {
    await redis.quit();
    await down(state);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
