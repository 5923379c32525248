import { EventEnvelope, KeyServicePattern, PanelUserView } from '@keygate/contracts';
import { fakeKeyService, panelCaller } from '../../../test/fake-rpc';
import { ListAuditEventsHandler } from './list-audit-events.handler';

const rotated: EventEnvelope = {
  eventId: 'evt_2',
  streamId: 'key-key_1',
  version: 2,
  type: 'KeyRotated',
  schemaVersion: 1,
  occurredAt: '2026-11-29T10:00:00.000Z',
  actor: { type: 'user', id: 'usr_1', ip: '203.0.113.7' },
  data: {
    secretHash: 'h-new',
    previousSecretHash: 'h-old',
    hint: 'kg_sk_ab…yz',
    gracePeriodSeconds: 60,
  },
};
const planChanged: EventEnvelope = {
  eventId: 'evt_1',
  streamId: 'account-acc_1',
  version: 3,
  type: 'AccountPlanChanged',
  schemaVersion: 1,
  occurredAt: '2026-11-29T09:00:00.000Z',
  actor: { type: 'operator' },
  data: { plan: 'pro' },
};

describe(ListAuditEventsHandler.name, () => {
  const { fake, client } = fakeKeyService({
    [KeyServicePattern.AccountEvents]: () => ({
      events: [rotated, planChanged],
      nextCursor: '0123456789abcdef01234567',
    }),
    [KeyServicePattern.ListUsers]: () => [
      { id: 'usr_1', email: 'ada@example.com', role: 'admin' } as PanelUserView,
    ],
  });

  it('pages the caller’s account’s events as audit entries, naming users by email, without secret hashes', async () => {
    const page = await new ListAuditEventsHandler(client).execute(panelCaller('member'), {
      limit: 2,
    });
    expect(fake.calls).toEqual([
      {
        pattern: KeyServicePattern.AccountEvents,
        request: { accountId: 'acc_1', limit: 2, cursor: null },
      },
      { pattern: KeyServicePattern.ListUsers, request: { accountId: 'acc_1' } },
    ]);
    expect(page).toEqual({
      events: [
        {
          id: 'evt_2',
          action: 'KeyRotated',
          occurredAt: '2026-11-29T10:00:00.000Z',
          actor: { type: 'user', id: 'usr_1', email: 'ada@example.com' },
          ip: '203.0.113.7',
          keyId: 'key_1',
          data: { hint: 'kg_sk_ab…yz', gracePeriodSeconds: 60 },
        },
        {
          id: 'evt_1',
          action: 'AccountPlanChanged',
          occurredAt: '2026-11-29T09:00:00.000Z',
          actor: { type: 'operator', id: null, email: null },
          ip: null,
          keyId: null,
          data: { plan: 'pro' },
        },
      ],
      nextCursor: '0123456789abcdef01234567',
    });
  });
});
