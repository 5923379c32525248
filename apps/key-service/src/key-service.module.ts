import { APP_FILTER } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { ConfigModule, loadKeyServiceConfig } from '@keygate/config';
import { ClockModule, MongoModule, RedisModule, RpcErrorFilter } from '@keygate/connections';
import { AccountsModule } from './accounts/accounts.module';
import { HealthController } from './health/health.controller';
import { KeysModule } from './keys/keys.module';
import { PanelUsersModule } from './panel-users/panel-users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule.forApp(loadKeyServiceConfig),
    ClockModule,
    RedisModule,
    MongoModule,
    AccountsModule,
    KeysModule,
    PanelUsersModule,
    WebhooksModule,
  ],
  controllers: [HealthController],
  providers: [{ provide: APP_FILTER, useClass: RpcErrorFilter }],
})
export class KeyServiceModule {}
