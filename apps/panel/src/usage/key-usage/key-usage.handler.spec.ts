import { UsageSeries, UsageServicePattern } from '@keygate/contracts';
import { fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { KeyUsageHandler } from './key-usage.handler';

describe(KeyUsageHandler.name, () => {
  it('reads the key’s usage within the caller’s account', async () => {
    const usage = { keyId: 'key_1', used: 3 } as unknown as UsageSeries;
    const { fake, client } = fakeUsageService({ [UsageServicePattern.KeyUsage]: () => usage });
    expect(await new KeyUsageHandler(client).execute(panelCaller('member'), 'key_1')).toBe(usage);
    expect(fake.calls).toEqual([
      { pattern: UsageServicePattern.KeyUsage, request: { accountId: 'acc_1', keyId: 'key_1' } },
    ]);
  });
});
