import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { RpcClientsModule } from '../rpc/rpc-clients.module';
import { ClientAddressModule } from '@keygate/http';
import { OperatorController } from './operator.controller';
import { OperatorTokenGuard } from './operator-token.guard';

/** The Operator API (/operator/api/*), behind X-Operator-Token. */
@Module({
  imports: [ConfigModule, RpcClientsModule, ClientAddressModule],
  controllers: [OperatorController],
  providers: [OperatorTokenGuard],
})
export class OperatorModule {}
