import { AccountView } from '@keygate/contracts';
import { PlanTable } from '@keygate/config';

/** An account with its plan spelled out (API access, call limit, user-key limit). */
export const withPlan = (account: AccountView, plans: PlanTable) => ({
  account,
  plan: { name: account.plan, ...plans[account.plan] },
});
