import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { KeyServiceClient } from '../rpc/key-service.client';
import { OperatorController } from './operator.controller';
import { OperatorTokenGuard } from './operator-token.guard';

/** The Operator API (/operator/api/*), behind X-Operator-Token. */
@Module({
  imports: [ConfigModule],
  controllers: [OperatorController],
  providers: [OperatorTokenGuard, KeyServiceClient],
})
export class OperatorModule {}
