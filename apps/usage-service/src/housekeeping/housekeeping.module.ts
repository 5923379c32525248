import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@keygate/contracts';
import { KeyServiceClientModule } from '../rpc/key-service-client.module';
import { HousekeepingQueue } from './housekeeping.queue';
import { KeyHousekeeping } from './key-housekeeping';

@Module({
  imports: [KeyServiceClientModule],
  providers: [KeyHousekeeping, HousekeepingQueue, { provide: CLOCK, useValue: systemClock }],
  exports: [KeyHousekeeping],
})
export class HousekeepingModule {}
