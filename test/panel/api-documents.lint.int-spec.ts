import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WEBHOOK_EVENT_TYPES } from '@keygate/contracts';
import { SystemHarness } from '../system.harness';
import { PanelClient } from './panel.client';

const run = promisify(execFile);
const REDOCLY = join(__dirname, '../../node_modules/.bin/redocly');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

/** `redocly lint` with its recommended rules: every problem it reports, errors and warnings. */
async function lint(dir: string, name: string, document: unknown): Promise<LintProblem[]> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(document));
  const { stdout } = await run(
    REDOCLY,
    ['lint', '--extends', 'recommended', '--format', 'json', file],
    {
      maxBuffer: 16 * 1024 * 1024,
      // No telemetry or update check: nothing leaves the machine.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  ).catch((failed: { stdout: string }) => ({ stdout: failed.stdout }));
  return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
}

const operationIds = (document: {
  paths: Record<string, Record<string, { operationId?: string }>>;
}) =>
  Object.values(document.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([, operation]) => operation.operationId),
  );

/** The control plane's own calls, named after their use-case folders, and the API's, by method and path. */
const STABLE_OPERATION_IDS = [
  'addUser',
  'addWebhook',
  'beginTwoFactor',
  'changeKeyCredits',
  'changePassword',
  'changePlan',
  'changeUserRole',
  'confirmTwoFactor',
  'createKey',
  'deleteApiV1ContentResource',
  'deleteApiV1ContentResourceId',
  'deleteApiV1InternalContenttype',
  'deleteApiV1InternalContenttypeName',
  'deleteKey',
  'disableTwoFactor',
  'endOtherSessions',
  'endSession',
  'getAccount',
  'getAccountUsage',
  'getApiAuthContext',
  'getApiGraphql',
  'getApiV1ContentResource',
  'getApiV1ContentResourceId',
  'getApiV1InternalContenttype',
  'getApiV1InternalContenttypeName',
  'getApiV1Search',
  'getCurrentSession',
  'getDecision',
  'getKey',
  'getKeyAdvice',
  'getKeyOpenApi',
  'getKeyRevocation',
  'getKeyUsage',
  'githubSecretScanning',
  'importKeys',
  'issuePasswordReset',
  'listAuditEvents',
  'listGateways',
  'listKeyDecisions',
  'listKeys',
  'listSessions',
  'listUsers',
  'listWebhookDeliveries',
  'listWebhooks',
  'login',
  'loginTwoFactor',
  'logout',
  'operatorRevokeKey',
  'panelHealth',
  'patchApiV1ContentResource',
  'patchApiV1ContentResourceId',
  'patchApiV1InternalContenttype',
  'patchApiV1InternalContenttypeName',
  'postApiGraphql',
  'postApiV1ContentResource',
  'postApiV1ContentResourceId',
  'postApiV1InternalContenttype',
  'postApiV1InternalContenttypeName',
  'putApiV1ContentResource',
  'putApiV1ContentResourceId',
  'putApiV1InternalContenttype',
  'putApiV1InternalContenttypeName',
  'redeemPasswordReset',
  'releaseKey',
  'removeUser',
  'removeWebhook',
  'replayWebhookDelivery',
  'reportLeaks',
  'requireTwoFactor',
  'revokeKey',
  'rotateKey',
  'rotateWebhookSecret',
  'signup',
  'summarizeKeyDecisions',
  'testWebhook',
  'updateKey',
  'updateWebhook',
  'verifyKey',
];

describe('API documents that client generators accept', () => {
  const system = new SystemHarness({
    PUBLIC_URL: 'https://api.keygate.test',
    PANEL_PUBLIC_URL: 'https://panel.keygate.test',
  });
  const dir = mkdtempSync(join(tmpdir(), 'kg-openapi-'));

  beforeAll(() => system.start());
  afterAll(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lints /docs-json with no error or warning, every operation with its own operationId', async () => {
    const document = (await system.call('/docs-json')).body;
    expect(await lint(dir, 'docs', document)).toEqual([]);
    const ids = operationIds(document);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Client generators name their methods after these: a renamed class must not change them.
    expect(ids.sort()).toEqual(STABLE_OPERATION_IDS);
    expect(document.paths['/api/auth-context'].servers).toEqual([
      { url: 'https://api.keygate.test', description: 'The gateway' },
    ]);
    // What Keygate sends to webhook endpoints: every event, with an example body.
    const webhooks = document['x-webhooks'] as Record<
      string,
      { post: { requestBody: { content: Record<string, { example: { type: string } }> } } }
    >;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const [type, item] of Object.entries(webhooks))
      expect(item.post.requestBody.content['application/json'].example.type).toBe(type);
  });

  it('lints each key’s own document with no error or warning', async () => {
    const { client, signup } = await PanelClient.signup(system, 'Docs Co');
    const scoped = await client.post('/keys', {
      name: 'reader',
      rules: [{ resource: 'product', actions: ['read'] }],
    });
    for (const keyId of [signup.body.applicationKeys[0].id, scoped.body.key.id]) {
      const document = (await client.get(`/keys/${keyId}/openapi.json`)).body;
      expect(await lint(dir, keyId, document)).toEqual([]);
      const ids = operationIds(document);
      expect(ids.every(Boolean)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
