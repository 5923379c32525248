import { Account } from './account.aggregate';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe(Account.name, () => {
  it('opens with a plan', () => {
    const account = Account.open({ accountId: 'acc_1', name: 'Acme', plan: 'starter', now: NOW });
    expect(account.toView()).toEqual({
      id: 'acc_1',
      name: 'Acme',
      plan: 'starter',
      createdAt: NOW.toISOString(),
      version: 1,
    });
    expect(account.takePendingEvents().map((e) => e.type)).toEqual(['AccountOpened']);
  });

  it('records a plan change with where it came from', () => {
    const account = Account.open({ accountId: 'acc_1', name: 'Acme', plan: 'starter', now: NOW });
    account.takePendingEvents();
    expect(account.changePlan('pro', NOW)).toBe(true);
    expect(account.takePendingEvents()[0].data).toEqual({
      accountId: 'acc_1',
      from: 'starter',
      to: 'pro',
    });
  });

  it('applies nothing when the plan is unchanged', () => {
    const account = Account.open({ accountId: 'acc_1', name: 'Acme', plan: 'pro', now: NOW });
    account.takePendingEvents();
    expect(account.changePlan('pro', NOW)).toBe(false);
    expect(account.takePendingEvents()).toHaveLength(0);
  });
});
