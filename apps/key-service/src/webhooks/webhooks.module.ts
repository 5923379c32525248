import { Module } from '@nestjs/common';
import { KEYGATE_CONFIG, KeyServiceConfig } from '@keygate/config';
import { WebhookSender, WebhookTarget } from '@keygate/webhooks';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { UserAudit } from '../panel-users/user-audit';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AddWebhookHandler } from './commands/add-webhook/add-webhook.handler';
import { AddWebhookMessageController } from './commands/add-webhook/add-webhook.message.controller';
import { RemoveWebhookHandler } from './commands/remove-webhook/remove-webhook.handler';
import { RemoveWebhookMessageController } from './commands/remove-webhook/remove-webhook.message.controller';
import { ReplayDeliveryHandler } from './commands/replay-delivery/replay-delivery.handler';
import { ReplayDeliveryMessageController } from './commands/replay-delivery/replay-delivery.message.controller';
import { RotateSecretHandler } from './commands/rotate-secret/rotate-secret.handler';
import { RotateSecretMessageController } from './commands/rotate-secret/rotate-secret.message.controller';
import { TestWebhookHandler } from './commands/test-webhook/test-webhook.handler';
import { TestWebhookMessageController } from './commands/test-webhook/test-webhook.message.controller';
import { UpdateWebhookHandler } from './commands/update-webhook/update-webhook.handler';
import { UpdateWebhookMessageController } from './commands/update-webhook/update-webhook.message.controller';
import { KeyFactsReader } from './delivery/key-facts';
import { DeliveryHistory } from './delivery/delivery-history.repository';
import { DeliveryQueue } from './delivery/delivery-queue';
import { WebhookDeliveries } from './delivery/webhook-deliveries';
import { WebhookDeliveryWorker } from './delivery/webhook-delivery.worker';
import { WebhookEventConsumer } from './delivery/webhook-event.consumer';
import { ListDeliveriesHandler } from './queries/list-deliveries/list-deliveries.handler';
import { ListDeliveriesMessageController } from './queries/list-deliveries/list-deliveries.message.controller';
import { ListWebhooksHandler } from './queries/list-webhooks/list-webhooks.handler';
import { ListWebhooksMessageController } from './queries/list-webhooks/list-webhooks.message.controller';
import { ExpiryReminders } from './reminders/expiry-reminders';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

/**
 * Accounts' webhook endpoints (one folder per call), and their delivery: the event stream read
 * in a consumer group (`delivery/`), queued per endpoint, sent and retried; expiry reminders.
 */
@Module({
  imports: [EventStoreModule, OutboxModule, ReadModelsModule],
  controllers: [
    AddWebhookMessageController,
    UpdateWebhookMessageController,
    RemoveWebhookMessageController,
    ListWebhooksMessageController,
    TestWebhookMessageController,
    RotateSecretMessageController,
    ListDeliveriesMessageController,
    ReplayDeliveryMessageController,
  ],
  providers: [
    WebhookEndpointsRepository,
    DeliveryQueue,
    DeliveryHistory,
    WebhookDeliveries,
    UserAudit,
    AddWebhookHandler,
    UpdateWebhookHandler,
    RemoveWebhookHandler,
    ListWebhooksHandler,
    TestWebhookHandler,
    RotateSecretHandler,
    ListDeliveriesHandler,
    ReplayDeliveryHandler,
    KeyFactsReader,
    WebhookDeliveryWorker,
    WebhookEventConsumer,
    ExpiryReminders,
    {
      provide: WebhookSender,
      inject: [KEYGATE_CONFIG],
      useFactory: (config: KeyServiceConfig) =>
        new WebhookSender(
          new WebhookTarget(config.webhooks.allowPrivateTargets),
          config.webhooks.timeoutMs,
        ),
    },
  ],
  exports: [ExpiryReminders],
})
export class WebhooksModule {}
