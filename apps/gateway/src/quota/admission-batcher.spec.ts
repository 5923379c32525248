import { Admission } from '@keygate/usage';
import { AdmissionBatcher } from './admission-batcher';

const admission = (used: number): Admission => ({
  admitted: true,
  limit: 10,
  used,
  remaining: 10 - used,
  resetSeconds: 1,
  retryAfterSeconds: 0,
});

describe('AdmissionBatcher', () => {
  it('sends the calls of one turn as one step per account, and answers each its own', async () => {
    const steps: Array<{ accountId: string; keyIds: string[] }> = [];
    const batcher = new AdmissionBatcher({
      admitMany: async (accountId, keyIds) => {
        steps.push({ accountId, keyIds });
        return keyIds.map((_, i) => admission(i + 1));
      },
    });
    const answers = await Promise.all([
      batcher.admit('acc_a', 'k1', 10, 0),
      batcher.admit('acc_b', 'k9', 10, 0),
      batcher.admit('acc_a', 'k2', 10, 0),
      batcher.admit('acc_a', 'k1', 10, 0),
    ]);
    expect(steps).toEqual([
      { accountId: 'acc_a', keyIds: ['k1', 'k2', 'k1'] },
      { accountId: 'acc_b', keyIds: ['k9'] },
    ]);
    expect(answers.map((a) => a.used)).toEqual([1, 1, 2, 3]);

    await batcher.admit('acc_a', 'k1', 10, 0); // a later turn: a step of its own
    expect(steps).toHaveLength(3);
  });

  it('splits large batches and fails every call of a failed step', async () => {
    let steps = 0;
    const batcher = new AdmissionBatcher(
      {
        admitMany: async () => {
          steps += 1;
          throw new Error('Redis is away');
        },
      },
      undefined,
      2,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => batcher.admit('acc_a', 'k', 10, 0)),
    );
    expect(steps).toBe(3);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});
