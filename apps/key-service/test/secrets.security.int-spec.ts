import { KeyServicePattern, checkpointKeys } from '@keygate/contracts';
import { hashSecret } from '@keygate/key-secret';
import { KeyServiceHarness } from './key-service.harness';

describe('secrets never leave the create/rotate answer', () => {
  const harness = new KeyServiceHarness();
  const logged: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);

  beforeAll(async () => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      logged.push(String(chunk)),
      originalWrite(chunk, ...rest)
    )) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      logged.push(String(chunk)),
      originalErr(chunk, ...rest)
    )) as typeof process.stderr.write;
    await harness.start();
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    process.stderr.write = originalErr;
    await harness.stop();
  });

  it('stores and publishes only the HMAC and the hint', async () => {
    const opened = await harness.openAccount('Secrets');
    const created = await harness.createKey(opened.account.id);
    const rotated = await harness.send<{ secret: string }>(KeyServicePattern.RotateKey, {
      accountId: opened.account.id,
      keyId: created.key.id,
      gracePeriodSeconds: 30,
    });
    // An invalid request that carries a secret-looking value must not echo it back.
    const error = await harness.errorOf(KeyServicePattern.CreateKey, {
      accountId: opened.account.id,
      name: rotated.secret,
      rules: 'nope',
    });
    expect(JSON.stringify(error)).not.toContain(rotated.secret);

    const secrets = [
      ...opened.applicationKeys.map((k) => k.secret),
      created.secret,
      rotated.secret,
    ];
    const everything = [
      JSON.stringify(await harness.storedEvents()),
      JSON.stringify(await harness.mongo.collection('key_views').find({}).toArray()),
      JSON.stringify(await harness.streamEntries()),
      JSON.stringify(
        await harness.redis.hgetall(checkpointKeys(harness.env.KEYGATE_EVENT_STREAM).keys),
      ),
      logged.join(''),
    ].join('\n');
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(6, 38));
    }
    const pepper = Buffer.from(harness.env.KEY_PEPPER, 'utf8');
    expect(everything).toContain(hashSecret(created.secret, pepper));
  });
});
