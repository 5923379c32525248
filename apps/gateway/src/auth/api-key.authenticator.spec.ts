import { ServerResponse } from 'node:http';
import { ApiRequest } from '../call-pipeline/call-start';
import { DEFAULT_PLANS, GatewayConfig } from '@keygate/config';
import {
  DomainError,
  ErrorCode,
  ForbiddenError,
  KeyRecord,
  ServiceUnavailableError,
  TooManyAuthFailuresError,
} from '@keygate/contracts';
import { ClientAddress } from '@keygate/http';
import { generateSecret, hashSecret } from '@keygate/key-secret';
import { ManualClock } from '@keygate/testing';
import { keyRecord } from '../../test/key-record';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { KeyProjection } from '../projection/key-projection';
import { ProjectionService } from '../projection/projection.service';
import { ApiKeyAuthenticator, AuthenticatedRequest } from './api-key.authenticator';
import { AuthFailureThrottle } from './auth-failure.throttle';
import { KeyVerifier } from './key-verifier';
import {
  ApiKeyHeaderStrategy,
  BearerKeyStrategy,
  XAuthTokenStrategy,
} from './strategies/header-key.strategies';
import { QueryKeyStrategy } from './strategies/query-key.strategy';

const pepper = Buffer.from('unit-test-pepper-unit-test-pepper');
const NOW = new Date('2026-12-06T12:00:00.000Z');
const READ_PRODUCT = [{ kind: 'content' as const, resource: 'product', action: 'read' as const }];

/** An authenticator over a real projection, the real Passport strategies and a manual clock. */
function setup(
  key: Partial<KeyRecord> = {},
  sources: Partial<GatewayConfig['credentialSources']> = {},
) {
  const secret = generateSecret('kg');
  const config = {
    keyPrefix: 'kg',
    keyPepper: pepper,
    plans: DEFAULT_PLANS,
    credentialSources: {
      xAuthToken: true,
      bearer: true,
      apiKeyHeader: true,
      queryParam: true,
      ...sources,
    },
  } as unknown as GatewayConfig;
  // Each strategy registers itself with Passport as it is created, as AuthModule's do.
  for (const Strategy of [
    XAuthTokenStrategy,
    BearerKeyStrategy,
    ApiKeyHeaderStrategy,
    QueryKeyStrategy,
  ])
    new Strategy(config);
  const projection = new KeyProjection();
  projection.load({
    accounts: [{ id: 'a', name: 'Acme', plan: 'starter', version: 1 }],
    keys: [
      keyRecord({
        rules: [{ resource: 'product', actions: ['read'] }],
        secretHash: hashSecret(secret, pepper),
        ...key,
      }),
    ],
  });
  // The projection's own rule for serving: not before it is loaded (staleness has its spec).
  const service = {
    projection,
    isReady: true,
    assertServing(this: { isReady: boolean }) {
      if (!this.isReady) throw new ServiceUnavailableError('still loading');
    },
  } as unknown as ProjectionService;
  const failures: string[] = [];
  let blocked = false;
  const throttle = {
    blockedFailure: () => (blocked ? new TooManyAuthFailuresError(30) : null),
    recordFailure: (ip: string) => failures.push(ip),
  } as unknown as AuthFailureThrottle;
  const outcomes: string[] = [];
  const metrics = {
    requests: { inc: ({ outcome }: { outcome: string }) => outcomes.push(outcome) },
    authSeconds: { observe: () => undefined },
    timesThisCall: () => true,
  } as unknown as GatewayMetrics;
  const clientAddress = { of: () => '203.0.113.7' } as unknown as ClientAddress;
  const clock = new ManualClock(NOW);
  const authenticator = new ApiKeyAuthenticator(
    new KeyVerifier(projection, config),
    service,
    throttle,
    metrics,
    clientAddress,
    clock,
  );
  const authenticate = (headers: Record<string, string>, url = '/api/v1/content/product') => {
    const request = { method: 'GET', url, headers, query: {} } as unknown as ApiRequest;
    return authenticator
      .authenticate(request, {} as ServerResponse, READ_PRODUCT)
      .then((principal) => ({ principal, request: request as AuthenticatedRequest }));
  };
  return {
    secret,
    authenticate,
    service,
    clock,
    failures,
    outcomes,
    block: () => (blocked = true),
  };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'admitted',
    (error: unknown) => (error as DomainError).code,
  );

describe(ApiKeyAuthenticator.name, () => {
  it('finds the key in any enabled source and answers its principal, on the request too', async () => {
    const { secret, authenticate } = setup();
    for (const [headers, url] of [
      [{ 'x-auth-token': secret }, undefined],
      [{ authorization: `Bearer ${secret}` }, undefined],
      [{ 'api-key': secret }, undefined],
      [{}, `/api/v1/content/product?auth_token=${secret}`],
    ] as const) {
      const { principal, request } = await authenticate(headers, url);
      expect(principal.account).toEqual({ id: 'a', name: 'Acme', plan: 'starter' });
      expect(request.principal).toBe(principal);
      expect(request.clientIp).toBe('203.0.113.7');
    }
  });

  it('ignores a source switched off in the configuration', async () => {
    const { secret, authenticate } = setup({}, { xAuthToken: false });
    expect(await codeOf(authenticate({ 'x-auth-token': secret }))).toBe(ErrorCode.UNAUTHORIZED);
  });

  it('counts a missing or unknown key as a failure of the client’s address', async () => {
    const { authenticate, failures, outcomes } = setup();
    expect(await codeOf(authenticate({}))).toBe(ErrorCode.UNAUTHORIZED);
    expect(await codeOf(authenticate({ 'x-auth-token': generateSecret('kg') }))).toBe(
      ErrorCode.UNAUTHORIZED,
    );
    expect(failures).toEqual(['203.0.113.7', '203.0.113.7']);
    expect(outcomes).toEqual([ErrorCode.UNAUTHORIZED, ErrorCode.UNAUTHORIZED]);
  });

  it('answers a blocked address’s failures 429, and still lets its valid keys in', async () => {
    const { secret, authenticate, block } = setup();
    block();
    expect(await codeOf(authenticate({ 'x-auth-token': generateSecret('kg') }))).toBe(
      ErrorCode.TOO_MANY_ATTEMPTS,
    );
    expect(await codeOf(authenticate({ 'x-auth-token': secret }))).toBe('admitted');
  });

  it('refuses a valid key the call is not permitted (403), not counted as a failed authentication', async () => {
    const { secret, authenticate, failures } = setup({
      rules: [{ resource: 'author', actions: ['read'] }],
    });
    const refusal = authenticate({ 'x-auth-token': secret }).catch((error: unknown) => error);
    expect(await refusal).toBeInstanceOf(ForbiddenError);
    expect(failures).toEqual([]);
  });

  it('judges expiry by its clock', async () => {
    const { secret, authenticate, clock } = setup({ expiresAt: '2026-12-06T13:00:00.000Z' });
    expect(await codeOf(authenticate({ 'x-auth-token': secret }))).toBe('admitted');
    clock.set(new Date('2026-12-06T13:00:00.001Z'));
    expect(await codeOf(authenticate({ 'x-auth-token': secret }))).toBe(ErrorCode.UNAUTHORIZED);
  });

  it('answers 503 while the projection is still loading', async () => {
    const { secret, authenticate, service } = setup();
    (service as { isReady: boolean }).isReady = false;
    expect(await codeOf(authenticate({ 'x-auth-token': secret }))).toBe(
      ErrorCode.SERVICE_UNAVAILABLE,
    );
  });
});
