import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AddWebhookController } from './add-webhook/add-webhook.controller';
import { AddWebhookHandler } from './add-webhook/add-webhook.handler';
import { WebhookSender } from './delivery/webhook-sender';
import { WebhookTarget } from './delivery/webhook-target';
import { ListWebhooksController } from './list-webhooks/list-webhooks.controller';
import { ListWebhooksHandler } from './list-webhooks/list-webhooks.handler';
import { RemoveWebhookController } from './remove-webhook/remove-webhook.controller';
import { RemoveWebhookHandler } from './remove-webhook/remove-webhook.handler';
import { TestWebhookController } from './test-webhook/test-webhook.controller';
import { TestWebhookHandler } from './test-webhook/test-webhook.handler';
import { UpdateWebhookController } from './update-webhook/update-webhook.controller';
import { UpdateWebhookHandler } from './update-webhook/update-webhook.handler';

/** The account's webhook endpoints (/panel/api/webhooks): one folder per call. */
@Module({
  imports: [ConfigModule, RpcClientsModule, SessionsModule],
  controllers: [
    ListWebhooksController,
    AddWebhookController,
    RemoveWebhookController,
    TestWebhookController,
    UpdateWebhookController,
  ],
  providers: [
    WebhookTarget,
    WebhookSender,
    ListWebhooksHandler,
    AddWebhookHandler,
    RemoveWebhookHandler,
    TestWebhookHandler,
    UpdateWebhookHandler,
  ],
})
export class WebhooksModule {}
