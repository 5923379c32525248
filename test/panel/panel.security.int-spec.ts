import { Logger } from '@nestjs/common';
import { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import { SystemHarness, rawCall } from '../system.harness';
import { PanelClient } from './panel.client';

const PASSWORD = 'correct horse battery';

/** The Panel as an attacker meets it: bodies, logins, sign-ups, cookies, Host, audit, metrics. */
describe('Panel (security)', () => {
  const system = new SystemHarness(
    {
      PANEL_LOGIN_LIMIT: '3',
      PANEL_LOGIN_IP_LIMIT: '10',
      PANEL_BODY_LIMIT_BYTES: '8192',
      TRUSTED_PROXIES: '127.0.0.1',
    },
    { usageService: true },
  );
  beforeAll(() => system.start());
  afterAll(() => system.stop());

  const from = (ip: string, extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    'x-forwarded-for': ip,
    ...extra,
  });
  const login = (email: string, password: string, ip: string) =>
    system.call('/panel/api/login', {
      method: 'POST',
      headers: from(ip),
      body: JSON.stringify({ email, password }),
    });

  it('answers 413 PAYLOAD_TOO_LARGE to a 20 MB login body without reading it', async () => {
    const { status, body } = await system.call('/panel/api/login', {
      method: 'POST',
      headers: from('192.0.2.1'),
      body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(20 * 1024 * 1024) }),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes Content-Type: application/json with no body where the body is optional', async () => {
    const { client } = await PanelClient.signup(system, 'Empty Body Co');
    const created = await client.post('/keys', {
      name: 'k',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    const revoke = await client.request('POST', `/keys/${created.body.key.id}/revoke`, undefined, {
      'content-type': 'application/json',
    });
    expect(revoke.status).toBe(200);
    const rotate = await client.request('POST', `/keys/${created.body.key.id}/rotate`, undefined, {
      'content-type': 'application/json',
      'content-length': '0',
    });
    expect(rotate.status).toBe(409); // a revoked key cannot rotate; the empty body was read fine
  });

  it('lets nobody else lock a user out: wrong passwords from one address block that address only', async () => {
    const { email } = await PanelClient.signup(system, 'Lockout Co');
    for (let i = 0; i < 3; i++)
      expect((await login(email, 'wrong', '198.51.100.7')).status).toBe(401);
    expect((await login(email, PASSWORD, '198.51.100.7')).status).toBe(429);
    const started = Date.now();
    const real = await login(email, PASSWORD, '203.0.113.50');
    expect(real.status).toBe(200);
    // Past the per-email limit every check is slowed down, not refused.
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('checks at most the limit of 20 parallel guesses from one address', async () => {
    const { email } = await PanelClient.signup(system, 'Parallel Co');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => login(email, 'wrong', '198.51.100.8')),
    );
    const statuses = answers.map((a) => a.status);
    // At most the 3 the limit allows, fewer when PANEL_LOGIN_IN_FLIGHT_LIMIT (2) refused some
    // while others were being checked; every other guess is refused unchecked.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - checked);
  });

  it('throttles sign-ups per address', async () => {
    const panel = await system.startPanel({ PANEL_SIGNUP_LIMIT: '4' });
    const signup = (i: number) =>
      rawCall(panel.url, '/panel/api/signup', {
        method: 'POST',
        headers: from('198.51.100.9'),
        body: JSON.stringify({
          email: `s${i}-${Date.now()}@example.com`,
          password: PASSWORD,
          accountName: 'S',
        }),
      });
    for (let i = 0; i < 4; i++) expect((await signup(i)).status).toBe(201);
    const refused = await signup(5);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await panel.app.close();
  });

  it('scopes the session cookie to /panel, Secure behind a TLS-terminating trusted proxy', async () => {
    const { email } = await PanelClient.signup(system, 'Cookie Co');
    const plain = await login(email, PASSWORD, '192.0.2.10');
    expect(plain.headers.get('set-cookie')).toMatch(/Path=\/panel;/);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    const tls = await system.call('/panel/api/login', {
      method: 'POST',
      headers: from('192.0.2.10', { 'x-forwarded-proto': 'https' }),
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it.each([
    ['PANEL_PUBLIC_URL', 'https://panel.example.test'],
    ['PUBLIC_URL', 'https://api.example.test'],
  ])('marks the session cookie Secure when %s is https', async (variable, url) => {
    const { email } = await PanelClient.signup(system, `Public ${variable}`);
    const panel = await system.startPanel({ [variable]: url });
    try {
      const answer = await rawCall(panel.url, '/panel/api/login', {
        method: 'POST',
        headers: from('192.0.2.11'),
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(answer.status).toBe(200);
      expect(String(answer.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await panel.app.close();
    }
  });

  it('never writes the request’s Host into the per-key OpenAPI document', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Host Co');
    const doc = await rawCall(
      system.panel.url,
      `/panel/api/keys/${signup.body.applicationKeys[0].id}/openapi.json`,
      { headers: { authorization: `Bearer ${client.session}`, host: 'evil.example' } },
    );
    expect(doc.status).toBe(200);
    expect(JSON.stringify(doc.body)).not.toContain('evil.example');
  });

  it('audits panel user additions and role changes, and ends the changed user’s sessions', async () => {
    const { client } = await PanelClient.signup(system, 'Audit Co');
    const email = `member-${Date.now()}@example.com`;
    const added = await client.post('/users', { email, password: PASSWORD, role: 'member' });
    expect(added.status).toBe(201);
    const member = new PanelClient(system);
    member.session = (await login(email, PASSWORD, '192.0.2.20')).body.session;
    const promoted = await client.patch(`/users/${added.body.user.id}`, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user.role).toBe('admin');
    expect((await member.get('/keys')).status).toBe(401);
    const { body } = await client.get('/audit');
    const actions = body.events.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['PanelUserRoleChanged', 'PanelUserAdded']);
    expect(body.events[0].data).toMatchObject({ email, from: 'member', to: 'admin' });
    expect(body.events[0].actor.type).toBe('user');
    expect((await client.patch(`/users/${added.body.user.id}`, { role: 'member' })).status).toBe(
      200,
    );
    const self = (await client.get('/users')).body.users.find(
      (u: { email: string }) => u.email !== email,
    );
    const lastAdmin = await client.patch(`/users/${self.id}`, { role: 'member' });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error.code).toBe('NOT_ALLOWED');
  });

  it('keeps /metrics closed unless METRICS_TOKEN is set', async () => {
    const { status, body } = await system.call('/metrics');
    expect(status).toBe(403);
    expect(body.error.code).toBe('FORBIDDEN');
  });

  it('does not log a client that hangs up mid-body as an error', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const server = system.panel.app.getHttpServer() as Server;
    const arrived = new Promise<IncomingMessage>((resolve) => server.once('request', resolve));
    const { hostname, port } = new URL(system.panel.url);
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        'POST /panel/api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"email":',
      ),
    );
    const request = await arrived; // the Panel is reading the body
    const hungUp = new Promise((resolve) => request.once('close', resolve));
    socket.destroy();
    await hungUp; // the Panel saw the client go
    await new Promise((resolve) => setImmediate(resolve)); // and handled what that failed
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
