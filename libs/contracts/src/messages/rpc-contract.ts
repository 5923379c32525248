import { z, ZodTypeAny } from 'zod';
import {
  AccountView,
  OpenedAccount,
  changePlanSchema,
  requireTwoFactorSchema,
  openAccountSchema,
} from '../dto/account.dto';
import {
  ImportedKeys,
  IssuedKey,
  KeyRecord,
  KeyView,
  accountRefSchema,
  changeCreditsSchema,
  reportLeaksSchema,
  LeakVerdict,
  createKeySchema,
  importKeysSchema,
  keyIdSchema,
  keyRefSchema,
  rotateKeySchema,
  updateKeySchema,
} from '../dto/key.dto';
import {
  PanelUserCredentials,
  PanelUserView,
  SignedUpAccount,
  addUserSchema,
  changeUserRoleSchema,
  removeUserSchema,
  setPasswordSchema,
  recordPasswordResetSchema,
  beginTwoFactorSchema,
  twoFactorCodeSchema,
  TwoFactorEnrolment,
  signupSchema,
  userCredentialsQuerySchema,
} from '../dto/panel-user.dto';
import {
  KeyUsageSummary,
  UsageSeries,
  accountUsageQuerySchema,
  keyUsageQuerySchema,
} from '../dto/usage.dto';
import { EventPage } from '../events/event-envelope';
import { GatewayView, RevocationPropagation } from '../gateways/gateway-registry';
import {
  DecisionPage,
  DecisionRecord,
  DecisionSummary,
  decisionByRequestSchema,
  keyDecisionSummaryQuerySchema,
  keyDecisionsQuerySchema,
} from '../decisions/decision-record';
import {
  RotatedWebhookSecret,
  WebhookDeliveryView,
  WebhookView,
  addWebhookSchema,
  deliveryRefSchema,
  listDeliveriesSchema,
  updateWebhookSchema,
  webhookRefSchema,
} from '../dto/webhook.dto';
import { KeyServicePattern, UsageServicePattern } from './message-patterns';

/** One RPC message: the schema its request is validated with (on both sides), its reply type. */
export interface Message<Request extends ZodTypeAny, Reply> {
  request: Request;
  /** Type only: never set. */
  reply?: Reply;
}

const message = <Reply>() => {
  return <Request extends ZodTypeAny>(request: Request): Message<Request, Reply> => ({ request });
};

/** The audit log's page request (key service side: the account is always given). */
export const auditQuerySchema = z
  .object({
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'must be a cursor from a previous page')
      .nullable()
      .default(null),
  })
  .strict();

const noRequest = z.object({}).passthrough();

// Every pattern must have its message: a pattern added without one fails to compile.
type PatternOf<P> = P[keyof P];
type AnyMessage = Message<ZodTypeAny, unknown>;

/**
 * A revoked key and where its revocation stands on the live gateways (null: the gateways'
 * registry could not be read; the key is revoked all the same).
 */
export type RevokedKeyView = KeyView & { propagation: RevocationPropagation | null };

/** Every message the key service answers. */
export const KEY_SERVICE_MESSAGES = {
  [KeyServicePattern.OpenAccount]: message<OpenedAccount>()(openAccountSchema),
  [KeyServicePattern.Signup]: message<SignedUpAccount>()(signupSchema),
  [KeyServicePattern.AddUser]: message<PanelUserView>()(addUserSchema),
  [KeyServicePattern.ChangeUserRole]: message<PanelUserView>()(changeUserRoleSchema),
  [KeyServicePattern.RemoveUser]: message<PanelUserView>()(removeUserSchema),
  [KeyServicePattern.SetPassword]: message<PanelUserView>()(setPasswordSchema),
  [KeyServicePattern.RecordPasswordReset]: message<PanelUserView>()(recordPasswordResetSchema),
  [KeyServicePattern.BeginTwoFactor]: message<TwoFactorEnrolment>()(beginTwoFactorSchema),
  [KeyServicePattern.ConfirmTwoFactor]: message<{ recoveryCodes: string[] }>()(twoFactorCodeSchema),
  [KeyServicePattern.DisableTwoFactor]: message<PanelUserView>()(twoFactorCodeSchema),
  [KeyServicePattern.VerifyTwoFactor]: message<{ verified: boolean }>()(twoFactorCodeSchema),
  [KeyServicePattern.ListUsers]: message<PanelUserView[]>()(accountRefSchema),
  [KeyServicePattern.UserCredentials]: message<PanelUserCredentials | null>()(
    userCredentialsQuerySchema,
  ),
  [KeyServicePattern.ChangePlan]: message<AccountView>()(changePlanSchema),
  [KeyServicePattern.RequireTwoFactor]: message<AccountView>()(requireTwoFactorSchema),
  [KeyServicePattern.GetAccount]: message<AccountView>()(accountRefSchema),
  [KeyServicePattern.CreateKey]: message<IssuedKey>()(createKeySchema),
  [KeyServicePattern.ImportKeys]: message<ImportedKeys>()(importKeysSchema),
  [KeyServicePattern.UpdateKey]: message<KeyView>()(updateKeySchema),
  [KeyServicePattern.RotateKey]: message<IssuedKey>()(rotateKeySchema),
  [KeyServicePattern.RevokeKey]: message<RevokedKeyView>()(keyRefSchema),
  [KeyServicePattern.GetRevocation]: message<RevocationPropagation>()(keyRefSchema),
  [KeyServicePattern.ListGateways]: message<GatewayView[]>()(noRequest),
  [KeyServicePattern.ReleaseKey]: message<KeyView>()(keyRefSchema),
  [KeyServicePattern.AddWebhook]: message<{ webhook: WebhookView; secret: string }>()(
    addWebhookSchema,
  ),
  [KeyServicePattern.ListWebhooks]: message<WebhookView[]>()(accountRefSchema),
  [KeyServicePattern.RemoveWebhook]: message<{ removed: true }>()(webhookRefSchema),
  [KeyServicePattern.UpdateWebhook]: message<WebhookView>()(updateWebhookSchema),
  [KeyServicePattern.TestWebhook]: message<WebhookDeliveryView>()(webhookRefSchema),
  [KeyServicePattern.RotateWebhookSecret]: message<RotatedWebhookSecret>()(webhookRefSchema),
  [KeyServicePattern.ListDeliveries]: message<WebhookDeliveryView[]>()(listDeliveriesSchema),
  [KeyServicePattern.ReplayDelivery]: message<WebhookDeliveryView>()(deliveryRefSchema),
  [KeyServicePattern.ChangeCredits]: message<KeyView>()(changeCreditsSchema),
  [KeyServicePattern.ReportLeaks]: message<LeakVerdict[]>()(reportLeaksSchema),
  [KeyServicePattern.DeleteKey]: message<{ deleted: true; keyId: string }>()(keyRefSchema),
  [KeyServicePattern.ListKeys]: message<KeyView[]>()(accountRefSchema),
  [KeyServicePattern.GetKey]: message<KeyView>()(keyRefSchema),
  [KeyServicePattern.GetKeyRecord]: message<KeyRecord>()(keyIdSchema),
  [KeyServicePattern.AccountEvents]: message<EventPage>()(auditQuerySchema),
  [KeyServicePattern.Health]: message<{ status: 'ok'; service: 'key-service' }>()(noRequest),
} as const satisfies Record<PatternOf<typeof KeyServicePattern>, AnyMessage>;

/** Every message the usage service answers. */
export const USAGE_SERVICE_MESSAGES = {
  [UsageServicePattern.AccountUsage]: message<UsageSeries>()(accountUsageQuerySchema),
  [UsageServicePattern.KeyUsage]: message<UsageSeries>()(keyUsageQuerySchema),
  [UsageServicePattern.KeysUsage]: message<KeyUsageSummary[]>()(accountUsageQuerySchema),
  [UsageServicePattern.DecisionsByRequest]: message<DecisionRecord[]>()(decisionByRequestSchema),
  [UsageServicePattern.KeyDecisions]: message<DecisionPage>()(keyDecisionsQuerySchema),
  [UsageServicePattern.KeyDecisionSummary]: message<DecisionSummary>()(
    keyDecisionSummaryQuerySchema,
  ),
  [UsageServicePattern.Health]: message<{ status: 'ok'; service: 'usage-service' }>()(noRequest),
} as const satisfies Record<PatternOf<typeof UsageServicePattern>, AnyMessage>;

export type KeyServiceMessages = typeof KEY_SERVICE_MESSAGES;
export type UsageServiceMessages = typeof USAGE_SERVICE_MESSAGES;

/** What a caller sends for a pattern (defaults of the schema may be left out). */
export type RequestOf<M, P extends keyof M> =
  M[P] extends Message<infer Request, unknown> ? z.input<Request> : never;
/** What a server's handler gets for a pattern: the request as the contract's schema parsed it. */
export type HandledRequestOf<M, P extends keyof M> =
  M[P] extends Message<infer Request, unknown> ? z.output<Request> : never;
export type KeyServiceRequest<P extends keyof KeyServiceMessages> = HandledRequestOf<
  KeyServiceMessages,
  P
>;
export type UsageServiceRequest<P extends keyof UsageServiceMessages> = HandledRequestOf<
  UsageServiceMessages,
  P
>;
/** What a pattern answers. */
export type ReplyOf<M, P extends keyof M> =
  M[P] extends Message<ZodTypeAny, infer Reply> ? Reply : never;
