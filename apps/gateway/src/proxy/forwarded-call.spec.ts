import { FastifyReply, FastifyRequest } from 'fastify';
import {
  ForbiddenError,
  QuotaExceededError,
  TooManyConcurrentCallsError,
  UnauthorizedError,
} from '@keygate/contracts';
import { ApiKeyAuthenticator } from '../auth/api-key.authenticator';
import { Principal } from '../auth/key-verifier';
import { AccountConcurrency } from '../edge/account-concurrency';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { QuotaAdmission } from '../quota/quota-admission';
import { ForwardedCall } from './forwarded-call';
import { UpstreamProxy } from './upstream.proxy';

const principal = { account: { id: 'a1' }, key: { id: 'k1' } } as unknown as Principal;

/** A reply that records what sendHttpError wrote. */
function fakeReply() {
  const sent: { status?: number; body?: { error: { code: string } } } = {};
  const reply = {
    raw: { destroyed: false, socket: { destroyed: false } },
    sent: false,
    hasHeader: () => false,
    header: () => reply,
    headers: () => reply,
    status: (status: number) => ((sent.status = status), reply),
    send: (body: { error: { code: string } }) => ((sent.body = body), reply),
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

/** A ForwardedCall over fakes that record the order of the steps. */
function setup(
  fail: Partial<Record<'authenticate' | 'check' | 'acquire' | 'admit' | 'forward', Error>> = {},
) {
  const steps: string[] = [];
  const outcomes: string[] = [];
  const step = (name: keyof typeof fail) => {
    steps.push(name);
    if (fail[name]) throw fail[name];
  };
  const authenticator = {
    authenticate: async () => (step('authenticate'), principal),
  } as unknown as ApiKeyAuthenticator;
  const proxy = {
    assertBodySize: () => undefined,
    forward: async () => step('forward'),
  } as unknown as UpstreamProxy;
  const quota = {
    admit: async () => (step('admit'), { 'RateLimit-Limit': '10' }),
  } as unknown as QuotaAdmission;
  const concurrency = {
    acquire: () => {
      step('acquire');
      return () => steps.push('release');
    },
  } as unknown as AccountConcurrency;
  const metrics = {
    forwarded: { inc: () => outcomes.push('forwarded') },
    requests: { inc: ({ outcome }: { outcome: string }) => outcomes.push(outcome) },
  } as unknown as GatewayMetrics;
  const call = new ForwardedCall(authenticator, proxy, quota, concurrency, metrics);
  const request = { url: '/api/v1/content/product', method: 'GET', headers: {} } as FastifyRequest;
  const check = async () => (step('check'), undefined);
  return { call, request, check, steps, outcomes };
}

describe(ForwardedCall.name, () => {
  it('authenticates, checks, takes a slot, admits, forwards, then gives the slot back', async () => {
    const { call, request, check, steps, outcomes } = setup();
    const { reply } = fakeReply();
    await call.run(request, reply, undefined, check);
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
      const { call, request, check, steps } = setup({ [failing]: error });
      const { reply, sent } = fakeReply();
      await call.run(request, reply, undefined, check);
      expect(steps).not.toContain('admit');
      expect(steps).not.toContain('forward');
      expect(sent.status).toBe(status);
      expect(sent.body?.error.code).toBe(error.code);
    },
  );

  it('gives the slot back and counts the outcome when the quota refuses', async () => {
    const exceeded = new QuotaExceededError(
      { limit: 10, remaining: 0, resetSeconds: 60 },
      60,
      'starter',
    );
    const { call, request, check, steps, outcomes } = setup({ admit: exceeded });
    const { reply, sent } = fakeReply();
    await call.run(request, reply, undefined, check);
    expect(steps).toEqual(['authenticate', 'check', 'acquire', 'admit', 'release']);
    expect(sent.status).toBe(429);
    expect(outcomes).toEqual(['QUOTA_EXCEEDED']);
  });

  it('leaves counting a failed authentication to the authenticator', async () => {
    const { call, request, check, outcomes } = setup({
      authenticate: new UnauthorizedError('Unknown API key'),
    });
    await call.run(request, fakeReply().reply, undefined, check);
    expect(outcomes).toEqual([]);
  });
});
