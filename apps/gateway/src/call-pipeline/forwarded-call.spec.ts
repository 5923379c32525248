import { ServerResponse } from 'node:http';
import { ApiRequest } from './call-start';
import {
  ForbiddenError,
  PUBLIC_ROUTES,
  QuotaExceededError,
  TooManyConcurrentCallsError,
  UnauthorizedError,
} from '@keygate/contracts';
import { GatewayConfig } from '@keygate/config';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { GatewayPipeline } from './gateway-pipeline';
import { AuthenticateStep } from './steps/authenticate.step';
import { BodySizeStep } from './steps/body-size.step';
import { ConcurrencySlotStep } from './steps/concurrency-slot.step';
import { QuotaAdmissionStep } from './steps/quota-admission.step';
import { RouteCheckStep } from './steps/route-check.step';
import { GraphqlOperationCheck } from '../graphql/graphql-operation.check';
import { Principal } from '../auth/key-verifier';
import { AccountConcurrency } from '../edge/account-concurrency';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { QuotaAdmission } from '../quota/quota-admission';
import { ForwardedCall } from './forwarded-call';
import { DecisionRecorder } from '../decisions/decision-recorder';
import { UpstreamProxy } from '../proxy/upstream.proxy';

const principal = { account: { id: 'a1' }, key: { id: 'k1' } } as unknown as Principal;

/** A response that records what writeHttpError wrote. */
function fakeResponse() {
  const sent: { status?: number; body?: { error: { code: string } } } = {};
  const response = {
    destroyed: false,
    socket: { destroyed: false },
    headersSent: false,
    hasHeader: () => false,
    writeHead: (status: number) => ((sent.status = status), response),
    end: (text: string) => ((sent.body = JSON.parse(text) as typeof sent.body), response),
  };
  return { response: response as unknown as ServerResponse, sent };
}

/** A ForwardedCall over the real pipeline, its steps' collaborators faked to record the order. */
function setup(
  fail: Partial<Record<'authenticate' | 'check' | 'acquire' | 'admit' | 'forward', Error>> = {},
) {
  const steps: string[] = [];
  const outcomes: string[] = [];
  const recorded: string[] = [];
  const step = (name: keyof typeof fail) => {
    steps.push(name);
    if (fail[name]) throw fail[name];
  };
  const authenticator = {
    authenticate: async () => (step('authenticate'), principal),
  } as unknown as ApiKeyAuthenticator;
  const proxy = { forward: async () => step('forward') } as unknown as UpstreamProxy;
  const quota = {
    admit: async () => (step('admit'), { 'RateLimit-Limit': '10' }),
  } as unknown as QuotaAdmission;
  const concurrency = {
    acquire: () => {
      step('acquire');
      return () => steps.push('release');
    },
  } as unknown as AccountConcurrency;
  const graphql = {
    check: async () => (step('check'), {}),
  } as unknown as GraphqlOperationCheck;
  const metrics = {
    countForwarded: () => outcomes.push('forwarded'),
    requests: { inc: ({ outcome }: { outcome: string }) => outcomes.push(outcome) },
  } as unknown as GatewayMetrics;
  const config = { http: { apiBodyLimitBytes: 1024 } } as GatewayConfig;
  const pipeline = new GatewayPipeline(
    new AuthenticateStep(authenticator),
    new BodySizeStep(config),
    new RouteCheckStep(graphql),
    new ConcurrencySlotStep(concurrency),
    new QuotaAdmissionStep(quota),
  );
  const decisions = {
    refused: (_call: unknown, error: { code?: string }) => recorded.push(error.code ?? ''),
  } as unknown as DecisionRecorder;
  const call = new ForwardedCall(pipeline, proxy, metrics, decisions);
  const request = { url: '/api/graphql', method: 'POST', headers: {} } as ApiRequest;
  return { call, request, steps, outcomes, recorded };
}

const route = PUBLIC_ROUTES.graphql;

describe(ForwardedCall.name, () => {
  it('authenticates, checks, takes a slot, admits, forwards, then gives the slot back', async () => {
    const { call, request, steps, outcomes } = setup();
    const { response } = fakeResponse();
    await call.run(request, response, route);
    expect(steps).toEqual(['authenticate', 'check', 'acquire', 'admit', 'forward', 'release']);
    expect(outcomes).toEqual(['forwarded']);
  });

  it.each([
    ['authentication', 'authenticate', new UnauthorizedError('Unknown API key'), 401],
    ['a route check', 'check', new ForbiddenError('no'), 403],
    ['the account’s concurrency', 'acquire', new TooManyConcurrentCallsError(64), 429],
  ] as const)(
    'refuses at %s before the quota counts the call',
    async (_at, failing, error, status) => {
      const { call, request, steps } = setup({ [failing]: error });
      const { response, sent } = fakeResponse();
      await call.run(request, response, route);
      expect(steps).not.toContain('admit');
      expect(steps).not.toContain('forward');
      expect(sent.status).toBe(status);
      expect(sent.body?.error.code).toBe(error.code);
    },
  );

  it('gives the slot back, counts the outcome and records the refusal when the quota refuses', async () => {
    const exceeded = new QuotaExceededError(
      { limit: 10, remaining: 0, resetSeconds: 60 },
      60,
      'starter',
    );
    const { call, request, steps, outcomes, recorded } = setup({ admit: exceeded });
    const { response, sent } = fakeResponse();
    await call.run(request, response, route);
    expect(steps).toEqual(['authenticate', 'check', 'acquire', 'admit', 'release']);
    expect(sent.status).toBe(429);
    expect(outcomes).toEqual(['QUOTA_EXCEEDED']);
    expect(recorded).toEqual(['QUOTA_EXCEEDED']);
  });

  it('leaves counting a failed authentication to the authenticator, and records it', async () => {
    const { call, request, outcomes, recorded } = setup({
      authenticate: new UnauthorizedError('Unknown API key'),
    });
    await call.run(request, fakeResponse().response, route);
    expect(outcomes).toEqual([]);
    expect(recorded).toEqual(['UNAUTHORIZED']);
  });
});
