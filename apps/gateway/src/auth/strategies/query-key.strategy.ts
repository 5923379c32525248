import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { queryOf, queryValues } from '../../edge/query-parameters';
import { PresentedCredential } from './presented-credential';

export const QUERY_STRATEGY = 'auth-token-query';
export const QUERY_PARAMETER = 'auth_token';

/**
 * `?auth_token=<key>`, under any encoding of its name (`auth%5Ftoken`), read with the same decoder
 * that removes it before forwarding. Two or more are ambiguous and count as none.
 */
class AuthTokenQueryStrategy extends Strategy {
  constructor(
    private readonly verify: (
      token: string,
      done: (error: unknown, user?: unknown) => void,
    ) => void,
  ) {
    super();
  }

  override authenticate(req: { url: string }): void {
    const tokens = queryValues(queryOf(req.url), QUERY_PARAMETER);
    const token = tokens.length === 1 ? tokens[0] : '';
    if (token === '') return this.fail(401);
    this.verify(token, (error, user) =>
      error ? this.error(error as Error) : this.success(user as object),
    );
  }
}

@Injectable()
export class QueryKeyStrategy extends PassportStrategy(AuthTokenQueryStrategy, QUERY_STRATEGY) {
  constructor(@Inject(KEYGATE_CONFIG) private readonly config: GatewayConfig) {
    super();
  }

  override authenticate(req: { url: string }): void {
    if (!this.config.credentialSources.queryParam) return this.fail(401);
    super.authenticate(req);
  }

  validate(token: string): PresentedCredential {
    return { token, source: QUERY_STRATEGY };
  }
}
