import { DecisionPage, UsageServicePattern, parseInput } from '@keygate/contracts';
import { fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { KeyDecisionsHandler, keyDecisionsPageSchema } from './key-decisions.handler';

describe(KeyDecisionsHandler.name, () => {
  it('asks for a page of the key’s decisions in the caller’s account', async () => {
    const page: DecisionPage = { decisions: [], nextCursor: null };
    const { fake, client } = fakeUsageService({ [UsageServicePattern.KeyDecisions]: () => page });
    const query = parseInput(keyDecisionsPageSchema, { outcome: 'refused', limit: '5' });
    expect(await new KeyDecisionsHandler(client).execute(panelCaller(), 'key_1', query)).toBe(page);
    expect(fake.calls.map((call) => call.request)).toEqual([
      { outcome: 'refused', limit: 5, accountId: 'acc_1', keyId: 'key_1' },
    ]);
  });

  it('refuses an outcome it does not know and a cursor it did not make', () => {
    expect(() => parseInput(keyDecisionsPageSchema, { outcome: 'maybe' })).toThrow(/outcome/);
    expect(() => parseInput(keyDecisionsPageSchema, { cursor: '1-2' })).toThrow(/cursor/);
  });
});
