import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GatewaysModule } from '../gateways/gateways.module';
import { GetRevocationMessageController } from './queries/get-revocation/get-revocation.message.controller';
import { KeyExpiryQueue } from './commands/expire-key/key-expiry.queue';
import { CreateKeyHandler } from './commands/create-key/create-key.handler';
import { CreateKeyMessageController } from './commands/create-key/create-key.message.controller';
import { DeleteKeyHandler } from './commands/delete-key/delete-key.handler';
import { DeleteKeyMessageController } from './commands/delete-key/delete-key.message.controller';
import { ExpireKeyHandler } from './commands/expire-key/expire-key.handler';
import { RevokeKeyHandler } from './commands/revoke-key/revoke-key.handler';
import { RevokeKeyMessageController } from './commands/revoke-key/revoke-key.message.controller';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { RotateKeyMessageController } from './commands/rotate-key/rotate-key.message.controller';
import { UpdateKeyHandler } from './commands/update-key/update-key.handler';
import { ChangeCreditsHandler } from './commands/change-credits/change-credits.handler';
import { ReportLeaksHandler } from './commands/report-leaks/report-leaks.handler';
import { ReleaseKeyHandler } from './commands/release-key/release-key.handler';
import { ReleaseKeyMessageController } from './commands/release-key/release-key.message.controller';
import { ReportLeaksMessageController } from './commands/report-leaks/report-leaks.message.controller';
import { ChangeCreditsMessageController } from './commands/change-credits/change-credits.message.controller';
import { UpdateKeyMessageController } from './commands/update-key/update-key.message.controller';
import { ImportKeysHandler } from './commands/import-keys/import-keys.handler';
import { ImportKeysMessageController } from './commands/import-keys/import-keys.message.controller';
import { KeyMutation } from './key-mutation';
import { GetKeyMessageController } from './queries/get-key/get-key.message.controller';
import { ListKeysMessageController } from './queries/list-keys/list-keys.message.controller';
import { SecretIssuer } from './secrets/secret-issuer';

@Module({
  imports: [EventStoreModule, ReadModelsModule, OutboxModule, GatewaysModule],
  controllers: [
    GetRevocationMessageController,
    CreateKeyMessageController,
    ImportKeysMessageController,
    UpdateKeyMessageController,
    ChangeCreditsMessageController,
    ReportLeaksMessageController,
    ReleaseKeyMessageController,
    RotateKeyMessageController,
    RevokeKeyMessageController,
    DeleteKeyMessageController,
    ListKeysMessageController,
    GetKeyMessageController,
  ],
  providers: [
    SecretIssuer,
    KeyMutation,
    CreateKeyHandler,
    ImportKeysHandler,
    UpdateKeyHandler,
    ChangeCreditsHandler,
    ReportLeaksHandler,
    ReleaseKeyHandler,
    RotateKeyHandler,
    RevokeKeyHandler,
    DeleteKeyHandler,
    ExpireKeyHandler,
    KeyExpiryQueue,
  ],
  exports: [SecretIssuer],
})
export class KeysModule {}
