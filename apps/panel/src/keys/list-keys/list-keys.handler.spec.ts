import { KeyServicePattern, KeyView, UsageServicePattern } from '@keygate/contracts';
import { fakeKeyService, fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { ListKeysHandler } from './list-keys.handler';

const key = (id: string) => ({ id, name: id }) as KeyView;

describe(ListKeysHandler.name, () => {
  const keyService = () =>
    fakeKeyService({ [KeyServicePattern.ListKeys]: () => [key('key_a'), key('key_b')] });

  it('merges each key’s usage into the listing of the caller’s account', async () => {
    const keys = keyService();
    const usage = fakeUsageService({
      [UsageServicePattern.KeysUsage]: () => [
        {
          keyId: 'key_a',
          lastUsedAt: '2026-11-29T10:00:00.000Z',
          callsLast30Days: 7,
          unusedFor30Days: false,
          credits: { remaining: 42, nextRefillAt: '2026-12-07T10:00:00.000Z' },
        },
      ],
    });
    const listed = await new ListKeysHandler(keys.client, usage.client).execute(
      panelCaller('member'),
    );
    expect(listed).toEqual([
      {
        ...key('key_a'),
        lastUsedAt: '2026-11-29T10:00:00.000Z',
        callsLast30Days: 7,
        unusedFor30Days: false,
        creditsLeft: { remaining: 42, nextRefillAt: '2026-12-07T10:00:00.000Z' },
      },
      {
        ...key('key_b'),
        lastUsedAt: null,
        callsLast30Days: null,
        unusedFor30Days: false,
        creditsLeft: null,
      },
    ]);
    expect([...keys.fake.calls, ...usage.fake.calls].map((call) => call.request)).toEqual([
      { accountId: 'acc_1' },
      { accountId: 'acc_1' },
    ]);
  });

  it('lists the keys without usage while the usage service is away', async () => {
    const usage = fakeUsageService({
      [UsageServicePattern.KeysUsage]: () => {
        throw new Error('No answer to usage.keys within 2000 ms');
      },
    });
    const listed = await new ListKeysHandler(keyService().client, usage.client).execute(
      panelCaller('member'),
    );
    expect(listed.map((k) => [k.id, k.callsLast30Days])).toEqual([
      ['key_a', null],
      ['key_b', null],
    ]);
  });
});
