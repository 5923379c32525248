import { Secret, TOTP } from 'otpauth';
import { PanelClient } from './panel.client';
import { SystemHarness } from '../system.harness';

const PASSWORD = 'correct horse battery';

/** A code of the authenticator app for `secret`, `aheadMs` from now. */
const codeOf = (secret: string, aheadMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + aheadMs });

/** Two-factor sign-in: the password alone opens nothing, a code works once, recovery codes too. */
describe('two-factor sign-in', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  it('enrols with a code, then logs in only with a code (once each) or a recovery code (once), and turns off', async () => {
    const { client, email } = await PanelClient.signup(system, 'Second Factor Co');
    const enrol = await client.post('/session/two-factor');
    expect(enrol.status).toBe(201);
    const secret = enrol.body.secret as string;
    expect(enrol.body.otpauthUrl).toContain(`secret=${secret}`);
    // The secret is kept sealed, never as it was shown.
    const stored = await system.mongo.collection('panel_users').findOne({ email });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const wrongFirst = await client.post('/session/two-factor/confirm', { code: '000000' });
    expect(wrongFirst.status).toBe(400);
    const confirmed = await client.post('/session/two-factor/confirm', { code: codeOf(secret) });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(
      JSON.stringify(await system.mongo.collection('panel_users').findOne({ email })),
    ).not.toContain(recoveryCodes[0]);

    const passwordStep = async () => {
      const anonymous = new PanelClient(system);
      const answer = await anonymous.post('/login', { email, password: PASSWORD });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ twoFactorRequired: true });
      expect(answer.body.session).toBeUndefined();
      expect(answer.headers.get('set-cookie')).toBeNull();
      return answer.body.challenge as string;
    };
    const secondStep = (challenge: string, factor: Record<string, string>) =>
      new PanelClient(system).post('/login/two-factor', { challenge, ...factor });

    const challenge = await passwordStep();
    expect((await secondStep(challenge, { code: '000000' })).status).toBe(401);
    // The next step's code (the confirm used this one): accepted within ±1 step, once.
    const next = codeOf(secret, 30_000);
    const signedIn = await secondStep(challenge, { code: next });
    expect(signedIn.status).toBe(200);
    const session = new PanelClient(system, signedIn.body.session);
    expect((await session.get('/keys')).status).toBe(200);
    // The session and the team say so, and no answer carries the password's hash.
    const own = await session.get('/session');
    expect(own.body.user).toMatchObject({ email, twoFactor: true });
    const team = await session.get('/users');
    expect(team.body.users.find((u: { email: string }) => u.email === email)).toMatchObject({
      twoFactor: true,
    });
    for (const answer of [signedIn, own, team])
      expect(JSON.stringify(answer.body)).not.toMatch(/passwordHash|scrypt/);
    expect((await secondStep(challenge, { code: next })).status).toBe(401); // challenge used up
    expect((await secondStep(await passwordStep(), { code: next })).status).toBe(401); // replay

    const withRecovery = await secondStep(await passwordStep(), { recoveryCode: recoveryCodes[0] });
    expect(withRecovery.status).toBe(200);
    expect(
      (await secondStep(await passwordStep(), { recoveryCode: recoveryCodes[0] })).status,
    ).toBe(401);

    const audit = await session.get('/audit?limit=1');
    expect(audit.body.events[0]).toMatchObject({ action: 'PanelUserTwoFactorChanged' });
    expect(audit.body.events[0].data).toMatchObject({ enabled: true });

    expect(
      (await session.request('DELETE', '/session/two-factor', { code: '000000' })).status,
    ).toBe(400);
    const off = await session.request('DELETE', '/session/two-factor', {
      recoveryCode: recoveryCodes[1],
    });
    expect(off.status).toBe(204);
    expect((await session.get('/session')).body.user.twoFactor).toBe(false);
    const plain = await new PanelClient(system).post('/login', { email, password: PASSWORD });
    expect(plain.body.session).toMatch(/^kgs_/);
  });

  it('sends a user without it to enrolment once the account requires it', async () => {
    const { client: admin } = await PanelClient.signup(system, 'Required Co');
    const email = `member-${Date.now()}@required.example`;
    await admin.post('/users', { email, password: PASSWORD, role: 'member' });
    const member = new PanelClient(system);
    member.session = (await member.post('/login', { email, password: PASSWORD })).body.session;
    expect((await member.request('PUT', '/account/two-factor', { required: true })).status).toBe(
      403,
    ); // admins only
    const required = await admin.request('PUT', '/account/two-factor', { required: true });
    expect(required.status).toBe(200);
    expect(required.body.account).toMatchObject({ twoFactorRequired: true });
    const audit = await admin.get('/audit?limit=1');
    expect(audit.body.events[0]).toMatchObject({ action: 'AccountTwoFactorRequirementChanged' });

    const login = await member.post('/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ twoFactorEnrolmentRequired: true });
    member.session = login.body.session;
    // Only enrolment: the keys, the users, anything else is refused until then.
    const keys = await member.get('/keys');
    expect(keys.status).toBe(403);
    expect(keys.body.error.message).toMatch(/requires two-factor sign-in/);
    expect((await member.get('/session')).status).toBe(200);
    const { secret } = (await member.post('/session/two-factor')).body as { secret: string };
    const confirmed = await member.post('/session/two-factor/confirm', { code: codeOf(secret) });
    expect(confirmed.status).toBe(200);
    expect((await member.get('/keys')).status).toBe(200);
  });
});
