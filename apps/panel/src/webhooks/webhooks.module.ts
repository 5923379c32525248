import { Module } from '@nestjs/common';
import { ConfigModule, KEYGATE_CONFIG, PanelConfig } from '@keygate/config';
import { WebhookTarget } from '@keygate/webhooks';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AddWebhookController } from './add-webhook/add-webhook.controller';
import { AddWebhookHandler } from './add-webhook/add-webhook.handler';
import { ListDeliveriesController } from './list-deliveries/list-deliveries.controller';
import { ListDeliveriesHandler } from './list-deliveries/list-deliveries.handler';
import { ListWebhooksController } from './list-webhooks/list-webhooks.controller';
import { ListWebhooksHandler } from './list-webhooks/list-webhooks.handler';
import { RemoveWebhookController } from './remove-webhook/remove-webhook.controller';
import { RemoveWebhookHandler } from './remove-webhook/remove-webhook.handler';
import { ReplayDeliveryController } from './replay-delivery/replay-delivery.controller';
import { ReplayDeliveryHandler } from './replay-delivery/replay-delivery.handler';
import { RotateSecretController } from './rotate-secret/rotate-secret.controller';
import { RotateSecretHandler } from './rotate-secret/rotate-secret.handler';
import { TestWebhookController } from './test-webhook/test-webhook.controller';
import { TestWebhookHandler } from './test-webhook/test-webhook.handler';
import { UpdateWebhookController } from './update-webhook/update-webhook.controller';
import { UpdateWebhookHandler } from './update-webhook/update-webhook.handler';

/**
 * The account's webhook endpoints (/panel/api/webhooks): one folder per call. URLs are checked
 * here when saved; the key service sends (it alone holds the signing secrets).
 */
@Module({
  imports: [ConfigModule, RpcClientsModule, SessionsModule],
  controllers: [
    ListWebhooksController,
    AddWebhookController,
    RemoveWebhookController,
    TestWebhookController,
    UpdateWebhookController,
    RotateSecretController,
    ListDeliveriesController,
    ReplayDeliveryController,
  ],
  providers: [
    {
      provide: WebhookTarget,
      inject: [KEYGATE_CONFIG],
      useFactory: (config: PanelConfig) => new WebhookTarget(config.webhooks.allowPrivateTargets),
    },
    ListWebhooksHandler,
    AddWebhookHandler,
    RemoveWebhookHandler,
    TestWebhookHandler,
    UpdateWebhookHandler,
    RotateSecretHandler,
    ListDeliveriesHandler,
    ReplayDeliveryHandler,
  ],
})
export class WebhooksModule {}
