import { KeyRule } from '@keygate/contracts';
import { leastPrivilegeAdvice } from './least-privilege';

const userKey = (rules: KeyRule[]) => ({ kind: 'user', rules });

describe(leastPrivilegeAdvice.name, () => {
  it('suggests product reads alone to a key holding product and blogpost rules that only read products', () => {
    const advice = leastPrivilegeAdvice(
      userKey([
        { resource: 'product', actions: ['read', 'create'] },
        { resource: 'blogpost', actions: ['read'] },
      ]),
      [{ resource: 'product', action: 'read', calls: 120 }],
    );
    expect(advice).toEqual({
      calls: 120,
      used: [{ resource: 'product', action: 'read', calls: 120 }],
      unused: [
        { resource: 'product', action: 'create' },
        { resource: 'blogpost', action: 'read' },
      ],
      suggestedRules: [{ resource: 'product', actions: ['read'] }],
      offered: true,
      reason: null,
    });
  });

  it('offers nothing below 100 calls, or when everything held was used', () => {
    const rules: KeyRule[] = [{ resource: 'product', actions: ['read'] }];
    const few = leastPrivilegeAdvice(userKey([...rules, { resource: 'x', actions: ['read'] }]), [
      { resource: 'product', action: 'read', calls: 99 },
    ]);
    expect(few).toMatchObject({ offered: false, reason: 'too_few_calls', suggestedRules: null });
    expect(few.unused).toEqual([{ resource: 'x', action: 'read' }]);
    expect(
      leastPrivilegeAdvice(userKey(rules), [{ resource: 'product', action: 'read', calls: 500 }]),
    ).toMatchObject({ offered: false, reason: 'no_unused_permissions', unused: [] });
  });

  it('narrows a * rule to the types used', () => {
    const advice = leastPrivilegeAdvice(userKey([{ resource: '*', actions: ['read', 'update'] }]), [
      { resource: 'product', action: 'read', calls: 80 },
      { resource: 'blogpost', action: 'read', calls: 30 },
    ]);
    expect(advice.unused).toEqual([{ resource: '*', action: 'update' }]);
    expect(advice.suggestedRules).toEqual([
      { resource: 'product', actions: ['read'] },
      { resource: 'blogpost', actions: ['read'] },
    ]);
  });

  it('keeps the read rules of a key that searched, and advises nothing to one that used GraphQL', () => {
    const rules: KeyRule[] = [
      { resource: 'product', actions: ['read', 'delete'] },
      { resource: 'blogpost', actions: ['read'] },
    ];
    const searched = leastPrivilegeAdvice(userKey(rules), [
      { resource: '@search', action: 'read', calls: 150 },
    ]);
    expect(searched.suggestedRules).toEqual([
      { resource: 'product', actions: ['read'] },
      { resource: 'blogpost', actions: ['read'] },
    ]);
    expect(searched.unused).toEqual([{ resource: 'product', action: 'delete' }]);
    expect(
      leastPrivilegeAdvice(userKey(rules), [
        { resource: '@graphql', action: 'create', calls: 150 },
      ]),
    ).toMatchObject({ offered: false, reason: 'uses_graphql' });
  });

  it('advises nothing to an application key: its access is not made of rules', () => {
    expect(
      leastPrivilegeAdvice({ kind: 'application', rules: [] }, [
        { resource: 'product', action: 'read', calls: 500 },
      ]),
    ).toMatchObject({ offered: false, reason: 'not_rule_based', used: [] });
  });
});
