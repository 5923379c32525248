import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ClientAddressModule } from '@keygate/http';
import { ProjectionModule } from '../projection/projection.module';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { AuthFailureThrottle } from './auth-failure.throttle';
import {
  ApiKeyHeaderStrategy,
  BearerKeyStrategy,
  XAuthTokenStrategy,
} from './strategies/header-key.strategies';
import { QueryKeyStrategy } from './strategies/query-key.strategy';

/**
 * Who a call is: the Passport strategies that find the key (each registers itself with
 * Passport when this module creates it), the verifier behind ApiKeyAuthenticator, and the
 * per-address throttle of failures. The rest of the gateway sees only ApiKeyAuthenticator.
 */
@Module({
  imports: [PassportModule, ClientAddressModule, ProjectionModule],
  providers: [
    XAuthTokenStrategy,
    BearerKeyStrategy,
    ApiKeyHeaderStrategy,
    QueryKeyStrategy,
    AuthFailureThrottle,
    ApiKeyAuthenticator,
  ],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule {}
