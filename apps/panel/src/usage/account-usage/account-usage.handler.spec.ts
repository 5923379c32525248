import { UsageSeries, UsageServicePattern } from '@keygate/contracts';
import { fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { AccountUsageHandler } from './account-usage.handler';

describe(AccountUsageHandler.name, () => {
  it('reads the usage of the caller’s account', async () => {
    const usage = { accountId: 'acc_1', used: 12 } as unknown as UsageSeries;
    const { fake, client } = fakeUsageService({ [UsageServicePattern.AccountUsage]: () => usage });
    expect(await new AccountUsageHandler(client).execute(panelCaller('member'))).toBe(usage);
    expect(fake.calls).toEqual([
      { pattern: UsageServicePattern.AccountUsage, request: { accountId: 'acc_1' } },
    ]);
  });
});
