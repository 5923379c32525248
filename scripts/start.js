#!/usr/bin/env node
// `npm start`: finds or starts Redis and a MongoDB-wire server (scripts/services.js), then runs
// the four apps from dist/: the gateway on PORT, the Panel on PANEL_PORT. Ctrl-C stops everything
// it started.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { up, down, freePort } = require('./services');

const ROOT = path.resolve(__dirname, '..');
const SERVICES = [
  { name: 'key-service', entry: 'dist/apps/key-service/src/main.js' },
  { name: 'usage-service', entry: 'dist/apps/usage-service/src/main.js' },
  { name: 'gateway', entry: 'dist/apps/gateway/src/main.js' },
  { name: 'panel', entry: 'dist/apps/panel/src/main.js' },
];

async function main() {
  const state = await up({ mode: 'dev' });
  const env = { ...process.env, REDIS_URL: state.redisUrl, MONGO_URL: state.mongoUrl };
  const services = [...SERVICES];
  if (!process.env.UPSTREAM_URL) {
    const port = await freePort();
    env.UPSTREAM_URL = `http://127.0.0.1:${port}`;
    services.unshift({
      name: 'sample-upstream',
      entry: 'examples/sample-upstream/server.js',
      env: { PORT: String(port) },
    });
  }
  const children = services.map(({ name, entry, env: own }) => {
    const child = spawn(process.execPath, [path.join(ROOT, entry)], {
      env: { ...env, ...own },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        for (const line of String(chunk).split('\n').filter(Boolean))
          process.stdout.write(`[${name}] ${line}\n`);
      });
    }
    return { name, child };
  });

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
    // Each service exits within SHUTDOWN_TIMEOUT_MS (8 s) by itself; this is the backstop.
    const backstop = setTimeout(() => {
      for (const { name, child } of children)
        if (child.exitCode === null && child.signalCode === null) {
          process.stderr.write(`[start] ${name} did not stop; killing it\n`);
          child.kill('SIGKILL');
        }
    }, 12_000);
    await Promise.all(
      children.map(({ child }) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((r) => child.once('exit', r))
          : null,
      ),
    );
    clearTimeout(backstop);
    await down(state);
    process.exit(code);
  };
  for (const { name, child } of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`[start] ${name} exited with code ${code}; stopping the rest\n`);
        stop(1);
      }
    });
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.stdout.write(
    `[start] gateway (API keys, /api/*) on http://127.0.0.1:${process.env.PORT || 3000}\n` +
      `[start] Panel (/panel, /operator, /docs) on http://127.0.0.1:${process.env.PANEL_PORT || 3001}/panel\n` +
      '[start] Ctrl-C stops everything\n',
  );
}

main().catch((error) => {
  process.stderr.write(`[start] ${error.message}\n`);
  process.exit(1);
});
