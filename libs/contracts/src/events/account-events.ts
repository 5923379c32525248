import { EventEnvelope } from './event-envelope';

export const AccountEventType = {
  AccountOpened: 'AccountOpened',
  AccountPlanChanged: 'AccountPlanChanged',
  AccountTwoFactorRequirementChanged: 'AccountTwoFactorRequirementChanged',
  PanelUserAdded: 'PanelUserAdded',
  PanelUserRoleChanged: 'PanelUserRoleChanged',
  PanelUserRemoved: 'PanelUserRemoved',
  PanelUserPasswordChanged: 'PanelUserPasswordChanged',
  PanelUserPasswordResetIssued: 'PanelUserPasswordResetIssued',
  PanelUserTwoFactorChanged: 'PanelUserTwoFactorChanged',
  WebhookEndpointAdded: 'WebhookEndpointAdded',
  WebhookEndpointRemoved: 'WebhookEndpointRemoved',
  WebhookEndpointChanged: 'WebhookEndpointChanged',
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

/** An admin made two-factor sign-in required (or optional again) for the account's users. */
export interface AccountTwoFactorRequirementChangedData {
  accountId: string;
  required: boolean;
}

/** Panel users live in their own collection; these events are their audit trail. */
export interface PanelUserAddedData {
  accountId: string;
  userId: string;
  email: string;
  role: 'admin' | 'member';
}

export interface PanelUserRoleChangedData {
  accountId: string;
  userId: string;
  email: string;
  from: 'admin' | 'member';
  to: 'admin' | 'member';
}

/** A user was taken off the account (offboarding): their sessions ended, their login gone. */
export interface PanelUserRemovedData {
  accountId: string;
  userId: string;
  email: string;
  role: 'admin' | 'member';
}

/** A user's password was changed by them (`changed`) or through a reset link (`reset`); never the password or its hash. */
export interface PanelUserPasswordChangedData {
  accountId: string;
  userId: string;
  email: string;
  via: 'changed' | 'reset';
}

/** An admin issued a one-time password reset link for a user (never the link). */
export interface PanelUserPasswordResetIssuedData {
  accountId: string;
  userId: string;
  email: string;
}

/** A user turned two-factor sign-in on or off (never its secret or recovery codes). */
export interface PanelUserTwoFactorChangedData {
  accountId: string;
  userId: string;
  email: string;
  enabled: boolean;
}

/** Webhook endpoints live in their own collection; these events are their audit trail (no secret). */
export interface WebhookEndpointAddedData {
  accountId: string;
  endpointId: string;
  url: string;
  events: string[];
}

export interface WebhookEndpointChangedData {
  accountId: string;
  endpointId: string;
  url?: string;
  events?: string[];
  enabled?: boolean;
  /** Keygate disabled it: why (the endpoint answered 410 Gone). */
  disabledBecause?: string;
  /** A new signing secret was made (never the secret itself). */
  secretRotated?: true;
  /** A delivery was sent again. */
  replayedDelivery?: string;
}

export interface WebhookEndpointRemovedData {
  accountId: string;
  endpointId: string;
}

export type AccountOpened = EventEnvelope<'AccountOpened', AccountOpenedData>;
export type AccountPlanChanged = EventEnvelope<'AccountPlanChanged', AccountPlanChangedData>;
export type AccountTwoFactorRequirementChanged = EventEnvelope<
  'AccountTwoFactorRequirementChanged',
  AccountTwoFactorRequirementChangedData
>;
export type PanelUserAdded = EventEnvelope<'PanelUserAdded', PanelUserAddedData>;
export type PanelUserRoleChanged = EventEnvelope<'PanelUserRoleChanged', PanelUserRoleChangedData>;
export type PanelUserRemoved = EventEnvelope<'PanelUserRemoved', PanelUserRemovedData>;
export type PanelUserPasswordChanged = EventEnvelope<
  'PanelUserPasswordChanged',
  PanelUserPasswordChangedData
>;
export type PanelUserPasswordResetIssued = EventEnvelope<
  'PanelUserPasswordResetIssued',
  PanelUserPasswordResetIssuedData
>;
export type PanelUserTwoFactorChanged = EventEnvelope<
  'PanelUserTwoFactorChanged',
  PanelUserTwoFactorChangedData
>;
export type WebhookEndpointAdded = EventEnvelope<'WebhookEndpointAdded', WebhookEndpointAddedData>;
export type WebhookEndpointRemoved = EventEnvelope<
  'WebhookEndpointRemoved',
  WebhookEndpointRemovedData
>;
export type WebhookEndpointChanged = EventEnvelope<
  'WebhookEndpointChanged',
  WebhookEndpointChangedData
>;
export type AccountEvent =
  | AccountOpened
  | AccountPlanChanged
  | AccountTwoFactorRequirementChanged
  | PanelUserAdded
  | PanelUserRoleChanged
  | PanelUserRemoved
  | PanelUserPasswordChanged
  | PanelUserPasswordResetIssued
  | PanelUserTwoFactorChanged
  | WebhookEndpointAdded
  | WebhookEndpointRemoved
  | WebhookEndpointChanged;
