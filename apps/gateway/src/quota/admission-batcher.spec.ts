import { AccountLimits, Admission, CallingKey } from '@keygate/usage';
import { AdmissionBatcher } from './admission-batcher';

const admission = (used: number): Admission => ({
  admitted: true,
  limit: 10,
  used,
  remaining: 10 - used,
  resetSeconds: 1,
  retryAfterSeconds: 0,
  at: 0,
});
const key = (id: string): CallingKey => ({ id, rateLimits: [] });
const starter: AccountLimits = { quota: 10, rateLimits: [] };

describe('AdmissionBatcher', () => {
  it('sends the calls of one turn as one step per account, and answers each its own', async () => {
    const steps: Array<{ accountId: string; keyIds: string[] }> = [];
    const batcher = new AdmissionBatcher({
      admitMany: async (accountId, calls) => {
        steps.push({ accountId, keyIds: calls.map((call) => call.id) });
        return calls.map((_, i) => admission(i + 1));
      },
    });
    const answers = await Promise.all([
      batcher.admit('acc_a', key('k1'), starter, 0),
      batcher.admit('acc_b', key('k9'), starter, 0),
      batcher.admit('acc_a', key('k2'), starter, 0),
      batcher.admit('acc_a', key('k1'), starter, 0),
    ]);
    expect(steps).toEqual([
      { accountId: 'acc_a', keyIds: ['k1', 'k2', 'k1'] },
      { accountId: 'acc_b', keyIds: ['k9'] },
    ]);
    expect(answers.map((a) => a.used)).toEqual([1, 1, 2, 3]);

    await batcher.admit('acc_a', key('k1'), starter, 0); // a later turn: a step of its own
    expect(steps).toHaveLength(3);
  });

  it('sends the calls under other limits (a plan changed within the turn) in a step of their own', async () => {
    const steps: Array<{ keyIds: string[]; limits: AccountLimits }> = [];
    const batcher = new AdmissionBatcher({
      admitMany: async (_accountId, calls, limits) => {
        steps.push({ keyIds: calls.map((call) => call.id), limits });
        return calls.map((_, i) => admission(i + 1));
      },
    });
    const pro: AccountLimits = { quota: 100, rateLimits: [{ limit: 5, windowSeconds: 1 }] };
    await Promise.all([
      batcher.admit('acc_a', key('k1'), starter, 0),
      batcher.admit('acc_a', key('k2'), pro, 0),
      batcher.admit('acc_a', key('k3'), pro, 0),
    ]);
    expect(steps).toEqual([
      { keyIds: ['k1'], limits: starter },
      { keyIds: ['k2', 'k3'], limits: pro },
    ]);
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
      Array.from({ length: 5 }, () => batcher.admit('acc_a', key('k'), starter, 0)),
    );
    expect(steps).toBe(3);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('takes a step refused at once as unsent, unless told its client may have sent it before (a Cluster)', async () => {
    const refuse = {
      admitMany: async () => {
        throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      },
    };
    const failureOf = async (batcher: AdmissionBatcher) =>
      (await batcher.admit('acc_a', key('k'), starter, 0).catch((error) => error)) as {
        mayHaveRun: boolean;
      };
    expect((await failureOf(new AdmissionBatcher(refuse))).mayHaveRun).toBe(false);
    const onCluster = new AdmissionBatcher(refuse, undefined, undefined, () => false);
    expect((await failureOf(onCluster)).mayHaveRun).toBe(true);
  });
});
