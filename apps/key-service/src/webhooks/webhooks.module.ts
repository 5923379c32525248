import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UserAudit } from '../panel-users/user-audit';
import { WebhookEndpointsMessageController } from './webhook-endpoints.message.controller';
import { WebhookEndpoints } from './webhook-endpoints.handlers';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Accounts' webhook endpoints and their signing secrets. */
@Module({
  imports: [EventStoreModule, OutboxModule],
  controllers: [WebhookEndpointsMessageController],
  providers: [WebhookEndpointsRepository, WebhookEndpoints, UserAudit],
})
export class WebhooksModule {}
