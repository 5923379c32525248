import { createHash } from 'node:crypto';
import { CLOCK } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';
import { PanelClient } from './panel.client';

describe('Panel API: sign-up, login, sessions, roles', () => {
  const system = new SystemHarness({ PANEL_LOGIN_LIMIT: '3' }, { usageService: true });

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  it('signs up: 201 with the account, the admin, a session and both application keys shown once', async () => {
    const { signup } = await PanelClient.signup(system, 'Signup Co');
    const body = signup.body;
    expect(body.account).toMatchObject({ name: 'Signup Co', plan: 'starter' });
    expect(body.user).toMatchObject({ role: 'admin', accountId: body.account.id });
    expect(body.session).toMatch(/^kgs_/);
    expect(body.applicationKeys).toHaveLength(4); // a live pair and a test pair
    expect(body.applicationKeys.map((k: { access: string }) => k.access).sort()).toEqual([
      'read-only',
      'read-only',
      'read-write',
      'read-write',
    ]);
    for (const key of body.applicationKeys) {
      expect(Object.keys(key).sort()).toEqual([
        'access',
        'environment',
        'hint',
        'id',
        'kind',
        'name',
        'secret',
      ]);
      expect(key.secret).toMatch(
        key.environment === 'test' ? /^kg_test_[0-9A-Za-z]{38}$/ : /^kg_sk_[0-9A-Za-z]{38}$/,
      );
    }
    const cookie = signup.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kg_session=kgs_/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    // The secrets are not shown again anywhere.
    const client = new PanelClient(system, body.session);
    const listed = await client.get('/keys');
    expect(JSON.stringify(listed.body)).not.toContain(body.applicationKeys[0].secret);
  });

  it('answers 400 VALIDATION_FAILED naming the fields, and 409 for an email already registered', async () => {
    const anonymous = new PanelClient(system);
    const bad = await anonymous.post('/signup', { email: 'nope', password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'accountName',
      'email',
      'password',
    ]);
    const notJson = await anonymous.request('POST', '/signup', undefined, {
      'content-type': 'text/plain',
    });
    expect(notJson.status).toBe(400);
    const plainBody = await system.call('/panel/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'email=me',
    });
    expect(plainBody.status).toBe(415);
    expect(plainBody.body.error.code).toBe('VALIDATION_FAILED');
    const { email } = await PanelClient.signup(system, 'Twice');
    const again = await anonymous.post('/signup', {
      email: email.toUpperCase(),
      password: 'another password',
      accountName: 'Twice again',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('logs in, logs out (204), and the session is gone', async () => {
    const { email } = await PanelClient.signup(system, 'Login Co');
    const anonymous = new PanelClient(system);
    const login = await anonymous.post('/login', { email, password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(email);
    expect(login.body.account.name).toBe('Login Co');
    const client = new PanelClient(system, login.body.session);
    expect((await client.get('/keys')).status).toBe(200);
    expect((await client.post('/logout')).status).toBe(204);
    const after = await client.get('/keys');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHORIZED');
  });

  it('expires sessions after PANEL_SESSION_TTL_SECONDS', async () => {
    const clock = new ManualClock();
    const panel = await system.startPanel({ PANEL_SESSION_TTL_SECONDS: '600' }, [
      { provide: CLOCK, useValue: clock },
    ]);
    try {
      const { email } = await PanelClient.signup(system, 'Expiry Co');
      const login = await system.call(
        '/panel/api/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'correct horse battery' }),
        },
        panel,
      );
      const keys = () =>
        system.call(
          '/panel/api/keys',
          { headers: { authorization: `Bearer ${login.body.session}` } },
          panel,
        );
      expect((await keys()).status).toBe(200);
      // Redis drops it at the TTL too, so nothing is left behind.
      const digest = createHash('sha256').update(login.body.session).digest('hex');
      const ttl = await system.redis.ttl(
        `${system.env.KEYGATE_REDIS_NAMESPACE}:{panel-sessions}:${digest}`,
      );
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600);
      clock.advance(599_000);
      expect((await keys()).status).toBe(200);
      clock.advance(2_000);
      expect((await keys()).status).toBe(401);
    } finally {
      await panel.app.close();
    }
  });

  it('throttles failed logins per email: 429 TOO_MANY_ATTEMPTS with Retry-After, even with the right password', async () => {
    const { email } = await PanelClient.signup(system, 'Throttle Co');
    const anonymous = new PanelClient(system);
    for (let i = 0; i < 3; i++) {
      const wrong = await anonymous.post('/login', { email, password: 'wrong password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('Wrong email or password');
    }
    const blocked = await anonymous.post('/login', { email, password: 'correct horse battery' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const unknown = await anonymous.post('/login', {
      email: 'nobody@example.com',
      password: 'whatever',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe('Wrong email or password');
  });

  it('never takes an API key on /panel, nor a session on /api', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Separation Co');
    await system.gatewaysCaughtUp();
    const secret = signup.body.applicationKeys[0].secret;
    const withApiKey = await system.call('/panel/api/keys', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(withApiKey.status).toBe(401);
    expect(withApiKey.body.error.message).toContain('API keys are not accepted');
    const withSession = await system.call('/api/v1/content/product', {
      headers: { authorization: `Bearer ${client.session}` },
    });
    expect(withSession.status).toBe(401);
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status,
    ).toBe(200);
  });

  it('lets members read keys and usage but not manage keys', async () => {
    const { client: admin } = await PanelClient.signup(system, 'Roles Co');
    const memberEmail = `member-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const added = await admin.post('/users', {
      email: memberEmail,
      password: 'member password',
      role: 'member',
    });
    expect(added.status).toBe(201);
    expect(added.body.user).toMatchObject({ email: memberEmail, role: 'member' });
    const login = await new PanelClient(system).post('/login', {
      email: memberEmail,
      password: 'member password',
    });
    const member = new PanelClient(system, login.body.session);
    expect((await member.get('/keys')).status).toBe(200);
    expect((await member.get('/usage')).status).toBe(200);
    const create = await member.post('/keys', {
      name: 'nope',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('FORBIDDEN');
    expect(
      (
        await member.post('/users', {
          email: 'x@example.com',
          password: 'password1',
          role: 'admin',
        })
      ).status,
    ).toBe(403);
    expect((await admin.get('/users')).body.users).toHaveLength(2);
  });

  it('asks a cookie session for its CSRF token on writes', async () => {
    const { signup } = await PanelClient.signup(system, 'Cookie Co');
    const cookie = signup.headers.get('set-cookie')!.split(';')[0];
    const body = JSON.stringify({ name: 'k', rules: [{ resource: 'product', actions: ['read'] }] });
    const headers = { cookie, 'content-type': 'application/json' };
    expect((await system.call('/panel/api/keys', { headers })).status).toBe(200);
    const withoutToken = await system.call('/panel/api/keys', { method: 'POST', headers, body });
    expect(withoutToken.status).toBe(403);
    const withToken = await system.call('/panel/api/keys', {
      method: 'POST',
      headers: { ...headers, 'x-csrf-token': signup.body.csrfToken },
      body,
    });
    expect(withToken.status).toBe(201);
  });
});
