import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { PresentedCredential } from './presented-credential';

/**
 * Passport extracts the key; the guard verifies it with the request's client address. Each
 * source can be switched off in the configuration, which makes its strategy pass.
 */
function headerStrategy(
  name: string,
  header: string,
  prefix: string,
  enabled: (c: GatewayConfig) => boolean,
) {
  @Injectable()
  class Strategy extends PassportStrategy(HeaderAPIKeyStrategy, name) {
    constructor(@Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig) {
      super({ header, prefix }, false);
    }

    override authenticate(
      req: Parameters<HeaderAPIKeyStrategy['authenticate']>[0],
      options?: object,
    ): void {
      if (!enabled(this.config)) return this.fail(401);
      super.authenticate(req, options);
    }

    validate(token: string): PresentedCredential {
      return { token, source: name };
    }
  }
  return Strategy;
}

export const X_AUTH_TOKEN_STRATEGY = 'x-auth-token';
export const BEARER_STRATEGY = 'bearer-key';
export const API_KEY_HEADER_STRATEGY = 'api-key-header';

export const XAuthTokenStrategy = headerStrategy(
  X_AUTH_TOKEN_STRATEGY,
  'X-AUTH-TOKEN',
  '',
  (c) => c.credentialSources.xAuthToken,
);
export const BearerKeyStrategy = headerStrategy(
  BEARER_STRATEGY,
  'Authorization',
  'Bearer ',
  (c) => c.credentialSources.bearer,
);
export const ApiKeyHeaderStrategy = headerStrategy(
  API_KEY_HEADER_STRATEGY,
  'api-key',
  '',
  (c) => c.credentialSources.apiKeyHeader,
);
