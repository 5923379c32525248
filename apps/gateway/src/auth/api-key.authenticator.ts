import { Inject, Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import passport from 'passport';
import { Clock, CLOCK, DomainError, ErrorCode, refusedFor } from '@keygate/contracts';
import { Permission, assertPermitted } from '../authorization/route-permission';
import { ApiRequest } from '../call-pipeline/call-start';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { ProjectionService } from '../projection/projection.service';
import { AuthFailureThrottle } from './auth-failure.throttle';
import { ClientAddress } from '@keygate/http';
import { KeyVerifier, Principal } from './key-verifier';
import { UnauthorizedError } from '@keygate/contracts';
import {
  API_KEY_HEADER_STRATEGY,
  BEARER_STRATEGY,
  X_AUTH_TOKEN_STRATEGY,
} from './strategies/header-key.strategies';
import { PresentedCredential } from './strategies/presented-credential';
import { QUERY_STRATEGY } from './strategies/query-key.strategy';

export type AuthenticatedRequest = ApiRequest & {
  clientIp: string;
  principal: Principal;
};

const STRATEGIES = [
  X_AUTH_TOKEN_STRATEGY,
  BEARER_STRATEGY,
  API_KEY_HEADER_STRATEGY,
  QUERY_STRATEGY,
];

/**
 * Passport finds the key (first of X-AUTH-TOKEN, Bearer, api-key, ?auth_token, as configured);
 * then the key is verified against the in-memory projection with the client's address and the
 * route's permission is checked. Failed authentications are counted per client address; past
 * the limit they are answered 429, while valid keys from that address keep working.
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(
    private readonly verifier: KeyVerifier,
    private readonly projection: ProjectionService,
    private readonly throttle: AuthFailureThrottle,
    private readonly metrics: GatewayMetrics,
    private readonly clientAddress: ClientAddress,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `permissions`: what the call needs, always given by the route (from its canonical target or
   * its own rule), never guessed here from the raw URL.
   */
  async authenticate(
    request: ApiRequest,
    response: ServerResponse,
    permissions: Array<Permission | null>,
  ): Promise<Principal> {
    const authenticated = request as AuthenticatedRequest;
    authenticated.clientIp = this.clientAddress.of(request);
    try {
      this.projection.assertServing();
      const credential = await extractCredential(request, response);
      // Timed for a sample of calls: timing every one would cost about what the check does.
      const started = this.metrics.timesThisCall() ? performance.now() : null;
      const principal = this.authorize(authenticated, credential, permissions);
      if (started !== null) this.metrics.authSeconds.observe((performance.now() - started) / 1e3);
      authenticated.principal = principal;
      return principal;
    } catch (caught) {
      let failure = caught;
      if (failure instanceof UnauthorizedError) {
        // A blocked address still gets every key that verifies (a 190-bit secret is not
        // guessed); only its failures are shed, with 429 instead of 401.
        failure = this.throttle.blockedFailure(authenticated.clientIp) ?? failure;
        this.throttle.recordFailure(authenticated.clientIp);
      }
      this.metrics.requests.inc({
        outcome: failure instanceof DomainError ? failure.code : ErrorCode.INTERNAL,
      });
      throw failure;
    }
  }

  private authorize(
    request: AuthenticatedRequest,
    credential: PresentedCredential | null,
    permissions: Array<Permission | null>,
  ): Principal {
    if (!credential) {
      throw new UnauthorizedError(
        'Missing API key: send it in the X-AUTH-TOKEN header, as Authorization: Bearer, in the api-key header or as ?auth_token',
      );
    }
    const principal = this.verifier.verify(credential.token, request.clientIp, this.clock.now());
    try {
      assertPermitted(principal.key, permissions, request.method);
    } catch (error) {
      throw refusedFor(error as Error, {
        keyId: principal.key.id,
        accountId: principal.account.id,
      });
    }
    return principal;
  }
}

/** Runs the Passport strategies in order; resolves with the first credential found, or null. */
function extractCredential(
  request: ApiRequest,
  response: ServerResponse,
): Promise<PresentedCredential | null> {
  return new Promise((resolve, reject) => {
    passport.authenticate(
      STRATEGIES,
      { session: false },
      (error: unknown, credential: PresentedCredential | false) => {
        if (error) reject(error);
        else resolve(credential || null);
      },
    )(request, response, reject);
  });
}
