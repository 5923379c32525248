import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestMicroservice } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { IssuedKey, KeyServicePattern, OpenedAccount } from '@keygate/contracts';
import { createRedis, createRpcClient, RedisClient, sendRpc } from '@keygate/connections';
import { bootRpcService, testEnv, waitFor } from '@keygate/testing';
import { KeyServiceModule } from '../../apps/key-service/src/key-service.module';
import { WebhookReceiver, webhookReceiver } from './fixtures/webhook-receiver';

const ROOT = join(__dirname, '..', '..');

/**
 * A real key-service process (the built dist/) is SIGKILLed while a webhook delivery is in
 * flight (its receiver holds the request); a key service started after it sends every event,
 * the interrupted one and one published while none ran included, in order per key, none lost.
 */
describe('a key service killed mid-delivery', () => {
  const env = testEnv({
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_POLL_MS: '50',
    WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms',
  });
  let child: ChildProcess | null = null;
  let survivor: INestMicroservice | null = null;
  let client: ClientProxy;
  let hooks: WebhookReceiver;
  let redis: RedisClient;
  const send = <T>(pattern: string, payload: unknown) => sendRpc<T>(client, pattern, payload, 5000);

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
    client = createRpcClient(env.REDIS_URL);
    await client.connect();
    hooks = await webhookReceiver();
    redis = createRedis(env.REDIS_URL, 'notifier-crash-spec');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await survivor?.close();
    await hooks.close();
    client.close();
    await redis.quit();
  });

  it('loses no event and keeps each key’s order', async () => {
    child = spawn(process.execPath, [join(ROOT, 'dist/apps/key-service/src/main.js')], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    await waitFor(
      () =>
        send(KeyServicePattern.Health, {}).then(
          () => true,
          () => false,
        ),
      30_000,
      100,
    );
    hooks.answerWith(() => 'hold');
    const opened = await send<OpenedAccount>(KeyServicePattern.OpenAccount, { name: 'Crashy' });
    const accountId = opened.account.id;
    const { secret } = await send<{ secret: string }>(KeyServicePattern.AddWebhook, {
      accountId,
      url: hooks.url,
      events: ['key.created', 'key.revoked', 'key.unused'],
    });
    const keys: IssuedKey[] = [];
    for (const name of ['a', 'b', 'c'])
      keys.push(
        await send<IssuedKey>(KeyServicePattern.CreateKey, {
          accountId,
          name,
          rules: [{ resource: 'product', actions: ['read'] }],
        }),
      );
    for (const key of keys)
      await send(KeyServicePattern.RevokeKey, { accountId, keyId: key.key.id });

    await waitFor(() => hooks.received.length >= 1, 10_000, 5);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const heldAtKill = hooks.received.length;
    // While no key service runs, the usage service tells of an unused key: it waits in the stream.
    await redis.xadd(
      env.KEYGATE_EVENT_STREAM,
      '*',
      'event',
      JSON.stringify({
        eventId: `unused-${keys[0].key.id}-never`,
        streamId: `notice-${keys[0].key.id}`,
        version: 1,
        type: 'KeyUnused',
        schemaVersion: 1,
        occurredAt: new Date().toISOString(),
        actor: { type: 'system' },
        data: {
          keyId: keys[0].key.id,
          accountId,
          name: 'a',
          hint: keys[0].key.hint,
          lastUsedAt: null,
          unusedDays: 30,
        },
      }),
    );

    const delivered: Array<{ type: string; name: string; id: string }> = [];
    hooks.answerWith((entry) => {
      const { type, data } = JSON.parse(entry.body);
      delivered.push({ type, name: data.name, id: String(entry.headers['webhook-id']) });
      return 204;
    });
    survivor = await bootRpcService(KeyServiceModule, env);
    await waitFor(() => delivered.length >= 7, 20_000, 20);

    expect(delivered.filter((d) => d.name === 'a').map((d) => d.type)).toEqual([
      'key.created',
      'key.revoked',
      'key.unused',
    ]);
    for (const name of ['b', 'c'])
      expect(delivered.filter((d) => d.name === name).map((d) => d.type)).toEqual([
        'key.created',
        'key.revoked',
      ]);
    expect(new Set(delivered.map((d) => d.id)).size).toBe(7);
    // Every request, the interrupted one included, is one the receiver can verify.
    expect(hooks.verified(secret)).toHaveLength(hooks.received.length);
    // The interrupted delivery went again under the same webhook-id: a receiver drops the repeat.
    const interrupted = String(hooks.received[0].headers['webhook-id']);
    expect(delivered.map((d) => d.id)).toContain(interrupted);
    console.log(
      `killed with ${heldAtKill} request(s) held by the receiver; the survivor delivered all ${delivered.length}`,
    );
  });
});
