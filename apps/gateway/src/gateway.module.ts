import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, loadGatewayConfig } from '@keygate/config';
import { ClockModule, RedisModule } from '@keygate/connections';
import { ClientAddressModule, HttpErrorFilter } from '@keygate/http';
import { AuthContextAnswer } from './auth-context/auth-context.answer';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { ProjectionModule } from './projection/projection.module';
import { RegistryModule } from './registry/registry.module';
import { ForwardedCall } from './call-pipeline/forwarded-call';
import { DecisionRecorder } from './decisions/decision-recorder';
import { GraphqlOperationCheck } from './graphql/graphql-operation.check';
import { GatewayPipeline } from './call-pipeline/gateway-pipeline';
import { AuthenticateStep } from './call-pipeline/steps/authenticate.step';
import { BodySizeStep } from './call-pipeline/steps/body-size.step';
import { RouteCheckStep } from './call-pipeline/steps/route-check.step';
import { ConcurrencySlotStep } from './call-pipeline/steps/concurrency-slot.step';
import { QuotaAdmissionStep } from './call-pipeline/steps/quota-admission.step';
import { PublicApi } from './http/public-api';
import { KeyVerification } from './verify/key-verification';
import { VerifyAnswer } from './verify/verify.answer';
import { UpstreamSchemas } from './graphql/upstream-schemas';
import { UpstreamProxy } from './proxy/upstream.proxy';
import { CheckedAnswers } from './checked-answers/checked-answers';
import { QuotaAdmission } from './quota/quota-admission';
import { QuotaStore } from './quota/quota-store';
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
    RegistryModule,
    AuthModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    PublicApi,
    AuthContextAnswer,
    VerifyAnswer,
    KeyVerification,
    ForwardedCall,
    DecisionRecorder,
    GatewayPipeline,
    AuthenticateStep,
    BodySizeStep,
    RouteCheckStep,
    ConcurrencySlotStep,
    QuotaAdmissionStep,
    AccountConcurrency,
    GraphqlOperationCheck,
    UpstreamSchemas,
    UpstreamProxy,
    CheckedAnswers,
    QuotaAdmission,
    QuotaStore,
    QuotaAlertProducer,
  ],
})
export class GatewayModule {}
