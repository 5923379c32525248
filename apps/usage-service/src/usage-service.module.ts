import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { MongoModule, RedisModule, RpcErrorFilter } from '@keygate/connections';
import { RollupsModule } from './rollups/rollups.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { HealthController } from './health/health.controller';
import { APP_FILTER } from '@nestjs/core';

/** Dashboards and daily rollups of the rolling 30-day ledger (alerts: see issue 4's notes). */
@Module({
  imports: [ConfigModule, RedisModule, MongoModule, DashboardsModule, RollupsModule],
  controllers: [HealthController],
  providers: [{ provide: APP_FILTER, useClass: RpcErrorFilter }],
})
export class UsageServiceModule {}
