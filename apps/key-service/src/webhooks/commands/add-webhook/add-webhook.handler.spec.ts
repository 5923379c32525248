import { NotFoundError, SYSTEM_ACTOR } from '@keygate/contracts';
import { ManualClock } from '@keygate/testing';
import { inMemoryRepository, storeAccount } from '../../../../test/in-memory-event-store';
import { UserAudit } from '../../../panel-users/user-audit';
import {
  WebhookEndpointDocument,
  WebhookEndpointsRepository,
} from '../../webhook-endpoints.repository';
import { AddWebhookHandler } from './add-webhook.handler';

async function setup() {
  const { store, repository, relay } = inMemoryRepository();
  const clock = new ManualClock(new Date('2026-12-06T12:00:00.000Z'));
  await storeAccount(repository, clock.now());
  const stored: WebhookEndpointDocument[] = [];
  const endpoints = {
    insert: async (endpoint: WebhookEndpointDocument) => void stored.push(endpoint),
  } as unknown as WebhookEndpointsRepository;
  const handler = new AddWebhookHandler(endpoints, new UserAudit(repository, relay), clock);
  const add = (accountId: string) =>
    handler.execute({
      accountId,
      url: 'https://hooks.example/k',
      events: ['key.revoked'],
      actor: SYSTEM_ACTOR,
    });
  return { store, stored, add };
}

describe(AddWebhookHandler.name, () => {
  it('stores the endpoint with a new secret, answered once, and audits it without the secret', async () => {
    const { store, stored, add } = await setup();
    const { webhook, secret } = await add('acc_1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhook).toMatchObject({
      accountId: 'acc_1',
      url: 'https://hooks.example/k',
      enabled: true,
    });
    expect(stored.map((e) => e.secret)).toEqual([secret]);
    expect(store.appendedTypes.at(-1)).toBe('account-acc_1: WebhookEndpointAdded');
    expect(store.storedText()).not.toContain(secret);
    expect((await add('acc_1')).secret).not.toBe(secret);
  });

  it('stores nothing for an account that does not exist', async () => {
    const { stored, add } = await setup();
    await expect(add('acc_2')).rejects.toThrow(NotFoundError);
    expect(stored).toEqual([]);
  });
});
