import { generateSecret } from '@keygate/key-secret';
import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';

describe('gateway brute-force protection', () => {
  const system = new SystemHarness({
    AUTH_FAILURE_LIMIT: '5',
    AUTH_FAILURE_WINDOW_SECONDS: '30',
    TRUSTED_PROXIES: '127.0.0.1',
  });
  let valid: string;

  beforeAll(async () => {
    await system.start(2);
    valid = (await system.openAccount('Brute')).applicationKeys[0].secret;
    await system.gatewaysCaughtUp();
  });
  afterAll(() => system.stop());

  const attempt = (ip: string, secret: string, gateway = system.gateways[0]) =>
    system.call(
      '/api/v1/content/product',
      { headers: { ...withKey(secret), 'X-Forwarded-For': ip } },
      gateway,
    );

  /**
   * Bad keys from `ip` until `gateway` answers 429 (each failure is counted in Redis and the
   * gateway marks the address blocked when the count's reply comes back): that answer.
   */
  const until429 = async (ip: string, gateway = system.gateways[0]) => {
    let answer = await attempt(ip, generateSecret('kg'), gateway);
    let attempts = 1;
    await waitFor(async () => {
      if (answer.status !== 429) {
        answer = await attempt(ip, generateSecret('kg'), gateway);
        attempts++;
      }
      return answer.status === 429;
    }, 5_000);
    return { ...answer, attempts };
  };

  it('answers 429 TOO_MANY_ATTEMPTS with Retry-After to bad keys once an IP fails too often, on every gateway', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt('198.51.100.10', generateSecret('kg'))).status).toBe(401);
    // Gateway 2 learns of the block from the shared counter on its first failure from that IP;
    // the limit holds within the replies still on their way (a failure or two).
    for (const gateway of system.gateways) {
      const { status, headers, body, attempts } = await until429('198.51.100.10', gateway);
      expect(attempts).toBeLessThanOrEqual(3);
      expect(status).toBe(429);
      expect(body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(headers.get('retry-after'))).toBeLessThanOrEqual(30);
    }
  });

  it('keeps serving valid keys from a blocked address (one bad client behind a NAT locks out no one)', async () => {
    for (let i = 0; i < 5; i++) await attempt('198.51.100.20', generateSecret('kg'));
    for (const gateway of system.gateways) {
      expect((await until429('198.51.100.20', gateway)).status).toBe(429);
      expect((await attempt('198.51.100.20', valid, gateway)).status).toBe(200);
    }
  });

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    // One bad key from each address of the network, in turn: the network is blocked once the
    // limit (5) is reached, whichever addresses the failures came from.
    for (let n = 1; n <= 5; n++)
      expect((await attempt(`2001:db8:5:5::${n}`, generateSecret('kg'))).status).toBe(401);
    const blocked = await until429('2001:db8:5:5::6');
    expect(blocked.attempts).toBeLessThanOrEqual(3);
    // Its valid keys still pass, and another /64 is not blocked.
    expect((await attempt('2001:db8:5:5::99', valid)).status).toBe(200);
    expect((await attempt('2001:db8:5:6::1', generateSecret('kg'))).status).toBe(401);
  });

  it('does not block other addresses', async () => {
    expect((await attempt('198.51.100.11', valid)).status).toBe(200);
  });

  it('does not count forbidden calls as failed authentication', async () => {
    const readOnly = (await system.openAccount('RO')).applicationKeys[1].secret;
    await system.gatewaysCaughtUp();
    for (let i = 0; i < 8; i++) {
      const { status } = await system.call('/api/v1/content/product', {
        method: 'POST',
        headers: { ...withKey(readOnly), 'X-Forwarded-For': '198.51.100.12' },
        body: '{}',
      });
      expect(status).toBe(403);
    }
  });
});
