import { KEY_ACTIONS, KeyAction, KeyRule } from '@keygate/contracts';

/** Calls of a key with one resource and action (admitted calls only). */
export interface Use {
  resource: string;
  action: string;
  calls: number;
}

/** Why no rules are suggested. */
export type NoAdviceReason =
  'not_rule_based' | 'too_few_calls' | 'uses_graphql' | 'no_unused_permissions';

export interface LeastPrivilegeAdvice {
  /** Admitted calls over the span, whatever they used. */
  calls: number;
  /** What the key's rules allowed and it used, most calls first. */
  used: Use[];
  /** What the key's rules allow and it did not use (`*`: a rule on every content type). */
  unused: Array<{ resource: string; action: KeyAction }>;
  /** The rules that allow exactly what was used; null when nothing is offered. */
  suggestedRules: KeyRule[] | null;
  offered: boolean;
  reason: NoAdviceReason | null;
}

/** A key has made enough calls for its use to say what it needs. */
export const ADVICE_MIN_CALLS = 100;

const isContentType = (resource: string) => !resource.startsWith('@');
const isAction = (action: string): action is KeyAction =>
  (KEY_ACTIONS as readonly string[]).includes(action);

/**
 * What a key holds against what it used: the rules that allow exactly the content calls it made,
 * offered once it made ADVICE_MIN_CALLS calls and holds something it did not use. A key that
 * used GraphQL gets none: one GraphQL call reads several content types, and its count does not
 * say which. A key that searched keeps its read rules, since a search reads every type the key
 * may read.
 */
export function leastPrivilegeAdvice(
  key: { kind: string; rules: readonly KeyRule[] },
  uses: readonly Use[],
): LeastPrivilegeAdvice {
  const calls = uses.reduce((sum, use) => sum + use.calls, 0);
  const allows = (resource: string, action: string) =>
    key.rules.some(
      (rule) =>
        (rule.resource === '*' || rule.resource === resource) &&
        (rule.actions as readonly string[]).includes(action),
    );
  const used = uses
    .filter(
      (use) => isContentType(use.resource) && use.calls > 0 && allows(use.resource, use.action),
    )
    .sort((a, b) => b.calls - a.calls);
  const searched = uses.some((use) => use.resource === '@search' && use.calls > 0);
  const wasUsed = (resource: string, action: KeyAction) =>
    (searched && action === 'read') ||
    used.some((use) => use.action === action && (resource === '*' || use.resource === resource));

  const suggested = new Map<string, Set<KeyAction>>();
  const keep = (resource: string, action: KeyAction) =>
    (suggested.get(resource) ?? suggested.set(resource, new Set()).get(resource)!).add(action);
  for (const use of used) if (isAction(use.action)) keep(use.resource, use.action);
  if (searched)
    for (const rule of key.rules) if (rule.actions.includes('read')) keep(rule.resource, 'read');
  // A `*` rule kept whole for reads a search made: the types it names alongside are covered.
  if (suggested.get('*')?.has('read'))
    for (const [resource, actions] of suggested)
      if (resource !== '*') {
        actions.delete('read');
        if (actions.size === 0) suggested.delete(resource);
      }

  const unused = key.rules.flatMap((rule) =>
    rule.actions
      .filter((action) => !wasUsed(rule.resource, action))
      .map((action) => ({ resource: rule.resource, action })),
  );
  const suggestedRules: KeyRule[] = [...suggested].map(([resource, actions]) => ({
    resource,
    actions: KEY_ACTIONS.filter((action) => actions.has(action)),
  }));
  const narrows = !sameRules(suggestedRules, key.rules);

  const reason: NoAdviceReason | null =
    key.kind !== 'user'
      ? 'not_rule_based'
      : calls < ADVICE_MIN_CALLS
        ? 'too_few_calls'
        : uses.some((use) => use.resource === '@graphql' && use.calls > 0)
          ? 'uses_graphql'
          : unused.length === 0 && !narrows
            ? 'no_unused_permissions'
            : null;
  return {
    calls,
    used,
    unused,
    suggestedRules: reason ? null : suggestedRules,
    offered: reason === null,
    reason,
  };
}

function sameRules(a: readonly KeyRule[], b: readonly KeyRule[]): boolean {
  const norm = (rules: readonly KeyRule[]) =>
    rules
      .map((rule) => `${rule.resource}:${[...rule.actions].sort().join(',')}`)
      .sort()
      .join(';');
  return norm(a) === norm(b);
}
