import { QuotaExceededError } from '@keygate/contracts';
import { Principal } from '../../auth/key-verifier';
import { QuotaAdmission } from '../../quota/quota-admission';
import { canonicalTarget } from '../../edge/canonical-target';
import { QuotaAdmissionStep } from './quota-admission.step';

const principal = {
  account: { id: 'a1', plan: 'starter' },
  key: { id: 'k1' },
} as unknown as Principal;
const slot = { release: () => undefined };
const request = { method: 'GET' };
const target = canonicalTarget('/api/v1/content/product/p1');

describe(QuotaAdmissionStep.name, () => {
  it('counts the call under what it used and adds its RateLimit headers', async () => {
    const admitted: Array<[Principal, string]> = [];
    const quota = {
      admit: async (who: Principal, label: string) => (
        admitted.push([who, label]),
        { 'ratelimit-remaining': '9' }
      ),
    } as unknown as QuotaAdmission;
    await expect(
      new QuotaAdmissionStep(quota).run({ request, target, principal, slot }),
    ).resolves.toEqual({
      admission: { 'ratelimit-remaining': '9' },
    });
    expect(admitted).toEqual([[principal, 'product|read']]);
  });

  it('passes a refusal of the quota on', async () => {
    const exceeded = new QuotaExceededError(
      { limit: 10, remaining: 0, resetSeconds: 60 },
      60,
      'starter',
    );
    const quota = {
      admit: async () => {
        throw exceeded;
      },
    } as unknown as QuotaAdmission;
    await expect(
      new QuotaAdmissionStep(quota).run({ request, target, principal, slot }),
    ).rejects.toBe(exceeded);
  });
});
