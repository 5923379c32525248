import { Module } from '@nestjs/common';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { SessionsModule } from '../sessions/sessions.module';
import { CreateKeyController } from './create-key/create-key.controller';
import { CreateKeyHandler } from './create-key/create-key.handler';
import { DeleteKeyController } from './delete-key/delete-key.controller';
import { DeleteKeyHandler } from './delete-key/delete-key.handler';
import { GetKeyController } from './get-key/get-key.controller';
import { GetKeyHandler } from './get-key/get-key.handler';
import { GetRevocationController } from './get-revocation/get-revocation.controller';
import { GetRevocationHandler } from './get-revocation/get-revocation.handler';
import { KeyAdviceController } from './key-advice/key-advice.controller';
import { KeyAdviceHandler } from './key-advice/key-advice.handler';
import { KeyOpenApiController } from './key-openapi/key-openapi.controller';
import { KeyOpenApiHandler } from './key-openapi/key-openapi.handler';
import { ListKeysController } from './list-keys/list-keys.controller';
import { ListKeysHandler } from './list-keys/list-keys.handler';
import { RevokeKeyController } from './revoke-key/revoke-key.controller';
import { ReleaseKeyController } from './release-key/release-key.controller';
import { ReleaseKeyHandler } from './release-key/release-key.handler';
import { RevokeKeyHandler } from './revoke-key/revoke-key.handler';
import { RotateKeyController } from './rotate-key/rotate-key.controller';
import { RotateKeyHandler } from './rotate-key/rotate-key.handler';
import { UpdateKeyController } from './update-key/update-key.controller';
import { UpdateKeyHandler } from './update-key/update-key.handler';

/** The account's API keys (/panel/api/keys): one folder per call. */
@Module({
  imports: [RpcClientsModule, SessionsModule],
  controllers: [
    ListKeysController,
    GetKeyController,
    GetRevocationController,
    KeyAdviceController,
    CreateKeyController,
    UpdateKeyController,
    RotateKeyController,
    RevokeKeyController,
    ReleaseKeyController,
    DeleteKeyController,
    KeyOpenApiController,
  ],
  providers: [
    ListKeysHandler,
    GetKeyHandler,
    GetRevocationHandler,
    KeyAdviceHandler,
    CreateKeyHandler,
    UpdateKeyHandler,
    RotateKeyHandler,
    RevokeKeyHandler,
    ReleaseKeyHandler,
    DeleteKeyHandler,
    KeyOpenApiHandler,
  ],
})
export class KeysModule {}
