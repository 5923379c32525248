import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UserAudit } from '../panel-users/user-audit';
import { AddWebhookHandler } from './commands/add-webhook/add-webhook.handler';
import { AddWebhookMessageController } from './commands/add-webhook/add-webhook.message.controller';
import { RemoveWebhookHandler } from './commands/remove-webhook/remove-webhook.handler';
import { RemoveWebhookMessageController } from './commands/remove-webhook/remove-webhook.message.controller';
import { UpdateWebhookHandler } from './commands/update-webhook/update-webhook.handler';
import { UpdateWebhookMessageController } from './commands/update-webhook/update-webhook.message.controller';
import { ListWebhooksHandler } from './queries/list-webhooks/list-webhooks.handler';
import { ListWebhooksMessageController } from './queries/list-webhooks/list-webhooks.message.controller';
import { WebhookSigningHandler } from './queries/webhook-signing/webhook-signing.handler';
import { WebhookSigningMessageController } from './queries/webhook-signing/webhook-signing.message.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/** Accounts' webhook endpoints and their signing secrets: one folder per call. */
@Module({
  imports: [EventStoreModule, OutboxModule],
  controllers: [
    AddWebhookMessageController,
    UpdateWebhookMessageController,
    RemoveWebhookMessageController,
    ListWebhooksMessageController,
    WebhookSigningMessageController,
  ],
  providers: [
    WebhookEndpointsRepository,
    UserAudit,
    AddWebhookHandler,
    UpdateWebhookHandler,
    RemoveWebhookHandler,
    ListWebhooksHandler,
    WebhookSigningHandler,
  ],
})
export class WebhooksModule {}
