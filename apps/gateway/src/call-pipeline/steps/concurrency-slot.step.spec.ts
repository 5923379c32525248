import { GatewayConfig } from '@keygate/config';
import { TooManyConcurrentCallsError } from '@keygate/contracts';
import { Principal } from '../../auth/key-verifier';
import { AccountConcurrency } from '../../edge/account-concurrency';
import { ConcurrencySlotStep } from './concurrency-slot.step';

const principalOf = (accountId: string) => ({ account: { id: accountId } }) as unknown as Principal;

function setup() {
  const concurrency = new AccountConcurrency({
    upstream: { accountConcurrencyLimit: 2 },
  } as GatewayConfig);
  const step = new ConcurrencySlotStep(concurrency);
  const take = (accountId: string) =>
    step.run({ principal: principalOf(accountId), plan: {} }).slot;
  return { concurrency, take };
}

describe(ConcurrencySlotStep.name, () => {
  it('holds one of the account’s slots until the call gives it back, once', () => {
    const { concurrency, take } = setup();
    const slot = take('a1');
    expect(concurrency.inFlightOf('a1')).toBe(1);
    slot.release();
    slot.release();
    expect(concurrency.inFlightOf('a1')).toBe(0);
  });

  it('refuses an account past its limit, and only that account', () => {
    const { take } = setup();
    take('a1');
    take('a1');
    expect(() => take('a1')).toThrow(TooManyConcurrentCallsError);
    expect(() => take('a2')).not.toThrow();
  });
});
