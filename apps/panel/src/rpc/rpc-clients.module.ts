import { Module } from '@nestjs/common';
import { ConfigModule } from '@keygate/config';
import { KeyServiceClient } from './key-service.client';
import { UsageServiceClient } from './usage-service.client';

/** One RPC client per peer service for the whole Panel app (each holds its own Redis connections). */
@Module({
  imports: [ConfigModule],
  providers: [KeyServiceClient, UsageServiceClient],
  exports: [KeyServiceClient, UsageServiceClient],
})
export class RpcClientsModule {}
