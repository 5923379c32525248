import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, loadPanelConfig } from '@keygate/config';
import { ClockModule, RedisModule } from '@keygate/connections';
import { HttpErrorFilter } from '@keygate/http';
import { HealthController } from './health/health.controller';
import { LeaksModule } from './leaks/leaks.module';
import { OperatorModule } from './operator/operator.module';
import { PanelApiModule } from './panel-api.module';

/**
 * The control plane's HTTP face: the Panel page and API (/panel), the Operator API (/operator)
 * and the API documents (/docs), talking to the key and usage services over RPC.
 */
@Module({
  imports: [
    ConfigModule.forApp(loadPanelConfig),
    ClockModule,
    RedisModule,
    PanelApiModule,
    OperatorModule,
    LeaksModule,
  ],
  controllers: [HealthController],
  providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
})
export class PanelAppModule {}
