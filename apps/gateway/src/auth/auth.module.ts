import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ClientAddressModule } from '@keygate/http';
import { KEYGATE_CONFIG, GatewayConfig } from '@keygate/config';
import { ProjectionModule } from '../projection/projection.module';
import { ProjectionService } from '../projection/projection.service';
import { KeyVerifier } from './key-verifier';
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
 * Passport when this module creates it), the verifier behind ApiKeyAuthenticator (one per
 * gateway, shared with key verification), and the per-address throttle of failures.
 */
@Module({
  imports: [PassportModule, ClientAddressModule, ProjectionModule],
  providers: [
    XAuthTokenStrategy,
    BearerKeyStrategy,
    ApiKeyHeaderStrategy,
    QueryKeyStrategy,
    AuthFailureThrottle,
    {
      provide: KeyVerifier,
      inject: [ProjectionService, KEYGATE_CONFIG],
      useFactory: (projection: ProjectionService, config: GatewayConfig) =>
        new KeyVerifier(projection.projection, config),
    },
    ApiKeyAuthenticator,
  ],
  exports: [ApiKeyAuthenticator, KeyVerifier],
})
export class AuthModule {}
