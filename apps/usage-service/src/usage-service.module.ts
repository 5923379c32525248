import { Module } from '@nestjs/common';
import { ConfigModule, loadUsageServiceConfig } from '@keygate/config';
import { ClockModule, MongoModule, RedisModule, RpcErrorFilter } from '@keygate/connections';
import { RollupsModule } from './rollups/rollups.module';
import { AlertsModule } from './alerts/alerts.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { HealthController } from './health/health.controller';
import { LedgerUpgradeModule } from './ledger-upgrade/ledger-upgrade.module';
import { DecisionsModule } from './decisions/decisions.module';
import { APP_FILTER } from '@nestjs/core';

/** Dashboards, daily rollups, quota alerts and key housekeeping of the rolling 30-day ledger. */
@Module({
  imports: [
    ConfigModule.forApp(loadUsageServiceConfig),
    ClockModule,
    RedisModule,
    MongoModule,
    DashboardsModule,
    RollupsModule,
    AlertsModule,
    LedgerUpgradeModule,
    DecisionsModule,
  ],
  controllers: [HealthController],
  providers: [{ provide: APP_FILTER, useClass: RpcErrorFilter }],
})
export class UsageServiceModule {}
