import { Logger } from '@nestjs/common';
import { connect } from 'node:net';
import { KeyServicePattern } from '@keygate/contracts';
import { RunningPanel, SystemHarness, rawCall } from '../system.harness';
import { KeyServiceClient } from '../../apps/panel/src/rpc/key-service.client';
import { PanelClient } from './panel.client';

const PASSWORD = 'correct horse battery';

/**
 * Sends a request's head with a declared body and none of the body itself: an app that
 * authenticates first answers at once; one that reads the body first waits for it until
 * HTTP_REQUEST_TIMEOUT_MS (408).
 */
function headWithoutBody(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(Number(port), hostname, () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\r\n\r\n') && /\r\n\r\n[\s\S]*\}/.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

/** Who a Panel caller is, decided before anything else and never from a stale copy. */
describe('Panel sessions and authority (security)', () => {
  const system = new SystemHarness({ HTTP_REQUEST_TIMEOUT_MS: '3000' });
  beforeAll(() => system.start());
  afterAll(() => system.stop());

  const login = (panel: { url: string }, email: string) =>
    rawCall(panel.url, '/panel/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });

  it('opens no admin session for a login that read the role before a demotion', async () => {
    const { client } = await PanelClient.signup(system, 'Demotion Co');
    const email = `second-admin-${Date.now()}@example.com`;
    const added = await client.post('/users', { email, password: PASSWORD, role: 'admin' });
    expect(added.status).toBe(201);

    // A Panel whose login pauses right after it read the user's credentials (role included),
    // as a slow scrypt or a busy key service would make it.
    let credentialsRead!: () => void;
    const read = new Promise<void>((resolve) => (credentialsRead = resolve));
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    const keyService = {
      call: async (pattern: string, request: unknown) => {
        const answer = await system.send(pattern, request);
        if (pattern === KeyServicePattern.UserCredentials) {
          credentialsRead();
          await paused;
        }
        return answer;
      },
    };
    let panel: RunningPanel | null = null;
    try {
      panel = await system.startPanel({}, [{ provide: KeyServiceClient, useValue: keyService }]);
      const pending = login(panel, email);
      await read;
      const demoted = await client.patch(`/users/${added.body.user.id}`, { role: 'member' });
      expect(demoted.status).toBe(200);
      resume();
      // The login reads the role again after the authority generation it records: a member's
      // session, which may not create keys (the old code opened an admin's).
      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.body.user.role).toBe('member');
      const session = new PanelClient(system, answer.body.session);
      const created = await session.post('/keys', {
        name: 'escalated',
        rules: [{ resource: '*', actions: ['read', 'create', 'update', 'delete'] }],
      });
      expect(created.status).toBe(403);
    } finally {
      resume();
      await panel?.app.close();
    }
  });

  it('answers 400 to a session cookie that is not valid %-encoding, logging no error', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      for (const cookie of ['kg_session=%E0%A4%A', 'kg_session=%', 'a=1; kg_session=%ZZ']) {
        const { status, body } = await system.call('/panel/api/session', { headers: { cookie } });
        expect(status).toBe(400);
        expect(body.error.code).toBe('VALIDATION_FAILED');
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('refuses an unauthenticated 8 MB import before reading a byte of it', async () => {
    for (const token of ['', 'X-Operator-Token: wrong-token-wrong-token\r\n']) {
      const answer = await headWithoutBody(
        system.panel.url,
        'POST /operator/api/accounts/acct_x/keys/import HTTP/1.1\r\nHost: x\r\n' +
          `${token}Content-Type: application/json\r\nContent-Length: 8000000\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 40[13]/);
    }
  });

  it('refuses every session route without a session before reading its body', async () => {
    const routes = [
      'POST /panel/api/keys',
      'PATCH /panel/api/keys/k1',
      'POST /panel/api/keys/k1/rotate',
      'POST /panel/api/users',
      'PATCH /panel/api/users/u1',
      'POST /panel/api/logout',
    ];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const answer = await headWithoutBody(
        system.panel.url,
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n`,
      );
      expect(`${route} ${answer.split('\r\n')[0]}`).toBe(`${route} HTTP/1.1 401 Unauthorized`);
    }
  });
});
