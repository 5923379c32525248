import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import { KEYGATE_CONFIG, KeygateConfig } from '@keygate/config';
import { PresentedCredential } from './presented-credential';

export const QUERY_STRATEGY = 'auth-token-query';
export const QUERY_PARAMETER = 'auth_token';

/** `?auth_token=<key>`; the proxy removes the parameter before anything is forwarded. */
class AuthTokenQueryStrategy extends Strategy {
  constructor(
    private readonly verify: (
      token: string,
      done: (error: unknown, user?: unknown) => void,
    ) => void,
  ) {
    super();
  }

  override authenticate(req: { query?: Record<string, unknown> }): void {
    const token = req.query?.[QUERY_PARAMETER];
    if (typeof token !== 'string' || token === '') return this.fail(401);
    this.verify(token, (error, user) =>
      error ? this.error(error as Error) : this.success(user as object),
    );
  }
}

@Injectable()
export class QueryKeyStrategy extends PassportStrategy(AuthTokenQueryStrategy, QUERY_STRATEGY) {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: KeygateConfig) {
    super();
  }

  override authenticate(req: { query?: Record<string, unknown> }): void {
    if (!this.config.credentialSources.queryParam) return this.fail(401);
    super.authenticate(req);
  }

  validate(token: string): PresentedCredential {
    return { token, source: QUERY_STRATEGY };
  }
}
