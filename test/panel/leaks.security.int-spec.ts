import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { generateSecret } from '@keygate/key-secret';
import { waitFor } from '@keygate/testing';
import { SystemHarness, withKey } from '../system.harness';
import { webhookReceiver } from '../webhooks/fixtures/webhook-receiver';
import { PanelClient } from './panel.client';

const OPERATOR_TOKEN = 'operator-token-for-the-leaks-spec';
const KEY_ID = 'github-test-key-1';

/** A P-256 key pair made here, standing in for GitHub's, and its published list on loopback. */
function githubStandIn() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const published = {
    public_keys: [
      {
        key_identifier: KEY_ID,
        key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        is_current: true,
      },
    ],
  };
  let reads = 0;
  const server: Server = createServer((_request, response) => {
    reads++;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(published));
  });
  return {
    server,
    reads: () => reads,
    signed: (body: string) => sign('sha256', Buffer.from(body), privateKey).toString('base64'),
  };
}

/**
 * GitHub's secret scanning partner endpoint and the Operator API's leak reports: a leaked key is
 * refused on every gateway once the report is acknowledged; an unsigned, tampered or unknown-key
 * report changes nothing.
 */
describe('leaked keys', () => {
  const github = githubStandIn();
  let system: SystemHarness;

  beforeAll(async () => {
    await new Promise<void>((listening) => github.server.listen(0, '127.0.0.1', listening));
    const { port } = github.server.address() as AddressInfo;
    system = new SystemHarness({
      OPERATOR_TOKEN,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_MS: '50',
      GITHUB_SECRET_SCANNING_KEYS_URL: `http://127.0.0.1:${port}/meta/public_keys/secret_scanning`,
    });
    await system.start(2);
  });
  afterAll(async () => {
    await system.stop();
    await new Promise((closed) => github.server.close(closed));
  });

  const report = (body: string, headers: Record<string, string>) =>
    system.call(
      '/github/secret-scanning',
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      system.panel,
    );
  const signedBy = (body: string, signature = github.signed(body), keyId = KEY_ID) => ({
    'github-public-key-identifier': keyId,
    'github-public-key-signature': signature,
  });
  const statusOn = async (secret: string) =>
    Promise.all(
      system.gateways.map(
        async (gateway) =>
          (await system.call('/api/v1/content/product', { headers: withKey(secret) }, gateway))
            .status,
      ),
    );
  const leaksRecorded = async (accountId: string) =>
    (
      await system.send<{ events: Array<{ type: string }> }>('audit.list', { accountId })
    ).events.filter((e) => e.type === 'KeyLeaked').length;

  it('revokes a key GitHub found in a public repository, on every gateway, tells its owner’s webhook, and labels the report', async () => {
    const hooks = await webhookReceiver();
    const opened = await system.openAccount('Leaky');
    const { secret: signingSecret } = await system.send<{ secret: string }>('webhooks.add', {
      accountId: opened.account.id,
      url: hooks.url,
      events: ['key.leaked', 'key.revoked'],
    });
    const { secret, key } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    expect(await statusOn(secret)).toEqual([200, 200]);

    const stranger = generateSecret('kg');
    const body = JSON.stringify([
      {
        token: secret,
        type: 'keygate_api_key',
        url: 'https://github.com/acme/app/blob/main/.env',
        source: 'content',
      },
      {
        token: stranger,
        type: 'keygate_api_key',
        url: 'https://github.com/acme/app/blob/main/.env',
        source: 'content',
      },
    ]);
    const answer = await report(body, signedBy(body));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      {
        token_hash: createHash('sha256').update(secret).digest('hex'),
        token_type: 'keygate_api_key',
        label: 'true_positive',
      },
      {
        token_hash: createHash('sha256').update(stranger).digest('hex'),
        token_type: 'keygate_api_key',
        label: 'false_positive',
      },
    ]);
    await system.gatewaysCaughtUp();
    expect(await statusOn(secret)).toEqual([401, 401]);
    expect(await leaksRecorded(opened.account.id)).toBe(1);

    await waitFor(() => hooks.received.length === 2, 10_000, 20);
    const told = hooks.verified(signingSecret);
    expect(told.map((message) => message.type)).toEqual(['key.leaked', 'key.revoked']);
    expect(told[0].data).toMatchObject({
      keyId: key.id,
      accountId: opened.account.id,
      source: 'github:content',
      url: 'https://github.com/acme/app/blob/main/.env',
      action: 'revoke',
    });
    expect(hooks.received.map((entry) => entry.body).join()).not.toContain(secret);

    // The same report again changes nothing, and tells no one again.
    expect((await report(body, signedBy(body))).body[0].label).toBe('true_positive');
    expect(await leaksRecorded(opened.account.id)).toBe(1);
    await system.gatewaysCaughtUp();
    expect(hooks.received).toHaveLength(2);
    await hooks.close();
  });

  it('touches nothing for an unsigned, tampered or unknown-key report (401)', async () => {
    const opened = await system.openAccount('Safe');
    const { secret } = await system.createKey(opened.account.id);
    await system.gatewaysCaughtUp();
    const body = JSON.stringify([
      { token: secret, type: 'keygate_api_key', url: 'https://github.com/x/y' },
    ]);
    const tampered = body.replace('x/y', 'x/z');
    const readsBefore = github.reads();
    for (const [text, headers] of [
      [body, {}],
      [tampered, signedBy(body)],
      [body, signedBy(body, github.signed(body), 'an-unknown-key-id')],
      [body, signedBy(body, 'bm90IGEgc2lnbmF0dXJl')],
    ] as Array<[string, Record<string, string>]>) {
      const answer = await report(text, headers);
      expect(answer.status).toBe(401);
    }
    expect(github.reads()).toBeGreaterThanOrEqual(readsBefore); // an unknown id may read them again
    await system.gatewaysCaughtUp();
    expect(await statusOn(secret)).toEqual([200, 200]);
    expect(await leaksRecorded(opened.account.id)).toBe(0);
  });

  it('takes reports from other scanners through the Operator API', async () => {
    const opened = await system.openAccount('Scanned');
    const { key, secret } = await system.createKey(opened.account.id);
    const call = (body: unknown, token = OPERATOR_TOKEN) =>
      system.call('/operator/api/leaks', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-operator-token': token },
        body: JSON.stringify(body),
      });
    expect(
      (await call({ secrets: [secret], source: 'gitleaks' }, 'not-the-operator-token')).status,
    ).toBe(401);
    const answer = await call({
      secrets: [secret, 'not-a-key-of-anyone-0001'],
      source: 'gitleaks',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { keyId: key.id, accountId: opened.account.id, label: 'true_positive', outcome: 'revoked' },
      { keyId: null, accountId: null, label: 'false_positive', outcome: null },
    ]);
    await system.gatewaysCaughtUp();
    expect(await statusOn(secret)).toEqual([401, 401]);
    const again = await call({ secrets: [secret], source: 'gitleaks' });
    expect(again.body.results[0].outcome).toBe('already_handled');
    expect((await call({ secrets: [], source: 'gitleaks' })).status).toBe(400);
  });
});

describe('leaked keys quarantined (LEAK_ACTION=quarantine)', () => {
  const system = new SystemHarness({ OPERATOR_TOKEN, LEAK_ACTION: 'quarantine' });

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  it('refuses a reported key (401) until an admin releases it, and a release needs a quarantine', async () => {
    const { client } = await PanelClient.signup(system, 'Quarantine Co');
    const created = await client.post('/keys', {
      name: 'ci',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    const { key, secret } = created.body;
    await system.gatewaysCaughtUp();
    const read = async () =>
      (await system.call('/api/v1/content/product', { headers: withKey(secret) })).status;
    expect(await read()).toBe(200);

    const reported = await system.call('/operator/api/leaks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator-token': OPERATOR_TOKEN },
      body: JSON.stringify({ secrets: [secret], source: 'gitleaks' }),
    });
    expect(reported.body.results[0].outcome).toBe('quarantined');
    await system.gatewaysCaughtUp();
    expect(await read()).toBe(401);
    expect(
      (await client.get('/keys')).body.keys.find((k: { id: string }) => k.id === key.id).status,
    ).toBe('quarantined');

    const released = await client.post(`/keys/${key.id}/release`);
    expect([released.status, released.body.key.status]).toEqual([200, 'active']);
    await system.gatewaysCaughtUp();
    expect(await read()).toBe(200);
    expect((await client.post(`/keys/${key.id}/release`)).status).toBe(409);
  });
});
