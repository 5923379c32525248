import { QuotaExceededError } from '@keygate/contracts';
import { Principal } from '../../auth/key-verifier';
import { QuotaAdmission } from '../../quota/quota-admission';
import { QuotaAdmissionStep } from './quota-admission.step';

const principal = {
  account: { id: 'a1', plan: 'starter' },
  key: { id: 'k1' },
} as unknown as Principal;
const slot = { release: () => undefined };

describe(QuotaAdmissionStep.name, () => {
  it('adds the RateLimit headers of the admitted call', async () => {
    const admitted: Principal[] = [];
    const quota = {
      admit: async (who: Principal) => (admitted.push(who), { 'ratelimit-remaining': '9' }),
    } as unknown as QuotaAdmission;
    await expect(new QuotaAdmissionStep(quota).run({ principal, slot })).resolves.toEqual({
      admission: { 'ratelimit-remaining': '9' },
    });
    expect(admitted).toEqual([principal]);
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
    await expect(new QuotaAdmissionStep(quota).run({ principal, slot })).rejects.toBe(exceeded);
  });
});
