import { ServerResponse } from 'node:http';
import { ApiRequest } from './call-start';
import { GatewayConfig } from '@keygate/config';
import { PUBLIC_ROUTES } from '@keygate/contracts';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { AccountConcurrency } from '../edge/account-concurrency';
import { QuotaAdmission } from '../quota/quota-admission';
import { CallPipeline, CallStep } from './call-pipeline';
import { CallStart } from './call-start';
import { AuthenticateStep } from './steps/authenticate.step';
import { BodySizeStep } from './steps/body-size.step';
import { canonicalTargetStep } from './steps/canonical-target.step';
import { ConcurrencySlotStep } from './steps/concurrency-slot.step';
import { QuotaAdmissionStep } from './steps/quota-admission.step';

const count: CallStep<{ n: number }, { doubled: number }> = {
  run: ({ n }) => ({ doubled: n * 2 }),
};
const later: CallStep<{ doubled: number }, { text: string }> = {
  run: async ({ doubled }) => ({ text: `=${doubled}` }),
};

describe(CallPipeline.name, () => {
  it('runs the steps in order, each adding its result to the call', async () => {
    const pipeline = CallPipeline.startingWith<{ n: number }>().then(count).then(later);
    await expect(pipeline.run({ n: 21 })).resolves.toEqual({ n: 21, doubled: 42, text: '=42' });
  });

  it('stops at a refusal, the call showing how far it got', async () => {
    const refused = new Error('refused');
    const refuse: CallStep<{ doubled: number }, { never: true }> = {
      run: () => {
        throw refused;
      },
    };
    const call: { n: number; doubled?: number; text?: string } = { n: 1 };
    const pipeline = CallPipeline.startingWith<{ n: number }>()
      .then(count)
      .then(refuse)
      .then(later);
    await expect(pipeline.run(call)).rejects.toBe(refused);
    expect(call).toEqual({ n: 1, doubled: 2 });
  });

  it('does not compile a step ahead of what it needs', () => {
    // The gateway's own steps in a wrong order: each marked line is a type error that the marker
    // expects; were one of them to compile, the marker would be unused and tsc would fail.
    const config = {
      http: { apiBodyLimitBytes: 1 },
      upstream: { accountConcurrencyLimit: 1 },
    } as GatewayConfig;
    const authenticate = new AuthenticateStep({} as ApiKeyAuthenticator);
    const slot = new ConcurrencySlotStep(new AccountConcurrency(config));
    const quota = new QuotaAdmissionStep({} as QuotaAdmission);
    const start = CallPipeline.startingWith<CallStart>();
    // @ts-expect-error: authentication needs the canonical target first.
    start.then(authenticate);
    const authenticated = start.then(canonicalTargetStep).then(authenticate);
    // @ts-expect-error: the body size is checked before a route check may read the body.
    authenticated.then(new BodySizeStep(config)).then(slot);
    // @ts-expect-error: the quota counts a call only once it holds its slot.
    authenticated.then(new BodySizeStep(config)).then(quota);
    expect(authenticated).toBeInstanceOf(CallPipeline);
  });

  it('runs the real first steps on a real route', async () => {
    const authenticator = {
      authenticate: async () => ({ account: { id: 'a' } }),
    } as unknown as ApiKeyAuthenticator;
    const pipeline = CallPipeline.startingWith<CallStart>()
      .then(canonicalTargetStep)
      .then(new AuthenticateStep(authenticator));
    const call = await pipeline.run({
      request: { method: 'GET', url: '/api/v1/content/product' } as ApiRequest,
      response: {} as ServerResponse,
      route: PUBLIC_ROUTES.content,
    });
    expect(call.target.path).toBe('/api/v1/content/product');
    expect(call.principal.account.id).toBe('a');
  });
});
