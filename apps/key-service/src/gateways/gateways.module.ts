import { Module } from '@nestjs/common';
import { GatewayRegistryReader } from './gateway-registry.reader';
import { ListGatewaysMessageController } from './queries/list-gateways/list-gateways.message.controller';

/** The gateways' registry as the key service reads it: the list, and where revocations stand. */
@Module({
  controllers: [ListGatewaysMessageController],
  providers: [GatewayRegistryReader],
  exports: [GatewayRegistryReader],
})
export class GatewaysModule {}
