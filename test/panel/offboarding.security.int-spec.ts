import { PanelClient } from './panel.client';
import { SystemHarness } from '../system.harness';

const PASSWORD = 'a long team passphrase';

/**
 * A colleague who leaves must lose the account at once: their open session is refused on its
 * next request, on every Panel instance, and their email and password sign in nowhere.
 */
describe('offboarding a Panel user', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  async function teammate(admin: PanelClient, role: 'admin' | 'member') {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@team.example`;
    const added = await admin.post('/users', { email, password: PASSWORD, role });
    expect(added.status).toBe(201);
    const client = new PanelClient(system);
    const login = await client.post('/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    client.session = login.body.session;
    return { client, email, id: added.body.user.id as string };
  }

  it('ends a removed user’s sessions on every Panel instance and their login, in the audit', async () => {
    const {
      client: admin,
      email: adminEmail,
      signup,
    } = await PanelClient.signup(system, 'Team Co');
    const leaver = await teammate(admin, 'member');
    expect((await leaver.client.get('/keys')).status).toBe(200);
    // A second Panel instance on the same Redis: the session must end there too.
    const other = await system.startPanel();
    try {
      const onOther = () =>
        fetch(`${other.url}/panel/api/keys`, {
          headers: { authorization: `Bearer ${leaver.client.session}` },
        });
      expect((await onOther()).status).toBe(200);

      // A member removes no one.
      expect((await leaver.client.delete(`/users/${signup.body.user.id}`)).status).toBe(403);
      expect((await admin.delete(`/users/${leaver.id}`)).status).toBe(204);

      expect((await leaver.client.get('/keys')).status).toBe(401);
      expect((await onOther()).status).toBe(401);
      const again = await new PanelClient(system).post('/login', {
        email: leaver.email,
        password: PASSWORD,
      });
      expect(again.status).toBe(401);
      expect((await admin.get('/users')).body.users.map((u: { id: string }) => u.id)).not.toContain(
        leaver.id,
      );
      const audit = await admin.get('/audit?limit=5');
      expect(audit.body.events[0]).toMatchObject({
        action: 'PanelUserRemoved',
        actor: { type: 'user', email: adminEmail },
      });
      expect(audit.body.events[0].data).toMatchObject({ userId: leaver.id, email: leaver.email });
    } finally {
      await other.app.close();
    }
  });

  it('keeps the last admin, lets an admin leave while another remains, and finds no one of another account', async () => {
    const { client: admin, signup } = await PanelClient.signup(system, 'Admins Co');
    const adminId = signup.body.user.id as string;
    const removeSelf = await admin.delete(`/users/${adminId}`);
    expect(removeSelf.status).toBe(409);
    expect(removeSelf.body.error.code).toBe('NOT_ALLOWED');

    const second = await teammate(admin, 'admin');
    const stranger = await PanelClient.signup(system, 'Stranger Co');
    expect((await stranger.client.delete(`/users/${second.id}`)).status).toBe(404);
    expect((await second.client.get('/keys')).status).toBe(200);

    expect((await admin.delete(`/users/${adminId}`)).status).toBe(204);
    expect((await admin.get('/keys')).status).toBe(401);
    expect((await second.client.delete(`/users/${second.id}`)).status).toBe(409);
  });
});
