#!/usr/bin/env node
// What a scoped key's read costs the gateway's CPU beyond any other read, measured in-process
// (no network, so the figure does not drown in loopback noise), against a baseline from the same
// run: parsing the request target, which every call already pays.
//   plan           contentReadPlan for an un-hydrated read (`?limit=20`): the only work added
//                  to the streamed path
//   check          a hydrated answer (20 products with 2 categories each) parsed, walked for
//                  unreadable objects and serialized: the work added to a hydrated read
// Run `npm run build` first. Not part of npm test.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const dist = (file) => require(path.join(ROOT, 'dist/apps/gateway/src', file));
const { canonicalTarget } = dist('edge/canonical-target');
const { contentReadPlan } = dist('content-scope/scoped-reads');
const { withUnreadableAsReferences } = dist('content-scope/unreadable-objects');

const ROUNDS = 7;
const CALLS = Number(process.env.BENCH_CALLS || 200_000);

const scoped = {
  id: 'k',
  accountId: 'a',
  name: 'reader',
  kind: 'user',
  access: null,
  type: 'standard',
  rules: [{ resource: 'product', actions: ['read'] }],
  status: 'active',
  expiresAt: null,
  allowedHosts: [],
  version: 1,
  secretHash: 'h',
  previousSecretHash: null,
  previousValidUntil: null,
};

const object = (type, id, fields) => ({
  id,
  ...fields,
  internal: { contentType: type, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01' },
});
const answer = JSON.stringify({
  total_count: 20,
  count: 20,
  total_pages: 1,
  current_page: 1,
  data: Array.from({ length: 20 }, (_, i) =>
    object('product', `product-${i}`, {
      name: `Product ${i}`,
      price: i * 3.5,
      categories: [
        object('category', 'c1', { name: 'Tools' }),
        object('category', 'c2', { name: 'Garden' }),
      ],
    }),
  ),
});

function nsPerCall(work, calls) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) work(i);
  return Number(process.hrtime.bigint() - started) / calls;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const targets = {
  'parse target (baseline)': () => canonicalTarget('/api/v1/content/product?limit=20'),
  'plan, un-hydrated': () =>
    contentReadPlan(scoped, 'GET', canonicalTarget('/api/v1/content/product?limit=20')),
  'plan, hydrate=1': () =>
    contentReadPlan(scoped, 'GET', canonicalTarget('/api/v1/content/product?limit=20&hydrate=1')),
  'check answer (20 objects)': () =>
    JSON.stringify(withUnreadableAsReferences(JSON.parse(answer), (type) => type === 'product')),
  'JSON parse+stringify only': () => JSON.stringify(JSON.parse(answer)),
};

const runs = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
for (const work of Object.values(targets)) nsPerCall(work, CALLS / 10); // warm-up
for (let round = 0; round < ROUNDS; round++)
  for (const [name, work] of Object.entries(targets))
    runs[name].push(
      nsPerCall(work, name.startsWith('check') || name.startsWith('JSON') ? CALLS / 50 : CALLS),
    );

console.log(`\nScoped reads, in-process, median of ${ROUNDS} interleaved rounds (ns per call)`);
for (const [name, list] of Object.entries(runs))
  console.log(`${name.padEnd(28)} ${median(list).toFixed(0).padStart(8)}`);
const baseline = median(runs['parse target (baseline)']);
const plan = median(runs['plan, un-hydrated']) - baseline;
console.log(
  `\nadded to an un-hydrated read: ${plan.toFixed(0)} ns (${((plan / 1e6 / 0.25) * 100).toFixed(2)} % of a 0.25 ms gateway call; the bar is 3 %)`,
);
console.log(
  `added to a hydrated read of ${answer.length} bytes: ${(median(runs['check answer (20 objects)']) / 1000).toFixed(1)} µs (of which JSON parse+stringify ${(median(runs['JSON parse+stringify only']) / 1000).toFixed(1)} µs)`,
);
