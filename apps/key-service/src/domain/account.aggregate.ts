import {
  AccountEvent,
  AccountEventType,
  AccountOpenedData,
  AccountPlanChangedData,
  AccountView,
  PanelUserAddedData,
  WebhookEndpointAddedData,
  WebhookEndpointChangedData,
  PanelUserPasswordChangedData,
  PanelUserPasswordResetIssuedData,
  PanelUserRemovedData,
  PanelUserTwoFactorChangedData,
  PanelUserRoleChangedData,
  accountStreamId,
} from '@keygate/contracts';
import { AggregateRoot, EventHandlers } from './aggregate-root';

export class Account extends AggregateRoot<AccountEvent> {
  /**
   * Every account event, by type: an AccountEvent type without its handler here fails to
   * compile. Panel users are stored apart (panel-users/): their events change nothing here.
   */
  private static readonly HANDLERS: EventHandlers<Account, AccountEvent> = {
    AccountOpened: (account, data, at) => account.onAccountOpened(data, at),
    AccountPlanChanged: (account, data) => account.onAccountPlanChanged(data),
    AccountTwoFactorRequirementChanged: (account, data) =>
      void (account.twoFactorRequired = data.required),
    PanelUserAdded: () => undefined,
    WebhookEndpointAdded: () => undefined,
    WebhookEndpointRemoved: () => undefined,
    WebhookEndpointChanged: () => undefined,
    PanelUserRoleChanged: () => undefined,
    PanelUserRemoved: () => undefined,
    PanelUserPasswordChanged: () => undefined,
    PanelUserPasswordResetIssued: () => undefined,
    PanelUserTwoFactorChanged: () => undefined,
  };

  protected readonly handlers = Account.HANDLERS;

  id = '';
  name = '';
  plan = '';
  createdAt = '';
  twoFactorRequired = false;

  get streamId(): string {
    return accountStreamId(this.id);
  }

  static open(input: { accountId: string; name: string; plan: string; now: Date }): Account {
    const account = new Account();
    const data: AccountOpenedData = {
      accountId: input.accountId,
      name: input.name,
      plan: input.plan,
    };
    account.apply(AccountEventType.AccountOpened, data, input.now);
    return account;
  }

  /** Returns false, applying nothing, when the account is already on that plan. */
  changePlan(plan: string, now: Date): boolean {
    if (plan === this.plan) return false;
    const data: AccountPlanChangedData = { accountId: this.id, from: this.plan, to: plan };
    this.apply(AccountEventType.AccountPlanChanged, data, now);
    return true;
  }

  /** Returns false, applying nothing, when the requirement is already as asked. */
  requireTwoFactor(required: boolean, now: Date): boolean {
    if (required === this.twoFactorRequired) return false;
    this.apply(
      AccountEventType.AccountTwoFactorRequirementChanged,
      { accountId: this.id, required },
      now,
    );
    return true;
  }

  /** Records, for the audit log, that a panel user joined the account. */
  recordWebhookAdded(endpoint: Omit<WebhookEndpointAddedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.WebhookEndpointAdded, { accountId: this.id, ...endpoint }, now);
  }

  recordWebhookChanged(change: Omit<WebhookEndpointChangedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.WebhookEndpointChanged, { accountId: this.id, ...change }, now);
  }

  recordWebhookRemoved(endpointId: string, now: Date): void {
    this.apply(AccountEventType.WebhookEndpointRemoved, { accountId: this.id, endpointId }, now);
  }

  recordUserAdded(user: Omit<PanelUserAddedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.PanelUserAdded, { accountId: this.id, ...user }, now);
  }

  recordUserRoleChanged(change: Omit<PanelUserRoleChangedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.PanelUserRoleChanged, { accountId: this.id, ...change }, now);
  }

  recordUserRemoved(removal: Omit<PanelUserRemovedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.PanelUserRemoved, { accountId: this.id, ...removal }, now);
  }

  recordPasswordChanged(change: Omit<PanelUserPasswordChangedData, 'accountId'>, now: Date): void {
    this.apply(AccountEventType.PanelUserPasswordChanged, { accountId: this.id, ...change }, now);
  }

  recordPasswordResetIssued(
    issued: Omit<PanelUserPasswordResetIssuedData, 'accountId'>,
    now: Date,
  ): void {
    this.apply(
      AccountEventType.PanelUserPasswordResetIssued,
      { accountId: this.id, ...issued },
      now,
    );
  }

  recordTwoFactorChanged(
    change: Omit<PanelUserTwoFactorChangedData, 'accountId'>,
    now: Date,
  ): void {
    this.apply(AccountEventType.PanelUserTwoFactorChanged, { accountId: this.id, ...change }, now);
  }

  toView(): AccountView {
    return {
      id: this.id,
      name: this.name,
      plan: this.plan,
      createdAt: this.createdAt,
      version: this.version,
      ...(this.twoFactorRequired && { twoFactorRequired: true as const }),
    };
  }

  protected onAccountOpened(data: AccountOpenedData, occurredAt: string): void {
    this.id = data.accountId;
    this.name = data.name;
    this.plan = data.plan;
    this.createdAt = occurredAt;
  }

  protected onAccountPlanChanged(data: AccountPlanChangedData): void {
    this.plan = data.to;
  }
}
