import { DecisionSummary, UsageServicePattern, parseInput } from '@keygate/contracts';
import { fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import {
  KeyDecisionSummaryHandler,
  keyDecisionSummarySpanSchema,
} from './key-decision-summary.handler';

describe(KeyDecisionSummaryHandler.name, () => {
  it('asks for the key’s summary in the caller’s account', async () => {
    const summary = { keyId: 'key_1', total: 3 } as DecisionSummary;
    const { fake, client } = fakeUsageService({
      [UsageServicePattern.KeyDecisionSummary]: () => summary,
    });
    const span = { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' };
    expect(await new KeyDecisionSummaryHandler(client).execute(panelCaller(), 'key_1', span)).toBe(
      summary,
    );
    expect(fake.calls.map((call) => call.request)).toEqual([
      { ...span, accountId: 'acc_1', keyId: 'key_1' },
    ]);
  });

  it('refuses a span that ends before it starts, or another account', () => {
    expect(() =>
      parseInput(keyDecisionSummarySpanSchema, {
        from: '2026-12-02T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
      }),
    ).toThrow(/from/);
    expect(() => parseInput(keyDecisionSummarySpanSchema, { accountId: 'acc_2' })).toThrow();
  });
});
