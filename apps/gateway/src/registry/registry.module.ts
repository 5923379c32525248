import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { GatewayRegistry } from './gateway-registry.service';

/** This gateway in the registry of live gateways (heartbeats, revocations applied). */
@Module({
  imports: [ProjectionModule],
  providers: [GatewayRegistry],
  exports: [GatewayRegistry],
})
export class RegistryModule {}
