import { WebhookEventType } from './webhook.dto';

/** What each webhook event says, and an example of its `data`: for the API document and README. */
export const WEBHOOK_EVENT_DOCS: Record<
  WebhookEventType,
  { summary: string; example: Record<string, unknown> }
> = {
  'quota.threshold': {
    summary:
      'The call that takes the account to 80 %, and to 100 %, of its plan’s calls over the rolling 30 days',
    example: {
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      threshold: 80,
      used: 800000,
      limit: 1000000,
      window: '30d',
      date: '2026-12-06',
    },
  },
  'key.expiring': {
    summary: 'A key expires in KEY_EXPIRY_REMINDER_DAYS (30, 7 and 1 days by default)',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_3LGc…wkSp',
      expiresAt: '2027-01-05T00:00:00.000Z',
      reminderDays: 7,
      daysLeft: 7,
    },
  },
  'key.unused': {
    summary: 'A key made no call for 30 days',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'old app',
      hint: 'kg_sk_3LGc…wkSp',
      lastUsedAt: '2026-11-01T09:30:00.000Z',
      unusedDays: 30,
    },
  },
  'key.created': {
    summary: 'A key was created (not by the operator’s bulk import)',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_3LGc…wkSp',
      kind: 'user',
      type: 'standard',
      expiresAt: '2027-01-05T00:00:00.000Z',
    },
  },
  'key.rotated': {
    summary: 'A key’s secret was regenerated; the old one works until previousValidUntil',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_9QpX…aa01',
      previousValidUntil: '2026-12-07T12:00:00.000Z',
    },
  },
  'key.revoked': {
    summary: 'A key was revoked (after a leak that revoked it, with reason "leaked")',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_3LGc…wkSp',
      reason: 'leaked',
    },
  },
  'key.deleted': {
    summary: 'A key was deleted',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_3LGc…wkSp',
    },
  },
  'key.leaked': {
    summary: 'A key’s secret was reported exposed, and what was done (LEAK_ACTION)',
    example: {
      keyId: 'key_JCW3CH9gn0hk6mP3',
      accountId: 'acc_kXvVl5CtxRQLKBVu',
      name: 'CI reader',
      hint: 'kg_sk_3LGc…wkSp',
      source: 'github:content',
      url: 'https://github.com/acme/app/blob/main/.env',
      action: 'revoke',
    },
  },
  'webhook.test': {
    summary: 'Sent on demand by POST /panel/api/webhooks/{id}/test',
    example: { accountId: 'acc_kXvVl5CtxRQLKBVu', endpointId: 'wh_9XcQ2v0mKd1L' },
  },
};
