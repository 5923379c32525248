import { EventEnvelope } from './event-envelope';

export const AccountEventType = {
  AccountOpened: 'AccountOpened',
  AccountPlanChanged: 'AccountPlanChanged',
} as const;

export interface AccountOpenedData {
  accountId: string;
  name: string;
  plan: string;
}

export interface AccountPlanChangedData {
  accountId: string;
  from: string;
  to: string;
}

export type AccountOpened = EventEnvelope<'AccountOpened', AccountOpenedData>;
export type AccountPlanChanged = EventEnvelope<'AccountPlanChanged', AccountPlanChangedData>;
export type AccountEvent = AccountOpened | AccountPlanChanged;
