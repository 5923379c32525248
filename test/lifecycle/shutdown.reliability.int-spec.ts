import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testEnv, waitFor } from '@keygate/testing';

interface StartedRedis {
  pid: number;
  port: number;
  url: string;
}
const services = require('../../scripts/services') as {
  startRedis(dir: string, persistent: boolean, port?: number): Promise<StartedRedis>;
  isAlive(pid: number): boolean;
  freePort(): Promise<number>;
  waitForPort(port: number, name: string): Promise<void>;
};

const ROOT = resolve(__dirname, '../..');

/** Resolves with how long the process took to exit, or rejects after `limitMs` (and kills it). */
function exitWithin(child: ChildProcess, limitMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`still running ${limitMs} ms after SIGTERM`));
    }, limitMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(Date.now() - started);
    });
  });
}

/** Counts connections to `port` (on loopback), each closed at once, as a Redis that is gone. */
async function dialsTo(port: number): Promise<{ count: number; close(): void }> {
  const dials = { count: 0, close: () => server.close() };
  const server = createServer((socket) => {
    dials.count++;
    socket.destroy();
  });
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return dials;
}

/**
 * Each service as a real process, from its sources: Redis is killed under it, then SIGTERM must
 * end it within 10 s (an orchestrator's grace period), whatever it was retrying, and cleanly:
 * not by the shutdown deadline.
 */
describe('SIGTERM with Redis gone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['gateway', 'PORT'],
    ['key-service', 'HEALTH_PORT'],
    ['usage-service', 'HEALTH_PORT'],
    ['panel', 'PANEL_PORT'],
  ])('stops the %s within 10 s', async (app, portVariable) => {
    const redis = await services.startRedis(join(dir, app), false);
    const port = await services.freePort();
    const child = spawn(
      process.execPath,
      ['-r', './libs/testing/ts-register.js', `apps/${app}/src/main.ts`],
      {
        cwd: ROOT,
        env: { ...process.env, ...testEnv({ REDIS_URL: redis.url }), [portVariable]: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    try {
      await services.waitForPort(port, app);
      process.kill(redis.pid, 'SIGKILL');
      await waitFor(() => !services.isAlive(redis.pid), 5000, 20);
      // The service is retrying once it dials Redis's port again: listen there and see it try.
      const retries = await dialsTo(redis.port);
      try {
        await waitFor(() => retries.count > 0, 15_000, 20);
        child.kill('SIGTERM');
      } finally {
        retries.close();
      }
      expect(await exitWithin(child, 20_000)).toBeLessThan(10_000);
      // 0: every shutdown hook finished; 1 would be SHUTDOWN_TIMEOUT_MS (8 s) cutting one short.
      expect(child.exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (services.isAlive(redis.pid)) process.kill(redis.pid, 'SIGKILL');
    }
  });
});
