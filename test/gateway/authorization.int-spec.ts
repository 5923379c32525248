import { OpenedAccount } from '@keygate/contracts';
import { SystemHarness, withKey } from '../system.harness';

describe('gateway authorization', () => {
  const system = new SystemHarness({ TRUSTED_PROXIES: '127.0.0.1' });
  let opened: OpenedAccount;
  let readOnly: string;
  let readWrite: string;

  beforeAll(async () => {
    await system.start();
    opened = await system.openAccount('Authz', 'pro');
    readWrite = opened.applicationKeys[0].secret;
    readOnly = opened.applicationKeys[1].secret;
  });
  afterAll(() => system.stop());

  it('lets the read-only application key GET but not POST', async () => {
    await system.gatewaysCaughtUp();
    expect(
      (await system.call('/api/v1/content/blogpost/1', { headers: withKey(readOnly) })).status,
    ).toBe(200);
    const { status, body } = await system.call('/api/v1/content/blogpost', {
      method: 'POST',
      headers: withKey(readOnly),
      body: '{}',
    });
    expect(status).toBe(403);
    expect(body.error).toEqual({
      code: 'FORBIDDEN',
      message: 'This API key may not do that (missing permission: blogpost:create)',
    });
  });

  it('lets a product:[read] user key read products only', async () => {
    const { secret } = await system.createKey(opened.account.id, {
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    await system.gatewaysCaughtUp();
    expect(
      (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status,
    ).toBe(200);
    expect(
      (
        await system.call('/api/v1/content/product/42', {
          method: 'HEAD',
          headers: withKey(secret),
        })
      ).status,
    ).toBe(200);
    expect(
      (await system.call('/api/v1/content/blogpost', { headers: withKey(secret) })).status,
    ).toBe(403);
    expect(
      (
        await system.call('/api/v1/content/product', {
          method: 'POST',
          headers: withKey(secret),
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await system.call('/api/v1/content/product/42', {
          method: 'DELETE',
          headers: withKey(secret),
        })
      ).status,
    ).toBe(403);
  });

  it('maps PUT and PATCH to update and DELETE to delete', async () => {
    const { secret } = await system.createKey(opened.account.id, {
      rules: [{ resource: '*', actions: ['update', 'delete'] }],
    });
    await system.gatewaysCaughtUp();
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(
        (
          await system.call('/api/v1/content/anything/1', {
            method,
            headers: withKey(secret),
            body: method === 'DELETE' ? undefined : '{}',
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await system.call('/api/v1/content/anything/1', { headers: withKey(secret) })).status,
    ).toBe(403);
  });

  it('lets administration keys manage content types, standard keys not even read them', async () => {
    const admin = await system.createKey(opened.account.id, { type: 'administration', rules: [] });
    const standard = await system.createKey(opened.account.id, {
      type: 'standard',
      rules: [{ resource: '*', actions: ['read'] }],
    });
    await system.gatewaysCaughtUp();
    expect(
      (
        await system.call('/api/v1/internal/contenttype', {
          method: 'POST',
          headers: withKey(admin.secret),
          body: '{}',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await system.call('/api/v1/internal/contenttype/product', {
          method: 'DELETE',
          headers: withKey(admin.secret),
        })
      ).status,
    ).toBe(200);
    expect(
      (await system.call('/api/v1/internal/contenttype', { headers: withKey(standard.secret) }))
        .status,
    ).toBe(403);
    expect(
      (
        await system.call('/api/v1/internal/contenttype', {
          method: 'POST',
          headers: withKey(readWrite),
          body: '{}',
        })
      ).status,
    ).toBe(200);
    expect(
      (await system.call('/api/v1/internal/contenttype', { headers: withKey(readOnly) })).status,
    ).toBe(200);
    expect(
      (
        await system.call('/api/v1/internal/contenttype', {
          method: 'POST',
          headers: withKey(readOnly),
          body: '{}',
        })
      ).status,
    ).toBe(403);
  });

  describe('allowed hosts (client address behind a trusted proxy)', () => {
    const from = (ip: string, secret: string) =>
      system.call('/api/v1/content/product', {
        headers: { ...withKey(secret), 'X-Forwarded-For': ip },
      });

    it('matches single IPv4 addresses and CIDR ranges', async () => {
      const { secret } = await system.createKey(opened.account.id, {
        allowedHosts: ['203.0.113.7', '10.0.0.0/8'],
      });
      await system.gatewaysCaughtUp();
      expect((await from('203.0.113.7', secret)).status).toBe(200);
      expect((await from('10.20.30.40', secret)).status).toBe(200);
      const refused = await from('198.51.100.1', secret);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Calls from 198.51.100.1 are not allowed for this API key',
      );
    });

    it('matches IPv6 addresses and ranges', async () => {
      const { secret } = await system.createKey(opened.account.id, {
        allowedHosts: ['2001:db8::/32', '2001:db9::1'],
      });
      await system.gatewaysCaughtUp();
      expect((await from('2001:db8:1::5', secret)).status).toBe(200);
      expect((await from('2001:db9::1', secret)).status).toBe(200);
      expect((await from('2001:db9::2', secret)).status).toBe(403);
    });

    it('uses the socket address when no proxy is trusted', async () => {
      const { secret } = await system.createKey(opened.account.id, { allowedHosts: ['127.0.0.1'] });
      const strict = await system.startGateway({ TRUSTED_PROXIES: '' });
      expect(
        (
          await system.call(
            '/api/v1/content/product',
            { headers: { ...withKey(secret), 'X-Forwarded-For': '203.0.113.9' } },
            strict,
          )
        ).status,
      ).toBe(200);
      await system.stopGateway(strict);
    });
  });
});
