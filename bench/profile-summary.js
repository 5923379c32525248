#!/usr/bin/env node
// Where a V8 CPU profile's busy time goes (the files BENCH_PROFILE_DIR collects):
//   node bench/profile-summary.js <file.cpuprofile> [top] [skip seconds]
// Prints self time by layer (the package or part of Node a function lives in) and the top
// functions by self time, both as shares of the samples that were not idle. `skip seconds`
// leaves out the process's first seconds (its start-up: module loading, Nest wiring).
'use strict';
const fs = require('node:fs');

const LAYERS = [
  ['(garbage collector)', /^\(garbage collector\)$/],
  ['(program)', /^\(program\)$/],
  ['fastify', /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request)\//],
  ['nest', /node_modules\/@nestjs\//],
  ['undici', /node_modules\/undici\//],
  ['ioredis', /node_modules\/(ioredis|redis-parser|@ioredis)\//],
  ['passport', /node_modules\/passport/],
  ['prom-client', /node_modules\/(prom-client|tdigest|bintrees)\//],
  ['other packages', /node_modules\//],
  ['keygate', /\/dist\/(apps|libs)\//],
  ['node (js)', /^node:/],
];

function layerOf(node) {
  const { functionName, url } = node.callFrame;
  for (const [name, pattern] of LAYERS)
    if (pattern.test(url) || pattern.test(functionName)) return name;
  return url ? 'other' : 'node (native)';
}

const [file, top = '25', skipSeconds = '0'] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node);
const NODE_ITSELF = new Set(['node (js)', 'node (native)', 'other']);
/** The layer of the nearest frame on the stack that is not Node's own: who asked for the work. */
function callerLayerOf(node) {
  for (let at = node; at; at = parentOf.get(at.id)) {
    const layer = layerOf(at);
    if (!NODE_ITSELF.has(layer)) return layer;
  }
  return 'node (event loop)';
}
const hits = new Map();
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i];
  if (elapsedUs >= Number(skipSeconds) * 1e6) hits.set(id, (hits.get(id) ?? 0) + 1);
});
let idle = 0;
let busy = 0;
const layers = new Map();
const functions = new Map();
const callers = new Map();
for (const [id, count] of hits) {
  const node = byId.get(id);
  if (node.callFrame.functionName === '(idle)') {
    idle += count;
    continue;
  }
  busy += count;
  const layer = layerOf(node);
  layers.set(layer, (layers.get(layer) ?? 0) + count);
  const caller = callerLayerOf(node);
  callers.set(caller, (callers.get(caller) ?? 0) + count);
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')}:${lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + count);
}
const share = (n) => `${((100 * n) / busy).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${busy} busy samples, ${((100 * idle) / (idle + busy)).toFixed(0)} % idle`);
console.log('\nself time by layer (share of busy samples)');
for (const [name, count] of [...layers].sort((a, b) => b[1] - a[1]))
  console.log(`  ${share(count)}  ${name}`);
console.log(
  "\nthe same, Node's own work counted to the nearest package or app frame that called it",
);
for (const [name, count] of [...callers].sort((a, b) => b[1] - a[1]))
  console.log(`  ${share(count)}  ${name}`);
console.log(`\ntop ${top} functions by self time`);
for (const [name, count] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(`  ${share(count)}  ${name}`);
