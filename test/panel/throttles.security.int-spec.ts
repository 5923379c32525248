import { KeyServicePattern } from '@keygate/contracts';
import { RunningPanel, SystemHarness, rawCall } from '../system.harness';
import { KeyServiceClient } from '../../apps/panel/src/rpc/key-service.client';
import { PanelClient } from './panel.client';

const PASSWORD = 'correct horse battery';
const LOGIN_LIMIT = 3;
const SIGNUP_LIMIT = 4;

/** One client is one IPv6 network, not 2^64 addresses; and one email is guessed a few at a time. */
describe('Panel throttles per client network (security)', () => {
  const system = new SystemHarness({
    PANEL_LOGIN_LIMIT: String(LOGIN_LIMIT),
    PANEL_LOGIN_IP_LIMIT: '50',
    PANEL_SIGNUP_LIMIT: String(SIGNUP_LIMIT),
    TRUSTED_PROXIES: '127.0.0.1',
  });
  beforeAll(() => system.start());
  afterAll(() => system.stop());

  const login = (
    email: string,
    password: string,
    ip: string,
    panel: { url: string } = system.panel,
  ) =>
    rawCall(panel.url, '/panel/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });

  it('checks no more of 100 parallel guesses from one /64 than from one address', async () => {
    const { email } = await PanelClient.signup(system, 'Prefix Co');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        login(email, 'wrong', `2001:db8:1:1::${(n + 1).toString(16)}`),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(100 - LOGIN_LIMIT);
    // Another /64 is another client: its own allowance, and the real user gets in from it.
    expect((await login(email, PASSWORD, '2001:db8:1:2::1')).status).toBe(200);
  });

  it('takes one allowance of sign-ups for a whole /64', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        rawCall(system.panel.url, '/panel/api/signup', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `2001:db8:2:2::${n + 1}`,
          },
          body: JSON.stringify({
            email: `prefix-${n}-${Date.now()}@example.com`,
            password: PASSWORD,
            accountName: 'Prefix',
          }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SIGNUP_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - SIGNUP_LIMIT);
  });

  it('checks at most PANEL_LOGIN_IN_FLIGHT_LIMIT logins of one email at once, from any clients', async () => {
    const { email } = await PanelClient.signup(system, 'In Flight Co');
    // A Panel whose logins pause once they have read the user's credentials: the first two are
    // then in flight, held there until the test lets them go.
    let reached = 0;
    let twoInFlight!: () => void;
    const bothThere = new Promise<void>((resolve) => (twoInFlight = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const keyService = {
      call: async (pattern: string, request: unknown) => {
        const answer = await system.send(pattern, request);
        if (
          pattern === KeyServicePattern.UserCredentials &&
          (request as { email: string }).email === email
        ) {
          if (++reached === 2) twoInFlight();
          await released;
        }
        return answer;
      },
    };
    let panel: RunningPanel | null = null;
    try {
      panel = await system.startPanel({ PANEL_LOGIN_IN_FLIGHT_LIMIT: '2' }, [
        { provide: KeyServiceClient, useValue: keyService },
      ]);
      const first = login(email, 'wrong', '198.51.100.31', panel);
      const second = login(email, 'wrong', '198.51.100.32', panel);
      await bothThere;
      const third = await login(email, 'wrong', '198.51.100.33', panel);
      expect(third.status).toBe(429);
      expect(third.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      release();
      expect((await first).status).toBe(401);
      expect((await second).status).toBe(401);
      // Their places are given back: the next attempt is checked.
      expect((await login(email, 'wrong', '198.51.100.34', panel)).status).toBe(401);
    } finally {
      release();
      await panel?.app.close();
    }
  });
});
