import { EventEnvelope, KeyCreatedData } from '@keygate/contracts';

/** The stored KeyCreated of user key key_1 of account acc_1 (product: read), for unit specs. */
export function keyCreated(overrides: Partial<KeyCreatedData> = {}): EventEnvelope {
  const data: KeyCreatedData = {
    keyId: 'key_1',
    accountId: 'acc_1',
    kind: 'user',
    access: null,
    type: 'standard',
    name: 'Product reader',
    rules: [{ resource: 'product', actions: ['read'] }],
    allowedHosts: [],
    expiresAt: null,
    secretHash: 'h1',
    hint: 'kg_sk_abcd…wxyz',
    ...overrides,
  };
  return {
    eventId: 'e1',
    streamId: 'key-key_1',
    version: 1,
    type: 'KeyCreated',
    schemaVersion: 1,
    occurredAt: '2026-11-23T12:00:00.000Z',
    actor: { type: 'system' },
    data,
  };
}
