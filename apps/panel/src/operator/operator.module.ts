import { ListGatewaysController } from './list-gateways/list-gateways.controller';
import { ListGatewaysHandler } from './list-gateways/list-gateways.handler';
import { OperatorRevokeKeyController } from './revoke-key/revoke-key.controller';
import { OperatorRevokeKeyHandler } from './revoke-key/revoke-key.handler';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { ClientAddressModule } from '@keygate/http';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { ChangePlanController } from './change-plan/change-plan.controller';
import { ChangePlanHandler } from './change-plan/change-plan.handler';
import { ChangeCreditsController } from './change-credits/change-credits.controller';
import { ChangeCreditsHandler } from './change-credits/change-credits.handler';
import { GetAccountController } from './get-account/get-account.controller';
import { GetAccountHandler } from './get-account/get-account.handler';
import { ImportKeysController } from './import-keys/import-keys.controller';
import { ImportKeysHandler } from './import-keys/import-keys.handler';
import { OperatorTokenGuard } from './operator-token.guard';

/** The Operator API (/operator/api/*), behind X-Operator-Token: one folder per call. */
@Module({
  imports: [ConfigModule, RpcClientsModule, ClientAddressModule],
  controllers: [
    GetAccountController,
    ImportKeysController,
    ChangePlanController,
    ChangeCreditsController,
    OperatorRevokeKeyController,
    ListGatewaysController,
  ],
  providers: [
    OperatorTokenGuard,
    GetAccountHandler,
    ImportKeysHandler,
    ChangePlanHandler,
    ChangeCreditsHandler,
    OperatorRevokeKeyHandler,
    ListGatewaysHandler,
  ],
})
export class OperatorModule {}
