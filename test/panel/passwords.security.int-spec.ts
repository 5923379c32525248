import { createHash } from 'node:crypto';
import { waitFor } from '@keygate/testing';
import { PanelClient } from './panel.client';
import { SystemHarness } from '../system.harness';

const STRONG = 'violet lantern orbit';
const NEWER = 'amber compass meadow';

/** Passwords: changed by their owner, reset by an admin's one-time link, and never weak. */
describe('Panel passwords', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  const login = async (email: string, password: string) => {
    const client = new PanelClient(system);
    const answer = await client.post('/login', { email, password });
    client.session = answer.status === 200 ? answer.body.session : null;
    return { client, status: answer.status };
  };

  it('changes your own password, checking the current one and the new one’s strength, and ends your other sessions', async () => {
    const { client: here, email } = await PanelClient.signup(system, 'Change Co');
    const { client: elsewhere } = await login(email, 'correct horse battery');

    const wrong = await here.post('/session/password', { current: 'not it', next: STRONG });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([
      { field: 'current', message: 'is not your current password' },
    ]);
    const weak = await here.post('/session/password', {
      current: 'correct horse battery',
      next: 'password123',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0]).toMatchObject({
      field: 'next',
      message: expect.stringMatching(/^is too easy to guess: This is a commonly used password/),
    });

    const changed = await here.post('/session/password', {
      current: 'correct horse battery',
      next: STRONG,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ended: 1 });
    expect((await elsewhere.get('/keys')).status).toBe(401);
    expect((await here.get('/keys')).status).toBe(200);
    expect((await login(email, 'correct horse battery')).status).toBe(401);
    expect((await login(email, STRONG)).status).toBe(200);
    const audit = await here.get('/audit?limit=1');
    expect(audit.body.events[0]).toMatchObject({ action: 'PanelUserPasswordChanged' });
    expect(JSON.stringify(audit.body)).not.toContain(STRONG);
  });

  it('resets a teammate’s password with a link that works once, within its hour, and only for its account', async () => {
    const { client: admin } = await PanelClient.signup(system, 'Reset Co');
    const email = `forgetful-${Date.now()}@reset.example`;
    const added = await admin.post('/users', { email, password: STRONG, role: 'member' });
    const userId = added.body.user.id as string;
    const { client: member } = await login(email, STRONG);

    const stranger = await PanelClient.signup(system, 'Other Reset Co');
    expect((await stranger.client.post(`/users/${userId}/password-reset`)).status).toBe(404);
    expect((await member.post(`/users/${userId}/password-reset`)).status).toBe(403);

    const issued = await admin.post(`/users/${userId}/password-reset`);
    expect(issued.status).toBe(201);
    expect(issued.body.resetUrl).toMatch(/\/panel#reset=kgr_[A-Za-z0-9_-]{43}$/);
    const token = issued.body.token as string;
    expect(issued.body.resetUrl.endsWith(token)).toBe(true);
    // Kept an hour, as a hash only.
    const key = `${system.env.KEYGATE_REDIS_NAMESPACE}:{panel-resets}:${createHash('sha256').update(token).digest('hex')}`;
    expect(await system.redis.ttl(key)).toBeGreaterThan(3500);
    expect(JSON.stringify(await system.redis.keys('*panel-resets*'))).not.toContain(token);

    const anonymous = new PanelClient(system);
    const weak = await anonymous.post('/password-reset', { token, password: 'password123' });
    expect(weak.status).toBe(400);
    // A weak password leaves the link working; a strong one uses it up.
    expect((await anonymous.post('/password-reset', { token, password: NEWER })).status).toBe(204);
    expect((await anonymous.post('/password-reset', { token, password: NEWER })).status).toBe(400);
    expect((await member.get('/keys')).status).toBe(401);
    expect((await login(email, STRONG)).status).toBe(401);
    expect((await login(email, NEWER)).status).toBe(200);
    const audit = (await admin.get('/audit?limit=2')).body.events.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(['PanelUserPasswordChanged', 'PanelUserPasswordResetIssued']);

    // A link past its hour is refused: Redis lets it expire.
    const late = (await admin.post(`/users/${userId}/password-reset`)).body.token as string;
    const lateKey = `${system.env.KEYGATE_REDIS_NAMESPACE}:{panel-resets}:${createHash('sha256').update(late).digest('hex')}`;
    await system.redis.pexpire(lateKey, 1);
    await waitFor(async () => (await system.redis.exists(lateKey)) === 0, 5_000, 5);
    const expired = await anonymous.post('/password-reset', { token: late, password: NEWER });
    expect(expired.status).toBe(400);
    expect(expired.body.error.fields).toEqual([
      { field: 'token', message: 'is unknown, used or expired' },
    ]);

    // A removed user's link goes with them.
    const before = (await admin.post(`/users/${userId}/password-reset`)).body.token as string;
    expect((await admin.delete(`/users/${userId}`)).status).toBe(204);
    expect(
      (await anonymous.post('/password-reset', { token: before, password: NEWER })).status,
    ).toBe(400);
  });
});
