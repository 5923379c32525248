import { PanelClient } from './panel.client';
import { SystemHarness } from '../system.harness';

const PASSWORD = 'correct horse battery';

interface Listed {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  ip: string;
  userAgent: string;
  current: boolean;
}

/** A user sees and ends their own sessions, and no one else's. */
describe('a Panel user’s own sessions', () => {
  const system = new SystemHarness();

  beforeAll(() => system.start(1));
  afterAll(() => system.stop());

  async function login(email: string, userAgent: string) {
    const client = new PanelClient(system);
    const answer = await client.request(
      'POST',
      '/login',
      { email, password: PASSWORD },
      { 'user-agent': userAgent },
    );
    expect(answer.status).toBe(200);
    client.session = answer.body.session;
    return client;
  }

  it('lists them with where they were opened, ends one, ends all the others, and only its own', async () => {
    const { client: first, email } = await PanelClient.signup(system, 'Sessions Co');
    const laptop = await login(email, 'Laptop/1.0');
    expect((await first.get('/keys')).status).toBe(200);

    const listed = await laptop.get('/sessions');
    expect(listed.status).toBe(200);
    const sessions = listed.body.sessions as Listed[];
    expect(sessions).toHaveLength(2);
    const [mine, other] = [sessions.find((s) => s.current)!, sessions.find((s) => !s.current)!];
    expect(mine).toMatchObject({ userAgent: 'Laptop/1.0', ip: '127.0.0.1' });
    expect(other.lastUsedAt).not.toBeNull(); // the first session read /keys
    expect(JSON.stringify(listed.body)).not.toContain(first.session!);
    expect(JSON.stringify(listed.body)).not.toContain(laptop.session!);

    // Another user cannot end this user's session, nor see it.
    const stranger = await PanelClient.signup(system, 'Stranger Co');
    expect((await stranger.client.delete(`/sessions/${other.id}`)).status).toBe(404);
    expect((await stranger.client.get('/sessions')).body.sessions).toHaveLength(1);

    expect((await laptop.delete(`/sessions/${other.id}`)).status).toBe(204);
    expect((await first.get('/keys')).status).toBe(401);
    expect((await laptop.delete(`/sessions/${other.id}`)).status).toBe(404);

    const phone = await login(email, 'Phone/2.0');
    const tablet = await login(email, 'Tablet/3.0');
    const ended = await laptop.delete('/sessions');
    expect(ended.body).toEqual({ ended: 2 });
    expect((await phone.get('/keys')).status).toBe(401);
    expect((await tablet.get('/keys')).status).toBe(401);
    expect((await laptop.get('/keys')).status).toBe(200);
    expect((await laptop.get('/sessions')).body.sessions).toEqual([
      expect.objectContaining({ current: true, userAgent: 'Laptop/1.0' }),
    ]);
  });
});
