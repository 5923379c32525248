import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ConfigModule } from '@keygate/config';
import { ClockModule, RedisModule } from '@keygate/connections';
import { AuthContextRoute } from './auth-context/auth-context.route';
import { AuthFailureThrottle } from './auth/auth-failure.throttle';
import {
  ApiKeyHeaderStrategy,
  BearerKeyStrategy,
  XAuthTokenStrategy,
} from './auth/strategies/header-key.strategies';
import { QueryKeyStrategy } from './auth/strategies/query-key.strategy';
import { HealthController } from './health/health.controller';
import { HttpErrorFilter } from '@keygate/http';
import { GatewayMetrics } from './metrics/gateway.metrics';
import { ProjectionService } from './projection/projection.service';
import { ContentProxyRoutes } from './proxy/content-proxy.routes';
import { ForwardedCall } from './proxy/forwarded-call';
import { GraphqlProxyRoutes } from './graphql/graphql-proxy.routes';
import { UpstreamSchemas } from './graphql/upstream-schemas';
import { ApiKeyAuthenticator } from './auth/api-key.authenticator';
import { UpstreamProxy } from './proxy/upstream.proxy';
import { QuotaAdmission } from './quota/quota-admission';
import { QuotaAlertProducer } from './quota/quota-alert.producer';
import { ClientAddressModule } from '@keygate/http';
import { AccountConcurrency } from './edge/account-concurrency';

/** The data plane: /api/* (keys, scopes, quota, proxy, GraphQL), /health and /metrics. */
@Module({
  imports: [ConfigModule, ClockModule, RedisModule, PassportModule, ClientAddressModule],
  controllers: [HealthController],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    ProjectionService,
    GatewayMetrics,
    AuthFailureThrottle,
    XAuthTokenStrategy,
    BearerKeyStrategy,
    ApiKeyHeaderStrategy,
    QueryKeyStrategy,
    ApiKeyAuthenticator,
    AuthContextRoute,
    ForwardedCall,
    AccountConcurrency,
    ContentProxyRoutes,
    GraphqlProxyRoutes,
    UpstreamSchemas,
    UpstreamProxy,
    QuotaAdmission,
    QuotaAlertProducer,
  ],
})
export class GatewayModule {}
