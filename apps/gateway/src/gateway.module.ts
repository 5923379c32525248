import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, loadGatewayConfig } from '@keygate/config';
import { ClockModule, RedisModule } from '@keygate/connections';
import { ClientAddressModule, HttpErrorFilter } from '@keygate/http';
import { AuthContextRoute } from './auth-context/auth-context.route';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { ProjectionModule } from './projection/projection.module';
import { ContentProxyRoutes } from './proxy/content-proxy.routes';
import { ForwardedCall } from './proxy/forwarded-call';
import { GraphqlProxyRoutes } from './graphql/graphql-proxy.routes';
import { UpstreamSchemas } from './graphql/upstream-schemas';
import { UpstreamProxy } from './proxy/upstream.proxy';
import { CheckedAnswers } from './checked-answers/checked-answers';
import { QuotaAdmission } from './quota/quota-admission';
import { QuotaAlertProducer } from './quota/quota-alert.producer';
import { AccountConcurrency } from './edge/account-concurrency';

/** The data plane: /api/* (keys, scopes, quota, proxy, GraphQL), /health and /metrics. */
@Module({
  imports: [
    ConfigModule.forApp(loadGatewayConfig),
    ClockModule,
    RedisModule,
    ClientAddressModule,
    ProjectionModule,
    AuthModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    AuthContextRoute,
    ForwardedCall,
    AccountConcurrency,
    ContentProxyRoutes,
    GraphqlProxyRoutes,
    UpstreamSchemas,
    UpstreamProxy,
    CheckedAnswers,
    QuotaAdmission,
    QuotaAlertProducer,
  ],
})
export class GatewayModule {}
