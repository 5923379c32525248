import { createHash } from 'node:crypto';
import { KeyServicePattern, LeakVerdict, UnauthorizedError } from '@keygate/contracts';
import { KeyServiceClient } from '../../rpc/key-service.client';
import { GithubPublicKeys } from '../github-public-keys';
import { GithubSecretScanningHandler } from './github-secret-scanning.handler';

const BODY = [
  {
    token: 'kg_sk_leaked',
    type: 'keygate_api_key',
    url: 'https://github.com/a/b',
    source: 'commit',
  },
  {
    token: 'kg_sk_other',
    type: 'keygate_api_key',
    url: 'https://github.com/a/b',
    source: 'commit',
  },
];

function setup(signatureValid: boolean) {
  const sent: unknown[] = [];
  const keys = { verify: async () => signatureValid } as unknown as GithubPublicKeys;
  const keyService = {
    call: async (pattern: string, request: unknown): Promise<LeakVerdict[]> => {
      sent.push({ pattern, request });
      return [
        { keyId: 'key_1', accountId: 'acc_1', label: 'true_positive', outcome: 'revoked' },
        { keyId: null, accountId: null, label: 'false_positive', outcome: null },
      ];
    },
  } as unknown as KeyServiceClient;
  const handler = new GithubSecretScanningHandler(keys, keyService, {
    leaks: { action: 'revoke', githubKeysUrl: 'http://127.0.0.1/keys' },
  });
  const run = (overrides: Partial<Parameters<GithubSecretScanningHandler['execute']>[0]> = {}) =>
    handler.execute({
      rawBody: JSON.stringify(BODY),
      body: BODY,
      keyId: 'k1',
      signature: 'c2ln',
      ...overrides,
    });
  return { run, sent };
}

describe(GithubSecretScanningHandler.name, () => {
  it('hands the tokens of a signed report to the key service and labels each by its hash', async () => {
    const { run, sent } = setup(true);
    expect(await run()).toEqual([
      {
        token_hash: createHash('sha256').update('kg_sk_leaked').digest('hex'),
        token_type: 'keygate_api_key',
        label: 'true_positive',
      },
      {
        token_hash: createHash('sha256').update('kg_sk_other').digest('hex'),
        token_type: 'keygate_api_key',
        label: 'false_positive',
      },
    ]);
    expect(sent).toEqual([
      {
        pattern: KeyServicePattern.ReportLeaks,
        request: {
          secrets: ['kg_sk_leaked', 'kg_sk_other'],
          source: 'github:commit',
          url: 'https://github.com/a/b',
          action: 'revoke',
          actor: { type: 'system' },
        },
      },
    ]);
  });

  it('refuses a report without a valid signature before reading it', async () => {
    for (const overrides of [
      {},
      { signature: undefined },
      { keyId: undefined },
      { rawBody: undefined },
    ]) {
      const { run, sent } = setup(Object.keys(overrides).length > 0);
      await expect(run(overrides)).rejects.toThrow(UnauthorizedError);
      expect(sent).toEqual([]);
    }
  });
});
