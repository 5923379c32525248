import { DecisionRecord, NotFoundError, UsageServicePattern } from '@keygate/contracts';
import { fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { GetDecisionHandler } from './get-decision.handler';

describe(GetDecisionHandler.name, () => {
  it('answers the records of a request id in the caller’s account', async () => {
    const decisions = [{ requestId: 'req_00000001', code: 'FORBIDDEN' }] as DecisionRecord[];
    const { fake, client } = fakeUsageService({
      [UsageServicePattern.DecisionsByRequest]: () => decisions,
    });
    expect(await new GetDecisionHandler(client).execute(panelCaller(), 'req_00000001')).toEqual({
      decisions,
    });
    expect(fake.calls.map((call) => call.request)).toEqual([
      { accountId: 'acc_1', requestId: 'req_00000001' },
    ]);
  });

  it('answers 404 for a request id the account has no record of', async () => {
    const { client } = fakeUsageService({ [UsageServicePattern.DecisionsByRequest]: () => [] });
    await expect(
      new GetDecisionHandler(client).execute(panelCaller(), 'req_00000001'),
    ).rejects.toThrow(NotFoundError);
  });
});
