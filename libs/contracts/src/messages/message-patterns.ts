/** RPC message patterns (Nest microservices, Redis transport). Wire contracts: never rename. */
export const KeyServicePattern = {
  OpenAccount: 'accounts.open',
  Signup: 'accounts.signup',
  AddUser: 'users.add',
  ChangeUserRole: 'users.change-role',
  ListUsers: 'users.list',
  UserCredentials: 'users.credentials',
  ChangePlan: 'accounts.change-plan',
  GetAccount: 'accounts.get',
  CreateKey: 'keys.create',
  ImportKeys: 'keys.import',
  UpdateKey: 'keys.update',
  RotateKey: 'keys.rotate',
  RevokeKey: 'keys.revoke',
  DeleteKey: 'keys.delete',
  ChangeCredits: 'keys.change-credits',
  ReportLeaks: 'keys.report-leaks',
  ReleaseKey: 'keys.release',
  AddWebhook: 'webhooks.add',
  ListWebhooks: 'webhooks.list',
  RemoveWebhook: 'webhooks.remove',
  UpdateWebhook: 'webhooks.update',
  WebhookSigning: 'webhooks.signing',
  ListKeys: 'keys.list',
  GetKey: 'keys.get',
  GetKeyRecord: 'keys.record',
  AccountEvents: 'audit.list',
  Health: 'key-service.health',
} as const;

/** RPC message patterns of the usage service. */
export const UsageServicePattern = {
  AccountUsage: 'usage.account',
  KeyUsage: 'usage.key',
  KeysUsage: 'usage.keys',
  Health: 'usage-service.health',
} as const;
