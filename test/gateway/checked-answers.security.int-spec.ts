import { ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@keygate/testing';
import { CheckedAnswers } from '../../apps/gateway/src/checked-answers/checked-answers';
import { AccountConcurrency } from '../../apps/gateway/src/edge/account-concurrency';
import { dayIndexOf } from '@keygate/usage';
import { RunningGateway, SystemHarness, rawCall, withKey } from '../system.harness';

const PARALLEL = 64;
const HYDRATED_MB = 14; // the answer: a 7 MB product with its relations embedded, 14 MB

const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.99) - 1];

/** The first message of a kind from the hostile tenant's process. */
const next = <T>(child: ChildProcess, kind: string): Promise<T> =>
  new Promise((resolve) => {
    const listener = (message: Record<string, unknown>) => {
      if (!(kind in message)) return;
      child.off('message', listener);
      resolve(message[kind] as T);
    };
    child.on('message', listener);
  });

/**
 * A scoped key's hydrated reads are read whole and checked: what one tenant's flood of them may
 * cost every other tenant (issue 17, finding 1).
 */
describe('checked answers share one budget (security)', () => {
  const system = new SystemHarness();
  let hostile: ChildProcess;
  let upstreamProcess: ChildProcess;
  let gateway: RunningGateway;
  let scopedKey: string;
  let attackerId: string;
  let bystander: string;
  let bystanderScoped: string;

  beforeAll(async () => {
    await system.start(1);
    const fixture = () =>
      fork(join(__dirname, 'fixtures/hydrated-flood.ts'), [], {
        execArgv: ['--require', join(__dirname, '../../libs/testing/ts-register.js')],
        env: { ...process.env, HYDRATED_MB: String(HYDRATED_MB) },
      });
    // The upstream and the hostile client would run on other machines: here they yield the CPU
    // to the gateway under test rather than compete with it, the upstream less (it must still
    // answer the bystander's reads promptly), the client most.
    upstreamProcess = fixture();
    hostile = fixture();
    setPriority(upstreamProcess.pid!, 8);
    setPriority(hostile.pid!, 15);
    const upstream = await next<string>(upstreamProcess, 'upstream');
    await next(hostile, 'upstream');
    gateway = await system.startGateway({ UPSTREAM_URL: upstream });
    const attacker = await system.openAccount('Flooding tenant', 'pro');
    attackerId = attacker.account.id;
    scopedKey = (
      await system.createKey(attacker.account.id, {
        name: 'products only',
        rules: [{ resource: 'product', actions: ['read'] }],
      })
    ).secret;
    const other = await system.openAccount('Bystander', 'pro');
    bystander = other.applicationKeys[1].secret;
    bystanderScoped = (
      await system.createKey(other.account.id, {
        name: 'products only',
        rules: [{ resource: 'product', actions: ['read'] }],
      })
    ).secret;
    await system.gatewaysCaughtUp();
  });
  afterAll(async () => {
    hostile?.kill();
    upstreamProcess?.kill();
    await system.stop();
  });

  /**
   * The bystander's calls to `path` with `secret`, one after another (a stall of the gateway
   * shows in one sample, not in several at once), until 200 are done and `until` holds (or 60 s
   * have passed: a starved gateway, as before the budget, answers in seconds): their latencies.
   */
  const statusesSeen = new Set<number>();
  const bystanderLatencies = async (
    path: string,
    secret: string,
    until: () => boolean = () => true,
  ) => {
    const latencies: number[] = [];
    const deadline = performance.now() + 60_000;
    while ((latencies.length < 200 || !until()) && performance.now() < deadline) {
      const started = performance.now();
      const { status } = await rawCall(gateway.url, path, { headers: withKey(secret) });
      latencies.push(performance.now() - started);
      statusesSeen.add(status);
    }
    return latencies;
  };
  const AUTH_CONTEXT = '/api/auth-context';
  const SMALL_HYDRATED = '/api/v1/content/product/small-1?hydrate=1';

  it('checks a 14 MB hydrated answer off the event loop as it checks a small one', async () => {
    const { status, body } = await rawCall(
      gateway.url,
      '/api/v1/content/product/product-1?hydrate=1',
      { headers: withKey(scopedKey) },
    );
    expect(status).toBe(200);
    expect(body.name).toBe('Heavy');
    expect(body.categories.length).toBeGreaterThan(10_000);
    expect(body.categories[0]).toEqual({
      dataUrl: '/api/v1/content/category/category-0',
      type: 'internal',
    });
    expect(JSON.stringify(body)).not.toContain('xxxxxxxxxx');
  });

  it('gives back the slot and the bytes of a client that hangs up while its answer is checked', async () => {
    const { hostname, port } = new URL(gateway.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /api/v1/content/product/product-1?hydrate=1 HTTP/1.1\r\nHost: x\r\nX-AUTH-TOKEN: ${scopedKey}\r\n\r\n`,
    );
    const concurrency = gateway.app.get(AccountConcurrency);
    const checked = gateway.app.get(CheckedAnswers);
    await waitFor(() => checked.bytesInUse > 0, 10_000); // the answer is being read
    socket.destroy(); // long before a 14 MB answer is checked
    await waitFor(
      () => concurrency.inFlightOf(attackerId) === 0 && checked.bytesInUse === 0,
      20_000,
    );
  });

  it(`leaves other tenants' p99 (checked reads too) and the gateway's memory alone under ${PARALLEL} parallel ${HYDRATED_MB} MB hydrated reads`, async () => {
    const unloaded = p99(await bystanderLatencies(AUTH_CONTEXT, bystander));
    const unloadedChecked = p99(await bystanderLatencies(SMALL_HYDRATED, bystanderScoped));
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
    const usedBefore = await system.ledger().windowTotal(attackerId, dayIndexOf(Date.now()));
    hostile.send({ attack: { gateway: gateway.url, key: scopedKey, parallel: PARALLEL } });
    let served = 0;
    hostile.on('message', (message: { served?: number }) => (served = message.served ?? served));
    await next(hostile, 'sent'); // the flood is under way: its first round is at the gateway
    // Measured while the flood's answers are being read, checked and sent: until six are served.
    const loaded = p99(await bystanderLatencies(AUTH_CONTEXT, bystander, () => served >= 3));
    const loadedChecked = p99(
      await bystanderLatencies(SMALL_HYDRATED, bystanderScoped, () => served >= 6),
    );
    const stopped = next<{ rounds: number; statuses: Record<string, number> }>(hostile, 'stopped');
    hostile.send({ stop: true });
    const { statuses } = await stopped;
    clearInterval(sampler);
    const grewMb = (rssPeak - rssBefore) / 2 ** 20;
    console.log(
      `bystander p99 unloaded -> under the flood: auth-context ${unloaded.toFixed(1)} -> ${loaded.toFixed(1)} ms, ` +
        `small hydrated read ${unloadedChecked.toFixed(1)} -> ${loadedChecked.toFixed(1)} ms; ` +
        `RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB -> peak ${(rssPeak / 2 ** 20).toFixed(0)} MB; ` +
        `flood answers ${JSON.stringify(statuses)}`,
    );
    // Before issue 17 the flood took another tenant's p99 to 4,270 ms. The floors leave room for a
    // busy two-core machine (a checked read waits its turn on the check threads the flood also
    // uses: 77-160 ms seen in CI), far below what the attack did.
    expect(loaded).toBeLessThanOrEqual(Math.max(3 * unloaded, 250));
    expect(loadedChecked).toBeLessThanOrEqual(Math.max(3 * unloadedChecked, 500));
    expect([...statusesSeen]).toEqual([200]);
    expect(grewMb).toBeLessThanOrEqual(350);
    // The flood's reads are served, one after another within its share, and each counted once:
    // the ledger holds those served and at most the rest of the round that was cut off.
    expect(statuses['200']).toBeGreaterThanOrEqual(6);
    const used =
      (await system.ledger().windowTotal(attackerId, dayIndexOf(Date.now()))) - usedBefore;
    expect(used).toBeGreaterThanOrEqual(statuses['200']);
    expect(used).toBeLessThanOrEqual(statuses['200'] + PARALLEL);
  }, 180_000);
});
