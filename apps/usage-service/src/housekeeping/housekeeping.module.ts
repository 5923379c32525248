import { Module } from '@nestjs/common';
import { KeyServiceClientModule } from '../rpc/key-service-client.module';
import { HousekeepingQueue } from './housekeeping.queue';
import { KeyHousekeeping } from './key-housekeeping';

@Module({
  imports: [KeyServiceClientModule],
  providers: [KeyHousekeeping, HousekeepingQueue],
  exports: [KeyHousekeeping],
})
export class HousekeepingModule {}
