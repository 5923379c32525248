import {
  DecisionSummary,
  KeyServicePattern,
  KeyView,
  NotFoundError,
  UsageServicePattern,
} from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { fakeKeyService, fakeUsageService, panelCaller } from '../../../test/fake-rpc';
import { KeyAdviceHandler } from './key-advice.handler';

const NOW = new Date('2026-12-06T12:00:00Z');
const key = {
  id: 'key_1',
  kind: 'user',
  rules: [
    { resource: 'product', actions: ['read'] },
    { resource: 'blogpost', actions: ['read'] },
  ],
} as KeyView;

describe(KeyAdviceHandler.name, () => {
  it('holds the key’s rules against its admitted calls of the last 30 days', async () => {
    const keys = fakeKeyService({ [KeyServicePattern.GetKey]: () => key });
    const usage = fakeUsageService({
      [UsageServicePattern.KeyDecisionSummary]: (request) =>
        ({
          keyId: 'key_1',
          from: request.from!,
          to: request.to!,
          total: 140,
          admitted: 130,
          refused: 10,
          counts: [
            { resource: 'product', action: 'read', outcome: 'admitted', calls: 130 },
            { resource: 'blogpost', action: 'create', outcome: 'refused', calls: 10 },
          ],
        }) satisfies DecisionSummary,
    });
    const handler = new KeyAdviceHandler(keys.client, usage.client, new ManualClock(NOW));
    expect(await handler.execute(panelCaller(), 'key_1')).toMatchObject({
      keyId: 'key_1',
      from: '2026-11-06T12:00:00.000Z',
      calls: 130,
      unused: [{ resource: 'blogpost', action: 'read' }],
      suggestedRules: [{ resource: 'product', actions: ['read'] }],
      offered: true,
    });
    expect(keys.fake.calls[0].request).toEqual({ accountId: 'acc_1', keyId: 'key_1' });
  });

  it('answers 404 for a key of another account, reading no usage', async () => {
    const keys = fakeKeyService({
      [KeyServicePattern.GetKey]: () => {
        throw new NotFoundError('Key', 'key_9');
      },
    });
    const usage = fakeUsageService({});
    const handler = new KeyAdviceHandler(keys.client, usage.client, new ManualClock(NOW));
    await expect(handler.execute(panelCaller(), 'key_9')).rejects.toThrow(NotFoundError);
    expect(usage.fake.calls).toEqual([]);
  });
});
