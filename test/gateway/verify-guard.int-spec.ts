import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../examples/verify-guard-service/src/app.module';
import { SystemHarness, withKey } from '../system.harness';

const VERIFY_TOKEN = 'verify-token-for-the-guard-spec-000001';

/**
 * examples/verify-guard-service, a NestJS service protected by @keygate/client's guard, against a
 * real gateway: its routes take the gateway's keys, checked and counted there.
 */
describe('a NestJS service protected by KeygateGuard', () => {
  const system = new SystemHarness({ VERIFY_TOKEN });
  let service: NestFastifyApplication;
  let serviceUrl: string;

  beforeAll(async () => {
    await system.start();
    service = await NestFactory.create<NestFastifyApplication>(
      AppModule.with({ gatewayUrl: system.gateways[0].url, verifyToken: VERIFY_TOKEN }),
      new FastifyAdapter(),
      { logger: false },
    );
    await service.listen(0, '127.0.0.1');
    serviceUrl = await service.getUrl();
  });
  afterAll(async () => {
    await service?.close();
    await system.stop();
  });

  const call = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    system.call(path, { method, headers }, { url: serviceUrl });

  it('lets a key with the permission in, with the verdict on the request, and counts it', async () => {
    const opened = await system.openAccount('Reports Co');
    const { key, secret } = await system.createKey(opened.account.id, {
      rules: [{ resource: 'report', actions: ['read'] }],
      meta: { team: 'finance' },
    });
    await system.gatewaysCaughtUp();
    const read = await call('/reports/r1', withKey(secret));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: 'r1',
      title: 'Report r1',
      readBy: { keyId: key.id, accountId: opened.account.id, meta: { team: 'finance' } },
    });
    const exported = await call('/exports', { authorization: `Bearer ${secret}` }, 'POST');
    expect(exported.status).toBe(201);
    const context = await system.call('/api/auth-context', { headers: withKey(secret) });
    expect(context.body.usage.used).toBe(6); // the read, and the export as five
  });

  it('answers a refused key as the gateway would: 401, 403, 429 with Retry-After', async () => {
    const opened = await system.openAccount('Refused Co');
    const { secret: wrongScope } = await system.createKey(opened.account.id, {
      rules: [{ resource: 'invoice', actions: ['read'] }],
    });
    const { secret: oneCall } = await system.createKey(opened.account.id, {
      rules: [{ resource: 'report', actions: ['read'] }],
      rateLimits: [{ limit: 1, windowSeconds: 60 }],
    });
    await system.gatewaysCaughtUp();
    const missing = await call('/reports/r1');
    expect([missing.status, missing.body.code]).toEqual([401, 'UNAUTHORIZED']);
    const unknown = await call('/reports/r1', withKey('a-secret-keygate-never-issued'));
    expect([unknown.status, unknown.body.reason]).toEqual([401, 'unknown']);
    const forbidden = await call('/reports/r1', withKey(wrongScope));
    expect([forbidden.status, forbidden.body.reason]).toEqual([403, 'missing_permission']);
    expect((await call('/reports/r1', withKey(oneCall))).status).toBe(200);
    const limited = await call('/reports/r1', withKey(oneCall));
    expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
